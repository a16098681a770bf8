"""Left against right on one limb: which side is affected, which is the reference, the excess.

The one definition of when excess volume is defined, used by the rules, the note and the
progress report. Excess volume compares the affected limb with the other one, so it exists
only for swelling on one side with both sides measured at the same points; for swelling on
both sides there is no reference limb and the percent change of each limb's volume against
its own baseline is reported instead (ISL 2020 consensus; Mayrovitz et al., *Phys Ther*
2007;87:1362-1368, on comparing series only when measured at the same points).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from soapnotes.models.anatomy import LIMB_SEGMENTS_PROXIMAL_FIRST, REGIONAL_GROUP, other_side
from soapnotes.models.client import Client
from soapnotes.models.measurements import (
    CircumferenceSeries,
    excess_volume_ml,
    excess_volume_percent,
    excess_volume_reduction_percent,
    volume_change_percent,
)
from soapnotes.models.vocabulary import ConditionKind, Limb, NodeState, Side

__all__ = [
    "ExcessVolume",
    "SideComparison",
    "VolumeChange",
    "at_risk_sides",
    "comparable_previous",
    "compare_sides",
    "excess_reduction_percent",
    "left_minus_right_ml",
    "one_sided_limbs",
    "volume_changes",
]


def one_sided_limbs(client: Client) -> tuple[tuple[Limb, Side], ...]:
    """(limb, affected side) of each limb with a swelling condition on one side only.

    Uses :meth:`Client.swollen_sides`. A limb swollen on both sides has no reference limb and
    is left out.
    """
    return tuple(
        (limb, next(iter(sides)))
        for limb in (Limb.ARM, Limb.LEG)
        if len(sides := client.swollen_sides(limb)) == 1
    )


def at_risk_sides(client: Client, limb: Limb) -> frozenset[Side]:
    """The sides of ``limb`` with lymphedema, or at risk of it because the limb's regional
    node group (axillary for the arm, inguinal for the leg) is removed or irradiated there:
    limbs that take no heat and no deep pressure (Zuther 2017; NLN 2012)."""
    group = REGIONAL_GROUP[LIMB_SEGMENTS_PROXIMAL_FIRST[limb][0]]
    return frozenset(
        side
        for side in Side
        if client.node_state(group, side) is not NodeState.WORKING
        or any(
            c.kind is ConditionKind.LYMPHEDEMA and c.covers(limb, side) for c in client.conditions
        )
    )


@attrs.frozen(kw_only=True)
class ExcessVolume:
    """Excess volume of the affected side over the reference side of one limb.

    Args:
        affected: the swollen side.
        affected_ml: its volume.
        reference_ml: the other side's volume, measured at the same points.
    """

    affected: Side
    affected_ml: float
    reference_ml: float

    @property
    def reference(self) -> Side:
        """The side compared against: the other one."""
        return other_side(self.affected)

    @property
    def excess_ml(self) -> float:
        """EV = V_affected - V_reference, in mL."""
        return excess_volume_ml(self.affected_ml, self.reference_ml)

    @property
    def excess_percent(self) -> float:
        """%EV = 100 · EV / V_reference."""
        return excess_volume_percent(self.affected_ml, self.reference_ml)


@attrs.frozen(kw_only=True)
class SideComparison:
    """The two sides of one limb as measured in one session, and what can be said of them.

    Args:
        limb: the limb.
        swollen: the sides with a swelling condition (:meth:`Client.swollen_sides`).
        left: the left side's series, or None when it was not measured.
        right: the right side's series, or None.
    """

    limb: Limb
    swollen: frozenset[Side]
    left: CircumferenceSeries | None
    right: CircumferenceSeries | None

    def series(self, side: Side) -> CircumferenceSeries | None:
        """The series of ``side``, or None when it was not measured."""
        return self.left if side is Side.LEFT else self.right

    @property
    def both_measured(self) -> bool:
        """True when both sides have a series."""
        return self.left is not None and self.right is not None

    @property
    def comparable(self) -> bool:
        """True when both sides were measured at the same landmark and points."""
        return (
            self.left is not None
            and self.right is not None
            and self.left.comparable_with(self.right)
        )

    @property
    def affected(self) -> Side | None:
        """The swollen side when exactly one side is swollen, else None."""
        if len(self.swollen) != 1:
            return None
        (side,) = self.swollen
        return side

    @property
    def reference(self) -> Side | None:
        """The side to compare with: the other one when exactly one side is swollen."""
        affected = self.affected
        return None if affected is None else other_side(affected)

    @property
    def pair(self) -> tuple[CircumferenceSeries, CircumferenceSeries] | None:
        """(affected, reference) series when one side is swollen and both were measured."""
        affected, reference = self.affected, self.reference
        if affected is None or reference is None:
            return None
        aff, ref = self.series(affected), self.series(reference)
        if aff is None or ref is None:
            return None
        return aff, ref

    @property
    def excess(self) -> ExcessVolume | None:
        """The excess volume, when one side is swollen and both compare; else None."""
        pair = self.pair
        if pair is None or not self.comparable:
            return None
        aff, ref = pair
        return ExcessVolume(
            affected=aff.side, affected_ml=aff.volume_ml, reference_ml=ref.volume_ml
        )


def compare_sides(
    client: Client, circumferences: Iterable[CircumferenceSeries], limb: Limb
) -> SideComparison:
    """The comparison of both sides of ``limb`` from a session's circumference series."""
    by_side = {s.side: s for s in circumferences if s.limb is limb}
    return SideComparison(
        limb=limb,
        swollen=client.swollen_sides(limb),
        left=by_side.get(Side.LEFT),
        right=by_side.get(Side.RIGHT),
    )


# -- against an earlier session, and left against right without a swollen side -------------


def comparable_previous(
    current: Sequence[CircumferenceSeries], previous: Sequence[CircumferenceSeries], limb: Limb
) -> dict[Side, CircumferenceSeries]:
    """The earlier series of ``limb`` taken at the same landmark and points as now, by side.

    In the order of ``previous``; an earlier series whose side was not measured now, or was
    measured at other points, is left out: only series measured at the same points compare
    (Mayrovitz 2007).
    """
    now = {s.side: s for s in current if s.limb is limb}
    out: dict[Side, CircumferenceSeries] = {}
    for old in previous:
        here = now.get(old.side)
        if old.limb is limb and here is not None and here.comparable_with(old):
            out[old.side] = old
    return out


@attrs.frozen(kw_only=True)
class VolumeChange:
    """One side's volume now against an earlier series taken at the same points."""

    side: Side
    before_ml: float
    after_ml: float

    @property
    def change_ml(self) -> float:
        """V_now - V_before, in mL."""
        return self.after_ml - self.before_ml

    @property
    def change_percent(self) -> float:
        """100 · (V_now - V_before) / V_before, for edema on both sides (Mayrovitz 2007)."""
        return volume_change_percent(self.before_ml, self.after_ml)


def volume_changes(
    current: Sequence[CircumferenceSeries], previous: Sequence[CircumferenceSeries], limb: Limb
) -> tuple[VolumeChange, ...]:
    """The change of each side of ``limb`` with a comparable earlier series
    (:func:`comparable_previous`), in the order of ``previous``."""
    now = {s.side: s for s in current if s.limb is limb}
    return tuple(
        VolumeChange(side=side, before_ml=old.volume_ml, after_ml=now[side].volume_ml)
        for side, old in comparable_previous(current, previous, limb).items()
    )


def excess_reduction_percent(before: ExcessVolume, now: ExcessVolume) -> float | None:
    """% reduction of excess volume from ``before`` to ``now``: 100 (EV_before - EV_now) /
    EV_before; None when there was no excess then, so the figure is undefined."""
    return excess_volume_reduction_percent(before.excess_ml, now.excess_ml)


def left_minus_right_ml(comparison: SideComparison) -> float | None:
    """V_left - V_right of a limb whose sides compare, else None: the plain difference shown
    when neither side is swollen (no affected side, so no excess volume)."""
    if comparison.left is None or comparison.right is None or not comparison.comparable:
        return None
    return comparison.left.volume_ml - comparison.right.volume_ml
