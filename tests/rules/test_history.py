"""History and referral rules: medications against the screen, cellulitis, red flags, the
prescription (SN-HX-*, SN-PX-*)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from soapnotes import (
    Answer,
    CellulitisEpisode,
    Contraindication,
    Intake,
    Medication,
    MedicationKind,
    Note,
    RedFlag,
    RedFlagAnswer,
    RedFlagCheck,
)
from soapnotes.examples import load_example
from tests.rules.helpers import codes, only, with_answer, with_client, with_session


@pytest.fixture
def leg() -> Note:
    return load_example("lymphedema-left-leg")


def _taking(note: Note, *medications: Medication) -> Note:
    intake = note.client.intake or Intake()
    changes: dict[str, Any] = {"medications": medications}
    return with_client(note, intake=attrs.evolve(intake, **changes))


APIXABAN = Medication(name="Apixaban", kind=MedicationKind.ANTICOAGULANT, dose="5 mg bd")
FUROSEMIDE = Medication(name="Furosemide", kind=MedicationKind.DIURETIC)


def test_anticoagulant_needs_the_dvt_question(arm: Note) -> None:
    """Acute DVT not asked: on apixaban that is SN-HX-001 at the drug."""
    unasked = with_answer(arm, Contraindication.ACUTE_DVT, None)
    found = only(_taking(unasked, APIXABAN), "SN-HX-001")
    assert [(f.path, f.severity.value) for f in found] == [
        ("$.client.intake.medications[0]", "warning")
    ]
    asked = with_answer(_taking(arm, APIXABAN), Contraindication.ACUTE_DVT, Answer.NO)
    assert not only(asked, "SN-HX-001")
    unknown = with_answer(_taking(arm, APIXABAN), Contraindication.ACUTE_DVT, Answer.UNKNOWN)
    assert only(unknown, "SN-HX-001")


def test_anticoagulant_needs_a_reason_on_the_screen(leg: Note) -> None:
    """Blood clots answered no and no arrhythmia: why the anticoagulant? (SN-HX-002)."""
    note = _taking(leg, APIXABAN)
    assert not only(note, "SN-HX-001")  # the leg example asks acute DVT
    assert [f.code for f in only(note, "SN-HX-002")] == ["SN-HX-002"]
    atrial = with_answer(note, Contraindication.ARRHYTHMIA, Answer.YES)
    assert not only(atrial, "SN-HX-002")


def test_diuretic_with_no_organ_disease_is_info(leg: Note) -> None:
    found = only(_taking(leg, FUROSEMIDE), "SN-HX-003")
    assert [(f.path, f.severity.value) for f in found] == [
        ("$.client.intake.medications[0]", "info")
    ]
    heart = with_answer(_taking(leg, FUROSEMIDE), Contraindication.HEART_CONDITION, Answer.YES)
    assert not only(heart, "SN-HX-003")


def test_recent_cellulitis_is_a_warning(leg: Note) -> None:
    """Began 14 days before the session: check it resolved (BLS 2016); the window is policy."""
    intake = leg.client.intake
    assert intake is not None
    episode = CellulitisEpisode(began_on=dt.date(2026, 11, 3))
    changes: dict[str, Any] = {"cellulitis": (episode,)}
    note = with_client(leg, intake=attrs.evolve(intake, **changes))
    found = only(note, "SN-HX-004")
    assert found[0].path == "$.client.intake.cellulitis[0].began_on"
    assert "14 days before the session" in found[0].message
    assert not only(note, "SN-HX-004", recent_cellulitis_days=10)


def test_the_examples_old_cellulitis_is_quiet(leg: Note, arm: Note) -> None:
    assert "SN-HX-004" not in codes(leg) + codes(arm)


def _flags(note: Note, *answers: tuple[RedFlag, Answer]) -> Note:
    check = RedFlagCheck(answers=[RedFlagAnswer(question=q, answer=a) for q, a in answers])
    return with_session(note, red_flags=check)


def test_a_red_flag_is_an_error_and_unknown_a_warning(leg: Note) -> None:
    note = _flags(
        leg,
        (RedFlag.FEVER, Answer.NO),
        (RedFlag.CALF_PAIN, Answer.YES),
        (RedFlag.NEW_LUMP, Answer.UNKNOWN),
    )
    assert [(f.code, f.path, f.severity.value) for f in only(note, "SN-HX-005")] == [
        ("SN-HX-005", "$.session.red_flags.answers[1].answer", "error")
    ]
    assert only(note, "SN-HX-005")[0].message == (
        "Red flag at this visit: new calf pain or tenderness; refer before treating"
    )
    assert [f.path for f in only(note, "SN-HX-006")] == ["$.session.red_flags.answers[2].answer"]


def test_prescription_exceeded_expired_and_last(leg: Note) -> None:
    prescription = leg.client.prescription
    assert prescription is not None
    over = with_client(leg, prescription=attrs.evolve(prescription, sessions_used=16))
    assert [f.path for f in only(over, "SN-PX-001")] == ["$.client.prescription.sessions_used"]
    last = with_client(leg, prescription=attrs.evolve(prescription, sessions_used=15))
    assert only(last, "SN-PX-003")[0].severity.value == "info"
    expired = with_client(
        leg, prescription=attrs.evolve(prescription, valid_until=dt.date(2026, 11, 1))
    )
    assert [f.path for f in only(expired, "SN-PX-002")] == ["$.client.prescription.valid_until"]
    late = with_client(
        leg,
        prescription=attrs.evolve(prescription, issued_on=dt.date(2026, 11, 18), valid_until=None),
    )
    assert [f.path for f in only(late, "SN-PX-002")] == ["$.client.prescription.issued_on"]


def test_no_history_no_findings(swedish: Note) -> None:
    """A note without the schema-2 records gets none of these codes."""
    plain = with_client(swedish, intake=None, prescription=None)
    assert not [c for c in codes(plain) if c[3:5] in ("HX", "PX", "CP")]
