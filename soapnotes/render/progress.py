"""The progress report of a course: summary, charts, session table, open findings.

The same pipeline as the treatment note (:func:`soapnotes.render._document.render_pdf`:
header, footer with "Page X of Y", styles and :class:`~soapnotes.render.options.RenderOptions`);
all text goes through the same :class:`~soapnotes.render._writer.Writer`, so record text is
escaped exactly as in a note.
Rendering never validates: the caller passes the findings still open at the last session
(:func:`soapnotes.progress.open_findings`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
    Spacer,
    TableStyle,
)

from soapnotes import _format as fmt
from soapnotes.findings import Finding
from soapnotes.i18n import gettext as tr
from soapnotes.i18n import pgettext, using_locale
from soapnotes.models.note import Note
from soapnotes.progress import (
    AfterEffectsPoint,
    Course,
    Progress,
    compute_progress,
    summary_sentences,
)
from soapnotes.progress._volumes import gap_wording
from soapnotes.render import styles as st
from soapnotes.render._blocks import banner, condition_line, findings_box, kv_table
from soapnotes.render._document import Layout, deliver, render_pdf
from soapnotes.render._flowables import Table
from soapnotes.render._page import PageText, page_text
from soapnotes.render._progress_charts import measure_charts
from soapnotes.render._verification import signature_check
from soapnotes.render._writer import Writer
from soapnotes.render.charts import ChartLine, line_chart
from soapnotes.render.options import RenderOptions
from soapnotes.rules import RuleOptions

__all__ = ["render_progress", "render_progress_bytes"]

_DEFAULT_OPTIONS = RenderOptions()
_DASH = "–"


def render_progress(
    course: Course,
    out: str | os.PathLike[str] | IO[bytes],
    options: RenderOptions | None = None,
    *,
    findings: Sequence[Finding] | None = None,
    rule_options: RuleOptions | None = None,
) -> None:
    """Render the progress report of ``course`` as a PDF to a file path or a binary stream.

    A path is written atomically, as for :func:`soapnotes.render.render_note`.

    Args:
        course: the client's course (:func:`soapnotes.load_course`).
        out: a file path, or a binary stream opened for writing.
        options: page size, margins, logo, fonts, confidentiality line (``sections`` is not
            used: a report always has all its parts).
        findings: the rules engine's findings still open at the last session
            (:func:`soapnotes.progress.open_findings`); ``None`` shows no findings section.
        rule_options: the clinic's policy for the numbers the summary judges (the
            after-effect window); pass the same options given to ``open_findings`` so the
            summary and the findings agree. Defaults apply when None.

    Raises:
        RenderError: a character no font covers with ``strict_fonts``, or an unreadable logo.

    .. versionadded:: 0.1.0
    """
    data = render_progress_bytes(course, options, findings=findings, rule_options=rule_options)
    deliver(data, out)


def render_progress_bytes(
    course: Course,
    options: RenderOptions | None = None,
    *,
    findings: Sequence[Finding] | None = None,
    rule_options: RuleOptions | None = None,
) -> bytes:
    """The progress report of ``course`` as PDF bytes. See :func:`render_progress`.

    .. versionadded:: 0.1.0
    """
    # The summary sentences and the verification lines are worded in the report's locale.
    with using_locale((options or RenderOptions()).locale):
        broken = _not_verifying(course)
        result = compute_progress(course, rule_options)
        return render_pdf(
            lambda writer: _layout(result, writer, options, findings, broken), options
        )


def _layout(
    result: Progress,
    writer: Writer,
    options: RenderOptions | None,
    findings: Sequence[Finding] | None,
    broken: Sequence[Note],
) -> Layout:
    """The report's story, page text and metadata."""
    options = options or _DEFAULT_OPTIONS
    course = result.course
    story = _story(result, writer, findings, broken)
    page = _page_text(course, writer, options, broken)
    client = course.client
    title = tr(
        "Treatment progress report, {first} to {last}",
        first=fmt.date(course.start_date),
        last=fmt.date(course.end_date),
    )
    if options.metadata_names:
        title += f", {client.full_name}"
    return Layout(
        title=title,
        author=course.therapist.display_name,
        subject=tr(
            "Progress over {count} sessions for client {client}",
            count=len(course.notes),
            client=client.id,
        ),
        page=page,
        story=story,
    )


def _page_text(
    course: Course, writer: Writer, options: RenderOptions, broken: Sequence[Note]
) -> PageText:
    """Header and footer lines, with how many of the course's notes are signed and verify."""
    total = len(course.notes)
    signed = sum(1 for n in course.notes if n.is_signed) - len(broken)
    drafts = total - signed - len(broken)
    status = (
        tr("Computed from {count} note: {signed} signed", count=total, signed=signed)
        if total == 1
        else tr("Computed from {count} notes: {signed} signed", count=total, signed=signed)
    )
    if broken:
        status += tr(
            ", {count} signed but NOT VERIFYING (changed after signing or addenda altered)",
            count=len(broken),
        )
    if drafts:
        status += (
            tr(", {count} unsigned draft", count=drafts)
            if drafts == 1
            else tr(", {count} unsigned drafts", count=drafts)
        )
    return page_text(
        practice=course.practice,
        client=course.client,
        title=tr("Treatment progress report"),
        period=tr(
            "Sessions {first} to {last}",
            first=fmt.date(course.start_date),
            last=fmt.date(course.end_date),
        ),
        status=status,
        status_bold=drafts > 0 or len(broken) > 0,
        signed=drafts == 0,
        alert=len(broken) > 0,
        options=options,
        uncovered=writer.uncovered,
    )


def _not_verifying(course: Course) -> list[Note]:
    """The signed notes of ``course`` whose signature does not verify, in session order.

    Each signed note is verified once (:func:`signature_check`), for the footer and the
    summary alike.
    """
    out = []
    for note in course.notes:
        check = signature_check(note)
        if check is not None and not check.ok:
            out.append(note)
    return out


# -- the story -----------------------------------------------------------------------------


def _story(
    result: Progress, w: Writer, findings: Sequence[Finding] | None, broken: Sequence[Note]
) -> list[Flowable]:
    parts: list[Flowable] = []
    parts.extend(_overview(result, w, broken))
    parts.extend(_charts(result, w))
    parts.extend(_session_table(result, w))
    if findings is not None:
        parts.extend(_findings(result, w, findings))
    return parts


def _overview(result: Progress, w: Writer, broken: Sequence[Note]) -> list[Flowable]:
    course = result.course
    client = course.client
    conditions = "; ".join(condition_line(c) for c in client.conditions) or _DASH
    pairs = [
        (tr("Client"), f"{client.full_name} (ID {client.id})"),
        (tr("Born"), fmt.date(client.date_of_birth)),
        (tr("Condition"), conditions),
        (tr("Therapist"), course.therapist.display_name),
    ]
    table = kv_table(w, pairs)
    out: list[Flowable] = [w.heading(tr("Summary")), table, *w.cell_notes(), Spacer(1, 4)]
    out.extend(w.para(sentence) for sentence in summary_sentences(result))
    if broken:
        sessions = "; ".join(
            tr("{date} (session {id})", date=fmt.date(n.session.start.date()), id=n.session.id)
            for n in broken
        )
        warning = (
            tr(
                "SIGNATURE DOES NOT VERIFY for {count} note: {sessions}.",
                count=1,
                sessions=sessions,
            )
            if len(broken) == 1
            else tr(
                "SIGNATURE DOES NOT VERIFY for {count} notes: {sessions}.",
                count=len(broken),
                sessions=sessions,
            )
        )
        rest = tr(
            "They changed after signing (or their addenda did); they are not counted as "
            "signed. Check them with soapnotes verify."
        )
        out.append(banner(w, f"{warning} {rest}", True))
    return out


def _charts(result: Progress, w: Writer) -> list[Flowable]:
    course = result.course
    first, last = course.start_date, course.end_date
    out: list[Flowable] = []
    limbs = dict.fromkeys(v.limb for v in result.volumes)
    for limb in limbs:
        lines = [
            ChartLine(
                name=v.label,
                points=tuple((p.date, p.volume_ml) for p in v.points if p.volume_ml is not None),
            )
            for v in result.volumes
            if v.limb is limb
        ]
        chart = line_chart(
            lines, width=w.width, height=170, unit=tr("Volume (mL)"), first=first, last=last
        )
        caption = tr(
            "Frustum volume from the tape measurements; sessions measured at other points "
            "than the first measurement, or not measured, are left out."
        )
        out.append(
            KeepTogether(
                [
                    w.heading(tr("{limb} volume by side", limb=limb.label)),
                    chart,
                    w.para(caption, w.styles.small),
                ]
            )
        )
    pain = tuple((p.date, float(p.pain)) for p in result.pain if p.pain is not None)
    if pain:
        chart = line_chart(
            [ChartLine(name=tr("Pain"), points=pain)],
            width=w.width,
            height=120,
            unit=tr("Pain (0-10)"),
            first=first,
            last=last,
            value_range=(0, 10),
        )
        out.append(KeepTogether([w.heading(tr("Pain (numeric rating scale)")), chart]))
    out.extend(measure_charts(result, w))
    return out


class _GapNotes:
    """Footnote letters for the reasons a value is missing, in the order first met."""

    def __init__(self, w: Writer) -> None:
        self._w = w
        self.letters: dict[str, str] = {}  # gap reason -> footnote letter

    def cell(self, reason: str | None) -> Flowable:
        if reason is None:
            return self._w.cell(_DASH, right=True)
        letters = self.letters
        letter = letters.setdefault(reason, "abcdefghijklmnopqrstuvwxyz"[len(letters) % 26])
        return self._w.cell(f"{_DASH} ({letter})", right=True)


def _session_table(result: Progress, w: Writer) -> list[Flowable]:
    """A row per session: date, type, minutes, phase, pain, volumes, excess, after-effects."""
    head = [w.head(tr("Date")), w.head(tr("Type")), w.head("Min", right=True), w.head(tr("Phase"))]
    head.append(w.head(pgettext("narrow column", "Pain"), right=True))
    head.extend(w.head(f"{v.label} (mL)", right=True) for v in result.volumes)
    head.extend(
        w.head(pgettext("narrow column", "Excess, {limb!l}", limb=e.label), right=True)
        for e in result.excess
    )
    head.append(w.head(tr("After-effects reported")))
    gaps = _GapNotes(w)
    rows: list[list[Flowable]] = [head]
    sessions = range(len(result.course.sessions))
    rows.extend(_session_row(result, index, w, gaps) for index in sessions)

    widths = _column_widths(len(result.volumes), len(result.excess), w.width)
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands = st.grid_table_style()
    for index in range(1, len(rows)):
        if index % 2 == 0:
            commands.append(("BACKGROUND", (0, index), (-1, index), st.ZEBRA_FILL))
    table.setStyle(TableStyle(commands))
    out: list[Flowable] = [w.heading(tr("Sessions")), table, *w.cell_notes()]
    if gaps.letters:
        out.append(Spacer(1, 3))
        for reason, letter in gaps.letters.items():
            out.append(w.para(f"({letter}) {gap_wording(reason)}", w.styles.small))
    return out


def _session_row(result: Progress, index: int, w: Writer, gaps: _GapNotes) -> list[Flowable]:
    session = result.course.sessions[index]
    pain = session.subjective.pain
    row = [
        w.cell(fmt.date(session.start.date())),
        w.cell(_short_modality(session.modality.label)),
        w.cell(str(session.duration_minutes), right=True),
        w.cell(session.cdt_phase.label if session.cdt_phase else _DASH),
        w.cell(str(pain) if pain is not None else _DASH, right=True),
    ]
    for v in result.volumes:
        point = v.points[index]
        if point.volume_ml is None:
            row.append(gaps.cell(point.gap_reason))
        else:
            row.append(w.cell(fmt.number(point.volume_ml), right=True))
    for e in result.excess:
        ep = e.points[index]
        if ep.excess_ml is None or ep.excess_percent is None:
            row.append(w.cell(_DASH, right=True))
        else:
            text = f"{fmt.number(ep.excess_ml)} ({fmt.percent(ep.excess_percent)})"
            row.append(w.cell(text, right=True))
    effects = result.after_effects[index]
    effects_text = _effects_text(effects) if effects.effects else _DASH
    where = tr("Session {number}, after-effects", number=index + 1)
    row.append(w.cell(w.fit(effects_text, where)))
    return row


def _column_widths(volumes: int, excess: int, width: float) -> list[float]:
    """Fixed shares for the first five columns, the rest shared by values and after-effects."""
    fixed = [0.125, 0.07, 0.06, 0.135, 0.06]
    rest = 1 - sum(fixed)
    value_share = 0.105 if excess else 0.12
    columns = [*fixed, *[value_share] * volumes, *[0.14] * excess]
    columns.append(max(rest - value_share * volumes - 0.14 * excess, 0.12))
    scale = 1 / sum(columns)
    return [c * scale * width for c in columns]


def _short_modality(label: str) -> str:
    return tr("MLD") if label == tr("Manual lymphatic drainage (MLD)") else label


def _effects_text(point: AfterEffectsPoint) -> str:
    parts = []
    for effect in point.effects:
        text = tr("{part!l}", part=effect.kind.label)
        if effect.duration_hours is not None:
            text += f" {fmt.number(effect.duration_hours)} h"
        parts.append(text)
    return ", ".join(parts)


def _findings(result: Progress, w: Writer, findings: Sequence[Finding]) -> list[Flowable]:
    last = result.course.last.session
    intro = tr(
        "Findings of the rules engine still open at the last session ({date}, session {id}).",
        date=fmt.date(last.start.date()),
        id=last.id,
    )
    return findings_box(findings, w, intro=intro)
