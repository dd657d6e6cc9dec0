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


# The pinned «40.000,5» above is the generic field (indicator values, counts): it writes back a figure as typed,
# without padding. A USD field follows the money rule of every table (core.fmt.amount): to the cent when there are
# cents, whole dollars when there are none, so the budget field never reads «15.000,5» beside «$ 15.000,50».
@pytest.mark.parametrize(("value", "expected"), [
    (15000.5, "15.000,50"),
    (15000.0, "15.000"),
    (0.05, "0,05"),
    (999.99, "999,99"),
    (-1500.2, "-1.500,20"),
    (-0.001, "0"),  # never «-0» nor «-0,00»
    (0.0, "0"),
    (None, ""),
])
def test_a_money_field_writes_cents_as_the_tables_do(value, expected):
    assert shown(value, 2, money=True) == expected
