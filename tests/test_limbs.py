"""Left against right, and the drainage anatomy: the facts the rules, note and report share."""

from __future__ import annotations

import attrs

import soapnotes
from soapnotes import Limb, NodeGroup, NodeTarget, Side
from soapnotes.models import anatomy
from soapnotes.models.limbs import compare_sides
from soapnotes.models.vocabulary import BodyRegion, Laterality

from .conftest import EXAMPLES_DIR


def test_left_arm_example_excess_volume() -> None:
    """The left-arm example's excess is the left arm over the right: 377 mL, 20.7 %."""
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    sides = compare_sides(note.client, note.session.objective.circumferences, Limb.ARM)
    assert sides.affected is Side.LEFT
    excess = sides.excess
    assert excess is not None
    assert excess.reference is Side.RIGHT
    assert round(excess.excess_ml) == 377
    assert round(excess.excess_percent, 1) == 20.7


def test_no_excess_when_both_sides_swollen() -> None:
    """Swelling on both sides has no reference limb, so no excess volume."""
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    conditions = tuple(
        attrs.evolve(c, side=Laterality.BILATERAL) if c.area is not None else c
        for c in note.client.conditions
    )
    client = attrs.evolve(note.client, conditions=conditions)
    sides = compare_sides(client, note.session.objective.circumferences, Limb.ARM)
    assert sides.swollen == frozenset(Side)
    assert sides.affected is None
    assert sides.excess is None


def test_no_excess_when_sides_measured_at_other_points() -> None:
    """Series at different points do not compare, so no excess volume is computed."""
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    left, right = (note.session.objective.series(Limb.ARM, s) for s in (Side.LEFT, Side.RIGHT))
    assert left is not None
    assert right is not None
    shorter = attrs.evolve(right, points=right.points[:-1])
    sides = compare_sides(note.client, (left, shorter), Limb.ARM)
    assert sides.both_measured
    assert not sides.comparable
    assert sides.excess is None


def test_reroutes_after_left_axillary_removal() -> None:
    """A lost left axilla reroutes to the right axilla, left groin, left neck nodes."""
    routes = anatomy.reroutes(NodeGroup.AXILLARY, Side.LEFT)
    assert routes == (
        NodeTarget(group=NodeGroup.AXILLARY, side=Side.RIGHT),
        NodeTarget(group=NodeGroup.INGUINAL, side=Side.LEFT),
        NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=Side.LEFT),
        NodeTarget(group=NodeGroup.CERVICAL, side=Side.LEFT),
    )
    assert anatomy.reroutes(NodeGroup.CUBITAL, Side.LEFT) is None


def test_home_targets_start_with_the_regional_group() -> None:
    """A right forearm drains first to the right axilla, then to its reroutes."""
    targets = anatomy.home_targets(BodyRegion.FOREARM, Side.RIGHT)
    assert targets[0] == NodeTarget(group=NodeGroup.AXILLARY, side=Side.RIGHT)
    assert NodeTarget(group=NodeGroup.AXILLARY, side=Side.LEFT) in targets
    assert anatomy.home_targets(BodyRegion.NECK, None) == ()


def test_opening_regions() -> None:
    """Clearing the left axilla opens the left axillary nodes, not the right ones."""
    left = NodeTarget(group=NodeGroup.AXILLARY, side=Side.LEFT)
    right = NodeTarget(group=NodeGroup.AXILLARY, side=Side.RIGHT)
    assert anatomy.opens(BodyRegion.AXILLA, Side.LEFT, left)
    assert not anatomy.opens(BodyRegion.AXILLA, Side.LEFT, right)
    assert anatomy.opens(
        BodyRegion.NECK, None, NodeTarget(group=NodeGroup.CERVICAL, side=Side.RIGHT)
    )


def test_pair_is_affected_then_reference() -> None:
    """One swollen side measured on both sides gives (affected, reference); else None."""
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    circumferences = note.session.objective.circumferences
    sides = compare_sides(note.client, circumferences, Limb.ARM)
    assert sides.reference is Side.RIGHT
    assert sides.pair is not None
    assert [s.side for s in sides.pair] == [Side.LEFT, Side.RIGHT]
    left_only = [s for s in circumferences if s.side is Side.LEFT]
    assert compare_sides(note.client, left_only, Limb.ARM).pair is None
    legs = compare_sides(note.client, circumferences, Limb.LEG)
    assert legs.reference is None
    assert legs.pair is None
