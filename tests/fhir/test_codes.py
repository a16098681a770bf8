"""The one code table: documented, and the only LOINC and SNOMED CT codes a Bundle uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import soapnotes
from soapnotes.fhir import to_bundle
from soapnotes.fhir._codes import ALL_CODES, LOINC, SNOMED
from soapnotes.strategies import notes
from tests.conftest import EXAMPLE_NAMES, quick

DOC = (Path(__file__).resolve().parents[2] / "docs" / "fhir.md").read_text("utf-8")
KNOWN = {(code.system, code.code) for code in ALL_CODES}


@pytest.mark.parametrize("code", ALL_CODES, ids=lambda c: f"{c.system}|{c.code}")
def test_every_code_is_in_the_docs_table_with_its_source(code: Any) -> None:
    """docs/fhir.md lists each code of the table with its display and source."""
    row = f"| `{code.system}` | `{code.code}` | {code.display} | {code.source} |"
    assert row in DOC


def _codings(value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        own = [(value["system"], value["code"])] if {"system", "code"} <= value.keys() else []
        return own + [c for item in value.values() for c in _codings(item)]
    if isinstance(value, list):
        return [c for item in value for c in _codings(item)]
    return []


def _unknown_codes(bundle: dict[str, Any]) -> set[tuple[str, str]]:
    """LOINC and SNOMED CT codes (each part of an expression) not in the table."""
    out = set()
    for system, code in _codings(bundle):
        if system not in (LOINC, SNOMED):
            continue
        parts = code.replace(":", "=").split("=") if system == SNOMED else [code]
        out |= {(system, part) for part in parts if (system, part) not in KNOWN}
    return out


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_use_only_codes_of_the_table(name: str) -> None:
    """No LOINC or SNOMED CT code outside the table appears in an example's bundle."""
    bundle = to_bundle(soapnotes.examples.load_example(name), cpt=True)
    assert _codings(bundle)
    assert _unknown_codes(bundle) == set()


@given(notes(many_regions=True))
@quick(10)
def test_generated_notes_use_only_codes_of_the_table(note: soapnotes.Note) -> None:
    """Whatever regions and limbs a note has, its codes come from the table."""
    assert _unknown_codes(to_bundle(note)) == set()
