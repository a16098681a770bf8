"""The contraindication screen: each answer with what it means for treatment today.

Whether a clearance, a treatment modification or a palliative approval counts is decided by
:mod:`soapnotes.models.clearance` (the rules use the same), under the clinic's
``RuleOptions``; this section only words it.
"""

from __future__ import annotations

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.models.clearance import (
    ClearanceProblem,
    clearance_problems,
    modification_stands,
    palliative_problems,
)
from soapnotes.models.client import Clearance, ScreeningAnswer
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import (
    BLOCKS_DRAINAGE_THROUGH,
    FORBIDDEN_REGION,
    Answer,
    ContraindicationClass,
    Modality,
    Side,
)
from soapnotes.render import styles as st
from soapnotes.render._blocks import banner, data_table
from soapnotes.render._writer import Writer, colored, small
from soapnotes.rules import RuleOptions

__all__ = ["screening"]

_DEFAULT_POLICY = RuleOptions()
_Status = tuple[str, "colors.Color | None", colors.Color]


def screening(note: Note, w: Writer, policy: RuleOptions | None = None) -> list[Flowable]:
    """The contraindication screen as a table; blocking answers in red, open ones in amber.

    ``policy`` is the clinic's rule policy (how old a clearance may be); the defaults when
    None.
    """
    out: list[Flowable] = [w.heading("Contraindication screen")]
    screen = note.client.screening
    if screen is None:
        out.append(banner(w, "NO SCREEN ON FILE: contraindications were not screened.", True))
        return out
    out.append(w.para(f"Screened on {fmt.date(screen.screened_on)}.", w.styles.muted))
    widths = [0.29 * w.width, 0.1 * w.width, 0.32 * w.width, 0.29 * w.width]
    rows: list[list[object]] = [
        [w.head("Question"), w.head("Answer"), w.head("Detail"), w.head("Clearance")]
    ]
    commands = st.grid_table_style()
    for index, answer in enumerate(screen.answers, start=1):
        status, fill, ink = _screen_status(note, answer, policy or _DEFAULT_POLICY)
        rows.append(_answer_row(w, answer, status, bold=fill is not None, ink=ink))
        if fill is not None:
            commands.append(("BACKGROUND", (3, index), (3, index), fill))
            commands.append(("BACKGROUND", (1, index), (1, index), fill))
    out.append(data_table(rows, widths, commands))
    out.extend(w.cell_notes())
    return out


def _answer_row(
    w: Writer, answer: ScreeningAnswer, status: str, *, bold: bool, ink: colors.Color
) -> list[object]:
    """Question (with its class), answer, detail, and the clearance cell in its colour."""
    question = w.join(
        [
            w.markup(answer.question.label),
            " ",
            small(w.markup(f"({answer.question.contraindication_class.value})")),
        ],
        w.styles.cell,
    )
    label = answer.question.label
    detail = w.cell(w.fit(answer.detail or "", f"{label}, detail"))
    clearance = w.markup(w.fit(status, f"{label}, clearance"), bold=bold)
    return [
        question,
        w.cell(answer.answer.label, bold=answer.answer is not Answer.NO),
        detail,
        w.join([colored(clearance, ink)], w.styles.cell),
    ]


def _by(clearance: Clearance) -> str:
    return f"{clearance.cleared_by} ({clearance.role}) on {fmt.date(clearance.cleared_on)}"


_PROBLEM_WORDS = {
    ClearanceProblem.LATE: "CLEARANCE DATED AFTER SESSION",
    ClearanceProblem.STALE: "CLEARANCE OUT OF DATE",
    ClearanceProblem.SELF: "NOT A CLEARANCE: given by the client",
    ClearanceProblem.NOT_CLINICAL: "NOT A CLEARANCE: no clinical profession",
}


def _absolute_status(note: Note, answer: ScreeningAnswer, policy: RuleOptions) -> _Status:
    approval = answer.palliative_approval
    mld = note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE
    if approval is not None and mld:
        day = note.session.start.date()
        problems = palliative_problems(approval, note.client, day, policy.clearance_max_age_days)
        if not problems:
            words = f"PALLIATIVE MLD: written approval by {_by(approval)}"
            return (words, st.CAUTION_FILL, st.CAUTION_INK)
    return ("BLOCKS TREATMENT (absolute; no clearance possible)", st.BLOCK_FILL, st.BLOCK_INK)


def _relative_status(
    note: Note, answer: ScreeningAnswer, policy: RuleOptions, extra: str
) -> _Status:
    clearance = answer.clearance
    day = note.session.start.date()
    problems = (
        clearance_problems(clearance, note.client, day, policy.clearance_max_age_days)
        if clearance is not None
        else ()
    )
    if clearance is not None and not problems:
        return (f"CLEARED by {_by(clearance)}{extra}", st.CLEARED_FILL, st.CLEARED_INK)
    if modification_stands(answer):
        return (
            f"TREATMENT MODIFIED: {answer.modification}{extra}",
            st.CLEARED_FILL,
            st.CLEARED_INK,
        )
    if clearance is None:
        return (f"NEEDS CLEARANCE{extra}", st.BLOCK_FILL, st.BLOCK_INK)
    words = _PROBLEM_WORDS[problems[0]]
    return (f"{words}: by {_by(clearance)}{extra}", st.BLOCK_FILL, st.BLOCK_INK)


def _screen_status(note: Note, answer: ScreeningAnswer, policy: RuleOptions) -> _Status:
    """The clearance cell's words and tint for one answer.

    A clearance counts as the rules count it (:func:`clearance_problems`, on the session's
    date in its own UTC offset): one dated after the session, out of date, given by the
    client or naming no clinical profession is shown in red with the reason.
    """
    kind = answer.question.contraindication_class
    clearance = answer.clearance
    if answer.answer is Answer.NO:
        return (f"CLEARED by {_by(clearance)}" if clearance else "—", None, st.MUTED)
    if answer.answer is Answer.UNKNOWN:
        return ("NOT ANSWERED: confirm before treating", st.CAUTION_FILL, st.CAUTION_INK)
    if kind is ContraindicationClass.ABSOLUTE:
        return _absolute_status(note, answer, policy)
    areas = ", ".join(_area_label(ref.region.label, ref.side) for ref in answer.areas)
    region = FORBIDDEN_REGION.get(answer.question)
    if region is not None:
        areas = ", ".join(a for a in (areas, region.label.lower()) if a)
    if kind is ContraindicationClass.LOCAL:
        where = areas or "the affected area"
        verb = "treat or drain through" if answer.question in BLOCKS_DRAINAGE_THROUGH else "treat"
        return (f"LOCAL: do not {verb} {where}", st.CAUTION_FILL, st.CAUTION_INK)
    extra = f"; avoid {areas}" if areas else ""
    return _relative_status(note, answer, policy, extra)


def _area_label(region: str, side: Side | None) -> str:
    return f"{side.label.lower()} {region.lower()}" if side else region.lower()
