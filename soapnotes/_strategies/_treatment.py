"""The treatment: MLD in the order the sources teach, other massages, single regions.

An MLD treatment opens the terminus first (Wittlinger 2019), then the node group each limb
drains to, then treats each limb from the trunk outward in a clearing pass and maybe a
reabsorption pass (Zuther 2017). Every region drains toward a working node group: its
regional group, or a reroute when that group is removed or irradiated (Földi 2012, ch. 5).
The drainage facts all come from :mod:`soapnotes.models.anatomy`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
from hypothesis import strategies as st

from soapnotes._strategies._base import SearchStrategy, _cached, _drawn, _maybe
from soapnotes._strategies._client import _swollen
from soapnotes.models.anatomy import (
    LIMB_SEGMENTS_PROXIMAL_FIRST,
    OPENING_REGIONS,
    home_targets,
    opens,
    other_side,
)
from soapnotes.models.client import Client, RegionRef
from soapnotes.models.limbs import at_risk_sides
from soapnotes.models.routes import passes_through
from soapnotes.models.session import NodeTarget, TreatedRegion
from soapnotes.models.vocabulary import (
    ABDOMINAL_CONTRAINDICATIONS,
    BLOCKS_DRAINAGE_THROUGH,
    FORBIDDEN_REGION,
    Answer,
    BodyRegion,
    Limb,
    NodeGroup,
    NodeState,
    Phase,
    Side,
)

#: Regions a massage that does not move lymph works on.
_BODY_WORK = (
    BodyRegion.UPPER_BACK,
    BodyRegion.LOWER_BACK,
    BodyRegion.SHOULDER,
    BodyRegion.NECK,
    BodyRegion.THIGH,
    BodyRegion.LOWER_LEG,
    BodyRegion.FOOT,
    BodyRegion.HAND,
    BodyRegion.FACE,
    BodyRegion.GLUTEAL,
)
_TERMINUS_ORDER = (Side.RIGHT, Side.LEFT)


@_cached
def node_targets() -> SearchStrategy[NodeTarget]:
    """Any node group on a side (no side for the midline abdominal group).

    .. versionadded:: 0.1.0
    """
    return st.sampled_from(NodeGroup).flatmap(
        lambda g: (
            st.just(NodeTarget(group=g))
            if g.is_midline
            else st.sampled_from(Side).map(lambda s: NodeTarget(group=g, side=s))
        )
    )


def _terminus(side: Side | None) -> NodeTarget:
    """The supraclavicular terminus, where all lymph ends (right when no side is given)."""
    return NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=side or Side.RIGHT)


def _natural_target(where: BodyRegion, side: Side | None) -> NodeTarget:
    """Where ``where`` drains with every group working: its regional group, else the group it
    opens (a node area), else the terminus."""
    home = home_targets(where, side)
    if home:
        return home[0]
    for group, openings in OPENING_REGIONS.items():
        if any(where is region for region, _ in openings):
            return NodeTarget(group=group, side=None if group.is_midline else side or Side.RIGHT)
    return _terminus(side)


@_cached
def treated_regions(*, phase: Phase | None = None) -> SearchStrategy[TreatedRegion]:
    """One treated region on its own, draining to the node group it drains to naturally.

    A single region cannot be checked for order: use :func:`sessions` or :func:`notes` for a
    whole treatment.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> TreatedRegion:
        where = draw(st.sampled_from(BodyRegion))
        side = draw(st.sampled_from(Side)) if not where.is_midline else None
        return TreatedRegion(
            region=where,
            side=side,
            phase=phase or draw(st.sampled_from(Phase)),
            minutes=draw(st.integers(1, 10)),
            drains_to=_natural_target(where, side),
        )

    return _drawn(build)


def _working(client: Client, target: NodeTarget) -> bool:
    return client.node_state(target.group, target.side) is NodeState.WORKING


def _forbidden(client: Client) -> list[RegionRef]:
    """Regions a yes in the screen rules out (local areas, the neck or the abdomen for the
    questions that forbid them), and the abdomen unless every abdominal question is
    answered."""
    out: list[RegionRef] = []
    screening = client.screening
    if screening is None:
        return out
    for answer in screening.answers:
        if answer.answer is Answer.YES:
            out.extend(answer.areas)
            if answer.question in FORBIDDEN_REGION:
                out.append(RegionRef(region=FORBIDDEN_REGION[answer.question]))
    if any(
        (a := screening.answer_to(q)) is None or a.answer is Answer.UNKNOWN
        for q in ABDOMINAL_CONTRAINDICATIONS
    ):
        out.append(RegionRef(region=BodyRegion.ABDOMEN))
    return out


def _blocking(client: Client) -> list[RegionRef]:
    """Areas nothing drains through: a wound or a skin infection answered yes."""
    if client.screening is None:
        return []
    return [
        ref
        for answer in client.screening.answers
        if answer.answer is Answer.YES and answer.question in BLOCKS_DRAINAGE_THROUGH
        for ref in answer.areas
    ]


def _allowed(forbidden: Sequence[RegionRef], region: BodyRegion, side: Side | None) -> bool:
    return not any(ref.covers(region, side) for ref in forbidden)


def _clear_path(
    blocking: Sequence[RegionRef], region: BodyRegion, side: Side | None, to: NodeTarget | None
) -> bool:
    """True when the lymph of ``region`` passes through no blocking area on its way ``to``."""
    path = passes_through(region, side, to)
    return not any(ref.covers(r, s) for r, s in path for ref in blocking)


@attrs.frozen
class _LimbPlan:
    """One limb side to treat: where it drains and its segments, proximal first."""

    limb: Limb
    side: Side
    target: NodeTarget
    segments: tuple[BodyRegion, ...]


#: Makes one treated region: (region, side, phase, target) -> TreatedRegion.
_Make = Callable[[BodyRegion, "Side | None", Phase, NodeTarget], TreatedRegion]


def _route(draw: st.DrawFn, client: Client, limb: Limb, side: Side) -> NodeTarget | None:
    """The group ``limb`` on ``side`` drains to: its own if working, else a working reroute."""
    routes = home_targets(LIMB_SEGMENTS_PROXIMAL_FIRST[limb][0], side)
    working = [t for t in routes if _working(client, t)]
    if not working:
        return None
    return working[0] if working[0] == routes[0] else draw(st.sampled_from(working))


def _limb_plans(
    draw: st.DrawFn, client: Client, forbidden: Sequence[RegionRef], *, many_regions: bool
) -> list[_LimbPlan]:
    """The limbs treated (swollen ones first in the choice), each with a target and segments."""
    swollen = _swollen(client)
    candidates = swollen + [(lb, sd) for lb in Limb for sd in Side if (lb, sd) not in swollen]
    fewest, most = (2, 4) if many_regions else (0, 2)
    limbs = draw(
        st.lists(st.sampled_from(candidates), min_size=fewest, max_size=most, unique=True)
    )
    blocking = _blocking(client)
    plans: list[_LimbPlan] = []
    for limb, side in limbs:
        target = _route(draw, client, limb, side)
        if target is None:
            continue
        segments = [
            s
            for s in LIMB_SEGMENTS_PROXIMAL_FIRST[limb]
            if _allowed(forbidden, s, side) and _clear_path(blocking, s, side, target)
        ]
        if not segments:
            continue
        if not many_regions:
            chosen = draw(st.lists(st.sampled_from(segments), min_size=1, unique=True))
            segments = [s for s in segments if s in chosen]  # proximal first
        plans.append(_LimbPlan(limb, side, target, tuple(segments)))
    return plans


def _central(
    draw: st.DrawFn, plans: Sequence[_LimbPlan], forbidden: Sequence[RegionRef], make: _Make
) -> list[TreatedRegion]:
    """The terminus on each side it opens a target for (one at least), maybe the neck."""
    sides = {
        p.target.side for p in plans if opens(BodyRegion.SUPRACLAVICULAR, p.target.side, p.target)
    }
    sides |= set(draw(st.lists(st.sampled_from(Side), min_size=1, unique=True)))
    out = [
        make(BodyRegion.SUPRACLAVICULAR, side, Phase.CLEARING, _terminus(side))
        for side in _TERMINUS_ORDER
        if side in sides
    ]
    if _allowed(forbidden, BodyRegion.NECK, None) and draw(st.booleans()):
        side = draw(st.sampled_from([s for s in _TERMINUS_ORDER if s in sides]))
        out.append(make(BodyRegion.NECK, None, Phase.CLEARING, _terminus(side)))
    return out


def _openings(
    plans: Sequence[_LimbPlan], opened: Sequence[TreatedRegion], make: _Make
) -> list[TreatedRegion]:
    """Each target group not opened yet, opened by clearing its first opening region."""
    out: list[TreatedRegion] = []
    for plan in plans:
        target = plan.target
        if any(opens(r.region, r.side, target) for r in (*opened, *out)):
            continue
        region, sided = OPENING_REGIONS[target.group][0]
        out.append(make(region, target.side if sided else None, Phase.CLEARING, target))
    return out


def _limb_passes(
    draw: st.DrawFn,
    plan: _LimbPlan,
    forbidden: Sequence[RegionRef],
    make: _Make,
    *,
    many_regions: bool,
) -> list[TreatedRegion]:
    """A clearing pass trunk-outward (across the chest toward the other axilla when the arm is
    rerouted there), then maybe a reabsorption pass over some of the same segments."""
    limb, side, target, segments = plan.limb, plan.side, plan.target, plan.segments
    out: list[TreatedRegion] = []
    crosses = limb is Limb.ARM and target.side is other_side(side)  # axillo-axillary
    if crosses and _allowed(forbidden, BodyRegion.CHEST, side):
        out.append(make(BodyRegion.CHEST, side, Phase.CLEARING, target))
    out.extend(make(segment, side, Phase.CLEARING, target) for segment in segments)
    if many_regions:
        again = list(segments)
    elif draw(st.booleans()):
        picked = draw(st.lists(st.sampled_from(segments), min_size=1))
        again = [s for s in segments if s in picked]
    else:
        again = []
    out.extend(make(segment, side, Phase.REABSORPTION, target) for segment in again)
    return out


@st.composite
def _mld_treatment(
    draw: st.DrawFn, client: Client, *, many_regions: bool, text: SearchStrategy[str]
) -> list[TreatedRegion]:
    """An MLD treatment in the order of the module docstring, around forbidden regions."""
    forbidden = _forbidden(client)
    minutes = st.integers(1, 6 if many_regions else 10)
    technique = _maybe(
        st.sampled_from(("Stationary circles", "Pump technique", "Scoop technique"))
    )

    def make(
        where: BodyRegion, side: Side | None, phase: Phase, target: NodeTarget
    ) -> TreatedRegion:
        return TreatedRegion(
            region=where,
            side=side,
            phase=phase,
            minutes=draw(minutes),
            technique=draw(technique),
            drains_to=target,
            notes=draw(_maybe(text)),
        )

    plans = _limb_plans(draw, client, forbidden, many_regions=many_regions)
    treatment = _central(draw, plans, forbidden, make)
    treatment += _openings(plans, treatment, make)
    # An abdominal pass sometimes (deep abdominal nodes), where the abdomen may be treated.
    if _allowed(forbidden, BodyRegion.ABDOMEN, None) and draw(st.booleans()):
        abdominal = NodeTarget(group=NodeGroup.ABDOMINAL)
        treatment.append(make(BodyRegion.ABDOMEN, None, Phase.CLEARING, abdominal))
    for plan in plans:
        treatment += _limb_passes(draw, plan, forbidden, make, many_regions=many_regions)
    return treatment


@st.composite
def _other_treatment(
    draw: st.DrawFn, client: Client, *, many_regions: bool, text: SearchStrategy[str]
) -> list[TreatedRegion]:
    """A massage that does not move lymph: regions without phase or target, none on a limb
    with lymphedema or at risk of it (no heat or deep pressure there) or beyond a wound."""
    forbidden = _forbidden(client)
    blocking = _blocking(client)
    spots = draw(
        st.lists(
            st.tuples(st.sampled_from(_BODY_WORK), _maybe(st.sampled_from(Side))),
            min_size=10 if many_regions else 0,
            max_size=30 if many_regions else 4,
        )
    )
    out = []
    for where, side in spots:
        if not where.is_midline and side is None:
            side = Side.LEFT
        limb = where.limb
        at_risk = limb is not None and side in at_risk_sides(client, limb)
        if _allowed(forbidden, where, side) and _clear_path(blocking, where, side, None):
            if at_risk:
                continue
            out.append(
                TreatedRegion(
                    region=where,
                    side=side,
                    minutes=draw(st.integers(1, 10)),
                    technique=draw(_maybe(st.sampled_from(("Effleurage", "Petrissage")))),
                    notes=draw(_maybe(text)),
                )
            )
    return out
