"""Pydantic models of one source row each: the contract between `data/sources/` and parquet."""
