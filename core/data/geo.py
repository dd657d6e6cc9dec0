"""Parish polygons as GeoJSON for the map, coloured by an indicator (pure data, no drawing).

Input: rows of the `parish_shapes` view joined with an indicator value per parish.
Output: a GeoJSON FeatureCollection whose features carry the name, the formatted value, an RGBA
fill (a sequential palette over the indicator's range) and whether the parish is the selected one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from core import fmt

# A calm sequential palette (light to dark green-blue), readable on a projector.
PALETTE: list[tuple[int, int, int]] = [
    (237, 248, 233), (199, 233, 192), (161, 217, 155), (116, 196, 118),
    (65, 171, 93), (35, 139, 69), (0, 90, 50),
]
NO_DATA = (210, 210, 210)
HIGHLIGHT_LINE = (200, 60, 20)
LINE_METRES = 40  # outline width on the ground; deck.gl keeps at least one pixel
LINE_METRES_SELECTED = 250


def colour_for(value: float | None, low: float, high: float) -> tuple[int, int, int]:
    """The palette colour of `value` within [low, high]; grey when the value is unknown."""
    if value is None:
        return NO_DATA
    if high <= low:
        return PALETTE[len(PALETTE) // 2]
    position = (value - low) / (high - low)
    index = min(len(PALETTE) - 1, max(0, int(position * len(PALETTE))))
    return PALETTE[index]


def feature_collection(
    shapes: Iterable[Mapping[str, Any]],
    values: Mapping[str, float | None],
    selected_code: str | None,
    value_format=fmt.number,
) -> dict[str, Any]:
    """GeoJSON for the given parish shapes (`parish_code`, `name`, `geometry_json`)."""
    rows = list(shapes)
    known = [v for v in (values.get(r["parish_code"]) for r in rows) if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    features = []
    for row in rows:
        code = row["parish_code"]
        value = values.get(code)
        selected = code == selected_code
        features.append({
            "type": "Feature",
            "geometry": json.loads(row["geometry_json"]),
            "properties": {
                "parish_code": code,
                "name": row["name"],
                "value_text": value_format(value),
                "fill": [*colour_for(value, low, high), 230 if selected else 170],
                "line": [*HIGHLIGHT_LINE, 255] if selected else [90, 90, 90, 200],
                "line_width": LINE_METRES_SELECTED if selected else LINE_METRES,
                "selected": selected,
            },
        })
    return {"type": "FeatureCollection", "features": features}


def view_for(collection: Mapping[str, Any], width_px: int = 900, height_px: int = 460) -> tuple[float, float, float]:
    """(lat, lon, zoom) that fits every feature of the collection in a map of the given size."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            lons.append(coords[0])
            lats.append(coords[1])
        else:
            for part in coords:
                walk(part)

    for feature in collection["features"]:
        walk(feature["geometry"]["coordinates"])
    if not lats:
        return (-1.8, -78.2, 5.5)  # Ecuador
    lon_span = max(max(lons) - min(lons), 0.01)
    lat_span = max(max(lats) - min(lats), 0.01)
    # deck.gl's Web Mercator near the equator: at zoom z the world's 360° span 512 · 2**z pixels.
    zoom = min(math.log2(360 * width_px / (512 * lon_span)), math.log2(360 * height_px / (512 * lat_span)))
    return ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2, round(zoom - 0.2, 2))
