"""What the body map is asked to draw: treated regions and node states."""

from __future__ import annotations

from typing import Any

import attrs

from soapnotes.models.vocabulary import BodyRegion, NodeGroup, NodeState, Phase, Side

_instance_of = attrs.validators.instance_of
_optional = attrs.validators.optional


def _check_drain(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``drains_to`` is None or a (NodeGroup, Side | None) pair."""
    if value is None:
        return
    if (
        not isinstance(value, tuple)
        or len(value) != 2
        or not isinstance(value[0], NodeGroup)
        or not (value[1] is None or isinstance(value[1], Side))
    ):
        raise TypeError(
            f"{attribute.name} must be None or a (NodeGroup, Side | None) pair, "
            f"not {type(value).__name__}"
        )


@attrs.frozen
class MapRegion:
    """One treated region as the body map shows it.

    Args:
        region: the region treated.
        side: the client's side; None on a paired region means both sides, on a midline region
            (neck, face, abdomen, upper/lower back) the whole region.
        phase: clearing or reabsorption. A region listed in both phases is drawn striped.
        drains_to: the node group (and its side) the region was drained toward, or None. A
            paired group without a side means the region's own side.

    .. versionadded:: 0.1.0
    """

    region: BodyRegion = attrs.field(validator=_instance_of(BodyRegion))
    side: Side | None = attrs.field(validator=_optional(_instance_of(Side)))
    phase: Phase = attrs.field(validator=_instance_of(Phase))
    drains_to: tuple[NodeGroup, Side | None] | None = attrs.field(
        default=None, validator=_check_drain
    )


@attrs.frozen
class MapNode:
    """A node group whose state the map marks (removed or irradiated).

    Args:
        group: the node group.
        side: the client's side; None on a paired group means both sides (ignored for the
            midline abdominal group).
        state: removed or irradiated; ``working`` draws no extra mark.

    .. versionadded:: 0.1.0
    """

    group: NodeGroup = attrs.field(validator=_instance_of(NodeGroup))
    side: Side | None = attrs.field(validator=_optional(_instance_of(Side)))
    state: NodeState = attrs.field(validator=_instance_of(NodeState))
