"""The one catalogue of every string a user reads, in Spanish.

Each module of this package holds the strings of one area as a flat dict `STRINGS`
(key → text with optional `{placeholders}`) and, where codes are shown, `LABELS`
(code family → code → label). They are merged here; a key defined twice is an error.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

STRINGS: dict[str, str] = {}
LABELS: dict[str, dict[str, str]] = {}

for _module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{__name__}.{_module_info.name}")
    for _key, _text in getattr(_module, "STRINGS", {}).items():
        if _key in STRINGS:
            raise KeyError(f"string key defined twice: {_key} ({_module_info.name})")
        STRINGS[_key] = _text
    for _family, _labels in getattr(_module, "LABELS", {}).items():
        if _family in LABELS:
            raise KeyError(f"label family defined twice: {_family} ({_module_info.name})")
        LABELS[_family] = dict(_labels)


def t(key: str, **values: Any) -> str:
    """The Spanish text for `key`, with `{placeholders}` filled from `values`."""
    text = STRINGS[key]
    return text.format(**values) if values else text


def t_count(key: str, count: int, /, **values: Any) -> str:
    """The text of `key` said of `count` things, by the catalogue's one plural rule: `key_one` when `count` is 1
    («1 miembro», «Ha votado 1»), `key` for any other count, zero included («0 miembros», «5 miembros»); a text
    that Spanish words otherwise for zero has its own `key_none` («no financian ninguna»). `values` fill the
    placeholders (the count too, formatted by the caller)."""
    if count == 1:
        key = f"{key}_one"
    elif count == 0 and f"{key}_none" in STRINGS:
        key = f"{key}_none"
    return t(key, **values)


def label(family: str, code: Any) -> str:
    """The Spanish label of a code (e.g. label('member_role', 'mother') → 'Madre')."""
    if code is None:
        return LABELS.get(family, {}).get("__none__", "Sin respuesta")
    return LABELS.get(family, {}).get(str(code), str(code))


def labels(family: str) -> dict[str, str]:
    return dict(LABELS.get(family, {}))
