"""Tests of the body map: what is drawn where, in which colour, and that it stays in its box."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Group, Line, Polygon, String

from soapnotes.models.vocabulary import BodyRegion, NodeGroup, NodeState, Phase, Side
from soapnotes.render.bodymap import (
    BACK_REGIONS,
    CLEARING_COLOR,
    CLEARING_FILL,
    IRRADIATED_COLOR,
    REABSORPTION_COLOR,
    REABSORPTION_FILL,
    REMOVED_COLOR,
    TARGET_COLOR,
    MapNode,
    MapRegion,
    draw_body_map,
    needs_back_view,
)

LEFT, RIGHT = Side.LEFT, Side.RIGHT
CLEARING, REABSORPTION = Phase.CLEARING, Phase.REABSORPTION
PHASE_COLORS = {CLEARING_COLOR, CLEARING_FILL, REABSORPTION_COLOR, REABSORPTION_FILL}

#: Every string the body map may draw.
CONSTANT_TEXTS = {
    "Front",
    "Back",
    "R",
    "L",
    "Clearing",
    "Reabsorption",
    "Clearing + reabsorption",
    "Working target node",
    "Lymph node group",
    "Removed node",
    "Irradiated node",
    "Drainage direction",
    "R / L: client's right / left",
}

#: Left-arm lymphedema after left axillary dissection (the brief's case a).
LEFT_ARM_SESSION = (
    MapRegion(BodyRegion.SUPRACLAVICULAR, None, CLEARING),
    MapRegion(BodyRegion.NECK, None, CLEARING),
    MapRegion(BodyRegion.AXILLA, RIGHT, CLEARING),
    MapRegion(BodyRegion.GROIN, LEFT, CLEARING),
    MapRegion(BodyRegion.CHEST, LEFT, CLEARING, (NodeGroup.AXILLARY, RIGHT)),
    MapRegion(BodyRegion.UPPER_ARM, LEFT, REABSORPTION, (NodeGroup.AXILLARY, RIGHT)),
    MapRegion(BodyRegion.FOREARM, LEFT, REABSORPTION, (NodeGroup.AXILLARY, RIGHT)),
    MapRegion(BodyRegion.HAND, LEFT, REABSORPTION, (NodeGroup.INGUINAL, LEFT)),
)
LEFT_AXILLA_REMOVED = (MapNode(NodeGroup.AXILLARY, LEFT, NodeState.REMOVED),)


def shapes(node: Any) -> Iterator[Any]:
    """Every leaf shape under a drawing or group, depth first."""
    for child in node.contents:
        if isinstance(child, Group):
            yield from shapes(child)
        else:
            yield child


def centre_x(view: Any) -> float:
    """The horizontal middle of a view's silhouette, in drawing points."""
    x1, _, x2, _ = view.silhouette.getBounds()
    return float(x1 + x2) / 2


def pdf_text(drawing: Any) -> str:
    """The text pypdf extracts from a one-page PDF of the drawing."""
    data = renderPDF.drawToString(drawing, invariant=1)
    return str(PdfReader(BytesIO(data)).pages[0].extract_text())


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """True when two (x1, y1, x2, y2) boxes overlap by more than a hair."""
    return a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01


def test_legend_words_are_in_the_pdf() -> None:
    """The legend and the front caption reach the PDF as extractable text."""
    text = pdf_text(draw_body_map(LEFT_ARM_SESSION, LEFT_AXILLA_REMOVED))
    for word in (
        "Front",
        "Clearing",
        "Reabsorption",
        "Working target node",
        "Removed node",
        "Irradiated node",
        "Drainage direction",
        "client's right / left",
    ):
        assert word in text
    assert "Back" not in text


def test_only_constant_strings_are_drawn() -> None:
    """Every string drawn is one of the module's fixed labels, never record data."""
    drawing = draw_body_map(LEFT_ARM_SESSION, LEFT_AXILLA_REMOVED, show_back=True)
    texts = {s.text for s in shapes(drawing) if isinstance(s, String)}
    assert texts <= CONSTANT_TEXTS
    assert {"Front", "Back", "R", "L"} <= texts


def test_text_uses_the_given_font() -> None:
    """The font name passed in is the font of every string (the note passes DejaVu)."""
    drawing = draw_body_map(LEFT_ARM_SESSION, font_name="Times-Roman")
    fonts = {s.fontName for s in shapes(drawing) if isinstance(s, String)}
    assert fonts == {"Times-Roman"}


def test_no_phase_colours_without_regions() -> None:
    """With nothing treated the figures carry no clearing or reabsorption colour."""
    drawing = draw_body_map([], LEFT_AXILLA_REMOVED, show_back=True)
    for view in (drawing.front, drawing.back):
        assert view.regions.contents == []
        for shape in shapes(view):
            assert getattr(shape, "fillColor", None) not in PHASE_COLORS
            assert getattr(shape, "strokeColor", None) not in PHASE_COLORS


@pytest.mark.parametrize(
    ("phases", "fill", "stripes"),
    [
        ((CLEARING,), CLEARING_FILL, False),
        ((REABSORPTION,), REABSORPTION_FILL, False),
        ((CLEARING, REABSORPTION), REABSORPTION_FILL, True),
    ],
)
def test_region_is_shaded_by_phase(phases: tuple[Phase, ...], fill: Any, stripes: bool) -> None:
    """A treated region is filled in its phase colour; both phases add clearing stripes."""
    regions = [MapRegion(BodyRegion.THIGH, LEFT, phase) for phase in phases]
    drawn = list(shapes(draw_body_map(regions).front.regions))
    fills = {s.fillColor for s in drawn if isinstance(s, Polygon) and s.fillColor is not None}
    assert fills == {fill}
    striped = [s for s in drawn if isinstance(s, Line) and s.strokeColor == CLEARING_COLOR]
    assert bool(striped) is stripes


def test_client_left_is_on_the_viewer_right_of_the_front() -> None:
    """A left hand is shaded right of the front figure's midline, a right hand left of it."""
    for side, on_right in ((LEFT, True), (RIGHT, False)):
        front = draw_body_map([MapRegion(BodyRegion.HAND, side, CLEARING)]).front
        x1, _, x2, _ = front.regions.getBounds()
        assert ((x1 + x2) / 2 > centre_x(front)) is on_right


def test_client_left_is_on_the_viewer_left_of_the_back() -> None:
    """A left gluteal region is shaded left of the back figure's midline."""
    back = draw_body_map([MapRegion(BodyRegion.GLUTEAL, LEFT, CLEARING)]).back
    _, _, x2, _ = back.regions.getBounds()
    assert x2 <= centre_x(back) + 0.01


def test_side_markers_follow_the_view() -> None:
    """'R' is on the viewer's left of the front view and on the viewer's right of the back."""
    drawing = draw_body_map([], show_back=True)
    for view, r_on_left in ((drawing.front, True), (drawing.back, False)):
        marks = {s.text: s.x for s in shapes(view.labels) if s.text in {"R", "L"}}
        middle = centre_x(view)
        assert (marks["R"] < middle < marks["L"]) is r_on_left
        assert (marks["L"] < middle < marks["R"]) is not r_on_left


def test_side_left_out_on_a_paired_region_shades_both_sides() -> None:
    """A paired region without a side is shaded on both sides of the figure."""
    front = draw_body_map([MapRegion(BodyRegion.FOOT, None, REABSORPTION)]).front
    polygons = [s for s in shapes(front.regions) if isinstance(s, Polygon)]
    middle = centre_x(front)
    assert len(polygons) == 2
    assert {min(s.points[::2]) > middle for s in polygons} == {True, False}


def test_removed_left_axilla_is_crossed_on_the_correct_side() -> None:
    """A removed left axillary group is crossed in the removal colour on the viewer's right of
    the front view and the viewer's left of the back view."""
    drawing = draw_body_map([], LEFT_AXILLA_REMOVED, show_back=True)
    for view, on_right in ((drawing.front, True), (drawing.back, False)):
        cross = [
            s for s in shapes(view.nodes) if isinstance(s, Line) and s.strokeColor == REMOVED_COLOR
        ]
        assert len(cross) == 2
        middle = centre_x(view)
        assert all((min(s.x1, s.x2) > middle) is on_right for s in cross)
        assert all((max(s.x1, s.x2) < middle) is not on_right for s in cross)


def test_irradiated_node_is_ringed() -> None:
    """An irradiated node group gets a ring in the irradiation colour, not a removal cross."""
    nodes = [MapNode(NodeGroup.INGUINAL, RIGHT, NodeState.IRRADIATED)]
    drawn = list(shapes(draw_body_map([], nodes).front.nodes))
    assert any(isinstance(s, Circle) and s.strokeColor == IRRADIATED_COLOR for s in drawn)
    assert not any(getattr(s, "strokeColor", None) == REMOVED_COLOR for s in drawn)


def test_working_nodes_get_no_state_mark() -> None:
    """A node listed as working gets neither the removal cross nor the irradiation ring."""
    working = [MapNode(NodeGroup.AXILLARY, None, NodeState.WORKING)]
    front = draw_body_map([], working).front
    marks = {REMOVED_COLOR, IRRADIATED_COLOR}
    assert not any(getattr(s, "strokeColor", None) in marks for s in shapes(front))


def test_drain_targets_are_green() -> None:
    """Each node group a region drains to is a filled target dot; others are not."""
    drawn = list(shapes(draw_body_map(LEFT_ARM_SESSION).front.nodes))
    targets = [s for s in drawn if isinstance(s, Circle) and s.fillColor == TARGET_COLOR]
    assert len(targets) == 2  # right axillary, left inguinal


def arrow_heads(view: Any) -> list[Any]:
    return list(view.arrows.heads.contents)


def test_one_arrow_per_distinct_drain_pair() -> None:
    """Arrows are de-duplicated by (region, side, target): repeats and second phases add none."""
    to_right_axilla = (NodeGroup.AXILLARY, RIGHT)
    regions = [
        MapRegion(BodyRegion.UPPER_ARM, LEFT, CLEARING, to_right_axilla),
        MapRegion(BodyRegion.UPPER_ARM, LEFT, REABSORPTION, to_right_axilla),
        MapRegion(BodyRegion.UPPER_ARM, LEFT, REABSORPTION, to_right_axilla),
        MapRegion(BodyRegion.FOREARM, LEFT, REABSORPTION, to_right_axilla),
        MapRegion(BodyRegion.FOREARM, LEFT, REABSORPTION, (NodeGroup.INGUINAL, LEFT)),
        MapRegion(BodyRegion.HAND, LEFT, REABSORPTION),
    ]
    front = draw_body_map(regions).front
    assert len(arrow_heads(front)) == 3
    assert len(front.arrows.starts.contents) == 3


def test_paired_target_without_side_drains_each_side_to_its_own_group() -> None:
    """Both legs draining to 'inguinal' give one arrow per leg, each to its own groin."""
    regions = [MapRegion(BodyRegion.LOWER_LEG, None, REABSORPTION, (NodeGroup.INGUINAL, None))]
    front = draw_body_map(regions).front
    heads = arrow_heads(front)
    middle = centre_x(front)
    assert len(heads) == 2
    assert {h.points[0] > middle for h in heads} == {True, False}


def test_cross_body_arrow_points_across_the_chest() -> None:
    """Left arm to right axilla (axillo-axillary) ends on the viewer's left of the front view."""
    regions = [MapRegion(BodyRegion.UPPER_ARM, LEFT, REABSORPTION, (NodeGroup.AXILLARY, RIGHT))]
    front = draw_body_map(regions).front
    (head,) = arrow_heads(front)
    (start,) = front.arrows.starts.contents
    middle = centre_x(front)
    assert start.cx > middle > head.points[0]


def test_region_on_its_own_node_draws_no_arrow() -> None:
    """A groin cleared into its own inguinal nodes is shown by the target dot, not an arrow."""
    regions = [MapRegion(BodyRegion.GROIN, LEFT, CLEARING, (NodeGroup.INGUINAL, LEFT))]
    front = draw_body_map(regions).front
    assert arrow_heads(front) == []
    assert any(isinstance(s, Circle) and s.fillColor == TARGET_COLOR for s in shapes(front.nodes))


@pytest.mark.parametrize("region", sorted(BACK_REGIONS, key=str))
def test_back_view_appears_when_a_back_region_is_treated(region: BodyRegion) -> None:
    """Treating the upper back, lower back or gluteal region adds the captioned back view."""
    drawing = draw_body_map([MapRegion(region, None, REABSORPTION)])
    assert hasattr(drawing, "back")
    assert drawing.back.regions.contents
    assert drawing.front.regions.contents == []
    assert "Back" in pdf_text(drawing)
    assert needs_back_view([MapRegion(region, None, REABSORPTION)])


def test_back_view_is_left_out_for_front_regions_unless_asked() -> None:
    """Front-only sessions draw no back view by default; show_back forces it either way."""
    assert not hasattr(draw_body_map(LEFT_ARM_SESSION), "back")
    assert hasattr(draw_body_map(LEFT_ARM_SESSION, show_back=True), "back")
    back_session = [MapRegion(BodyRegion.UPPER_BACK, None, CLEARING)]
    assert not hasattr(draw_body_map(back_session, show_back=False), "back")


def test_same_input_gives_the_same_pdf() -> None:
    """Rendering is deterministic: equal inputs give byte-identical invariant PDFs."""
    first = renderPDF.drawToString(
        draw_body_map(LEFT_ARM_SESSION, LEFT_AXILLA_REMOVED), invariant=1
    )
    again = renderPDF.drawToString(
        draw_body_map(LEFT_ARM_SESSION, LEFT_AXILLA_REMOVED), invariant=1
    )
    assert first == again


def test_bad_input_is_refused() -> None:
    """Wrong item types, a malformed drains_to and a non-positive size raise clear errors."""
    with pytest.raises(TypeError, match=r"regions\[0\] must be a MapRegion"):
        draw_body_map([(BodyRegion.HAND, LEFT, CLEARING, None)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="drains_to"):
        MapRegion(BodyRegion.HAND, LEFT, CLEARING, (NodeGroup.AXILLARY,))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        MapNode(NodeGroup.AXILLARY, "left", NodeState.REMOVED)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="width"):
        draw_body_map([], width=0)


map_regions = st.builds(
    MapRegion,
    st.sampled_from(BodyRegion),
    st.none() | st.sampled_from(Side),
    st.sampled_from(Phase),
    st.none() | st.tuples(st.sampled_from(NodeGroup), st.none() | st.sampled_from(Side)),
)
map_nodes = st.builds(
    MapNode,
    st.sampled_from(NodeGroup),
    st.none() | st.sampled_from(Side),
    st.sampled_from(NodeState),
)


@settings(max_examples=40, deadline=None)
@given(
    regions=st.lists(map_regions, max_size=12),
    nodes=st.lists(map_nodes, max_size=5),
    size=st.sampled_from([(480.0, 300.0), (400.0, 260.0), (300.0, 420.0), (520.0, 200.0)]),
)
def test_any_session_stays_inside_its_box_and_clear_of_the_legend(
    regions: list[MapRegion], nodes: list[MapNode], size: tuple[float, float]
) -> None:
    """Whatever was treated, everything fits in width x height and no figure meets the legend."""
    width, height = size
    drawing = draw_body_map(regions, nodes, width=width, height=height)
    x1, y1, x2, y2 = drawing.getBounds()
    assert x1 >= 0
    assert y1 >= 0
    assert x2 <= width
    assert y2 <= height
    legend = drawing.legend.getBounds()
    views = [drawing.front] + ([drawing.back] if hasattr(drawing, "back") else [])
    for view in views:
        assert not overlaps(view.getBounds(), legend)
    if len(views) == 2:
        assert not overlaps(views[0].getBounds(), views[1].getBounds())
    assert renderPDF.drawToString(drawing, invariant=1).startswith(b"%PDF")
