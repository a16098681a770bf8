"""The plain-language summary of a course: sentences made from the computed numbers only."""

from __future__ import annotations

from collections.abc import Sequence

from soapnotes import _format as fmt
from soapnotes.models.vocabulary import Modality
from soapnotes.progress._course import Course
from soapnotes.progress._events import AfterEffectsPoint, PainPoint
from soapnotes.progress._measures import OutcomeSeries
from soapnotes.progress._progress import Progress
from soapnotes.progress._volumes import ExcessVolumeSeries, VolumeSeries

__all__ = ["summary_sentences"]


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


def summary_sentences(result: Progress, *, session_table: bool = True) -> tuple[str, ...]:
    """The summary a physician reads first, as plain sentences generated from the numbers.

    Only numbers, dates and vocabulary labels go into the sentences, never the record's
    free text. After-effects are judged by the after-effect window of the rule policy the
    progress was computed under (``result.rule_options``), as the open findings are.
    ``session_table`` False is for a document without the report's session table (the
    letter): the sentence on left-out measurements does not point to it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``session_table``.
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
    gaps = _gap_sentence(result, session_table)
    if gaps:
        sentences.append(gaps)
    pain = _pain_sentence(result.pain)
    if pain:
        sentences.append(pain)
    sentences.extend(_measure_sentences(result))
    sentences.append(
        _after_effects_sentence(
            result.after_effects, result.rule_options.after_effect_warning_hours
        )
    )
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


def _gap_sentence(result: Progress, session_table: bool) -> str | None:
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
    return text[0].upper() + text[1:] + (" (see the session table)." if session_table else ".")


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


def _after_effects_sentence(points: Sequence[AfterEffectsPoint], expected_hours: float) -> str:
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
            f"{fmt.number(expected_hours, 0)} hours (follow up)."
        )
    else:
        text += f"; none lasted longer than {fmt.number(expected_hours, 0)} hours."
    return text


def _measure_sentences(result: Progress) -> list[str]:
    """Weight, L-Dex, outcome scores and garment wear, when the course records them."""
    out: list[str] = []
    weight = result.weight
    if len(weight) >= 2:
        first, last = weight[0], weight[-1]
        line = (
            f"Weight {_direction(first.weight_kg, last.weight_kg, 1)} from "
            f"{fmt.number(first.weight_kg, 1)} to {fmt.number(last.weight_kg, 1)} kg"
        )
        if first.bmi is not None and last.bmi is not None:
            line += f" (BMI {fmt.number(first.bmi, 1)} to {fmt.number(last.bmi, 1)})"
        out.append(line + ".")
    for series in result.ldex:
        if len(series.points) >= 2:
            a, b = series.points[0].ldex, series.points[-1].ldex
            out.append(
                f"L-Dex of the {series.label.lower()} {_direction(a, b, 1)} from "
                f"{fmt.number(a, 1)} to {fmt.number(b, 1)}."
            )
    scores = [s for s in result.outcomes if len(s.points) >= 2]
    if scores:
        out.append(_outcome_sentence(scores))
    for garment in result.adherence:
        out.append(
            f"The {garment.label.lower()} was worn {fmt.number(garment.mean_percent)} % of the "
            f"prescribed hours on average ({_sessions(len(garment.points))} reporting)."
        )
    return out


def _outcome_sentence(scores: Sequence[OutcomeSeries]) -> str:
    """'LYMQOL arm from 27 Oct to 19 Dec 2025: function 2.6 to 1.8, ... (higher is worse)'."""
    parts = []
    for instrument in dict.fromkeys(s.instrument for s in scores):
        mine = [s for s in scores if s.instrument is instrument]
        first, last = mine[0].points[0].date, mine[0].points[-1].date
        changes = ", ".join(
            f"{s.label.lower()} {fmt.number(s.points[0].score, 1)} to "
            f"{fmt.number(s.points[-1].score, 1)}"
            for s in mine
        )
        better = (
            "higher is better"
            if instrument.higher_is_better
            else "domains: higher is worse; overall: higher is better"
        )
        parts.append(
            f"{instrument.label} from {fmt.date(first)} to {fmt.date(last)}: {changes} ({better})"
        )
    return "; ".join(parts) + "."
