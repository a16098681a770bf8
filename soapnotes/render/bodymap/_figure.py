"""One view of the figure (front or back) in points: silhouette, shading, arrows, nodes, labels."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import Any

import attrs
from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Group,
    PolyLine,
    String,
)

from soapnotes.i18n import gettext as tr
from soapnotes.models.vocabulary import Phase
from soapnotes.render.bodymap._curves import (
    flip,
    mirror_corners,
    mirror_half,
    open_curve,
    smooth,
    tube,
)
from soapnotes.render.bodymap._geometry import (
    ARM_LINE,
    ARM_OUTLINE_FROM,
    ARM_WIDTH,
    BACK_DETAILS,
    FIG_TOP,
    FOOT_BACK,
    FOOT_FRONT,
    FRONT_DETAILS,
    HAND,
    HEAD_HALF,
    LEG_LINE,
    LEG_WIDTH,
    NECK_HALF,
    NODE_RADIUS,
    SIDE_MARK_AT,
    TORSO_CORNERS,
    TORSO_HALF,
    Point,
    Shape,
    View,
)
from soapnotes.render.bodymap._kept import Make, build
from soapnotes.render.bodymap._marks import arrow_group, node_mark, polygon, shade
from soapnotes.render.bodymap._plan import Plan, node_point, nodes_on
from soapnotes.render.bodymap._style import (
    BACK_CAPTION,
    BODY_FILL,
    DETAIL,
    FRONT_CAPTION,
    LEFT_MARK,
    OUTLINE,
    RIGHT_MARK,
    TEXT_INK,
)


@attrs.frozen
class Frame:
    """Maps body units of one figure to drawing points."""

    cx: float
    base: float
    scale: float

    def pt(self, p: Point) -> Point:
        return (self.cx + p[0] * self.scale, self.base + p[1] * self.scale)

    def flat(self, shape: Iterable[Point]) -> list[float]:
        out: list[float] = []
        for p in shape:
            out.extend(self.pt(p))
        return out


@functools.lru_cache(maxsize=2)
def _silhouette_parts(view: View) -> tuple[Shape, ...]:
    """The outline of each part of the figure, in body units (the same for every note)."""
    foot = FOOT_FRONT if view is View.FRONT else FOOT_BACK
    parts: list[Shape] = [
        smooth(mirror_half(NECK_HALF)),
        smooth(mirror_half(TORSO_HALF), mirror_corners(TORSO_HALF, TORSO_CORNERS)),
        smooth(mirror_half(HEAD_HALF)),
    ]
    for sign in (-1.0, 1.0):
        parts.append(flip(tube(ARM_LINE, ARM_WIDTH, ARM_OUTLINE_FROM, 4.0), sign))
        parts.append(flip(smooth(HAND), sign))
        parts.append(flip(tube(LEG_LINE, LEG_WIDTH, 0.0, 6.0), sign))
        parts.append(flip(smooth(foot), sign))
    return tuple(parts)


@functools.lru_cache(maxsize=2)
def _detail_curves(view: View) -> tuple[Shape, ...]:
    """The detail lines of a view (collarbones, knees, ...), in body units."""
    return tuple(
        open_curve(flip(line, sign))
        for line, mirrored in (FRONT_DETAILS if view is View.FRONT else BACK_DETAILS)
        for sign in ((-1.0, 1.0) if mirrored else (1.0,))
    )


def _silhouette(frame: Frame, view: View, line_width: float) -> Any:
    """The figure as one outline: parts stroked twice as wide, then filled again on top, so
    only the outer half of each stroke survives where parts meet."""
    parts = _silhouette_parts(view)
    group = Group()
    for part in parts:
        group.add(polygon(frame.flat(part), BODY_FILL, OUTLINE, 2 * line_width))
    for part in parts:
        group.add(polygon(frame.flat(part), BODY_FILL, None, 0))
    return group


def _details(frame: Frame, view: View, line_width: float) -> Any:
    group = Group()
    for curve in _detail_curves(view):
        group.add(
            PolyLine(
                frame.flat(curve),
                strokeColor=DETAIL,
                strokeWidth=line_width * 0.7,
                strokeLineCap=1,
                strokeLineJoin=1,
            )
        )
    return group


def draw_figure(
    view: View, frame: Frame, plan: Plan, font_name: str, font_size: float, make: Make = build
) -> Any:
    """One view as a group of named parts, drawn in this order: silhouette, details, regions,
    arrows, nodes, labels. Each mark but the labels comes from ``make`` (see
    :mod:`soapnotes.render.bodymap._kept`) under a key naming all it depends on."""
    line_width = max(0.45, frame.scale * 0.0032)
    radius = NODE_RADIUS * frame.scale
    view_group = Group()
    silhouette = make(("silhouette", view, frame), lambda: _silhouette(frame, view, line_width))
    view_group.add(silhouette, name="silhouette")
    details = make(("details", view, frame), lambda: _details(frame, view, line_width))
    view_group.add(details, name="details")
    regions = Group()
    for patch, phases in plan.patches[view]:
        key = ("shade", view, patch.region, patch.side, phases, frame)
        regions.add(make(key, functools.partial(_shade, frame, patch.shape, phases, line_width)))
    view_group.add(regions, name="regions")
    pairs = tuple(_arrow_pairs(view, frame, plan, radius))
    arrows = make(
        ("arrows", pairs, radius, line_width), lambda: arrow_group(pairs, radius * 2.2, line_width)
    )
    view_group.add(arrows, name="arrows")
    nodes = Group()
    for node in nodes_on(view, plan):
        at = frame.pt(node_point(node, view))
        target, states = node in plan.targets, plan.states.get(node, ())
        mark = functools.partial(node_mark, at, radius, target, states, line_width)
        nodes.add(make(("node", at, radius, target, states, line_width), mark))
    view_group.add(nodes, name="nodes")
    view_group.add(_labels(view, frame, font_name, font_size), name="labels")
    return view_group


def _shade(frame: Frame, shape: Iterable[Point], phases: frozenset[Phase], width: float) -> Any:
    return shade([frame.pt(p) for p in shape], phases, width * 0.8)


def _arrow_pairs(view: View, frame: Frame, plan: Plan, radius: float) -> list[tuple[Point, Point]]:
    """(start, end) in points of each arrow on ``view``, ending short of its node's mark."""
    pairs: list[tuple[Point, Point]] = []
    gap = radius * 1.8
    for arrow in plan.arrows:
        if arrow.view is not view:
            continue
        start = frame.pt(arrow.start)
        end = frame.pt(node_point(arrow.target, view))
        dist = math.hypot(end[0] - start[0], end[1] - start[1])
        if dist < gap + radius * 3:
            continue  # the region sits on its node: the target mark says it all
        shortened = (
            end[0] - (end[0] - start[0]) * gap / dist,
            end[1] - (end[1] - start[1]) * gap / dist,
        )
        pairs.append((start, shortened))
    return pairs


def _labels(view: View, frame: Frame, font_name: str, font_size: float) -> Any:
    """R and L on the client's sides, and the view's caption above the head."""
    labels = Group()
    mx, my = SIDE_MARK_AT
    right_x = -mx if view is View.FRONT else mx
    for text, bx in ((tr(RIGHT_MARK), right_x), (tr(LEFT_MARK), -right_x)):
        x, y = frame.pt((bx, my))
        labels.add(
            String(
                x,
                y,
                text,
                fontName=font_name,
                fontSize=font_size * 1.5,
                fillColor=TEXT_INK,
                textAnchor="middle",
            )
        )
    caption = tr(FRONT_CAPTION if view is View.FRONT else BACK_CAPTION)
    x, y = frame.pt((0.0, FIG_TOP))
    labels.add(
        String(
            x,
            y + font_size * 0.5,
            caption,
            fontName=font_name,
            fontSize=font_size * 1.2,
            fillColor=TEXT_INK,
            textAnchor="middle",
        )
    )
    return labels
