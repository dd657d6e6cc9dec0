"""The signed log at 20.000 entries: what a save costs, a full verification, and Registro's mark on a revisit."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench import Row, timed
from core.record import ledger
from core.record.store import Change, Store

TITLE = "Registro firmado (20.000 entradas)"
ENTRIES = 20_000


def _filled(folder: Path) -> Store:
    store = Store(folder / "minga.sqlite")
    for batch in range(ENTRIES // 500):
        store.apply([Change("proposal", f"P{batch:03d}-{n:03d}", {"title": "Proyecto " * 20, "n": n},
                            parish_code="010170") for n in range(500)], actor="bench")
    return store


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        store = _filled(Path(folder))
        saves = iter(range(10_000))
        save_median, save_worst, save_samples, _ = timed(
            lambda: store.save("proposal", f"S{next(saves)}", {"title": "Nuevo"}, actor="bench"), repeat=30)
        full_median, full_worst, full_samples, result = timed(store.verify, repeat=3)
        assert result.ok
        ledger.verify_store_cached(store)
        seen_median, seen_worst, seen_samples, _ = timed(lambda: ledger.verify_store_cached(store), repeat=20)
        start = time.perf_counter()
        store.save("proposal", "despues", {"title": "Un cambio más"}, actor="bench")
        after = ledger.verify_store_cached(store)
        after_save = time.perf_counter() - start
        assert after.ok
    return [
        Row("Guardar un registro (firma la entrada y mueve el ancla)", save_median, save_worst, "s", "< 0,05 s",
            save_worst < 0.05, runs=len(save_samples), samples=save_samples),
        Row("Verificación completa: cadena, firmas (cabeza + bisección), registros", full_median, full_worst, "s",
            "< 2 s", full_worst < 2, "lo que hace python -m core.audit verify", len(full_samples), full_samples),
        Row("Registro: volver a abrir la página sin cambios", seen_median, seen_worst, "s", "< 0,01 s",
            seen_worst < 0.01, "la marca se reutiliza mientras los archivos no cambian", len(seen_samples),
            seen_samples),
        Row("Registro: abrir la página tras un cambio (guardar + verificar todo)", after_save, after_save, "s",
            "< 2 s", after_save < 2, runs=1, samples=[after_save]),
    ]
