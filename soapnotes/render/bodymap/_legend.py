"""The legend: a key symbol and a constant label per mark, in one or two columns."""

from __future__ import annotations

import math
from typing import Any, Final

import attrs
from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Group,
    String,
)
from reportlab.pdfbase.pdfmetrics import (  # type: ignore[import-untyped, unused-ignore]
    stringWidth,
)

from soapnotes.i18n import gettext as tr
from soapnotes.models.vocabulary import NodeState, Phase
from soapnotes.render.bodymap._kept import Make, build
from soapnotes.render.bodymap._marks import arrow_group, node_mark, shade
from soapnotes.render.bodymap._style import (
    LEGEND_ARROW,
    LEGEND_BOTH,
    LEGEND_CLEARING,
    LEGEND_IRRADIATED,
    LEGEND_NODE,
    LEGEND_REABSORPTION,
    LEGEND_REMOVED,
    LEGEND_SIDES,
    LEGEND_TARGET,
    TEXT_INK,
)

_LEGEND_ENTRIES: Final[tuple[tuple[str, str], ...]] = (
    ("clearing", LEGEND_CLEARING),
    ("reabsorption", LEGEND_REABSORPTION),
    ("both", LEGEND_BOTH),
    ("target", LEGEND_TARGET),
    ("node", LEGEND_NODE),
    ("removed", LEGEND_REMOVED),
    ("irradiated", LEGEND_IRRADIATED),
    ("arrow", LEGEND_ARROW),
)


def _legend_symbol(kind: str, x: float, y: float, w: float, h: float, line_width: float) -> Any:
    """The key symbol of one legend entry in the box (x, y, w, h)."""
    box = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    cx, cy = x + w / 2, y + h / 2
    radius = h * 0.32
    if kind == "clearing":
        return shade(box, frozenset({Phase.CLEARING}), line_width)
    if kind == "reabsorption":
        return shade(box, frozenset({Phase.REABSORPTION}), line_width)
    if kind == "both":
        return shade(box, frozenset(Phase), line_width)
    if kind == "arrow":
        return arrow_group([((x + line_width * 2, cy), (x + w, cy))], h * 0.7, line_width)
    states: tuple[NodeState, ...] = ()
    if kind == "removed":
        states = (NodeState.REMOVED,)
    elif kind == "irradiated":
        states = (NodeState.IRRADIATED,)
    return node_mark((cx, cy), radius, kind == "target", states, line_width)


def legend_size(font_name: str, font_size: float, columns: int) -> tuple[float, float, float]:
    """Width, height and column width of the legend laid out in ``columns`` columns."""
    texts = [tr(t) for _, t in _LEGEND_ENTRIES]
    symbol_w = font_size * 2.4
    col_w = symbol_w + font_size * 0.6 + max(stringWidth(t, font_name, font_size) for t in texts)
    rows = math.ceil(len(_LEGEND_ENTRIES) / columns) + 1  # + the R/L note
    note_w = stringWidth(tr(LEGEND_SIDES), font_name, font_size)
    width = max(col_w * columns + font_size * 1.2 * (columns - 1), note_w)
    return width, rows * font_size * 1.75, col_w


@attrs.frozen
class LegendPlace:
    """Where the legend goes in the drawing, and how large (points)."""

    x: float
    top: float
    font_name: str
    font_size: float
    columns: int
    line_width: float


def _entries(place: LegendPlace) -> list[tuple[str, str, float, float]]:
    """(kind, label, x, y) of each entry's key symbol box."""
    _, _, col_w = legend_size(place.font_name, place.font_size, place.columns)
    per_col = math.ceil(len(_LEGEND_ENTRIES) / place.columns)
    row_h = place.font_size * 1.75
    symbol_h = place.font_size * 1.1
    out = []
    for i, (kind, text) in enumerate(_LEGEND_ENTRIES):
        col, row = divmod(i, per_col)
        ex = place.x + col * (col_w + place.font_size * 1.2)
        ey = place.top - (row + 1) * row_h + (row_h - symbol_h) / 2
        out.append((kind, text, ex, ey))
    return out


def _symbols(place: LegendPlace) -> Any:
    """The legend's key symbols alone (no text): the same for every note."""
    group = Group()
    symbol_w, symbol_h = place.font_size * 2.4, place.font_size * 1.1
    for kind, _, ex, ey in _entries(place):
        group.add(_legend_symbol(kind, ex, ey, symbol_w, symbol_h, place.line_width))
    return group


def draw_legend(place: LegendPlace, make: Make = build) -> Any:
    """The legend: the key symbols (from ``make``, see :mod:`soapnotes.render.bodymap._kept`),
    then each symbol's label and the note on sides below."""
    group = Group()
    group.add(make(("legend", place), lambda: _symbols(place)), name="symbols")
    x, top, font_name, font_size = place.x, place.top, place.font_name, place.font_size
    symbol_w, symbol_h = font_size * 2.4, font_size * 1.1
    for _, text, ex, ey in _entries(place):
        group.add(
            String(
                ex + symbol_w + font_size * 0.6,
                ey + symbol_h / 2 - font_size * 0.35,
                tr(text),
                fontName=font_name,
                fontSize=font_size,
                fillColor=TEXT_INK,
            )
        )
    per_col = math.ceil(len(_LEGEND_ENTRIES) / place.columns)
    row_h = font_size * 1.75
    note_y = top - (per_col + 1) * row_h + row_h * 0.3
    group.add(
        String(
            x, note_y, tr(LEGEND_SIDES), fontName=font_name, fontSize=font_size, fillColor=TEXT_INK
        )
    )
    return group
