"""from_bundle: the note a Bundle carries, exactly, and refusals at their $.path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import soapnotes
from soapnotes.fhir import from_bundle, to_bundle
from soapnotes.strategies import notes
from tests.conftest import EXAMPLE_NAMES, quick, thorough

_NOTES = st.one_of(
    notes(any_unicode=True),
    notes(signed=True, any_unicode=True),
    notes(bilateral_edema=True, removed_nodes=True, signed=True),
    notes(many_regions=True, long_text=True),
)


def _through_json(bundle: dict[str, Any]) -> Any:
    return json.loads(json.dumps(bundle, ensure_ascii=False))


@given(_NOTES, st.sampled_from(["progress", "physical_therapy"]), st.booleans())
@quick(20)
def test_round_trip_gives_the_same_note(note: soapnotes.Note, note_type: Any, cpt: bool) -> None:
    """from_bundle(to_bundle(note)) == note, through JSON text, whatever the options."""
    bundle = to_bundle(note, note_type=note_type, cpt=cpt)
    assert from_bundle(_through_json(bundle)) == note


@pytest.mark.slow
@given(_NOTES)
@thorough()
def test_round_trip_gives_the_same_note_thorough(note: soapnotes.Note) -> None:
    """The many-example half of the round trip."""
    assert from_bundle(_through_json(to_bundle(note))) == note


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_round_trips(name: str) -> None:
    """Each example comes back equal, its signature (when signed) still verifying."""
    note = soapnotes.examples.load_example(name)
    assert from_bundle(_through_json(to_bundle(note))) == note


def test_odd_whitespace_survives_exactly() -> None:
    """Text the FHIR resources show with spaces comes back as it was written."""
    import attrs

    note = soapnotes.examples.load_example()
    client = attrs.evolve(note.client, family_name="Łuka\u2028siewicz\x85")
    note = attrs.evolve(note, client=client)
    bundle = to_bundle(note)
    patient = bundle["entry"][1]["resource"]
    assert patient["name"][0]["family"] == "Łuka siewicz "
    assert from_bundle(bundle).client.family_name == "Łuka\u2028siewicz\x85"


def test_a_signed_note_still_verifies_after_the_round_trip() -> None:
    """Signature, hash and addenda come back, so the note verifies."""
    note = soapnotes.examples.load_example()
    at = dt.datetime(2026, 11, 20, 18, 0, tzinfo=dt.timezone.utc)
    signed = soapnotes.sign(note, "A. Therapist", "CLT", at)
    amended = soapnotes.amend(
        signed, "A. Therapist", at + dt.timedelta(hours=1), "typo", "Left, not right."
    )
    back = from_bundle(_through_json(to_bundle(amended)))
    assert back == amended
    assert soapnotes.verify(back).ok


def test_a_resource_changed_after_export_is_refused_at_its_path() -> None:
    """Editing a resource (the Patient's family name) is refused: the note says otherwise."""
    bundle = to_bundle(soapnotes.examples.load_example())
    changed = copy.deepcopy(bundle)
    changed["entry"][1]["resource"]["name"][0]["family"] = "Someone Else"
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(changed)
    assert [p.path for p in exc.value.problems] == ["$.entry[1].resource.name[0].family"]
    assert "Someone" not in str(exc.value)  # errors never echo the text
    dropped = copy.deepcopy(bundle)
    del dropped["entry"][-1]
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(dropped)
    assert [p.path for p in exc.value.problems] == ["$.entry"]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda b: b.update(resourceType="Patient"), "$.resourceType"),
        (lambda b: b.update(type="collection"), "$.type"),
        (lambda b: b.update(entry=[]), "$.entry"),
        (lambda b: b["entry"].pop(0), "$.entry[0].resource"),
        (lambda b: b["entry"][0]["resource"].pop("extension"), "$.entry[0].resource.extension"),
        (
            lambda b: b["entry"][0]["resource"]["extension"][0]["valueAttachment"].update(
                data="not base64!"
            ),
            "$.entry[0].resource.extension[0].valueAttachment.data",
        ),
        (lambda b: b.update(timestamp="yesterday"), "$.timestamp"),
    ],
)
def test_what_is_no_soapnotes_bundle_is_refused(change: Any, path: str) -> None:
    """Not a document Bundle soapnotes exported: one InvalidRecord naming where."""
    bundle = to_bundle(soapnotes.examples.load_example())
    change(bundle)
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(bundle)
    assert [p.path for p in exc.value.problems] == [path]


def test_an_invalid_carried_note_is_reported_with_its_own_paths() -> None:
    """The carried note is read by from_dict: its problems keep their $.path."""
    import base64

    data = soapnotes.to_dict(soapnotes.examples.load_example())
    data["session"]["duration_minutes"] = 0
    bundle = to_bundle(soapnotes.examples.load_example())
    bundle["entry"][0]["resource"]["extension"][0]["valueAttachment"]["data"] = base64.b64encode(
        json.dumps(data).encode()
    ).decode()
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(bundle)
    assert [p.path for p in exc.value.problems] == ["$.session.duration_minutes"]
