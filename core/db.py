"""Compatible entry point: `core.db.connect` is a public interface (docs/arquitectura.md, «Interfaz pública»);
the code lives in core.data.db."""

from core.data.db import connect, query, view_files

__all__ = ["connect", "query", "view_files"]
