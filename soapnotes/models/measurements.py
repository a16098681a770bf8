"""Limb measurements: circumference series and the volume maths (pure functions).

Volume is always computed from circumferences, never typed in (soapnotes policy), by one of
two formulas, recorded on the series (``CircumferenceSeries.method``):

- the truncated-cone (frustum) method (Casley-Smith 1994): a segment between points with
  circumferences C1 and C2 (cm), h cm apart, holds h (C1² + C1·C2 + C2²) / (12π) mL; the
  limb is the sum over consecutive points;
- the disk (cylinder) method used in UK clinics (Kuhnke 1976; Sander 2002 compares both
  with water displacement): each circumference C is the middle of a disk h cm thick, where
  h is the series' interval, holding C² h / (4π) mL; the limb is the sum over every point.
  It needs the points evenly spaced at the interval.

The two give different volumes for the same tape measurements (n points cover (n-1) h cm
as frustums, n h cm as disks), and the interval changes the result too (Mayrovitz 2007),
so series are only compared when they share the method and the points. Volumes a device
measured (perometer, water displacement) are :class:`soapnotes.MeasuredVolume`, never
mixed with these. See ``docs/sources.md``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import attrs

from soapnotes.errors import UsageError
from soapnotes.models import _fields as f
from soapnotes.models.vocabulary import Landmark, Limb, Side, _Vocabulary


class VolumeFormula(_Vocabulary):
    """How a tape series becomes a volume: truncated cones between points, or disks around
    them.

    .. versionadded:: 0.2.0
    """

    FRUSTUM = "frustum"
    DISK = "disk"


@attrs.frozen(kw_only=True)
class CircumferencePoint:
    """One tape measurement: ``circumference_cm`` at ``distance_cm`` from the landmark.

    .. versionadded:: 0.1.0
    """

    distance_cm: float = attrs.field(validator=f.number_range(0, 200))
    circumference_cm: float = attrs.field(validator=f.number_range(0, 300, low_open=True))


def _increasing(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    points: tuple[CircumferencePoint, ...] = value  # type: ignore[assignment]
    for index in range(1, len(points)):
        if points[index].distance_cm <= points[index - 1].distance_cm:
            raise ValueError(
                f"distances must strictly increase: item [{index}] is not further from the "
                "landmark than the one before it"
            )


def _disk_points_evenly_spaced(
    inst: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """The disk method's cross-field check, as a validator of ``method`` so that the frustum
    default costs nothing: attrs runs validators once every field is set."""
    if value is not VolumeFormula.DISK or inst is None:
        return  # inst is None only when the detailed path re-checks fields one by one
    series: CircumferenceSeries = inst  # type: ignore[assignment]
    if not evenly_spaced(series.points, series.interval_cm):
        f.raise_problems([("points", "must be every interval_cm apart for the disk method")])


@attrs.frozen(kw_only=True)
class CircumferenceSeries:
    """Tape measurements along one limb, from a fixed landmark, at fixed distances.

    ``interval_cm`` is the protocol's spacing (usually 4 cm, sometimes 10 cm); ``points`` are
    the measurements, at least two, with strictly increasing distances. ``method`` is the
    volume formula (frustum unless the clinic uses disks, which need the points every
    ``interval_cm``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``method`` (schema 2).
    """

    limb: Limb = attrs.field(validator=f.instance_of(Limb))
    side: Side = attrs.field(validator=f.instance_of(Side))
    landmark: Landmark = attrs.field(validator=f.instance_of(Landmark))
    interval_cm: float = attrs.field(validator=f.number_range(0, 50, low_open=True))
    points: tuple[CircumferencePoint, ...] = attrs.field(
        converter=f.to_tuple,
        validator=[f.tuple_of(CircumferencePoint, min_len=2), _increasing],
    )
    method: VolumeFormula = attrs.field(
        default=VolumeFormula.FRUSTUM,
        validator=[f.instance_of(VolumeFormula), _disk_points_evenly_spaced],
    )

    @property
    def volume_ml(self) -> float:
        """The limb volume in mL, by the series' method (frustum or disk)."""
        if self.method is VolumeFormula.DISK:
            return disk_volume_ml(self.points, self.interval_cm)
        return limb_volume_ml(self.points)

    @property
    def distances(self) -> tuple[float, ...]:
        """The distances measured, to check two series were taken at the same points."""
        return tuple(p.distance_cm for p in self.points)

    def comparable_with(self, other: CircumferenceSeries) -> bool:
        """True when both series share limb, landmark, points and volume method, so their
        volumes compare."""
        return (
            self.limb is other.limb
            and self.landmark is other.landmark
            and self.distances == other.distances
            and self.method is other.method
        )

    @property
    def covered_cm(self) -> tuple[float, float]:
        """The stretch of limb the volume covers, in cm from the landmark: first to last
        point for frustums, half an interval beyond each end point for disks (which may
        reach below the landmark)."""
        first, last = self.points[0].distance_cm, self.points[-1].distance_cm
        if self.method is VolumeFormula.DISK:
            half = self.interval_cm / 2
            return first - half, last + half
        return first, last


def segment_volume_ml(c1_cm: float, c2_cm: float, length_cm: float) -> float:
    """Volume of one truncated cone between circumferences ``c1_cm`` and ``c2_cm``, in mL.

    Args:
        c1_cm: circumference at one end, cm (> 0).
        c2_cm: circumference at the other end, cm (> 0).
        length_cm: distance between the two, cm (> 0).

    Raises:
        UsageError: for a non-positive or non-finite argument.
    """
    for name, value in (("c1_cm", c1_cm), ("c2_cm", c2_cm), ("length_cm", length_cm)):
        if not (math.isfinite(value) and value > 0):
            raise UsageError(f"{name} must be a positive finite number")
    return length_cm * (c1_cm * c1_cm + c1_cm * c2_cm + c2_cm * c2_cm) / (12 * math.pi)


def limb_volume_ml(points: Sequence[CircumferencePoint]) -> float:
    """Sum of the frustum segments between consecutive points, in mL.

    Raises:
        UsageError: fewer than two points, or distances that do not strictly increase.
    """
    if len(points) < 2:
        raise UsageError("a limb volume needs at least two circumference points")
    total = 0.0
    for a, b in itertools.pairwise(points):
        length = b.distance_cm - a.distance_cm
        if length <= 0:
            raise UsageError("distances must strictly increase")
        total += segment_volume_ml(a.circumference_cm, b.circumference_cm, length)
    return total


#: How far apart two distances may be and still count as the interval (rounding of cm).
_SPACING_TOLERANCE_CM = 1e-6


def evenly_spaced(points: Sequence[CircumferencePoint], interval_cm: float) -> bool:
    """True when consecutive points are ``interval_cm`` apart (what the disk method needs)."""
    return all(
        abs(b.distance_cm - a.distance_cm - interval_cm) <= _SPACING_TOLERANCE_CM
        for a, b in itertools.pairwise(points)
    )


def disk_volume_ml(points: Sequence[CircumferencePoint], interval_cm: float) -> float:
    """Sum of the disks around each point, each C² h / (4π) mL with h = ``interval_cm``.

    Raises:
        UsageError: no points, a non-positive interval, or points not ``interval_cm`` apart.
    """
    if not points:
        raise UsageError("a disk volume needs at least one circumference point")
    if not (math.isfinite(interval_cm) and interval_cm > 0):
        raise UsageError("interval_cm must be a positive finite number")
    if not evenly_spaced(points, interval_cm):
        raise UsageError("the disk method needs points every interval_cm apart")
    return sum(p.circumference_cm**2 for p in points) * interval_cm / (4 * math.pi)


def excess_volume_ml(affected_ml: float, unaffected_ml: float) -> float:
    """EV = V_affected - V_unaffected, in mL (one-sided edema with a reference limb)."""
    return affected_ml - unaffected_ml


def excess_volume_percent(affected_ml: float, unaffected_ml: float) -> float:
    """%EV = 100 · EV / V_unaffected.

    Raises:
        UsageError: when the reference volume is not positive (the percentage is undefined).
    """
    if not unaffected_ml > 0:
        raise UsageError("the unaffected (reference) volume must be positive")
    return 100.0 * (affected_ml - unaffected_ml) / unaffected_ml


def excess_volume_reduction_percent(baseline_ev_ml: float, current_ev_ml: float) -> float | None:
    """% reduction of excess volume: 100 (EV_base - EV_now) / EV_base.

    Returns None when EV_base <= 0: there was no excess to reduce, so the figure is undefined
    (soapnotes policy) and no number is reported rather than a wrong one.
    """
    if baseline_ev_ml <= 0:
        return None
    return 100.0 * (baseline_ev_ml - current_ev_ml) / baseline_ev_ml


def volume_change_percent(baseline_ml: float, current_ml: float) -> float:
    """% change of absolute volume against baseline, for edema on both sides (Mayrovitz 2007).

    Raises:
        UsageError: when the baseline volume is not positive.
    """
    if not baseline_ml > 0:
        raise UsageError("the baseline volume must be positive")
    return 100.0 * (current_ml - baseline_ml) / baseline_ml
