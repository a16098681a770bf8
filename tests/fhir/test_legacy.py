"""Bundles of export layout 1 (soapnotes 0.2.0) still import, exactly, and are checked.

Besides ``left-arm-signed.v1.fhir.json`` (``test_provenance``), these fixtures were written
by the 0.2.0 exporter (main at b35512a, before the Observations for height, BMI, outcome
scores and garment wear and the JWS in the Provenance), so each layout-1 path of the reader
has a bundle the old code really wrote: the left-arm example as a draft; signed and amended
with the fixed test key of ``docs/signing.md`` (Ed25519 is deterministic, so the JWSs, which
layout 1 carried only inside the note, are the same bytes on every run); signed without a
key and exported as a physical therapy note with CPT (the options layout 1 shows).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import soapnotes
from soapnotes.fhir import _codes as codes
from soapnotes.fhir import from_bundle, to_bundle
from tests.pki import fixture_party

DATA = Path(__file__).parent.parent / "data" / "fhir"
AT = dt.datetime(2026, 11, 20, 18, 0, tzinfo=dt.timezone.utc)


def _notes() -> dict[str, soapnotes.Note]:
    party = fixture_party()
    note = soapnotes.examples.load_example("lymphedema-left-arm")
    signed = soapnotes.sign(
        note, "Maren Albrecht", "CLT", AT, now=AT, key=party.key, certificate=party.certificate
    )
    later = AT + dt.timedelta(hours=1)
    amended = soapnotes.amend(
        signed,
        "Maren Albrecht",
        later,
        "Typo",
        "Left arm, not right.",
        now=later,
        key=party.key,
        certificate=party.certificate,
    )
    return {
        "left-arm-draft": note,
        "left-arm-keyed-amended": amended,
        "left-arm-keyless-pt-cpt": soapnotes.sign(note, "Maren Albrecht", "CLT", AT, now=AT),
    }


def _fixture(name: str) -> Any:
    return json.loads((DATA / f"{name}.v1.fhir.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(_notes()))
def test_a_layout_1_bundle_imports_as_the_same_note(name: str) -> None:
    """The whole note in the old extension reads back, signatures intact (the keyed one
    authenticated), and exporting it again writes layout 2, which reads back the same."""
    old = _fixture(name)
    assert old["entry"][0]["resource"]["extension"][0]["url"] == codes.NOTE_EXTENSION
    note = from_bundle(old)
    assert note == _notes()[name]
    if note.is_signed:
        result = soapnotes.verify(note)
        assert result.ok
        assert result.authenticated == (name == "left-arm-keyed-amended")
    again = to_bundle(note, note_type="physical_therapy", cpt=name.endswith("cpt"))
    assert again["entry"][0]["resource"]["extension"][0]["url"] == codes.NOTE_REMAINDER_EXTENSION
    assert from_bundle(json.loads(json.dumps(again))) == note


def test_a_layout_1_bundle_changed_after_export_is_still_refused() -> None:
    """Reading the old form still compares every resource with the note it carries."""
    bundle = _fixture("left-arm-keyed-amended")
    changed = copy.deepcopy(bundle)
    changed["entry"][1]["resource"]["name"][0]["family"] = "Someone Else"
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(changed)
    assert [p.path for p in exc.value.problems] == ["$.entry[1].resource.name[0].family"]
