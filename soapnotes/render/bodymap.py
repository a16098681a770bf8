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
right; on the back view it is on the viewer's left.

Geometry lives in the tables below, in *body units*: the figure stands 1.0 tall (soles at
``y = 0``, top of the head at ``y = 1``) and ``x`` is the distance from the midline, positive
toward the side being drawn. Shapes of paired parts are given once, for the lateral (``x >= 0``)
side, and mirrored. Only constant strings of this module are drawn as text: nothing from a
record ever reaches the page through the body map.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs
from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    String,
)
from reportlab.lib.colors import Color, HexColor  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.pdfmetrics import (  # type: ignore[import-untyped, unused-ignore]
    stringWidth,
)

from soapnotes.models.vocabulary import BodyRegion, NodeGroup, NodeState, Phase, Side

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

Point = tuple[float, float]
Shape = list[Point]

# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Colours: Okabe-Ito hues, safe for the common colour-vision deficiencies, with tints light
# enough to print and opaque so the PDF needs no transparency (PDF/A-1 forbids it).
# --------------------------------------------------------------------------------------------

#: Outline of regions treated in the clearing phase (Okabe-Ito blue).
CLEARING_COLOR: Final = HexColor("#0072B2")
#: Fill of regions treated in the clearing phase.
CLEARING_FILL: Final = HexColor("#8DC0E3")
#: Outline of regions treated in the reabsorption phase (Okabe-Ito orange, darkened).
REABSORPTION_COLOR: Final = HexColor("#C98A00")
#: Fill of regions treated in the reabsorption phase.
REABSORPTION_FILL: Final = HexColor("#F6CF7E")
#: Working node group that a region drains to (Okabe-Ito bluish green).
TARGET_COLOR: Final = HexColor("#009E73")
#: The cross over a removed node group.
REMOVED_COLOR: Final = HexColor("#A50026")
#: The ring and hatching of an irradiated node group.
IRRADIATED_COLOR: Final = HexColor("#7B3294")

_OUTLINE = HexColor("#4A4A4A")
_BODY_FILL = HexColor("#F4F1EC")
_DETAIL = HexColor("#B9B3AA")
_NODE_RING = HexColor("#7A7A7A")
_ARROW = HexColor("#1F1F1F")
_TEXT = HexColor("#222222")
_WHITE = HexColor("#FFFFFF")

#: Regions seen from behind: treating one of them adds the back view.
BACK_REGIONS: Final = frozenset({BodyRegion.UPPER_BACK, BodyRegion.LOWER_BACK, BodyRegion.GLUTEAL})


class _View(enum.Enum):
    FRONT = "front"
    BACK = "back"


# --------------------------------------------------------------------------------------------
# Geometry tables (body units, see the module docstring)
# --------------------------------------------------------------------------------------------

#: Half outlines of symmetric parts, from the top of the midline down the lateral side back to
#: the midline; mirrored to close them.
_HEAD_HALF: Final[Shape] = [
    (0.0, 0.999),
    (0.027, 0.991),
    (0.041, 0.966),
    (0.045, 0.937),
    (0.042, 0.908),
    (0.033, 0.886),
    (0.018, 0.872),
    (0.0, 0.867),
]
_NECK_HALF: Final[Shape] = [
    (0.0, 0.885),
    (0.021, 0.885),
    (0.021, 0.858),
    (0.024, 0.838),
    (0.029, 0.822),
    (0.0, 0.818),
]
_TORSO_HALF: Final[Shape] = [
    (0.0, 0.838),
    (0.026, 0.838),
    (0.052, 0.827),
    (0.09, 0.815),
    (0.115, 0.805),
    (0.13, 0.786),
    (0.135, 0.76),
    (0.125, 0.742),
    (0.09, 0.728),
    (0.088, 0.69),
    (0.083, 0.65),
    (0.074, 0.605),
    (0.077, 0.57),
    (0.089, 0.53),
    (0.099, 0.495),
    (0.1, 0.47),
    (0.08, 0.448),
    (0.03, 0.447),
    (0.0, 0.452),
]
#: Corners (indices into the mirrored outline) kept sharp rather than smoothed.
_TORSO_CORNERS: Final = frozenset({8})

#: Limbs as a centre line with a half width at each point: shoulder joint to wrist, hip joint
#: to ankle. Segments are ranges of the spline parameter (0 at the first point, 1 at the next).
_ARM_LINE: Final[Shape] = [
    (0.103, 0.79),
    (0.125, 0.72),
    (0.145, 0.637),
    (0.161, 0.572),
    (0.175, 0.5),
]
_ARM_WIDTH: Final[Sequence[float]] = (0.027, 0.025, 0.019, 0.0215, 0.0145)
#: The arm's outline starts below the shoulder joint so the torso's deltoid curve stays smooth.
_ARM_OUTLINE_FROM: Final = 0.35
_LEG_LINE: Final[Shape] = [
    (0.051, 0.5),
    (0.054, 0.42),
    (0.053, 0.34),
    (0.05, 0.27),
    (0.049, 0.2),
    (0.047, 0.12),
    (0.046, 0.055),
]
_LEG_WIDTH: Final[Sequence[float]] = (0.048, 0.045, 0.036, 0.027, 0.0305, 0.0215, 0.0145)

#: Hand hanging from the wrist (closed outline, lateral side).
_HAND: Final[Shape] = [
    (0.161, 0.503),
    (0.189, 0.503),
    (0.197, 0.476),
    (0.2, 0.444),
    (0.196, 0.412),
    (0.187, 0.394),
    (0.176, 0.396),
    (0.169, 0.418),
    (0.164, 0.443),
    (0.155, 0.458),
    (0.157, 0.48),
]
#: Feet: seen from the front (toes turned slightly out) and from behind (heels).
_FOOT_FRONT: Final[Shape] = [
    (0.032, 0.062),
    (0.06, 0.062),
    (0.064, 0.035),
    (0.074, 0.016),
    (0.074, 0.004),
    (0.06, -0.001),
    (0.034, -0.001),
    (0.024, 0.006),
    (0.027, 0.028),
]
_FOOT_BACK: Final[Shape] = [
    (0.032, 0.062),
    (0.06, 0.062),
    (0.063, 0.03),
    (0.06, 0.006),
    (0.05, -0.001),
    (0.038, -0.001),
    (0.03, 0.006),
    (0.029, 0.03),
]

#: Faint anatomical detail lines that make front and back read as such.
_FRONT_DETAILS: Final[tuple[tuple[Shape, bool], ...]] = (
    ([(0.012, 0.822), (0.045, 0.814), (0.085, 0.812)], True),  # clavicle (mirrored)
    ([(0.06, 0.675), (0.035, 0.665), (0.012, 0.672)], True),  # lower edge of the pectorals
    ([(0.07, 0.525), (0.04, 0.49), (0.012, 0.462)], True),  # inguinal crease
)
_BACK_DETAILS: Final[tuple[tuple[Shape, bool], ...]] = (
    ([(0.0, 0.835), (0.0, 0.7), (0.0, 0.55)], False),  # spine
    ([(0.02, 0.775), (0.055, 0.792), (0.072, 0.74), (0.045, 0.71)], True),  # scapula
    ([(0.0, 0.52), (0.0, 0.463)], False),  # natal cleft
    ([(0.012, 0.452), (0.05, 0.445), (0.088, 0.46)], True),  # gluteal fold
)

#: Node group positions, lateral side (abdominal on the midline). Popliteal sits behind the
#: knee; on the front view it is drawn at the knee.
_NODE_AT: Final[dict[NodeGroup, Point]] = {
    NodeGroup.CERVICAL: (0.027, 0.858),
    NodeGroup.SUPRACLAVICULAR: (0.05, 0.826),
    NodeGroup.AXILLARY: (0.094, 0.742),
    NodeGroup.CUBITAL: (0.13, 0.635),
    NodeGroup.INGUINAL: (0.052, 0.493),
    NodeGroup.POPLITEAL: (0.05, 0.272),
    NodeGroup.ABDOMINAL: (0.0, 0.6),
}
#: Node groups drawn for orientation on the back view (targets are always drawn as well).
_BACK_VIEW_NODES: Final = frozenset({NodeGroup.AXILLARY, NodeGroup.POPLITEAL})


def _ellipse(cx: float, cy: float, rx: float, ry: float, angle_deg: float = 0.0) -> Shape:
    """A 32-point ellipse, rotated by ``angle_deg`` counter-clockwise."""
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    pts: Shape = []
    for k in range(32):
        t = 2 * math.pi * k / 32
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + ex * ca - ey * sa, cy + ex * sa + ey * ca))
    return pts


#: Region shapes, lateral side, in four tables by how the shape is made. Shapes of midline
#: regions span both sides and are cut in half when a side is given; hand and foot reuse the
#: silhouette's own outlines.
_REGION_ELLIPSE: Final[dict[BodyRegion, tuple[float, float, float, float, float]]] = {
    # centre x, centre y, radius x, radius y, rotation (degrees, counter-clockwise)
    BodyRegion.FACE: (0.0, 0.928, 0.037, 0.05, 0.0),
    BodyRegion.SUPRACLAVICULAR: (0.05, 0.826, 0.021, 0.0085, -8.0),
    BodyRegion.SHOULDER: (0.114, 0.78, 0.018, 0.027, 10.0),
    BodyRegion.AXILLA: (0.094, 0.742, 0.015, 0.019, 0.0),
    BodyRegion.BREAST: (0.047, 0.705, 0.029, 0.027, 0.0),
    BodyRegion.GROIN: (0.05, 0.495, 0.032, 0.0105, 38.0),
}
_REGION_OUTLINE: Final[dict[BodyRegion, Shape]] = {
    BodyRegion.NECK: [
        (-0.019, 0.868),
        (0.019, 0.868),
        (0.021, 0.845),
        (0.0, 0.838),
        (-0.021, 0.845),
    ],
    BodyRegion.CHEST: [
        (0.008, 0.804),
        (0.05, 0.807),
        (0.09, 0.796),
        (0.08, 0.75),
        (0.074, 0.705),
        (0.05, 0.684),
        (0.025, 0.682),
        (0.008, 0.69),
    ],
    BodyRegion.ABDOMEN: [
        (-0.075, 0.655),
        (0.0, 0.66),
        (0.075, 0.655),
        (0.067, 0.6),
        (0.073, 0.56),
        (0.055, 0.528),
        (0.0, 0.52),
        (-0.055, 0.528),
        (-0.073, 0.56),
        (-0.067, 0.6),
    ],
    BodyRegion.UPPER_BACK: [
        (-0.05, 0.826),
        (0.0, 0.834),
        (0.05, 0.826),
        (0.088, 0.806),
        (0.082, 0.735),
        (0.08, 0.665),
        (0.0, 0.662),
        (-0.082, 0.665),
        (-0.082, 0.735),
        (-0.088, 0.806),
    ],
    BodyRegion.LOWER_BACK: [
        (-0.08, 0.652),
        (0.0, 0.655),
        (0.08, 0.652),
        (0.07, 0.6),
        (0.076, 0.565),
        (0.05, 0.54),
        (0.0, 0.537),
        (-0.05, 0.54),
        (-0.076, 0.565),
        (-0.07, 0.6),
    ],
    BodyRegion.GLUTEAL: [
        (0.006, 0.525),
        (0.05, 0.533),
        (0.088, 0.515),
        (0.097, 0.485),
        (0.088, 0.46),
        (0.05, 0.45),
        (0.006, 0.458),
    ],
}
#: Limb segments as ranges of the limb's spline parameter (whole numbers are its points).
_REGION_ARM: Final[dict[BodyRegion, tuple[float, float]]] = {
    BodyRegion.UPPER_ARM: (0.4, 2.0),
    BodyRegion.FOREARM: (2.0, 4.0),
}
_REGION_LEG: Final[dict[BodyRegion, tuple[float, float]]] = {
    BodyRegion.THIGH: (0.4, 2.55),
    BodyRegion.KNEE: (2.55, 3.45),
    BodyRegion.LOWER_LEG: (3.45, 6.0),
}

#: Drawing order of region shading: large areas first so small ones stay visible on top.
_REGION_ORDER: Final[tuple[BodyRegion, ...]] = (
    BodyRegion.UPPER_BACK,
    BodyRegion.LOWER_BACK,
    BodyRegion.GLUTEAL,
    BodyRegion.CHEST,
    BodyRegion.ABDOMEN,
    BodyRegion.BREAST,
    BodyRegion.FACE,
    BodyRegion.NECK,
    BodyRegion.SHOULDER,
    BodyRegion.UPPER_ARM,
    BodyRegion.FOREARM,
    BodyRegion.HAND,
    BodyRegion.THIGH,
    BodyRegion.KNEE,
    BodyRegion.LOWER_LEG,
    BodyRegion.FOOT,
    BodyRegion.AXILLA,
    BodyRegion.GROIN,
    BodyRegion.SUPRACLAVICULAR,
)

#: Extent of one figure in body units, with room for the R/L markers.
_FIG_LEFT, _FIG_RIGHT, _FIG_BOTTOM, _FIG_TOP = -0.215, 0.215, -0.012, 1.01
_FIG_ASPECT: Final = (_FIG_RIGHT - _FIG_LEFT) / (_FIG_TOP - _FIG_BOTTOM)
_SIDE_MARK_AT: Final[Point] = (0.17, 0.93)
_NODE_RADIUS: Final = 0.0105

# --------------------------------------------------------------------------------------------
# Legend text: the only strings the body map draws.
# --------------------------------------------------------------------------------------------

_FRONT_CAPTION: Final = "Front"
_BACK_CAPTION: Final = "Back"
_RIGHT_MARK: Final = "R"
_LEFT_MARK: Final = "L"
_LEGEND_CLEARING: Final = "Clearing"
_LEGEND_REABSORPTION: Final = "Reabsorption"
_LEGEND_BOTH: Final = "Clearing + reabsorption"
_LEGEND_TARGET: Final = "Working target node"
_LEGEND_NODE: Final = "Lymph node group"
_LEGEND_REMOVED: Final = "Removed node"
_LEGEND_IRRADIATED: Final = "Irradiated node"
_LEGEND_ARROW: Final = "Drainage direction"
_LEGEND_SIDES: Final = "R / L: client's right / left"

# --------------------------------------------------------------------------------------------
# Curves
# --------------------------------------------------------------------------------------------


def _hermite(p0: float, p1: float, m0: float, m1: float, t: float) -> float:
    t2, t3 = t * t, t * t * t
    return (
        (2 * t3 - 3 * t2 + 1) * p0
        + (t3 - 2 * t2 + t) * m0
        + (-2 * t3 + 3 * t2) * p1
        + (t3 - t2) * m1
    )


def _tangents(values: Sequence[float], closed: bool, corners: frozenset[int]) -> list[float]:
    """Catmull-Rom tangents; zero at corners so the curve turns sharply there."""
    n = len(values)
    out: list[float] = []
    for i in range(n):
        if i in corners:
            out.append(0.0)
        elif closed:
            out.append((values[(i + 1) % n] - values[i - 1]) / 2)
        elif i == 0:
            out.append(values[1] - values[0])
        elif i == n - 1:
            out.append(values[-1] - values[-2])
        else:
            out.append((values[i + 1] - values[i - 1]) / 2)
    return out


def _smooth(points: Sequence[Point], corners: frozenset[int] = frozenset()) -> Shape:
    """A closed Catmull-Rom spline through ``points``, as a dense polygon."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    mx = _tangents(xs, True, corners)
    my = _tangents(ys, True, corners)
    n = len(points)
    out: Shape = []
    for i in range(n):
        j = (i + 1) % n
        steps = 8
        for k in range(steps):
            t = k / steps
            out.append(
                (_hermite(xs[i], xs[j], mx[i], mx[j], t), _hermite(ys[i], ys[j], my[i], my[j], t))
            )
    return out


class _Spline:
    """An open Catmull-Rom spline through values, evaluated at a parameter in [0, n - 1]."""

    def __init__(self, values: Sequence[float]) -> None:
        self.values = list(values)
        self.slopes = _tangents(self.values, False, frozenset())

    def __call__(self, u: float) -> float:
        last = len(self.values) - 1
        u = min(max(u, 0.0), float(last))
        i = min(int(u), last - 1)
        return _hermite(
            self.values[i], self.values[i + 1], self.slopes[i], self.slopes[i + 1], u - i
        )


def _tube(line: Sequence[Point], widths: Sequence[float], u0: float, u1: float) -> Shape:
    """The outline of a limb (centre ``line``, half ``widths``) between parameters u0 and u1."""
    fx = _Spline([p[0] for p in line])
    fy = _Spline([p[1] for p in line])
    fw = _Spline(widths)
    steps = max(2, math.ceil((u1 - u0) * 10))
    one_side: Shape = []
    other_side: Shape = []
    for k in range(steps + 1):
        u = u0 + (u1 - u0) * k / steps
        x, y, w = fx(u), fy(u), fw(u)
        eps = 1e-3
        dx = fx(min(u + eps, len(line) - 1)) - fx(max(u - eps, 0.0))
        dy = fy(min(u + eps, len(line) - 1)) - fy(max(u - eps, 0.0))
        norm = math.hypot(dx, dy)
        nx, ny = -dy / norm, dx / norm
        one_side.append((x + nx * w, y + ny * w))
        other_side.append((x - nx * w, y - ny * w))
    return one_side + other_side[::-1]


def _mirror_half(half: Sequence[Point]) -> Shape:
    """Close a half outline (midline, down the lateral side, midline) with its mirror image."""
    mirrored = [(-x, y) for x, y in reversed(half[1:-1])]
    return list(half) + mirrored


def _mirror_corners(half: Sequence[Point], corners: frozenset[int]) -> frozenset[int]:
    """Corner indices of a half outline, and of their mirror images, in the closed outline."""
    return corners | {2 * len(half) - 2 - i for i in corners}


def _flip(shape: Iterable[Point], sign: float) -> Shape:
    return [(x * sign, y) for x, y in shape]


def _clip_half(shape: Sequence[Point], sign: float) -> Shape:
    """The part of a polygon where ``x * sign >= 0`` (Sutherland-Hodgman, one edge)."""
    out: Shape = []
    n = len(shape)
    for i in range(n):
        a, b = shape[i], shape[(i + 1) % n]
        a_in, b_in = a[0] * sign >= 0, b[0] * sign >= 0
        if a_in:
            out.append(a)
        if a_in != b_in:
            t = a[0] / (a[0] - b[0])
            out.append((0.0, a[1] + t * (b[1] - a[1])))
    return out


def _centroid(shape: Sequence[Point]) -> Point:
    """Area centroid of a simple polygon (vertex mean if degenerate)."""
    area = cx = cy = 0.0
    n = len(shape)
    for i in range(n):
        x0, y0 = shape[i]
        x1, y1 = shape[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return (sum(p[0] for p in shape) / n, sum(p[1] for p in shape) / n)
    return (cx / (3 * area), cy / (3 * area))


def _hatch(
    shape: Sequence[Point], gap: float, angle_deg: float = 45.0
) -> list[tuple[Point, Point]]:
    """Parallel stripes ``gap`` apart covering a polygon, as line segments inside it."""
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    # Rotate so the stripes run horizontally, cut, rotate back.
    rot = [(x * ca + y * sa, -x * sa + y * ca) for x, y in shape]
    ys = [p[1] for p in rot]
    segments: list[tuple[Point, Point]] = []
    n = len(rot)
    y = math.floor(min(ys) / gap) * gap + gap / 2
    while y < max(ys):
        xs: list[float] = []
        for i in range(n):
            (x0, y0), (x1, y1) = rot[i], rot[(i + 1) % n]
            if (y0 <= y < y1) or (y1 <= y < y0):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        xs.sort()
        for left, right in zip(xs[::2], xs[1::2], strict=False):
            segments.append(
                (
                    (left * ca - y * sa, left * sa + y * ca),
                    (right * ca - y * sa, right * sa + y * ca),
                )
            )
        y += gap
    return segments


# --------------------------------------------------------------------------------------------
# What goes where
# --------------------------------------------------------------------------------------------


def needs_back_view(regions: Iterable[MapRegion]) -> bool:
    """True when any treated region is seen from behind (upper or lower back, gluteal).

    .. versionadded:: 0.1.0
    """
    return any(r.region in BACK_REGIONS for r in regions)


def _view_of(region: BodyRegion) -> _View:
    return _View.BACK if region in BACK_REGIONS else _View.FRONT


def _sign(side: Side, view: _View) -> float:
    """+1 when the client's ``side`` is on the viewer's right in ``view``."""
    return 1.0 if (side is Side.LEFT) == (view is _View.FRONT) else -1.0


def _is_midline(region: BodyRegion) -> bool:
    return region.is_midline


def _region_base_shape(region: BodyRegion, view: _View) -> Shape:
    if region is BodyRegion.HAND:
        return _smooth(_HAND)
    if region is BodyRegion.FOOT:
        return _smooth(_FOOT_FRONT if view is _View.FRONT else _FOOT_BACK)
    if region in _REGION_ELLIPSE:
        return _ellipse(*_REGION_ELLIPSE[region])
    if region in _REGION_ARM:
        return _tube(_ARM_LINE, _ARM_WIDTH, *_REGION_ARM[region])
    if region in _REGION_LEG:
        return _tube(_LEG_LINE, _LEG_WIDTH, *_REGION_LEG[region])
    return _smooth(_REGION_OUTLINE[region])


@attrs.frozen
class _Patch:
    """One shaded shape on one view: a region on one side (or the whole midline region)."""

    view: _View
    region: BodyRegion
    side: Side | None
    shape: tuple[Point, ...]


def _patches(region: BodyRegion, side: Side | None, view: _View) -> list[_Patch]:
    base = _region_base_shape(region, view)
    if _is_midline(region):
        if side is None:
            return [_Patch(view, region, None, tuple(base))]
        return [_Patch(view, region, side, tuple(_clip_half(base, _sign(side, view))))]
    sides = (side,) if side is not None else (Side.RIGHT, Side.LEFT)
    return [_Patch(view, region, s, tuple(_flip(base, _sign(s, view)))) for s in sides]


_NodeKey = tuple[NodeGroup, Side | None]


def _node_keys(group: NodeGroup, side: Side | None) -> list[_NodeKey]:
    if group.is_midline:
        return [(group, None)]
    if side is None:
        return [(group, Side.RIGHT), (group, Side.LEFT)]
    return [(group, side)]


def _node_point(key: _NodeKey, view: _View) -> Point:
    group, side = key
    x, y = _NODE_AT[group]
    return (x * (_sign(side, view) if side is not None else 0.0), y)


@attrs.frozen
class _Arrow:
    view: _View
    start: Point
    target: _NodeKey


@attrs.frozen
class _Plan:
    """Everything to draw, in body units, resolved from the inputs once."""

    views: tuple[_View, ...]
    patches: dict[_View, list[tuple[_Patch, frozenset[Phase]]]]
    arrows: tuple[_Arrow, ...]
    targets: frozenset[_NodeKey]
    states: dict[_NodeKey, tuple[NodeState, ...]]


def _plan(regions: Sequence[MapRegion], nodes: Sequence[MapNode], back: bool) -> _Plan:
    views = (_View.FRONT, _View.BACK) if back else (_View.FRONT,)
    phases: dict[tuple[_View, BodyRegion, Side | None], set[Phase]] = {}
    shapes: dict[tuple[_View, BodyRegion, Side | None], _Patch] = {}
    arrows: dict[tuple[_View, BodyRegion, Side | None, _NodeKey], _Arrow] = {}
    targets: set[_NodeKey] = set()
    for item in regions:
        view = _view_of(item.region)
        if view not in views:
            continue
        for patch in _patches(item.region, item.side, view):
            key = (view, item.region, patch.side)
            shapes.setdefault(key, patch)
            phases.setdefault(key, set()).add(item.phase)
            if item.drains_to is None:
                continue
            group, target_side = item.drains_to
            for target in _node_keys(group, target_side or patch.side):
                targets.add(target)
                arrows.setdefault(
                    (view, item.region, patch.side, target),
                    _Arrow(view, _centroid(patch.shape), target),
                )
    by_view: dict[_View, list[tuple[_Patch, frozenset[Phase]]]] = {v: [] for v in views}
    rank = {r: i for i, r in enumerate(_REGION_ORDER)}
    side_rank = {None: 0, Side.RIGHT: 1, Side.LEFT: 2}
    for key in sorted(shapes, key=lambda k: (rank[k[1]], side_rank[k[2]])):
        by_view[key[0]].append((shapes[key], frozenset(phases[key])))
    states: dict[_NodeKey, list[NodeState]] = {}
    for node in nodes:
        if node.state is NodeState.WORKING:
            continue
        for nkey in _node_keys(node.group, node.side):
            if node.state not in states.setdefault(nkey, []):
                states[nkey].append(node.state)
    return _Plan(
        views=views,
        patches=by_view,
        arrows=tuple(arrows.values()),
        targets=frozenset(targets),
        states={k: tuple(sorted(v, key=lambda s: s.value)) for k, v in states.items()},
    )


def _nodes_on(view: _View, plan: _Plan) -> list[_NodeKey]:
    """Node groups drawn on a view: every group on the front (popliteal moves to the back view
    when there is one), axillary and popliteal on the back, plus whatever an arrow targets."""
    wanted: list[_NodeKey] = []
    for group in NodeGroup:
        for key in _node_keys(group, None):
            if view is _View.FRONT:
                shown = group is not NodeGroup.POPLITEAL or _View.BACK not in plan.views
            else:
                shown = group in _BACK_VIEW_NODES
            aimed = any(a.view is view and a.target == key for a in plan.arrows)
            if shown or aimed:
                wanted.append(key)
    return wanted


# --------------------------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Frame:
    """Maps body units of one figure to drawing points."""

    cx: float
    base: float
    scale: float

    def pt(self, p: Point) -> Point:
        return (self.cx + p[0] * self.scale, self.base + p[1] * self.scale)

    def flat(self, shape: Iterable[Point]) -> list[float]:
        out: list[float] = []
        for p in shape:
            out.extend(self.pt(p))
        return out


def _polygon(points: list[float], fill: Color | None, stroke: Color | None, width: float) -> Any:
    return Polygon(
        points,
        fillColor=fill,
        strokeColor=stroke,
        strokeWidth=width,
        strokeLineJoin=1,
    )


def _silhouette(frame: _Frame, view: _View, line_width: float) -> Any:
    """The figure as one outline: parts stroked twice as wide, then filled again on top, so
    only the outer half of each stroke survives where parts meet."""
    foot = _FOOT_FRONT if view is _View.FRONT else _FOOT_BACK
    parts: list[Shape] = [
        _smooth(_mirror_half(_NECK_HALF)),
        _smooth(_mirror_half(_TORSO_HALF), _mirror_corners(_TORSO_HALF, _TORSO_CORNERS)),
        _smooth(_mirror_half(_HEAD_HALF)),
    ]
    for sign in (-1.0, 1.0):
        parts.append(_flip(_tube(_ARM_LINE, _ARM_WIDTH, _ARM_OUTLINE_FROM, 4.0), sign))
        parts.append(_flip(_smooth(_HAND), sign))
        parts.append(_flip(_tube(_LEG_LINE, _LEG_WIDTH, 0.0, 6.0), sign))
        parts.append(_flip(_smooth(foot), sign))
    group = Group()
    for part in parts:
        group.add(_polygon(frame.flat(part), _BODY_FILL, _OUTLINE, 2 * line_width))
    for part in parts:
        group.add(_polygon(frame.flat(part), _BODY_FILL, None, 0))
    return group


def _details(frame: _Frame, view: _View, line_width: float) -> Any:
    group = Group()
    for line, mirrored in _FRONT_DETAILS if view is _View.FRONT else _BACK_DETAILS:
        for sign in (-1.0, 1.0) if mirrored else (1.0,):
            curve = _open_curve(_flip(line, sign))
            group.add(
                PolyLine(
                    frame.flat(curve),
                    strokeColor=_DETAIL,
                    strokeWidth=line_width * 0.7,
                    strokeLineCap=1,
                    strokeLineJoin=1,
                )
            )
    return group


def _open_curve(points: Sequence[Point]) -> Shape:
    if len(points) < 3:
        return list(points)
    fx = _Spline([p[0] for p in points])
    fy = _Spline([p[1] for p in points])
    last = len(points) - 1
    steps = 8 * last
    return [(fx(last * k / steps), fy(last * k / steps)) for k in range(steps + 1)]


def _shade(shape: Sequence[Point], phases: frozenset[Phase], line_width: float) -> Any:
    """One region patch: fill by phase; both phases = reabsorption fill, clearing stripes."""
    flat: list[float] = [c for p in shape for c in p]
    group = Group()
    if phases == {Phase.CLEARING}:
        group.add(_polygon(flat, CLEARING_FILL, CLEARING_COLOR, line_width))
        return group
    group.add(_polygon(flat, REABSORPTION_FILL, REABSORPTION_COLOR, line_width))
    if Phase.CLEARING in phases:
        for a, b in _hatch(shape, gap=line_width * 4.5):
            group.add(
                Line(
                    a[0],
                    a[1],
                    b[0],
                    b[1],
                    strokeColor=CLEARING_COLOR,
                    strokeWidth=line_width * 1.3,
                )
            )
        group.add(_polygon(flat, None, CLEARING_COLOR, line_width))
    return group


def _arrows(pairs: Sequence[tuple[Point, Point]], size: float, line_width: float) -> Any:
    """Straight arrows from each start to each end, drawn in layers (white halos, shafts,
    heads, start dots) so arrows along one limb read as one pathway through every start."""
    halos, shafts, heads, dots = Group(), Group(), Group(), Group()
    for start, end in pairs:
        dx, dy = end[0] - start[0], end[1] - start[1]
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        base = (end[0] - ux * size, end[1] - uy * size)
        half = size * 0.42
        head = [
            end[0],
            end[1],
            base[0] - uy * half,
            base[1] + ux * half,
            base[0] + uy * half,
            base[1] - ux * half,
        ]
        shaft = (start[0], start[1], base[0] + ux * size * 0.2, base[1] + uy * size * 0.2)
        halos.add(Line(*shaft, strokeColor=_WHITE, strokeWidth=line_width * 3.4, strokeLineCap=1))
        halos.add(_polygon(head, _WHITE, _WHITE, line_width * 2.2))
        shafts.add(Line(*shaft, strokeColor=_ARROW, strokeWidth=line_width * 1.2, strokeLineCap=1))
        heads.add(_polygon(head, _ARROW, _ARROW, line_width * 0.4))
        dots.add(
            Circle(
                start[0],
                start[1],
                line_width * 1.6,
                fillColor=_ARROW,
                strokeColor=_WHITE,
                strokeWidth=line_width * 0.6,
            )
        )
    group = Group()
    group.add(halos, name="halos")
    group.add(shafts, name="shafts")
    group.add(heads, name="heads")
    group.add(dots, name="starts")
    return group


def _node_mark(
    at: Point, radius: float, target: bool, states: Sequence[NodeState], line_width: float
) -> Any:
    group = Group()
    x, y = at
    # The irradiation ring goes underneath, so a target dot stays whole on top of it.
    if NodeState.IRRADIATED in states:
        ring = _ellipse(x, y, radius * 1.7, radius * 1.7)
        for a, b in _hatch(ring, gap=radius * 0.55, angle_deg=-45.0):
            group.add(
                Line(
                    a[0],
                    a[1],
                    b[0],
                    b[1],
                    strokeColor=IRRADIATED_COLOR,
                    strokeWidth=line_width * 0.6,
                )
            )
        group.add(
            Circle(
                x,
                y,
                radius * 1.7,
                fillColor=None,
                strokeColor=IRRADIATED_COLOR,
                strokeWidth=line_width * 1.3,
            )
        )
    if target:
        group.add(
            Circle(
                x,
                y,
                radius,
                fillColor=TARGET_COLOR,
                strokeColor=_WHITE,
                strokeWidth=line_width * 0.8,
            )
        )
    else:
        group.add(
            Circle(
                x,
                y,
                radius * 0.8,
                fillColor=_WHITE,
                strokeColor=_NODE_RING,
                strokeWidth=line_width * 0.8,
            )
        )
    if NodeState.REMOVED in states:
        arm = radius * 1.6
        # A white halo first, then the cross itself, so it reads on any shading.
        for color, width in ((_WHITE, 3.6), (REMOVED_COLOR, 2.0)):
            for sx in (-1, 1):
                group.add(
                    Line(
                        x - arm,
                        y - sx * arm,
                        x + arm,
                        y + sx * arm,
                        strokeColor=color,
                        strokeWidth=line_width * width,
                        strokeLineCap=1,
                    )
                )
    return group


def _figure(view: _View, frame: _Frame, plan: _Plan, font_name: str, font_size: float) -> Any:
    line_width = max(0.45, frame.scale * 0.0032)
    view_group = Group()
    view_group.add(_silhouette(frame, view, line_width), name="silhouette")
    view_group.add(_details(frame, view, line_width), name="details")
    regions = Group()
    for patch, phases in plan.patches[view]:
        regions.add(_shade([frame.pt(p) for p in patch.shape], phases, line_width * 0.8))
    view_group.add(regions, name="regions")
    radius = _NODE_RADIUS * frame.scale
    pairs: list[tuple[Point, Point]] = []
    for arrow in plan.arrows:
        if arrow.view is not view:
            continue
        start = frame.pt(arrow.start)
        end = frame.pt(_node_point(arrow.target, view))
        gap = radius * 1.8
        dist = math.hypot(end[0] - start[0], end[1] - start[1])
        if dist < gap + radius * 3:
            continue  # the region sits on its node: the target mark says it all
        pairs.append(
            (
                start,
                (
                    end[0] - (end[0] - start[0]) * gap / dist,
                    end[1] - (end[1] - start[1]) * gap / dist,
                ),
            )
        )
    arrows = _arrows(pairs, radius * 2.2, line_width)
    view_group.add(arrows, name="arrows")
    nodes = Group()
    for key in _nodes_on(view, plan):
        nodes.add(
            _node_mark(
                frame.pt(_node_point(key, view)),
                radius,
                key in plan.targets,
                plan.states.get(key, ()),
                line_width,
            )
        )
    view_group.add(nodes, name="nodes")
    labels = Group()
    mx, my = _SIDE_MARK_AT
    right_x = -mx if view is _View.FRONT else mx
    for text, bx in ((_RIGHT_MARK, right_x), (_LEFT_MARK, -right_x)):
        x, y = frame.pt((bx, my))
        labels.add(
            String(
                x,
                y,
                text,
                fontName=font_name,
                fontSize=font_size * 1.5,
                fillColor=_TEXT,
                textAnchor="middle",
            )
        )
    caption = _FRONT_CAPTION if view is _View.FRONT else _BACK_CAPTION
    x, y = frame.pt((0.0, _FIG_TOP))
    labels.add(
        String(
            x,
            y + font_size * 0.5,
            caption,
            fontName=font_name,
            fontSize=font_size * 1.2,
            fillColor=_TEXT,
            textAnchor="middle",
        )
    )
    view_group.add(labels, name="labels")
    return view_group


# --------------------------------------------------------------------------------------------
# Legend and layout
# --------------------------------------------------------------------------------------------

_LEGEND_ENTRIES: Final[tuple[tuple[str, str], ...]] = (
    ("clearing", _LEGEND_CLEARING),
    ("reabsorption", _LEGEND_REABSORPTION),
    ("both", _LEGEND_BOTH),
    ("target", _LEGEND_TARGET),
    ("node", _LEGEND_NODE),
    ("removed", _LEGEND_REMOVED),
    ("irradiated", _LEGEND_IRRADIATED),
    ("arrow", _LEGEND_ARROW),
)


def _legend_symbol(kind: str, x: float, y: float, w: float, h: float, line_width: float) -> Any:
    """The key symbol of one legend entry in the box (x, y, w, h)."""
    box = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    cx, cy = x + w / 2, y + h / 2
    radius = h * 0.32
    if kind == "clearing":
        return _shade(box, frozenset({Phase.CLEARING}), line_width)
    if kind == "reabsorption":
        return _shade(box, frozenset({Phase.REABSORPTION}), line_width)
    if kind == "both":
        return _shade(box, frozenset(Phase), line_width)
    if kind == "arrow":
        return _arrows([((x + line_width * 2, cy), (x + w, cy))], h * 0.7, line_width)
    states: tuple[NodeState, ...] = ()
    if kind == "removed":
        states = (NodeState.REMOVED,)
    elif kind == "irradiated":
        states = (NodeState.IRRADIATED,)
    return _node_mark((cx, cy), radius, kind == "target", states, line_width)


def _legend_size(font_name: str, font_size: float, columns: int) -> tuple[float, float, float]:
    """Width, height and column width of the legend laid out in ``columns`` columns."""
    texts = [t for _, t in _LEGEND_ENTRIES]
    symbol_w = font_size * 2.4
    col_w = symbol_w + font_size * 0.6 + max(stringWidth(t, font_name, font_size) for t in texts)
    rows = math.ceil(len(_LEGEND_ENTRIES) / columns) + 1  # + the R/L note
    note_w = stringWidth(_LEGEND_SIDES, font_name, font_size)
    width = max(col_w * columns + font_size * 1.2 * (columns - 1), note_w)
    return width, rows * font_size * 1.75, col_w


def _legend(
    x: float, top: float, font_name: str, font_size: float, columns: int, line_width: float
) -> Any:
    group = Group()
    _, _, col_w = _legend_size(font_name, font_size, columns)
    per_col = math.ceil(len(_LEGEND_ENTRIES) / columns)
    row_h = font_size * 1.75
    symbol_w, symbol_h = font_size * 2.4, font_size * 1.1
    for i, (kind, text) in enumerate(_LEGEND_ENTRIES):
        col, row = divmod(i, per_col)
        ex = x + col * (col_w + font_size * 1.2)
        ey = top - (row + 1) * row_h + (row_h - symbol_h) / 2
        group.add(_legend_symbol(kind, ex, ey, symbol_w, symbol_h, line_width))
        group.add(
            String(
                ex + symbol_w + font_size * 0.6,
                ey + symbol_h / 2 - font_size * 0.35,
                text,
                fontName=font_name,
                fontSize=font_size,
                fillColor=_TEXT,
            )
        )
    note_y = top - (per_col + 1) * row_h + row_h * 0.3
    group.add(
        String(x, note_y, _LEGEND_SIDES, fontName=font_name, fontSize=font_size, fillColor=_TEXT)
    )
    return group


def draw_body_map(
    regions: Sequence[MapRegion],
    nodes: Sequence[MapNode] = (),
    *,
    width: float = 480.0,
    height: float = 300.0,
    font_name: str = "Helvetica",
    show_back: bool | None = None,
) -> Any:
    """Draw the body map of one session.

    Args:
        regions: the treated regions, in the order treated (order does not change the picture;
            a region listed twice is drawn once, striped if both phases were given).
        nodes: node groups that are removed or irradiated; working ones may be listed too.
        width: width of the drawing in points.
        height: height of the drawing in points.
        font_name: a font registered with reportlab, used for the legend and the captions.
        show_back: True or False to force the back view on or off; None (default) shows it
            only when a back region (upper back, lower back, gluteal) was treated.

    Returns:
        A :class:`reportlab.graphics.shapes.Drawing` of ``width`` x ``height`` points, the
        same for the same input. Its groups are named ``front``, ``back`` (when shown) and
        ``legend``; each view has ``silhouette``, ``details``, ``regions``, ``arrows``,
        ``nodes`` and ``labels``.

    Raises:
        TypeError: an item of ``regions`` or ``nodes`` has the wrong type.
        ValueError: ``width`` or ``height`` is not a positive number.

    .. versionadded:: 0.1.0
    """
    regions = tuple(regions)
    nodes = tuple(nodes)
    for name, items, kind in (("regions", regions, MapRegion), ("nodes", nodes, MapNode)):
        for i, item in enumerate(items):
            if not isinstance(item, kind):
                raise TypeError(
                    f"{name}[{i}] must be a {kind.__name__}, not {type(item).__name__}"
                )
    for name, value in (("width", width), ("height", height)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise ValueError(f"{name} must be a positive number of points, got {value!r}")
    back = needs_back_view(regions) if show_back is None else bool(show_back)
    plan = _plan(regions, nodes, back)

    font_size = min(9.0, max(6.0, min(width, height) / 34))
    pad = font_size * 0.5
    caption_h = font_size * 2.0
    n = len(plan.views)
    gap = font_size * 2.0

    def fig_height(avail_w: float, avail_h: float) -> float:
        by_width = (avail_w - gap * (n - 1)) / (n * _FIG_ASPECT)
        return max(0.0, min(avail_h - caption_h, by_width))

    # Legend beside the figures or below them: whichever leaves the figures taller.
    side_w, side_h, _ = _legend_size(font_name, font_size, 1)
    beside = fig_height(width - 2 * pad - side_w - gap, height - 2 * pad)
    below_w, below_h, _ = _legend_size(font_name, font_size, 2)
    below = fig_height(width - 2 * pad, height - 2 * pad - below_h - font_size)
    legend_beside = beside >= below and side_h <= height - 2 * pad
    fig_h = beside if legend_beside else below
    fig_w = fig_h * _FIG_ASPECT
    figures_w = n * fig_w + (n - 1) * gap

    drawing = Drawing(width, height)
    line_width = max(0.45, fig_h * 0.0032)
    if legend_beside:
        block_w = figures_w + gap + side_w
        left = (width - block_w) / 2
        fig_top = height - pad - caption_h
        fig_top -= (height - 2 * pad - caption_h - fig_h) / 2
        legend_x, legend_top = left + figures_w + gap, (height + side_h) / 2
        columns = 1
    else:
        left = (width - figures_w) / 2
        fig_top = height - pad - caption_h
        legend_x, legend_top = (width - below_w) / 2, pad + below_h
        columns = 2
    scale = fig_h / (_FIG_TOP - _FIG_BOTTOM)
    for i, view in enumerate(plan.views):
        box_left = left + i * (fig_w + gap)
        frame = _Frame(
            cx=box_left - _FIG_LEFT * scale,
            base=fig_top - fig_h - _FIG_BOTTOM * scale,
            scale=scale,
        )
        drawing.add(_figure(view, frame, plan, font_name, font_size), name=view.value)
    drawing.add(
        _legend(legend_x, legend_top, font_name, font_size, columns, line_width), name="legend"
    )
    return drawing
