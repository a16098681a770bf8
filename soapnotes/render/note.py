"""The sections of a treatment note, one small flowable-producing function each.

Every piece of record text becomes a paragraph through :class:`Writer`, which calls
:func:`soapnotes.render._text.paragraph_markup` and remembers the characters no font covers.
The only markup written here is constant: ``<br/>`` and ``<font size/color>`` around
already-escaped text.

Table rows cannot split across pages, so record text in a table cell goes through
:meth:`Writer.fit` first: text longer than :data:`CELL_MAX_CHARS` characters or
:data:`CELL_MAX_LINES` lines is cut short in the cell with "… see note (N)", and the whole text
follows the table as note (N) (:meth:`Writer.cell_notes`), where it can run over pages.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from soapnotes import _format as fmt
from soapnotes.models.client import ScreeningAnswer
from soapnotes.models.measurements import (
    CircumferenceSeries,
    excess_volume_ml,
    excess_volume_percent,
    excess_volume_reduction_percent,
    volume_change_percent,
)
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import (
    NECK_CONTRAINDICATIONS,
    Answer,
    ContraindicationClass,
    Limb,
    NodeState,
    Phase,
    Side,
)
from soapnotes.render import styles as st
from soapnotes.render._blocks import banner, condition_line, data_table, findings_box, kv_table
from soapnotes.render._verification import SignatureCheck
from soapnotes.render._writer import KeepHeadingWithContent, Writer, colored, small

__all__ = [
    "KeepHeadingWithContent",
    "Writer",
    "addenda",
    "assessment",
    "body_map",
    "client_and_session",
    "findings_box",
    "objective",
    "plan",
    "screening",
    "signature",
    "subjective",
    "treatment",
]


# -- client and session ----------------------------------------------------------------------


def client_and_session(note: Note, w: Writer) -> list[Flowable]:
    """Client, session and therapist; conditions with ISL stage; removed or irradiated nodes."""
    client, session, therapist = note.client, note.session, note.therapist
    session_day = session.start.date()
    born = fmt.date(client.date_of_birth)
    pairs = [
        ("Client", client.full_name),
        ("Therapist", therapist.display_name),
        ("Client ID", client.id),
        ("Licence", therapist.licence_number or "not recorded"),
        ("Date of birth", f"{born} (age {fmt.age_on(client.date_of_birth, session_day)})"),
        ("Modality", session.modality.label),
        ("Sex", client.sex.label if client.sex else "not recorded"),
        ("Duration", fmt.minutes(session.duration_minutes)),
        ("Session", f"{fmt.datetime(session.start)} ({session.id})"),
        ("CDT phase", _cdt_label(note)),
    ]
    if client.consent is not None:
        consent = client.consent
        scope = f": {consent.scope}" if consent.scope else ""
        pairs.append(("Consent", f"given by {consent.given_by} on {fmt.date(consent.given_on)}"))
        pairs.append(("Consent scope", scope[2:] if scope else "not recorded"))
    else:
        pairs.append(("Consent", "none on file"))
    out: list[Flowable] = [w.heading("Client and session"), kv_table(w, pairs)]
    out.extend(w.cell_notes())

    detail: list[tuple[str, str]] = []
    if client.conditions:
        detail.append(("Conditions", "\n".join(condition_line(c) for c in client.conditions)))
    nodes = [n for n in client.node_status if n.state is not NodeState.WORKING]
    if nodes:
        lines = []
        for status in nodes:
            side = f"{status.side.label} " if status.side else ""
            line = f"{side}{status.group.value} nodes: {status.state.value}"
            if status.since:
                line += f" since {fmt.date(status.since)}"
            if status.procedure:
                line += f" ({status.procedure})"
            lines.append(line[0].upper() + line[1:])
        detail.append(("Node groups", "\n".join(lines)))
    else:
        detail.append(("Node groups", "none recorded as removed or irradiated"))
    out.append(Spacer(1, 3))
    out.append(kv_table(w, detail, columns=1))
    out.extend(w.cell_notes())
    return out


def _cdt_label(note: Note) -> str:
    phase = note.session.cdt_phase
    if phase is None:
        return "not in CDT"
    return f"{phase.label} (phase {1 if phase.value == 'intensive' else 2})"


# -- contraindication screen -------------------------------------------------------------


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
        question = w.join(
            [
                w.markup(answer.question.label),
                " ",
                small(w.markup(f"({answer.question.contraindication_class.value})")),
            ],
            w.styles.cell,
        )
        rows.append(
            [
                question,
                w.cell(answer.answer.label, bold=answer.answer is not Answer.NO),
                w.cell(w.fit(answer.detail or "", f"{answer.question.label}, detail")),
                w.join(
                    [
                        colored(
                            w.markup(
                                w.fit(status, f"{answer.question.label}, clearance"),
                                bold=fill is not None,
                            ),
                            ink,
                        )
                    ],
                    w.styles.cell,
                ),
            ]
        )
        if fill is not None:
            commands.append(("BACKGROUND", (3, index), (3, index), fill))
            commands.append(("BACKGROUND", (1, index), (1, index), fill))
    out.append(data_table(rows, widths, commands))
    out.extend(w.cell_notes())
    return out


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


# -- S, O, A, P ----------------------------------------------------------------------------


def subjective(note: Note, w: Writer) -> list[Flowable]:
    """S: complaint, pain, symptoms, how the client felt after the last session, notes."""
    s = note.session.subjective
    out: list[Flowable] = [
        w.heading("S: Subjective"),
        w.label_value("Chief complaint", s.chief_complaint),
    ]
    if s.pain is not None:
        out.append(w.label_value("Pain (0-10)", f"{s.pain}/10"))
    if s.symptoms:
        out.append(w.para("Symptoms:", bold=True))
        out.extend(w.bullets(s.symptoms))
    if s.after_effects:
        lines = []
        for effect in s.after_effects:
            line = effect.kind.label
            if effect.description:
                line += f": {effect.description}"
            if effect.duration_hours is not None:
                line += f", lasted {fmt.number(effect.duration_hours, 1).removesuffix('.0')} h"
            lines.append(line)
        out.append(w.para("After the previous session:", bold=True))
        out.extend(w.bullets(lines))
    if s.notes:
        out.append(w.label_value("Notes", s.notes))
    return out


def objective(note: Note, w: Writer) -> list[Flowable]:
    """O: observations, skin, Stemmer sign, pitting and the limb measurements."""
    o = note.session.objective
    out: list[Flowable] = [w.heading("O: Objective")]
    if o.observations:
        out.append(w.para(o.observations))
    if o.skin:
        out.append(w.para("Skin:", bold=True))
        out.extend(w.bullets(o.skin))
    if o.stemmer:
        signs = []
        for sign in o.stemmer:
            text = f"{sign.side.label} {sign.limb.label.lower()}: {sign.result.value}"
            if sign.grade is not None:
                text += f" (grade {sign.grade})"
            signs.append(text)
        out.append(w.label_value("Stemmer sign", "; ".join(signs)))
    if o.pitting:
        out.append(_pitting_table(note, w))
        out.extend(w.cell_notes())
    for limb in Limb:
        series = [s for s in o.circumferences if s.limb is limb]
        if series:
            out.extend(_limb_measurements(note, limb, series, w))
    if len(out) == 1:
        out.append(w.para("Nothing recorded.", w.styles.muted))
    return out


def _pitting_table(note: Note, w: Writer) -> Flowable:
    rows: list[list[object]] = [
        [
            w.head("Pitting edema"),
            w.head("Grade", right=True),
            w.head("Depth", right=True),
            w.head("Rebound", right=True),
            w.head("Location"),
        ]
    ]
    for index, p in enumerate(note.session.objective.pitting, start=1):
        rows.append(
            [
                w.cell(f"{p.side.label} {p.limb.label.lower()}"),
                w.cell(p.grade_label, right=True),
                w.cell(
                    f"{fmt.number(p.depth_mm, 1)} mm" if p.depth_mm is not None else "—",
                    right=True,
                ),
                w.cell(
                    f"{fmt.number(p.rebound_s)} s" if p.rebound_s is not None else "—", right=True
                ),
                w.cell(w.fit(p.location or "", f"Pitting row {index}, location")),
            ]
        )
    widths = [0.2 * w.width, 0.1 * w.width, 0.12 * w.width, 0.12 * w.width, 0.46 * w.width]
    return data_table(rows, widths, st.grid_table_style())


def _affected_sides(note: Note, limb: Limb) -> frozenset[Side] | None:
    """Sides of ``limb`` with a swelling condition, or None when no condition says."""
    return note.client.swollen_sides(limb) or None


def _limb_measurements(
    note: Note, limb: Limb, series: list[CircumferenceSeries], w: Writer
) -> list[Flowable]:
    """One limb: circumference table (with the previous session's), volumes, excess, change."""
    o = note.session.objective
    by_side = {s.side: s for s in sorted(series, key=lambda s: s.side.value)}
    previous = {}
    if o.previous is not None:
        for old in o.previous.circumferences:
            current = by_side.get(old.side)
            if old.limb is limb and current is not None and current.comparable_with(old):
                previous[old.side] = old
    since = fmt.date(o.previous.measured_on) if o.previous is not None else ""
    landmark = next(iter(by_side.values())).landmark.label.lower()

    columns: list[tuple[str, CircumferenceSeries, bool]] = []  # (heading, series, is_delta)
    for side, current in by_side.items():
        columns.append((f"{side.label} (cm)", current, False))
        if side in previous:
            columns.append((f"{side.label}, {since} (cm)", previous[side], False))
            columns.append((f"{side.label} change (cm)", current, True))

    distances = sorted({p.distance_cm for s in by_side.values() for p in s.points})
    header = [w.head(f"From {landmark} (cm)", right=True)] + [
        w.head(title, right=True) for title, _, _ in columns
    ]
    rows: list[list[object]] = [header]
    for distance in distances:
        row: list[object] = [w.cell(f"{distance:g}", right=True)]
        for _, s, is_delta in columns:
            point = _point_at(s, distance)
            if is_delta:
                before = _point_at(previous[s.side], distance)
                ok = point is not None and before is not None
                text = fmt.signed(point - before, 1) if ok else "—"  # type: ignore[operator]
            else:
                text = fmt.cm(point) if point is not None else "—"
            row.append(w.cell(text, right=True))
        rows.append(row)
    volume_row: list[object] = [w.cell("Volume", right=True, bold=True)]
    for _, s, is_delta in columns:
        value = s.volume_ml - previous[s.side].volume_ml if is_delta else s.volume_ml
        text = f"{fmt.signed(value)} mL" if is_delta else fmt.ml(value)
        volume_row.append(w.cell(text, right=True, bold=True))
    rows.append(volume_row)

    commands = st.grid_table_style()
    last = len(rows) - 1
    commands.append(("LINEABOVE", (0, last), (-1, last), 0.8, st.RULE))
    commands.append(("BACKGROUND", (0, last), (-1, last), st.ZEBRA_FILL))
    first_w = 0.16 * w.width
    other_w = min(0.16 * w.width, (w.width - first_w) / max(1, len(columns)))
    table = data_table(rows, [first_w] + [other_w] * len(columns), commands)

    title = f"{limb.label} circumference and volume (frustum method, every "
    title += f"{fmt.number(next(iter(by_side.values())).interval_cm, 1).removesuffix('.0')} cm)"
    out: list[Flowable] = [w.subheading(title), table, Spacer(1, 4)]
    summary = _volume_summary(note, limb, by_side, previous, since, w)
    if summary:
        out.append(summary)
    return out


def _point_at(series: CircumferenceSeries, distance: float) -> float | None:
    for point in series.points:
        if point.distance_cm == distance:
            return point.circumference_cm
    return None


def _volume_summary(
    note: Note,
    limb: Limb,
    by_side: dict[Side, CircumferenceSeries],
    previous: dict[Side, CircumferenceSeries],
    since: str,
    w: Writer,
) -> Flowable | None:
    """Excess volume (or % change for edema on both sides) and the change since last time."""
    name = limb.label.lower()
    rows: list[tuple[str, str]] = []
    affected = _affected_sides(note, limb)
    left, right = by_side.get(Side.LEFT), by_side.get(Side.RIGHT)
    both_measured = left is not None and right is not None
    comparable = (
        both_measured and left is not None and right is not None and left.comparable_with(right)
    )
    if both_measured and not comparable:
        rows.append(("Excess volume", "not computed: sides measured at different points"))
    elif comparable and affected is not None and len(affected) == 1:
        (side,) = affected
        ref = Side.RIGHT if side is Side.LEFT else Side.LEFT
        v_aff, v_ref = by_side[side].volume_ml, by_side[ref].volume_ml
        rows.append(
            (f"Excess volume, {side.label.lower()} {name}", fmt.ml(excess_volume_ml(v_aff, v_ref)))
        )
        rows.append(
            (
                f"Excess volume, % of {ref.label.lower()} {name}",
                fmt.percent(excess_volume_percent(v_aff, v_ref)),
            )
        )
        if side in previous and ref in previous:
            base = excess_volume_ml(previous[side].volume_ml, previous[ref].volume_ml)
            reduction = excess_volume_reduction_percent(base, excess_volume_ml(v_aff, v_ref))
            rows.append(
                (
                    f"Reduction of excess volume since {since}",
                    "not defined: no excess volume then"
                    if reduction is None
                    else fmt.percent(reduction),
                )
            )
    elif comparable and affected is not None and len(affected) == 2:
        rows.append(("Excess volume", "not computed: both sides affected, no reference limb"))
    elif comparable and left is not None and right is not None:
        rows.append(
            (
                f"Difference, left - right {name}",
                f"{fmt.signed(left.volume_ml - right.volume_ml)} mL",
            )
        )
    for side, old in previous.items():
        change = by_side[side].volume_ml - old.volume_ml
        percent = volume_change_percent(old.volume_ml, by_side[side].volume_ml)
        rows.append(
            (
                f"Volume change, {side.label.lower()} {name}, since {since}",
                f"{fmt.signed(change)} mL ({fmt.signed(percent, 1)} %)",
            )
        )
    if not rows:
        return None
    cells = [[w.cell(label), w.cell(value, right=True, bold=True)] for label, value in rows]
    table = Table(cells, colWidths=[0.42 * w.width, 0.28 * w.width], hAlign="LEFT")
    table.setStyle(st.key_value_table_style())
    return table


def assessment(note: Note, w: Writer) -> list[Flowable]:
    """A: the therapist's judgement, the response to treatment, progress against goals."""
    a = note.session.assessment
    out: list[Flowable] = [w.heading("A: Assessment"), w.para(a.summary)]
    if a.response is not None:
        out.append(w.label_value("Response to treatment", a.response.label))
    if a.goals_progress:
        out.append(w.label_value("Goals and progress", a.goals_progress))
    return out


def plan(note: Note, w: Writer) -> list[Flowable]:
    """P: frequency, next session, home care, referrals."""
    p = note.session.plan
    out: list[Flowable] = [w.heading("P: Plan")]
    if p.frequency:
        out.append(w.label_value("Frequency", p.frequency))
    if p.next_session:
        out.append(w.label_value("Next session", fmt.date(p.next_session)))
    if p.home_care:
        out.append(w.para("Home care:", bold=True))
        out.extend(
            w.bullets(
                f"{item.kind.label}: {item.detail}" if item.detail else item.kind.label
                for item in p.home_care
            )
        )
    if p.referrals:
        out.append(w.para("Referrals:", bold=True))
        out.extend(w.bullets(f"{r.to}: {r.reason}" for r in p.referrals))
    if p.notes:
        out.append(w.label_value("Notes", p.notes))
    if len(out) == 1:
        out.append(w.para("Nothing recorded.", w.styles.muted))
    return out


# -- treatment performed -------------------------------------------------------------------

_PHASE_TINT = {Phase.CLEARING: st.CLEARING_TINT, Phase.REABSORPTION: st.REABSORPTION_TINT}


def treatment(note: Note, w: Writer) -> list[Flowable]:
    """The treated regions in the order given, with phase tints and the total minutes."""
    session = note.session
    out: list[Flowable] = [w.heading("Treatment performed")]
    if not session.treatment:
        out.append(w.para("No regions recorded.", w.styles.muted))
        return out
    rows: list[list[object]] = [
        [
            w.head("#", right=True),
            w.head("Region"),
            w.head("Side"),
            w.head("Phase"),
            w.head("Min", right=True),
            w.head("Technique"),
            w.head("Drains to"),
        ]
    ]
    commands = st.grid_table_style()
    for index, region in enumerate(session.treatment, start=1):
        technique = [
            w.markup(
                w.fit(
                    region.technique or "",
                    f"Treatment row {index} ({region.region.label}), technique",
                )
            )
        ]
        if region.notes:
            technique += [
                "<br/>" if region.technique else "",
                small(
                    w.markup(
                        w.fit(
                            region.notes, f"Treatment row {index} ({region.region.label}), notes"
                        ),
                        italic=True,
                    )
                ),
            ]
        rows.append(
            [
                w.cell(str(index), right=True),
                w.cell(region.region.label),
                w.cell(region.side.label if region.side else "—"),
                w.cell(region.phase.label if region.phase else "—"),
                w.cell(str(region.minutes), right=True),
                w.join(technique, w.styles.cell),
                w.cell(region.drains_to.label if region.drains_to else "—"),
            ]
        )
        if region.phase is not None:
            commands.append(("BACKGROUND", (3, index), (3, index), _PHASE_TINT[region.phase]))
    total = len(rows)
    rows.append(
        [
            "",
            w.cell("Total", bold=True),
            "",
            "",
            w.cell(fmt.minutes(session.treatment_minutes), right=True, bold=True),
            w.cell(f"of a {fmt.minutes(session.duration_minutes)} session"),
            "",
        ]
    )
    commands.append(("LINEABOVE", (0, total), (-1, total), 0.8, st.RULE))
    commands.append(("BACKGROUND", (0, total), (-1, total), st.ZEBRA_FILL))
    fractions = [0.04, 0.165, 0.065, 0.13, 0.085, 0.29, 0.225]
    out.append(data_table(rows, [f * w.width for f in fractions], commands))
    out.extend(w.cell_notes())
    return out


# -- body map ------------------------------------------------------------------------------

#: Height of the body map in points; the width is the text width.
BODY_MAP_HEIGHT = 215.0


def body_map(note: Note, w: Writer) -> list[Flowable]:
    """Front (and back) outline with treated regions shaded by phase, arrows to their nodes.

    Only constant wording of the body map module is drawn as text. Sessions without MLD
    phases and without removed or irradiated nodes get no body map.
    """
    from soapnotes.render.bodymap import MapNode, MapRegion, draw_body_map
    from soapnotes.render.fonts import family_font_name

    regions = [
        MapRegion(
            region=r.region,
            side=r.side,
            phase=r.phase,
            drains_to=(r.drains_to.group, r.drains_to.side) if r.drains_to else None,
        )
        for r in note.session.treatment
        if r.phase is not None
    ]
    nodes = [
        MapNode(group=n.group, side=n.side, state=n.state)
        for n in note.client.node_status
        if n.state is not NodeState.WORKING
    ]
    if not regions and not nodes:
        return []
    drawing = draw_body_map(
        regions, nodes, width=w.width, height=BODY_MAP_HEIGHT, font_name=family_font_name()
    )
    # Otherwise the drawing opens with reportlab's default Helvetica, an unembedded font.
    drawing.initialFontName = family_font_name()
    caption = w.para(
        "Sides are the client's: on the front view the client's left is on the viewer's right.",
        w.styles.small,
    )
    return [KeepTogether([w.heading("Body map"), drawing, caption])]


def signature(note: Note, w: Writer, check: SignatureCheck | None) -> list[Flowable]:
    """Who signed, with what credential and when; or a clear DRAFT notice.

    A signed note that does not verify (``check``, from the entry point) gets a red warning
    above a red signature table instead of the green one.
    """
    out: list[Flowable] = [w.heading("Signature")]
    sig = note.signature
    if sig is None:
        out.append(
            banner(
                w,
                "DRAFT: this note is not signed. It may still change and is not yet a "
                "record of care.",
                True,
            )
        )
        return out
    failed = check if check is not None and not check.ok else None
    rows = [
        ("Signed by", sig.signed_by),
        ("Credential", sig.credential),
        ("Signed at", fmt.datetime(sig.signed_at)),
        ("Content SHA-256", sig.content_sha256),
    ]
    cells = [[w.para(k, w.styles.cell, bold=True), w.cell(w.fit(v, k))] for k, v in rows]
    if failed is not None:
        cells.append(
            [
                w.para("Verification", w.styles.cell, bold=True),
                w.join(
                    [colored(w.markup("\n".join(failed.details), bold=True), st.BLOCK_INK)],
                    w.styles.cell,
                ),
            ]
        )
    ink, fill = (
        (st.CLEARED_INK, st.CLEARED_FILL) if failed is None else (st.BLOCK_INK, st.BLOCK_FILL)
    )
    table = Table(cells, colWidths=[0.2 * w.width, 0.8 * w.width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.styles().body.fontName, st.BODY_SIZE),
                ("BOX", (0, 0), (-1, -1), 0.8 if failed is None else 1.2, ink),
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    # The heading goes inside: platypus never bundles a keepWithNext heading with a
    # KeepTogether, so outside it could be left alone at the foot of a page.
    block: list[Flowable] = [out.pop()]
    if failed is not None:
        block += [banner(w, failed.headline, True), Spacer(1, 3)]
    out.append(KeepTogether([*block, table]))
    out.extend(w.cell_notes())
    return out


def addenda(note: Note, w: Writer) -> list[Flowable]:
    """Addenda after the note, oldest first: author, time, reason, text."""
    if not note.addenda:
        return []
    out: list[Flowable] = [w.heading("Addenda")]
    for number, addendum in enumerate(note.addenda, start=1):
        block: list[Flowable] = [
            w.subheading(f"Addendum {number}: {fmt.datetime(addendum.written_at)}"),
            w.label_value("Author", addendum.author),
            w.label_value("Reason", addendum.reason),
            w.para(addendum.text),
            w.join([small(w.markup(f"Chain SHA-256 {addendum.chain_sha256}"))], w.styles.body),
        ]
        out.extend(block)
    return out
