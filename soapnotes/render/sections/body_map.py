"""The body map section: the session's treated regions and node states, drawn.

The drawing itself is :func:`soapnotes.render.bodymap.draw_body_map`; this section only
hands it the record's values.
"""

from __future__ import annotations

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
)

from soapnotes.i18n import gettext as tr
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import NodeState
from soapnotes.render._writer import Writer

__all__ = ["BODY_MAP_HEIGHT", "body_map"]

#: Height of the body map in points; the width is the text width.
BODY_MAP_HEIGHT = 215.0


def body_map(note: Note, w: Writer) -> list[Flowable]:
    """Front (and back) outline with treated regions shaded by phase, arrows to their nodes.

    Only constant wording of the body map module is drawn as text. Sessions without MLD
    phases and without removed or irradiated nodes get no body map.
    """
    from soapnotes.render.bodymap import MapNode, MapRegion
    from soapnotes.render.bodymap._draw import body_map_flowable
    from soapnotes.render.fonts import family_font_name

    regions = [
        MapRegion(
            region=r.region,
            side=r.side,
            phase=r.phase,
            drains_to=(r.drains_to.group, r.drains_to.side) if r.drains_to else None,
        )
        for r in note.session.treatment
        if r.phase is not None
    ]
    nodes = [
        MapNode(group=n.group, side=n.side, state=n.state)
        for n in note.client.node_status
        if n.state is not NodeState.WORKING
    ]
    if not regions and not nodes:
        return []
    drawing = body_map_flowable(
        regions, nodes, width=w.width, height=BODY_MAP_HEIGHT, font_name=family_font_name()
    )
    # Otherwise the drawing opens with reportlab's default Helvetica, an unembedded font.
    drawing.initialFontName = family_font_name()
    caption = w.para(
        tr(
            "Sides are the client's: on the front view the client's left is on the viewer's right."
        ),
        w.styles.small,
    )
    return [KeepTogether([w.heading(tr("Body map")), drawing, caption])]
