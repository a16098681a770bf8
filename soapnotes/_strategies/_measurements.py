"""Measurements: tape series along a limb, earlier series at the same points, Stemmer, pitting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

from soapnotes._strategies._base import (
    _DAY,
    _LAST_SESSION,
    _OLDEST_BIRTH,
    SearchStrategy,
    _cached,
    _dates_between,
    _drawn,
    _identifiers,
    _maybe,
)
from soapnotes.errors import UsageError
from soapnotes.models.measurements import CircumferencePoint, CircumferenceSeries, VolumeFormula
from soapnotes.models.session import Pitting, PreviousMeasurements, StemmerSign
from soapnotes.models.vocabulary import Landmark, Limb, Side, StemmerResult

_LANDMARKS = {
    Limb.ARM: (Landmark.WRIST, Landmark.FINGERTIP),
    Limb.LEG: (Landmark.ANKLE, Landmark.HEEL),
}
#: Plausible circumferences in tenths of a cm (distal start, upper bound) per limb
#: (soapnotes policy: ranges seen in adult clinics, not a clinical limit).
_CIRCUMFERENCE_TENTHS = {Limb.ARM: ((140, 220), 850), Limb.LEG: ((190, 280), 1400)}
_PIT_DEPTH_MM = (0, 2, 4, 6, 8)


@_cached
def circumference_points() -> SearchStrategy[CircumferencePoint]:
    """One tape measurement: a distance of 0-200 cm and a circumference of 0.1-300 cm.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        CircumferencePoint,
        distance_cm=st.integers(0, 2000).map(lambda t: t / 10),
        circumference_cm=st.integers(1, 3000).map(lambda t: t / 10),
    )


@st.composite
def _profile(draw: st.DrawFn, limb: Limb, count: int) -> list[int]:
    """Circumferences in tenths of a cm along a limb: growing toward the trunk, with noise."""
    (low, high), top = _CIRCUMFERENCE_TENTHS[limb]
    value = draw(st.integers(low, high))
    out = [value]
    for _ in range(count - 1):
        value = min(top, max(low, value + draw(st.integers(-5, 30))))
        out.append(value)
    return out


def _series(
    limb: Limb,
    side: Side,
    landmark: Landmark,
    interval: float,
    profile: Sequence[int],
    factor: int,
    method: VolumeFormula = VolumeFormula.FRUSTUM,
) -> CircumferenceSeries:
    """A series from a profile scaled by ``factor`` percent (an edematous limb is larger)."""
    top = _CIRCUMFERENCE_TENTHS[limb][1]
    return CircumferenceSeries(
        limb=limb,
        side=side,
        landmark=landmark,
        interval_cm=float(interval),
        points=[
            CircumferencePoint(
                distance_cm=float(index * interval),
                circumference_cm=min(top, round(tenths * factor / 100)) / 10,
            )
            for index, tenths in enumerate(profile)
        ],
        method=method,
    )


@_cached
def circumference_series(
    *,
    limb: Limb | None = None,
    side: Side | None = None,
    min_points: int = 2,
    max_points: int = 12,
    method: VolumeFormula | None = None,
) -> SearchStrategy[CircumferenceSeries]:
    """A plausible series: landmark of the limb, points every interval from 0 cm, in 0.1 cm.

    Args:
        limb, side: fixed when given, drawn otherwise.
        min_points, max_points: how many tape measurements (at least 2).
        method: the volume formula; frustum or disk when None (the points are evenly spaced,
            as the disk method needs).

    .. versionchanged:: 0.2.0 ``method``.

    Raises:
        UsageError: unless 2 <= min_points <= max_points.

    .. versionadded:: 0.1.0
    """
    if not 2 <= min_points <= max_points:
        raise UsageError("need 2 <= min_points <= max_points")

    def build(draw: st.DrawFn) -> CircumferenceSeries:
        chosen = limb or draw(st.sampled_from(Limb))
        interval = draw(st.sampled_from((4, 10, 5, 2.5)))
        most = min(max_points, int(200 // interval) + 1)
        count = draw(st.integers(min(min_points, most), most))
        return _series(
            chosen,
            side or draw(st.sampled_from(Side)),
            draw(st.sampled_from(_LANDMARKS[chosen])),
            interval,
            draw(_profile(chosen, count)),
            100,
            method or draw(st.sampled_from(VolumeFormula)),
        )

    return _drawn(build)


@_cached
def stemmer_signs(
    *, limb: Limb | None = None, side: Side | None = None
) -> SearchStrategy[StemmerSign]:
    """A Stemmer sign: negative (grade 0 or none) or positive with grade 1-3.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> StemmerSign:
        result = draw(st.sampled_from(StemmerResult))
        grades = st.integers(1, 3) if result is StemmerResult.POSITIVE else st.just(0)
        return StemmerSign(
            limb=limb or draw(st.sampled_from(Limb)),
            side=side or draw(st.sampled_from(Side)),
            result=result,
            grade=draw(_maybe(grades)),
        )

    return _drawn(build)


@_cached
def pitting(
    *, limb: Limb | None = None, side: Side | None = None, max_grade: int = 4
) -> SearchStrategy[Pitting]:
    """Pitting edema with a grade up to ``max_grade`` and the depth usually measured with it.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> Pitting:
        grade = draw(st.integers(0, max_grade))
        return Pitting(
            limb=limb or draw(st.sampled_from(Limb)),
            side=side or draw(st.sampled_from(Side)),
            grade=grade,
            depth_mm=draw(_maybe(st.just(float(_PIT_DEPTH_MM[grade])))),
            rebound_s=draw(_maybe(st.integers(0, 120).map(float))),
            location=draw(_maybe(st.sampled_from(("Dorsal forearm", "Medial ankle")))),
        )

    return _drawn(build)


def _scaled(series: CircumferenceSeries, percent: int) -> CircumferenceSeries:
    """``series`` at the same points, each circumference scaled by ``percent``."""
    points = [
        attrs.evolve(p, circumference_cm=max(0.1, round(p.circumference_cm * percent) / 100))
        for p in series.points
    ]
    return attrs.evolve(series, points=points)


def previous_measurements(
    current: Sequence[CircumferenceSeries] = (),
    *,
    before: dt.date = _LAST_SESSION,
    not_before: dt.date = _OLDEST_BIRTH,
) -> SearchStrategy[PreviousMeasurements]:
    """Earlier series at the same landmark and points as ``current`` (a few percent apart).

    With no ``current`` series, one plausible series is drawn.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> PreviousMeasurements:
        if current:
            chosen = draw(st.lists(st.sampled_from(current), min_size=1, unique=True))
            earlier = [_scaled(series, draw(st.integers(95, 110))) for series in chosen]
        else:
            earlier = [draw(circumference_series())]
        last = max(not_before, before - _DAY)
        return PreviousMeasurements(
            measured_on=draw(_dates_between(max(not_before, last - dt.timedelta(days=120)), last)),
            session_id=draw(_maybe(_identifiers())),
            circumferences=earlier,
        )

    return _drawn(build)
