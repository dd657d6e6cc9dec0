"""Map data: colours follow the indicator, unknown values are grey, the selected parish stands out."""

import json

from core import geo

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[-79, -3], [-78.9, -3], [-78.9, -2.9], [-79, -3]]]})


def _shapes(*codes):
    return [{"parish_code": c, "name": f"P{c}", "geometry_json": SQUARE} for c in codes]


def test_lowest_and_highest_values_take_the_palette_ends():
    fc = geo.feature_collection(_shapes("1", "2", "3"), {"1": 10, "2": 20, "3": 30}, selected_code="2")
    fills = {f["properties"]["parish_code"]: tuple(f["properties"]["fill"][:3]) for f in fc["features"]}
    assert fills["1"] == geo.PALETTE[0]
    assert fills["3"] == geo.PALETTE[-1]


def test_unknown_values_are_grey_and_say_so():
    fc = geo.feature_collection(_shapes("1", "2"), {"1": 5, "2": None}, selected_code=None)
    second = fc["features"][1]["properties"]
    assert tuple(second["fill"][:3]) == geo.NO_DATA
    assert second["value_text"] == "sin dato"


def test_only_the_selected_parish_is_highlighted():
    fc = geo.feature_collection(_shapes("1", "2", "3"), {}, selected_code="3")
    selected = [f["properties"]["parish_code"] for f in fc["features"] if f["properties"]["selected"]]
    assert selected == ["3"]
    assert fc["features"][2]["properties"]["line_width"] > fc["features"][0]["properties"]["line_width"]


def test_centre_is_inside_the_bounding_box():
    lat, lon = geo.bounds_centre(geo.feature_collection(_shapes("1"), {}, None))
    assert -3 <= lat <= -2.9 and -79 <= lon <= -78.9
