"""Drainage rules (SN-DR-*): rerouting after node loss (Földi 2012, Zuther 2017)."""

from __future__ import annotations

import attrs
import pytest

from soapnotes import (
    Modality,
    NodeGroup,
    NodeState,
    NodeStatus,
    NodeTarget,
    Note,
    Severity,
    Side,
)
from tests.rules.helpers import codes, findings, only, with_client, with_session, with_treatment

UPPER_ARM = 7  # the arm example's left upper arm, clearing


def _drain(note: Note, index: int, target: NodeTarget | None) -> Note:
    treatment = list(note.session.treatment)
    treatment[index] = attrs.evolve(treatment[index], drains_to=target)
    return with_treatment(note, *treatment)


def test_draining_to_a_removed_group_names_the_reroutes(arm: Note) -> None:
    """The left upper arm moved toward the removed left axilla is SN-DR-001 with the routes."""
    note = _drain(arm, UPPER_ARM, NodeTarget(group=NodeGroup.AXILLARY, side=Side.LEFT))
    (finding,) = only(note, "SN-DR-001")
    assert finding.path == f"$.session.treatment[{UPPER_ARM}].drains_to"
    assert "removed" in finding.message
    assert (
        "right axillary nodes, left inguinal nodes, left supraclavicular nodes or left "
        "cervical nodes" in finding.message
    )


def test_draining_to_the_group_on_the_other_side_passes(arm: Note) -> None:
    """The same arm toward the working right axilla raises nothing (the example as shipped)."""
    assert "SN-DR-001" not in codes(arm)


def test_irradiated_group_is_a_caution_not_an_error(arm: Note) -> None:
    """Irradiated is not removed (issue 12, item 14): draining to irradiated right axillary
    nodes is SN-DR-003, a warning naming the left arm's working routes, never SN-DR-001."""
    irradiated = NodeStatus(group=NodeGroup.AXILLARY, side=Side.RIGHT, state=NodeState.IRRADIATED)
    note = with_client(arm, node_status=(*arm.client.node_status, irradiated))
    assert "SN-DR-001" not in codes(note)
    found = {f.path: f for f in only(note, "SN-DR-003")}
    assert len(found) == 9  # right axilla, left chest, shoulder and the six arm entries
    finding = found[f"$.session.treatment[{UPPER_ARM}].drains_to"]
    assert finding.severity is Severity.WARNING
    assert "which are irradiated" in finding.message
    assert finding.message.endswith(
        "left inguinal nodes, left supraclavicular nodes or left cervical nodes"
    )


def test_irradiated_terminus_stays_open(arm: Note) -> None:
    """After left supraclavicular radiotherapy, clearing the left terminus is info SN-DR-004,
    with no reroute advice (there is none around the terminus)."""
    irradiated = NodeStatus(
        group=NodeGroup.SUPRACLAVICULAR, side=Side.LEFT, state=NodeState.IRRADIATED
    )
    note = with_client(arm, node_status=(*arm.client.node_status, irradiated))
    assert not [c for c in codes(note) if c in ("SN-DR-001", "SN-DR-003")]
    (finding,) = only(note, "SN-DR-004")
    assert finding.path == "$.session.treatment[1].drains_to"
    assert finding.severity is Severity.INFO
    assert "reroute" not in finding.message
    assert {f.severity for f in findings(note)} <= {Severity.INFO}


def test_implausible_target_is_an_error(arm: Note) -> None:
    """The left forearm toward the right popliteal nodes is SN-DR-005 (issue 12, item 9)."""
    note = _drain(arm, 8, NodeTarget(group=NodeGroup.POPLITEAL, side=Side.RIGHT))
    (finding,) = only(note, "SN-DR-005")
    assert finding.path == "$.session.treatment[8].drains_to"
    assert "right popliteal nodes" in finding.message


@pytest.mark.parametrize(
    ("index", "target"),
    [
        (8, NodeTarget(group=NodeGroup.AXILLARY, side=Side.RIGHT)),  # axillo-axillary
        (8, NodeTarget(group=NodeGroup.INGUINAL, side=Side.LEFT)),  # axillo-inguinal
        (8, NodeTarget(group=NodeGroup.CUBITAL, side=Side.LEFT)),  # its own cubital nodes
        (7, NodeTarget(group=NodeGroup.INFRACLAVICULAR, side=Side.LEFT)),  # cephalic route
        (5, NodeTarget(group=NodeGroup.PARASTERNAL, side=Side.LEFT)),  # chest: parasternal
    ],
)
def test_documented_routes_are_plausible(arm: Note, index: int, target: NodeTarget) -> None:
    """Every territory and documented reroute passes the plausibility check."""
    assert "SN-DR-005" not in codes(_drain(arm, index, target))


@pytest.mark.parametrize(
    ("index", "target"),
    [
        (8, NodeTarget(group=NodeGroup.INGUINAL, side=Side.RIGHT)),  # the other groin
        (9, NodeTarget(group=NodeGroup.CUBITAL, side=Side.RIGHT)),  # the other elbow
        (2, NodeTarget(group=NodeGroup.INGUINAL, side=Side.RIGHT)),  # the neck to a groin
        (4, NodeTarget(group=NodeGroup.AXILLARY, side=Side.RIGHT)),  # left groin to right axilla
    ],
)
def test_other_targets_are_implausible(arm: Note, index: int, target: NodeTarget) -> None:
    """Targets outside a region's territory and reroutes are SN-DR-005."""
    assert "SN-DR-005" in codes(_drain(arm, index, target))


def test_inguinal_removal_suggests_axilla_or_other_groin(legs: Note) -> None:
    """After left inguinal removal the left leg is rerouted to the left axilla or right groin."""
    status = (NodeStatus(group=NodeGroup.INGUINAL, side=Side.LEFT, state=NodeState.REMOVED),)
    found = only(with_client(legs, node_status=status), "SN-DR-001")
    assert found
    assert all("left axillary nodes or right inguinal nodes" in f.message for f in found)


def test_only_working_reroutes_are_suggested(legs: Note) -> None:
    """With the right groin removed too, only the left axilla is suggested."""
    status = tuple(
        NodeStatus(group=NodeGroup.INGUINAL, side=side, state=NodeState.REMOVED) for side in Side
    )
    found = only(with_client(legs, node_status=status), "SN-DR-001")
    left = [f for f in found if f.message.startswith("Left")]
    assert left
    assert all("reroute it to the left axillary nodes" in f.message for f in left)


def test_group_without_listed_reroute_gives_general_advice(arm: Note) -> None:
    """A removed group with no known reroute gets generic advice, not invented routes."""
    status = (
        NodeStatus(group=NodeGroup.SUPRACLAVICULAR, side=Side.LEFT, state=NodeState.REMOVED),
    )
    (finding,) = only(with_client(arm, node_status=status), "SN-DR-001")
    assert finding.message.endswith("reroute it to a working node group")


def test_mld_region_without_target_is_a_warning(arm: Note) -> None:
    """An MLD region with no drains_to is SN-DR-002."""
    found = only(_drain(arm, UPPER_ARM, None), "SN-DR-002")
    assert [f.path for f in found] == [f"$.session.treatment[{UPPER_ARM}].drains_to"]


def test_other_modalities_need_no_target(swedish: Note) -> None:
    """A Swedish massage moves no lymph: no drainage finding for regions without a target."""
    assert not [c for c in codes(swedish) if c.startswith("SN-DR")]


def test_drainage_not_checked_for_other_modalities(arm: Note) -> None:
    """The same removed-group target in a non-MLD session is not a drainage finding."""
    note = _drain(arm, UPPER_ARM, NodeTarget(group=NodeGroup.AXILLARY, side=Side.LEFT))
    assert "SN-DR-001" not in codes(with_session(note, modality=Modality.SWEDISH))


def test_misdirected_arm_is_pointed_back_to_its_own_working_axilla(arm: Note) -> None:
    """A right arm aimed at the removed left axilla is offered the working right axilla first."""
    right_arm = attrs.evolve(
        arm.session.treatment[UPPER_ARM],
        side=Side.RIGHT,
        drains_to=NodeTarget(group=NodeGroup.AXILLARY, side=Side.LEFT),
    )
    treatment = list(arm.session.treatment)
    treatment[UPPER_ARM] = right_arm
    (finding,) = only(with_treatment(arm, *treatment), "SN-DR-001")
    assert "reroute it to a working group: right axillary nodes, right inguinal nodes" in (
        finding.message
    )
