"""The body map of a treatment note: what was treated, in which phase, and toward which nodes.

:func:`draw_body_map` returns a reportlab :class:`~reportlab.graphics.shapes.Drawing` (use it
as a platypus flowable or draw it on a canvas). It shows a front view of a standing figure and,
when the back was treated, a back view beside it, with

* each treated region shaded in place, coloured by MLD phase (blue = clearing, orange =
  reabsorption, orange with blue stripes = both);
* the lymph node groups as small rings: working targets filled green, removed ones crossed in
  dark red, irradiated ones ringed and hatched in purple;
* an arrow from each treated region toward the node group it drains to;
* "R" and "L" on every view and a legend.

Sides are always the *client's* sides: on the front view the client's left is on the viewer's
right; on the back view it is on the viewer's left. Which node group a region drains to is the
record's (``TreatedRegion.drains_to``); the map keeps no drainage facts of its own.

The package, from the inputs to the drawing: ``_inputs`` (:class:`MapRegion`,
:class:`MapNode`), ``_style`` (colours and the only strings drawn: nothing from a record ever
reaches the page through the body map), ``_geometry`` (the figure in body units), ``_curves``,
``_plan`` (what goes where, per view), ``_marks`` (shading, arrows, node marks), ``_figure``
(one view), ``_legend`` and ``_draw`` (:func:`draw_body_map`).

.. versionadded:: 0.1.0
"""

from soapnotes.render.bodymap._draw import draw_body_map
from soapnotes.render.bodymap._inputs import MapNode, MapRegion
from soapnotes.render.bodymap._plan import BACK_REGIONS, needs_back_view
from soapnotes.render.bodymap._style import (
    CLEARING_COLOR,
    CLEARING_FILL,
    IRRADIATED_COLOR,
    REABSORPTION_COLOR,
    REABSORPTION_FILL,
    REMOVED_COLOR,
    TARGET_COLOR,
)

__all__ = [
    "BACK_REGIONS",
    "CLEARING_COLOR",
    "CLEARING_FILL",
    "IRRADIATED_COLOR",
    "REABSORPTION_COLOR",
    "REABSORPTION_FILL",
    "REMOVED_COLOR",
    "TARGET_COLOR",
    "MapNode",
    "MapRegion",
    "draw_body_map",
    "needs_back_view",
]
