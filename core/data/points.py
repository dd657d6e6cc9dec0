"""One point for a parish polygon (GeoJSON Polygon or MultiPolygon, lon/lat), computed at build with shapely.

The point is the area-weighted centroid of the shape when it falls inside the shape; otherwise (a crescent, a
parish of islands, a centroid in a hole) a point inside the shape (GEOS's interior point, on its widest part).
Planar geometry on degrees: the centroid of an affine image is the image of the centroid, so treating lon/lat as a
plane changes nothing for a centroid, and a parish spans too little latitude for the choice of an inside point
to matter.
"""

from __future__ import annotations

from typing import Any, Literal

import shapely
from shapely.errors import ShapelyError
from shapely.geometry import shape

Method = Literal["centroid", "inside"]


def representative_point(geometry: dict[str, Any] | None) -> tuple[float, float, Method] | None:
    """(lon, lat, how) of a point for the shape: its centroid when inside it ("centroid"), else a point inside it
    ("inside"); None for an empty geometry, one that is not an area, or one that cannot be read."""
    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    try:
        area = shape(geometry)
        if not area.is_valid:
            area = shapely.make_valid(area)
        if area.is_empty or area.area <= 0:
            return None
        centroid = area.centroid
        if area.contains(centroid):
            return centroid.x, centroid.y, "centroid"
        inside = area.representative_point()
    except (ShapelyError, ValueError, TypeError, KeyError, IndexError):
        return None
    return inside.x, inside.y, "inside"
