"""The schema-2 numbers over a course: weight and BMI, L-Dex, outcome scores, garment wear.

Each series has one point per session that recorded the value (sessions that did not are
left out, not zero). The BMI is :attr:`soapnotes.Note.bmi`; adherence is
:attr:`soapnotes.Garment.adherence_percent`, per garment (kind and side) over the course.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt

import attrs

from soapnotes.i18n._active import gettext
from soapnotes.models.compression import GarmentKind
from soapnotes.models.outcomes import Instrument, OutcomeDomain
from soapnotes.models.vocabulary import Limb, Side
from soapnotes.progress._course import Course

__all__ = [
    "AdherencePoint",
    "AdherenceSeries",
    "LdexPoint",
    "LdexSeries",
    "OutcomePoint",
    "OutcomeSeries",
    "WeightPoint",
    "adherence_series",
    "ldex_series",
    "outcome_series",
    "weight_series",
]


@attrs.frozen(kw_only=True)
class WeightPoint:
    """One session's weight and, when the intake gives a height, the BMI.

    .. versionadded:: 0.2.0
    """

    session_id: str
    date: dt.date
    weight_kg: float
    bmi: float | None


def weight_series(course: Course) -> tuple[WeightPoint, ...]:
    """The weight at each session that recorded one.

    .. versionadded:: 0.2.0
    """
    points = []
    for note in course.notes:
        weight = note.session.objective.weight_kg
        if weight is not None:
            points.append(
                WeightPoint(
                    session_id=note.session.id,
                    date=note.session.start.date(),
                    weight_kg=weight,
                    bmi=note.bmi,
                )
            )
    return tuple(points)


@attrs.frozen(kw_only=True)
class LdexPoint:
    """One L-Dex reading."""

    session_id: str
    date: dt.date
    ldex: float


@attrs.frozen(kw_only=True)
class LdexSeries:
    """The L-Dex readings of one limb at risk over the course.

    .. versionadded:: 0.2.0
    """

    limb: Limb
    side: Side
    points: tuple[LdexPoint, ...]

    @property
    def label(self) -> str:
        """'Left arm'."""
        return gettext("{side} {limb!l}", side=self.side.label, limb=self.limb.label)


def ldex_series(course: Course) -> tuple[LdexSeries, ...]:
    """L-Dex per limb and side, in the order first measured.

    .. versionadded:: 0.2.0
    """
    found: dict[tuple[Limb, Side], list[LdexPoint]] = {}
    for session in course.sessions:
        for reading in session.objective.bioimpedance:
            found.setdefault((reading.limb, reading.side), []).append(
                LdexPoint(session_id=session.id, date=session.start.date(), ldex=reading.ldex)
            )
    return tuple(
        LdexSeries(limb=limb, side=side, points=tuple(points))
        for (limb, side), points in found.items()
    )


@attrs.frozen(kw_only=True)
class OutcomePoint:
    """One completed questionnaire's score for a domain (or the overall rating)."""

    session_id: str
    date: dt.date
    score: float


@attrs.frozen(kw_only=True)
class OutcomeSeries:
    """One domain of one instrument over the course; ``domain`` None for the overall rating.

    .. versionadded:: 0.2.0
    """

    instrument: Instrument
    domain: OutcomeDomain | None
    points: tuple[OutcomePoint, ...]

    @property
    def label(self) -> str:
        """'Symptoms', or 'Overall quality of life'."""
        if self.domain is not None:
            return self.domain.label
        return gettext("Overall quality of life")


def outcome_series(course: Course) -> tuple[OutcomeSeries, ...]:
    """Each instrument's domains (in the instrument's order) and overall rating over time.

    .. versionadded:: 0.2.0
    """
    found: dict[tuple[Instrument, OutcomeDomain | None], list[OutcomePoint]] = {}
    for session in course.sessions:
        for score in session.assessment.outcomes:
            day = score.completed_on
            keys: list[tuple[OutcomeDomain | None, float | None]] = [
                (d, score.score(d)) for d in score.instrument.domains
            ]
            keys.append((None, score.overall))
            for domain, value in keys:
                if value is not None:
                    found.setdefault((score.instrument, domain), []).append(
                        OutcomePoint(session_id=session.id, date=day, score=value)
                    )
    order = {instrument: index for index, instrument in enumerate(Instrument)}

    def rank(key: tuple[Instrument, OutcomeDomain | None]) -> tuple[int, int]:
        instrument, domain = key
        domains = instrument.domains
        return order[instrument], domains.index(domain) if domain is not None else len(domains)

    return tuple(
        OutcomeSeries(instrument=i, domain=d, points=tuple(found[(i, d)]))
        for i, d in sorted(found, key=rank)
    )


@attrs.frozen(kw_only=True)
class AdherencePoint:
    """The wear a client reported for one garment at one session, against the prescription."""

    session_id: str
    date: dt.date
    prescribed_hours: float
    reported_hours: float
    percent: float


@attrs.frozen(kw_only=True)
class AdherenceSeries:
    """One garment (kind and side) over the course.

    .. versionadded:: 0.2.0
    """

    kind: GarmentKind
    side: Side | None
    points: tuple[AdherencePoint, ...]

    @property
    def label(self) -> str:
        """'Left sleeve', 'Pantyhose'."""
        if self.side is None:
            return self.kind.label
        return gettext("{side} {garment!l}", side=self.side.label, garment=self.kind.label)

    @property
    def mean_percent(self) -> float:
        """The mean adherence over the sessions that reported it."""
        return sum(p.percent for p in self.points) / len(self.points)


def adherence_series(course: Course) -> tuple[AdherenceSeries, ...]:
    """Reported against prescribed wear per garment, at each session that reported both.

    .. versionadded:: 0.2.0
    """
    found: dict[tuple[GarmentKind, Side | None], list[AdherencePoint]] = {}
    for session in course.sessions:
        compression = session.compression
        if compression is None:
            continue
        for garment in compression.garments:
            percent = garment.adherence_percent
            if percent is None:
                continue
            assert garment.prescribed_hours_per_day is not None  # noqa: S101 - percent known
            assert garment.reported_hours_per_day is not None  # noqa: S101
            found.setdefault((garment.kind, garment.side), []).append(
                AdherencePoint(
                    session_id=session.id,
                    date=session.start.date(),
                    prescribed_hours=garment.prescribed_hours_per_day,
                    reported_hours=garment.reported_hours_per_day,
                    percent=percent,
                )
            )
    return tuple(
        AdherenceSeries(kind=kind, side=side, points=tuple(points))
        for (kind, side), points in found.items()
    )
