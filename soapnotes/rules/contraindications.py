"""Contraindication rules: the screen before any session.

The class of each question (absolute, relative, local) comes from
:data:`soapnotes.CONTRAINDICATION_CLASSES`; the seed questions from
:data:`soapnotes.SEED_QUESTIONS`. Sources (``docs/sources.md``): Vodder Akademie (the
absolute, relative and local classes), Földi 2012 (contraindications to MLD), WakeMed policy
(absolute contraindications to any medical massage); the seed list and how a clearance is
recorded are soapnotes policy.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.client import RegionRef, ScreeningAnswer
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import (
    NECK_CONTRAINDICATIONS,
    SEED_QUESTIONS,
    Answer,
    BodyRegion,
    ContraindicationClass,
    Modality,
)
from soapnotes.rules._core import RuleCode, RuleOptions

_ABSOLUTE = "Vodder Akademie, absolute contraindications to MLD"
_RELATIVE = "Vodder Akademie, relative contraindications to MLD"
_LOCAL = "Vodder Akademie, local contraindications to MLD"

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
)
ABSOLUTE_OTHER = RuleCode(
    code="SN-CI-003",
    severity=Severity.WARNING,
    summary="Absolute MLD contraindication answered yes before a non-MLD session",
    source=f"{_ABSOLUTE}; WakeMed policy (absolute contraindications to any medical massage)",
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
LOCAL_TREATED = RuleCode(
    code="SN-CI-008",
    severity=Severity.ERROR,
    summary="Treated region has a local contraindication (or neck with thyroid/carotid sinus)",
    source=f"{_LOCAL} (an area, and the neck for thyroid disease or carotid sinus syndrome)",
)
LOCAL_NO_AREA = RuleCode(
    code="SN-CI-009",
    severity=Severity.WARNING,
    summary="Local contraindication answered yes with no area recorded",
    source=f"{_LOCAL}; soapnotes policy (a local yes records its area)",
)

_NECK = (RegionRef(region=BodyRegion.NECK),)


def _answers(note: Note) -> Iterator[tuple[str, ScreeningAnswer]]:
    screening = note.client.screening
    if screening is not None:
        for index, answer in enumerate(screening.answers):
            yield f"$.client.screening.answers[{index}]", answer


def _yes(note: Note, kind: ContraindicationClass) -> Iterator[tuple[str, ScreeningAnswer]]:
    for path, answer in _answers(note):
        if answer.answer is Answer.YES and answer.question.contraindication_class is kind:
            yield path, answer


def no_screen(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every session needs a contraindication screen; signing requires a completed one.

    Source: Vodder Akademie (contraindications are screened before treatment); clinic
    practice (signing requires a completed contraindication screen).
    """
    if note.client.screening is None:
        yield NO_SCREEN.at("$.client.screening", "no contraindication screen is on file")


def absolute_contraindication(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """An absolute contraindication answered yes forbids any MLD session; nothing overrides it.

    Before another modality it is a warning: the classes are those of MLD, and that
    modality's own contraindications must be checked (WakeMed policy applies its absolute
    list to any medical massage).

    Source: Vodder Akademie, absolute contraindications; Földi 2012, contraindications to MLD.
    """
    is_mld = note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE
    for path, answer in _yes(note, ContraindicationClass.ABSOLUTE):
        what = answer.question.label
        if is_mld:
            yield ABSOLUTE_MLD.at(
                f"{path}.answer",
                f"absolute contraindication '{what}' answered yes: no MLD session may be "
                "recorded as given, and no clearance overrides it",
            )
        else:
            yield ABSOLUTE_OTHER.at(
                f"{path}.answer",
                f"'{what}' is an absolute contraindication to MLD; check that it does not "
                f"also forbid {note.session.modality.label.lower()} massage",
            )


def relative_contraindication(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A relative contraindication answered yes needs a clearance: who, role, date.

    A clearance dated after the session did not clear it (a separate code). Applies before
    any modality, since the screen comes before any session.

    Source: Vodder Akademie, relative contraindications; soapnotes policy (what a clearance
    records).
    """
    session_date = note.session.start.date()
    for path, answer in _yes(note, ContraindicationClass.RELATIVE):
        what = answer.question.label
        if answer.clearance is None:
            yield RELATIVE_UNCLEARED.at(
                f"{path}.clearance",
                f"relative contraindication '{what}' answered yes: record who cleared the "
                "client, their role and the date",
            )
        elif answer.clearance.cleared_on > session_date:
            yield CLEARANCE_LATE.at(
                f"{path}.clearance.cleared_on",
                f"clearance for '{what}' is dated {answer.clearance.cleared_on.isoformat()}, "
                f"after the session on {session_date.isoformat()}",
            )


def incomplete_screen(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every seed question must be asked and answered yes or no; unknown leaves a gap.

    Source: soapnotes policy: the seed list (:data:`soapnotes.SEED_QUESTIONS`) is heart
    condition, kidney failure, blood clots, infections, liver problems, history of stroke.
    """
    screening = note.client.screening
    if screening is None:
        return  # reported by no_screen
    for path, answer in _answers(note):
        if answer.question.is_seed and answer.answer is Answer.UNKNOWN:
            yield SEED_UNKNOWN.at(
                f"{path}.answer",
                f"'{answer.question.label}' answered unknown: the screen is incomplete",
            )
    for question in SEED_QUESTIONS:
        if screening.answer_to(question) is None:
            yield SEED_MISSING.at(
                "$.client.screening.answers",
                f"seed question '{question.label}' was not asked: the screen is incomplete",
            )


def _forbidden_areas(answer: ScreeningAnswer) -> tuple[RegionRef, ...]:
    if answer.question in NECK_CONTRAINDICATIONS:
        return _NECK + answer.areas
    return answer.areas


def local_contraindication(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A region with a local contraindication must not be treated; the rest may be.

    Thyroid disease and carotid sinus syndrome answered yes forbid the neck (thyroid disease is
    also relative, so it needs a clearance besides). A local "yes" without an area cannot be
    checked and is a warning.

    Source: Vodder Akademie, local contraindications.
    """
    flagged: list[tuple[ScreeningAnswer, tuple[RegionRef, ...]]] = []
    for path, answer in _answers(note):
        if answer.answer is not Answer.YES:
            continue
        areas = _forbidden_areas(answer)
        if areas:
            flagged.append((answer, areas))
        elif answer.question.contraindication_class is ContraindicationClass.LOCAL:
            yield LOCAL_NO_AREA.at(
                f"{path}.areas",
                f"'{answer.question.label}' answered yes but no area is recorded, so treated "
                "regions cannot be checked against it",
            )
    for index, treated in enumerate(note.session.treatment):
        for answer, areas in flagged:
            if any(area.covers(treated.region, treated.side) for area in areas):
                yield LOCAL_TREATED.at(
                    f"$.session.treatment[{index}].region",
                    f"{treated.label} must not be treated: local contraindication "
                    f"'{answer.question.label}'",
                )
