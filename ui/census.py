"""Drawing a parish's census figures (core.diagnosis.census) on Inicio and Territorio: one row of metrics per census
under its title («Censo 2022», «Censo 2010 (estudio)»; metrics «Población · 2022»), what is missing and why, and the
sources."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from core import fmt
from core.diagnosis.census import CensusPanel
from core.texts import t
from ui import widgets
from ui.text import plain


def draw_census(panel: CensusPanel, captions: Mapping[str, str] | None = None) -> None:
    """Each census block as metrics, its notes and its sources; `captions` (by indicator) go under the 2022
    metrics (Territorio puts the parish's place in the canton there)."""
    for block in panel.blocks:
        st.markdown(f"**{block.title}**")
        for column, figure in zip(st.columns(len(block.figures)), block.figures, strict=True):
            # A metric cuts a long value: a missing figure reads «sin dato» there, and in full beneath it.
            column.metric(t("census.metric", figure=figure.label, census=block.short),
                          figure.text if figure.value is not None else fmt.UNKNOWN)
            if figure.value is None:
                column.caption(figure.text)
            if captions and block.census == "2022" and figure.indicator in captions:
                column.caption(captions[figure.indicator])
        for note in block.notes:
            st.caption(plain(note))
        widgets.source_caption(plain(" · ".join(block.sources)))
