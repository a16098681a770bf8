"""to_bundle: a FHIR R4 document Bundle that three independent validators accept."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import soapnotes
from soapnotes.fhir import _codes as codes
from soapnotes.fhir import to_bundle
from soapnotes.fhir._text import fhir_instant, fhir_string
from soapnotes.strategies import notes
from tests.conftest import EXAMPLE_NAMES, quick
from tests.fhir.layers import all_problems, references

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
NO_PROBLEMS: dict[str, list[str]] = {
    "fhir.resources R4B": [],
    "HL7 JSON Schema": [],
    "FHIRPath invariants": [],
    "JSON shape": [],
}


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("note_type", ["progress", "physical_therapy"])
def test_every_example_passes_every_layer(name: str, note_type: Any) -> None:
    """Each example's bundle passes R4B models, the HL7 schema, the invariants, the shape."""
    bundle = to_bundle(soapnotes.examples.load_example(name), note_type=note_type, cpt=True)
    assert all_problems(bundle) == NO_PROBLEMS
    assert json.loads(json.dumps(bundle)) == bundle  # plain JSON data


_ANY_NOTE = st.one_of(
    notes(any_unicode=True),
    notes(signed=True, removed_nodes=True),
    notes(bilateral_edema=True, any_unicode=True, signed=True),
)


@given(_ANY_NOTE)
@quick(10)
def test_every_generated_note_passes_every_layer(note: soapnotes.Note) -> None:
    """Generated notes (any Unicode, signed, bilateral, removed nodes) pass every layer."""
    assert all_problems(to_bundle(note, timestamp=AT)) == NO_PROBLEMS


def test_the_document_is_a_composition_with_the_four_soap_sections() -> None:
    """Composition first, preliminary for a draft, the four LOINC sections (never 51847-2)."""
    note = soapnotes.examples.load_example()
    bundle = to_bundle(note, timestamp=AT)
    assert bundle["type"] == "document"
    assert bundle["timestamp"] == "2026-12-01T09:00:00Z"
    composition = bundle["entry"][0]["resource"]
    assert composition["resourceType"] == "Composition"
    assert composition["status"] == "preliminary"
    assert "attester" not in composition
    assert composition["type"]["coding"][0]["code"] == "11506-3"
    sections = [s["code"]["coding"][0]["code"] for s in composition["section"]]
    assert sections == ["61150-9", "61149-1", "51848-0", "18776-5"]
    assert "51847-2" not in json.dumps(bundle)
    assert _resources(bundle, "Provenance") == []
    pt = to_bundle(note, note_type="physical_therapy")["entry"][0]["resource"]
    assert pt["type"]["coding"][0]["code"] == "11508-9"


def test_a_signed_note_is_final_attested_and_has_its_provenance() -> None:
    """Signed without a key: status final, a legal attester, a Provenance naming the author
    and time but no signature data (a content hash is no signature)."""
    note = soapnotes.sign(
        soapnotes.examples.load_example(),
        "A. Therapist",
        "CLT",
        dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
    )
    assert note.signature is not None
    bundle = to_bundle(note, timestamp=AT)
    composition = bundle["entry"][0]["resource"]
    assert composition["status"] == "final"
    assert composition["attester"][0]["mode"] == "legal"
    assert composition["attester"][0]["time"] == "2026-11-20T12:00:00-04:00"
    (provenance,) = _resources(bundle, "Provenance")
    assert "signature" not in provenance
    assert provenance["recorded"] == "2026-11-20T12:00:00-04:00"
    assert provenance["agent"][0]["who"] == {"reference": bundle["entry"][2]["fullUrl"]}
    assert provenance["target"] == [{"reference": bundle["entry"][0]["fullUrl"]}]
    assert all_problems(bundle) == NO_PROBLEMS


def test_every_reference_points_into_the_bundle() -> None:
    """Every Reference names an entry's fullUrl (the document is self-contained)."""
    bundle = to_bundle(soapnotes.examples.load_example("lymphedema-left-leg"), timestamp=AT)
    urls = {entry["fullUrl"] for entry in bundle["entry"]}
    found = references(bundle)
    assert found
    assert set(found) <= urls


def test_each_series_is_one_observation_with_a_component_per_tape_point() -> None:
    """A series: a cm component per point at its distance, and the computed volume in mL."""
    note = soapnotes.examples.load_example()
    bundle = to_bundle(note, timestamp=AT)
    series_obs = [
        o
        for o in _resources(bundle, "Observation")
        if o["code"]["coding"][0]["code"] == codes.CIRCUMFERENCE_SERIES.code
    ]
    series = note.session.objective.circumferences
    assert len(series_obs) == len(series)
    for obs, s in zip(series_obs, series, strict=True):
        points, volume = obs["component"][:-1], obs["component"][-1]
        assert [p["valueQuantity"]["value"] for p in points] == [
            p.circumference_cm for p in s.points
        ]
        assert [p["extension"][0]["valueQuantity"]["value"] for p in points] == [
            p.distance_cm for p in s.points
        ]
        assert {p["valueQuantity"]["code"] for p in points} == {"cm"}
        assert volume["valueQuantity"]["code"] == "mL"
        assert volume["valueQuantity"]["value"] == pytest.approx(s.volume_ml, abs=0.05)
        assert "value" not in json.dumps(obs["code"])  # obs-7: no value beside the components


def test_lymphedema_is_coded_with_its_isl_stage_and_icd10() -> None:
    """Lymphedema: SNOMED 234097001, the recorded ICD-10 codes, the ISL stage as text."""
    note = soapnotes.examples.load_example()
    (lymphedema,) = [c for c in note.client.conditions if c.kind.value == "lymphedema"]
    bundle = to_bundle(note, timestamp=AT)
    (resource,) = [
        c
        for c in _resources(bundle, "Condition")
        if any(x.get("code") == "234097001" for x in c["code"].get("coding", []))
    ]
    icd = [x["code"] for x in resource["code"]["coding"] if x["system"] == codes.ICD10]
    assert icd == list(lymphedema.icd10)
    assert resource["stage"] == [{"summary": {"text": f"ISL {lymphedema.isl_stage_label}"}}]
    site = resource["bodySite"][0]["coding"][0]["code"]
    assert site == "53120007:272741003=7771000"  # upper limb, laterality left


def test_the_procedure_has_no_procedure_code_unless_the_clinic_bills_cpt() -> None:
    """The treatment is text; CPT 97140 appears only with cpt=True."""
    note = soapnotes.examples.load_example()
    (plain,) = _resources(to_bundle(note, timestamp=AT), "Procedure")
    assert "coding" not in plain["code"]
    assert plain["code"]["text"] == note.session.modality.label
    (billed,) = _resources(to_bundle(note, cpt=True, timestamp=AT), "Procedure")
    assert billed["code"]["coding"] == [codes.CPT_MANUAL_THERAPY.coding()]


@pytest.mark.parametrize(
    ("text", "exported"),
    [
        ("a\u2028b", "a b"),
        ("a\x85b\u00a0c", "a b c"),
        ("tab\tok\r\n", "tab\tok\r\n"),
        ("bell\x07", "bell "),
        ("\ufeffx", " x"),
        ("x\uffff", "x\ufffd"),
        ("\ufeff", "\ufffd"),
        ("Łukasiewicz 李", "Łukasiewicz 李"),
    ],
)
def test_odd_whitespace_becomes_a_space(text: str, exported: str) -> None:
    """FHIR strings refuse U+0085, U+2028, controls...: they become spaces (docs/fhir.md)."""
    assert fhir_string(text) == exported


def test_record_text_never_becomes_markup() -> None:
    """A complaint holding markup is escaped in the narrative, never interpreted."""
    note = soapnotes.examples.load_example()
    subjective = note.session.subjective
    import attrs

    odd = attrs.evolve(subjective, chief_complaint='<script>alert("x")</script> & \u2028')
    note = attrs.evolve(note, session=attrs.evolve(note.session, subjective=odd))
    bundle = to_bundle(note, timestamp=AT)
    div = bundle["entry"][0]["resource"]["section"][0]["text"]["div"]
    assert "<script>" not in div
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;  " in div
    assert all_problems(bundle) == NO_PROBLEMS


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (dt.timedelta(hours=-4), "2026-11-20T10:00:00-04:00"),
        (dt.timedelta(0), "2026-11-20T10:00:00Z"),
        (dt.timedelta(hours=15), "2026-11-19T19:00:00Z"),  # beyond FHIR's +14:00: UTC
        (dt.timedelta(hours=1, seconds=30), "2026-11-20T08:59:30Z"),  # seconds: UTC
    ],
)
def test_instants_keep_their_offset_when_fhir_can_write_it(
    offset: dt.timedelta, text: str
) -> None:
    """Seconds always; the offset kept when whole minutes within 14 h, else UTC."""
    at = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone(offset))
    assert fhir_instant(at) == text


def test_misuse_is_a_usage_error() -> None:
    """An unknown note type or a naive timestamp is refused."""
    note = soapnotes.examples.load_example()
    with pytest.raises(soapnotes.errors.UsageError, match="note_type"):
        to_bundle(note, note_type="discharge")  # type: ignore[arg-type]
    with pytest.raises(soapnotes.errors.UsageError, match="aware"):
        to_bundle(note, timestamp=dt.datetime(2026, 1, 1))  # noqa: DTZ001
