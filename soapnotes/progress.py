"""A client's course of treatment over weeks, and the numbers that show how it went.

A :class:`Course` is several notes for one client, ordered by session start. The functions
here compute, without drawing anything, what a progress report needs:

* limb volume per limb and side per session (:func:`volume_series`), left out where the
  session was measured at other points than the course's baseline, with the reason;
* for one-sided lymphedema of a limb, excess volume, percent excess volume and the percent
  reduction of excess volume against the first comparable session
  (:func:`excess_volume_series`); for edema on both sides (or no lymphedema recorded) the
  percent change of absolute volume per side instead (``VolumePoint.change_percent``), since
  there is no healthy limb to compare with (DOMAIN.md, "Measurements");
* pain, after-effects and CDT phase changes over time, and session frequency;
* :func:`summary_sentences`, the plain-language summary a physician reads first.

Everything is pure: records in, frozen records out. Rendering lives in
:mod:`soapnotes.render.progress`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from soapnotes import _format as fmt
from soapnotes._files import note_files
from soapnotes.errors import InvalidRecord, Problem, UsageError
from soapnotes.io import load
from soapnotes.models.client import Client
from soapnotes.models.measurements import (
    CircumferenceSeries,
    excess_volume_ml,
    excess_volume_percent,
    excess_volume_reduction_percent,
    volume_change_percent,
)
from soapnotes.models.note import Note, Practice, Therapist
from soapnotes.models.session import AfterEffect, Session
from soapnotes.models.vocabulary import (
    AfterEffectKind,
    CdtPhase,
    Limb,
    Modality,
    Side,
)
from soapnotes.rules import Finding, RuleOptions, validate

__all__ = [
    "AFTER_EFFECT_EXPECTED_HOURS",
    "AfterEffectsPoint",
    "Course",
    "ExcessVolumePoint",
    "ExcessVolumeSeries",
    "PainPoint",
    "PhaseChange",
    "PhasePeriod",
    "Progress",
    "VolumePoint",
    "VolumeSeries",
    "WeekCount",
    "after_effects_series",
    "cdt_phase_changes",
    "compute_progress",
    "course_from_notes",
    "excess_volume_series",
    "load_course",
    "one_sided_limbs",
    "open_findings",
    "pain_series",
    "phase_periods",
    "sessions_per_week",
    "summary_sentences",
    "volume_series",
    "weekly_session_counts",
]

#: After-effects should ease within 24-48 hours (DOMAIN.md); longer is worth a follow-up.
AFTER_EFFECT_EXPECTED_HOURS = 48.0
_EXPECTED_TO_EASE = frozenset(
    {AfterEffectKind.HEADACHE, AfterEffectKind.NAUSEA, AfterEffectKind.FATIGUE}
)

_OTHER_SIDE = {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT}


# -- the course ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Course:
    """The notes of one client's course of treatment, ordered by session start.

    ``client`` is the client as recorded in the latest note (conditions and node status may
    have been updated during the course). Build one with :func:`load_course` or
    :func:`course_from_notes`, which check that the notes belong together.

    .. versionadded:: 0.1.0
    """

    client: Client
    notes: tuple[Note, ...]

    @property
    def sessions(self) -> tuple[Session, ...]:
        """The sessions, first to last."""
        return tuple(note.session for note in self.notes)

    @property
    def first(self) -> Note:
        """The earliest note."""
        return self.notes[0]

    @property
    def last(self) -> Note:
        """The latest note."""
        return self.notes[-1]

    @property
    def practice(self) -> Practice:
        """The practice as named in the latest note."""
        return self.last.practice

    @property
    def therapist(self) -> Therapist:
        """The therapist of the latest note."""
        return self.last.therapist

    @property
    def start_date(self) -> dt.date:
        """The date of the first session (in its own time zone)."""
        return self.first.session.start.date()

    @property
    def end_date(self) -> dt.date:
        """The date of the last session (in its own time zone)."""
        return self.last.session.start.date()


def load_course(paths: Iterable[str | os.PathLike[str]]) -> Course:
    """Load a client's course from note files and/or directories of ``.json``/``.toml`` notes.

    A directory contributes the ``.json`` and ``.toml`` files beneath it, as for every
    command (:func:`soapnotes._files.note_files`: subfolders included, hidden files skipped);
    other files in it are ignored. Files named directly are loaded whatever their suffix
    (so a wrong suffix is reported, not skipped).

    Args:
        paths: note files and directories, in any order; sessions are ordered by start time.

    Raises:
        InvalidRecord: one error for the whole course: every file that does not load (each
            problem's message names its file), no files at all, notes of different clients,
            or the same session id in more than one file.
        OSError: a file cannot be read.

    .. versionadded:: 0.1.0
    """
    given = [Path(p) for p in paths]
    files = list(note_files(given))
    source = ", ".join(str(p) for p in given) or "course"
    if not files:
        raise InvalidRecord(
            [Problem("$", "no note files (.json or .toml) were found")], source=source
        )
    notes: list[Note] = []
    problems: list[Problem] = []
    for file in files:
        try:
            notes.append(load(file))
        except InvalidRecord as exc:
            problems.extend(Problem(p.path, f"{file}: {p.message}") for p in exc.problems)
    if problems:
        raise InvalidRecord(problems, source=source)
    return course_from_notes(notes, sources=[str(f) for f in files])


def course_from_notes(notes: Iterable[Note], *, sources: Sequence[str] | None = None) -> Course:
    """A :class:`Course` from notes already loaded, ordered by session start.

    Args:
        notes: the notes of one client, in any order.
        sources: a name for each note (its file) to use in error messages; by default
            ``note [0]``, ``note [1]``, ... in the order given.

    Raises:
        InvalidRecord: no notes, notes of different clients (the problem names the files of
            each client id), or a session id that appears more than once.

    .. versionadded:: 0.1.0
    """
    given = list(notes)
    names = list(sources) if sources is not None else [f"note [{i}]" for i in range(len(given))]
    if len(names) != len(given):
        raise UsageError("sources must name every note, one name per note")
    source = f"course of {len(names)} note{'s' if len(names) != 1 else ''}"
    if not given:
        raise InvalidRecord([Problem("$", "a course needs at least one note")], source=source)
    problems: list[Problem] = []

    by_client: dict[str, list[str]] = {}
    for note, name in zip(given, names, strict=True):
        by_client.setdefault(note.client.id, []).append(name)
    if len(by_client) > 1:
        listed = "; ".join(f"{cid} in {', '.join(files)}" for cid, files in by_client.items())
        problems.append(
            Problem(
                "$.client.id", f"a course is for one client, but these notes mix clients: {listed}"
            )
        )

    by_session: dict[str, list[str]] = {}
    for note, name in zip(given, names, strict=True):
        by_session.setdefault(note.session.id, []).append(name)
    for session_id, files in by_session.items():
        if len(files) > 1:
            problems.append(
                Problem(
                    "$.session.id",
                    f"session {session_id} appears in more than one note: {', '.join(files)}",
                )
            )
    if problems:
        raise InvalidRecord(problems, source=source)

    ordered = tuple(sorted(given, key=lambda n: (n.session.start, n.session.id)))
    return Course(client=ordered[-1].client, notes=ordered)


# -- volumes -------------------------------------------------------------------------------


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
        return f"{self.side.label} {self.limb.value}"

    @property
    def measured(self) -> tuple[VolumePoint, ...]:
        """The points that have a volume."""
        return tuple(p for p in self.points if p.volume_ml is not None)


def _describe_distances(series: CircumferenceSeries) -> str:
    """'0-40 cm every 4 cm' for even spacing, else '0, 4, 10 cm'."""
    d = series.distances
    steps = {round(b - a, 6) for a, b in itertools.pairwise(d)}
    if len(steps) == 1:
        return f"{_num(d[0])}-{_num(d[-1])} cm every {_num(next(iter(steps)))} cm"
    return ", ".join(_num(x) for x in d) + " cm"


def _num(value: float) -> str:
    return f"{value:g}"


def _gap_reason(series: CircumferenceSeries, baseline: CircumferenceSeries) -> str:
    """Why ``series`` cannot be compared with the course's ``baseline``."""
    if series.landmark is not baseline.landmark:
        return (
            f"measured from the {series.landmark.value} instead of the {baseline.landmark.value}"
        )
    return (
        f"measured at different distances ({_describe_distances(series)} instead of "
        f"{_describe_distances(baseline)})"
    )


_LIMB_ORDER = {Limb.ARM: 0, Limb.LEG: 1}
_SIDE_ORDER = {Side.LEFT: 0, Side.RIGHT: 1}


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
    result = []
    for limb, side in sorted(baselines, key=lambda k: (_LIMB_ORDER[k[0]], _SIDE_ORDER[k[1]])):
        baseline, baseline_id = baselines[(limb, side)]
        points = []
        for session in course.sessions:
            date = session.start.date()
            measured = session.objective.series(limb, side)
            if measured is None:
                points.append(
                    VolumePoint(
                        session_id=session.id, date=date, volume_ml=None, gap_reason="not measured"
                    )
                )
            elif not measured.comparable_with(baseline):
                points.append(
                    VolumePoint(
                        session_id=session.id,
                        date=date,
                        volume_ml=None,
                        gap_reason=_gap_reason(measured, baseline),
                    )
                )
            else:
                volume = measured.volume_ml
                points.append(
                    VolumePoint(
                        session_id=session.id,
                        date=date,
                        volume_ml=volume,
                        change_percent=volume_change_percent(baseline.volume_ml, volume),
                    )
                )
        result.append(
            VolumeSeries(
                limb=limb,
                side=side,
                baseline=baseline,
                baseline_session_id=baseline_id,
                points=tuple(points),
            )
        )
    return tuple(result)


@attrs.frozen(kw_only=True)
class ExcessVolumePoint:
    """Excess volume of the affected limb at one session, or why it is left out.

    ``reduction_percent`` is the percent reduction of excess volume against the series'
    first point with a value; None there and wherever the baseline excess was not positive
    (nothing to reduce, DOMAIN.md).

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
        return _OTHER_SIDE[self.affected]

    @property
    def label(self) -> str:
        """'Left arm'."""
        return f"{self.affected.label} {self.limb.value}"

    @property
    def measured(self) -> tuple[ExcessVolumePoint, ...]:
        """The points that have an excess volume."""
        return tuple(p for p in self.points if p.excess_ml is not None)


def one_sided_limbs(client: Client) -> tuple[tuple[Limb, Side], ...]:
    """(limb, affected side) of each limb with swelling on one side only.

    Uses :meth:`Client.swollen_sides`, the definition the rules and the note share. A limb
    swollen on both sides has no reference limb and is left out.
    """
    return tuple(
        (limb, next(iter(sides)))
        for limb in (Limb.ARM, Limb.LEG)
        if len(sides := client.swollen_sides(limb)) == 1
    )


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
    result = []
    for limb, affected in one_sided_limbs(course.client):
        reference = _OTHER_SIDE[affected]
        aff = by_key.get((limb, affected))
        ref = by_key.get((limb, reference))
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
            ev = excess_volume_ml(v_aff, v_ref)
            if baseline_ev is None:
                baseline_ev = ev
            points.append(
                ExcessVolumePoint(
                    session_id=session.id,
                    date=date,
                    excess_ml=ev,
                    excess_percent=excess_volume_percent(v_aff, v_ref),
                    reduction_percent=excess_volume_reduction_percent(baseline_ev, ev),
                )
            )
        result.append(ExcessVolumeSeries(limb=limb, affected=affected, points=tuple(points)))
    return tuple(result)


def _excess_gap(
    limb: Limb,
    affected: Side,
    aff: VolumeSeries | None,
    ref: VolumeSeries | None,
    index: int,
) -> str | None:
    """Why there is no excess volume at session ``index``, or None when there is one."""
    reference = _OTHER_SIDE[affected]
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


# -- pain, after-effects, phases, frequency ------------------------------------------------


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

    .. versionadded:: 0.1.0
    """

    session_id: str
    date: dt.date
    effects: tuple[AfterEffect, ...]

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
        """True when a headache, nausea or fatigue lasted longer than the expected 48 hours.

        Those are the after-effects DOMAIN.md expects to ease within 24-48 hours (and the ones
        rule SN-AE-001 watches); an "other" after-effect is listed but not judged.
        """
        return any(
            e.kind in _EXPECTED_TO_EASE
            and e.duration_hours is not None
            and e.duration_hours > AFTER_EFFECT_EXPECTED_HOURS
            for e in self.effects
        )


def after_effects_series(course: Course) -> tuple[AfterEffectsPoint, ...]:
    """After-effects of the previous session as reported at each session (may be empty).

    .. versionadded:: 0.1.0
    """
    return tuple(
        AfterEffectsPoint(session_id=s.id, date=s.start.date(), effects=s.subjective.after_effects)
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


# -- everything together, and the summary --------------------------------------------------


@attrs.frozen(kw_only=True)
class Progress:
    """Every series a progress report shows, computed once for a course.

    .. versionadded:: 0.1.0
    """

    course: Course
    volumes: tuple[VolumeSeries, ...]
    excess: tuple[ExcessVolumeSeries, ...]
    pain: tuple[PainPoint, ...]
    after_effects: tuple[AfterEffectsPoint, ...]
    phase_changes: tuple[PhaseChange, ...]
    phase_periods: tuple[PhasePeriod, ...]
    sessions_per_week: float | None
    weeks: tuple[WeekCount, ...]

    @property
    def change_volumes(self) -> tuple[VolumeSeries, ...]:
        """Volume series to report as percent change: limbs without an excess series."""
        one_sided = {e.limb for e in self.excess}
        return tuple(v for v in self.volumes if v.limb not in one_sided)


def compute_progress(course: Course) -> Progress:
    """Compute every series of :class:`Progress` for ``course``.

    .. versionadded:: 0.1.0
    """
    volumes = volume_series(course)
    return Progress(
        course=course,
        volumes=volumes,
        excess=excess_volume_series(course, volumes),
        pain=pain_series(course),
        after_effects=after_effects_series(course),
        phase_changes=cdt_phase_changes(course),
        phase_periods=phase_periods(course),
        sessions_per_week=sessions_per_week(course),
        weeks=weekly_session_counts(course),
    )


def _sessions(n: int) -> str:
    return f"{n} session{'s' if n != 1 else ''}"


def _span_between(course: Course, first_id: str, last_id: str) -> int:
    ids = [s.id for s in course.sessions]
    return ids.index(last_id) - ids.index(first_id) + 1


def _direction(before: float, after: float, decimals: int) -> str:
    b, a = round(before, decimals), round(after, decimals)
    if a < b:
        return "fell"
    if a > b:
        return "rose"
    return "was unchanged"


def summary_sentences(result: Progress) -> tuple[str, ...]:
    """The summary a physician reads first, as plain sentences generated from the numbers.

    Only numbers, dates and vocabulary labels go into the sentences, never the record's
    free text.

    .. versionadded:: 0.1.0
    """
    course = result.course
    n = len(course.notes)
    sentences: list[str] = []
    if n == 1:
        sentences.append(f"One session, on {fmt.date(course.start_date)}.")
    else:
        rate = result.sessions_per_week
        weeks = ((course.end_date - course.start_date).days + 1) / 7
        sentences.append(
            f"{_sessions(n)} from {fmt.date(course.start_date)} to {fmt.date(course.end_date)} "
            f"({fmt.number(weeks, 1)} weeks, "
            f"{fmt.number(rate or 0, 1)} sessions a week on average)."
        )
    modalities = dict.fromkeys(s.modality for s in course.sessions)
    if modalities and set(modalities) != {Modality.MANUAL_LYMPHATIC_DRAINAGE}:
        sentences.append("Modalities: " + ", ".join(m.label for m in modalities) + ".")

    sentences.extend(_phase_sentences(result))
    for series in result.excess:
        sentences.append(_excess_sentence(course, series))
    for volume in result.change_volumes:
        sentences.append(_change_sentence(course, volume))
    gaps = _gap_sentence(result)
    if gaps:
        sentences.append(gaps)
    pain = _pain_sentence(result.pain)
    if pain:
        sentences.append(pain)
    sentences.append(_after_effects_sentence(result.after_effects))
    return tuple(sentences)


def _phase_sentences(result: Progress) -> list[str]:
    periods = result.phase_periods
    if all(p.phase is None for p in periods):
        return []
    parts = []
    for period in periods:
        name = f"{period.phase.value} phase" if period.phase else "no CDT phase recorded"
        when = (
            f"on {fmt.date(period.first)}"
            if period.first == period.last
            else f"from {fmt.date(period.first)} to {fmt.date(period.last)}"
        )
        rate = period.sessions_per_week
        per_week = f", {fmt.number(rate, 1)} a week" if rate is not None else ""
        parts.append(f"{name}: {_sessions(period.sessions)} {when}{per_week}")
    text = "; ".join(parts)
    return [text[0].upper() + text[1:] + "."]


def _excess_sentence(course: Course, series: ExcessVolumeSeries) -> str:
    measured = series.measured
    label = series.label.lower()
    if not measured:
        return (
            f"Excess volume of the {label} could not be computed: no session measured both "
            f"{series.limb.value}s at the same points."
        )
    first, last = measured[0], measured[-1]
    assert first.excess_ml is not None  # noqa: S101 - measured
    assert last.excess_ml is not None  # noqa: S101 - measured
    assert first.excess_percent is not None  # noqa: S101 - measured
    assert last.excess_percent is not None  # noqa: S101 - measured
    if first is last:
        return (
            f"Excess volume of the {label} was {fmt.ml(first.excess_ml)} "
            f"({fmt.percent(first.excess_percent)}) on {fmt.date(first.date)}."
        )
    span = _span_between(course, first.session_id, last.session_id)
    verb = _direction(first.excess_ml, last.excess_ml, 0)
    text = (
        f"Excess volume of the {label} {verb} from {fmt.ml(first.excess_ml)} "
        f"({fmt.percent(first.excess_percent)}) to {fmt.ml(last.excess_ml)} "
        f"({fmt.percent(last.excess_percent)}) over {_sessions(span)}"
    )
    if last.reduction_percent is None:
        text += "; with no excess at the first measurement, no reduction is given."
    elif last.reduction_percent >= 0:
        text += f", a {fmt.percent(last.reduction_percent)} reduction of the excess volume."
    else:
        text += f", an increase of {fmt.percent(-last.reduction_percent)} in excess volume."
    return text


def _change_sentence(course: Course, series: VolumeSeries) -> str:
    measured = series.measured
    label = series.label.lower()
    first, last = measured[0], measured[-1]
    assert first.volume_ml is not None  # noqa: S101 - measured
    assert last.volume_ml is not None  # noqa: S101 - measured
    if first is last:
        return f"Volume of the {label} was {fmt.ml(first.volume_ml)} on {fmt.date(first.date)}."
    span = _span_between(course, first.session_id, last.session_id)
    change = last.change_percent or 0.0
    verb = _direction(0.0, change, 1)
    amount = "" if verb == "was unchanged" else f" by {fmt.percent(abs(change))}"
    return (
        f"Volume of the {label} {verb}{amount}, from {fmt.ml(first.volume_ml)} to "
        f"{fmt.ml(last.volume_ml)} over {_sessions(span)}."
    )


def _gap_sentence(result: Progress) -> str | None:
    sessions = result.course.sessions
    none_measured = [
        s.start.date() for s in sessions if not s.objective.circumferences and result.volumes
    ]
    parts = []
    if none_measured:
        parts.append(
            "no circumferences were measured on " + ", ".join(fmt.date(d) for d in none_measured)
        )
    for series in result.volumes:
        left_out = [
            p for p in series.points if p.volume_ml is None and p.gap_reason != "not measured"
        ]
        skipped = [
            p
            for p in series.points
            if p.gap_reason == "not measured" and p.date not in none_measured
        ]
        if left_out:
            parts.append(
                f"the {series.label.lower()} was measured at other points than at the first "
                f"measurement on {', '.join(fmt.date(p.date) for p in left_out)}, so "
                f"{'that volume is' if len(left_out) == 1 else 'those volumes are'} left out"
            )
        if skipped:
            parts.append(
                f"the {series.label.lower()} was not measured on "
                + ", ".join(fmt.date(p.date) for p in skipped)
            )
    if not parts:
        return None
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + " (see the session table)."


def _pain_sentence(points: Sequence[PainPoint]) -> str | None:
    rated = [p for p in points if p.pain is not None]
    if not rated:
        return None
    first, last = rated[0], rated[-1]
    assert first.pain is not None  # noqa: S101 - rated
    assert last.pain is not None  # noqa: S101 - rated
    if first is last:
        return f"Pain was {first.pain} of 10 on {fmt.date(first.date)}."
    verb = _direction(first.pain, last.pain, 0)
    if verb == "was unchanged":
        return (
            f"Pain was unchanged at {first.pain} of 10 ({fmt.date(first.date)} to "
            f"{fmt.date(last.date)})."
        )
    return (
        f"Pain {verb} from {first.pain} to {last.pain} of 10 "
        f"({fmt.date(first.date)} to {fmt.date(last.date)})."
    )


def _after_effects_sentence(points: Sequence[AfterEffectsPoint]) -> str:
    reported = [p for p in points if p.effects]
    if not reported:
        return "No after-effects were reported."
    kinds = dict.fromkeys(k for p in reported for k in p.kinds)
    names = ", ".join(k.label.lower() for k in kinds)
    text = (
        f"After-effects ({names}) were reported at {_sessions(len(reported))}, "
        f"the last on {fmt.date(reported[-1].date)}"
    )
    long = [p for p in reported if p.lasted_too_long]
    if long:
        text += (
            f"; at {_sessions(len(long))} they lasted longer than "
            f"{fmt.number(AFTER_EFFECT_EXPECTED_HOURS, 0)} hours (follow up)."
        )
    else:
        text += f"; none lasted longer than {fmt.number(AFTER_EFFECT_EXPECTED_HOURS, 0)} hours."
    return text


def open_findings(course: Course, options: RuleOptions | None = None) -> list[Finding]:
    """What the rules engine still reports at the last session of the course.

    Earlier notes' findings are history; the last note is where the client stands now.

    Args:
        course: the course.
        options: the clinic's rule policy, as for :func:`soapnotes.rules.validate`.

    .. versionadded:: 0.1.0
    """
    return validate(course.last, options)
