"""Order rules: central points first, then the target group, then the limb trunk-outward.

Only the order of regions is checked, never stroke direction, on which schools disagree.
Only MLD sessions are checked. Sources (``docs/sources.md``): Wittlinger 2019 (the basic neck
treatment first) and Zuther 2017 (the MLD sequences: central point, then the target node
group, then the limb from the trunk outward); clearing before reabsorption on one region,
and a phase on every region, are soapnotes policy following those sequences.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.anatomy import CENTRAL_REGIONS, OPENING_REGIONS, opens
from soapnotes.models.note import Note
from soapnotes.models.routes import segment_level
from soapnotes.models.session import NodeTarget, TreatedRegion
from soapnotes.models.vocabulary import BodyRegion, Phase, Side
from soapnotes.rules._core import RuleCode, RuleOptions
from soapnotes.rules._mld import mld_treatment

REABSORPTION_FIRST = RuleCode(
    code="SN-OR-001",
    severity=Severity.WARNING,
    summary="Region cleared after its reabsorption",
    source="soapnotes policy (on one region, clearing before reabsorption; after Zuther 2017)",
)
CENTRAL_NOT_CLEARED = RuleCode(
    code="SN-OR-002",
    severity=Severity.WARNING,
    summary="Limb treated before the central drainage point (terminus or neck) was cleared",
    source=(
        "Wittlinger 2019 (the basic neck treatment first); "
        "Zuther 2017, MLD sequences (the central point first)"
    ),
)
TARGET_NOT_CLEARED = RuleCode(
    code="SN-OR-003",
    severity=Severity.WARNING,
    summary="Limb treated before its target node group was cleared",
    source="Zuther 2017, MLD sequences (the target node group before the limb)",
)
DISTAL_FIRST = RuleCode(
    code="SN-OR-004",
    severity=Severity.WARNING,
    summary="Limb segment out of order in a pass (clearing: from the trunk outward)",
    source=(
        "Zuther 2017, MLD sequences (the clearing pass from the trunk outward); "
        "soapnotes policy (the reabsorption order: RuleOptions.reabsorption_order)"
    ),
)
NO_PHASE = RuleCode(
    code="SN-OR-005",
    severity=Severity.WARNING,
    summary="MLD region without a phase (clearing or reabsorption): its order cannot be checked",
    source="soapnotes policy (every MLD region records its phase, so its order can be checked)",
)


def _is_limb(treated: TreatedRegion) -> bool:
    return treated.region.limb is not None


def _clears(treated: TreatedRegion) -> bool:
    # An entry without a phase is not taken for a clearing (SN-OR-005 flags it): guessing
    # would hide a limb treated before its node groups were opened.
    return treated.phase is Phase.CLEARING


def clearing_before_reabsorption(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """On any one region (and side), clearing comes before reabsorption.

    Source: soapnotes policy, following the proximal-first sequences of Zuther 2017.
    """
    reabsorbed: dict[tuple[BodyRegion, Side | None], int] = {}
    treatment = note.session.treatment
    for index, treated in mld_treatment(note):
        key = (treated.region, treated.side)
        if treated.phase is Phase.REABSORPTION:
            reabsorbed.setdefault(key, index)
        elif treated.phase is Phase.CLEARING and key in reabsorbed:
            earlier = reabsorbed[key]
            yield REABSORPTION_FIRST.at(
                f"$.session.treatment[{index}].phase",
                "clearing of {region!l} (treatment[{index}]) comes after its reabsorption at "
                "{earlier!l} (treatment[{earlier_index}])",
                region=treated,
                index=index,
                earlier=treatment[earlier],
                earlier_index=earlier,
            )


def _cleared_later(limb_index: int, cleared: set[int]) -> int | None:
    """Where the missing clearing happens after the limb (None: not in this session)."""
    return min((i for i in cleared if i > limb_index), default=None)


def central_point_first(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The central drainage point (supraclavicular terminus, either side, or neck) is cleared
    before the first limb segment.

    Source: Wittlinger 2019 (the basic neck treatment first); Zuther 2017, MLD sequences;
    :data:`soapnotes.models.anatomy.CENTRAL_REGIONS`.
    """
    treatment = list(mld_treatment(note))
    first_limb = next(((i, t) for i, t in treatment if _is_limb(t)), None)
    if first_limb is None:
        return
    limb_index, limb = first_limb
    central = {i for i, t in treatment if t.region in CENTRAL_REGIONS and _clears(t)}
    if any(i < limb_index for i in central):
        return
    path = f"$.session.treatment[{limb_index}].region"
    later = _cleared_later(limb_index, central)
    if later is None:
        yield CENTRAL_NOT_CLEARED.at(
            path,
            "{region!l} (treatment[{index}]) is treated before the central drainage point "
            "(supraclavicular or neck) was cleared; it is not cleared in this session",
            region=limb,
            index=limb_index,
        )
    else:
        yield CENTRAL_NOT_CLEARED.at(
            path,
            "{region!l} (treatment[{index}]) is treated before the central drainage point "
            "(supraclavicular or neck) was cleared; it is cleared only at {later!l} "
            "(treatment[{later_index}])",
            region=limb,
            index=limb_index,
            later=note.session.treatment[later],
            later_index=later,
        )


def target_group_first(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The node group a limb drains to is cleared before the first segment draining to it.

    The group is opened by clearing its area: axilla for axillary, groin for inguinal, neck or
    supraclavicular for cervical and supraclavicular, abdomen for abdominal, knee or popliteal
    fossa for popliteal (same side where the group has one). Cubital nodes have no region and
    are not checked. The entry that clears the area itself opens it (clearing the knee toward
    the popliteal nodes is their opening, not a limb treated before them).

    Source: Zuther 2017, MLD sequences; :data:`soapnotes.models.anatomy.OPENING_REGIONS`.
    """
    treatment = list(mld_treatment(note))
    checked: set[NodeTarget] = set()
    for index, treated in treatment:
        target = treated.drains_to
        if not _is_limb(treated) or target is None or target in checked:
            continue
        checked.add(target)
        if target.group not in OPENING_REGIONS:
            continue
        opened = {i for i, t in treatment if _clears(t) and opens(t.region, t.side, target)}
        if any(i <= index for i in opened):
            continue
        yield _target_not_cleared(note, index, target, _cleared_later(index, opened))


def _target_not_cleared(note: Note, index: int, target: NodeTarget, later: int | None) -> Finding:
    path = f"$.session.treatment[{index}].drains_to"
    treated = note.session.treatment[index]
    if later is None:
        return TARGET_NOT_CLEARED.at(
            path,
            "{region!l} (treatment[{index}]) drains to the {target!l} before they were "
            "cleared; it is not cleared in this session",
            region=treated,
            index=index,
            target=target,
        )
    return TARGET_NOT_CLEARED.at(
        path,
        "{region!l} (treatment[{index}]) drains to the {target!l} before they were cleared; "
        "it is cleared only at {later!l} (treatment[{later_index}])",
        region=treated,
        index=index,
        target=target,
        later=note.session.treatment[later],
        later_index=later,
    )


def _wants_proximal_first(phase: Phase | None, options: RuleOptions) -> bool | None:
    """True when the pass must go from the trunk outward, False when inward, None when its
    order is not checked (a reabsorption pass under the default policy)."""
    if phase is not Phase.REABSORPTION:
        return True
    order = options.reabsorption_order
    return None if order == "any" else order == "proximal_first"


def proximal_before_distal(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Within one clearing pass (same limb, side and phase), segments go from the trunk
    outward: upper arm before forearm before hand; thigh before knee before lower leg before
    foot. A reabsorption pass is checked only when the clinic's policy sets an order
    (``RuleOptions.reabsorption_order``: ``"proximal_first"`` or ``"distal_first"``; by
    default ``"any"``, since schools differ and the proximal-first rule is the clearing
    pass's). Knee and popliteal fossa are at the same level
    (:func:`soapnotes.models.routes.segment_level`).

    Source: Zuther 2017, MLD sequences; soapnotes policy (the reabsorption order).
    """
    treatment = note.session.treatment
    furthest: dict[tuple[object, Side | None, Phase | None], int] = {}
    for index, treated in mld_treatment(note):
        level = segment_level(treated.region)
        outward = _wants_proximal_first(treated.phase, options)
        if level is None or outward is None:
            continue
        key = (treated.region.limb, treated.side, treated.phase)
        earlier = furthest.get(key)
        before = None if earlier is None else segment_level(treatment[earlier].region)
        if earlier is None or before is None or (before < level if outward else before > level):
            furthest[key] = index
        elif before != level:
            yield DISTAL_FIRST.at(
                f"$.session.treatment[{index}].region",
                (
                    "{region!l} (treatment[{index}]) comes after {earlier!l} "
                    "(treatment[{earlier_index}]) in the same pass; go from the trunk outward"
                    if outward
                    else "{region!l} (treatment[{index}]) comes after {earlier!l} "
                    "(treatment[{earlier_index}]) in the same pass; go toward the trunk"
                ),
                region=treated,
                index=index,
                earlier=treatment[earlier],
                earlier_index=earlier,
            )


def phase_recorded(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every region of an MLD session says whether it was clearing or reabsorption.

    Without the phase the order rules cannot tell an opening from the work on a limb, and
    soapnotes does not guess it.

    Source: soapnotes policy.
    """
    for index, treated in mld_treatment(note):
        if treated.phase is None:
            yield NO_PHASE.at(
                f"$.session.treatment[{index}].phase",
                "{region!l} (treatment[{index}]) has no phase: record clearing or reabsorption",
                region=treated,
                index=index,
            )
