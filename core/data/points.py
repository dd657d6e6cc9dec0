"""One point for a parish polygon (GeoJSON Polygon or MultiPolygon, lon/lat), computed in plain Python at build.

The point is the area-weighted centroid of the whole shape when it falls inside the shape; otherwise (a crescent,
a parish of islands, a centroid in a hole) a point inside its largest part: the middle of the widest stretch of
that part crossed by a horizontal line, tried at several heights. Planar geometry on degrees: the centroid of an
affine image is the image of the centroid, so treating lon/lat as a plane changes nothing for a centroid, and a
parish spans too little latitude for the choice of an inside point to matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

Ring = Sequence[Sequence[float]]
Polygon = Sequence[Ring]  # exterior ring first, then holes
Method = Literal["centroid", "inside"]
HEIGHTS = (0.5, 0.375, 0.625, 0.25, 0.75, 0.125, 0.875, 0.0625, 0.9375)  # of the part's latitude span


def polygons(geometry: dict[str, Any] | None) -> list[Polygon]:
    """The polygons of a GeoJSON geometry (empty for anything else)."""
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _ring_moments(ring: Ring) -> tuple[float, float, float]:
    """Signed area and the first moments (sum of x and y weighted by area) of a ring, by the shoelace formula.
    Coordinates are taken relative to the ring's first vertex, which keeps the sums exact enough in degrees."""
    x0, y0 = ring[0][0], ring[0][1]
    area = mx = my = 0.0
    for (xa, ya), (xb, yb) in zip(((p[0] - x0, p[1] - y0) for p in ring),
                                  ((p[0] - x0, p[1] - y0) for p in (*ring[1:], ring[0])), strict=True):
        cross = xa * yb - xb * ya
        area += cross
        mx += (xa + xb) * cross
        my += (ya + yb) * cross
    area /= 2
    # moments of the ring about the origin, back in absolute coordinates
    return area, mx / 6 + x0 * area, my / 6 + y0 * area


def polygon_area_and_moments(polygon: Polygon) -> tuple[float, float, float]:
    """Area of a polygon (exterior minus holes, whatever the rings' orientation) and its first moments."""
    total = mx = my = 0.0
    for index, ring in enumerate(polygon):
        if len(ring) < 3:
            continue
        area, rx, ry = _ring_moments(ring)
        sign = (1 if area > 0 else -1) * (1 if index == 0 else -1)
        total += sign * area
        mx += sign * rx
        my += sign * ry
    return total, mx, my


def contains(polygon: Polygon, x: float, y: float) -> bool:
    """Whether (x, y) lies inside the polygon: inside its exterior ring and outside every hole (even-odd rule)."""
    inside = False
    for ring in polygon:
        n = len(ring)
        for i in range(n):
            xa, ya = ring[i][0], ring[i][1]
            xb, yb = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
            if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
                inside = not inside
    return inside


def _widest_stretch(polygon: Polygon, y: float) -> tuple[float, float] | None:
    """The widest stretch of the line at latitude y inside the polygon, as (x_start, x_end)."""
    crossings = []
    for ring in polygon:
        n = len(ring)
        for i in range(n):
            xa, ya = ring[i][0], ring[i][1]
            xb, yb = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
            if (ya > y) != (yb > y):
                crossings.append(xa + (y - ya) * (xb - xa) / (yb - ya))
    crossings.sort()
    stretches = [(crossings[i], crossings[i + 1]) for i in range(0, len(crossings) - 1, 2)]
    return max(stretches, key=lambda s: s[1] - s[0], default=None)


def point_inside(polygon: Polygon) -> tuple[float, float] | None:
    """A point well inside the polygon: the middle of the widest horizontal stretch, over several heights."""
    ys = [p[1] for p in polygon[0]]
    low, high = min(ys), max(ys)
    best: tuple[float, float, float] | None = None  # (width, x, y)
    for share in HEIGHTS:
        y = low + (high - low) * share
        stretch = _widest_stretch(polygon, y)
        if stretch and (best is None or stretch[1] - stretch[0] > best[0]):
            best = (stretch[1] - stretch[0], (stretch[0] + stretch[1]) / 2, y)
    if best is None or not contains(polygon, best[1], best[2]):
        return None
    return best[1], best[2]


def representative_point(geometry: dict[str, Any] | None) -> tuple[float, float, Method] | None:
    """(lon, lat, how) of a point for the shape: its area-weighted centroid when inside it ("centroid"), else a
    point inside its largest part ("inside"); None for an empty or degenerate geometry."""
    parts = [(polygon, *polygon_area_and_moments(polygon)) for polygon in polygons(geometry) if polygon]
    parts = [part for part in parts if part[1] > 0]
    if not parts:
        return None
    area = sum(part[1] for part in parts)
    x, y = sum(part[2] for part in parts) / area, sum(part[3] for part in parts) / area
    if any(contains(part[0], x, y) for part in parts):
        return x, y, "centroid"
    largest = max(parts, key=lambda part: part[1])[0]
    inside = point_inside(largest)
    return (inside[0], inside[1], "inside") if inside else None
