"""Local contraindication rules: the areas a "yes" forbids, and what drains through them.

A local "yes" forbids its recorded areas; the neck questions (thyroid disease,
hyperthyroidism, carotid sinus syndrome) forbid the neck and the abdominal ones the abdomen
whatever is recorded (:data:`~soapnotes.models.vocabulary.FORBIDDEN_REGION`). A wound or a
skin infection also blocks every region whose lymph would pass through it
(:func:`soapnotes.models.routes.passes_through`). Before the abdomen is treated, every
abdominal question is answered. Sources (``docs/sources.md``): Vodder Akademie (local
contraindications), Middle Georgia MLD policy (the abdominal list; hyperthyroidism, not
hypothyroidism, for the neck), Földi 2012 and Zuther 2017 (lymph is never moved through
an infected or wounded segment).
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.client import RegionRef, ScreeningAnswer
from soapnotes.models.note import Note
from soapnotes.models.routes import passes_through
from soapnotes.models.session import TreatedRegion
from soapnotes.models.vocabulary import (
    ABDOMINAL_CONTRAINDICATIONS,
    BLOCKS_DRAINAGE_THROUGH,
    FORBIDDEN_REGION,
    Answer,
    BodyRegion,
    ContraindicationClass,
    Modality,
    Side,
)
from soapnotes.rules._core import RuleCode, RuleOptions, all_of
from soapnotes.rules._screen import QUOTED, answers

_LOCAL = "Vodder Akademie, local contraindications to MLD"
_ABDOMEN = "Middle Georgia MLD policy (contraindications to abdominal treatment)"

LOCAL_TREATED = RuleCode(
    code="SN-CI-008",
    severity=Severity.ERROR,
    summary="Treated region has a local contraindication (or neck/abdomen by the question)",
    source=(
        f"{_LOCAL} (an area, and the neck for thyroid disease or carotid sinus syndrome); "
        f"{_ABDOMEN}"
    ),
)
LOCAL_NO_AREA = RuleCode(
    code="SN-CI-009",
    severity=Severity.WARNING,
    summary="Local contraindication answered yes with no area recorded",
    source=f"{_LOCAL}; soapnotes policy (a local yes records its area)",
)
ABDOMEN_UNSCREENED = RuleCode(
    code="SN-CI-013",
    severity=Severity.ERROR,
    summary="Abdomen treated without every abdominal question answered yes or no",
    source=f"{_ABDOMEN}; Wittlinger 2019 (deep abdominal treatment)",
)
DRAINS_THROUGH = RuleCode(
    code="SN-CI-014",
    severity=Severity.ERROR,
    summary="Treated region drains through a wound or an infected segment",
    source="Földi 2012, Zuther 2017 (lymph is not moved through an infected or wounded area)",
)


def _forbidden_areas(answer: ScreeningAnswer) -> tuple[RegionRef, ...]:
    region = FORBIDDEN_REGION.get(answer.question)
    if region is not None:
        return (RegionRef(region=region), *answer.areas)
    return answer.areas


def _flagged(note: Note) -> list[tuple[ScreeningAnswer, tuple[RegionRef, ...]]]:
    """Each answer yes with the areas it forbids."""
    out = []
    for _, answer in answers(note):
        if answer.answer is Answer.YES and (areas := _forbidden_areas(answer)):
            out.append((answer, areas))
    return out


def _covered(areas: tuple[RegionRef, ...], region: BodyRegion, side: Side | None) -> bool:
    return any(area.covers(region, side) for area in areas)


def local_contraindication(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A region with a local contraindication must not be treated; the rest may be.

    Thyroid disease, hyperthyroidism and carotid sinus syndrome answered yes forbid the neck
    (hypothyroidism does not); the abdominal questions forbid the abdomen. A local "yes"
    without an area (and no region of its own) cannot be checked and is a warning.

    Source: Vodder Akademie, local contraindications; Middle Georgia MLD policy.
    """
    for path, answer in answers(note):
        local = answer.question.contraindication_class is ContraindicationClass.LOCAL
        if answer.answer is Answer.YES and local and not _forbidden_areas(answer):
            yield LOCAL_NO_AREA.at(
                f"{path}.areas",
                "'{what}' answered yes but no area is recorded, so treated regions cannot be "
                "checked against it",
                what=answer.question,
            )
    flagged = _flagged(note)
    for index, treated in enumerate(note.session.treatment):
        for answer, areas in flagged:
            if _covered(areas, treated.region, treated.side):
                yield LOCAL_TREATED.at(
                    f"$.session.treatment[{index}].region",
                    "{region} must not be treated: local contraindication '{what}'",
                    region=treated,
                    what=answer.question,
                )


def abdominal_questions_answered(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Before the abdomen is treated (any modality), every abdominal question (pregnancy at
    any stage, abdominal aortic aneurysm, inflammatory bowel disease, diverticulitis, ileus,
    recent abdominal surgery, abdominal or pelvic radiotherapy) is answered yes or no.

    Source: Middle Georgia MLD policy (contraindications to abdominal treatment).
    """
    screening = note.client.screening
    if screening is None:
        return
    first = next(
        (i for i, t in enumerate(note.session.treatment) if t.region is BodyRegion.ABDOMEN), None
    )
    if first is None:
        return
    open_questions = [
        q
        for q in ABDOMINAL_CONTRAINDICATIONS
        if (a := screening.answer_to(q)) is None or a.answer is Answer.UNKNOWN
    ]
    path = f"$.session.treatment[{first}].region"
    if len(open_questions) == 1:
        yield ABDOMEN_UNSCREENED.at(
            path,
            "the abdomen is treated but '{what}' is not answered yes or no",
            what=open_questions[0],
        )
    elif open_questions:
        yield ABDOMEN_UNSCREENED.at(
            path,
            "the abdomen is treated but {questions} are not answered yes or no",
            questions=all_of(open_questions, QUOTED),
        )


def _through(note: Note, treated: TreatedRegion) -> tuple[tuple[BodyRegion, Side | None], ...]:
    mld = note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE
    return passes_through(treated.region, treated.side, treated.drains_to if mld else None)


def drains_through_blocked(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A region whose lymph passes through a wound or an infected area is blocked too: the
    hand is not drained through an infected forearm, nor an arm across a wounded chest.

    The path is the limb's segments nearer the trunk, and for MLD the trunk region a reroute
    crosses and the target group's own area (:func:`soapnotes.models.routes.passes_through`).
    A region that is itself forbidden is reported by SN-CI-008 only.

    Source: Földi 2012, Zuther 2017.
    """
    blocking = [
        (answer, areas)
        for answer, areas in _flagged(note)
        if answer.question in BLOCKS_DRAINAGE_THROUGH
    ]
    if not blocking:
        return
    forbidden = [areas for _, areas in _flagged(note)]
    for index, treated in enumerate(note.session.treatment):
        if any(_covered(areas, treated.region, treated.side) for areas in forbidden):
            continue
        path = _through(note, treated)
        for answer, areas in blocking:
            crossed = next((r for r, s in path if _covered(areas, r, s)), None)
            if crossed is not None:
                yield DRAINS_THROUGH.at(
                    f"$.session.treatment[{index}].region",
                    "{region} drains through the {crossed!l}, which has '{what}': do not "
                    "treat it until that area has healed",
                    region=treated,
                    crossed=crossed,
                    what=answer.question,
                )
                break
