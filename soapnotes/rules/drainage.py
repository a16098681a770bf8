"""Drainage rules: every region is moved toward a working node group (MLD sessions only).

Sources (``docs/sources.md``): Zuther 2017 (MLD moves each region toward its target node
group) and Földi 2012 (the lymphatic territories); the reroutes after removal or
irradiation are :func:`soapnotes.models.anatomy.reroutes` (Földi 2012, Zuther 2017, Suami
2018). "Removed" is a flag the clinician sets per group and side, never inferred from the
kind of surgery, since many nodes survive a dissection (Szuba 2011).
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.anatomy import home_targets, reroutes
from soapnotes.models.client import Client
from soapnotes.models.note import Note
from soapnotes.models.session import NodeTarget, TreatedRegion
from soapnotes.models.vocabulary import NodeState
from soapnotes.rules._core import RuleCode, RuleOptions
from soapnotes.rules._mld import mld_treatment, target_label

NOT_WORKING = RuleCode(
    code="SN-DR-001",
    severity=Severity.ERROR,
    summary="Region drains to a node group that is removed or irradiated for this client",
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


def _working(client: Client, target: NodeTarget) -> bool:
    return client.node_state(target.group, target.side) is NodeState.WORKING


def _advice(client: Client, treated: TreatedRegion, target: NodeTarget) -> str:
    # The routes are the region's own: its regional group first (a right arm wrongly aimed
    # at the left axilla is pointed back to its working right axilla), then the reroutes for
    # the loss of that regional group; a region without one gets the target's reroutes.
    routes = home_targets(treated.region, treated.side) or reroutes(
        target.group, treated.side or target.side
    )
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

    The message names the working alternatives among the region's home targets
    (:func:`soapnotes.models.anatomy.home_targets`: its regional group, then the reroutes).
    Irradiated groups are treated like removed ones.

    Source: Földi 2012, Zuther 2017 (anastomoses after node removal); Suami 2018.
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

    Source: Zuther 2017, MLD sequences (each region toward its target node group).
    """
    for index, treated in mld_treatment(note):
        if treated.drains_to is None:
            yield NO_TARGET.at(
                f"$.session.treatment[{index}].drains_to",
                f"{treated.label} has no target node group, so its drainage cannot be checked",
            )
