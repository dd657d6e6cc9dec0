"""ui.charts: the Altair specs carry Spanish titles, the es-EC locale and readable axes."""

from __future__ import annotations

import json
import math

import polars as pl

from ui import charts


def _layers(spec):
    return spec.get("layer", [spec])


def test_bar_chart_spec_is_spanish_and_localised():
    frame = pl.DataFrame({"label": ["Pobre", "Clase media"], "share": [0.556, 0.4], "share_text": ["a", "b"],
                          "selected": [True, False]})
    spec = charts.bar_chart(frame, category="label", value="share", text="share_text", percent=True,
                            title="Cómo se considera la familia", value_title="Porcentaje",
                            tooltip=[("label", "Respuesta")], highlight="selected", rule=0.5,
                            rule_text="Toda la selección").to_dict()
    assert spec["title"]["text"] == "Cómo se considera la familia"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    assert spec["autosize"]["type"] == "fit-x"
    bars = _layers(spec)[0]["encoding"]
    assert bars["x"]["title"] == "Porcentaje"
    assert max(bars["x"]["axis"]["values"]) <= 1.0  # a percentage axis never reads past 100 %
    assert bars["tooltip"][0]["title"] == "Respuesta"
    assert len(_layers(spec)) == 4  # bars, values, reference line and its label


def test_other_chart_builders_produce_titled_localised_specs():
    flows = pl.DataFrame({"association_name": ["Uno"], "year": [2012], "institution": ["MAG"],
                          "kind_label": ["Capacitación"], "amount_usd": [500.0]})
    cells = pl.DataFrame({"x": ["a", "b"], "y": ["c", "c"], "n": [1, 3], "n_text": ["1", "3"]})
    points = pl.DataFrame({"association_name": ["Uno", "Uno"], "v": [-100.0, 50.0], "jitter": [0.1, -0.1]})
    boxes = pl.DataFrame({"association_name": ["Uno"], "min_usd": [-100.0], "q1_usd": [-50.0],
                          "median_usd": [0.0], "q3_usd": [20.0], "max_usd": [50.0]})
    grouped = pl.DataFrame({"c": ["x", "x"], "g": ["Padre", "Madre"], "v": [0.2, 0.6], "t": ["a", "b"]})
    built = [
        charts.timeline_chart(flows, title="T1", sort=["Uno"], tooltip=[("institution", "Institución")]),
        charts.heatmap_chart(cells, x="x", y="y", value="n", text="n_text", title="T2", x_title="X", y_title=None,
                             value_title="N", tooltip=[("x", "X")]),
        charts.distribution_chart(points, boxes, category="association_name", value="v", title="T3",
                                  value_title="USD", tooltip=[("v", "V")], box_tooltip=[("median_usd", "M")],
                                  sort=["Uno"]),
        charts.strip_chart(points, category="association_name", value="v", title="T4", value_title="Edad",
                           sort=["Uno"], tooltip=[("v", "V")]),
        charts.grouped_bar_chart(grouped, category="c", group="g", value="v", text="t", title="T5",
                                 value_title="%", group_title="Quién", tooltip=[("g", "Quién")]),
    ]
    for number, chart in enumerate(built, start=1):
        spec = chart.to_dict()
        assert spec["title"]["text"] == f"T{number}"
        assert spec["config"]["locale"]["number"]["currency"] == ["$ ", ""]


def test_heatmap_names_every_column_slanted_inside_the_chart():
    cells = pl.DataFrame({"x": ["Insumos", "Capacitación", "Comercialización"], "y": ["A", "A", "A"], "n": [1, 2, 3],
                          "n_text": ["1", "2", "3"]})
    spec = charts.heatmap_chart(cells, x="x", y="y", value="n", text="n_text", title="T", x_title="Tipo",
                                y_title=None, value_title="Instituciones", tooltip=[("x", "Tipo")]).to_dict()
    cells_layer = _layers(spec)[0]["encoding"]
    axis = cells_layer["x"]["axis"]
    assert axis["labelOverlap"] is False  # Vega would otherwise hide every other column's name
    # Slanted up and to the left (clockwise angle, text ending at its column): never past the right edge.
    assert axis["labelAngle"] > 0 and axis["labelAlign"] == "right"
    assert axis["labelLimit"] >= 200
    assert cells_layer["color"]["legend"] is not None  # the colour scale keeps its legend


def test_bar_chart_labels_every_bar_with_long_names():
    names = ["P-001 · Riego tecnificado para las huertas de la comunidad", "P-002 · Centro de acopio lechero"]
    frame = pl.DataFrame({"item": names, "votes": [12, 7], "votes_text": ["12", "7"]})
    spec = charts.bar_chart(frame, category="item", value="votes", text="votes_text", title="Votos",
                            value_title="Votos", tooltip=[("item", "Tema")]).to_dict()
    y_axis = _layers(spec)[0]["encoding"]["y"]["axis"]
    assert y_axis["labelOverlap"] is False  # no name is skipped
    # The long name is drawn whole, on lines that fit the label room (~7 px a character at 13 px).
    lines = [["P-001 · Riego tecnificado para las huertas", "de la comunidad"], [names[1]]]
    assert json.dumps(lines, ensure_ascii=False) in y_axis["labelExpr"]
    assert spec["config"]["axis"]["labelLimit"] >= 7 * max(len(line) for name in lines for line in name)
    assert spec["height"] >= 2 * 17 * len(names)  # room for every bar's two lines
    assert _layers(spec)[1]["encoding"]["text"]["field"] == "votes_text"  # each bar carries its value


def test_pages_draw_charts_only_through_ui():
    """Every chart goes through ui/ (es-EC locale, projector-sized labels): no page builds Altair itself."""
    from pathlib import Path

    pages = Path(__file__).resolve().parents[1] / "pages"
    assert [p.name for p in pages.glob("*.py") if "import altair" in p.read_text(encoding="utf-8")] == []


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB «#rrggbb» colour."""
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    fx, fy, fz = (v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_each_budget_method_has_a_colour_of_its_own():
    """Presupuesto's «Dinero por asociación» tells the methods apart by colour alone: two methods drawn in
    nearly the same orange (proportional and greedy once were) read as one. CIE76 ΔE ≥ 25 between every pair."""
    from core.engine.allocation import METHODS
    from ui.budget_charts import METHOD_COLOURS

    assert set(METHOD_COLOURS) == set(METHODS)
    close = [(a, b) for i, a in enumerate(METHODS) for b in METHODS[i + 1:]
             if math.dist(_lab(METHOD_COLOURS[a]), _lab(METHOD_COLOURS[b])) < 25]
    assert close == []


def test_the_methods_compared_are_only_those_with_figures():
    """Without the group's ballots the proportional method has no figures: it has no bars, so it has no place in the
    legend nor room kept for it beside each figure (the chart once listed five methods over four bars each)."""
    from ui.budget_charts import METHOD_COLOURS, comparison_chart

    rows = [{"metric": metric, "metric_es": metric, "method": method, "method_es": name, "value": value,
             "text": str(value)}
            for metric in ("total_score", "total_cost_usd")
            for method, name, value in (("optimal", "Óptima por puntaje", 10.0), ("greedy", "Voraz (CONSUL)", 8.0))]
    spec = comparison_chart(pl.DataFrame(rows)).to_dict()
    colour = _layers(spec)[0]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Óptima por puntaje", "Voraz (CONSUL)"]
    assert colour["range"] == [METHOD_COLOURS["optimal"], METHOD_COLOURS["greedy"]]


def test_the_budget_charts_legends_fit_a_half_width_chart():
    """The methods' legends are laid out in at most two columns, so every method is named beside a chart drawn in
    half of a 1024 px screen (about 540 px): with three, «Voraz (CONSUL)» and «Óptima por alcance» fell off it."""
    from ui.budget_charts import comparison_chart

    rows = [{"metric": "total_score", "metric_es": "Puntaje total", "method": method, "method_es": name,
             "value": 1.0, "text": "1"}
            for method, name in (("optimal", "Óptima por puntaje"), ("scope", "Óptima por alcance"),
                                 ("greedy", "Voraz (CONSUL)"), ("equal_split", "Reparto igual"))]
    spec = comparison_chart(pl.DataFrame(rows)).to_dict()
    legend = {**spec["config"]["legend"], **(_layers(spec)[0]["encoding"]["color"].get("legend") or {})}
    assert legend["orient"] == "bottom" and legend["columns"] <= 2


def test_the_money_legend_names_every_method_on_its_own_line():
    """«Dinero por asociación» draws its legend under the bars, right of the associations' long names: a method per
    line is the only layout that kept all four named on a 1024 px screen (seen in Chromium)."""
    from types import SimpleNamespace

    from ui.budget_charts import money_chart

    methods = ("optimal", "scope", "greedy", "equal_split")
    money = pl.DataFrame([{"association_id": "A1", "association_es": "Asociación de Productores Orgánicos",
                           "method": m, "method_es": m, "amount_usd": 1000.0, "amount_text": "$ 1.000",
                           "share_text": "10 %"} for m in methods])
    spec = money_chart(money, {m: SimpleNamespace(gini=0.5) for m in methods}).to_dict()
    assert _layers(spec)[0]["encoding"]["color"]["legend"]["columns"] == 1
    assert len(_layers(spec)[0]["encoding"]["color"]["scale"]["domain"]) == len(methods)
