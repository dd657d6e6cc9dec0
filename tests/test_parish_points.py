"""A point for every parish that has a polygon: the `parishes` view's lat/lon against the CONALI 2024 polygons and
the reference files (read here with the json and csv modules, not through the build), and core.data.points on
shapes whose answer is known by construction."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from core.data.db import query, view
from core.data.points import representative_point

SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources"
REFERENCE = SOURCES / "reference"
# Ecuador, Galápagos included: about 5.0° S to 1.5° N, 92.0° W to 75.2° W
LAT_RANGE, LON_RANGE = (-5.1, 1.7), (-92.1, -75.1)


def inside_ring(ring, x: float, y: float) -> bool:
    """Even-odd ray casting, written here apart from the module under test."""
    hits = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hits += 1
    return hits % 2 == 1


def inside(geometry: dict, lon: float, lat: float) -> bool:
    parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return any(inside_ring(part[0], lon, lat) and not any(inside_ring(hole, lon, lat) for hole in part[1:])
               for part in parts)


def polygons() -> dict[str, dict]:
    collection = json.loads((REFERENCE / "parroquias_conali2024.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["dpa_parroquia"]: f["geometry"] for f in collection["features"]}


def test_every_parish_with_a_polygon_has_a_point_inside_it_and_inside_ecuador(con):
    shapes = polygons()
    rows = query(con, "SELECT parish_code, lat, lon, has_shape FROM parishes").to_dicts()
    with_shape = [r for r in rows if r["parish_code"] in shapes]
    assert len(with_shape) == 1042 and all(r["has_shape"] for r in with_shape)  # reference/SOURCES.md: 1,042
    assert [r["parish_code"] for r in with_shape if r["lat"] is None or r["lon"] is None] == []
    assert [r["parish_code"] for r in with_shape
            if not (LAT_RANGE[0] < r["lat"] < LAT_RANGE[1] and LON_RANGE[0] < r["lon"] < LON_RANGE[1])] == []
    assert [r["parish_code"] for r in with_shape if not inside(shapes[r["parish_code"]], r["lon"], r["lat"])] == []


def test_the_source_says_where_each_point_comes_from(con):
    located = view(con, "parishes", "lat IS NOT NULL")
    named = ("polígono parroquial de CONALI 2024", "coordenadas", "Koordinaten", "coords")
    assert [r["parish_code"] for r in located.to_dicts() if not any(n in r["source"] for n in named)] == []
    tufino = view(con, "parishes", "parish_code = '040157'").row(0, named=True)
    assert "CONALI 2024" in tufino["source"] and "calculado por Minga" in tufino["source"]
    without = view(con, "parishes", "NOT has_shape")
    assert without["lat"].null_count() == without.height and not without["source"].str.contains("CONALI").any()


def test_points_from_a_better_source_are_kept(con):
    """El Valle's from the study, and the coordinates the reference file takes from a source (Chaucha, Llacao,
    Sinincay), win over the point computed from the polygon."""
    with (SOURCES / "study_parish_figures.csv").open(encoding="utf-8") as handle:
        study = {r["parish_code"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)}
    with (REFERENCE / "parroquias_cuenca_azogues.csv").open(encoding="utf-8") as handle:
        sourced = {r["codigo_parroquia"]: (float(r["lat_fuente"]), float(r["lon_fuente"]))
                   for r in csv.DictReader(handle) if r["lat_fuente"]}
    assert set(sourced) == {"010153", "010156", "010167"}
    expected = {**sourced, **study}
    shown = {r["parish_code"]: (r["lat"], r["lon"])
             for r in view(con, "parishes", "parish_code IN ('010153', '010156', '010167', '010170')").to_dicts()}
    assert shown == expected


# --- core.data.points on shapes with a known answer --------------------------------------------------------------
SQUARE = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
U_SHAPE = [[0, 0], [6, 0], [6, 6], [4, 6], [4, 2], [2, 2], [2, 6], [0, 6], [0, 0]]  # centroid (3, 2.71), in the gap


def test_a_square_gives_its_centre_whatever_the_ring_orientation():
    assert representative_point({"type": "Polygon", "coordinates": [SQUARE]}) == pytest.approx((2, 2, "centroid"))
    clockwise = {"type": "Polygon", "coordinates": [SQUARE[::-1]]}
    assert representative_point(clockwise)[:2] == pytest.approx((2, 2))


def test_an_off_centre_triangle_gives_the_mean_of_its_vertices():
    triangle = {"type": "Polygon", "coordinates": [[[-79.0, -3.0], [-78.0, -3.0], [-79.0, -2.0], [-79.0, -3.0]]]}
    lon, lat, _ = representative_point(triangle)
    assert (lon, lat) == pytest.approx(((-79 - 78 - 79) / 3, (-3 - 3 - 2) / 3))


@pytest.mark.parametrize("geometry", [
    {"type": "Polygon", "coordinates": [U_SHAPE]},
    # a ring (square with a square hole) whose centroid is the hole's centre
    {"type": "Polygon", "coordinates": [[[0, 0], [9, 0], [9, 9], [0, 9], [0, 0]],
                                        [[3, 3], [6, 3], [6, 6], [3, 6], [3, 3]]]},
    # two islands: the centroid of the pair is in the sea between them
    {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[10, 0], [14, 0], [14, 4], [10, 4], [10, 0]]]]},
])
def test_a_centroid_outside_the_shape_gives_way_to_a_point_inside(geometry):
    lon, lat, method = representative_point(geometry)
    assert method == "inside" and inside(geometry, lon, lat)


def test_the_point_of_a_parish_of_islands_is_on_the_largest_island():
    big = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    small = [[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]
    lon, lat, _ = representative_point({"type": "MultiPolygon", "coordinates": [[small], [big]]})
    assert inside({"type": "Polygon", "coordinates": [big]}, lon, lat)


@pytest.mark.parametrize("geometry", [None, {}, {"type": "Point", "coordinates": [0, 0]},
                                      {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}])
def test_no_point_for_what_is_not_an_area(geometry):
    assert representative_point(geometry) is None
