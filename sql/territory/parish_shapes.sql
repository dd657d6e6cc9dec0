-- parish_shapes: one row per parish polygon (Azuay and Cañar, heavily generalized, reliability C).
-- Columns: parish_code, name (display name from `parishes`), canton_code, canton, kind, geometry_json (GeoJSON text).
SELECT sh.parish_code, p.name, p.canton_code, p.canton, p.kind, sh.geometry_json
FROM raw_parish_shapes AS sh
JOIN parishes AS p USING (parish_code)
