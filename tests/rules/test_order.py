"""Order rules (SN-OR-*): the MLD sequences (Wittlinger 2019, Zuther 2017)."""

from __future__ import annotations

from soapnotes import BodyRegion, Modality, NodeGroup, NodeTarget, Note, Phase, Side, TreatedRegion
from tests.rules.helpers import codes, only, with_session, with_treatment

R, L = Side.RIGHT, Side.LEFT
CLEAR, REABSORB = Phase.CLEARING, Phase.REABSORPTION
RIGHT_AXILLA = NodeTarget(group=NodeGroup.AXILLARY, side=R)


def step(
    region: BodyRegion,
    side: Side | None = L,
    phase: Phase = CLEAR,
    to: NodeTarget = RIGHT_AXILLA,
) -> TreatedRegion:
    return TreatedRegion(region=region, side=side, phase=phase, minutes=2, drains_to=to)


TERMINUS = step(
    BodyRegion.SUPRACLAVICULAR, R, to=NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=R)
)
AXILLA = step(BodyRegion.AXILLA, R)


def order_codes(note: Note) -> list[str]:
    return [c for c in codes(note) if c.startswith("SN-OR")]


def test_shipped_mld_examples_are_in_order(arm: Note, legs: Note) -> None:
    """The two MLD examples (clearing pass, then reabsorption pass) raise no order finding."""
    assert order_codes(arm) == []
    assert order_codes(legs) == []


def test_reabsorption_before_clearing_is_a_warning(arm: Note) -> None:
    """Clearing the forearm after its reabsorption is SN-OR-001 naming both positions."""
    note = with_treatment(
        arm,
        TERMINUS,
        AXILLA,
        step(BodyRegion.FOREARM, phase=REABSORB),
        step(BodyRegion.FOREARM),
    )
    (finding,) = only(note, "SN-OR-001")
    assert finding.path == "$.session.treatment[3].phase"
    assert "treatment[2]" in finding.message
    assert "treatment[3]" in finding.message


def test_reabsorption_of_another_side_does_not_count(arm: Note) -> None:
    """Reabsorbing the right forearm does not make clearing the left one late."""
    note = with_treatment(
        arm, TERMINUS, AXILLA, step(BodyRegion.FOREARM, R, REABSORB), step(BodyRegion.FOREARM)
    )
    assert "SN-OR-001" not in codes(note)


def test_limb_before_terminus_is_a_warning(arm: Note) -> None:
    """The upper arm before any terminus or neck clearing is SN-OR-002, naming where it is."""
    note = with_treatment(arm, AXILLA, step(BodyRegion.UPPER_ARM), TERMINUS)
    (finding,) = only(note, "SN-OR-002")
    assert finding.path == "$.session.treatment[1].region"
    assert "cleared only at right supraclavicular (terminus) (treatment[2])" in finding.message


def test_neck_clearing_counts_as_central_point(arm: Note) -> None:
    """Clearing the neck (no terminus) before the limb is enough."""
    neck = step(BodyRegion.NECK, None, to=NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=R))
    note = with_treatment(arm, neck, AXILLA, step(BodyRegion.UPPER_ARM))
    assert order_codes(note) == []


def test_limb_before_target_group_is_a_warning(arm: Note) -> None:
    """Draining toward the right axilla before clearing it is SN-OR-003."""
    note = with_treatment(arm, TERMINUS, step(BodyRegion.UPPER_ARM), AXILLA)
    (finding,) = only(note, "SN-OR-003")
    assert finding.path == "$.session.treatment[1].drains_to"
    assert "right axillary nodes" in finding.message
    assert "treatment[2]" in finding.message


def test_clearing_the_other_axilla_does_not_open_the_target(arm: Note) -> None:
    """Clearing the left axilla does not open the right axillary nodes (SN-OR-003)."""
    note = with_treatment(
        arm, TERMINUS, step(BodyRegion.AXILLA, L, to=RIGHT_AXILLA), step(BodyRegion.UPPER_ARM)
    )
    assert "SN-OR-003" in codes(note)


def test_distal_before_proximal_is_a_warning(arm: Note) -> None:
    """The hand before the forearm in one clearing pass is SN-OR-004 naming both."""
    note = with_treatment(
        arm,
        TERMINUS,
        AXILLA,
        step(BodyRegion.UPPER_ARM),
        step(BodyRegion.HAND),
        step(BodyRegion.FOREARM),
    )
    (finding,) = only(note, "SN-OR-004")
    assert finding.path == "$.session.treatment[4].region"
    assert "left hand (treatment[3])" in finding.message


def test_new_pass_may_start_proximal_again(arm: Note) -> None:
    """A reabsorption pass starting at the upper arm after a clearing pass ending at the hand
    is in order; so is the other arm starting over."""
    note = with_treatment(
        arm,
        TERMINUS,
        AXILLA,
        step(BodyRegion.UPPER_ARM),
        step(BodyRegion.HAND),
        step(BodyRegion.UPPER_ARM, R),
        step(BodyRegion.UPPER_ARM, phase=REABSORB),
    )
    assert order_codes(note) == []


def test_order_not_checked_for_other_modalities(arm: Note) -> None:
    """A Swedish massage has no lymphatic order to keep."""
    note = with_treatment(arm, step(BodyRegion.HAND), step(BodyRegion.UPPER_ARM))
    assert order_codes(with_session(note, modality=Modality.SWEDISH)) == []


def test_mld_region_without_phase_is_flagged_not_guessed(arm: Note) -> None:
    """An MLD entry without a phase is SN-OR-005 and does not count as opening a group."""
    unphased_axilla = TreatedRegion(
        region=BodyRegion.AXILLA, side=R, minutes=2, drains_to=RIGHT_AXILLA
    )
    note = with_treatment(arm, TERMINUS, unphased_axilla, step(BodyRegion.UPPER_ARM))
    (finding,) = only(note, "SN-OR-005")
    assert finding.path == "$.session.treatment[1].phase"
    assert "SN-OR-003" in codes(note)


def test_phase_is_not_required_outside_mld(swedish: Note) -> None:
    """Swedish massage regions carry no phase and raise no SN-OR-005."""
    assert "SN-OR-005" not in codes(swedish)
