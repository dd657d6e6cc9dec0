"""ui.number_field: the es-EC text a field writes back for a value."""

import pytest

from ui.number_field import shown


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (40000.0, 0, "40.000"),
    (40000.5, 2, "40.000,5"),  # no trailing zero
    (12.0, 2, "12"),
    (-0.0, 2, "0"),  # never «-0»
    (-0.001, 2, "0"),
    (-1500.25, 2, "-1.500,25"),
    (None, 2, ""),
])
def test_a_value_is_written_back_as_people_read_it_in_ecuador(value, decimals, expected):
    assert shown(value, decimals) == expected
