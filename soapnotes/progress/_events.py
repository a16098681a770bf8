"""What happened session by session: pain, after-effects, CDT phases and how often."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs

from soapnotes.models.session import AfterEffect
from soapnotes.models.vocabulary import AFTER_EFFECTS_TO_WATCH, AfterEffectKind, CdtPhase
from soapnotes.progress._course import Course
from soapnotes.rules import RuleOptions

__all__ = [
    "AFTER_EFFECT_EXPECTED_HOURS",
    "AfterEffectsPoint",
    "PainPoint",
    "PhaseChange",
    "PhasePeriod",
    "WeekCount",
    "after_effects_series",
    "cdt_phase_changes",
    "pain_series",
    "phase_periods",
    "sessions_per_week",
    "weekly_session_counts",
]

_DEFAULT_OPTIONS = RuleOptions()

#: Hours after which an after-effect (not a red flag) has lasted longer than expected, by
#: default: the rules' ``RuleOptions.after_effect_warning_hours`` (soapnotes policy; see
#: ``docs/sources.md``). A clinic's own policy is passed as ``options``.
AFTER_EFFECT_EXPECTED_HOURS: float = _DEFAULT_OPTIONS.after_effect_warning_hours


@attrs.frozen(kw_only=True)
class PainPoint:
    """Pain 0-10 reported at one session (None when not recorded).

    .. versionadded:: 0.1.0
    """

    session_id: str
    date: dt.date
    pain: int | None


def pain_series(course: Course) -> tuple[PainPoint, ...]:
    """Pain (numeric rating scale 0-10) at each session.

    .. versionadded:: 0.1.0
    """
    return tuple(
        PainPoint(session_id=s.id, date=s.start.date(), pain=s.subjective.pain)
        for s in course.sessions
    )


@attrs.frozen(kw_only=True)
class AfterEffectsPoint:
    """The after-effects of the previous session, as reported at one session.

    ``longest_hours`` is the longest reported duration (None when none was given).
    ``expected_hours`` is the clinic's window for the watched kinds
    (:data:`soapnotes.models.vocabulary.AFTER_EFFECTS_TO_WATCH`): the
    ``after_effect_warning_hours`` of the :class:`soapnotes.RuleOptions` the series was
    computed under, :data:`AFTER_EFFECT_EXPECTED_HOURS` by default.

    .. versionadded:: 0.1.0
    """

    session_id: str
    date: dt.date
    effects: tuple[AfterEffect, ...]
    expected_hours: float = AFTER_EFFECT_EXPECTED_HOURS

    @property
    def kinds(self) -> tuple[AfterEffectKind, ...]:
        """The kinds reported, in the order recorded, without repeats."""
        return tuple(dict.fromkeys(e.kind for e in self.effects))

    @property
    def longest_hours(self) -> float | None:
        """The longest duration reported, in hours."""
        hours = [e.duration_hours for e in self.effects if e.duration_hours is not None]
        return max(hours) if hours else None

    @property
    def lasted_too_long(self) -> bool:
        """True when an after-effect lasted longer than ``expected_hours``.

        Those are the kinds rule SN-AE-001 watches (every kind but the red flags, which rule
        SN-AE-003 makes errors whatever their duration), under the same threshold.
        """
        return any(
            e.kind in AFTER_EFFECTS_TO_WATCH
            and e.duration_hours is not None
            and e.duration_hours > self.expected_hours
            for e in self.effects
        )


def after_effects_series(
    course: Course, options: RuleOptions | None = None
) -> tuple[AfterEffectsPoint, ...]:
    """After-effects of the previous session as reported at each session (may be empty).

    Args:
        course: the course.
        options: the clinic's rule policy; its ``after_effect_warning_hours`` is each
            point's ``expected_hours`` (the rules' default, 48 hours, when None).

    .. versionadded:: 0.1.0
    """
    hours = (options or _DEFAULT_OPTIONS).after_effect_warning_hours
    return tuple(
        AfterEffectsPoint(
            session_id=s.id,
            date=s.start.date(),
            effects=s.subjective.after_effects,
            expected_hours=hours,
        )
        for s in course.sessions
    )


@attrs.frozen(kw_only=True)
class PhaseChange:
    """The CDT phase changed between two consecutive sessions.

    ``before``/``after`` are None where a session recorded no phase.

    .. versionadded:: 0.1.0
    """

    session_id: str
    date: dt.date
    before: CdtPhase | None
    after: CdtPhase | None


def cdt_phase_changes(course: Course) -> tuple[PhaseChange, ...]:
    """Each session whose CDT phase differs from the session before it.

    The first session's phase is ``course.first.session.cdt_phase``, not a change.

    .. versionadded:: 0.1.0
    """
    changes = []
    sessions = course.sessions
    for previous, session in itertools.pairwise(sessions):
        if session.cdt_phase is not previous.cdt_phase:
            changes.append(
                PhaseChange(
                    session_id=session.id,
                    date=session.start.date(),
                    before=previous.cdt_phase,
                    after=session.cdt_phase,
                )
            )
    return tuple(changes)


@attrs.frozen(kw_only=True)
class PhasePeriod:
    """A run of consecutive sessions in the same CDT phase (None: no phase recorded).

    .. versionadded:: 0.1.0
    """

    phase: CdtPhase | None
    first: dt.date
    last: dt.date
    sessions: int

    @property
    def sessions_per_week(self) -> float | None:
        """Sessions x 7 / calendar days from first to last (both counted); None for one."""
        if self.sessions < 2:
            return None
        return self.sessions * 7 / ((self.last - self.first).days + 1)


def phase_periods(course: Course) -> tuple[PhasePeriod, ...]:
    """The course split into runs of consecutive sessions with the same CDT phase.

    .. versionadded:: 0.1.0
    """
    periods: list[PhasePeriod] = []
    for session in course.sessions:
        date = session.start.date()
        if periods and periods[-1].phase is session.cdt_phase:
            periods[-1] = attrs.evolve(periods[-1], last=date, sessions=periods[-1].sessions + 1)
        else:
            periods.append(PhasePeriod(phase=session.cdt_phase, first=date, last=date, sessions=1))
    return tuple(periods)


def sessions_per_week(course: Course) -> float | None:
    """Average sessions a week over the course: sessions x 7 / calendar days spanned.

    The span counts both the first and the last day, so ten sessions Monday to Friday over
    two weeks (12 days) give 5.8. None for a course of one session, where a rate means
    nothing.

    .. versionadded:: 0.1.0
    """
    if len(course.notes) < 2:
        return None
    days = (course.end_date - course.start_date).days + 1
    return len(course.notes) * 7 / days


@attrs.frozen(kw_only=True)
class WeekCount:
    """Sessions in one calendar week (Monday to Sunday) of the course.

    .. versionadded:: 0.1.0
    """

    week_start: dt.date
    sessions: int


def weekly_session_counts(course: Course) -> tuple[WeekCount, ...]:
    """Sessions in each calendar week from the first session's week to the last's.

    Weeks without a session are listed with 0, so a break in the course shows.

    .. versionadded:: 0.1.0
    """
    first = course.start_date - dt.timedelta(days=course.start_date.weekday())
    last = course.end_date - dt.timedelta(days=course.end_date.weekday())
    counts: dict[dt.date, int] = {}
    week = first
    while week <= last:
        counts[week] = 0
        week += dt.timedelta(days=7)
    for session in course.sessions:
        date = session.start.date()
        counts[date - dt.timedelta(days=date.weekday())] += 1
    return tuple(WeekCount(week_start=w, sessions=n) for w, n in counts.items())
