"""Curves and polygons in body units: splines, limb tubes, mirroring, clipping, hatching."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from soapnotes.render.bodymap._geometry import Point, Shape


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


def smooth(points: Sequence[Point], corners: frozenset[int] = frozenset()) -> Shape:
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


class Spline:
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


def tube(line: Sequence[Point], widths: Sequence[float], u0: float, u1: float) -> Shape:
    """The outline of a limb (centre ``line``, half ``widths``) between parameters u0 and u1."""
    fx = Spline([p[0] for p in line])
    fy = Spline([p[1] for p in line])
    fw = Spline(widths)
    steps = max(2, math.ceil((u1 - u0) * 10))
    near_edge: Shape = []
    far_edge: Shape = []
    for k in range(steps + 1):
        u = u0 + (u1 - u0) * k / steps
        x, y, w = fx(u), fy(u), fw(u)
        eps = 1e-3
        dx = fx(min(u + eps, len(line) - 1)) - fx(max(u - eps, 0.0))
        dy = fy(min(u + eps, len(line) - 1)) - fy(max(u - eps, 0.0))
        norm = math.hypot(dx, dy)
        nx, ny = -dy / norm, dx / norm
        near_edge.append((x + nx * w, y + ny * w))
        far_edge.append((x - nx * w, y - ny * w))
    return near_edge + far_edge[::-1]


def mirror_half(half: Sequence[Point]) -> Shape:
    """Close a half outline (midline, down the lateral side, midline) with its mirror image."""
    mirrored = [(-x, y) for x, y in reversed(half[1:-1])]
    return list(half) + mirrored


def mirror_corners(half: Sequence[Point], corners: frozenset[int]) -> frozenset[int]:
    """Corner indices of a half outline, and of their mirror images, in the closed outline."""
    return corners | {2 * len(half) - 2 - i for i in corners}


def flip(shape: Iterable[Point], sign: float) -> Shape:
    return [(x * sign, y) for x, y in shape]


def clip_half(shape: Sequence[Point], sign: float) -> Shape:
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


def centroid(shape: Sequence[Point]) -> Point:
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


def hatch(
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


def open_curve(points: Sequence[Point]) -> Shape:
    if len(points) < 3:
        return list(points)
    fx = Spline([p[0] for p in points])
    fy = Spline([p[1] for p in points])
    last = len(points) - 1
    steps = 8 * last
    return [(fx(last * k / steps), fy(last * k / steps)) for k in range(steps + 1)]
