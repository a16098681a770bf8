"""The contraindication screen: each answer with what it means for treatment today.

Whether a clearance, a treatment modification or a palliative approval counts is decided by
:mod:`soapnotes.models.clearance` (the rules use the same), under the clinic's
``RuleOptions``; this section only words it.
"""

from __future__ import annotations

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.i18n._active import gettext_noop
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
    BodyRegion,
    ContraindicationClass,
    Modality,
    Side,
)
from soapnotes.render import styles as st
from soapnotes.render._blocks import banner, column_widths, data_table
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
    out: list[Flowable] = [w.heading(tr("Contraindication screen"))]
    screen = note.client.screening
    if screen is None:
        out.append(banner(w, tr("NO SCREEN ON FILE: contraindications were not screened."), True))
        return out
    screened = tr("Screened on {date}.", date=fmt.date(screen.screened_on))
    out.append(w.para(screened, w.styles.muted))
    widths = column_widths(w.width, (0.29, 0.1, 0.32, 0.29), (0.27, 0.13, 0.31, 0.29))
    rows: list[list[object]] = [
        [
            w.head(tr("Question")),
            w.head(tr("Answer")),
            w.head(tr("Detail")),
            w.head(tr("Clearance")),
        ]
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
            small(w.markup(f"({answer.question.contraindication_class.label.lower()})")),
        ],
        w.styles.cell,
    )
    label = answer.question.label
    detail = w.cell(w.fit(answer.detail or "", tr("{question}, detail", question=label)))
    clearance = w.markup(w.fit(status, tr("{question}, clearance", question=label)), bold=bold)
    return [
        question,
        w.cell(answer.answer.label, bold=answer.answer is not Answer.NO),
        detail,
        w.join([colored(clearance, ink)], w.styles.cell),
    ]


def _by(clearance: Clearance) -> str:
    return tr(
        "{name} ({role}) on {date}",
        name=clearance.cleared_by,
        role=clearance.role,
        date=fmt.date(clearance.cleared_on),
    )


_PROBLEM_WORDS = {
    ClearanceProblem.LATE: gettext_noop("CLEARANCE DATED AFTER SESSION"),
    ClearanceProblem.STALE: gettext_noop("CLEARANCE OUT OF DATE"),
    ClearanceProblem.SELF: gettext_noop("NOT A CLEARANCE: given by the client"),
    ClearanceProblem.NOT_CLINICAL: gettext_noop("NOT A CLEARANCE: no clinical profession"),
}


def _absolute_status(note: Note, answer: ScreeningAnswer, policy: RuleOptions) -> _Status:
    approval = answer.palliative_approval
    mld = note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE
    if approval is not None and mld:
        day = note.session.start.date()
        problems = palliative_problems(approval, note.client, day, policy.clearance_max_age_days)
        if not problems:
            words = tr("PALLIATIVE MLD: written approval by {by}", by=_by(approval))
            return (words, st.CAUTION_FILL, st.CAUTION_INK)
    blocks = tr("BLOCKS TREATMENT (absolute; no clearance possible)")
    return (blocks, st.BLOCK_FILL, st.BLOCK_INK)


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
        cleared = tr("CLEARED by {by}", by=_by(clearance)) + extra
        return (cleared, st.CLEARED_FILL, st.CLEARED_INK)
    if modification_stands(answer):
        return (
            tr("TREATMENT MODIFIED: {how}", how=answer.modification) + extra,
            st.CLEARED_FILL,
            st.CLEARED_INK,
        )
    if clearance is None:
        return (tr("NEEDS CLEARANCE") + extra, st.BLOCK_FILL, st.BLOCK_INK)
    words = tr(_PROBLEM_WORDS[problems[0]])
    by = tr("{problem}: by {by}", problem=words, by=_by(clearance))
    return (by + extra, st.BLOCK_FILL, st.BLOCK_INK)


def _screen_status(note: Note, answer: ScreeningAnswer, policy: RuleOptions) -> _Status:
    """The clearance cell's words and tint for one answer.

    A clearance counts as the rules count it (:func:`clearance_problems`, on the session's
    date in its own UTC offset): one dated after the session, out of date, given by the
    client or naming no clinical profession is shown in red with the reason.
    """
    kind = answer.question.contraindication_class
    clearance = answer.clearance
    if answer.answer is Answer.NO:
        cleared = tr("CLEARED by {by}", by=_by(clearance)) if clearance else "—"
        return (cleared, None, st.MUTED)
    if answer.answer is Answer.UNKNOWN:
        return (tr("NOT ANSWERED: confirm before treating"), st.CAUTION_FILL, st.CAUTION_INK)
    if kind is ContraindicationClass.ABSOLUTE:
        return _absolute_status(note, answer, policy)
    areas = ", ".join(_area_label(ref.region, ref.side) for ref in answer.areas)
    region = FORBIDDEN_REGION.get(answer.question)
    if region is not None:
        areas = ", ".join(a for a in (areas, tr("{region!l}", region=region.label)) if a)
    if kind is ContraindicationClass.LOCAL:
        where = areas or tr("the affected area")
        local = (
            tr("LOCAL: do not treat or drain through {where}", where=where)
            if answer.question in BLOCKS_DRAINAGE_THROUGH
            else tr("LOCAL: do not treat {where}", where=where)
        )
        return (local, st.CAUTION_FILL, st.CAUTION_INK)
    extra = tr("; avoid {areas}", areas=areas) if areas else ""
    return _relative_status(note, answer, policy, extra)


def _area_label(region: BodyRegion, side: Side | None) -> str:
    if side is None:
        return tr("{region!l}", region=region.label)
    return tr("{side!l} {region!l}", side=side.label, region=region.label)
