"""The volume maths: frustum method (Casley-Smith 1994), excess volume and its percentages."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from soapnotes import (
    CircumferencePoint,
    CircumferenceSeries,
    Landmark,
    Limb,
    Side,
    VolumeFormula,
    excess_volume_ml,
    excess_volume_percent,
    excess_volume_reduction_percent,
    limb_volume_ml,
    segment_volume_ml,
    volume_change_percent,
)
from soapnotes.strategies import circumference_series

circumferences = st.floats(min_value=5, max_value=120, allow_nan=False)


def _points(*pairs: tuple[float, float]) -> tuple[CircumferencePoint, ...]:
    return tuple(CircumferencePoint(distance_cm=d, circumference_cm=c) for d, c in pairs)


def test_constant_circumference_is_a_cylinder() -> None:
    """A constant circumference C over h cm gives h*C^2/(4*pi) mL."""
    points = _points((0, 20), (4, 20), (8, 20), (40, 20))
    assert limb_volume_ml(points) == pytest.approx(40 * 20**2 / (4 * math.pi))


def test_segment_volume_matches_hand_computation() -> None:
    """One frustum of C1=20, C2=24, h=4 holds 4*(400+480+576)/(12*pi) = 154.49 mL."""
    assert segment_volume_ml(20, 24, 4) == pytest.approx(4 * 1456 / (12 * math.pi))
    assert segment_volume_ml(20, 24, 4) == pytest.approx(154.49, abs=0.01)


def test_limb_volume_sums_segments() -> None:
    """A limb is the sum of the frustums between consecutive points."""
    points = _points((0, 16), (4, 18), (10, 22))
    expected = segment_volume_ml(16, 18, 4) + segment_volume_ml(18, 22, 6)
    assert limb_volume_ml(points) == pytest.approx(expected)


def test_example_arm_volumes(lymphedema_note: object) -> None:
    """The left-arm example's volumes and excess volume, against values computed by hand."""
    from soapnotes import Note

    assert isinstance(lymphedema_note, Note)
    objective = lymphedema_note.session.objective
    left = objective.series(Limb.ARM, Side.LEFT)
    right = objective.series(Limb.ARM, Side.RIGHT)
    assert left is not None
    assert right is not None
    # Summed by hand in a spreadsheet from the example's eleven points at 4 cm.
    assert left.volume_ml == pytest.approx(2200.3, abs=0.5)
    assert right.volume_ml == pytest.approx(1823.3, abs=0.5)
    assert excess_volume_percent(left.volume_ml, right.volume_ml) == pytest.approx(20.7, abs=0.1)


def test_volume_needs_two_points_and_increasing_distances() -> None:
    """Fewer than two points, or distances that do not increase, are an error, not a number."""
    with pytest.raises(ValueError, match="at least two"):
        limb_volume_ml(_points((0, 20)))
    with pytest.raises(ValueError, match="strictly increase"):
        limb_volume_ml(_points((0, 20), (0, 21)))


def test_segment_volume_rejects_non_positive_inputs() -> None:
    """Zero, negative and non-finite inputs raise instead of producing a volume."""
    for args in ((0, 20, 4), (20, -1, 4), (20, 20, 0), (math.inf, 20, 4), (math.nan, 20, 4)):
        with pytest.raises(ValueError, match="positive finite"):
            segment_volume_ml(*args)


def test_excess_volume_and_percent() -> None:
    """EV = affected - unaffected; %EV = 100 EV / unaffected."""
    assert excess_volume_ml(2200, 1800) == 400
    assert excess_volume_percent(2200, 1800) == pytest.approx(22.222, abs=0.001)
    assert excess_volume_percent(1800, 2000) == pytest.approx(-10)


def test_excess_volume_percent_undefined_without_reference() -> None:
    """A non-positive reference volume makes %EV undefined: a clear error."""
    with pytest.raises(ValueError, match="reference"):
        excess_volume_percent(100, 0)


def test_reduction_of_excess_volume() -> None:
    """% reduction = 100 (EV_base - EV_now) / EV_base; None when EV_base <= 0."""
    assert excess_volume_reduction_percent(400, 250) == pytest.approx(37.5)
    assert excess_volume_reduction_percent(400, 500) == pytest.approx(-25)
    assert excess_volume_reduction_percent(0, 10) is None
    assert excess_volume_reduction_percent(-50, 10) is None


def test_volume_change_percent() -> None:
    """Percent change of absolute volume against baseline (edema on both sides)."""
    assert volume_change_percent(14000, 13300) == pytest.approx(-5)
    with pytest.raises(ValueError, match="baseline"):
        volume_change_percent(0, 10)


@given(st.lists(circumferences, min_size=2, max_size=15), st.floats(0.5, 10))
def test_volume_positive_and_additive(circs: list[float], step: float) -> None:
    """Volume is positive and equals the sum of the volumes of its two halves."""
    points = _points(*((i * step, c) for i, c in enumerate(circs)))
    total = limb_volume_ml(points)
    assert total > 0
    if len(points) >= 3:
        mid = len(points) // 2
        halves = limb_volume_ml(points[: mid + 1]) + limb_volume_ml(points[mid:])
        assert total == pytest.approx(halves)


@given(st.lists(circumferences, min_size=2, max_size=10), st.data())
def test_volume_monotone_in_each_circumference(circs: list[float], data: st.DataObject) -> None:
    """Growing any one circumference never lowers the volume."""
    index = data.draw(st.integers(0, len(circs) - 1))
    bigger = list(circs)
    bigger[index] += data.draw(st.floats(0.1, 20))
    before = limb_volume_ml(_points(*((4 * i, c) for i, c in enumerate(circs))))
    after = limb_volume_ml(_points(*((4 * i, c) for i, c in enumerate(bigger))))
    assert after > before


@given(circumferences, circumferences)
def test_swapping_limbs_negates_excess_volume(a: float, b: float) -> None:
    """Excess volume is antisymmetric in the two limbs."""
    assert excess_volume_ml(a, b) == -excess_volume_ml(b, a)


def test_series_comparable_only_at_same_points() -> None:
    """Two series compare when limb, landmark and distances match, whatever the side."""
    left = CircumferenceSeries(
        limb=Limb.ARM,
        side=Side.LEFT,
        landmark=Landmark.WRIST,
        interval_cm=4,
        points=_points((0, 16), (4, 18)),
    )
    right = CircumferenceSeries(
        limb=Limb.ARM,
        side=Side.RIGHT,
        landmark=Landmark.WRIST,
        interval_cm=4,
        points=_points((0, 15), (4, 17)),
    )
    shifted = CircumferenceSeries(
        limb=Limb.ARM,
        side=Side.RIGHT,
        landmark=Landmark.WRIST,
        interval_cm=4,
        points=_points((0, 15), (5, 17)),
    )
    assert left.comparable_with(right)
    assert not left.comparable_with(shifted)


@given(circumference_series(method=VolumeFormula.FRUSTUM), st.data())
def test_series_volume_positive_and_additive_at_any_point(
    series: CircumferenceSeries, data: st.DataObject
) -> None:
    """A measured limb's volume is positive and the sum of the two parts split at any point."""
    points = series.points
    assert series.volume_ml > 0
    if len(points) >= 3:
        cut = data.draw(st.integers(1, len(points) - 2))
        parts = limb_volume_ml(points[: cut + 1]) + limb_volume_ml(points[cut:])
        assert series.volume_ml == pytest.approx(parts)


@given(circumference_series(), circumferences)
def test_series_of_constant_circumference_is_a_cylinder(
    series: CircumferenceSeries, constant: float
) -> None:
    """Any series with one circumference C over length h holds h*C^2/(4*pi) mL."""
    points = [attrs.evolve(p, circumference_cm=constant) for p in series.points]
    length = points[-1].distance_cm - points[0].distance_cm
    assert limb_volume_ml(points) == pytest.approx(length * constant**2 / (4 * math.pi))


@given(circumference_series(limb=Limb.ARM, side=Side.LEFT), st.data())
def test_series_volume_monotone_and_excess_antisymmetric(
    left: CircumferenceSeries, data: st.DataObject
) -> None:
    """Growing one circumference grows the volume; swapping limbs negates excess volume."""
    index = data.draw(st.integers(0, len(left.points) - 1))
    grown = list(left.points)
    grown[index] = attrs.evolve(grown[index], circumference_cm=grown[index].circumference_cm + 1)
    right = attrs.evolve(left, side=Side.RIGHT, points=grown)
    assert right.volume_ml > left.volume_ml
    assert excess_volume_ml(left.volume_ml, right.volume_ml) == -excess_volume_ml(
        right.volume_ml, left.volume_ml
    )


def test_volume_maths_misuse_is_a_usage_error() -> None:
    """A bad argument to the volume maths is a UsageError (still a ValueError)."""
    from soapnotes.errors import UsageError

    with pytest.raises(UsageError, match="at least two"):
        limb_volume_ml(_points((0, 20)))
    with pytest.raises(UsageError, match="positive finite"):
        segment_volume_ml(0, 20, 4)
    with pytest.raises(UsageError, match="reference"):
        excess_volume_percent(100, 0)
    with pytest.raises(UsageError, match="baseline"):
        volume_change_percent(0, 10)
