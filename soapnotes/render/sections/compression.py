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
from soapnotes.models.compression import Bandaging, Garment
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Limb
from soapnotes.render import styles as st
from soapnotes.render._blocks import data_table
from soapnotes.render._writer import Writer

__all__ = ["bandage_line", "compression", "garment_table"]

_DASH = "—"


def _hours(value: float | None) -> str:
    return _DASH if value is None else f"{fmt.number(value, 1).removesuffix('.0')} h"


def _garment_row(index: int, g: Garment, w: Writer) -> list[object]:
    where = g.side.label if g.side is not None else ("Both" if g.sides else _DASH)
    make = ", ".join(x.label.lower() for x in (g.knit, g.fit) if x is not None) or _DASH
    worn = _hours(g.reported_hours_per_day)
    if g.adherence_percent is not None:
        worn += f"\n({fmt.number(g.adherence_percent)} %)"
    dates = []
    if g.fitted_on is not None:
        dates.append(f"fitted {fmt.date(g.fitted_on)}")
    if g.replace_on is not None:
        dates.append(f"replace {fmt.date(g.replace_on)}")
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
            w.head("Garment"),
            w.head("Side"),
            w.head("Class (standard, pressure)"),
            w.head("Knit, fit"),
            w.head("Hours asked", right=True),
            w.head("Hours worn", right=True),
            w.head("Dates"),
        ]
    ]
    rows.extend(_garment_row(i, g, w) for i, g in enumerate(garments, start=1))
    shares = (0.13, 0.07, 0.23, 0.14, 0.1, 0.13, 0.2)
    return data_table(rows, [s * w.width for s in shares], st.grid_table_style())


def bandage_line(b: Bandaging) -> str:
    """One bandaging as a line: system, layers, padding, wear, extent, product."""
    parts = [b.label]
    if b.layers is not None:
        parts.append(f"{b.layers} layer{'s' if b.layers != 1 else ''}")
    if b.padding:
        parts.append("padding: " + ", ".join(p.label.lower() for p in b.padding))
    if b.wear_hours is not None:
        parts.append(f"worn {_hours(b.wear_hours)}")
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
        leg = f"{side.label} leg"
        if check is None:
            lines.append(f"{leg}: no arterial check on file")
            continue
        value = f"ABPI {check.abpi:.2f}" if check.abpi is not None else "no ABPI"
        by = f", by {check.checked_by}" if check.checked_by else ""
        lines.append(f"{leg}: {value} ({check.method.label}, {fmt.date(check.checked_on)}{by})")
    return lines


def compression(note: Note, w: Writer) -> list[Flowable]:
    """The compression block after the plan, only when recorded."""
    c = note.session.compression
    if c is None:
        return []
    out: list[Flowable] = [w.subheading("Compression")]
    if c.garments:
        out.append(garment_table(c.garments, w))
    if c.bandaging:
        bandages = w.bullets(bandage_line(b) for b in c.bandaging)
        out.append(KeepTogether([w.para("Bandaging:", bold=True), *bandages]))
    arterial = _arterial_lines(note)
    if arterial:
        checks = [w.para("Arterial check before leg compression:", bold=True)]
        out.append(KeepTogether([*checks, *w.bullets(arterial)]))
    if c.notes:
        out.append(w.label_value("Compression notes", c.notes))
    return out
