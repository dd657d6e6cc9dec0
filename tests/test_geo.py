"""Map data: colours follow the indicator, unknown values are grey, the selected parish stands out."""

import json

from core.data import geo

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


def test_the_view_centres_on_the_shapes_and_zooms_to_fit():
    lat, lon, zoom = geo.view_for(geo.feature_collection(_shapes("1"), {}, None), width_px=900, height_px=460)
    assert -3 <= lat <= -2.9 and -79 <= lon <= -78.9
    # 0.1° must fit in 460 px: at zoom z deck.gl draws 360° over 512 · 2**z pixels.
    visible_degrees = 360 / 2**zoom * 460 / 512
    assert 0.1 <= visible_degrees
    assert 0.1 * 4 > visible_degrees  # and the shape is not lost in a tiny corner


def test_an_empty_collection_shows_ecuador():
    lat, lon, zoom = geo.view_for({"type": "FeatureCollection", "features": []})
    assert -5 < lat < 2 and -81 < lon < -75 and zoom < 7
