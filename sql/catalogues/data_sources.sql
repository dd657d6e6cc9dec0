-- data_sources: one row per built dataset. Columns: dataset, source_file, provenance, is_synthetic.
SELECT dataset, source_file, provenance, is_synthetic FROM raw_data_sources
