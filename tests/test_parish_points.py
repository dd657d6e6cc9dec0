"""core.data.points on shapes whose answer is known by construction."""

from __future__ import annotations

import pytest

from core.data.points import representative_point


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
