"""Building blocks that the note and the progress report share: tables, banners, findings.

Each takes a :class:`~soapnotes.render._writer.Writer` and values already computed
(findings from the rules engine, records); nothing here decides anything clinical.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    TableStyle,
)

from soapnotes import _format as fmt
from soapnotes.findings import Finding, Severity
from soapnotes.i18n import active_locale, format_finding
from soapnotes.i18n import gettext as tr
from soapnotes.models.client import Condition
from soapnotes.models.diagnosis import icd10_title
from soapnotes.models.vocabulary import ConditionKind, EdemaArea
from soapnotes.render import styles as st
from soapnotes.render._flowables import Table
from soapnotes.render._writer import Writer, colored, small

__all__ = ["banner", "condition_line", "data_table", "findings_box", "kv_table"]


def column_widths(
    width: float, english: Sequence[float], other: Sequence[float] | None = None
) -> list[float]:
    """Column widths as shares of ``width``: ``english``'s in English, ``other``'s in the
    other languages, whose words run longer ("Unbekannt", "Gauche"), so no word breaks
    mid-word in a narrow column while English keeps its layout."""
    english_text = active_locale().partition("_")[0] == "en"
    shares = english if english_text or other is None else other
    return [share * width for share in shares]


def data_table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    commands: list[tuple[object, ...]],
    *,
    header_rows: int = 1,
) -> Table:
    """A data table, left aligned, whose ``header_rows`` repeat on every page it runs over."""
    table = Table(
        [list(row) for row in rows],
        colWidths=list(widths),
        repeatRows=header_rows,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    return table


def kv_table(w: Writer, pairs: Sequence[tuple[str, str]], columns: int = 2) -> Table:
    """Label/value pairs laid out in ``columns`` pairs per row.

    Long values are cut short (:meth:`Writer.fit`): add ``w.cell_notes()`` after the table.
    """
    cells: list[list[object]] = []
    row: list[object] = []
    for label, value in pairs:
        row.extend([w.para(label, w.styles.cell, bold=True), w.cell(w.fit(value, label))])
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        row.extend([""] * (2 * columns - len(row)))
        cells.append(row)
    label_w = 0.16 * w.width if columns == 2 else 0.22 * w.width
    value_w = w.width / columns - label_w
    table = Table(cells, colWidths=[label_w, value_w] * columns, hAlign="LEFT")
    table.setStyle(st.key_value_table_style())
    return table


def condition_line(condition: Condition) -> str:
    """'Lymphedema, left arm, ISL Stage II, secondary; ICD-10 I97.2 Postmastectomy ...
    (cause; onset ...)': the condition with its schema-2 diagnosis detail when recorded."""
    parts = [condition.kind.label]
    side, area = condition.side, condition.area
    limb = _limb_lymphedema(condition)
    if limb is not None:  # the field's own word: Armlymphödem, lymphœdème du membre supérieur
        parts = [limb]
    elif side is not None and area is not None:
        parts.append(tr("{side!l} {area!l}", side=side.label, area=area.label))
    elif side is not None or area is not None:
        only = side.label if side is not None else area.label if area is not None else ""
        parts.append(tr("{part!l}", part=only))
    if condition.isl_stage_label:
        stage = condition.isl_stage_label.removeprefix("Stage ")
        parts.append(tr("ISL Stage {stage}", stage=stage))
    parts += _diagnosis_detail(condition)
    line = ", ".join(parts)
    if condition.icd10:
        line += "; ICD-10 " + ", ".join(_coded(code) for code in condition.icd10)
    extra = [x for x in (condition.cause, condition.description) if x]
    if condition.onset:
        extra.append(tr("onset {date}", date=fmt.date(condition.onset)))
    if extra:
        line += f" ({'; '.join(extra)})"
    return line


def _limb_lymphedema(condition: Condition) -> str | None:
    """'Lymphedema, left arm' as one term ('Armlymphödem links'), or None for another
    condition or area."""
    if condition.kind is not ConditionKind.LYMPHEDEMA or condition.area is None:
        return None
    side = condition.side
    if condition.area is EdemaArea.ARM:
        if side is None:
            return tr("Lymphedema, arm")
        return tr("Lymphedema, {side!l} arm", side=side.label)
    if condition.area is EdemaArea.LEG:
        if side is None:
            return tr("Lymphedema, leg")
        return tr("Lymphedema, {side!l} leg", side=side.label)
    return None


def _diagnosis_detail(condition: Condition) -> list[str]:
    """Origin, lipedema stage and types, CEAP class (schema 2), in that order."""
    out = []
    if condition.origin is not None:
        out.append(condition.origin.label.lower())
    if condition.lipedema_stage is not None:
        out.append(tr("stage {stage}", stage=condition.lipedema_stage))
    out += [t.label for t in condition.lipedema_types]
    if condition.ceap is not None:
        out.append(f"CEAP {condition.ceap.label}")
    return out


#: The severity column's words, translated when the box is laid out.
_LEVEL = {
    "error": lambda: tr("ERROR"),
    "warning": lambda: tr("WARNING"),
    "info": lambda: tr("INFO"),
}


def _coded(code: str) -> str:
    title = icd10_title(code)
    return f"{code} {tr(title)}" if title else code


def banner(w: Writer, text: str, blocking: bool) -> Table:
    fill, ink = (st.BLOCK_FILL, st.BLOCK_INK) if blocking else (st.CAUTION_FILL, st.CAUTION_INK)
    table = Table(
        [[w.join([colored(w.markup(text, bold=True), ink)], w.styles.cell)]],
        colWidths=[w.width],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.styles().body.fontName, st.BODY_SIZE),
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("BOX", (0, 0), (-1, -1), 0.6, ink),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def findings_box(
    findings: Sequence[Finding], w: Writer, *, intro: str | None = None
) -> list[Flowable]:
    """The rules engine's findings in a box: errors first, then warnings, then notes.

    ``intro``, our own wording, goes in a muted line right under the heading.
    """
    ordered = sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity])
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    out: list[Flowable] = [w.heading(tr("Findings"))]
    if intro is not None:
        out.append(w.para(intro, w.styles.muted))
    summary = ", ".join(
        (
            tr("{count} error", count=errors)
            if errors == 1
            else tr("{count} errors", count=errors),
            tr("{count} warning", count=warnings)
            if warnings == 1
            else tr("{count} warnings", count=warnings),
        )
    )
    if not findings:
        out.append(w.para(tr("The rules engine found nothing to report."), w.styles.muted))
        return out
    rows: list[list[object]] = [
        [
            w.head(tr("Severity")),
            w.head(tr("Code")),
            w.head(tr("Finding ({summary})", summary=summary)),
        ]
    ]
    commands = st.grid_table_style()
    for index, finding in enumerate(ordered, start=1):
        level = finding.severity.value
        fill, ink = {
            "error": (st.BLOCK_FILL, st.BLOCK_INK),
            "warning": (st.CAUTION_FILL, st.CAUTION_INK),
        }.get(level, (None, st.MUTED))
        rows.append(
            [
                w.join([colored(w.markup(_LEVEL[level](), bold=True), ink)], w.styles.cell),
                w.cell(w.fit(str(finding.code), tr("Finding {number}, code", number=index))),
                w.join(
                    [
                        w.markup(
                            w.fit(format_finding(finding), tr("Finding {number}", number=index))
                        ),
                        "<br/>",
                        small(
                            w.markup(
                                w.fit(
                                    tr("at {path}", path=finding.path),
                                    tr("Finding {number}, path", number=index),
                                )
                            )
                        ),
                    ],
                    w.styles.cell,
                ),
            ]
        )
        if fill is not None:
            commands.append(("BACKGROUND", (0, index), (0, index), fill))
    border = st.BLOCK_INK if errors else st.CAUTION_INK if warnings else st.RULE
    commands.append(("BOX", (0, 0), (-1, -1), 1.2, border))
    widths = [0.12 * w.width, 0.2 * w.width, 0.68 * w.width]
    out.append(data_table(rows, widths, commands))
    out.extend(w.cell_notes())
    return out
