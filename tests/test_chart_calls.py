"""The Convocatorias chart reads in Spanish: months by name in calendar order, whole calls on the count axis."""

from __future__ import annotations

import datetime as dt

import polars as pl

from ui.charts import vega_spec
from ui.cooperation import calls_by_month_chart


def test_calls_chart_names_months_in_spanish_and_counts_whole_calls():
    calendar = pl.DataFrame({
        "close_date": [dt.date(2027, 3, 1), dt.date(2027, 1, 8), dt.date(2026, 12, 20)],
        "state": ["upcoming", "upcoming", "open"], "title": ["A", "B", "C"], "cooperant": ["X", "Y", "Z"]})
    spec = vega_spec(calls_by_month_chart(calendar, {"upcoming": "Por abrir", "open": "Abierta"}))
    x, y = spec["encoding"]["x"], spec["encoding"]["y"]
    months = [row[x["field"]] for row in spec["datasets"][spec["data"]["name"]]]
    assert sorted(months) == sorted(["marzo de 2027", "enero de 2027", "diciembre de 2026"])  # never «2027-01»
    assert x["sort"] == ["diciembre de 2026", "enero de 2027", "marzo de 2027"]
    assert y["axis"]["format"] == "d" and y["axis"]["tickMinStep"] == 1  # no «0,2» calls


def test_a_chart_says_its_spanish_title_to_screen_readers_and_no_field_names():
    """Vega's ARIA texts are English and built from field names («association_name», «Median of age»): off."""
    calendar = pl.DataFrame({"close_date": [dt.date(2027, 3, 1)], "state": ["open"], "title": ["A"],
                             "cooperant": ["X"]})
    spec = vega_spec(calls_by_month_chart(calendar, {"open": "Abierta"}))
    assert spec["config"]["aria"] is False  # axes and legends
    assert spec["mark"]["aria"] is False and spec["title"]["aria"] is False  # «rect mark container», «Title text»
    assert spec["description"] == "Convocatorias por mes de cierre"


def test_every_layer_of_a_chart_is_quiet_and_its_spec_stays_valid():
    import altair as alt

    from ui import charts

    frame = pl.DataFrame({"label": ["Pobre", "Clase media"], "share": [0.556, 0.4], "share_text": ["a", "b"],
                          "selected": [True, False]})
    chart = charts.bar_chart(frame, category="label", value="share", text="share_text", percent=True,
                             title="Cómo se considera la familia", value_title="Porcentaje",
                             tooltip=[("label", "Respuesta")], highlight="selected", rule=0.5, rule_text="Toda")
    spec = vega_spec(chart)
    assert [layer["mark"]["aria"] for layer in spec["layer"]] == [False] * 4
    assert spec["description"] == "Cómo se considera la familia"
    alt.Chart.from_dict(spec, validate=True)  # Vega-Lite's schema takes every added property
