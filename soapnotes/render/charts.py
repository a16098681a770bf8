"""Line charts for the progress report: values over dates, drawn with reportlab.graphics.

Every string drawn here is our own wording (dates, numbers, vocabulary labels), never record
text, and is drawn in the bundled DejaVu family. Gaps (sessions without a comparable value)
are simply not plotted: the line joins the values on either side and each value has a
marker, so a reader sees where measurements exist.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import attrs
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.charts.lineplots import (  # type: ignore[import-untyped, unused-ignore]
    LinePlot,
)
from reportlab.graphics.shapes import Drawing, String  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.widgets.markers import (  # type: ignore[import-untyped, unused-ignore]
    makeMarker,
)
from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.render import styles as st
from soapnotes.render.fonts import register_family

__all__ = ["ChartLine", "line_chart"]

#: Line colours in order: the note's accent blue, then a warm contrast, then more.
PALETTE = (
    colors.HexColor("#c05621"),
    colors.HexColor("#2c5282"),
    colors.HexColor("#2f855a"),
    colors.HexColor("#6b46c1"),
)
_MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle")


@attrs.frozen(kw_only=True)
class ChartLine:
    """One line of a chart: its legend name and its (date, value) points, in date order."""

    name: str
    points: tuple[tuple[dt.date, float], ...]


def _nice_step(span: float, target_ticks: int) -> float:
    """A 1, 2, 2.5 or 5 times a power of ten step giving about ``target_ticks`` ticks."""
    raw = span / max(target_ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _value_range(values: Sequence[float], fixed: tuple[float, float] | None) -> tuple[float, ...]:
    """(minimum, maximum, step) for the value axis."""
    if fixed is not None:
        low, high = fixed
        return low, high, _nice_step(high - low, 5)
    low, high = min(values), max(values)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    step = _nice_step(high - low + 2 * pad, 5)
    return math.floor((low - pad) / step) * step, math.ceil((high + pad) / step) * step, step


def _date_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """Mondays (or the first day) from ``first`` to ``last``, thinned to at most 8 ticks."""
    span = max((last - first).days, 1)
    if span <= 10:
        step = 1 if span <= 7 else 2
        return [first + dt.timedelta(days=d) for d in range(0, span + 1, step)]
    weeks = max(1, math.ceil(span / 7 / 8))
    monday = first - dt.timedelta(days=first.weekday())
    ticks = []
    day = monday
    while day <= last:
        if day >= first - dt.timedelta(days=3):
            ticks.append(day)
        day += dt.timedelta(days=7 * weeks)
    return ticks


#: Room left of, below and above the plot, in points (for axis labels and the unit).
_LEFT, _BOTTOM, _TOP_PAD = 44.0, 22.0, 14.0


def line_chart(
    lines: Sequence[ChartLine],
    *,
    width: float,
    height: float,
    unit: str,
    first: dt.date,
    last: dt.date,
    value_range: tuple[float, float] | None = None,
    value_format: str = "{:,.0f}",
) -> Drawing:
    """A line chart of values over dates, with a legend when there is more than one line.

    Args:
        lines: the lines; lines without points are listed in no legend and not drawn.
        width, height: size of the drawing in points.
        unit: the value axis title, e.g. ``"Volume (mL)"``.
        first, last: the date range of the x axis (the course's first and last session).
        value_range: a fixed (min, max) for the value axis, e.g. (0, 10) for pain.
        value_format: how value-axis labels are written.
    """
    family = register_family()
    drawn = [line for line in lines if line.points]
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = _LEFT, _BOTTOM
    plot.width = width - _LEFT - 10
    plot.height = height - _BOTTOM - _TOP_PAD - (14.0 if len(drawn) > 1 else 0.0)
    origin = first.toordinal()
    plot.data = [
        [(day.toordinal() - origin, value) for day, value in line.points] for line in drawn
    ]
    if not plot.data:
        plot.data = [[(0, 0)]]
    values = [v for line in drawn for _, v in line.points] or [0.0]
    _date_axis(plot.xValueAxis, first, last, family)
    _value_axis(plot.yValueAxis, values, value_range, value_format, family)
    _style_lines(plot)
    drawing.add(plot)

    drawing.add(
        String(_LEFT - 40, height - 9, unit, fontName=family, fontSize=7.5, fillColor=st.MUTED)
    )
    if len(drawn) > 1:
        drawing.add(_legend(drawn, height, family))
    return drawing


def _date_axis(x: Any, first: dt.date, last: dt.date, family: str) -> None:
    """Days from ``first`` to ``last`` (half a day of room each end), ticks on Mondays."""
    origin = first.toordinal()
    span = max((last - first).days, 1)
    x.valueMin, x.valueMax = -0.5, span + 0.5
    x.valueSteps = [t.toordinal() - origin for t in _date_ticks(first, last)]
    x.labelTextFormat = lambda v: fmt.day_month(dt.date.fromordinal(round(v) + origin))
    x.labels.fontName, x.labels.fontSize, x.labels.fillColor = family, 7, st.INK
    x.labels.dy = -2
    x.strokeColor, x.tickDown = st.RULE, 3
    x.visibleGrid, x.gridStrokeColor, x.gridStrokeWidth = True, st.GRID, 0.3


def _value_axis(
    y: Any,
    values: Sequence[float],
    value_range: tuple[float, float] | None,
    value_format: str,
    family: str,
) -> None:
    """A value axis from round numbers around ``values`` (or the fixed range)."""
    low, high, step = _value_range(values, value_range)
    y.valueMin, y.valueMax, y.valueStep = low, high, step
    decimals = int(value_format.rpartition(".")[2].rstrip("f}") or 0)
    y.labelTextFormat = lambda v: fmt.number(v, decimals)
    y.labels.fontName, y.labels.fontSize, y.labels.fillColor = family, 7, st.INK
    y.strokeColor = st.RULE
    y.visibleGrid, y.gridStrokeColor, y.gridStrokeWidth = True, st.GRID, 0.3


def _style_lines(plot: Any) -> None:
    """Each line in its palette colour, with its own marker shape."""
    for index in range(len(plot.data)):
        color = PALETTE[index % len(PALETTE)]
        plot.lines[index].strokeColor = color
        plot.lines[index].strokeWidth = 1.4
        marker = makeMarker(_MARKERS[index % len(_MARKERS)])
        marker.fillColor, marker.strokeColor, marker.size = color, color, 4.5
        plot.lines[index].symbol = marker


def _legend(drawn: Sequence[ChartLine], height: float, family: str) -> Any:
    """One row of line names with their colours, above the plot."""
    legend = Legend()
    legend.x, legend.y = _LEFT + 60, height - 5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.dx, legend.dy = 8, 6
    legend.fontName, legend.fontSize, legend.fillColor = family, 7.5, st.INK
    legend.strokeWidth = 0
    legend.colorNamePairs = [
        (PALETTE[i % len(PALETTE)], line.name) for i, line in enumerate(drawn)
    ]
    return legend
