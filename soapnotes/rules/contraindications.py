"""Contraindication rules: the screen before any session, absolute and relative answers.

The class of each question (absolute, relative, local) comes from
:data:`soapnotes.CONTRAINDICATION_CLASSES`; the seed questions from
:data:`soapnotes.SEED_QUESTIONS`; who may clear and for how long from
:mod:`soapnotes.models.clearance`. The areas a local "yes" forbids are checked in
:mod:`soapnotes.rules.areas`. Sources (``docs/sources.md``): Vodder Akademie (the absolute,
relative and local classes), Földi 2012 (contraindications to MLD), WakeMed policy (absolute
contraindications to any medical massage; clearance or treatment modification; written
approval for palliative care); the seed list and what a clearance records are soapnotes
policy.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, FindingParam, Severity
from soapnotes.i18n._active import gettext_noop
from soapnotes.models.clearance import (
    ClearanceProblem,
    clearance_problems,
    modification_stands,
    palliative_problems,
)
from soapnotes.models.client import Screening, ScreeningAnswer
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import (
    ABSOLUTE_QUESTIONS,
    MODIFICATION_SUFFICES,
    SEED_QUESTIONS,
    SPECIFIC_QUESTION,
    Answer,
    Contraindication,
    ContraindicationClass,
    Modality,
)
from soapnotes.rules._core import RuleCode, RuleOptions, all_of, iso_date
from soapnotes.rules._screen import answers, yes

_ABSOLUTE = "Vodder Akademie, absolute contraindications to MLD"
_RELATIVE = "Vodder Akademie, relative contraindications to MLD"
_WAKEMED = "WakeMed policy"
_ANSWERS = "$.client.screening.answers"

NO_SCREEN = RuleCode(
    code="SN-CI-001",
    severity=Severity.ERROR,
    summary="No contraindication screen on file",
    source=(
        "Vodder Akademie, contraindications to MLD (screened before treatment); "
        "clinic practice (signing requires a completed screen)"
    ),
)
ABSOLUTE_MLD = RuleCode(
    code="SN-CI-002",
    severity=Severity.ERROR,
    summary="Absolute contraindication answered yes, MLD session given (no override)",
    source=f"{_ABSOLUTE}; Földi 2012, contraindications to MLD",
    waivable=False,
)
ABSOLUTE_OTHER = RuleCode(
    code="SN-CI-003",
    severity=Severity.ERROR,
    summary="Absolute contraindication answered yes before a hands-on session other than MLD",
    source=f"{_WAKEMED} (absolute contraindications to any medical massage); {_ABSOLUTE}",
    waivable=False,
)
RELATIVE_UNCLEARED = RuleCode(
    code="SN-CI-004",
    severity=Severity.ERROR,
    summary="Relative contraindication answered yes without a documented clearance",
    source=f"{_RELATIVE}; soapnotes policy (a clearance records who, role and date)",
)
CLEARANCE_LATE = RuleCode(
    code="SN-CI-005",
    severity=Severity.ERROR,
    summary="Clearance dated after the session",
    source=f"{_RELATIVE}; soapnotes policy (the clearance is not dated after the session)",
)
SEED_UNKNOWN = RuleCode(
    code="SN-CI-006",
    severity=Severity.WARNING,
    summary="Seed question answered unknown (screen incomplete)",
    source="soapnotes policy (the seed questions, SEED_QUESTIONS, answered yes or no)",
)
SEED_MISSING = RuleCode(
    code="SN-CI-007",
    severity=Severity.WARNING,
    summary="Seed question not asked (screen incomplete)",
    source="soapnotes policy (the seed questions, SEED_QUESTIONS, asked of every client)",
)
ABSOLUTE_NOT_ASKED = RuleCode(
    code="SN-CI-010",
    severity=Severity.ERROR,
    summary="Absolute question not asked before an MLD session",
    source=f"{_ABSOLUTE}; Földi 2012 (each absolute contraindication ruled out before MLD)",
    waivable=False,
)
ABSOLUTE_UNKNOWN = RuleCode(
    code="SN-CI-011",
    severity=Severity.ERROR,
    summary="Absolute question answered unknown before an MLD session",
    source=f"{_ABSOLUTE}; Földi 2012 (each absolute contraindication ruled out before MLD)",
    waivable=False,
)
SPECIFIC_NOT_RULED_OUT = RuleCode(
    code="SN-CI-012",
    severity=Severity.ERROR,
    summary="Broad question answered yes, its specific absolute question not answered no",
    source=f"{_WAKEMED} (absolute contraindications to any medical massage); {_ABSOLUTE}",
    waivable=False,
)
CLEARANCE_STALE = RuleCode(
    code="SN-CI-015",
    severity=Severity.ERROR,
    summary="Clearance older than the clinic's maximum age (configurable)",
    source="soapnotes policy (RuleOptions.clearance_max_age_days, 365 days)",
)
CLEARANCE_NOT_CLINICIAN = RuleCode(
    code="SN-CI-016",
    severity=Severity.ERROR,
    summary="Clearance not given by a clinician other than the client",
    source=f"{_WAKEMED} (medical clearance); soapnotes policy (a clinical role, not the client)",
)
PALLIATIVE = RuleCode(
    code="SN-CI-017",
    severity=Severity.INFO,
    summary="Palliative MLD in active malignancy under an oncologist's written approval",
    source=f"{_WAKEMED} (active malignancy: written medical approval, palliative care)",
)
MODIFIED = RuleCode(
    code="SN-CI-018",
    severity=Severity.INFO,
    summary="Relative contraindication managed by a documented treatment modification",
    source=f"{_WAKEMED} (relative: medical clearance or treatment modification)",
)


#: Why a palliative approval does not count, in words (message ids of the catalogs).
_PROBLEM_WORDS: dict[ClearanceProblem, str] = {
    ClearanceProblem.LATE: gettext_noop("dated after the session"),
    ClearanceProblem.STALE: gettext_noop("older than the clinic's maximum age"),
    ClearanceProblem.SELF: gettext_noop("given by the client, not a clinician"),
    ClearanceProblem.NOT_CLINICAL: gettext_noop("its role is not a clinical profession"),
    ClearanceProblem.NOT_ONCOLOGIST: gettext_noop("not given by an oncologist"),
    ClearanceProblem.NOT_WRITTEN: gettext_noop("not recorded as written"),
}


def no_screen(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every session needs a contraindication screen; signing requires a completed one.

    Source: Vodder Akademie (contraindications are screened before treatment); clinic
    practice (signing requires a completed contraindication screen).
    """
    if note.client.screening is None:
        yield NO_SCREEN.at("$.client.screening", "no contraindication screen is on file")


def _palliative(
    note: Note, options: RuleOptions, answer: ScreeningAnswer
) -> tuple[bool, tuple[ClearanceProblem, ...]]:
    """(stands, why not): whether an active malignancy's palliative approval stands, and
    the problems of one on file that does not."""
    approval = answer.palliative_approval
    if approval is None:
        return False, ()
    day = note.session.start.date()
    problems = palliative_problems(approval, note.client, day, options.clearance_max_age_days)
    return not problems, problems


def absolute_contraindication(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """An absolute contraindication answered yes forbids any hands-on session; nothing
    overrides it, and no policy disables it.

    The one exception is data, not a waiver: palliative MLD in an active malignancy with an
    oncologist's written approval (``ScreeningAnswer.palliative_approval``, dated on or before
    the session and within ``RuleOptions.clearance_max_age_days``) is recorded as such
    (SN-CI-017, info). The approval covers MLD only.

    Source: Vodder Akademie, absolute contraindications; Földi 2012; WakeMed policy (absolute
    contraindications to any medical massage; written approval for palliative care).
    """
    is_mld = note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE
    for path, answer in yes(note, ContraindicationClass.ABSOLUTE):
        what = answer.question
        stands, problems = _palliative(note, options, answer)
        why_not = all_of(_PROBLEM_WORDS[p] for p in problems)
        if is_mld and stands:
            approval = answer.palliative_approval
            assert approval is not None  # noqa: S101 - it stands
            yield PALLIATIVE.at(
                f"{path}.palliative_approval",
                "'{what}' answered yes: palliative MLD under an oncologist's written approval "
                "dated {on}; keep to the approved palliative aim",
                what=what,
                on=iso_date(approval.cleared_on),
            )
        elif is_mld and problems:
            yield ABSOLUTE_MLD.at(
                f"{path}.answer",
                "absolute contraindication '{what}' answered yes: no MLD session may be "
                "recorded as given, and no clearance overrides it; the palliative approval "
                "on file does not count: {problems}",
                what=what,
                problems=why_not,
            )
        elif is_mld:
            yield ABSOLUTE_MLD.at(
                f"{path}.answer",
                "absolute contraindication '{what}' answered yes: no MLD session may be "
                "recorded as given, and no clearance overrides it",
                what=what,
            )
        else:
            yield from _absolute_other(note, path, answer, stands, why_not)


def _absolute_other(
    note: Note, path: str, answer: ScreeningAnswer, stands: bool, why_not: FindingParam
) -> Iterator[Finding]:
    """SN-CI-003: an absolute contraindication before a hands-on session other than MLD."""
    what, modality = answer.question, note.session.modality
    if stands:
        yield ABSOLUTE_OTHER.at(
            f"{path}.answer",
            "absolute contraindication '{what}' answered yes: it forbids any hands-on "
            "treatment, so no {modality!l} session may be recorded as given; a palliative "
            "approval covers MLD only",
            what=what,
            modality=modality,
        )
    elif answer.palliative_approval is not None:
        yield ABSOLUTE_OTHER.at(
            f"{path}.answer",
            "absolute contraindication '{what}' answered yes: it forbids any hands-on "
            "treatment, so no {modality!l} session may be recorded as given; the palliative "
            "approval on file does not count: {problems}",
            what=what,
            modality=modality,
            problems=why_not,
        )
    else:
        yield ABSOLUTE_OTHER.at(
            f"{path}.answer",
            "absolute contraindication '{what}' answered yes: it forbids any hands-on "
            "treatment, so no {modality!l} session may be recorded as given",
            what=what,
            modality=modality,
        )


def _uncleared(path: str, answer: ScreeningAnswer) -> Finding:
    where, what = f"{path}.clearance", answer.question
    if answer.question in MODIFICATION_SUFFICES:
        return RELATIVE_UNCLEARED.at(
            where,
            "relative contraindication '{what}' answered yes: record who cleared the client "
            "(role and date), or the treatment modification that takes its place",
            what=what,
        )
    if answer.modification is not None:
        return RELATIVE_UNCLEARED.at(
            where,
            "relative contraindication '{what}' answered yes: a treatment modification does "
            "not replace a clearance for this question: record who cleared the client, their "
            "role and the date",
            what=what,
        )
    return RELATIVE_UNCLEARED.at(
        where,
        "relative contraindication '{what}' answered yes: record who cleared the client, "
        "their role and the date",
        what=what,
    )


def _clearance_findings(
    path: str, answer: ScreeningAnswer, problems: tuple[ClearanceProblem, ...], note: Note
) -> Iterator[Finding]:
    clearance = answer.clearance
    assert clearance is not None  # noqa: S101 - only called with a clearance
    what = answer.question
    day = note.session.start.date()
    on = iso_date(clearance.cleared_on)
    if ClearanceProblem.LATE in problems:
        yield CLEARANCE_LATE.at(
            f"{path}.clearance.cleared_on",
            "clearance for '{what}' is dated {on}, after the session on {day}",
            what=what,
            on=on,
            day=iso_date(day),
        )
    if ClearanceProblem.STALE in problems:
        yield CLEARANCE_STALE.at(
            f"{path}.clearance.cleared_on",
            "clearance for '{what}' is dated {on}, {days} days before the session: older "
            "than the clinic's maximum, so renew it",
            what=what,
            on=on,
            days=(day - clearance.cleared_on).days,
        )
    if ClearanceProblem.SELF in problems:
        yield CLEARANCE_NOT_CLINICIAN.at(
            f"{path}.clearance.cleared_by",
            "clearance for '{what}' is given by the client: a clinician must clear it",
            what=what,
        )
    elif ClearanceProblem.NOT_CLINICAL in problems:
        yield CLEARANCE_NOT_CLINICIAN.at(
            f"{path}.clearance.role",
            "clearance for '{what}' does not name a clinical profession: record the "
            "clearing clinician's profession",
            what=what,
        )


def relative_contraindication(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A relative contraindication answered yes needs a clearance that counts: from a
    clinician other than the client (a clinical ``profession``, or a ``role`` naming one),
    not dated after the session and not older than ``RuleOptions.clearance_max_age_days``.

    For the questions whose source says "clearance or treatment modification" (diabetes,
    asthma, low blood pressure, hypothyroidism: ``MODIFICATION_SUFFICES``) a documented
    ``modification`` stands instead (SN-CI-018, info). Applies before any modality, since the
    screen comes before any session.

    Source: Vodder Akademie, relative contraindications; WakeMed policy (medical clearance or
    treatment modification); soapnotes policy (who clears, for how long).
    """
    day = note.session.start.date()
    for path, answer in yes(note, ContraindicationClass.RELATIVE):
        clearance = answer.clearance
        problems = (
            clearance_problems(clearance, note.client, day, options.clearance_max_age_days)
            if clearance is not None
            else ()
        )
        if clearance is not None and not problems:
            continue
        if modification_stands(answer):
            yield MODIFIED.at(
                f"{path}.modification",
                "'{what}' answered yes: managed by the documented treatment modification "
                "instead of a clearance",
                what=answer.question,
            )
        elif clearance is None:
            yield _uncleared(path, answer)
        else:
            yield from _clearance_findings(path, answer, problems, note)


def incomplete_screen(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every seed question must be asked and answered yes or no; unknown leaves a gap.

    Source: soapnotes policy: the seed list (:data:`soapnotes.SEED_QUESTIONS`) is heart
    condition, kidney failure, blood clots, infections, liver problems, history of stroke.
    """
    screening = note.client.screening
    if screening is None:
        return  # reported by no_screen
    for path, answer in answers(note):
        if answer.question.is_seed and answer.answer is Answer.UNKNOWN:
            yield SEED_UNKNOWN.at(
                f"{path}.answer",
                "'{what}' answered unknown: the screen is incomplete",
                what=answer.question,
            )
    for question in SEED_QUESTIONS:
        if screening.answer_to(question) is None:
            yield SEED_MISSING.at(
                _ANSWERS,
                "seed question '{what}' was not asked: the screen is incomplete",
                what=question,
            )


def _not_ruled_out(
    screening: Screening, questions: Iterator[tuple[str, Contraindication]]
) -> Iterator[tuple[str, Contraindication, ScreeningAnswer | None]]:
    """(why, question, answer) of each absolute question in ``questions`` that is not
    answered yes or no: not asked (answer None) or answered unknown. ``why`` is what made
    the question due (the ``$.path`` of a broad question's yes, or ``""``)."""
    for why, question in questions:
        answer = screening.answer_to(question)
        if answer is None or answer.answer is Answer.UNKNOWN:
            yield why, question, answer


def _answer_path(screening: Screening, answer: ScreeningAnswer) -> str:
    return f"{_ANSWERS}[{screening.answers.index(answer)}].answer"


def absolute_questions_answered(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Before an MLD session each absolute question (acute DVT, decompensated heart failure,
    acute kidney failure, active malignancy, acute infection or fever:
    :data:`~soapnotes.models.vocabulary.ABSOLUTE_QUESTIONS`) is asked and answered yes or no.
    No policy disables it: an unasked absolute question is an unscreened one.

    Source: Vodder Akademie, absolute contraindications; Földi 2012.
    """
    screening = note.client.screening
    if screening is None or note.session.modality is not Modality.MANUAL_LYMPHATIC_DRAINAGE:
        return
    due = (("", question) for question in ABSOLUTE_QUESTIONS)
    for _, question, answer in _not_ruled_out(screening, due):
        if answer is None:
            yield ABSOLUTE_NOT_ASKED.at(
                _ANSWERS,
                "absolute question '{what}' was not asked: rule it out (yes or no) before MLD",
                what=question,
            )
        else:
            yield ABSOLUTE_UNKNOWN.at(
                _answer_path(screening, answer),
                "absolute question '{what}' answered unknown: rule it out (yes or no) before MLD",
                what=question,
            )


def specific_question_answered(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Before a hands-on session other than MLD, a yes to a broad question (blood clots,
    heart condition, kidney failure, infections, treated cancer) needs its specific absolute
    question (acute DVT, decompensated heart failure, acute kidney failure, acute infection,
    active malignancy: :data:`~soapnotes.models.vocabulary.SPECIFIC_QUESTION`) answered no:
    a history of clots with a clearance does not rule out an acute DVT. Before MLD every
    absolute question must be answered anyway (SN-CI-010, SN-CI-011), through the same
    check of what is not ruled out.

    Source: WakeMed policy (absolute contraindications to any medical massage); Vodder
    Akademie, absolute contraindications.
    """
    screening = note.client.screening
    if screening is None or note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE:
        return
    broad = {path: answer.question for path, answer in answers(note)}
    due = (
        (path, specific)
        for path, answer in answers(note)
        if answer.answer is Answer.YES and (specific := SPECIFIC_QUESTION.get(answer.question))
    )
    for path, question, _ in _not_ruled_out(screening, due):
        yield SPECIFIC_NOT_RULED_OUT.at(
            f"{path}.answer",
            "'{broad}' answered yes but '{what}' is not answered no: rule it out before treating",
            broad=broad[path],
            what=question,
        )
