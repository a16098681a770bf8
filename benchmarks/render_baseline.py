"""A hand-written reportlab platypus renderer of a treatment note, for comparison only.

This is what a developer writes by hand for one clinic: the same sections, tables, wording
and fonts as :func:`soapnotes.render.render_note_bytes` on the shipped examples (the same
page count, and every word and number of soapnotes' pages: ``benchmarks/same_content.py``
checks it, and ``tests/render/test_baseline_content.py`` keeps it so), but nothing soapnotes
adds on top: no font fallback or coverage check, no cutting of long cells, no other
locales, no signature block beyond the draft banner, and a simpler body map (boxes for
regions, straight arrows, a small legend). It reads the record and the rules' findings like
soapnotes does, uses the model's clinical helpers (side comparison, excess bands, clearance
problems, ICD-10 titles, the BMI class), and escapes record text with
:func:`xml.sax.saxutils.escape`.

Since schema 2 it also draws the schema-2 content of the examples: diagnosis detail and
ICD-10 codes, intake, cancer history, cellulitis, medications, referral and prescription;
the red-flag check; weight and BMI, the measured range and the severity band, device
volumes and bioimpedance; outcome scores and goals; compression (garments, bandaging, the
arterial check).

Idiomatic platypus: ``Paragraph`` for text that may wrap (and table cells in text columns),
plain strings with per-column table styles for short one-line cells, headings kept with
their content by ``CondPageBreak``, a canvas subclass for "Page X of Y".

``benchmarks/render_compare.py`` times it against soapnotes in one process. Not shipped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Circle,
    Drawing,
    Line,
    Polygon,
    Rect,
    String,
)
from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from soapnotes import _format as fmt
from soapnotes.findings import Finding, Severity
from soapnotes.models.clearance import clearance_problems
from soapnotes.models.diagnosis import icd10_title
from soapnotes.models.excess import band_words, excess_band, point_spacing
from soapnotes.models.intake import bmi_class
from soapnotes.models.limbs import (
    comparable_previous,
    compare_sides,
    excess_reduction_percent,
    left_minus_right_ml,
    volume_changes,
)
from soapnotes.models.measurements import VolumeFormula
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import (
    BLOCKS_DRAINAGE_THROUGH,
    FORBIDDEN_REGION,
    Answer,
    ConditionKind,
    ContraindicationClass,
    EdemaArea,
    Limb,
    NodeState,
    Phase,
)
from soapnotes.render.fonts import register_family
from soapnotes.rules import RuleOptions

SANS = "SoapnotesSans"
BOLD = "SoapnotesSans-Bold"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#2c5282")
GRID = colors.HexColor("#cbd2d9")
HEAD = colors.HexColor("#e4e7eb")
RED, RED_FILL = colors.HexColor("#9b1c1c"), colors.HexColor("#fbd5d5")
AMBER, AMBER_FILL = colors.HexColor("#8a4b08"), colors.HexColor("#fdecc8")
GREEN, GREEN_FILL = colors.HexColor("#03543f"), colors.HexColor("#def7ec")
BLUE_FILL, ORANGE_FILL = colors.HexColor("#d4e7f5"), colors.HexColor("#fcebc4")

_styles: dict[str, ParagraphStyle] = {}
_POLICY = RuleOptions()
_PROBLEM_WORDS = {
    "LATE": "CLEARANCE DATED AFTER SESSION",
    "STALE": "CLEARANCE OUT OF DATE",
    "SELF": "NOT A CLEARANCE: given by the client",
    "NOT_CLINICAL": "NOT A CLEARANCE: no clinical profession",
}


def _style(name: str) -> ParagraphStyle:
    if not _styles:
        body = ParagraphStyle(
            "b", fontName=SANS, bulletFontName=SANS, fontSize=9, leading=12, textColor=INK
        )
        body.spaceAfter = 3
        cell = ParagraphStyle("c", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
        _styles.update(
            body=body,
            muted=ParagraphStyle("m", parent=body, textColor=MUTED),
            small=ParagraphStyle("s", parent=body, fontSize=7.5, leading=9.5),
            cell=cell,
            right=ParagraphStyle("r", parent=cell, alignment=TA_RIGHT),
            bold=ParagraphStyle("cb", parent=cell, fontName=BOLD),
            bold_right=ParagraphStyle("rb", parent=cell, fontName=BOLD, alignment=TA_RIGHT),
            head=ParagraphStyle(
                "h",
                parent=body,
                fontName=BOLD,
                fontSize=11,
                leading=14,
                textColor=ACCENT,
                spaceBefore=8,
                spaceAfter=4,
            ),
            sub=ParagraphStyle(
                "sh", parent=body, fontName=BOLD, fontSize=9.5, spaceBefore=4, keepWithNext=1
            ),
            bullet=ParagraphStyle("bl", parent=body, leftIndent=12, bulletIndent=3, spaceAfter=1),
        )
    return _styles[name]


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), _style(style))


def _lv(label: str, value: str) -> Paragraph:
    return Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", _style("body"))


def _grid(header_rows: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("FONT", (0, 0), (-1, -1), SANS, 8.5, 10.5),
        ("FONT", (0, 0), (-1, header_rows - 1), BOLD, 8.5, 10.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD),
    ]


def _table(rows: list[list[Any]], widths: Sequence[float], style: list[Any]) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _heading(text: str) -> list[Flowable]:
    # A heading moves to the next page only when there is no room for a few lines after it.
    return [CondPageBreak(64), Paragraph(escape(text), _style("head"))]


def _client(note: Note, width: float) -> list[Flowable]:
    c, s, t = note.client, note.session, note.therapist
    phase = s.cdt_phase
    cdt = (
        f"{phase.label} (phase {1 if phase.value == 'intensive' else 2})"
        if phase
        else "not in CDT"
    )
    pairs = [
        ("Client", c.full_name, "Therapist", t.display_name),
        ("Client ID", c.id, "Licence", t.licence_number or "not recorded"),
        (
            "Date of birth",
            f"{fmt.date(c.date_of_birth)} (age {fmt.age_on(c.date_of_birth, s.start.date())})",
            "Modality",
            s.modality.label,
        ),
        (
            "Sex",
            c.sex.label if c.sex else "not recorded",
            "Duration",
            fmt.minutes(s.duration_minutes),
        ),
        ("Session", f"{fmt.datetime(s.start)} ({s.id})", "CDT phase", cdt),
    ]
    if c.consent:
        consent = f"given by {c.consent.given_by} on {fmt.date(c.consent.given_on)}"
        pairs.append(("Consent", consent, "Consent scope", c.consent.scope or "not recorded"))
    else:
        pairs.append(("Consent", "none on file", "", ""))
    rows = [
        [
            Paragraph(f"<b>{escape(a)}</b>", _style("cell")),
            _p(b, "cell"),
            Paragraph(f"<b>{escape(x)}</b>", _style("cell")) if x else "",
            _p(y, "cell") if y else "",
        ]
        for a, b, x, y in pairs
    ]
    kv = [
        ("FONT", (0, 0), (-1, -1), SANS, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
    ]
    label, value = 0.16 * width, 0.34 * width
    out: list[Flowable] = [*_heading("Client and session")]
    out.append(Table(rows, colWidths=[label, value] * 2, hAlign="LEFT", style=kv))
    nodes = []
    for n in c.node_status:
        if n.state is NodeState.WORKING:
            continue
        side = f"{n.side.label} " if n.side else ""
        line = f"{side}{n.group.value} nodes: {n.state.label.lower()}"
        line += f" since {fmt.date(n.since)}" if n.since else ""
        line += f" ({n.procedure})" if n.procedure else ""
        nodes.append(line[0].upper() + line[1:])
    history: list[tuple[str, list[str]]] = []
    if c.conditions:
        history.append(("Conditions", [_condition(cond) for cond in c.conditions]))
    history.append(("Node groups", nodes or ["none recorded as removed or irradiated"]))
    history += _history(note)
    rows = [
        [
            Paragraph(f"<b>{escape(label)}</b>", _style("cell")),
            Paragraph("<br/>".join(map(escape, lines)), _style("cell")),
        ]
        for label, lines in history
    ]
    out += [
        Spacer(1, 3),
        Table(rows, colWidths=[0.22 * width, 0.78 * width], hAlign="LEFT", style=kv),
    ]
    return out


def _condition(cond: Any) -> str:
    """'Lymphedema, left arm, ISL Stage II, secondary; ICD-10 I97.2 Postmastectomy ...'."""
    side, area = cond.side, cond.area
    if cond.kind is ConditionKind.LYMPHEDEMA and area in (EdemaArea.ARM, EdemaArea.LEG):
        limb = "arm" if area is EdemaArea.ARM else "leg"
        parts = [f"Lymphedema, {side.label.lower() + ' ' if side else ''}{limb}"]
    else:
        parts = [cond.kind.label]
        where = " ".join(x.label.lower() for x in (side, area) if x)
        if where:
            parts.append(where)
    if cond.isl_stage_label:
        parts.append(f"ISL Stage {cond.isl_stage_label.removeprefix('Stage ')}")
    if cond.origin:
        parts.append(cond.origin.label.lower())
    if cond.lipedema_stage is not None:
        parts.append(f"stage {cond.lipedema_stage}")
    parts += [t.label for t in cond.lipedema_types]
    if cond.ceap:
        parts.append(f"CEAP {cond.ceap.label}")
    line = ", ".join(parts)
    if cond.icd10:
        line += "; ICD-10 " + ", ".join(
            f"{code} {icd10_title(code)}" if icd10_title(code) else code for code in cond.icd10
        )
    extra = [x for x in (cond.cause, cond.description) if x]
    if cond.onset:
        extra.append(f"onset {fmt.date(cond.onset)}")
    return f"{line} ({'; '.join(extra)})" if extra else line


def _on(day: Any) -> str:
    return f" ({fmt.date(day)})" if day else ""


def _history(note: Note) -> list[tuple[str, list[str]]]:
    """Intake, cancer treatment, cellulitis, medications, referral and prescription."""
    c = note.client
    out: list[tuple[str, list[str]]] = []
    intake = c.intake
    if intake is not None:
        body = []
        if intake.height_cm is not None:
            body.append(f"height {fmt.number(intake.height_cm, 1).removesuffix('.0')} cm")
        if intake.handedness is not None:
            hand = intake.handedness.value
            body.append("ambidextrous" if hand == "ambidextrous" else f"{hand}-handed")
        if body:
            text = ", ".join(body)
            out.append(("Intake", [text[0].upper() + text[1:]]))
        cancers = []
        for k in intake.cancer:
            line = k.diagnosis + (f" ({', '.join(k.icd10)})" if k.icd10 else "")
            line += f", diagnosed {fmt.date(k.diagnosed_on)}" if k.diagnosed_on else ""
            for op in k.surgery:
                line += f"; surgery: {op.procedure}{_on(op.performed_on)}"
                if op.nodes_removed is not None:
                    line += f", {op.nodes_removed} nodes removed"
            for rt in k.radiotherapy:
                fields = ", ".join(f.label.lower() for f in rt.fields)
                if rt.side:
                    fields = f"{rt.side.label.lower()} {fields}"
                ended = f", ended {fmt.date(rt.finished_on)}" if rt.finished_on else ""
                line += f"; radiotherapy: {fields}{ended}"
            for ch in k.chemotherapy:
                kind = f" ({ch.drug_class.label.lower()})" if ch.drug_class else ""
                ended = f", ended {fmt.date(ch.finished_on)}" if ch.finished_on else ""
                line += f"; chemotherapy: {ch.regimen}{kind}{ended}"
            cancers.append(line)
        if cancers:
            out.append(("Cancer history", cancers))
        episodes = []
        for e in intake.cellulitis:
            where = " ".join(x.label.lower() for x in (e.side, e.limb) if x)
            line = fmt.date(e.began_on) + (f", {where}" if where else "")
            line += f"; {e.treated_with}" if e.treated_with else ""
            episodes.append(line + ("; admitted to hospital" if e.admitted else "; not admitted"))
        if episodes:
            out.append(("Cellulitis", episodes))
        drugs = []
        for m in intake.medications:
            line = m.name + (f" {m.dose}" if m.dose else "") + f" ({m.kind.label.lower()})"
            drugs.append(line + (f", since {fmt.date(m.since)}" if m.since else ""))
        if drugs:
            out.append(("Medications", drugs))
    if c.referring_physician is not None:
        out.append(("Referred by", [c.referring_physician.display_name]))
    rx = c.prescription
    if rx is not None:
        parts = [rx.reference] if rx.reference else []
        parts.append(f"issued {fmt.date(rx.issued_on)}")
        if rx.sessions_authorised is not None:
            used = "?" if rx.sessions_used is None else rx.sessions_used
            parts.append(f"sessions {used} of {rx.sessions_authorised} authorised")
        if rx.valid_until:
            parts.append(f"valid until {fmt.date(rx.valid_until)}")
        if rx.icd10:
            parts.append("ICD-10 " + ", ".join(rx.icd10))
        parts.append(f"by {rx.prescribed_by.name}")
        out.append(("Prescription", ["; ".join(parts)]))
    return out


def _screening(note: Note, width: float) -> list[Flowable]:
    screen = note.client.screening
    out: list[Flowable] = [*_heading("Contraindication screen")]
    if screen is None:
        return out
    out.append(_p(f"Screened on {fmt.date(screen.screened_on)}.", "muted"))
    rows: list[list[Any]] = [["Question", "Answer", "Detail", "Clearance"]]
    style = _grid()
    day = note.session.start.date()
    max_age = _POLICY.clearance_max_age_days
    for i, a in enumerate(screen.answers, start=1):
        kind = a.question.contraindication_class
        cleared = a.clearance
        by = (
            f"{cleared.cleared_by} ({cleared.role}) on {fmt.date(cleared.cleared_on)}"
            if cleared
            else ""
        )
        problems = clearance_problems(cleared, note.client, day, max_age) if cleared else ()
        areas = ", ".join(
            f"{r.side.label.lower()} {r.region.label.lower()}"
            if r.side
            else r.region.label.lower()
            for r in a.areas
        )
        region = FORBIDDEN_REGION.get(a.question)
        if region is not None:
            areas = ", ".join(x for x in (areas, region.label.lower()) if x)
        fill: Any = None
        ink = MUTED
        if a.answer is Answer.NO:
            clearance = f"CLEARED by {by}" if cleared else "—"
        elif a.answer is Answer.UNKNOWN:
            clearance, fill, ink = "NOT ANSWERED: confirm before treating", AMBER_FILL, AMBER
        elif kind is ContraindicationClass.ABSOLUTE:
            clearance = "BLOCKS TREATMENT (absolute; no clearance possible)"
            fill, ink = RED_FILL, RED
        elif kind is ContraindicationClass.LOCAL:
            through = " or drain through" if a.question in BLOCKS_DRAINAGE_THROUGH else ""
            clearance = f"LOCAL: do not treat{through} {areas or 'the affected area'}"
            fill, ink = AMBER_FILL, AMBER
        else:
            avoid = f"; avoid {areas}" if areas else ""
            if cleared and not problems:
                clearance, fill, ink = f"CLEARED by {by}{avoid}", GREEN_FILL, GREEN
            elif a.modification:
                clearance = f"TREATMENT MODIFIED: {a.modification}{avoid}"
                fill, ink = GREEN_FILL, GREEN
            elif cleared is None:
                clearance, fill, ink = f"NEEDS CLEARANCE{avoid}", RED_FILL, RED
            else:
                clearance = f"{_PROBLEM_WORDS[problems[0].name]}: by {by}{avoid}"
                fill, ink = RED_FILL, RED
        question = (
            f'{escape(a.question.label)} <font size="7.5" color="#52606d">'
            f"({kind.label.lower()})</font>"
        )
        color = ink.hexval()[2:]
        bold = ("<b>", "</b>") if fill else ("", "")
        rows.append(
            [
                Paragraph(question, _style("cell")),
                a.answer.label,
                _p(a.detail or "", "cell"),
                Paragraph(
                    f'<font color="#{color}">{bold[0]}{escape(clearance)}{bold[1]}</font>',
                    _style("cell"),
                ),
            ]
        )
        if a.answer is not Answer.NO:
            style.append(("FONT", (1, i), (1, i), BOLD, 8.5, 10.5))
        if fill:
            style += [("BACKGROUND", (1, i), (1, i), fill), ("BACKGROUND", (3, i), (3, i), fill)]
    widths = [0.29 * width, 0.1 * width, 0.32 * width, 0.29 * width]
    out.append(_table(rows, widths, style))
    return out


def _bullets(items: Sequence[str]) -> list[Flowable]:
    return [Paragraph(escape(i), _style("bullet"), bulletText="•") for i in items]


def _subjective(note: Note) -> list[Flowable]:
    s = note.session.subjective
    out: list[Flowable] = [*_heading("S: Subjective"), _lv("Chief complaint", s.chief_complaint)]
    if s.pain is not None:
        out.append(_lv("Pain (0-10)", f"{s.pain}/10"))
    if s.symptoms:
        out += [Paragraph("<b>Symptoms:</b>", _style("body")), *_bullets(s.symptoms)]
    if s.after_effects:
        lines = []
        for e in s.after_effects:
            line = e.kind.label + (f": {e.description}" if e.description else "")
            if e.duration_hours is not None:
                line += f", lasted {fmt.number(e.duration_hours, 1).removesuffix('.0')} h"
            lines.append(line)
        out += [Paragraph("<b>After the previous session:</b>", _style("body")), *_bullets(lines)]
    if s.notes:
        out.append(_lv("Notes", s.notes))
    check = note.session.red_flags
    if check is not None:
        flagged = [a for a in check.answers if a.answer is not Answer.NO]
        if not flagged:
            n = len(check.answers)
            asked = f"{n} question{'s' * (n != 1)} asked, all answered no"
            out.append(_lv("Red-flag check at this visit", asked))
        else:
            out.append(Paragraph("<b>Red-flag check at this visit:</b>", _style("body")))
            out += _bullets(
                [
                    f"{a.question.label}: {a.answer.label.upper()}"
                    + (f" ({a.detail})" if a.detail else "")
                    for a in flagged
                ]
            )
    return out


def _objective(note: Note, width: float) -> list[Flowable]:
    o = note.session.objective
    out: list[Flowable] = [*_heading("O: Objective")]
    if o.observations:
        out.append(_p(o.observations))
    if o.skin:
        out += [Paragraph("<b>Skin:</b>", _style("body")), *_bullets(o.skin)]
    if o.weight_kg is not None:
        weight = f"{fmt.number(o.weight_kg, 1)} kg"
        height = note.client.intake.height_cm if note.client.intake else None
        if note.bmi is not None and height is not None:
            weight += (
                f" · BMI {fmt.number(note.bmi, 1)} kg/m² ({bmi_class(note.bmi)}, WHO), "
                f"from the intake height {fmt.number(height, 1).removesuffix('.0')} cm"
            )
        else:
            weight += " · BMI not computed: no height on file"
        out.append(_lv("Weight", weight))
    if o.stemmer:
        signs = "; ".join(
            f"{s.side.label} {s.limb.label.lower()}: {s.result.value}"
            + (f" (grade {s.grade})" if s.grade is not None else "")
            for s in o.stemmer
        )
        out.append(_lv("Stemmer sign", signs))
    if o.pitting:
        rows: list[list[Any]] = [["Pitting edema", "Grade", "Depth", "Rebound", "Location"]]
        for p in o.pitting:
            rows.append(
                [
                    f"{p.side.label} {p.limb.label.lower()}",
                    p.grade_label,
                    f"{fmt.number(p.depth_mm, 1)} mm" if p.depth_mm is not None else "—",
                    f"{fmt.number(p.rebound_s)} s" if p.rebound_s is not None else "—",
                    _p(p.location or "", "cell"),
                ]
            )
        style = [*_grid(), ("ALIGN", (1, 0), (3, -1), "RIGHT")]
        out.append(_table(rows, [f * width for f in (0.2, 0.1, 0.12, 0.12, 0.46)], style))
    for limb in Limb:
        series = [s for s in o.circumferences if s.limb is limb]
        if series:
            out += _limb(note, limb, series, width)
    if o.volumes:
        rows = [["Limb", "Method", "Device", "Extent", "Volume"]]
        for v in o.volumes:
            rows.append(
                [
                    f"{v.side.label} {v.limb.label.lower()}",
                    v.method.label,
                    _p(v.device, "cell"),
                    _p(v.extent or "—", "cell"),
                    fmt.ml(v.volume_ml),
                ]
            )
        title = "Volumes measured by device (as measured; not mixed with tape)"
        out.append(Paragraph(escape(title), _style("sub")))
        style = [*_grid(), ("ALIGN", (4, 0), (4, -1), "RIGHT")]
        out.append(_table(rows, [f * width for f in (0.18, 0.2, 0.24, 0.22, 0.16)], style))
    if o.bioimpedance:
        ldex = "; ".join(
            f"{b.label} L-Dex {fmt.number(b.ldex, 1)} ({b.device})" for b in o.bioimpedance
        )
        out.append(_lv("Bioimpedance", ldex))
    return out


def _limb(note: Note, limb: Limb, series: list[Any], width: float) -> list[Flowable]:
    o = note.session.objective
    by_side = {s.side: s for s in sorted(series, key=lambda s: s.side.value)}
    earlier = o.previous.circumferences if o.previous else ()
    previous = comparable_previous(series, earlier, limb)
    changes = {c.side: c for c in volume_changes(series, earlier, limb)}
    since = fmt.date(o.previous.measured_on) if o.previous else ""
    first = next(iter(by_side.values()))
    head = [f"From {first.landmark.label.lower()} (cm)"]
    columns: list[tuple[Any, Any]] = []
    for side, s in by_side.items():
        head.append(f"{side.label} (cm)")
        columns.append((s, None))
        if side in previous:
            head += [f"{side.label}, {since} (cm)", f"{side.label} change (cm)"]
            columns += [(previous[side], None), (s, previous[side])]
    values = [{p.distance_cm: p.circumference_cm for p in s.points} for s, _ in columns]
    befores = [
        {p.distance_cm: p.circumference_cm for p in b.points} if b else None for _, b in columns
    ]
    rows: list[list[Any]] = [[_p(h, "bold_right") for h in head]]
    for d in sorted({p.distance_cm for s in by_side.values() for p in s.points}):
        row = [f"{d:g}"]
        for now, before in zip(values, befores, strict=True):
            if before is None:
                row.append(fmt.cm(now[d]) if d in now else "—")
            else:
                row.append(fmt.signed(now[d] - before[d], 1) if d in now and d in before else "—")
        rows.append(row)
    ranges = {_range(s) for s in by_side.values()}
    volume: list[Any] = [
        _p(f"Volume, {ranges.pop()}", "bold_right") if len(ranges) == 1 else "Volume"
    ]
    for s, before in columns:
        volume.append(
            f"{fmt.signed(changes[s.side].change_ml)} mL" if before else fmt.ml(s.volume_ml)
        )
    rows.append(volume)
    last = len(rows) - 1
    style = [
        *_grid(),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("FONT", (0, last), (-1, last), BOLD, 8.5, 10.5),
        ("LINEABOVE", (0, last), (-1, last), 0.8, colors.HexColor("#9aa5b1")),
        ("BACKGROUND", (0, last), (-1, last), colors.HexColor("#f5f7fa")),
    ]
    other = min(0.16 * width, 0.84 * width / len(columns))
    if first.method is VolumeFormula.DISK:
        n, lo, hi = len(first.points), first.distances[0], first.distances[-1]
        every = fmt.number(first.interval_cm, 1).removesuffix(".0")
        method = f"disk method, {n} disks of {every} cm centred {lo:g}-{hi:g} cm"
    else:
        points = {f"{_points(s)}, {_range(s)}" for s in by_side.values()}
        if len(points) == 1:
            method = f"frustum method, {points.pop()}"
        else:
            method = "frustum method, " + "; ".join(
                f"{side.label.lower()} {_points(s)}, {_range(s)}" for side, s in by_side.items()
            )
    title = f"{limb.label} circumference and volume ({method})"
    out: list[Flowable] = [Paragraph(escape(title), _style("sub"))]
    out += [_table(rows, [0.16 * width] + [other] * len(columns), style), Spacer(1, 4)]
    summary = _excess(note, series, list(previous.values()), limb, since)
    name = limb.label.lower()
    for c in changes.values():
        percent = fmt.percent(c.change_percent)
        percent = "+" + percent if round(c.change_percent, 1) > 0 else percent
        summary.append(
            (
                f"Volume change, {c.side.label.lower()} {name}, since {since}",
                f"{fmt.signed(c.change_ml)} mL ({percent})",
            )
        )
    if summary:
        style = [
            ("FONT", (0, 0), (-1, -1), SANS, 8.5, 10.5),
            ("FONT", (1, 0), (1, -1), BOLD, 8.5, 10.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ]
        out.append(
            Table(summary, colWidths=[0.42 * width, 0.28 * width], hAlign="LEFT", style=style)
        )
    return out


def _points(series: Any) -> str:
    spacing = point_spacing(series)
    if spacing is None:
        return f"{len(series.points)} points, unevenly spaced"
    return f"every {fmt.number(spacing, 1).removesuffix('.0')} cm"


def _range(series: Any) -> str:
    first, last = series.points[0].distance_cm, series.points[-1].distance_cm
    return f"{series.landmark.label.lower()} {first:g}-{last:g} cm"


def _excess(
    note: Note, series: list[Any], previous: list[Any], limb: Limb, since: str
) -> list[tuple[str, str]]:
    """Excess volume with its ISL band and its change since last time, or why there is none."""
    now = compare_sides(note.client, series, limb)
    name = limb.label.lower()
    if now.both_measured and not now.comparable:
        return [("Excess volume", "not computed: sides measured at different points")]
    if not now.comparable:
        return []
    excess = now.excess
    if excess is None and len(now.swollen) == 2:
        return [("Excess volume", "not computed: both sides affected, no reference limb")]
    if excess is None:
        difference = left_minus_right_ml(now)
        if difference is None:
            return []
        return [(f"Difference, left - right {name}", f"{fmt.signed(difference)} mL")]
    bands = _POLICY.excess_volume_bands
    rows = [
        (f"Excess volume, {excess.affected.label.lower()} {name}", fmt.ml(excess.excess_ml)),
        (
            f"Excess volume, % of {excess.reference.label.lower()} {name}",
            fmt.percent(excess.excess_percent),
        ),
        (
            "Severity (ISL 2020 bands)",
            band_words(excess_band(excess.excess_percent, bands), bands),
        ),
    ]
    before = compare_sides(note.client, tuple(previous), limb).excess
    if before is not None:
        change = excess.excess_ml - before.excess_ml
        points = fmt.signed(excess.excess_percent - before.excess_percent, 1)
        reduction = excess_reduction_percent(before, excess)
        rows += [
            (
                f"Change of excess volume since {since}",
                f"{fmt.signed(change)} mL ({points} percentage points)",
            ),
            (
                f"Reduction of excess volume since {since}",
                "not defined: no excess volume then"
                if reduction is None
                else fmt.percent(reduction),
            ),
        ]
    return rows


def _assessment_and_plan(note: Note, width: float) -> list[Flowable]:
    a, p = note.session.assessment, note.session.plan
    out: list[Flowable] = [*_heading("A: Assessment"), _p(a.summary)]
    if a.response:
        out.append(_lv("Response to treatment", a.response.label))
    if a.goals_progress:
        out.append(_lv("Goals and progress", a.goals_progress))
    if a.outcomes:
        out.append(_outcomes(a.outcomes, width))
    if a.goals:
        goals = []
        for g in a.goals:
            details = []
            if g.target is not None:
                unit = g.measure.unit
                space = " " if unit and unit != "/10" else ""
                details.append(f"target {fmt.number(g.target, 1).removesuffix('.0')}{space}{unit}")
            if g.due_on is not None:
                details.append(f"due {fmt.date(g.due_on)}")
            line = g.description + (f" ({', '.join(details)})" if details else "")
            goals.append(f"{line}: {g.status.label.lower()}")
        out.append(KeepTogether([Paragraph("<b>Goals:</b>", _style("body")), *_bullets(goals)]))
    out += _heading("P: Plan")
    if p.frequency:
        out.append(_lv("Frequency", p.frequency))
    if p.next_session:
        out.append(_lv("Next session", fmt.date(p.next_session)))
    if p.home_care:
        items = [f"{i.kind.label}: {i.detail}" if i.detail else i.kind.label for i in p.home_care]
        out += [Paragraph("<b>Home care:</b>", _style("body")), *_bullets(items)]
    if p.referrals:
        out += [
            Paragraph("<b>Referrals:</b>", _style("body")),
            *_bullets([f"{r.to}: {r.reason}" for r in p.referrals]),
        ]
    if p.notes:
        out.append(_lv("Notes", p.notes))
    out += _compression(note, width)
    return out


def _outcomes(scores: Sequence[Any], width: float) -> Table:
    """Outcome scores: one row per questionnaire, a column per domain."""
    domains = list(dict.fromkeys(d for s in scores for d in s.instrument.domains))
    overall = any(s.instrument.has_overall for s in scores)
    head = [_p("Outcome score", "bold"), *(_p(d.label, "bold_right") for d in domains)]
    if overall:
        head.append(_p("Overall QoL (0-10)", "bold_right"))
    rows: list[list[Any]] = [head]
    for s in scores:
        low, high = s.instrument.domain_range
        better = "better" if s.instrument.higher_is_better else "worse"
        about = f"{fmt.date(s.completed_on)}; {low:g}-{high:g}, higher is {better}"
        row: list[Any] = [
            Paragraph(f"<b>{escape(s.instrument.label)}</b><br/>{escape(about)}", _style("cell"))
        ]
        for d in domains:
            value = s.score(d)
            row.append("—" if value is None else fmt.number(value, 1))
        if overall:
            row.append("—" if s.overall is None else fmt.number(s.overall))
        rows.append(row)
    style = [*_grid(), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    first = 0.3 * width
    rest = (width - first) / (len(head) - 1)
    return _table(rows, [first] + [rest] * (len(head) - 1), style)


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{fmt.number(value, 1).removesuffix('.0')} h"


def _compression(note: Note, width: float) -> list[Flowable]:
    """Garments, bandaging and the arterial check of each compressed leg."""
    c = note.session.compression
    if c is None:
        return []
    out: list[Flowable] = [Paragraph("<b>Compression</b>", _style("sub"))]
    if c.garments:
        heads = ("Garment", "Side", "Class (standard, pressure)", "Knit, fit")
        rows: list[list[Any]] = [
            [
                *(_p(h, "bold") for h in heads),
                _p("Hours asked", "bold_right"),
                _p("Hours worn", "bold_right"),
                _p("Dates", "bold"),
            ]
        ]
        for g in c.garments:
            side = g.side.label if g.side is not None else ("Both" if g.sides else "—")
            make = ", ".join(x.label.lower() for x in (g.knit, g.fit) if x is not None)
            worn = _hours(g.reported_hours_per_day)
            if g.adherence_percent is not None:
                worn += f"\n({fmt.number(g.adherence_percent)} %)"
            dates = []
            if g.fitted_on is not None:
                dates.append(f"fitted {fmt.date(g.fitted_on)}")
            if g.replace_on is not None:
                dates.append(f"replace {fmt.date(g.replace_on)}")
            rows.append(
                [
                    _p(g.kind.label, "cell"),
                    side,
                    _p(g.class_label, "cell"),
                    _p(make or "—", "cell"),
                    _hours(g.prescribed_hours_per_day),
                    worn,
                    _p("; ".join(dates) or "—", "cell"),
                ]
            )
        style = [*_grid(), ("ALIGN", (4, 1), (5, -1), "RIGHT")]
        widths = [f * width for f in (0.13, 0.07, 0.23, 0.14, 0.1, 0.13, 0.2)]
        out.append(_table(rows, widths, style))
    if c.bandaging:
        lines = []
        for b in c.bandaging:
            parts = [b.label]
            if b.layers is not None:
                parts.append(f"{b.layers} layer{'s' * (b.layers != 1)}")
            if b.padding:
                parts.append("padding: " + ", ".join(x.label.lower() for x in b.padding))
            if b.wear_hours is not None:
                parts.append(f"worn {_hours(b.wear_hours)}")
            parts += [x for x in (b.extent, b.product) if x]
            lines.append("; ".join(parts))
        bandages = [Paragraph("<b>Bandaging:</b>", _style("body")), *_bullets(lines)]
        out.append(KeepTogether(bandages))
    day = note.session.start.date()
    checks = []
    for side in sorted(c.sides_of(Limb.LEG), key=lambda s: s.value):
        check = note.client.arterial_check(side, day)
        leg = f"{side.label} leg"
        if check is None:
            checks.append(f"{leg}: no arterial check on file")
            continue
        abpi = f"ABPI {fmt.number(check.abpi, 2)}" if check.abpi is not None else "no ABPI"
        by = f", by {check.checked_by}" if check.checked_by else ""
        when = f"{check.method.label}, {fmt.date(check.checked_on)}{by}"
        checks.append(f"{leg}: {abpi} ({when})")
    if checks:
        title = Paragraph("<b>Arterial check before leg compression:</b>", _style("body"))
        out.append(KeepTogether([title, *_bullets(checks)]))
    if c.notes:
        out.append(_lv("Compression notes", c.notes))
    return out


def _treatment(note: Note, width: float) -> list[Flowable]:
    s = note.session
    rows: list[list[Any]] = [["#", "Region", "Side", "Phase", "Min", "Technique", "Drains to"]]
    style = [*_grid(), ("ALIGN", (0, 0), (0, -1), "RIGHT"), ("ALIGN", (4, 0), (4, -1), "RIGHT")]
    for i, r in enumerate(s.treatment, start=1):
        rows.append(
            [
                str(i),
                _p(r.region.label, "cell"),
                r.side.label if r.side else "—",
                r.phase.label if r.phase else "—",
                str(r.minutes),
                _technique(r),
                _p(r.drains_to.label if r.drains_to else "—", "cell"),
            ]
        )
        if r.phase:
            fill = BLUE_FILL if r.phase is Phase.CLEARING else ORANGE_FILL
            style.append(("BACKGROUND", (3, i), (3, i), fill))
    total = len(rows)
    rows.append(
        [
            "",
            "Total",
            "",
            "",
            fmt.minutes(s.treatment_minutes),
            f"of a {fmt.minutes(s.duration_minutes)} session",
            "",
        ]
    )
    style += [
        ("FONT", (1, total), (4, total), BOLD, 8.5, 10.5),
        ("LINEABOVE", (0, total), (-1, total), 0.8, colors.HexColor("#9aa5b1")),
        ("BACKGROUND", (0, total), (-1, total), colors.HexColor("#f5f7fa")),
    ]
    widths = [f * width for f in (0.04, 0.165, 0.065, 0.13, 0.085, 0.29, 0.225)]
    return [*_heading("Treatment performed"), _table(rows, widths, style)]


def _technique(region: Any) -> Paragraph:
    text = escape(region.technique or "")
    if region.notes:
        text += "<br/>" if text else ""
        text += f'<font size="7.5" color="#52606d"><i>{escape(region.notes)}</i></font>'
    return Paragraph(text, _style("cell"))


#: Where each region sits on the simple figure (x, y, w, h, relative to the figure's box).
_BOXES = {
    "supraclavicular": (0.36, 0.80, 0.10, 0.03),
    "neck": (0.45, 0.82, 0.10, 0.05),
    "axilla": (0.26, 0.68, 0.08, 0.05),
    "groin": (0.36, 0.44, 0.10, 0.04),
    "chest": (0.34, 0.66, 0.14, 0.09),
    "shoulder": (0.22, 0.74, 0.10, 0.05),
    "upper_arm": (0.14, 0.60, 0.08, 0.12),
    "forearm": (0.10, 0.46, 0.08, 0.13),
    "hand": (0.08, 0.38, 0.08, 0.07),
}


def _body_map(note: Note, width: float) -> list[Flowable]:
    regions = [r for r in note.session.treatment if r.phase is not None]
    if not regions:
        return []
    height = 215.0
    d = Drawing(width, height)
    fx, fw, fh = width * 0.3, 120.0, 200.0
    skin, outline = colors.HexColor("#F4F1EC"), colors.HexColor("#4A4A4A")
    d.add(Circle(fx + fw / 2, 180, 14, fillColor=skin, strokeColor=outline))
    d.add(Rect(fx + fw * 0.3, 90, fw * 0.4, 75, fillColor=skin, strokeColor=outline))
    for x in (0.08, 0.78):
        d.add(Rect(fx + fw * x, 85, fw * 0.14, 78, fillColor=skin, strokeColor=outline))
    for x in (0.31, 0.52):
        d.add(Rect(fx + fw * x, 5, fw * 0.17, 84, fillColor=skin, strokeColor=outline))
    d.add(String(fx + fw / 2, 200, "Front", fontName=SANS, fontSize=8, textAnchor="middle"))
    d.add(String(fx, 190, "R", fontName=SANS, fontSize=10))
    d.add(String(fx + fw, 190, "L", fontName=SANS, fontSize=10))
    for r in regions:
        x, y, w, h = _BOXES.get(r.region.value, (0.45, 0.55, 0.1, 0.1))
        if r.side is not None and r.side.value == "left":
            x = 1 - x - w
        fill = (
            colors.HexColor("#8DC0E3") if r.phase is Phase.CLEARING else colors.HexColor("#F6CF7E")
        )
        d.add(Rect(fx + fw * x, fh * y, fw * w, fh * h, fillColor=fill, strokeColor=None))
        if r.drains_to is not None:
            cx, cy = fx + fw * (x + w / 2), fh * (y + h / 2)
            d.add(Line(cx, cy, fx + fw * 0.3, fh * 0.7, strokeColor=colors.black, strokeWidth=0.6))
    d.add(
        Circle(
            fx + fw * 0.68,
            fh * 0.7,
            3,
            fillColor=colors.white,
            strokeColor=colors.HexColor("#A50026"),
        )
    )
    legend = [
        ("Clearing", "#8DC0E3"),
        ("Reabsorption", "#F6CF7E"),
        ("Clearing + reabsorption", "#F6CF7E"),
        ("Working target node", "#009E73"),
        ("Lymph node group", "#FFFFFF"),
        ("Removed node", "#A50026"),
        ("Irradiated node", "#7B3294"),
        ("Drainage direction", "#1F1F1F"),
    ]
    for i, (text, color) in enumerate(legend):
        y = 170 - i * 12
        d.add(
            Polygon(
                [fx + 150, y, fx + 165, y, fx + 165, y + 7, fx + 150, y + 7],
                fillColor=colors.HexColor(color),
                strokeColor=outline,
                strokeWidth=0.4,
            )
        )
        d.add(String(fx + 170, y, text, fontName=SANS, fontSize=6.5))
    d.add(
        String(fx + 150, 170 - 8 * 12, "R / L: client's right / left", fontName=SANS, fontSize=6.5)
    )
    d.initialFontName = SANS
    caption = _p(
        "Sides are the client's: on the front view the client's left is on the viewer's right.",
        "small",
    )
    return [KeepTogether([*_heading("Body map"), d, caption])]


def _findings(findings: Sequence[Finding], width: float) -> list[Flowable]:
    out: list[Flowable] = [*_heading("Findings")]
    if not findings:
        return [*out, _p("The rules engine found nothing to report.", "muted")]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    rows: list[list[Any]] = [["Severity", "Code", f"Finding ({summary})"]]
    style = [*_grid(), ("FONT", (0, 1), (0, -1), BOLD, 8.5, 10.5)]
    ordered = sorted(findings, key=lambda f: ["error", "warning", "info"].index(f.severity.value))
    fills = {"error": RED_FILL, "warning": AMBER_FILL}
    inks = {"error": RED, "warning": AMBER}
    for i, f in enumerate(ordered, start=1):
        level = f.severity.value
        if level in fills:
            style.append(("BACKGROUND", (0, i), (0, i), fills[level]))
        style.append(("TEXTCOLOR", (0, i), (0, i), inks.get(level, MUTED)))
        rows.append(
            [
                f.severity.value.upper(),
                str(f.code),
                Paragraph(
                    f"{escape(f.message)}<br/>"
                    f'<font size="7.5" color="#52606d">at {escape(f.path)}</font>',
                    _style("cell"),
                ),
            ]
        )
    style.append(("BOX", (0, 0), (-1, -1), 1.2, RED if errors else AMBER if warnings else GRID))
    out.append(_table(rows, [0.12 * width, 0.2 * width, 0.68 * width], style))
    return out


def _signature(width: float) -> list[Flowable]:
    text = "DRAFT: this note is not signed. It may still change and is not yet a record of care."
    banner = Table(
        [[Paragraph(f'<font color="#9b1c1c"><b>{escape(text)}</b></font>', _style("cell"))]],
        colWidths=[width],
        hAlign="LEFT",
        style=[
            ("FONT", (0, 0), (-1, -1), SANS, 9),
            ("BACKGROUND", (0, 0), (-1, -1), RED_FILL),
            ("BOX", (0, 0), (-1, -1), 0.6, RED),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ],
    )
    return [*_heading("Signature"), banner]


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """The usual recipe: keep each page's state, write "Page X of Y" when saving."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(SANS, 7.5)
            self.setFillColor(INK)
            self.drawRightString(
                self._pagesize[0] - 16 * mm, 20 * mm - 18, f"Page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()


def render(
    note: Note, findings: Sequence[Finding] | None = None, *, body_map: bool = True
) -> bytes:
    """The note as PDF bytes, written the way one would by hand."""
    register_family()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=27 * mm,
        bottomMargin=20 * mm,
        title=f"SOAP treatment note, {fmt.date(note.session.start)}, {note.client.full_name}",
        author=note.therapist.display_name,
        invariant=True,
        initialFontName=SANS,
    )
    width = doc.width
    practice, client = note.practice, note.client
    address = ", ".join(x.strip() for x in (practice.address or "").splitlines() if x.strip())
    reach = " · ".join(x for x in (practice.phone, practice.email) if x)
    client_line = f"{client.full_name} · born {fmt.date(client.date_of_birth)} · ID {client.id}"

    def page(canvas: Canvas, _: object) -> None:
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#f7e3e3"))
        canvas.translate(w / 2, h / 2)
        canvas.rotate(52)
        canvas.setFont(BOLD, 120)
        canvas.drawCentredString(0, -42, "DRAFT")
        canvas.restoreState()
        top = h - 9 * mm
        canvas.setFont(BOLD, 10.5)
        canvas.setFillColor(INK)
        canvas.drawString(16 * mm, top - 9, practice.name)
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(16 * mm, top - 20, address)
        canvas.drawString(16 * mm, top - 29.5, reach)
        right = w - 16 * mm
        canvas.setFont(BOLD, 10.5)
        canvas.setFillColor(ACCENT)
        canvas.drawRightString(right, top - 9, "SOAP treatment note")
        canvas.setFont(SANS, 8)
        canvas.setFillColor(INK)
        canvas.drawRightString(right, top - 20, client_line)
        canvas.drawRightString(right, top - 29.5, f"Session {fmt.datetime(note.session.start)}")
        canvas.setStrokeColor(colors.HexColor("#9aa5b1"))
        canvas.setLineWidth(0.6)
        canvas.line(16 * mm, h - 27 * mm + 8, right, h - 27 * mm + 8)
        canvas.line(16 * mm, 20 * mm - 8, right, 20 * mm - 8)
        canvas.setFont(SANS, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            16 * mm,
            20 * mm - 18,
            "Confidential health information. Do not disclose without consent.",
        )
        canvas.setFont(BOLD, 7.5)
        canvas.setFillColor(RED)
        canvas.drawString(16 * mm, 20 * mm - 28.5, "DRAFT: not signed")

    story = _client(note, width) + _screening(note, width) + _subjective(note)
    story += _objective(note, width) + _assessment_and_plan(note, width)
    story += _treatment(note, width)
    if body_map:
        story += _body_map(note, width)
    if findings is not None:
        story += _findings(findings, width)
    story += _signature(width)
    doc.build(story, onFirstPage=page, onLaterPages=page, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
