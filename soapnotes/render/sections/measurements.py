"""The objective measurements: pitting, and per limb the circumference table and volumes.

Volumes, excess volume, differences and changes come from :mod:`soapnotes.models.limbs`
(:func:`~soapnotes.models.limbs.compare_sides` and its neighbours), the one definition the
rules and the progress report use too; this module only words and lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    Spacer,
)

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.excess import band_words, excess_band, point_spacing
from soapnotes.models.limbs import (
    SideComparison,
    VolumeChange,
    comparable_previous,
    compare_sides,
    excess_reduction_percent,
    left_minus_right_ml,
    volume_changes,
)
from soapnotes.models.measurements import CircumferenceSeries, VolumeFormula
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Limb, Side
from soapnotes.render import styles as st
from soapnotes.render._blocks import data_table
from soapnotes.render._flowables import Table
from soapnotes.render._writer import Writer
from soapnotes.render.sections.measured import method_label
from soapnotes.rules import RuleOptions

__all__ = ["limb_measurements", "pitting_table"]

_DASH = "—"
_DEFAULT_POLICY = RuleOptions()


def pitting_table(note: Note, w: Writer) -> Flowable:
    """Pitting edema per site: grade, depth, rebound time and location.

    Long locations are cut short (:meth:`Writer.fit`): add ``w.cell_notes()`` after it.
    """
    rows: list[list[object]] = [
        [
            w.head(tr("Pitting edema")),
            w.head(tr("Grade"), right=True),
            w.head(tr("Depth"), right=True),
            w.head(tr("Rebound"), right=True),
            w.head(tr("Location")),
        ]
    ]
    for index, p in enumerate(note.session.objective.pitting, start=1):
        depth = f"{fmt.number(p.depth_mm, 1)} mm" if p.depth_mm is not None else _DASH
        rebound = f"{fmt.number(p.rebound_s)} s" if p.rebound_s is not None else _DASH
        rows.append(
            [
                w.cell(tr("{side} {limb!l}", side=p.side.label, limb=p.limb.label)),
                w.cell(p.grade_label, right=True),
                w.cell(depth, right=True),
                w.cell(rebound, right=True),
                w.cell(
                    w.fit(p.location or "", tr("Pitting row {number}, location", number=index))
                ),
            ]
        )
    widths = [0.2 * w.width, 0.1 * w.width, 0.12 * w.width, 0.12 * w.width, 0.46 * w.width]
    return data_table(rows, widths, st.grid_table_style())


def _points_words(series: CircumferenceSeries) -> str:
    """What was measured: 'every 4 cm' or '6 points, unevenly spaced'."""
    spacing = point_spacing(series)
    if spacing is not None:
        every = fmt.number(spacing, 1).removesuffix(".0").removesuffix(",0")
        return tr("every {interval} cm", interval=every)
    return tr("{count} points, unevenly spaced", count=len(series.points))


def _range_words(series: CircumferenceSeries) -> str:
    """The measured range: 'wrist 0-40 cm'."""
    first, last = series.points[0].distance_cm, series.points[-1].distance_cm
    return tr(
        "{landmark!l} {first}-{last} cm",
        landmark=series.landmark.label,
        first=f"{first:g}",
        last=f"{last:g}",
    )


def _title(limb: Limb, by_side: dict[Side, CircumferenceSeries]) -> str:
    """The heading: the method and the points actually measured, per side when they differ."""
    first = next(iter(by_side.values()))
    if first.method is VolumeFormula.DISK:  # the disks are the points: evenly spaced
        return tr(
            "{limb} circumference and volume ({method})",
            limb=limb.label,
            method=method_label(first),
        )
    described = {side: f"{_points_words(s)}, {_range_words(s)}" for side, s in by_side.items()}
    if len(set(described.values())) == 1:
        points = next(iter(described.values()))
    else:
        points = "; ".join(
            tr("{side!l} {points}", side=side.label, points=words)
            for side, words in described.items()
        )
    return tr(
        "{limb} circumference and volume (frustum method, {points})",
        limb=limb.label,
        points=points,
    )


def limb_measurements(
    note: Note,
    limb: Limb,
    series: Sequence[CircumferenceSeries],
    w: Writer,
    policy: RuleOptions | None = None,
) -> list[Flowable]:
    """One limb: circumference table (with the previous session's), volumes, excess with its
    severity band (the bands of ``policy``), and the changes since the previous series."""
    o = note.session.objective
    by_side = {s.side: s for s in sorted(series, key=lambda s: s.side.value)}
    earlier = o.previous.circumferences if o.previous is not None else ()
    previous = comparable_previous(series, earlier, limb)
    changes = volume_changes(series, earlier, limb)
    since = fmt.date(o.previous.measured_on) if o.previous is not None else ""
    table = _circumference_table(w, by_side, previous, {c.side: c for c in changes}, since)

    out: list[Flowable] = [w.subheading(_title(limb, by_side)), table, Spacer(1, 4)]
    now = compare_sides(note.client, series, limb)
    before = compare_sides(note.client, tuple(previous.values()), limb)
    bands = (policy or _DEFAULT_POLICY).excess_volume_bands
    rows = _excess_rows(now, before, limb, since, bands)
    rows += [_change_row(change, limb, since) for change in changes]
    if rows:
        out.append(_summary_table(w, rows))
    return out


#: A column of the circumference table: heading, the series it shows, and whether it shows
#: the change of that series since the previous one instead of its values.
_Column = tuple[str, CircumferenceSeries, bool]


def _circumference_table(
    w: Writer,
    by_side: dict[Side, CircumferenceSeries],
    previous: dict[Side, CircumferenceSeries],
    changes: dict[Side, VolumeChange],
    since: str,
) -> Table:
    """Distance from the landmark down, a column per series (and its change), then volumes."""
    columns: list[_Column] = []
    for side, current in by_side.items():
        columns.append((tr("{side} (cm)", side=side.label), current, False))
        if side in previous:
            dated = tr("{side}, {date} (cm)", side=side.label, date=since)
            columns.append((dated, previous[side], False))
            columns.append((tr("{side} change (cm)", side=side.label), current, True))

    landmark = next(iter(by_side.values())).landmark.label
    header = [w.head(tr("From {landmark!l} (cm)", landmark=landmark), right=True)]
    header += [w.head(title, right=True) for title, _, _ in columns]
    rows: list[list[object]] = [header]
    distances = sorted({p.distance_cm for s in by_side.values() for p in s.points})
    for distance in distances:
        row: list[object] = [w.cell(f"{distance:g}", right=True)]
        for _, s, is_delta in columns:
            earlier = previous[s.side] if is_delta else None
            row.append(w.cell(_circumference_text(s, earlier, distance), right=True))
        rows.append(row)
    ranges = {_range_words(s) for s in by_side.values()}
    label = tr("Volume, {range}", range=ranges.pop()) if len(ranges) == 1 else tr("Volume")
    volume_row: list[object] = [w.cell(label, right=True, bold=True)]
    for _, s, is_delta in columns:
        text = _signed_ml(changes[s.side].change_ml) if is_delta else fmt.ml(s.volume_ml)
        volume_row.append(w.cell(text, right=True, bold=True))
    rows.append(volume_row)

    commands = st.grid_table_style()
    last = len(rows) - 1
    commands.append(("LINEABOVE", (0, last), (-1, last), 0.8, st.RULE))
    commands.append(("BACKGROUND", (0, last), (-1, last), st.ZEBRA_FILL))
    first_w = 0.16 * w.width
    other_w = min(0.16 * w.width, (w.width - first_w) / max(1, len(columns)))
    return data_table(rows, [first_w] + [other_w] * len(columns), commands)


def _circumference_text(
    series: CircumferenceSeries, earlier: CircumferenceSeries | None, distance: float
) -> str:
    """The circumference at ``distance``, or its change since ``earlier`` when given."""
    point = _point_at(series, distance)
    if earlier is None:
        return fmt.cm(point) if point is not None else _DASH
    before = _point_at(earlier, distance)
    if point is None or before is None:
        return _DASH
    return fmt.signed(point - before, 1)


def _point_at(series: CircumferenceSeries, distance: float) -> float | None:
    for point in series.points:
        if point.distance_cm == distance:
            return point.circumference_cm
    return None


def _signed_ml(value: float) -> str:
    return f"{fmt.signed(value)} mL"


def _limb_of(side: Side, limb: Limb) -> str:
    """'left arm' ('Arm links'): a side's limb inside a label."""
    return tr("{side!l} {limb!l}", side=side.label, limb=limb.label)


def _excess_rows(
    now: SideComparison,
    before: SideComparison,
    limb: Limb,
    since: str,
    bands: tuple[float, float, float],
) -> list[tuple[str, str]]:
    """Excess volume with its severity band (and its change and reduction since last time)
    for swelling on one side; else why there is none, or the plain left - right difference
    when neither side is swollen."""
    if now.both_measured and not now.comparable:
        return [(tr("Excess volume"), tr("not computed: sides measured at different points"))]
    if not now.comparable:
        return []
    excess = now.excess
    if excess is None and len(now.swollen) == 2:
        return [(tr("Excess volume"), tr("not computed: both sides affected, no reference limb"))]
    if excess is None:
        difference = left_minus_right_ml(now)
        if difference is None:  # pragma: no cover - both sides compare here
            return []
        label = tr("Difference, left - right {limb!l}", limb=limb.label)
        return [(label, _signed_ml(difference))]
    rows = [
        (
            tr("Excess volume, {limb}", limb=_limb_of(excess.affected, limb)),
            fmt.ml(excess.excess_ml),
        ),
        (
            tr("Excess volume, % of {limb}", limb=_limb_of(excess.reference, limb)),
            fmt.percent(excess.excess_percent),
        ),
        (
            tr("Severity (ISL 2020 bands)"),
            band_words(excess_band(excess.excess_percent, bands), bands),
        ),
    ]
    if before.excess is not None:
        reduction = excess_reduction_percent(before.excess, excess)
        change = excess.excess_ml - before.excess.excess_ml
        points = excess.excess_percent - before.excess.excess_percent
        rows.append(
            (
                tr("Change of excess volume since {date}", date=since),
                tr(
                    "{change} ({points} percentage points)",
                    change=_signed_ml(change),
                    points=fmt.signed(points, 1),
                ),
            )
        )
        rows.append(
            (
                tr("Reduction of excess volume since {date}", date=since),
                tr("not defined: no excess volume then")
                if reduction is None
                else fmt.percent(reduction),
            )
        )
    return rows


def _change_row(change: VolumeChange, limb: Limb, since: str) -> tuple[str, str]:
    percent = fmt.percent(change.change_percent)
    if round(change.change_percent, 1) > 0:
        percent = "+" + percent
    return (
        tr("Volume change, {limb}, since {date}", limb=_limb_of(change.side, limb), date=since),
        f"{_signed_ml(change.change_ml)} ({percent})",
    )


def _summary_table(w: Writer, rows: Sequence[tuple[str, str]]) -> Table:
    cells = [[w.cell(label), w.cell(value, right=True, bold=True)] for label, value in rows]
    table = Table(cells, colWidths=[0.42 * w.width, 0.28 * w.width], hAlign="LEFT")
    table.setStyle(st.key_value_table_style())
    return table
