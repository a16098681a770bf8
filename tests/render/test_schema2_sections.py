"""The note shows the schema-2 data where a physician looks for it, and only when present."""

from __future__ import annotations

import io
import re

import attrs
import pytest
from pypdf import PdfReader

import soapnotes
from soapnotes import Note
from soapnotes.render import render_note_bytes
from tests.conftest import EXAMPLES_DIR


def _text(note: Note) -> str:
    reader = PdfReader(io.BytesIO(render_note_bytes(note)))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def leg_text() -> str:
    return _text(soapnotes.load(EXAMPLES_DIR / "lymphedema-left-leg.toml"))


@pytest.fixture(scope="module")
def arm_text() -> str:
    return _text(soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml"))


def test_diagnosis_codes_sit_with_the_conditions(arm_text: str) -> None:
    assert (
        "Lymphedema, left arm, ISL Stage II, secondary; ICD-10 I97.2 Postmastectomy "
        "lymphoedema syndrome" in arm_text
    )
    assert "Prescription RX-2026-04417; issued 14 Oct 2026; sessions 14 of 20 authorised" in (
        arm_text
    )


def test_weight_and_bmi_in_objective(leg_text: str) -> None:
    assert "Weight: 78.6 kg · BMI 29.8 kg/m² (pre-obese, WHO), from the intake height" in (
        leg_text
    )


def test_the_volume_method_is_on_the_page(leg_text: str, arm_text: str) -> None:
    """The disk method says so, with its disks; the frustum method too."""
    assert "disk method, 13 disks of 4 cm centred 0-48 cm" in leg_text
    assert "frustum method, every 4 cm" in arm_text


def test_device_volumes_stand_apart_from_tape(leg_text: str) -> None:
    assert "Volumes measured by device (as measured; not mixed with tape)" in leg_text
    assert "Perometer 400NT Ankle to 48 cm 6,480 mL" in leg_text


def test_outcomes_and_goals_in_assessment(arm_text: str) -> None:
    assessment = arm_text[arm_text.index("A: Assessment") : arm_text.index("P: Plan")]
    assert "LYMQOL arm 20 Nov 2026; 1-4, higher is worse 1.9 2.4 2.2 1.8 7" in assessment
    assert "Wear the day sleeve at least 12 hours a day (target 12 h/day" in assessment


def test_compression_beside_the_plan(leg_text: str, arm_text: str) -> None:
    plan = arm_text[arm_text.index("P: Plan") : arm_text.index("Treatment performed")]
    assert "Class 2 (RAL-GZ 387/1, 23-32 mmHg)" in plan
    assert "11 h (92 %)" in plan
    leg_plan = leg_text[leg_text.index("P: Plan") : leg_text.index("Treatment performed")]
    assert "Left leg: ABPI 1.04 (Doppler ABPI, 6 Oct 2026, by Siobhán Kelly)" in leg_plan


def test_red_flag_check_in_subjective(leg_text: str) -> None:
    assert "Red-flag check at this visit: 6 questions asked, all answered no" in leg_text


def test_history_beside_the_client(leg_text: str) -> None:
    assert "21 nodes removed" in leg_text
    assert "Cellulitis 12 Jul 2026, left leg" in leg_text
    assert "Referred by Dr. Ines Varga (Gynaecological oncology, St Aidan's Hospital" in (leg_text)


def test_nothing_new_shows_when_nothing_new_is_recorded() -> None:
    """A migrated v1 note renders as before: no empty schema-2 headings."""
    v1 = soapnotes.load(EXAMPLES_DIR.parent / "tests" / "data" / "v1" / "lymphedema-left-arm.toml")
    text = _text(v1)
    for absent in (
        "Compression ",
        "Weight:",
        "Outcome score",
        "Red-flag",
        "Prescription",
        "ICD-10",
    ):
        assert absent not in text


def test_a_red_flag_yes_is_listed() -> None:
    leg = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-leg.toml")
    check = leg.session.red_flags
    assert check is not None
    answers = [attrs.evolve(check.answers[2], answer=soapnotes.Answer.YES), *check.answers[3:]]
    flagged = attrs.evolve(
        leg, session=attrs.evolve(leg.session, red_flags=attrs.evolve(check, answers=answers))
    )
    assert "New calf pain or tenderness: YES" in _text(flagged)
