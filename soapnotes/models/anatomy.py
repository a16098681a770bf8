"""Drainage anatomy: sides, the node group each region drains to, reroutes, opening areas.

The one home of these facts: the rules check notes against them, the strategies draw
treatments from them, and the body map draws them. Sources: Földi & Földi, *Földi's
Textbook of Lymphology*, 3rd ed. (2012), ch. 1 (lymphatic territories and watersheds) and
ch. 5 (anastomoses used after node removal); Zuther & Norton, *Lymphedema Management*, 4th
ed. (2017), the MLD sequences for upper and lower extremity lymphedema (axillo-axillary and
axillo-inguinal anastomoses); Suami & Scaglioni, *Semin Plast Surg* 2018;32:5-11 (the
lymphosomes these routes follow). See ``docs/sources.md``.
"""

from __future__ import annotations

from soapnotes.models.session import NodeTarget
from soapnotes.models.vocabulary import BodyRegion, Limb, NodeGroup, Side

__all__ = [
    "CENTRAL_REGIONS",
    "LIMB_SEGMENTS_PROXIMAL_FIRST",
    "OPENING_REGIONS",
    "REGIONAL_GROUP",
    "home_targets",
    "opens",
    "other_side",
    "reroutes",
]


def other_side(side: Side) -> Side:
    """Left for right and right for left."""
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


#: Limb segments from the trunk outward: upper arm before forearm before hand, thigh before
#: lower leg before foot (Zuther & Norton 2017, the extremity sequences).
#: Fingers and toes come last; the popliteal fossa (behind the knee) is at the knee's level
#: (:func:`soapnotes.models.routes.segment_level`).
LIMB_SEGMENTS_PROXIMAL_FIRST: dict[Limb, tuple[BodyRegion, ...]] = {
    Limb.ARM: (
        BodyRegion.SHOULDER,
        BodyRegion.UPPER_ARM,
        BodyRegion.FOREARM,
        BodyRegion.HAND,
        BodyRegion.FINGERS,
    ),
    Limb.LEG: (
        BodyRegion.THIGH,
        BodyRegion.KNEE,
        BodyRegion.POPLITEAL_FOSSA,
        BodyRegion.LOWER_LEG,
        BodyRegion.FOOT,
        BodyRegion.TOES,
    ),
}

#: The regional node group a sided region drains to when nothing is removed (its lymphatic
#: territory; Földi 2012, ch. 1).
REGIONAL_GROUP: dict[BodyRegion, NodeGroup] = {
    BodyRegion.AXILLA: NodeGroup.AXILLARY,
    BodyRegion.CHEST: NodeGroup.AXILLARY,
    BodyRegion.BREAST: NodeGroup.AXILLARY,
    BodyRegion.SHOULDER: NodeGroup.AXILLARY,
    BodyRegion.UPPER_ARM: NodeGroup.AXILLARY,
    BodyRegion.FOREARM: NodeGroup.AXILLARY,
    BodyRegion.HAND: NodeGroup.AXILLARY,
    BodyRegion.GROIN: NodeGroup.INGUINAL,
    BodyRegion.GLUTEAL: NodeGroup.INGUINAL,
    BodyRegion.THIGH: NodeGroup.INGUINAL,
    BodyRegion.KNEE: NodeGroup.INGUINAL,
    BodyRegion.LOWER_LEG: NodeGroup.INGUINAL,
    BodyRegion.FOOT: NodeGroup.INGUINAL,
    BodyRegion.FINGERS: NodeGroup.AXILLARY,
    BodyRegion.POPLITEAL_FOSSA: NodeGroup.INGUINAL,
    BodyRegion.TOES: NodeGroup.INGUINAL,
}

#: The central drainage point cleared before any limb: the supraclavicular terminus and the
#: neck (Wittlinger et al., *Dr. Vodder's Manual Lymph Drainage*, 2nd ed. 2019, basic
#: neck treatment first).
CENTRAL_REGIONS = frozenset({BodyRegion.SUPRACLAVICULAR, BodyRegion.NECK})

#: The regions a therapist clears to open a node group, each with whether its side must
#: match the group's. Cubital nodes have no region of their own; the deep groups (pelvic,
#: para-aortic) open with the abdominal treatment (Wittlinger 2019).
OPENING_REGIONS: dict[NodeGroup, tuple[tuple[BodyRegion, bool], ...]] = {
    NodeGroup.AXILLARY: ((BodyRegion.AXILLA, True),),
    NodeGroup.INGUINAL: ((BodyRegion.GROIN, True),),
    NodeGroup.SUPRACLAVICULAR: ((BodyRegion.SUPRACLAVICULAR, True), (BodyRegion.NECK, False)),
    NodeGroup.CERVICAL: ((BodyRegion.NECK, False), (BodyRegion.SUPRACLAVICULAR, True)),
    NodeGroup.ABDOMINAL: ((BodyRegion.ABDOMEN, False),),
    NodeGroup.POPLITEAL: ((BodyRegion.KNEE, True), (BodyRegion.POPLITEAL_FOSSA, True)),
    NodeGroup.PELVIC: ((BodyRegion.ABDOMEN, False),),
    NodeGroup.PARA_AORTIC: ((BodyRegion.ABDOMEN, False),),
    NodeGroup.PARASTERNAL: ((BodyRegion.CHEST, True),),
    NodeGroup.INFRACLAVICULAR: ((BodyRegion.CHEST, True), (BodyRegion.SUPRACLAVICULAR, True)),
    NodeGroup.OCCIPITAL: ((BodyRegion.NECK, False), (BodyRegion.HEAD, False)),
    NodeGroup.SUBMANDIBULAR: ((BodyRegion.NECK, False), (BodyRegion.FACE, False)),
}


def opens(region: BodyRegion, side: Side | None, target: NodeTarget) -> bool:
    """True when clearing ``region`` on ``side`` opens the node group ``target``."""
    return any(
        region is opening and (not sided or side is target.side)
        for opening, sided in OPENING_REGIONS.get(target.group, ())
    )


def reroutes(group: NodeGroup, side: Side | None) -> tuple[NodeTarget, ...] | None:
    """The working routes when ``group`` on ``side`` is lost, or None when none is known.

    After axillary removal on one side: the other axilla (axillo-axillary anastomosis), the
    same-side groin (axillo-inguinal), or the same-side supraclavicular and cervical nodes.
    After inguinal removal: the same-side axilla (inguino-axillary) or the other groin
    (inter-inguinal). Földi 2012, ch. 5; Zuther & Norton 2017.
    """
    if side is None:
        return None
    if group is NodeGroup.AXILLARY:
        return (
            NodeTarget(group=NodeGroup.AXILLARY, side=other_side(side)),
            NodeTarget(group=NodeGroup.INGUINAL, side=side),
            NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=side),
            NodeTarget(group=NodeGroup.CERVICAL, side=side),
        )
    if group is NodeGroup.INGUINAL:
        return (
            NodeTarget(group=NodeGroup.AXILLARY, side=side),
            NodeTarget(group=NodeGroup.INGUINAL, side=other_side(side)),
        )
    return None


def home_targets(region: BodyRegion, side: Side | None) -> tuple[NodeTarget, ...]:
    """Where ``region`` on ``side`` may drain: its regional group first, then the reroutes.

    Empty for a midline region or one without a regional group.
    """
    group = REGIONAL_GROUP.get(region)
    if group is None or side is None:
        return ()
    return (NodeTarget(group=group, side=side), *(reroutes(group, side) or ()))
