"""The figure in body units: silhouette outlines, limb lines, region shapes, node positions.

The figure stands 1.0 tall (soles at ``y = 0``, top of the head at ``y = 1``) and ``x`` is the
distance from the midline, positive toward the side being drawn. Shapes of paired parts are
given once, for the lateral (``x >= 0``) side, and mirrored."""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from typing import Final

from soapnotes.models.vocabulary import BodyRegion, NodeGroup

Point = tuple[float, float]
Shape = list[Point]


class View(enum.Enum):
    FRONT = "front"
    BACK = "back"


#: Half outlines of symmetric parts, from the top of the midline down the lateral side back to
#: the midline; mirrored to close them.
HEAD_HALF: Final[Shape] = [
    (0.0, 0.999),
    (0.027, 0.991),
    (0.041, 0.966),
    (0.045, 0.937),
    (0.042, 0.908),
    (0.033, 0.886),
    (0.018, 0.872),
    (0.0, 0.867),
]
NECK_HALF: Final[Shape] = [
    (0.0, 0.885),
    (0.021, 0.885),
    (0.021, 0.858),
    (0.024, 0.838),
    (0.029, 0.822),
    (0.0, 0.818),
]
TORSO_HALF: Final[Shape] = [
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
TORSO_CORNERS: Final = frozenset({8})

#: Limbs as a centre line with a half width at each point: shoulder joint to wrist, hip joint
#: to ankle. Segments are ranges of the spline parameter (0 at the first point, 1 at the next).
ARM_LINE: Final[Shape] = [
    (0.103, 0.79),
    (0.125, 0.72),
    (0.145, 0.637),
    (0.161, 0.572),
    (0.175, 0.5),
]
ARM_WIDTH: Final[Sequence[float]] = (0.027, 0.025, 0.019, 0.0215, 0.0145)
#: The arm's outline starts below the shoulder joint so the torso's deltoid curve stays smooth.
ARM_OUTLINE_FROM: Final = 0.35
LEG_LINE: Final[Shape] = [
    (0.051, 0.5),
    (0.054, 0.42),
    (0.053, 0.34),
    (0.05, 0.27),
    (0.049, 0.2),
    (0.047, 0.12),
    (0.046, 0.055),
]
LEG_WIDTH: Final[Sequence[float]] = (0.048, 0.045, 0.036, 0.027, 0.0305, 0.0215, 0.0145)

#: Hand hanging from the wrist (closed outline, lateral side).
HAND: Final[Shape] = [
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
FOOT_FRONT: Final[Shape] = [
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
FOOT_BACK: Final[Shape] = [
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
FRONT_DETAILS: Final[tuple[tuple[Shape, bool], ...]] = (
    ([(0.012, 0.822), (0.045, 0.814), (0.085, 0.812)], True),  # clavicle (mirrored)
    ([(0.06, 0.675), (0.035, 0.665), (0.012, 0.672)], True),  # lower edge of the pectorals
    ([(0.07, 0.525), (0.04, 0.49), (0.012, 0.462)], True),  # inguinal crease
)
BACK_DETAILS: Final[tuple[tuple[Shape, bool], ...]] = (
    ([(0.0, 0.835), (0.0, 0.7), (0.0, 0.55)], False),  # spine
    ([(0.02, 0.775), (0.055, 0.792), (0.072, 0.74), (0.045, 0.71)], True),  # scapula
    ([(0.0, 0.52), (0.0, 0.463)], False),  # natal cleft
    ([(0.012, 0.452), (0.05, 0.445), (0.088, 0.46)], True),  # gluteal fold
)

#: Node group positions, lateral side (abdominal on the midline). Popliteal sits behind the
#: knee; on the front view it is drawn at the knee.
NODE_AT: Final[dict[NodeGroup, Point]] = {
    NodeGroup.CERVICAL: (0.027, 0.858),
    NodeGroup.SUPRACLAVICULAR: (0.05, 0.826),
    NodeGroup.AXILLARY: (0.094, 0.742),
    NodeGroup.CUBITAL: (0.13, 0.635),
    NodeGroup.INGUINAL: (0.052, 0.493),
    NodeGroup.POPLITEAL: (0.05, 0.272),
    NodeGroup.ABDOMINAL: (0.0, 0.6),
    NodeGroup.PELVIC: (0.03, 0.53),
}


def ellipse(cx: float, cy: float, rx: float, ry: float, angle_deg: float = 0.0) -> Shape:
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
REGION_ELLIPSE: Final[dict[BodyRegion, tuple[float, float, float, float, float]]] = {
    # centre x, centre y, radius x, radius y, rotation (degrees, counter-clockwise)
    BodyRegion.FACE: (0.0, 0.928, 0.037, 0.05, 0.0),
    BodyRegion.SUPRACLAVICULAR: (0.05, 0.826, 0.021, 0.0085, -8.0),
    BodyRegion.SHOULDER: (0.114, 0.78, 0.018, 0.027, 10.0),
    BodyRegion.AXILLA: (0.094, 0.742, 0.015, 0.019, 0.0),
    BodyRegion.BREAST: (0.047, 0.705, 0.029, 0.027, 0.0),
    BodyRegion.GROIN: (0.05, 0.495, 0.032, 0.0105, 38.0),
}
REGION_OUTLINE: Final[dict[BodyRegion, Shape]] = {
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
REGION_ARM: Final[dict[BodyRegion, tuple[float, float]]] = {
    BodyRegion.UPPER_ARM: (0.4, 2.0),
    BodyRegion.FOREARM: (2.0, 4.0),
}
REGION_LEG: Final[dict[BodyRegion, tuple[float, float]]] = {
    BodyRegion.THIGH: (0.4, 2.55),
    BodyRegion.KNEE: (2.55, 3.45),
    BodyRegion.LOWER_LEG: (3.45, 6.0),
}

#: Drawing order of region shading: large areas first so small ones stay visible on top.
REGION_ORDER: Final[tuple[BodyRegion, ...]] = (
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
FIG_LEFT, FIG_RIGHT, FIG_BOTTOM, FIG_TOP = -0.215, 0.215, -0.012, 1.01
FIG_ASPECT: Final = (FIG_RIGHT - FIG_LEFT) / (FIG_TOP - FIG_BOTTOM)
SIDE_MARK_AT: Final[Point] = (0.17, 0.93)
NODE_RADIUS: Final = 0.0105
