"""Reading source files into numbered rows (line 1 is the header, as a person counts)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from core.data.points import representative_point
from core.data.validation import RowProblem, SourceError
from core.texts import t


def read_csv(path: Path, label: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """A UTF-8 CSV with a header row, as (header, numbered rows of strings)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in (reader.fieldnames or [])]
            rows = []
            for record in reader:
                line = reader.line_num
                extra = record.pop(None, None)
                if extra:
                    raise SourceError([RowProblem(label, line, None, t("val.file.extra_cells"))])
                rows.append((line, {k.strip(): v for k, v in record.items() if k is not None}))
    except UnicodeDecodeError as exc:
        raise SourceError([RowProblem(label, None, None, t("val.file.not_utf8", position=exc.start))]) from exc
    if not header:
        raise SourceError([RowProblem(label, None, None, t("val.file.empty"))])
    return header, rows


def read_json(path: Path, label: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """A JSON array of objects; a 'row' is the object's position (1 = first object)."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SourceError([RowProblem(label, None, None, t("val.file.bad_json", line=exc.lineno, column=exc.colno))]) \
            from exc
    except UnicodeDecodeError as exc:
        raise SourceError([RowProblem(label, None, None, t("val.file.not_utf8", position=exc.start))]) from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise SourceError([RowProblem(label, None, None, t("val.file.not_objects"))])
    header = sorted({k for r in records for k in r})
    return header, [(i + 1, r) for i, r in enumerate(records)]


def read_geojson_shapes(path: Path, label: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Parish polygons (CONALI 2024 properties: `dpa_parroquia`, `parroquia`): one row per feature with its DPA
    code, name, geometry as text, and a point for the parish (core.data.points) with what that point is."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise SourceError([RowProblem(label, None, None, t("val.file.bad_geojson"))]) from exc
    rows = []
    for i, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry")
        try:
            point = representative_point(geometry)
        except (AttributeError, KeyError, TypeError, IndexError, ValueError):
            point = None  # a malformed geometry: the row's own check says so (geometry_json)
        rows.append((i, {
            "parish_code": props.get("dpa_parroquia"),
            "name": props.get("parroquia"),
            "geometry_json": json.dumps(geometry, separators=(",", ":")),
            "lon": point[0] if point else None,
            "lat": point[1] if point else None,
            "point_source": t(f"fuentes.point.{point[2]}") if point else None,
        }))
    return ["parish_code", "name", "geometry_json", "lon", "lat", "point_source"], rows


READERS = {".csv": read_csv, ".json": read_json, ".geojson": read_geojson_shapes}
