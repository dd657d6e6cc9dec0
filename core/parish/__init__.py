"""A parish's own records: associations, the member survey, aid received, ranked problems.

Entered records live in the store (one document per record, keyed by a parish-prefixed id) and are
mirrored to parquet files per parish that the diagnosis views read together with the built demo
(see `core.parish.mirror`). `python -m core.parish` loads a folder of files from the command line.
"""
