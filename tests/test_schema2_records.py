"""The records schema 2 adds: their checks, the computed numbers, the disk method."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import soapnotes
from soapnotes import (
    COMPRESSION_CLASSES,
    ArterialCheck,
    ArterialCheckMethod,
    CircumferencePoint,
    CircumferenceSeries,
    CompressionStandard,
    Condition,
    ConditionKind,
    DomainScore,
    Garment,
    GarmentKind,
    Goal,
    GoalMeasure,
    Instrument,
    Landmark,
    Limb,
    LipedemaType,
    LymphedemaOrigin,
    OutcomeDomain,
    OutcomeScore,
    Physician,
    Prescription,
    RedFlag,
    RedFlagAnswer,
    RedFlagCheck,
    Side,
    VolumeFormula,
    bmi_class,
    body_mass_index,
    disk_volume_ml,
    icd10_title,
    pressure_range,
)
from soapnotes.errors import InvalidField, UsageError
from soapnotes.models._fields import FieldProblems
from soapnotes.strategies import circumference_series
from tests.conftest import EXAMPLES_DIR

TODAY = dt.date(2026, 11, 20)


def _points(*pairs: tuple[float, float]) -> tuple[CircumferencePoint, ...]:
    return tuple(CircumferencePoint(distance_cm=d, circumference_cm=c) for d, c in pairs)


def _series(method: VolumeFormula, *pairs: tuple[float, float], interval: float = 4) -> Any:
    return CircumferenceSeries(
        limb=Limb.ARM,
        side=Side.LEFT,
        landmark=Landmark.WRIST,
        interval_cm=interval,
        points=_points(*pairs),
        method=method,
    )


# -- volume methods -------------------------------------------------------------------------


def test_disk_volume_matches_hand_computation() -> None:
    """Disks 4 cm thick around each point: sum C² h / (4π) (Kuhnke 1976)."""
    series = _series(VolumeFormula.DISK, (0, 16), (4, 18), (8, 20))
    expected = (16**2 + 18**2 + 20**2) * 4 / (4 * math.pi)
    assert series.volume_ml == pytest.approx(expected)
    assert series.covered_cm == (-2.0, 10.0)


def test_frustum_and_disk_differ_for_the_same_tape() -> None:
    """n points: frustums cover (n-1) h, disks n h; for a cylinder exactly that ratio."""
    pairs = [(4.0 * i, 20.0) for i in range(11)]
    frustum = _series(VolumeFormula.FRUSTUM, *pairs)
    disk = _series(VolumeFormula.DISK, *pairs)
    assert disk.volume_ml / frustum.volume_ml == pytest.approx(11 / 10)
    assert not frustum.comparable_with(disk)
    assert frustum.comparable_with(attrs.evolve(frustum, side=Side.RIGHT))


def test_disk_needs_even_spacing() -> None:
    with pytest.raises(FieldProblems, match="points: must be every interval_cm apart"):
        _series(VolumeFormula.DISK, (0, 16), (4, 18), (10, 20))
    with pytest.raises(UsageError, match="every interval_cm"):
        disk_volume_ml(_points((0, 16), (5, 17)), 4)
    with pytest.raises(UsageError, match="interval_cm"):
        disk_volume_ml(_points((0, 16)), 0)


@given(circumference_series(method=VolumeFormula.DISK), st.floats(5, 120))
def test_disk_of_constant_circumference_is_a_cylinder_of_n_intervals(
    series: CircumferenceSeries, constant: float
) -> None:
    points = [attrs.evolve(p, circumference_cm=constant) for p in series.points]
    length = len(points) * series.interval_cm
    assert disk_volume_ml(points, series.interval_cm) == pytest.approx(
        length * constant**2 / (4 * math.pi)
    )


def test_examples_show_both_methods() -> None:
    leg = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-leg.toml")
    arm = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    assert {s.method for s in leg.session.objective.circumferences} == {VolumeFormula.DISK}
    assert {s.method for s in arm.session.objective.circumferences} == {VolumeFormula.FRUSTUM}
    # Device volumes are kept beside the tape ones, never in place of them.
    left = leg.session.objective.series(Limb.LEG, Side.LEFT)
    assert left is not None
    assert round(left.volume_ml) == 6295
    assert [v.volume_ml for v in leg.session.objective.volumes] == [6480.0, 4975.0]


# -- compression ------------------------------------------------------------------------------


def test_the_class_table() -> None:
    """One table, by standard (Lymphoedema Framework 2006b; Zuther 2010)."""
    assert pressure_range(CompressionStandard.RAL, 2).label == "23-32 mmHg"
    assert pressure_range(CompressionStandard.RAL, 4).label == "≥ 49 mmHg"
    assert pressure_range(CompressionStandard.BRITISH, 3).label == "25-35 mmHg"
    assert pressure_range(CompressionStandard.AFNOR, 4).label == "> 36 mmHg"
    assert pressure_range(CompressionStandard.US, 1).label == "20-30 mmHg"
    assert sorted(COMPRESSION_CLASSES[CompressionStandard.BRITISH]) == [1, 2, 3]
    for classes in COMPRESSION_CLASSES.values():
        ranges = [classes[c] for c in sorted(classes)]
        assert all(a.low < b.low for a, b in itertools.pairwise(ranges))


def test_a_garment_class_must_exist_in_its_standard() -> None:
    with pytest.raises(FieldProblems, match="compression_class: must be a class of the BS 6612"):
        Garment(
            kind=GarmentKind.SLEEVE,
            side=Side.LEFT,
            standard=CompressionStandard.BRITISH,
            compression_class=4,
        )
    sleeve = Garment(
        kind=GarmentKind.SLEEVE,
        side=Side.LEFT,
        standard=CompressionStandard.AFNOR,
        compression_class=4,
        prescribed_hours_per_day=12,
        reported_hours_per_day=9,
    )
    assert sleeve.class_label == "Class 4 (AFNOR NF G30-102, > 36 mmHg)"
    assert sleeve.adherence_percent == pytest.approx(75)


def test_limb_garments_need_a_side_except_pantyhose() -> None:
    with pytest.raises(FieldProblems, match="side: is required for a garment on the leg"):
        Garment(kind=GarmentKind.KNEE_HIGH, standard=CompressionStandard.RAL, compression_class=1)
    tights = Garment(
        kind=GarmentKind.PANTYHOSE, standard=CompressionStandard.RAL, compression_class=2
    )
    assert tights.sides == frozenset(Side)
    vest = Garment(kind=GarmentKind.VEST, standard=CompressionStandard.US, compression_class=1)
    assert vest.limb is None
    assert vest.sides == frozenset()


def test_garment_dates_in_order() -> None:
    with pytest.raises(FieldProblems, match="replace_on"):
        Garment(
            kind=GarmentKind.GLOVE,
            side=Side.RIGHT,
            standard=CompressionStandard.RAL,
            compression_class=1,
            fitted_on=TODAY,
            replace_on=TODAY - dt.timedelta(days=1),
        )


def test_arterial_check_abpi_by_method() -> None:
    with pytest.raises(FieldProblems, match="abpi: is required for the doppler method"):
        ArterialCheck(side=Side.LEFT, checked_on=TODAY)
    with pytest.raises(FieldProblems, match="must be left out"):
        ArterialCheck(
            side=Side.LEFT,
            checked_on=TODAY,
            method=ArterialCheckMethod.CLINICAL_ASSESSMENT,
            abpi=1.0,
        )
    with pytest.raises(InvalidField, match=r"ArterialCheck\.abpi must be a number in \[0, 3\]"):
        ArterialCheck(side=Side.LEFT, checked_on=TODAY, abpi=3.5)


# -- diagnosis, intake, outcomes --------------------------------------------------------------


def test_icd10_codes_are_checked_and_titled() -> None:
    condition = Condition(
        kind=ConditionKind.LYMPHEDEMA,
        area=soapnotes.EdemaArea.ARM,
        side=soapnotes.Laterality.LEFT,
        icd10=["I97.2"],
        origin=LymphedemaOrigin.SECONDARY,
    )
    assert icd10_title(condition.icd10[0]) == "Postmastectomy lymphoedema syndrome"
    assert icd10_title("Z99.9") is None
    for bad in ("I972", "i89.0", "U07.1", "I89.00000"):
        with pytest.raises(InvalidField, match="ICD-10 code"):
            attrs.evolve(condition, icd10=[bad])


def test_detail_belongs_to_its_condition() -> None:
    with pytest.raises(FieldProblems) as info:
        Condition(
            kind=ConditionKind.FIBROMYALGIA,
            origin=LymphedemaOrigin.PRIMARY,
            lipedema_stage=2,
            lipedema_types=[LipedemaType.TYPE_IV],
            ceap=soapnotes.CeapClass.C3,
        )
    assert [field for field, _ in info.value.problems] == [
        "origin",
        "lipedema_stage",
        "lipedema_types",
        "ceap",
    ]
    lipedema = Condition(
        kind=ConditionKind.LIPEDEMA, lipedema_stage=4, lipedema_types=[LipedemaType.TYPE_III]
    )
    assert lipedema.lipedema_types[0].label == "Type III (buttocks to ankles)"
    assert soapnotes.BodyRegion.LOWER_LEG in LipedemaType.TYPE_III.regions
    assert soapnotes.CeapClass.C4A.label == "C4a"


def test_bmi_is_computed_with_its_who_class() -> None:
    assert body_mass_index(78.6, 162.5) == pytest.approx(29.766, abs=1e-3)
    assert bmi_class(29.9) == "pre-obese"
    assert bmi_class(30) == "obese class I"
    assert bmi_class(18.4) == "underweight"
    assert bmi_class(40) == "obese class III"
    with pytest.raises(UsageError):
        body_mass_index(70, 0)
    leg = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-leg.toml")
    assert leg.bmi == pytest.approx(29.766, abs=1e-3)
    assert soapnotes.load(EXAMPLES_DIR / "swedish-fibromyalgia.toml").bmi is None


def test_outcome_scores_follow_their_instrument() -> None:
    lymqol = OutcomeScore(
        instrument=Instrument.LYMQOL_ARM,
        completed_on=TODAY,
        domains=[DomainScore(domain=OutcomeDomain.MOOD, score=1.5)],
        overall=7,
    )
    assert lymqol.score(OutcomeDomain.MOOD) == 1.5
    assert lymqol.score(OutcomeDomain.FUNCTION) is None
    with pytest.raises(FieldProblems) as info:
        OutcomeScore(
            instrument=Instrument.ULL27,
            completed_on=TODAY,
            domains=[
                DomainScore(domain=OutcomeDomain.MOOD, score=50),
                DomainScore(domain=OutcomeDomain.SOCIAL, score=100),
            ],
            overall=5,
        )
    assert info.value.problems == [
        (
            "domains[0].domain",
            "is not a domain of ULL-27; allowed: physical, psychological, social",
        ),
        ("overall", "ULL-27 has no overall rating"),
    ]
    with pytest.raises(FieldProblems, match="at least one"):
        OutcomeScore(instrument=Instrument.LYMQOL_LEG, completed_on=TODAY)
    with pytest.raises(FieldProblems, match=r"must be 1 to 4 on LYMQOL leg; got 0\.5"):
        OutcomeScore(
            instrument=Instrument.LYMQOL_LEG,
            completed_on=TODAY,
            domains=[DomainScore(domain=OutcomeDomain.SYMPTOMS, score=0.5)],
        )


def test_goals_prescriptions_red_flags() -> None:
    with pytest.raises(FieldProblems, match="due_on"):
        Goal(
            description="x",
            measure=GoalMeasure.PAIN,
            set_on=TODAY,
            due_on=TODAY - dt.timedelta(days=1),
        )
    assert GoalMeasure.EXCESS_VOLUME_PERCENT.unit == "%"
    physician = Physician(name="Dr. Ines Varga", specialty="Gynaecological oncology")
    assert physician.display_name == "Dr. Ines Varga (Gynaecological oncology)"
    prescription = Prescription(
        prescribed_by=physician, issued_on=TODAY, sessions_authorised=10, sessions_used=12
    )
    assert prescription.sessions_left == -2
    with pytest.raises(FieldProblems, match="valid_until"):
        attrs.evolve(prescription, valid_until=TODAY - dt.timedelta(days=1))
    answer = RedFlagAnswer(question=RedFlag.FEVER, answer=soapnotes.Answer.NO)
    with pytest.raises(InvalidField, match="repeats a question"):
        RedFlagCheck(answers=[answer, answer])
    with pytest.raises(InvalidField, match="at least 1 item"):
        RedFlagCheck(answers=[])
