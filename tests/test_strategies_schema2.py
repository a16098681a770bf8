"""The strategies for schema 2: every new record, the schema_2 option, the edge-case options."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import soapnotes
from soapnotes import Answer, Limb, Note, Severity, validate
from soapnotes import strategies as sst
from soapnotes.io._converter import structure_detailed
from soapnotes.io._fast import structurer
from soapnotes.io._v1 import V1_FIELDS

from .conftest import quick, thorough

FACTORIES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    soapnotes.Garment: sst.garments,
    soapnotes.Bandaging: sst.bandaging,
    soapnotes.Compression: sst.compressions,
    soapnotes.ArterialCheck: sst.arterial_checks,
    soapnotes.Physician: sst.physicians,
    soapnotes.Prescription: sst.prescriptions,
    soapnotes.Intake: sst.intakes,
    soapnotes.CancerHistory: sst.cancer_histories,
    soapnotes.CellulitisEpisode: sst.cellulitis_episodes,
    soapnotes.Medication: sst.medications,
    soapnotes.RedFlagCheck: sst.red_flag_checks,
    soapnotes.OutcomeScore: sst.outcome_scores,
    soapnotes.Goal: sst.goals,
    soapnotes.MeasuredVolume: sst.measured_volumes,
    soapnotes.Bioimpedance: sst.bioimpedance_readings,
}


@pytest.mark.parametrize("record", list(FACTORIES), ids=lambda r: r.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_each_new_factory_draws_its_record(record: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(FACTORIES[record]()), record)


def _not_info(note: Note) -> list[str]:
    return [str(f) for f in validate(note) if f.severity is not Severity.INFO]


def _full_record(note: Note) -> None:
    """schema_2=True: every schema-2 record is there, and the note is still clean."""
    client, session = note.client, note.session
    assert client.intake is not None
    assert client.prescription is not None
    assert client.referring_physician is not None
    assert {c.side for c in client.arterial_checks} == {soapnotes.Side.LEFT, soapnotes.Side.RIGHT}
    assert session.objective.weight_kg is not None
    assert session.red_flags is not None
    assert all(a.answer is Answer.NO for a in session.red_flags.answers)
    assert session.assessment.outcomes
    assert session.assessment.goals
    swollen = [(limb, side) for limb in Limb for side in client.swollen_sides(limb)]
    if swollen:
        assert session.compression is not None
    assert _not_info(note) == []


@quick(20)
@given(sst.notes(schema_2=True))
def test_schema_2_option_draws_every_new_record(note: Note) -> None:
    _full_record(note)


@pytest.mark.slow
@thorough()
@given(sst.notes(schema_2=True, removed_nodes=True, bilateral_edema=True))
def test_schema_2_option_draws_every_new_record_thorough(note: Note) -> None:
    _full_record(note)


def _v1_only(note: Note) -> None:
    data = soapnotes.to_dict(note)

    def present(value: Any, known: set[str]) -> set[str]:
        out: set[str] = set()
        if isinstance(value, dict):
            for key, item in value.items():
                if item not in (None, [], "frustum"):
                    out.add(key)
                out |= present(item, known)
        elif isinstance(value, list):
            for item in value:
                out |= present(item, known)
        return out

    known = set().union(*V1_FIELDS.values())
    assert present(data, known) <= known | {"content_schema_version"}


@quick(20)
@given(sst.notes(schema_2=False))
def test_schema_2_false_draws_what_a_v1_note_holds(note: Note) -> None:
    _v1_only(note)


@quick(15)
@given(sst.notes(schema_2=True))
def test_fast_and_detailed_paths_build_the_same_schema_2_note(note: Note) -> None:
    """The fast path builds the new records exactly as the detailed cattrs path does."""
    data = soapnotes.to_dict(note)
    fast = structurer(Note)
    assert fast is not None
    assert fast(data) == structure_detailed(data, Note, source=None) == note
    for fmt in ("json", "toml"):
        assert soapnotes.loads(soapnotes.dumps(note, fmt), fmt) == note


@quick(15)
@given(sst.invalid_note_data(base=sst.notes(schema_2=True)))
def test_faults_in_schema_2_notes_are_reported_at_their_paths(bad: Any) -> None:
    with pytest.raises(soapnotes.InvalidRecord) as info:
        soapnotes.from_dict(bad.data)
    assert {p.path for p in info.value.problems} == bad.paths


@settings(max_examples=60)
@given(sst.arterial_checks(any_abpi=True))
def test_any_abpi_reaches_every_band(check: soapnotes.ArterialCheck) -> None:
    """With any_abpi the check may be a clinical assessment or any index 0-3."""
    if check.method is soapnotes.ArterialCheckMethod.CLINICAL_ASSESSMENT:
        assert check.abpi is None
    else:
        assert check.abpi is not None
        assert 0 <= check.abpi <= 3


def test_edge_case_options_reach_their_cases() -> None:
    """any_abpi, any_answer and any_kind draw what the default strategies never do."""
    from hypothesis import find

    low = find(sst.arterial_checks(any_abpi=True), lambda c: (c.abpi or 1) < 0.5)
    assert low.abpi is not None
    flagged = find(
        sst.red_flag_checks(any_answer=True),
        lambda c: any(a.answer is Answer.YES for a in c.answers),
    )
    assert flagged.answers
    drug = find(
        sst.medications(any_kind=True), lambda m: m.kind is soapnotes.MedicationKind.ANTICOAGULANT
    )
    assert drug.name == "Apixaban"
    disk = find(sst.circumference_series(), lambda s: s.method is soapnotes.VolumeFormula.DISK)
    assert disk.volume_ml > 0
