"""Limb measurements: circumference series and the volume maths (pure functions).

Volume is always computed from circumferences, never typed in (soapnotes policy). The
truncated-cone (frustum) method (Casley-Smith 1994; Sander 2002 compares it with water
displacement): a segment between points with circumferences C1 and C2 (cm), h cm apart,
holds h (C1² + C1·C2 + C2²) / (12π) mL; the limb is the sum. The interval between points
changes the result (Mayrovitz 2007), so series are only compared when they were measured at
the same points. See ``docs/sources.md``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import attrs

from soapnotes.errors import UsageError
from soapnotes.models import _fields as f
from soapnotes.models.vocabulary import Landmark, Limb, Side


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


@attrs.frozen(kw_only=True)
class CircumferenceSeries:
    """Tape measurements along one limb, from a fixed landmark, at fixed distances.

    ``interval_cm`` is the protocol's spacing (usually 4 cm, sometimes 10 cm); ``points`` are
    the measurements, at least two, with strictly increasing distances.

    .. versionadded:: 0.1.0
    """

    limb: Limb = attrs.field(validator=f.instance_of(Limb))
    side: Side = attrs.field(validator=f.instance_of(Side))
    landmark: Landmark = attrs.field(validator=f.instance_of(Landmark))
    interval_cm: float = attrs.field(validator=f.number_range(0, 50, low_open=True))
    points: tuple[CircumferencePoint, ...] = attrs.field(
        converter=f.to_tuple,
        validator=[f.tuple_of(CircumferencePoint, min_len=2), _increasing],
    )

    @property
    def volume_ml(self) -> float:
        """The limb volume between the first and last point, in mL (frustum method)."""
        return limb_volume_ml(self.points)

    @property
    def distances(self) -> tuple[float, ...]:
        """The distances measured, to check two series were taken at the same points."""
        return tuple(p.distance_cm for p in self.points)

    def comparable_with(self, other: CircumferenceSeries) -> bool:
        """True when both series share limb, landmark and points, so their volumes compare."""
        return (
            self.limb is other.limb
            and self.landmark is other.landmark
            and self.distances == other.distances
        )


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
