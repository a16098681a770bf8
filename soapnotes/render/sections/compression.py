"""Compression beside the plan: garments (class under its standard with its mmHg range),
bandaging, and the arterial check of each compressed leg.

The pressure range comes from :data:`soapnotes.COMPRESSION_CLASSES` through the garment;
the check shown is the latest one on file on or before the session
(:meth:`soapnotes.Client.arterial_check`), as the rules judge it.
"""

from __future__ import annotations

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
)

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.compression import Bandaging, Garment
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Limb
from soapnotes.render import styles as st
from soapnotes.render._blocks import column_widths, data_table
from soapnotes.render._writer import Writer

__all__ = ["bandage_line", "compression", "garment_table"]

_DASH = "—"


def _hours(value: float | None) -> str:
    if value is None:
        return _DASH
    return tr("{hours} h", hours=fmt.number(value, 1).removesuffix(".0").removesuffix(",0"))


def _garment_row(index: int, g: Garment, w: Writer) -> list[object]:
    where = g.side.label if g.side is not None else (tr("Both") if g.sides else _DASH)
    make = ", ".join(x.label.lower() for x in (g.knit, g.fit) if x is not None) or _DASH
    worn = _hours(g.reported_hours_per_day)
    if g.adherence_percent is not None:
        worn += f"\n({fmt.number(g.adherence_percent)} %)"
    dates = []
    if g.fitted_on is not None:
        dates.append(tr("fitted {date}", date=fmt.date(g.fitted_on)))
    if g.replace_on is not None:
        dates.append(tr("replace {date}", date=fmt.date(g.replace_on)))
    return [
        w.cell(g.kind.label),
        w.cell(where),
        w.cell(g.class_label),
        w.cell(make),
        w.cell(_hours(g.prescribed_hours_per_day), right=True),
        w.cell(worn, right=True),
        w.cell("; ".join(dates) or _DASH),
    ]


def garment_table(garments: tuple[Garment, ...], w: Writer) -> Flowable:
    """The garments as a table: kind, side, class with its pressure, knit and fit, hours
    asked and worn, dates (the note and the letter)."""
    rows: list[list[object]] = [
        [
            w.head(tr("Garment")),
            w.head(tr("Side")),
            w.head(tr("Class (standard, pressure)")),
            w.head(tr("Knit, fit")),
            w.head(tr("Hours asked"), right=True),
            w.head(tr("Hours worn"), right=True),
            w.head(tr("Dates")),
        ]
    ]
    rows.extend(_garment_row(i, g, w) for i, g in enumerate(garments, start=1))
    # "Gauche" / "Droite" need a wider side column than "Left" / "Right".
    widths = column_widths(
        w.width, (0.13, 0.07, 0.23, 0.14, 0.1, 0.13, 0.2), (0.13, 0.09, 0.21, 0.14, 0.1, 0.13, 0.2)
    )
    return data_table(rows, widths, st.grid_table_style())


def bandage_line(b: Bandaging) -> str:
    """One bandaging as a line: system, layers, padding, wear, extent, product."""
    parts = [b.label]
    if b.layers is not None:
        parts.append(
            tr("{count} layer", count=b.layers)
            if b.layers == 1
            else tr("{count} layers", count=b.layers)
        )
    if b.padding:
        padding = ", ".join(tr("{padding!l}", padding=p.label) for p in b.padding)
        parts.append(tr("padding: {padding}", padding=padding))
    if b.wear_hours is not None:
        parts.append(tr("worn {hours}", hours=_hours(b.wear_hours)))
    if b.extent:
        parts.append(b.extent)
    if b.product:
        parts.append(b.product)
    return "; ".join(parts)


def _arterial_lines(note: Note) -> list[str]:
    c = note.session.compression
    if c is None:
        return []
    day = note.session.start.date()
    lines = []
    for side in sorted(c.sides_of(Limb.LEG), key=lambda s: s.value):
        check = note.client.arterial_check(side, day)
        leg = tr("{side} {limb!l}", side=side.label, limb=Limb.LEG.label)
        if check is None:
            lines.append(tr("{leg}: no arterial check on file", leg=leg))
            continue
        value = (
            tr("ABPI {value}", value=fmt.number(check.abpi, 2))
            if check.abpi is not None
            else tr("no ABPI")
        )
        by = tr(", by {name}", name=check.checked_by) if check.checked_by else ""
        lines.append(f"{leg}: {value} ({check.method.label}, {fmt.date(check.checked_on)}{by})")
    return lines


def compression(note: Note, w: Writer) -> list[Flowable]:
    """The compression block after the plan, only when recorded."""
    c = note.session.compression
    if c is None:
        return []
    out: list[Flowable] = [w.subheading(tr("Compression"))]
    if c.garments:
        out.append(garment_table(c.garments, w))
    if c.bandaging:
        bandages = w.bullets(bandage_line(b) for b in c.bandaging)
        out.append(KeepTogether([w.para(tr("Bandaging:"), bold=True), *bandages]))
    arterial = _arterial_lines(note)
    if arterial:
        checks = [w.para(tr("Arterial check before leg compression:"), bold=True)]
        out.append(KeepTogether([*checks, *w.bullets(arterial)]))
    if c.notes:
        out.append(w.label_value(tr("Compression notes"), c.notes))
    return out
