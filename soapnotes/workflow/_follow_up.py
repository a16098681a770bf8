"""Copy forward: today's draft note from the client's last one.

What persists from visit to visit is carried; what belongs to one session is left out; what
must be asked again is marked ``TO FILL IN`` (``docs/workflow.md`` lists every field).
"""

from __future__ import annotations

import datetime as dt

import attrs

from soapnotes.errors import UsageError
from soapnotes.i18n._active import gettext_noop
from soapnotes.models.client import Client, Screening, ScreeningAnswer
from soapnotes.models.draft import marked
from soapnotes.models.note import Note
from soapnotes.models.outcomes import Goal, GoalStatus
from soapnotes.models.session import (
    Assessment,
    Objective,
    Plan,
    PreviousMeasurements,
    Session,
    Subjective,
    TreatedRegion,
)
from soapnotes.models.vocabulary import (
    ABDOMINAL_CONTRAINDICATIONS,
    ABSOLUTE_QUESTIONS,
    SEED_QUESTIONS,
    Answer,
    BodyRegion,
    Contraindication,
    ContraindicationClass,
)
from soapnotes.progress import Course
from soapnotes.rules import RuleOptions

__all__ = ["follow_up", "new_screen"]

#: What a draft asks the therapist to write, in one place (to be localised with the rest).
WORDS = {  # message ids: a German or French document prints them translated
    "complaint": gettext_noop("today's chief complaint, in the client's words"),
    "assessment": gettext_noop("today's assessment"),
    "ask_absolute": gettext_noop(
        "ask '{question}' again (absolute: ruled out at every visit); "
        "last answered {answer} on {on}"
    ),
    "ask_stale": gettext_noop(
        "ask '{question}' again (the screen of {on} is older than {days} days); "
        "last answered {answer}"
    ),
    "ask_new": gettext_noop("ask '{question}' (not asked before)"),
}


def follow_up(
    last: Note | Course,
    *,
    start: dt.datetime,
    session_id: str | None = None,
    minutes: int | None = None,
    options: RuleOptions | None = None,
) -> Note:
    """A new draft note for the same client, carried forward from ``last``.

    Carried: practice, therapist, the client record (conditions, node status, consent,
    intake, arterial checks, physician, prescription with one more session used), the
    modality, CDT phase and duration, the treatment given as today's starting sequence
    (without its per-region notes), compression, the home-care plan and frequency, and the
    goals still active. Left out: the subjective report, observations and every
    measurement, the assessment and outcome scores, referrals, the next-session date, red
    flags, signature and addenda. The last tape measurements become
    ``objective.previous``. The screen is carried with each absolute question, and every
    question when the screen is older than ``options.screen_max_age_days``, answered
    ``unknown`` and marked ``TO FILL IN``; so are today's complaint and assessment, so the
    draft does not validate (SN-DF-001) until they are written: :func:`to_fill` lists them.

    ``last`` itself is never changed (a signed note stays signed and verifying).

    Args:
        last: the last note, or a course (its latest note by session start).
        start: when today's session starts (timezone-aware, after the last session).
        session_id: today's session id; by default ``S-YYYY-MMDD-HHMM`` from ``start``.
        minutes: today's duration; the last session's by default.
        options: the clinic's policy (``screen_max_age_days``); the defaults when None.

    Raises:
        UsageError: ``start`` is naive or not after the last session's start, or
            ``session_id`` / ``minutes`` is not a valid value.

    .. versionadded:: 0.2.0
    """
    note = last.last if isinstance(last, Course) else last
    options = options or RuleOptions()
    if start.tzinfo is None or start.utcoffset() is None:
        raise UsageError("start must be timezone-aware (e.g. 2026-11-21T10:00-04:00)")
    if start <= note.session.start:
        raise UsageError(
            f"start must be after the last session ({note.session.start.isoformat()})"
        )
    try:
        return Note(
            practice=note.practice,
            therapist=note.therapist,
            client=_client(note.client, start.date(), options, _questions(note)),
            session=_session(note, start, session_id, minutes),
        )
    except (ValueError, TypeError) as exc:  # a bad session id or minutes, from the record
        raise UsageError(f"the follow-up could not be made: {exc}") from None


def _client(
    client: Client, day: dt.date, options: RuleOptions, wanted: tuple[Contraindication, ...]
) -> Client:
    prescription = client.prescription
    if prescription is not None and prescription.sessions_used is not None:
        # sessions_used counts the sessions given under it, this one included
        prescription = attrs.evolve(prescription, sessions_used=prescription.sessions_used + 1)
    return attrs.evolve(
        client,
        screening=_screening(client.screening, day, options, wanted),
        prescription=prescription,
    )


def _questions(note: Note) -> tuple[Contraindication, ...]:
    """The questions today's starting sequence needs asked: the seed and absolute ones, and
    the abdominal ones when it treats the abdomen (SN-CI-013)."""
    abdomen = any(step.region is BodyRegion.ABDOMEN for step in note.session.treatment)
    return (
        *SEED_QUESTIONS,
        *ABSOLUTE_QUESTIONS,
        *(ABDOMINAL_CONTRAINDICATIONS if abdomen else ()),
    )


def _screening(
    screening: Screening | None,
    day: dt.date,
    options: RuleOptions,
    wanted: tuple[Contraindication, ...],
) -> Screening:
    if screening is None:
        return Screening(screened_on=day, answers=[_ask(q) for q in wanted])
    stale = screening.out_of_date(day, options.screen_max_age_days)
    on = screening.screened_on.isoformat()
    answers = []
    for answer in screening.answers:
        if stale:
            why = WORDS["ask_stale"].format(
                question=answer.question.label,
                on=on,
                days=options.screen_max_age_days,
                answer=answer.answer.value,
            )
        elif answer.question.contraindication_class is ContraindicationClass.ABSOLUTE:
            why = WORDS["ask_absolute"].format(
                question=answer.question.label, answer=answer.answer.value, on=on
            )
        else:
            answers.append(answer)
            continue
        answers.append(_ask_again(answer, why))
    asked = {a.question for a in answers}
    answers += [_ask(q) for q in wanted if q not in asked]
    # A screen asked again as a whole is today's; otherwise it keeps its date.
    return Screening(screened_on=day if stale else screening.screened_on, answers=answers)


def _ask_again(answer: ScreeningAnswer, why: str) -> ScreeningAnswer:
    """The answer reset to unknown and marked; clearances and areas on file stay."""
    return attrs.evolve(answer, answer=Answer.UNKNOWN, detail=marked(why))


def _ask(question: Contraindication) -> ScreeningAnswer:
    return ScreeningAnswer(
        question=question,
        answer=Answer.UNKNOWN,
        detail=marked(WORDS["ask_new"].format(question=question.label)),
    )


def new_screen(day: dt.date) -> Screening:
    """A screen dated ``day`` with every seed and absolute question unknown and marked.

    .. versionadded:: 0.2.0
    """
    return Screening(
        screened_on=day, answers=[_ask(q) for q in (*SEED_QUESTIONS, *ABSOLUTE_QUESTIONS)]
    )


def _session(
    note: Note, start: dt.datetime, session_id: str | None, minutes: int | None
) -> Session:
    last = note.session
    measured = last.objective.circumferences
    previous = (
        PreviousMeasurements(
            measured_on=last.start.date(), session_id=last.id, circumferences=measured
        )
        if measured
        else last.objective.previous  # still the latest tape measurements on file
    )
    return Session(
        id=session_id or f"S-{start:%Y-%m%d-%H%M}",
        client_id=last.client_id,
        start=start,
        duration_minutes=last.duration_minutes if minutes is None else minutes,
        modality=last.modality,
        cdt_phase=last.cdt_phase,
        subjective=Subjective(chief_complaint=marked(WORDS["complaint"])),
        objective=Objective(previous=previous),
        treatment=[_starting_step(step) for step in last.treatment],
        assessment=Assessment(
            summary=marked(WORDS["assessment"]),
            goals=[g for g in last.assessment.goals if _still_active(g)],
        ),
        plan=Plan(frequency=last.plan.frequency, home_care=last.plan.home_care),
        compression=last.compression,
    )


def _starting_step(step: TreatedRegion) -> TreatedRegion:
    return attrs.evolve(step, notes=None)


def _still_active(goal: Goal) -> bool:
    return goal.status is GoalStatus.ACTIVE
