"""Limb volume over a course: per limb side against its baseline, and excess volume.

Excess volume is defined once, in :mod:`soapnotes.models.limbs` (:class:`ExcessVolume`):
only for swelling on one side, against the other side measured at the same points. For
swelling on both sides there is no reference limb, so each side's percent change of absolute
volume against its own baseline is the measure (``VolumePoint.change_percent``; Mayrovitz
2007, see ``docs/sources.md``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

import attrs

from soapnotes.i18n._active import gettext, gettext_noop
from soapnotes.models.anatomy import other_side
from soapnotes.models.limbs import ExcessVolume, one_sided_limbs
from soapnotes.models.measurements import (
    CircumferenceSeries,
    excess_volume_reduction_percent,
    volume_change_percent,
)
from soapnotes.models.session import Session
from soapnotes.models.vocabulary import Landmark, Limb, Side
from soapnotes.progress._course import Course

__all__ = [
    "ExcessVolumePoint",
    "ExcessVolumeSeries",
    "VolumePoint",
    "VolumeSeries",
    "excess_volume_series",
    "volume_series",
]


@attrs.frozen(kw_only=True)
class VolumePoint:
    """One session's volume of one limb side, or why it is left out.

    ``change_percent`` is the percent change of absolute volume against the course's
    baseline for this limb side (the first session that measured it); it is the measure to
    report for edema on both sides.

    .. versionadded:: 0.1.0
    """

    session_id: str
    date: dt.date
    volume_ml: float | None
    change_percent: float | None = None
    gap_reason: str | None = None


@attrs.frozen(kw_only=True)
class VolumeSeries:
    """A limb side's volume over the course, one point per session.

    ``baseline`` is the first series measured on this limb side; later sessions count only
    when measured at the same landmark and distances.

    .. versionadded:: 0.1.0
    """

    limb: Limb
    side: Side
    baseline: CircumferenceSeries
    baseline_session_id: str
    points: tuple[VolumePoint, ...]

    @property
    def label(self) -> str:
        """'Left arm'."""
        return gettext("{side} {limb!l}", side=self.side.label, limb=self.limb.label)

    @property
    def measured(self) -> tuple[VolumePoint, ...]:
        """The points that have a volume."""
        return tuple(p for p in self.points if p.volume_ml is not None)


#: The wording of a point left out of the volume series (message ids; the report reads a
#: reason back through them to print it in its language: :func:`gap_wording`).
GAP_LANDMARK = gettext_noop("measured from the {landmark} instead of the {baseline}")
GAP_DISTANCES = gettext_noop("measured at different distances ({distances} instead of {baseline})")
EVEN_DISTANCES = gettext_noop("{first}-{last} cm every {step} cm")
UNEVEN_DISTANCES = gettext_noop("{values} cm")


def _describe_distances(series: CircumferenceSeries) -> str:
    """'0-40 cm every 4 cm' for even spacing, else '0, 4, 10 cm'."""
    d = series.distances
    steps = {round(b - a, 6) for a, b in itertools.pairwise(d)}
    if len(steps) == 1:
        return EVEN_DISTANCES.format(
            first=_num(d[0]), last=_num(d[-1]), step=_num(next(iter(steps)))
        )
    return UNEVEN_DISTANCES.format(values=", ".join(_num(x) for x in d))


def gap_wording(reason: str) -> str:
    """A point's ``gap_reason`` in the active locale: the English reason read back through
    its template, its landmarks and numbers written for the locale ("gemessen ab ...")."""
    from soapnotes import _format as fmt
    from soapnotes.i18n._active import active_locale
    from soapnotes.i18n._reword import reword

    if active_locale().partition("_")[0] == "en":
        return reason

    def number(text: str) -> str:
        try:
            value = float(text)
        except ValueError:
            return text
        return fmt.number(value, len(text.partition(".")[2]))

    def field(name: str, value: str) -> str:
        if name in ("landmark", "baseline") and value in Landmark._value2member_map_:
            return Landmark(value).label
        if name in ("distances", "baseline"):
            worded = reword(value, (EVEN_DISTANCES, UNEVEN_DISTANCES), field)
            return worded if worded is not None else value
        if name == "values":
            return ", ".join(number(v) for v in value.split(", "))
        return number(value)

    worded = reword(reason, (GAP_LANDMARK, GAP_DISTANCES), field)
    return worded if worded is not None else gettext(reason)


def _num(value: float) -> str:
    return f"{value:g}"


def _gap_reason(series: CircumferenceSeries, baseline: CircumferenceSeries) -> str:
    """Why ``series`` cannot be compared with the course's ``baseline``."""
    if series.landmark is not baseline.landmark:
        return GAP_LANDMARK.format(
            landmark=series.landmark.value, baseline=baseline.landmark.value
        )
    return GAP_DISTANCES.format(
        distances=_describe_distances(series), baseline=_describe_distances(baseline)
    )


_LIMB_ORDER = {Limb.ARM: 0, Limb.LEG: 1}
_SIDE_ORDER = {Side.LEFT: 0, Side.RIGHT: 1}


def _volume_point(
    session: Session, limb: Limb, side: Side, baseline: CircumferenceSeries
) -> VolumePoint:
    """The volume of ``limb`` on ``side`` at ``session``, or why there is none."""
    date = session.start.date()
    measured = session.objective.series(limb, side)
    if measured is None:
        return VolumePoint(
            session_id=session.id,
            date=date,
            volume_ml=None,
            gap_reason=gettext_noop("not measured"),
        )
    if not measured.comparable_with(baseline):
        return VolumePoint(
            session_id=session.id,
            date=date,
            volume_ml=None,
            gap_reason=_gap_reason(measured, baseline),
        )
    volume = measured.volume_ml
    return VolumePoint(
        session_id=session.id,
        date=date,
        volume_ml=volume,
        change_percent=volume_change_percent(baseline.volume_ml, volume),
    )


def volume_series(course: Course) -> tuple[VolumeSeries, ...]:
    """Every measured limb side's volume over the course (arms first, left before right).

    A session gets a volume only when its series is comparable with the baseline (same
    landmark and distances: :meth:`CircumferenceSeries.comparable_with`); otherwise the point
    has ``volume_ml=None`` and ``gap_reason`` says why ("not measured", "measured from the
    ankle instead of the wrist", "measured at different distances (...)").

    .. versionadded:: 0.1.0
    """
    baselines: dict[tuple[Limb, Side], tuple[CircumferenceSeries, str]] = {}
    for session in course.sessions:
        for series in session.objective.circumferences:
            baselines.setdefault((series.limb, series.side), (series, session.id))
    ordered = sorted(baselines, key=lambda k: (_LIMB_ORDER[k[0]], _SIDE_ORDER[k[1]]))
    return tuple(
        VolumeSeries(
            limb=limb,
            side=side,
            baseline=baselines[(limb, side)][0],
            baseline_session_id=baselines[(limb, side)][1],
            points=tuple(
                _volume_point(session, limb, side, baselines[(limb, side)][0])
                for session in course.sessions
            ),
        )
        for limb, side in ordered
    )


@attrs.frozen(kw_only=True)
class ExcessVolumePoint:
    """Excess volume of the affected limb at one session, or why it is left out.

    ``reduction_percent`` is the percent reduction of excess volume against the series'
    first point with a value; None there and wherever the baseline excess was not positive
    (nothing to reduce: :func:`soapnotes.excess_volume_reduction_percent`).

    .. versionadded:: 0.1.0
    """

    session_id: str
    date: dt.date
    excess_ml: float | None
    excess_percent: float | None = None
    reduction_percent: float | None = None
    gap_reason: str | None = None


@attrs.frozen(kw_only=True)
class ExcessVolumeSeries:
    """Excess volume of a one-sided lymphedema limb against the other side, over the course.

    .. versionadded:: 0.1.0
    """

    limb: Limb
    affected: Side
    points: tuple[ExcessVolumePoint, ...]

    @property
    def reference(self) -> Side:
        """The unaffected side the affected limb is compared with."""
        return other_side(self.affected)

    @property
    def label(self) -> str:
        """'Left arm'."""
        return gettext("{side} {limb!l}", side=self.affected.label, limb=self.limb.label)

    @property
    def measured(self) -> tuple[ExcessVolumePoint, ...]:
        """The points that have an excess volume."""
        return tuple(p for p in self.points if p.excess_ml is not None)


def excess_volume_series(
    course: Course, volumes: Sequence[VolumeSeries] | None = None
) -> tuple[ExcessVolumeSeries, ...]:
    """Excess volume over the course for each one-sided limb lymphedema of the client.

    The affected side comes from the client's lymphedema conditions (as in the latest
    note). EV and %EV are computed at every session where both sides have a volume
    comparable with their baselines and were measured at the same points as each other;
    elsewhere the point is left out with the reason. Lymphedema on both sides, of the trunk
    or head, or no lymphedema at all gives no series: report
    ``VolumePoint.change_percent`` instead.

    Args:
        course: the course.
        volumes: :func:`volume_series` of the course, if already computed.

    .. versionadded:: 0.1.0
    """
    if volumes is None:
        volumes = volume_series(course)
    by_key = {(v.limb, v.side): v for v in volumes}
    return tuple(
        ExcessVolumeSeries(
            limb=limb,
            affected=affected,
            points=_excess_points(
                course,
                limb,
                affected,
                by_key.get((limb, affected)),
                by_key.get((limb, other_side(affected))),
            ),
        )
        for limb, affected in one_sided_limbs(course.client)
    )


def _excess_points(
    course: Course,
    limb: Limb,
    affected: Side,
    aff: VolumeSeries | None,
    ref: VolumeSeries | None,
) -> tuple[ExcessVolumePoint, ...]:
    """One point per session: the excess over the reference side, or why there is none."""
    points: list[ExcessVolumePoint] = []
    baseline_ev: float | None = None
    for index, session in enumerate(course.sessions):
        date = session.start.date()
        reason = _excess_gap(limb, affected, aff, ref, index)
        if reason is not None:
            points.append(
                ExcessVolumePoint(
                    session_id=session.id, date=date, excess_ml=None, gap_reason=reason
                )
            )
            continue
        assert aff is not None  # noqa: S101 - _excess_gap checked
        assert ref is not None  # noqa: S101 - _excess_gap checked
        v_aff = aff.points[index].volume_ml
        v_ref = ref.points[index].volume_ml
        assert v_aff is not None  # noqa: S101 - _excess_gap checked
        assert v_ref is not None  # noqa: S101 - _excess_gap checked
        excess = ExcessVolume(affected=affected, affected_ml=v_aff, reference_ml=v_ref)
        if baseline_ev is None:
            baseline_ev = excess.excess_ml
        points.append(
            ExcessVolumePoint(
                session_id=session.id,
                date=date,
                excess_ml=excess.excess_ml,
                excess_percent=excess.excess_percent,
                reduction_percent=excess_volume_reduction_percent(baseline_ev, excess.excess_ml),
            )
        )
    return tuple(points)


def _excess_gap(
    limb: Limb,
    affected: Side,
    aff: VolumeSeries | None,
    ref: VolumeSeries | None,
    index: int,
) -> str | None:
    """Why there is no excess volume at session ``index``, or None when there is one."""
    reference = other_side(affected)
    if aff is None:
        return f"the {affected.value} {limb.value} was not measured in this course"
    if ref is None:
        return f"the {reference.value} {limb.value} (reference) was not measured in this course"
    a, r = aff.points[index], ref.points[index]
    if a.volume_ml is None:
        return f"{affected.value} {limb.value} {a.gap_reason}"
    if r.volume_ml is None:
        return f"{reference.value} {limb.value} (reference) {r.gap_reason}"
    if not aff.baseline.comparable_with(ref.baseline):
        return f"the left and right {limb.value} were measured at different points"
    return None
