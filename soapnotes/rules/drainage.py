"""Drainage rules: every region is moved toward a working node group (MLD sessions only).

Source: DOMAIN.md, "Order and direction" (every region drains toward a working node group;
rerouting after removal or irradiation; "removed" is a flag the clinician sets per group and
side, Szuba 2011).
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.client import Client
from soapnotes.models.note import Note
from soapnotes.models.session import NodeTarget, TreatedRegion
from soapnotes.models.vocabulary import BodyRegion, NodeGroup, NodeState, Side
from soapnotes.rules._core import RuleCode, RuleOptions
from soapnotes.rules._mld import mld_treatment, other_side, target_label

_SOURCE = "DOMAIN.md, Order and direction (rerouting; Foldi/Zuther, Suami et al.)"

NOT_WORKING = RuleCode(
    code="SN-DR-001",
    severity=Severity.ERROR,
    summary="Region drains to a node group that is removed or irradiated for this client",
    source=_SOURCE,
)
NO_TARGET = RuleCode(
    code="SN-DR-002",
    severity=Severity.WARNING,
    summary="MLD region without a target node group (drainage cannot be checked)",
    source="DOMAIN.md, Order and direction (every region drains toward a working group)",
)


def reroutes(group: NodeGroup, side: Side | None) -> tuple[NodeTarget, ...] | None:
    """DOMAIN.md's rerouting list when ``group`` on ``side`` is lost, or None when it has none.

    After axillary removal on one side: the other axilla (axillo-axillary), the same-side groin
    (axillo-inguinal), or the same-side supraclavicular / cervical nodes. After inguinal removal:
    the same-side axilla or the other groin.
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


def _working(client: Client, target: NodeTarget) -> bool:
    return client.node_state(target.group, target.side) is NodeState.WORKING


#: The regional node group a sided region drains to when nothing is removed.
_REGIONAL_GROUP = {
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
}


def _advice(client: Client, treated: TreatedRegion, target: NodeTarget) -> str:
    # The routes are the region's own: its regional group first (a right arm wrongly aimed
    # at the left axilla is pointed back to its working right axilla), then DOMAIN.md's
    # reroutes for the loss of that regional group.
    group = _REGIONAL_GROUP.get(treated.region)
    if group is not None and treated.side is not None:
        home = NodeTarget(group=group, side=treated.side)
        routes: tuple[NodeTarget, ...] | None = (home, *(reroutes(group, treated.side) or ()))
    else:
        routes = reroutes(target.group, treated.side or target.side)
    if routes is None:
        return "reroute it to a working node group"
    working = [
        target_label(route) for route in routes if route != target and _working(client, route)
    ]
    if not working:
        return (
            "none of the usual reroutes is working for this client: agree a route with the "
            "supervising clinician"
        )
    if len(working) == 1:
        return f"reroute it to the {working[0]}"
    return f"reroute it to a working group: {', '.join(working[:-1])} or {working[-1]}"


def drains_to_working_group(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A region must drain to a node group that works; removed or irradiated groups do not.

    The message names the working alternatives from DOMAIN.md's rerouting list. Irradiated
    groups are treated like removed ones ("removed or irradiated ... rerouted").

    Source: DOMAIN.md, Order and direction.
    """
    client = note.client
    for index, treated in mld_treatment(note):
        target = treated.drains_to
        if target is None or _working(client, target):
            continue
        state = client.node_state(target.group, target.side)
        yield NOT_WORKING.at(
            f"$.session.treatment[{index}].drains_to",
            f"{treated.label} drains to the {target_label(target)}, which are {state.value} "
            f"for this client; {_advice(client, treated, target)}",
        )


def drainage_target_recorded(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every region of an MLD session names the node group it drains to, so it can be checked.

    Source: DOMAIN.md, Order and direction ("check ... the target node group").
    """
    for index, treated in mld_treatment(note):
        if treated.drains_to is None:
            yield NO_TARGET.at(
                f"$.session.treatment[{index}].drains_to",
                f"{treated.label} has no target node group, so its drainage cannot be checked",
            )
