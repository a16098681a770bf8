"""History rules: medications against the screen, recent cellulitis, this visit's red flags.

An anticoagulant may be treating a clot, so the acute-DVT question must be asked (WakeMed
policy: acute DVT forbids massage); a diuretic points to heart, kidney or liver disease,
which the screen should show (ISL 2020: diuretics are of little use in lymphedema itself);
MLD waits for acute cellulitis to resolve (BLS 2016); a red flag at this visit means refer
before treating. Sources are in ``docs/sources.md``.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.intake import Intake, MedicationKind
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Answer, Contraindication
from soapnotes.rules._core import RuleCode, RuleOptions

DVT_NOT_ASKED = RuleCode(
    code="SN-HX-001",
    severity=Severity.WARNING,
    summary="On an anticoagulant, and the acute DVT question is not answered yes or no",
    source=(
        "WakeMed policy (acute DVT forbids massage); soapnotes policy (an anticoagulant may "
        "treat a current clot, so the screen asks)"
    ),
)
ANTICOAGULANT_UNEXPLAINED = RuleCode(
    code="SN-HX-002",
    severity=Severity.WARNING,
    summary="On an anticoagulant while the screen says no clots and no arrhythmia",
    source="soapnotes policy (the screen should show why an anticoagulant is taken)",
)
DIURETIC_UNEXPLAINED = RuleCode(
    code="SN-HX-003",
    severity=Severity.INFO,
    summary="On a diuretic while the screen says no heart, kidney or liver disease",
    source="ISL 2020 (diuretics are of little use in lymphedema; edema of organ disease)",
)
RECENT_CELLULITIS = RuleCode(
    code="SN-HX-004",
    severity=Severity.WARNING,
    summary="Cellulitis began shortly before the session (default 28 days): check it resolved",
    source="BLS 2016 (no MLD during acute cellulitis); RuleOptions.recent_cellulitis_days",
)
RED_FLAG = RuleCode(
    code="SN-HX-005",
    severity=Severity.ERROR,
    summary="A red-flag question answered yes at this visit: refer before treating",
    source=(
        "soapnotes policy (the red-flag questions asked at each visit); ISL 2020 (acute "
        "infection, DVT and heart failure contraindicate decongestive therapy)"
    ),
)
RED_FLAG_UNKNOWN = RuleCode(
    code="SN-HX-006",
    severity=Severity.WARNING,
    summary="A red-flag question answered unknown at this visit",
    source="soapnotes policy (every red-flag question answered yes or no)",
)


def _intake(note: Note) -> Intake | None:
    return note.client.intake


def _answer(note: Note, question: Contraindication) -> Answer | None:
    screening = note.client.screening
    if screening is None:
        return None
    given = screening.answer_to(question)
    return given.answer if given is not None else None


def _medication_paths(intake: Intake, kind: MedicationKind) -> list[str]:
    return [
        f"$.client.intake.medications[{index}]"
        for index, medication in enumerate(intake.medications)
        if medication.kind is kind
    ]


def anticoagulant_in_screen(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A client on an anticoagulant: the acute-DVT question answered, and a reason on file.

    Source: WakeMed policy (acute DVT); soapnotes policy.
    """
    intake = _intake(note)
    if intake is None:
        return
    paths = _medication_paths(intake, MedicationKind.ANTICOAGULANT)
    if not paths:
        return
    if _answer(note, Contraindication.ACUTE_DVT) not in (Answer.YES, Answer.NO):
        yield DVT_NOT_ASKED.at(
            paths[0],
            "the client takes an anticoagulant, which may be treating a clot: ask the acute "
            "DVT question and answer it yes or no",
        )
    no_clots = _answer(note, Contraindication.BLOOD_CLOTS) is Answer.NO
    if no_clots and _answer(note, Contraindication.ARRHYTHMIA) is not Answer.YES:
        yield ANTICOAGULANT_UNEXPLAINED.at(
            paths[0],
            "the client takes an anticoagulant but the screen records no blood clots and no "
            "arrhythmia: check and record why it is taken",
        )


_ORGANS = (
    Contraindication.HEART_CONDITION,
    Contraindication.KIDNEY_FAILURE,
    Contraindication.LIVER_PROBLEMS,
)


def diuretic_in_screen(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A diuretic while heart, kidney and liver disease are all answered no is worth a look.

    Source: ISL 2020.
    """
    intake = _intake(note)
    if intake is None:
        return
    paths = _medication_paths(intake, MedicationKind.DIURETIC)
    if paths and all(_answer(note, q) is Answer.NO for q in _ORGANS):
        yield DIURETIC_UNEXPLAINED.at(
            paths[0],
            "the client takes a diuretic while the screen answers no to heart, kidney and "
            "liver disease: check why (diuretics do not treat lymphedema)",
        )


def recent_cellulitis(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A cellulitis episode that began within the clinic's window before the session.

    Source: BLS 2016; RuleOptions.recent_cellulitis_days.
    """
    intake = _intake(note)
    if intake is None:
        return
    day = note.session.start.date()
    for index, episode in enumerate(intake.cellulitis):
        days = (day - episode.began_on).days
        if 0 <= days <= options.recent_cellulitis_days:
            yield RECENT_CELLULITIS.at(
                f"$.client.intake.cellulitis[{index}].began_on",
                "cellulitis began on {on}, {days} days before the session: check that it has "
                "resolved before MLD",
                on=episode.began_on,
                days=days,
            )


def red_flags(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A red flag answered yes at this visit is an error (refer first); unknown a warning.

    Source: soapnotes policy; ISL 2020.
    """
    check = note.session.red_flags
    if check is None:
        return
    for index, answer in enumerate(check.answers):
        path = f"$.session.red_flags.answers[{index}].answer"
        what = answer.question
        if answer.answer is Answer.YES:
            yield RED_FLAG.at(
                path, "red flag at this visit: {what!l}; refer before treating", what=what
            )
        elif answer.answer is Answer.UNKNOWN:
            yield RED_FLAG_UNKNOWN.at(
                path, "red flag not ruled out at this visit: {what!l}", what=what
            )
