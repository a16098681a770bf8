"""The look of a note: colours, paragraph styles and table styles, in one place.

Calm typography: DejaVu Sans at 9 pt for the body, headings with a thin rule, tables with a
light grid and shaded header rows. Nothing here is configurable at run time; the styles are
built once per process after the bundled fonts are registered.
"""

from __future__ import annotations

import functools

import attrs
from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import TableStyle  # type: ignore[import-untyped, unused-ignore]

from soapnotes.render.fonts import register_family

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
GRID = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4e7eb")
ZEBRA_FILL = colors.HexColor("#f5f7fa")
ACCENT = colors.HexColor("#2c5282")

BLOCK_FILL = colors.HexColor("#fbd5d5")
BLOCK_INK = colors.HexColor("#9b1c1c")
CAUTION_FILL = colors.HexColor("#fdecc8")
CAUTION_INK = colors.HexColor("#8a4b08")
CLEARED_FILL = colors.HexColor("#def7ec")
CLEARED_INK = colors.HexColor("#03543f")

#: Phase tints in the treatment table; the body map uses the same hues.
CLEARING_TINT = colors.HexColor("#d4e7f5")
REABSORPTION_TINT = colors.HexColor("#fcebc4")

WATERMARK = colors.HexColor("#f7e3e3")

BODY_SIZE = 9.0
SMALL_SIZE = 7.5


@attrs.frozen
class Styles:
    """The paragraph styles of a note."""

    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    bullet: ParagraphStyle
    cell_note: ParagraphStyle


@functools.lru_cache(maxsize=1)
def styles() -> Styles:
    """The paragraph styles, built once (registering the bundled fonts on first use)."""
    family = register_family()
    body = ParagraphStyle(
        "body",
        fontName=family,
        bulletFontName=family,
        fontSize=BODY_SIZE,
        leading=12,
        textColor=INK,
        spaceAfter=3,
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=SMALL_SIZE, leading=9.5),
        muted=ParagraphStyle("muted", parent=body, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", parent=cell, textColor=INK),
        cell_head_right=ParagraphStyle("cell_head_right", parent=cell, alignment=TA_RIGHT),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        subheading=ParagraphStyle(
            "subheading", parent=body, fontSize=9.5, leading=12, spaceBefore=4, keepWithNext=1
        ),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=3, spaceAfter=1),
        # The full text of a cell cut short, printed below its table.
        cell_note=ParagraphStyle(
            "cell_note", parent=body, fontSize=8, leading=10, spaceBefore=1, spaceAfter=1.5
        ),
    )


def grid_table_style(*, header_rows: int = 1) -> list[tuple[object, ...]]:
    """Table commands for a data table: light grid, shaded header, cells padded evenly."""
    commands: list[tuple[object, ...]] = [
        # Empty cells are drawn with the table's font too: never reportlab's Helvetica.
        ("FONT", (0, 0), (-1, -1), register_family(), BODY_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
        commands.append(("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, RULE))
    return commands


def key_value_table_style() -> TableStyle:
    """Label/value pairs without a grid: labels muted, a hairline between rows."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), register_family(), BODY_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ]
    )
