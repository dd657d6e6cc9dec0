-- migration: one row per (level, area, indicator, period): emigration and remittances of provinces and
-- cantons (reference figures with their source) and, from the survey, the families of association members
-- with someone abroad (parish total and per association: count and share).
-- Columns: level (provincia | cantón | parroquia | asociación), dpa_code (province, canton or parish code),
-- area (name as the source gives it), association_id (asociación rows only), theme (emigración | remesas),
-- indicator, period (null when the source gives none), value, unit, source, source_detail, is_synthetic.
-- Reference rows covering several provinces at once (codes joined by ';') are left out.
WITH reference AS (
    SELECT level, dpa_code, area, CAST(NULL AS VARCHAR) AS association_id, theme, indicator, period, value, unit,
           source, source_detail, false AS is_synthetic
    FROM migration_reference
    WHERE level IN ('provincia', 'cantón')
),
households AS (
    SELECT
        a.association_id,
        a.name,
        a.parish_code,
        count(m.member_id) AS surveyed,
        count(m.member_id) FILTER (WHERE m.family_abroad) AS abroad,
        bool_or(m.is_synthetic) OR bool_or(a.is_synthetic) AS is_synthetic
    FROM raw_associations AS a
    JOIN raw_members AS m USING (association_id)
    GROUP BY a.association_id, a.name, a.parish_code
),
levels AS (
    SELECT 'asociación' AS level, parish_code AS dpa_code, name AS area, association_id,
           surveyed, abroad, is_synthetic
    FROM households
    UNION ALL
    SELECT 'parroquia', h.parish_code, coalesce(p.name, h.parish_code) || ' (socios encuestados)', NULL,
           sum(h.surveyed), sum(h.abroad), bool_or(h.is_synthetic)
    FROM households AS h
    LEFT JOIN parishes AS p USING (parish_code)
    GROUP BY h.parish_code, p.name
),
survey AS (
    SELECT level, dpa_code, area, association_id, 'emigración' AS theme,
           'familias de socios con miembros en el exterior' AS indicator, CAST(NULL AS VARCHAR) AS period,
           CAST(abroad AS DOUBLE) AS value, 'familias' AS unit, surveyed, is_synthetic
    FROM levels
    UNION ALL
    SELECT level, dpa_code, area, association_id, 'emigración',
           'porcentaje de familias de socios con miembros en el exterior', NULL,
           round(100.0 * abroad / surveyed, 1), '% de familias encuestadas', surveyed, is_synthetic
    FROM levels
)
SELECT level, dpa_code, area, association_id, theme, indicator, period, value, unit, source, source_detail,
       is_synthetic
FROM reference
UNION ALL
SELECT level, dpa_code, area, association_id, theme, indicator, period, value, unit,
       CASE WHEN is_synthetic
            THEN 'Encuesta del estudio El Valle (Gómez-Ceballos et al., 2021): registros sintéticos '
                 || 'calibrados a sus agregados (core/synth)'
            ELSE 'Registros de socios de la parroquia' END,
       'sobre ' || surveyed || ' socios encuestados',
       is_synthetic
FROM survey
ORDER BY CASE level WHEN 'provincia' THEN 1 WHEN 'cantón' THEN 2 WHEN 'parroquia' THEN 3 ELSE 4 END,
         dpa_code, association_id, theme, indicator, period
