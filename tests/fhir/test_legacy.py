"""Bundles exported by soapnotes 0.2.0 still import, exactly, and are still checked.

The fixtures under ``tests/data/fhir/`` were written by the 0.2.0 exporter (main at
b35512a, before the Observations for height, BMI, outcome scores and garment wear, and the
JWS in the Provenance): the left-arm example as a draft; signed and amended with the fixed
test key of ``docs/signing.md`` (Ed25519 is deterministic, so the JWSs are the same bytes
on every run); signed without a key, exported as a physical therapy note with CPT.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import soapnotes
from soapnotes.fhir import from_bundle
from tests.pki import fixture_party

DATA = Path(__file__).parent.parent / "data" / "fhir"
AT = dt.datetime(2026, 11, 20, 18, 0, tzinfo=dt.timezone.utc)


def _notes() -> dict[str, soapnotes.Note]:
    party = fixture_party()
    note = soapnotes.examples.load_example("lymphedema-left-arm")
    keyed = dict(key=party.key, certificate=party.certificate)
    signed = soapnotes.sign(note, "Maren Albrecht", "CLT", AT, now=AT, **keyed)
    later = AT + dt.timedelta(hours=1)
    amended = soapnotes.amend(
        signed, "Maren Albrecht", later, "Typo", "Left arm, not right.", now=later, **keyed
    )
    return {
        "left-arm-draft": note,
        "left-arm-signed-keyed-amended": amended,
        "left-arm-signed-keyless-pt-cpt": soapnotes.sign(
            note, "Maren Albrecht", "CLT", AT, now=AT
        ),
    }


def _fixture(name: str) -> Any:
    return json.loads((DATA / f"{name}.0.2.0.fhir.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(_notes()))
def test_a_bundle_exported_by_0_2_0_imports_as_the_same_note(name: str) -> None:
    """The old form (the whole note in the extension) still reads back, signatures intact."""
    note = from_bundle(_fixture(name))
    assert note == _notes()[name]
    if note.is_signed:
        assert soapnotes.verify(note).ok


def test_a_0_2_0_bundle_changed_after_export_is_still_refused() -> None:
    """Reading the old form still compares every resource with the note it carries."""
    bundle = _fixture("left-arm-signed-keyed-amended")
    changed = copy.deepcopy(bundle)
    changed["entry"][1]["resource"]["name"][0]["family"] = "Someone Else"
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(changed)
    assert [p.path for p in exc.value.problems] == ["$.entry[1].resource.name[0].family"]
