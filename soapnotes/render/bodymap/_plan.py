"""What goes where: the inputs resolved once into patches, arrows and node marks per view."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from soapnotes.models.vocabulary import BodyRegion, NodeGroup, NodeState, Phase, Side
from soapnotes.render.bodymap._curves import centroid, clip_half, flip, smooth, tube
from soapnotes.render.bodymap._geometry import (
    ARM_LINE,
    ARM_WIDTH,
    FOOT_BACK,
    FOOT_FRONT,
    HAND,
    LEG_LINE,
    LEG_WIDTH,
    NODE_AT,
    REGION_ARM,
    REGION_ELLIPSE,
    REGION_LEG,
    REGION_ORDER,
    REGION_OUTLINE,
    Point,
    View,
    ellipse,
)
from soapnotes.render.bodymap._inputs import MapNode, MapRegion

#: Regions seen from behind: treating one of them adds the back view.
BACK_REGIONS: Final = frozenset({BodyRegion.UPPER_BACK, BodyRegion.LOWER_BACK, BodyRegion.GLUTEAL})


#: Node groups drawn for orientation on the back view (targets are always drawn as well).
_BACK_VIEW_NODES: Final = frozenset({NodeGroup.AXILLARY, NodeGroup.POPLITEAL})


def needs_back_view(regions: Iterable[MapRegion]) -> bool:
    """True when any treated region is seen from behind (upper or lower back, gluteal).

    .. versionadded:: 0.1.0
    """
    return any(r.region in BACK_REGIONS for r in regions)


def _view_of(region: BodyRegion) -> View:
    return View.BACK if region in BACK_REGIONS else View.FRONT


def _sign(side: Side, view: View) -> float:
    """+1 when the client's ``side`` is on the viewer's right in ``view``."""
    return 1.0 if (side is Side.LEFT) == (view is View.FRONT) else -1.0


def _is_midline(region: BodyRegion) -> bool:
    return region.is_midline


@functools.lru_cache(maxsize=128)
def _region_base_shape(region: BodyRegion, view: View) -> tuple[Point, ...]:
    """A region's outline in body units, lateral side; the same for every note."""
    if region is BodyRegion.HAND:
        return tuple(smooth(HAND))
    if region is BodyRegion.FOOT:
        return tuple(smooth(FOOT_FRONT if view is View.FRONT else FOOT_BACK))
    if region in REGION_ELLIPSE:
        return tuple(ellipse(*REGION_ELLIPSE[region]))
    if region in REGION_ARM:
        return tuple(tube(ARM_LINE, ARM_WIDTH, *REGION_ARM[region]))
    if region in REGION_LEG:
        return tuple(tube(LEG_LINE, LEG_WIDTH, *REGION_LEG[region]))
    return tuple(smooth(REGION_OUTLINE[region]))


@attrs.frozen
class Patch:
    """One shaded shape on one view: a region on one side (or the whole midline region)."""

    view: View
    region: BodyRegion
    side: Side | None
    shape: tuple[Point, ...]


@functools.lru_cache(maxsize=512)
def _patches(region: BodyRegion, side: Side | None, view: View) -> tuple[Patch, ...]:
    """The shapes a region on a side (or both) covers on a view; the same for every note."""
    base = _region_base_shape(region, view)
    if _is_midline(region):
        if side is None:
            return (Patch(view, region, None, tuple(base)),)
        return (Patch(view, region, side, tuple(clip_half(base, _sign(side, view)))),)
    sides = (side,) if side is not None else (Side.RIGHT, Side.LEFT)
    return tuple(Patch(view, region, s, tuple(flip(base, _sign(s, view)))) for s in sides)


@functools.lru_cache(maxsize=512)
def _start(region: BodyRegion, side: Side | None, view: View, index: int) -> Point:
    """Where arrows from a region's patch start: the centroid of its shape."""
    return centroid(_patches(region, side, view)[index].shape)


NodeKey = tuple[NodeGroup, Side | None]


def node_keys(group: NodeGroup, side: Side | None) -> list[NodeKey]:
    if group.is_midline:
        return [(group, None)]
    if side is None:
        return [(group, Side.RIGHT), (group, Side.LEFT)]
    return [(group, side)]


def node_point(key: NodeKey, view: View) -> Point:
    group, side = key
    x, y = NODE_AT[group]
    return (x * (_sign(side, view) if side is not None else 0.0), y)


@attrs.frozen
class Arrow:
    view: View
    start: Point
    target: NodeKey


@attrs.frozen
class Plan:
    """Everything to draw, in body units, resolved from the inputs once."""

    views: tuple[View, ...]
    patches: dict[View, list[tuple[Patch, frozenset[Phase]]]]
    arrows: tuple[Arrow, ...]
    targets: frozenset[NodeKey]
    states: dict[NodeKey, tuple[NodeState, ...]]


def make_plan(regions: Sequence[MapRegion], nodes: Sequence[MapNode], back: bool) -> Plan:
    views = (View.FRONT, View.BACK) if back else (View.FRONT,)
    phases: dict[tuple[View, BodyRegion, Side | None], set[Phase]] = {}
    shapes: dict[tuple[View, BodyRegion, Side | None], Patch] = {}
    arrows: dict[tuple[View, BodyRegion, Side | None, NodeKey], Arrow] = {}
    targets: set[NodeKey] = set()
    for item in regions:
        view = _view_of(item.region)
        if view not in views:
            continue
        for index, patch in enumerate(_patches(item.region, item.side, view)):
            key = (view, item.region, patch.side)
            shapes.setdefault(key, patch)
            phases.setdefault(key, set()).add(item.phase)
            if item.drains_to is None:
                continue
            group, target_side = item.drains_to
            for target in node_keys(group, target_side or patch.side):
                targets.add(target)
                arrows.setdefault(
                    (view, item.region, patch.side, target),
                    Arrow(view, _start(item.region, item.side, view, index), target),
                )
    by_view: dict[View, list[tuple[Patch, frozenset[Phase]]]] = {v: [] for v in views}
    rank = {r: i for i, r in enumerate(REGION_ORDER)}
    side_rank = {None: 0, Side.RIGHT: 1, Side.LEFT: 2}
    for key in sorted(shapes, key=lambda k: (rank[k[1]], side_rank[k[2]])):
        by_view[key[0]].append((shapes[key], frozenset(phases[key])))
    states: dict[NodeKey, list[NodeState]] = {}
    for node in nodes:
        if node.state is NodeState.WORKING:
            continue
        for nkey in node_keys(node.group, node.side):
            if node.state not in states.setdefault(nkey, []):
                states[nkey].append(node.state)
    return Plan(
        views=views,
        patches=by_view,
        arrows=tuple(arrows.values()),
        targets=frozenset(targets),
        states={k: tuple(sorted(v, key=lambda s: s.value)) for k, v in states.items()},
    )


def nodes_on(view: View, plan: Plan) -> list[NodeKey]:
    """Node groups drawn on a view: every group on the front (popliteal moves to the back view
    when there is one), axillary and popliteal on the back, plus whatever an arrow targets."""
    wanted: list[NodeKey] = []
    for group in NodeGroup:
        for key in node_keys(group, None):
            if view is View.FRONT:
                shown = group is not NodeGroup.POPLITEAL or View.BACK not in plan.views
            else:
                shown = group in _BACK_VIEW_NODES
            aimed = any(a.view is view and a.target == key for a in plan.arrows)
            if shown or aimed:
                wanted.append(key)
    return wanted
