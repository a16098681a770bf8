"""The plain-language summary of a course: sentences made from the computed numbers only."""

from __future__ import annotations

from collections.abc import Sequence

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.i18n._active import gettext_noop
from soapnotes.models.vocabulary import Modality
from soapnotes.progress._course import Course
from soapnotes.progress._events import AfterEffectsPoint, PainPoint
from soapnotes.progress._measures import OutcomeSeries
from soapnotes.progress._progress import Progress
from soapnotes.progress._volumes import ExcessVolumeSeries, VolumeSeries

__all__ = ["summary_sentences"]


def _sessions(n: int) -> str:
    return tr("{count} session", count=n) if n == 1 else tr("{count} sessions", count=n)


def _span_between(course: Course, first_id: str, last_id: str) -> int:
    ids = [s.id for s in course.sessions]
    return ids.index(last_id) - ids.index(first_id) + 1


def _direction(before: float, after: float, decimals: int) -> str:
    b, a = round(before, decimals), round(after, decimals)
    if a < b:
        return "fell"
    if a > b:
        return "rose"
    return "same"


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
        sentences.append(tr("One session, on {date}.", date=fmt.date(course.start_date)))
    else:
        rate = result.sessions_per_week
        weeks = ((course.end_date - course.start_date).days + 1) / 7
        sentences.append(
            tr(
                "{sessions} from {first} to {last} ({weeks} weeks, {rate} sessions a week on"
                " average).",
                sessions=_sessions(n),
                first=fmt.date(course.start_date),
                last=fmt.date(course.end_date),
                weeks=fmt.number(weeks, 1),
                rate=fmt.number(rate or 0, 1),
            )
        )
    modalities = dict.fromkeys(s.modality for s in course.sessions)
    if modalities and set(modalities) != {Modality.MANUAL_LYMPHATIC_DRAINAGE}:
        names = ", ".join(m.label for m in modalities)
        sentences.append(tr("Modalities: {names}.", names=names))

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
        name = (
            tr("{phase!l} phase", phase=period.phase.label)
            if period.phase
            else tr("no CDT phase recorded")
        )
        when = (
            tr("on {date}", date=fmt.date(period.first))
            if period.first == period.last
            else tr(
                "from {first} to {last}",
                first=fmt.date(period.first),
                last=fmt.date(period.last),
            )
        )
        rate = period.sessions_per_week
        per_week = tr(", {rate} a week", rate=fmt.number(rate, 1)) if rate is not None else ""
        parts.append(
            tr(
                "{name}: {sessions} {when}",
                name=name,
                sessions=_sessions(period.sessions),
                when=when,
            )
            + per_week
        )
    text = "; ".join(parts)
    return [text[0].upper() + text[1:] + "."]


def _excess_sentence(course: Course, series: ExcessVolumeSeries) -> str:
    measured = series.measured
    label = series.label
    if not measured:
        return tr(
            "Excess volume of the {limb!l} could not be computed: no session measured both"
            " {limbs} at the same points.",
            limb=label,
            limbs=tr("arms") if series.limb.value == "arm" else tr("legs"),
        )
    first, last = measured[0], measured[-1]
    assert first.excess_ml is not None  # noqa: S101 - measured
    assert last.excess_ml is not None  # noqa: S101 - measured
    assert first.excess_percent is not None  # noqa: S101 - measured
    assert last.excess_percent is not None  # noqa: S101 - measured
    if first is last:
        return tr(
            "Excess volume of the {limb!l} was {volume} ({percent}) on {date}.",
            limb=label,
            volume=fmt.ml(first.excess_ml),
            percent=fmt.percent(first.excess_percent),
            date=fmt.date(first.date),
        )
    span = _span_between(course, first.session_id, last.session_id)
    values = {
        "limb": label,
        "first": fmt.ml(first.excess_ml),
        "first_percent": fmt.percent(first.excess_percent),
        "last": fmt.ml(last.excess_ml),
        "last_percent": fmt.percent(last.excess_percent),
        "sessions": _sessions(span),
    }
    text = tr(_EXCESS_CHANGE[_direction(first.excess_ml, last.excess_ml, 0)], **values)
    if last.reduction_percent is None:
        text += tr("; with no excess at the first measurement, no reduction is given.")
    elif last.reduction_percent >= 0:
        reduction = fmt.percent(last.reduction_percent)
        text += tr(", a {percent} reduction of the excess volume.", percent=reduction)
    else:
        increase = fmt.percent(-last.reduction_percent)
        text += tr(", an increase of {percent} in excess volume.", percent=increase)
    return text


_EXCESS_CHANGE = {
    "fell": gettext_noop(
        "Excess volume of the {limb!l} fell from {first} ({first_percent}) to {last}"
        " ({last_percent}) over {sessions}"
    ),
    "rose": gettext_noop(
        "Excess volume of the {limb!l} rose from {first} ({first_percent}) to {last}"
        " ({last_percent}) over {sessions}"
    ),
    "same": gettext_noop(
        "Excess volume of the {limb!l} was unchanged from {first} ({first_percent}) to {last}"
        " ({last_percent}) over {sessions}"
    ),
}


def _change_sentence(course: Course, series: VolumeSeries) -> str:
    measured = series.measured
    label = series.label
    first, last = measured[0], measured[-1]
    assert first.volume_ml is not None  # noqa: S101 - measured
    assert last.volume_ml is not None  # noqa: S101 - measured
    if first is last:
        return tr(
            "Volume of the {limb!l} was {volume} on {date}.",
            limb=label,
            volume=fmt.ml(first.volume_ml),
            date=fmt.date(first.date),
        )
    span = _span_between(course, first.session_id, last.session_id)
    change = last.change_percent or 0.0
    return tr(
        _VOLUME_CHANGE[_direction(0.0, change, 1)],
        limb=label,
        percent=fmt.percent(abs(change)),
        first=fmt.ml(first.volume_ml),
        last=fmt.ml(last.volume_ml),
        sessions=_sessions(span),
    )


_VOLUME_CHANGE = {
    "fell": gettext_noop(
        "Volume of the {limb!l} fell by {percent}, from {first} to {last} over {sessions}."
    ),
    "rose": gettext_noop(
        "Volume of the {limb!l} rose by {percent}, from {first} to {last} over {sessions}."
    ),
    "same": gettext_noop(
        "Volume of the {limb!l} was unchanged, from {first} to {last} over {sessions}."
    ),
}


def _gap_sentence(result: Progress, session_table: bool) -> str | None:
    sessions = result.course.sessions
    none_measured = [
        s.start.date() for s in sessions if not s.objective.circumferences and result.volumes
    ]
    parts = []
    if none_measured:
        dates = ", ".join(fmt.date(d) for d in none_measured)
        parts.append(tr("no circumferences were measured on {dates}", dates=dates))
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
            dates = ", ".join(fmt.date(p.date) for p in left_out)
            parts.append(
                tr(
                    "the {limb!l} was measured at other points than at the first measurement"
                    " on {dates}, so that volume is left out",
                    limb=series.label,
                    dates=dates,
                )
                if len(left_out) == 1
                else tr(
                    "the {limb!l} was measured at other points than at the first"
                    " measurement on {dates}, so those volumes are left out",
                    limb=series.label,
                    dates=dates,
                )
            )
        if skipped:
            dates = ", ".join(fmt.date(p.date) for p in skipped)
            parts.append(
                tr("the {limb!l} was not measured on {dates}", limb=series.label, dates=dates)
            )
    if not parts:
        return None
    text = "; ".join(parts)
    end = tr(" (see the session table).") if session_table else "."
    return text[0].upper() + text[1:] + end


def _pain_sentence(points: Sequence[PainPoint]) -> str | None:
    rated = [p for p in points if p.pain is not None]
    if not rated:
        return None
    first, last = rated[0], rated[-1]
    assert first.pain is not None  # noqa: S101 - rated
    assert last.pain is not None  # noqa: S101 - rated
    if first is last:
        return tr("Pain was {pain} of 10 on {date}.", pain=first.pain, date=fmt.date(first.date))
    verb = _direction(first.pain, last.pain, 0)
    values = {
        "before": first.pain,
        "after": last.pain,
        "first": fmt.date(first.date),
        "last": fmt.date(last.date),
    }
    if verb == "same":
        return tr("Pain was unchanged at {before} of 10 ({first} to {last}).", **values)
    if verb == "fell":
        return tr("Pain fell from {before} to {after} of 10 ({first} to {last}).", **values)
    return tr("Pain rose from {before} to {after} of 10 ({first} to {last}).", **values)


def _after_effects_sentence(points: Sequence[AfterEffectsPoint], expected_hours: float) -> str:
    reported = [p for p in points if p.effects]
    if not reported:
        return tr("No after-effects were reported.")
    kinds = dict.fromkeys(k for p in reported for k in p.kinds)
    names = ", ".join(tr("{part!l}", part=k.label) for k in kinds)
    text = tr(
        "After-effects ({names}) were reported at {sessions}, the last on {date}",
        names=names,
        sessions=_sessions(len(reported)),
        date=fmt.date(reported[-1].date),
    )
    long = [p for p in reported if p.lasted_too_long]
    hours = fmt.number(expected_hours, 0)
    if long:
        text += tr(
            "; at {sessions} they lasted longer than {hours} hours (follow up).",
            sessions=_sessions(len(long)),
            hours=hours,
        )
    else:
        text += tr("; none lasted longer than {hours} hours.", hours=hours)
    return text


def _measure_sentences(result: Progress) -> list[str]:
    """Weight, L-Dex, outcome scores and garment wear, when the course records them."""
    out: list[str] = []
    weight = result.weight
    if len(weight) >= 2:
        first, last = weight[0], weight[-1]
        line = tr(
            _FROM_TO[_direction(first.weight_kg, last.weight_kg, 1)],
            what=tr("Weight"),
            first=fmt.number(first.weight_kg, 1),
            last=fmt.number(last.weight_kg, 1) + " kg",
        )
        if first.bmi is not None and last.bmi is not None:
            line += tr(
                " (BMI {first} to {last})",
                first=fmt.number(first.bmi, 1),
                last=fmt.number(last.bmi, 1),
            )
        out.append(line + ".")
    for series in result.ldex:
        if len(series.points) >= 2:
            a, b = series.points[0].ldex, series.points[-1].ldex
            what = tr("L-Dex of the {limb!l}", limb=series.label)
            line = tr(
                _FROM_TO[_direction(a, b, 1)],
                what=what,
                first=fmt.number(a, 1),
                last=fmt.number(b, 1),
            )
            out.append(line + ".")
    scores = [s for s in result.outcomes if len(s.points) >= 2]
    if scores:
        out.append(_outcome_sentence(scores))
    for garment in result.adherence:
        out.append(
            tr(
                "The {garment!l} was worn {percent} % of the prescribed hours on average"
                " ({sessions} reporting).",
                garment=garment.label,
                percent=fmt.number(garment.mean_percent),
                sessions=_sessions(len(garment.points)),
            )
        )
    return out


#: A value from the first to the last measurement, by direction.
_FROM_TO = {
    "fell": gettext_noop("{what} fell from {first} to {last}"),
    "rose": gettext_noop("{what} rose from {first} to {last}"),
    "same": gettext_noop("{what} was unchanged from {first} to {last}"),
}


def _outcome_sentence(scores: Sequence[OutcomeSeries]) -> str:
    """'LYMQOL arm from 27 Oct to 19 Dec 2025: function 2.6 to 1.8, ... (higher is worse)'."""
    parts = []
    for instrument in dict.fromkeys(s.instrument for s in scores):
        mine = [s for s in scores if s.instrument is instrument]
        first, last = mine[0].points[0].date, mine[0].points[-1].date
        changes = ", ".join(
            tr(
                "{domain!l} {first} to {last}",
                domain=s.label,
                first=fmt.number(s.points[0].score, 1),
                last=fmt.number(s.points[-1].score, 1),
            )
            for s in mine
        )
        better = (
            tr("higher is better")
            if instrument.higher_is_better
            else tr("domains: higher is worse; overall: higher is better")
        )
        parts.append(
            tr(
                "{instrument} from {first} to {last}: {changes} ({better})",
                instrument=instrument.label,
                first=fmt.date(first),
                last=fmt.date(last),
                changes=changes,
                better=better,
            )
        )
    return "; ".join(parts) + "."
