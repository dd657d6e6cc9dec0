"""Minga's logic: data build, views, screening, scoring, allocation. Never imports Streamlit."""
