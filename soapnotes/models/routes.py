"""Drainage routes: the node groups each region can plausibly drain to, and what its lymph
passes through on the way there.

The one home of these facts: the drainage rules check a note's ``drains_to`` against
:func:`plausible_targets`, the contraindication rules block regions whose lymph would pass
through a wound or an infected segment (:func:`passes_through`), the order rule ranks limb
segments by :func:`segment_level`, and the strategies draw treatments that respect all
three. Sources (``docs/sources.md``): Földi 2012, ch. 1 (lymphatic territories, watersheds:
the upper trunk drains to the axilla, the lower trunk and the genitals to the groin, the
deep abdomen to the cisterna chyli and para-aortic chain, the inguinal nodes on to the
pelvic (iliac) ones; the forearm and hand partly to the cubital nodes, the lower leg and
foot partly to the popliteal ones) and ch. 5 (the anastomoses used after node loss:
axillo-axillary across the chest, axillo-inguinal along the flank, inter-inguinal across the
lower abdomen); Zuther 2017 (the same routes in the MLD sequences); Suami 2018 (the
lymphosomes they follow).
"""

from __future__ import annotations

import enum

from soapnotes.models.anatomy import LIMB_SEGMENTS_PROXIMAL_FIRST, OPENING_REGIONS, other_side
from soapnotes.models.session import NodeTarget
from soapnotes.models.vocabulary import BodyRegion, Limb, NodeGroup, Side

__all__ = [
    "passes_through",
    "plausible_targets",
    "proximal_segments",
    "segment_level",
]


class _On(enum.Enum):
    """Which side of a target group a region may drain to, relative to its own side."""

    SAME = "same"  # the region's own side
    OTHER = "other"  # the other side (an anastomosis across the midline)
    EITHER = "either"  # either side (midline regions)
    MIDLINE = "midline"  # a midline group, no side


_S, _O, _E, _M = _On.SAME, _On.OTHER, _On.EITHER, _On.MIDLINE
G = NodeGroup

#: An arm segment: its axilla, then the reroutes after axillary loss (the other axilla, the
#: same-side groin, the same-side supraclavicular and cervical nodes), and the infraclavicular
#: (deltopectoral) nodes along the cephalic route.
_Targets = tuple[tuple[NodeGroup, _On], ...]
_ARM: _Targets = (
    (G.AXILLARY, _S),
    (G.AXILLARY, _O),
    (G.INGUINAL, _S),
    (G.SUPRACLAVICULAR, _S),
    (G.CERVICAL, _S),
    (G.INFRACLAVICULAR, _S),
)
#: A leg segment: its groin, then the reroutes after inguinal loss (the same-side axilla along
#: the flank, the other groin across the lower abdomen).
_LEG = ((G.INGUINAL, _S), (G.AXILLARY, _S), (G.INGUINAL, _O))
_HEAD_AND_NECK = ((G.SUPRACLAVICULAR, _E), (G.CERVICAL, _E), (G.SUBMANDIBULAR, _E))

_TARGETS: dict[BodyRegion, _Targets] = {
    BodyRegion.SUPRACLAVICULAR: ((G.SUPRACLAVICULAR, _S), (G.CERVICAL, _S)),
    BodyRegion.NECK: _HEAD_AND_NECK,
    BodyRegion.FACE: _HEAD_AND_NECK,
    BodyRegion.HEAD: (*_HEAD_AND_NECK, (G.OCCIPITAL, _E)),
    BodyRegion.AXILLA: ((G.AXILLARY, _S), (G.INFRACLAVICULAR, _S), (G.SUPRACLAVICULAR, _S)),
    BodyRegion.CHEST: (
        (G.AXILLARY, _S),
        (G.AXILLARY, _O),
        (G.PARASTERNAL, _S),
        (G.INFRACLAVICULAR, _S),
        (G.SUPRACLAVICULAR, _S),
    ),
    BodyRegion.BREAST: (
        (G.AXILLARY, _S),
        (G.AXILLARY, _O),
        (G.PARASTERNAL, _S),
        (G.INFRACLAVICULAR, _S),
        (G.SUPRACLAVICULAR, _S),
    ),
    BodyRegion.UPPER_BACK: ((G.AXILLARY, _E), (G.SUPRACLAVICULAR, _E), (G.CERVICAL, _E)),
    BodyRegion.LOWER_BACK: ((G.INGUINAL, _E), (G.AXILLARY, _E), (G.PARA_AORTIC, _M)),
    BodyRegion.ABDOMEN: (
        (G.ABDOMINAL, _M),
        (G.PARA_AORTIC, _M),
        (G.PELVIC, _E),
        (G.INGUINAL, _E),
        (G.AXILLARY, _E),
    ),
    BodyRegion.GENITAL: ((G.INGUINAL, _E), (G.PELVIC, _E)),
    BodyRegion.LATERAL_TRUNK: ((G.AXILLARY, _S), (G.INGUINAL, _S)),
    BodyRegion.GLUTEAL: ((G.INGUINAL, _S), (G.INGUINAL, _O), (G.AXILLARY, _S), (G.PELVIC, _S)),
    BodyRegion.GROIN: ((G.INGUINAL, _S), (G.PELVIC, _S), (G.AXILLARY, _S), (G.INGUINAL, _O)),
    BodyRegion.SHOULDER: _ARM,
    BodyRegion.UPPER_ARM: _ARM,
    BodyRegion.FOREARM: (*_ARM, (G.CUBITAL, _S)),
    BodyRegion.HAND: (*_ARM, (G.CUBITAL, _S)),
    BodyRegion.FINGERS: (*_ARM, (G.CUBITAL, _S)),
    BodyRegion.THIGH: _LEG,
    BodyRegion.KNEE: (*_LEG, (G.POPLITEAL, _S)),
    BodyRegion.POPLITEAL_FOSSA: (*_LEG, (G.POPLITEAL, _S)),
    BodyRegion.LOWER_LEG: (*_LEG, (G.POPLITEAL, _S)),
    BodyRegion.FOOT: (*_LEG, (G.POPLITEAL, _S)),
    BodyRegion.TOES: (*_LEG, (G.POPLITEAL, _S)),
}


def _targets(group: NodeGroup, on: _On, side: Side | None) -> tuple[NodeTarget, ...]:
    if on is _On.MIDLINE:
        return (NodeTarget(group=group),)
    if on is _On.EITHER or side is None:
        return tuple(NodeTarget(group=group, side=s) for s in Side)
    return (NodeTarget(group=group, side=side if on is _On.SAME else other_side(side)),)


def plausible_targets(region: BodyRegion, side: Side | None) -> frozenset[NodeTarget]:
    """Every node group ``region`` on ``side`` can plausibly drain to: its own territory's
    groups and the documented reroutes (the module docstring). A midline region, or a region
    without a side, may drain to either side."""
    return frozenset(
        target
        for group, on in _TARGETS[region]
        for target in _targets(group, on, side if not region.is_midline else None)
    )


#: The depth of each limb segment: the popliteal fossa is at the knee's level.
_SAME_LEVEL_AS = {BodyRegion.POPLITEAL_FOSSA: BodyRegion.KNEE}


def segment_level(region: BodyRegion) -> int | None:
    """How far from the trunk a limb segment is (0 for the shoulder and the thigh), or None
    for a region that is not a limb segment. The knee and the popliteal fossa share a level."""
    limb = region.limb
    if limb is None:
        return None
    segments = [s for s in LIMB_SEGMENTS_PROXIMAL_FIRST[limb] if s not in _SAME_LEVEL_AS]
    return segments.index(_SAME_LEVEL_AS.get(region, region))


def proximal_segments(region: BodyRegion) -> tuple[BodyRegion, ...]:
    """The segments of the same limb nearer the trunk than ``region`` (empty off a limb)."""
    level = segment_level(region)
    limb = region.limb
    if level is None or limb is None:
        return ()
    return tuple(s for s in LIMB_SEGMENTS_PROXIMAL_FIRST[limb] if (segment_level(s) or 0) < level)


def _crossing(region: BodyRegion, side: Side, target: NodeTarget) -> tuple[BodyRegion, ...]:
    """The trunk region a limb's reroute crosses: the chest toward the other axilla, the flank
    between axilla and groin, the lower abdomen toward the other groin."""
    limb = region.limb
    if limb is None:
        return ()
    home = NodeGroup.AXILLARY if limb is Limb.ARM else NodeGroup.INGUINAL
    if target.group is home and target.side is other_side(side):
        return (BodyRegion.CHEST,) if limb is Limb.ARM else (BodyRegion.ABDOMEN,)
    if target.group in (NodeGroup.AXILLARY, NodeGroup.INGUINAL) and target.group is not home:
        return (BodyRegion.LATERAL_TRUNK,)
    return ()


def passes_through(
    region: BodyRegion, side: Side | None, target: NodeTarget | None
) -> tuple[tuple[BodyRegion, Side | None], ...]:
    """The regions (and sides) the lymph of ``region`` passes through on its way: the limb's
    segments nearer the trunk, the trunk region a reroute crosses, and the area of the target
    group itself. ``target`` None (a massage that moves no lymph) gives the limb segments only.
    ``region`` itself is not included."""
    path: list[tuple[BodyRegion, Side | None]] = [(s, side) for s in proximal_segments(region)]
    if target is None or side is None:
        return tuple(path)
    for crossed in _crossing(region, side, target):
        path.append((crossed, None if crossed.is_midline else side))
    for opening, sided in OPENING_REGIONS.get(target.group, ())[:1]:
        path.append((opening, target.side if sided else None))
    return tuple(p for p in path if p != (region, side))
