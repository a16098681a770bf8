"""The marks drawn on a figure and in the legend: shaded regions, arrows, node groups."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Circle,
    Group,
    Line,
    Polygon,
)
from reportlab.lib.colors import Color  # type: ignore[import-untyped, unused-ignore]

from soapnotes.models.vocabulary import NodeState, Phase
from soapnotes.render.bodymap._curves import hatch
from soapnotes.render.bodymap._geometry import Point, ellipse
from soapnotes.render.bodymap._style import (
    ARROW_INK,
    CLEARING_COLOR,
    CLEARING_FILL,
    IRRADIATED_COLOR,
    NODE_RING,
    REABSORPTION_COLOR,
    REABSORPTION_FILL,
    REMOVED_COLOR,
    TARGET_COLOR,
    WHITE,
)


def polygon(points: list[float], fill: Color | None, stroke: Color | None, width: float) -> Any:
    return Polygon(
        points,
        fillColor=fill,
        strokeColor=stroke,
        strokeWidth=width,
        strokeLineJoin=1,
    )


def shade(shape: Sequence[Point], phases: frozenset[Phase], line_width: float) -> Any:
    """One region patch: fill by phase; both phases = reabsorption fill, clearing stripes."""
    flat: list[float] = [c for p in shape for c in p]
    group = Group()
    if phases == {Phase.CLEARING}:
        group.add(polygon(flat, CLEARING_FILL, CLEARING_COLOR, line_width))
        return group
    group.add(polygon(flat, REABSORPTION_FILL, REABSORPTION_COLOR, line_width))
    if Phase.CLEARING in phases:
        for a, b in hatch(shape, gap=line_width * 4.5):
            group.add(
                Line(
                    a[0],
                    a[1],
                    b[0],
                    b[1],
                    strokeColor=CLEARING_COLOR,
                    strokeWidth=line_width * 1.3,
                )
            )
        group.add(polygon(flat, None, CLEARING_COLOR, line_width))
    return group


def arrow_group(pairs: Sequence[tuple[Point, Point]], size: float, line_width: float) -> Any:
    """Straight arrows from each start to each end, drawn in layers (white halos, shafts,
    heads, start dots) so arrows along one limb read as one pathway through every start."""
    halos, shafts, heads, dots = Group(), Group(), Group(), Group()
    for start, end in pairs:
        dx, dy = end[0] - start[0], end[1] - start[1]
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        base = (end[0] - ux * size, end[1] - uy * size)
        half = size * 0.42
        head = [
            end[0],
            end[1],
            base[0] - uy * half,
            base[1] + ux * half,
            base[0] + uy * half,
            base[1] - ux * half,
        ]
        shaft = (start[0], start[1], base[0] + ux * size * 0.2, base[1] + uy * size * 0.2)
        halos.add(Line(*shaft, strokeColor=WHITE, strokeWidth=line_width * 3.4, strokeLineCap=1))
        halos.add(polygon(head, WHITE, WHITE, line_width * 2.2))
        shafts.add(
            Line(*shaft, strokeColor=ARROW_INK, strokeWidth=line_width * 1.2, strokeLineCap=1)
        )
        heads.add(polygon(head, ARROW_INK, ARROW_INK, line_width * 0.4))
        dots.add(
            Circle(
                start[0],
                start[1],
                line_width * 1.6,
                fillColor=ARROW_INK,
                strokeColor=WHITE,
                strokeWidth=line_width * 0.6,
            )
        )
    group = Group()
    group.add(halos, name="halos")
    group.add(shafts, name="shafts")
    group.add(heads, name="heads")
    group.add(dots, name="starts")
    return group


def node_mark(
    at: Point, radius: float, target: bool, states: Sequence[NodeState], line_width: float
) -> Any:
    """A node group: a green target dot or a plain ring, hatched ring when irradiated (below),
    red cross when removed (on top)."""
    group = Group()
    x, y = at
    # The irradiation ring goes underneath, so a target dot stays whole on top of it.
    if NodeState.IRRADIATED in states:
        _add_irradiated_ring(group, x, y, radius, line_width)
    if target:
        dot = Circle(
            x, y, radius, fillColor=TARGET_COLOR, strokeColor=WHITE, strokeWidth=line_width * 0.8
        )
    else:
        dot = Circle(
            x,
            y,
            radius * 0.8,
            fillColor=WHITE,
            strokeColor=NODE_RING,
            strokeWidth=line_width * 0.8,
        )
    group.add(dot)
    if NodeState.REMOVED in states:
        _add_removed_cross(group, x, y, radius, line_width)
    return group


def _add_irradiated_ring(group: Any, x: float, y: float, radius: float, line_width: float) -> None:
    """Purple hatching inside a purple ring around the node."""
    ring = ellipse(x, y, radius * 1.7, radius * 1.7)
    for a, b in hatch(ring, gap=radius * 0.55, angle_deg=-45.0):
        group.add(
            Line(
                a[0], a[1], b[0], b[1], strokeColor=IRRADIATED_COLOR, strokeWidth=line_width * 0.6
            )
        )
    group.add(
        Circle(
            x,
            y,
            radius * 1.7,
            fillColor=None,
            strokeColor=IRRADIATED_COLOR,
            strokeWidth=line_width * 1.3,
        )
    )


def _add_removed_cross(group: Any, x: float, y: float, radius: float, line_width: float) -> None:
    """A dark red cross over the node; a white halo first, so it reads on any shading."""
    arm = radius * 1.6
    for color, width in ((WHITE, 3.6), (REMOVED_COLOR, 2.0)):
        for sx in (-1, 1):
            group.add(
                Line(
                    x - arm,
                    y - sx * arm,
                    x + arm,
                    y + sx * arm,
                    strokeColor=color,
                    strokeWidth=line_width * width,
                    strokeLineCap=1,
                )
            )
