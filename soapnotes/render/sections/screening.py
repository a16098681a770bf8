"""The contraindication screen: each answer with what it means for MLD today."""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.models.client import ScreeningAnswer
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import (
    NECK_CONTRAINDICATIONS,
    Answer,
    ContraindicationClass,
    Side,
)
from soapnotes.render import styles as st
from soapnotes.render._blocks import banner, data_table
from soapnotes.render._writer import Writer, colored, small

__all__ = ["screening"]


def screening(note: Note, w: Writer) -> list[Flowable]:
    """The contraindication screen as a table; blocking answers in red, open ones in amber."""
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
    session_day = note.session.start.date()
    for index, answer in enumerate(screen.answers, start=1):
        status, fill, ink = _screen_status(answer, session_day)
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


def _screen_status(
    answer: ScreeningAnswer, session_day: dt.date
) -> tuple[str, colors.Color | None, colors.Color]:
    """The clearance cell's words and tint for one answer.

    ``session_day`` is the session's date in its own UTC offset, as the rules compare it: a
    clearance dated after it does not count (rule SN-CI-005) and is shown in red.
    """
    kind = answer.question.contraindication_class
    clearance = answer.clearance
    cleared = (
        f"CLEARED by {clearance.cleared_by} ({clearance.role}) on {fmt.date(clearance.cleared_on)}"
        if clearance
        else ""
    )
    if answer.answer is Answer.NO:
        return (cleared or "—", None, st.MUTED)
    if answer.answer is Answer.UNKNOWN:
        return ("NOT ANSWERED: confirm before MLD", st.CAUTION_FILL, st.CAUTION_INK)
    if kind is ContraindicationClass.ABSOLUTE:
        return ("BLOCKS MLD (absolute; no clearance possible)", st.BLOCK_FILL, st.BLOCK_INK)
    areas = ", ".join(_area_label(ref.region.label, ref.side) for ref in answer.areas)
    if answer.question in NECK_CONTRAINDICATIONS:
        areas = ", ".join(a for a in (areas, "neck") if a)
    if kind is ContraindicationClass.LOCAL:
        where = areas or "the affected area"
        return (f"LOCAL: do not treat {where}", st.CAUTION_FILL, st.CAUTION_INK)
    extra = f"; avoid {areas}" if areas else ""
    if clearance is None:
        return (f"NEEDS CLEARANCE{extra}", st.BLOCK_FILL, st.BLOCK_INK)
    if clearance.cleared_on > session_day:
        late = (
            f"CLEARANCE DATED AFTER SESSION: by {clearance.cleared_by} ({clearance.role}) "
            f"on {fmt.date(clearance.cleared_on)}"
        )
        return (late + extra, st.BLOCK_FILL, st.BLOCK_INK)
    return (cleared + extra, st.CLEARED_FILL, st.CLEARED_INK)


def _area_label(region: str, side: Side | None) -> str:
    return f"{side.label.lower()} {region.lower()}" if side else region.lower()
