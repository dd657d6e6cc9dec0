"""pydeck maps with no basemap and no token: the parish polygons are the map, so it works offline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import polars as pl
import pydeck as pdk
import streamlit as st

from core import fmt
from core.data import geo
from core.diagnosis.census import CensusPanel
from core.texts import t
from ui.text import plain


def parish_map(collection: Mapping[str, Any], tooltip_label: str, key: str, height: int = 460) -> None:
    lat, lon, zoom = geo.view_for(collection, height_px=height)
    layer = pdk.Layer(
        "GeoJsonLayer",
        data=collection,
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        get_line_width="properties.line_width",
        line_width_min_pixels=1,
    )
    deck = pdk.Deck(
        layers=[layer],
        initial_view_state=pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom),
        map_provider=None,
        map_style=None,
        tooltip={"text": "{name}\n" + tooltip_label + ": {value_text}"},
    )
    st.pydeck_chart(deck, height=height, key=key)


def canton_map(panel: CensusPanel, shapes: pl.DataFrame, values: Mapping[str, float | None], tooltip_label: str,
               key: str, canton: str, value_format: Callable[[Any], str] = fmt.number) -> bool:
    """The canton's parishes coloured by `values`, the chosen one outlined. Says so instead of drawing an empty
    map when the canton has no polygons, and says so when the chosen parish has none. Returns whether it drew."""
    if panel.shape_note:
        st.info(plain(panel.shape_note))
    if shapes.is_empty():
        if not panel.shape_note:
            st.info(t("census.shapes_missing", canton=canton))
        return False
    collection = geo.feature_collection(shapes.iter_rows(named=True), values, panel.parish_code,
                                        value_format=value_format)
    parish_map(collection, tooltip_label, key=key)
    return True
