"""Measurement rules (SN-MS-*): ISL 2020, Mayrovitz 2007, Stemmer 1976 (docs/sources.md)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from soapnotes import (
    CircumferencePoint,
    Condition,
    ConditionKind,
    EdemaArea,
    Landmark,
    Laterality,
    Limb,
    Note,
    Pitting,
    Side,
    StemmerResult,
    StemmerSign,
)
from soapnotes.rules import RuleOptions
from soapnotes.rules.measurements import severity_band
from tests.rules.helpers import codes, only, with_client, with_objective


def _series(note: Note, index: int, **changes: Any) -> Note:
    series = list(note.session.objective.circumferences)
    series[index] = attrs.evolve(series[index], **changes)
    return with_objective(note, circumferences=tuple(series))


def _point(note: Note, series: int, point: int, circumference: float) -> Note:
    points = list(note.session.objective.circumferences[series].points)
    points[point] = attrs.evolve(points[point], circumference_cm=circumference)
    return _series(note, series, points=tuple(points))


def _lymphedema(note: Note, **changes: Any) -> Note:
    condition = attrs.evolve(note.client.conditions[0], **changes)
    return with_client(note, conditions=(condition,))


def test_implausible_circumference_is_a_warning(arm: Note) -> None:
    """245 cm on an arm (mm typed as cm) is SN-MS-001 at that point."""
    (finding,) = only(_point(arm, 0, 3, 245), "SN-MS-001")
    assert finding.path == "$.session.objective.circumferences[0].points[3].circumference_cm"


def test_circumference_at_the_plausible_limit_passes(arm: Note) -> None:
    """The upper bound itself (90 cm for an arm by default) is plausible."""
    assert "SN-MS-001" not in codes(_point(arm, 0, 3, 90))


def test_plausible_range_is_an_option(arm: Note) -> None:
    """A clinic may narrow the arm range; 32.6 cm is then outside 10-30 cm."""
    assert "SN-MS-001" in codes(arm, arm_circumference_cm=(10.0, 30.0))


def test_landmark_from_another_limb_is_a_warning(arm: Note) -> None:
    """An arm series measured from the ankle is SN-MS-002."""
    note = _series(arm, 0, landmark=Landmark.ANKLE)
    assert "$.session.objective.circumferences[0].landmark" in [
        f.path for f in only(note, "SN-MS-002")
    ]


def test_fingertip_landmark_on_arm_passes(arm: Note) -> None:
    """Both arm series from the fingertip are fine (and still comparable)."""
    note = _series(_series(arm, 0, landmark=Landmark.FINGERTIP), 1, landmark=Landmark.FINGERTIP)
    assert "SN-MS-002" not in codes(note)


def test_one_sided_edema_with_mismatched_sides_is_a_warning(arm: Note) -> None:
    """Right-arm points at other distances make excess volume uncomputable (SN-MS-003)."""
    right = arm.session.objective.circumferences[1]
    shifted = [attrs.evolve(p, distance_cm=p.distance_cm + 1) for p in right.points]
    found = codes(_series(arm, 1, points=shifted))
    assert "SN-MS-003" in found
    assert "SN-MS-005" not in found


def test_one_sided_edema_reports_excess_volume_and_band(arm: Note) -> None:
    """With matching sides the left arm's excess volume and band are SN-MS-005 (info)."""
    (finding,) = only(arm, "SN-MS-005")
    assert finding.path == "$.session.objective.circumferences[0]"
    assert "20.7 % over the right arm: moderate (20-40 %)" in finding.message


def test_severity_bands_are_options(arm: Note) -> None:
    """With the moderate band moved to 25 %, the same arm reads minimal."""
    (finding,) = only(arm, "SN-MS-005", excess_volume_bands=(5.0, 25.0, 40.0))
    assert "minimal (> 5 to < 25 %)" in finding.message


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (-3, "affected limb smaller than the reference"),
        (0, "below"),
        (4.99, "below"),
        (5, "below"),
        (5.01, "minimal"),
        (19.99, "minimal"),
        (20, "moderate"),
        (40, "moderate"),
        (40.01, "severe"),
    ],
)
def test_band_boundaries(percent: float, band: str) -> None:
    """As ISL 2020 writes it: minimal is "> 5 %" (exactly 5 % is below it), 20 and 40 % are
    moderate, above 40 % severe; a negative excess is no band (issue 12, "Also")."""
    assert severity_band(percent, RuleOptions()).startswith(band)


def test_bilateral_edema_reports_no_excess_volume(arm: Note) -> None:
    """Lymphedema of both arms gets % change of volume (SN-MS-006), never excess volume."""
    found = codes(_lymphedema(arm, side=Laterality.BILATERAL))
    assert "SN-MS-005" not in found
    assert "SN-MS-006" in found


def test_bilateral_legs_report_volume_change(legs: Note) -> None:
    """The lipedema example reports each leg's % change since the previous measurement."""
    found = only(legs, "SN-MS-006")
    assert [f.path for f in found] == [
        "$.session.objective.circumferences[0]",
        "$.session.objective.circumferences[1]",
    ]
    assert "-3.7 % since 2026-09-02" in found[0].message


def test_previous_series_at_other_points_is_a_warning(arm: Note) -> None:
    """A previous left-arm series at other distances is SN-MS-004 and gives no % change."""
    previous = arm.session.objective.previous
    assert previous is not None
    earlier = previous.circumferences[0]
    moved: dict[str, Any] = {
        "points": [attrs.evolve(p, distance_cm=p.distance_cm * 2) for p in earlier.points]
    }
    replaced: dict[str, Any] = {"circumferences": [attrs.evolve(earlier, **moved)]}
    changed = attrs.evolve(previous, **replaced)
    found = only(with_objective(arm, previous=changed), "SN-MS-004")
    assert [f.path for f in found] == ["$.session.objective.previous.circumferences[0]"]


def test_lymphedema_without_stage_is_a_warning(arm: Note) -> None:
    """Lymphedema with no ISL stage is SN-MS-007."""
    found = only(_lymphedema(arm, isl_stage=None), "SN-MS-007")
    assert [f.path for f in found] == ["$.client.conditions[0].isl_stage"]


def test_lymphedema_stage_zero_is_a_stage(arm: Note) -> None:
    """Stage 0 (latent) is a recorded stage, not a missing one."""
    assert "SN-MS-007" not in codes(_lymphedema(arm, isl_stage=0, area=EdemaArea.LEG))


def _stemmer_left_leg(note: Note) -> Note:
    sign = StemmerSign(limb=Limb.LEG, side=Side.LEFT, result=StemmerResult.POSITIVE, grade=1)
    return with_objective(note, stemmer=[sign])


def test_positive_stemmer_with_lipedema_suggests_lipo_lymphedema(legs: Note) -> None:
    """A positive Stemmer sign on a lipedema leg is SN-MS-008 (info)."""
    found = only(_stemmer_left_leg(legs), "SN-MS-008")
    assert [f.path for f in found] == ["$.session.objective.stemmer[0].result"]


def test_positive_stemmer_with_known_lymphedema_is_not_suggested(legs: Note) -> None:
    """When lymphedema is already recorded on that leg there is nothing to suggest."""
    lymphedema = Condition(
        kind=ConditionKind.LYMPHEDEMA, area=EdemaArea.LEG, side=Laterality.LEFT, isl_stage=1
    )
    note = with_client(legs, conditions=(*legs.client.conditions, lymphedema))
    assert "SN-MS-008" not in codes(_stemmer_left_leg(note))


def test_positive_stemmer_without_lipedema_is_not_suggested(arm: Note) -> None:
    """The arm example's positive Stemmer sign (no lipedema) raises nothing."""
    assert "SN-MS-008" not in codes(arm)


def test_pitting_at_stage_zero_is_a_warning(arm: Note) -> None:
    """Pitting 2+ on an arm whose lymphedema is staged 0 (latent) is SN-MS-009."""
    found = only(_lymphedema(arm, isl_stage=0), "SN-MS-009")
    assert [f.path for f in found] == ["$.session.objective.pitting[0].grade"]


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_pitting_at_later_stages_is_not_contradicted(arm: Note, stage: int) -> None:
    """Pitting with stage I-III is consistent (II pits; III may or may not)."""
    assert "SN-MS-009" not in codes(_lymphedema(arm, isl_stage=stage))


def test_no_pitting_at_stage_three_is_not_contradicted(arm: Note) -> None:
    """Stage III with fibrosis and pitting grade 0 is not flagged (pitting may be absent)."""
    none = Pitting(limb=Limb.ARM, side=Side.LEFT, grade=0)
    note = with_objective(_lymphedema(arm, isl_stage=3), pitting=[none])
    assert not [c for c in codes(note) if c in {"SN-MS-007", "SN-MS-009"}]


def test_circumference_points_are_checked_by_the_model() -> None:
    """Fewer than two points or non-increasing distances never reach the rules."""
    from soapnotes import CircumferenceSeries

    one_point: dict[str, Any] = {
        "points": [CircumferencePoint(distance_cm=0, circumference_cm=20)]
    }
    with pytest.raises(ValueError, match="at least 2"):
        CircumferenceSeries(
            limb=Limb.ARM,
            side=Side.LEFT,
            landmark=Landmark.WRIST,
            interval_cm=4,
            **one_point,
        )
