"""pydeck maps with no basemap and no token: the parish polygons are the map, so it works offline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pydeck as pdk
import streamlit as st

from core.data import geo


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
