"""Streamlit-side helpers shared by the pages: cached data access, marks, downloads, maps."""
