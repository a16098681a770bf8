"""The entry point: check the inputs, plan, fit figures and legend into the drawing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Drawing,
)

from soapnotes.errors import UsageError
from soapnotes.render.bodymap._figure import Frame, draw_figure
from soapnotes.render.bodymap._geometry import FIG_ASPECT, FIG_BOTTOM, FIG_LEFT, FIG_TOP
from soapnotes.render.bodymap._inputs import MapNode, MapRegion
from soapnotes.render.bodymap._kept import Make, build, kept
from soapnotes.render.bodymap._legend import LegendPlace, draw_legend, legend_size
from soapnotes.render.bodymap._plan import make_plan, needs_back_view


def draw_body_map(
    regions: Sequence[MapRegion],
    nodes: Sequence[MapNode] = (),
    *,
    width: float = 480.0,
    height: float = 300.0,
    font_name: str = "Helvetica",
    show_back: bool | None = None,
) -> Any:
    """Draw the body map of one session.

    Args:
        regions: the treated regions, in the order treated (order does not change the picture;
            a region listed twice is drawn once, striped if both phases were given).
        nodes: node groups that are removed or irradiated; working ones may be listed too.
        width: width of the drawing in points.
        height: height of the drawing in points.
        font_name: a font registered with reportlab, used for the legend and the captions.
        show_back: True or False to force the back view on or off; None (default) shows it
            only when a back region (upper back, lower back, gluteal) was treated.

    Returns:
        A :class:`reportlab.graphics.shapes.Drawing` of ``width`` x ``height`` points, the
        same for the same input. Its groups are named ``front``, ``back`` (when shown) and
        ``legend``; each view has ``silhouette``, ``details``, ``regions``, ``arrows``,
        ``nodes`` and ``labels``.

    Raises:
        TypeError: an item of ``regions`` or ``nodes`` has the wrong type.
        UsageError: ``width`` or ``height`` is not a positive number (a ValueError too).

    .. versionadded:: 0.1.0
    """
    regions = tuple(regions)
    nodes = tuple(nodes)
    _check_inputs(regions, nodes, width, height)
    return _compose(regions, nodes, width, height, font_name, show_back, build)


def body_map_flowable(
    regions: Sequence[MapRegion],
    nodes: Sequence[MapNode],
    *,
    width: float,
    height: float,
    font_name: str,
) -> Any:
    """The body map as the note draws it: :func:`draw_body_map`'s picture, every mark but the
    text written from operators kept per process (:mod:`soapnotes.render.bodymap._kept`)
    instead of built and rendered anew. For a PDF canvas only."""
    regions = tuple(regions)
    nodes = tuple(nodes)
    _check_inputs(regions, nodes, width, height)
    return _compose(regions, nodes, width, height, font_name, None, kept)


def _compose(
    regions: tuple[MapRegion, ...],
    nodes: tuple[MapNode, ...],
    width: float,
    height: float,
    font_name: str,
    show_back: bool | None,
    make: Make,
) -> Any:
    """The drawing: a figure per view, then the legend, each mark from ``make``."""
    back = needs_back_view(regions) if show_back is None else bool(show_back)
    plan = make_plan(regions, nodes, back)
    place = _placement(width, height, len(plan.views), font_name)
    drawing = Drawing(width, height)
    scale = place.fig_h / (FIG_TOP - FIG_BOTTOM)
    for i, view in enumerate(plan.views):
        box_left = place.left + i * (place.fig_w + place.gap)
        frame = Frame(
            cx=box_left - FIG_LEFT * scale,
            base=place.fig_top - place.fig_h - FIG_BOTTOM * scale,
            scale=scale,
        )
        figure = draw_figure(view, frame, plan, font_name, place.font_size, make)
        drawing.add(figure, name=view.value)
    legend = LegendPlace(
        x=place.legend_x,
        top=place.legend_top,
        font_name=font_name,
        font_size=place.font_size,
        columns=place.columns,
        line_width=max(0.45, place.fig_h * 0.0032),
    )
    drawing.add(draw_legend(legend, make), name="legend")
    return drawing


def _check_inputs(
    regions: Sequence[object], nodes: Sequence[object], width: object, height: object
) -> None:
    """TypeError for an input of the wrong type, ValueError for a size that is not positive."""
    for name, items, kind in (("regions", regions, MapRegion), ("nodes", nodes, MapNode)):
        for i, item in enumerate(items):
            if not isinstance(item, kind):
                raise TypeError(
                    f"{name}[{i}] must be a {kind.__name__}, not {type(item).__name__}"
                )
    for name, value in (("width", width), ("height", height)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise UsageError(f"{name} must be a positive number of points, got {value!r}")


@attrs.frozen(kw_only=True)
class _Placement:
    """Where the figures and the legend go in the drawing (points)."""

    font_size: float
    gap: float  # between figures, and between figures and a legend beside them
    fig_w: float
    fig_h: float
    left: float  # left edge of the first figure's box
    fig_top: float
    legend_x: float
    legend_top: float
    columns: int  # of the legend


def _placement(width: float, height: float, n: int, font_name: str) -> _Placement:
    """Figures as tall as they fit, with the legend beside or below them, whichever leaves
    them taller; the block is centred."""
    font_size = min(9.0, max(6.0, min(width, height) / 34))
    pad = font_size * 0.5
    caption_h = font_size * 2.0
    gap = font_size * 2.0

    def fig_height(avail_w: float, avail_h: float) -> float:
        by_width = (avail_w - gap * (n - 1)) / (n * FIG_ASPECT)
        return max(0.0, min(avail_h - caption_h, by_width))

    side_w, side_h, _ = legend_size(font_name, font_size, 1)
    beside = fig_height(width - 2 * pad - side_w - gap, height - 2 * pad)
    below_w, below_h, _ = legend_size(font_name, font_size, 2)
    below = fig_height(width - 2 * pad, height - 2 * pad - below_h - font_size)
    legend_beside = beside >= below and side_h <= height - 2 * pad
    fig_h = beside if legend_beside else below
    fig_w = fig_h * FIG_ASPECT
    figures_w = n * fig_w + (n - 1) * gap
    fig_top = height - pad - caption_h
    if legend_beside:
        left = (width - (figures_w + gap + side_w)) / 2
        fig_top -= (height - 2 * pad - caption_h - fig_h) / 2
        legend_x, legend_top, columns = left + figures_w + gap, (height + side_h) / 2, 1
    else:
        left = (width - figures_w) / 2
        legend_x, legend_top, columns = (width - below_w) / 2, pad + below_h, 2
    return _Placement(
        font_size=font_size,
        gap=gap,
        fig_w=fig_w,
        fig_h=fig_h,
        left=left,
        fig_top=fig_top,
        legend_x=legend_x,
        legend_top=legend_top,
        columns=columns,
    )
