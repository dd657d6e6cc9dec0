-- parish_shapes: one row per parish polygon of the DPA list (1,042 of 1,047; CONALI 2024 limits, simplified).
-- Columns: parish_code, name (display name from `parishes`), canton_code, canton, kind, geometry_json (GeoJSON text).
SELECT sh.parish_code, p.name, p.canton_code, p.canton, p.kind, sh.geometry_json
FROM raw_parish_shapes AS sh
JOIN parishes AS p USING (parish_code)
