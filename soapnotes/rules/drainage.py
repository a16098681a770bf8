"""Drainage rules: every region is moved toward a node group it can drain to and that still
drains (MLD sessions only).

Sources (``docs/sources.md``): Zuther 2017 (MLD moves each region toward its target node
group) and Földi 2012 (the lymphatic territories); the plausible targets are
:func:`soapnotes.models.routes.plausible_targets` and the reroutes after removal
:func:`soapnotes.models.anatomy.reroutes` (Földi 2012, Zuther 2017, Suami 2018). "Removed" is
a flag the clinician sets per group and side, never inferred from the kind of surgery, since
many nodes survive a dissection (Szuba 2011). Irradiated is not removed: irradiated nodes
drain with reduced capacity (Földi 2012, Zuther 2017), so draining toward them is a caution.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.anatomy import home_targets, reroutes
from soapnotes.models.client import Client
from soapnotes.models.note import Note
from soapnotes.models.routes import plausible_targets
from soapnotes.models.session import NodeTarget, TreatedRegion
from soapnotes.models.vocabulary import NodeGroup, NodeState
from soapnotes.rules._core import RuleCode, RuleOptions, any_of
from soapnotes.rules._mld import LOWER, mld_treatment

_IRRADIATED = "Földi 2012, Zuther 2017 (irradiated nodes drain with reduced capacity)"

NOT_WORKING = RuleCode(
    code="SN-DR-001",
    severity=Severity.ERROR,
    summary="Region drains to a node group that is removed for this client",
    source=(
        "Földi 2012, Zuther 2017 (anastomoses used after node removal); Suami 2018 (routes "
        "after node loss); Szuba 2011 (removal is a flag per group and side)"
    ),
)
NO_TARGET = RuleCode(
    code="SN-DR-002",
    severity=Severity.WARNING,
    summary="MLD region without a target node group (drainage cannot be checked)",
    source="Zuther 2017, MLD sequences (each region is moved toward its target node group)",
)
IRRADIATED = RuleCode(
    code="SN-DR-003",
    severity=Severity.WARNING,
    summary="Region drains to an irradiated node group (reduced capacity): prefer a working one",
    source=_IRRADIATED,
)
IRRADIATED_TERMINUS = RuleCode(
    code="SN-DR-004",
    severity=Severity.INFO,
    summary="Terminus or neck nodes irradiated: opened gently (irradiated is not removed)",
    source=f"{_IRRADIATED}; Wittlinger 2019 (the terminus, where all lymph ends)",
)
IMPLAUSIBLE = RuleCode(
    code="SN-DR-005",
    severity=Severity.ERROR,
    summary="Region drains to a node group it cannot plausibly drain to",
    source="Földi 2012 (lymphatic territories); Zuther 2017, Suami 2018 (reroutes)",
)

#: The node groups opened by clearing the central drainage point (terminus, neck): every
#: route ends there, so none goes around them.
_CENTRAL_GROUPS = frozenset({NodeGroup.SUPRACLAVICULAR, NodeGroup.CERVICAL})


def _working(client: Client, target: NodeTarget) -> bool:
    return client.node_state(target.group, target.side) is NodeState.WORKING


def _routes(client: Client, treated: TreatedRegion, target: NodeTarget) -> list[NodeTarget] | None:
    """The working routes to name instead of ``target`` (None: the region has no usual
    routes at all)."""
    # The routes are the region's own: its regional group first (a right arm wrongly aimed
    # at the left axilla is pointed back to its working right axilla), then the reroutes for
    # the loss of that regional group; a region without one gets the target's reroutes.
    routes = home_targets(treated.region, treated.side) or reroutes(
        target.group, treated.side or target.side
    )
    if routes is None:
        return None
    return [route for route in routes if route != target and _working(client, route)]


def _not_working(
    code: RuleCode, path: str, client: Client, treated: TreatedRegion, target: NodeTarget
) -> Finding:
    """SN-DR-001 (removed) or SN-DR-003 (irradiated): the message names the working routes."""
    state = client.node_state(target.group, target.side)
    where = {"region": treated, "target": target, "state": state}
    routes = _routes(client, treated, target)
    irradiated = state.drains
    if routes is None:
        return code.at(
            path,
            (
                "{region} drains to the {target!l}, which are irradiated and drain with reduced "
                "capacity; reroute it to a working node group"
                if irradiated
                else "{region} drains to the {target!l}, which are {state!l} for this client; "
                "reroute it to a working node group"
            ),
            **where,
        )
    if not routes:
        return code.at(
            path,
            (
                "{region} drains to the {target!l}, which are irradiated and drain with reduced "
                "capacity; none of the usual reroutes is working for this client: agree a route "
                "with the supervising clinician"
                if irradiated
                else "{region} drains to the {target!l}, which are {state!l} for this client; "
                "none of the usual reroutes is working for this client: agree a route with the "
                "supervising clinician"
            ),
            **where,
        )
    if len(routes) == 1:
        return code.at(
            path,
            (
                "{region} drains to the {target!l}, which are irradiated and drain with reduced "
                "capacity; reroute it to the {route!l}"
                if irradiated
                else "{region} drains to the {target!l}, which are {state!l} for this client; "
                "reroute it to the {route!l}"
            ),
            route=routes[0],
            **where,
        )
    return code.at(
        path,
        (
            "{region} drains to the {target!l}, which are irradiated and drain with reduced "
            "capacity; reroute it to a working group: {routes}"
            if irradiated
            else "{region} drains to the {target!l}, which are {state!l} for this client; "
            "reroute it to a working group: {routes}"
        ),
        routes=any_of(routes, LOWER),
        **where,
    )


def drains_to_working_group(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A region must not drain to a removed node group (an error); toward an irradiated one
    it is a caution, since irradiated nodes still drain with reduced capacity: a warning
    naming the working routes, or info for the terminus and neck nodes, which every route
    ends at and none goes around.

    The message names the working alternatives among the region's home targets
    (:func:`soapnotes.models.anatomy.home_targets`: its regional group, then the reroutes).

    Source: Földi 2012, Zuther 2017 (anastomoses after node removal; irradiated nodes);
    Suami 2018.
    """
    client = note.client
    for index, treated in mld_treatment(note):
        target = treated.drains_to
        if target is None or _working(client, target):
            continue
        path = f"$.session.treatment[{index}].drains_to"
        state = client.node_state(target.group, target.side)
        if not state.drains:
            yield _not_working(NOT_WORKING, path, client, treated, target)
        elif target.group in _CENTRAL_GROUPS:
            yield IRRADIATED_TERMINUS.at(
                path,
                "{region} drains to the {target!l}, which are irradiated: irradiated is not "
                "removed, so opening them stays allowed; work gently over the irradiated skin",
                region=treated,
                target=target,
            )
        else:
            yield _not_working(IRRADIATED, path, client, treated, target)


def plausible_target(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A region drains only to a node group it can reach: one of its own territory or a
    documented reroute (:func:`soapnotes.models.routes.plausible_targets`). A left forearm
    may drain to the right axilla (axillo-axillary), never to the right popliteal nodes.

    Source: Földi 2012 (lymphatic territories); Zuther 2017, Suami 2018 (reroutes).
    """
    for index, treated in mld_treatment(note):
        target = treated.drains_to
        if target is None or target in plausible_targets(treated.region, treated.side):
            continue
        yield IMPLAUSIBLE.at(
            f"$.session.treatment[{index}].drains_to",
            "{region} cannot drain to the {target!l}: no lymphatic territory or documented "
            "reroute leads there",
            region=treated,
            target=target,
        )


def drainage_target_recorded(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every region of an MLD session names the node group it drains to, so it can be checked.

    Source: Zuther 2017, MLD sequences (each region toward its target node group).
    """
    for index, treated in mld_treatment(note):
        if treated.drains_to is None:
            yield NO_TARGET.at(
                f"$.session.treatment[{index}].drains_to",
                "{region} has no target node group, so its drainage cannot be checked",
                region=treated,
            )
