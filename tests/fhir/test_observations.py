"""Layout 2 Observations: height, BMI, outcome scores and reported garment wear, carried
once (in the Observation, not also in the note the Composition carries)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

import soapnotes
from soapnotes.fhir import _codes as codes
from soapnotes.fhir import from_bundle, to_bundle
from tests.fhir.layers import all_problems
from tests.fhir.test_export import AT, NO_PROBLEMS


def _by_code(bundle: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["code"]["coding"][0]["code"] == code
    ]


def _url_of(bundle: dict[str, Any], resource: dict[str, Any]) -> str:
    (url,) = [e["fullUrl"] for e in bundle["entry"] if e["resource"] is resource]
    return str(url)


def _carried(bundle: dict[str, Any]) -> Any:
    data = bundle["entry"][0]["resource"]["extension"][0]["valueAttachment"]["data"]
    return json.loads(base64.b64decode(data))


@pytest.fixture
def arm() -> tuple[soapnotes.Note, dict[str, Any]]:
    note = soapnotes.examples.load_example("lymphedema-left-arm")
    return note, to_bundle(note, timestamp=AT)


def test_height_and_bmi_are_vital_sign_observations(arm: Any) -> None:
    """Height LOINC 8302-2 in cm at the intake date; BMI 39156-5 in kg/m2 derived from the
    weight and height Observations."""
    note, bundle = arm
    (height,) = _by_code(bundle, "8302-2")
    assert height["valueQuantity"] == {
        "value": 164,
        "unit": "cm",
        "system": "http://unitsofmeasure.org",
        "code": "cm",
    }
    assert height["effectiveDateTime"] == "2026-10-20"
    (bmi,) = _by_code(bundle, "39156-5")
    assert bmi["valueQuantity"]["value"] == round(note.bmi, 1) == 26.5
    assert bmi["valueQuantity"]["code"] == "kg/m2"
    (weight,) = _by_code(bundle, codes.BODY_WEIGHT.code)
    assert bmi["derivedFrom"] == [
        {"reference": _url_of(bundle, weight)},
        {"reference": _url_of(bundle, height)},
    ]


def test_an_outcome_score_is_a_survey_observation_with_a_component_per_domain(arm: Any) -> None:
    """LYMQOL arm: the instrument as a soapnotes code, each domain and the overall rating a
    component ({score}), effective on the day it was completed."""
    note, bundle = arm
    (score,) = note.session.assessment.outcomes
    (outcome,) = _by_code(bundle, "lymqol-arm")
    assert outcome["category"][0]["coding"] == [codes.CATEGORY_SURVEY.coding()]
    assert outcome["effectiveDateTime"] == score.completed_on.isoformat()
    values = [
        (c["code"]["coding"][0]["code"], c["valueQuantity"]["value"]) for c in outcome["component"]
    ]
    assert values == [
        *((f"outcome-domain-{d.domain.value}", d.score) for d in score.domains),
        ("outcome-overall", score.overall),
    ]
    assert all(c["valueQuantity"]["code"] == "{score}" for c in outcome["component"])
    sections = {s["title"]: s for s in bundle["entry"][0]["resource"]["section"]}
    assert {"reference": _url_of(bundle, outcome)} in sections["Assessment"]["entry"]


def test_reported_garment_wear_is_hours_a_day(arm: Any) -> None:
    """The sleeve's reported wear in UCUM h/d on the left upper limb, in Subjective."""
    _, bundle = arm
    (wear,) = _by_code(bundle, "garment-wear-reported")
    assert wear["valueQuantity"] == {
        "value": 11,
        "unit": "h/d",
        "system": "http://unitsofmeasure.org",
        "code": "h/d",
    }
    assert wear["bodySite"]["coding"][0]["code"] == "53120007:272741003=7771000"
    sections = {s["title"]: s for s in bundle["entry"][0]["resource"]["section"]}
    assert {"reference": _url_of(bundle, wear)} in sections["Subjective"]["entry"]


def test_the_carried_note_leaves_those_values_to_the_observations(arm: Any) -> None:
    """No duplicate: the carried note holds a reference where each value was."""
    _, bundle = arm
    data = _carried(bundle)
    urls = {
        code: _url_of(bundle, _by_code(bundle, code)[0])
        for code in ("8302-2", "lymqol-arm", "garment-wear-reported")
    }
    assert data["client"]["intake"]["height_cm"] == {"in_resource": urls["8302-2"]}
    assert data["session"]["assessment"]["outcomes"] == [{"in_resource": urls["lymqol-arm"]}]
    garment = data["session"]["compression"]["garments"][0]
    assert garment["reported_hours_per_day"] == {"in_resource": urls["garment-wear-reported"]}
    assert garment["prescribed_hours_per_day"] == 12  # a prescription, not an observation


@pytest.mark.parametrize("name", ["lymphedema-left-arm", "lipedema-legs", "lymphedema-left-leg"])
def test_examples_with_those_values_pass_every_layer_and_round_trip(name: str) -> None:
    """The examples that record height, outcome scores and garment wear: valid, and equal
    after the round trip."""
    note = soapnotes.examples.load_example(name)
    bundle = to_bundle(note)
    assert _by_code(bundle, "8302-2")
    assert all_problems(bundle) == NO_PROBLEMS
    assert from_bundle(json.loads(json.dumps(bundle))) == note


@pytest.mark.parametrize(
    ("code", "carried"),
    [
        ("8302-2", "$.client.intake.height_cm"),
        ("lymqol-arm", "$.session.assessment.outcomes[0]"),
        ("garment-wear-reported", "$.session.compression.garments[0].reported_hours_per_day"),
    ],
)
def test_an_observation_removed_from_the_bundle_is_refused(code: str, carried: str) -> None:
    """A value the carried note leaves to an Observation cannot silently go missing."""
    bundle = to_bundle(soapnotes.examples.load_example("lymphedema-left-arm"))
    (gone,) = _by_code(bundle, code)
    bundle["entry"] = [e for e in bundle["entry"] if e["resource"] is not gone]
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(bundle)
    (problem,) = exc.value.problems
    assert problem.path == "$.entry[0].resource.extension[0].valueAttachment.data"
    assert carried in problem.message
