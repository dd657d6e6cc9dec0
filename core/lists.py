"""A list kept in one text: one spreadsheet cell of a file Minga reads or writes, or one field a person types in.

Items are separated by «;» or line breaks. An item holding a separator, a quote or a line break is written between
double quotes, a quote inside doubled (as a spreadsheet writes a CSV cell): `join_list` writes it so, `list_items`
reads it back exactly. A quote that does not close the item (`"Sequía" larga`) is plain text. A whole text saying
there is no value («n/a», «-»: `NOT_GIVEN`) is no items, so `join_list` quotes such an item.

Not Python's csv module: an unclosed quote swallows the rest of the text and `"Sequía" larga` loses its quotes,
and it cannot say which items were quoted (a quoted one is taken whole, its commas and «n/a» included).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# What people type in a cell to say there is nothing to put there («n/a», «no aplica», «-», «s/d», and Minga's own
# «sin dato» of an export), and what a program writes for an empty value («nan» from pandas, Python's «None», a
# database's «NULL»): every reader takes it as an empty cell; a required column refuses it (`val.not_given`).
NOT_GIVEN = frozenset({"n/a", "n.a", "na", "no aplica", "no corresponde", "-", "--", "---", "\u2013", "\u2014", "s/d",
                       "s.d", "n/d", "sin dato", "sin datos", "nan", "none", "null"})
_SEPARATORS = ";\n\r"
_SPACES = " \t"


def not_given(value: Any) -> bool:
    """Whether the cell says, in words or a dash, that it has no value."""
    return isinstance(value, str) and " ".join(value.lower().split()).rstrip(".") in NOT_GIVEN


def bare_na(value: Any) -> bool:
    """Whether the cell is a bare «NA» (any case): «no data» in `NOT_GIVEN`, but also a code people give («Nueva
    Aurora»). A column of codes reads it as the code when the parish has it, and otherwise says how it was read."""
    return isinstance(value, str) and value.strip().lower() == "na"


def join_list(items: Iterable[Any], also_comma: bool = False, lines: bool = False) -> str | None:
    """Items as one text, «; » between them (`lines`: one per line, for a text area), quoting those that would not
    read back as themselves (`also_comma`: the reader splits unquoted items at commas too); None: no items."""
    out = []
    for item in (str(i) for i in items):
        special = any(c in item for c in _SEPARATORS + '"' + ("," if also_comma else ""))
        if special or item != item.strip() or not_given(item):
            item = '"' + item.replace('"', '""') + '"'
        out.append(item)
    return ("\n" if lines else "; ").join(out) or None


def list_items(text: str | None) -> list[tuple[str, bool]]:
    """The items of a list text, each with whether it was quoted (a quoted item is taken whole, exactly)."""
    if text is None or not_given(text):
        return []
    items: list[tuple[str, bool]] = []
    i, size = 0, len(text)
    while i < size:
        while i < size and text[i] in _SEPARATORS + _SPACES:
            i += 1
        if i >= size:
            break
        quoted = _quoted(text, i) if text[i] == '"' else None
        if quoted is not None:
            item, i = quoted
            if item:
                items.append((item, True))
            continue
        end = min((j for j in (text.find(c, i) for c in _SEPARATORS) if j >= 0), default=size)
        if text[i:end].strip():
            items.append((text[i:end].strip(), False))
        i = end
    return items


def split_items(text: str | None, also_comma: bool = False) -> list[str]:
    """The items of a list text (`list_items`); with `also_comma` an unquoted item is also split at its commas."""
    out = []
    for item, quoted in list_items(text):
        parts = [item] if quoted or not also_comma else item.split(",")
        out.extend(p if quoted else p.strip() for p in parts if quoted or p.strip())
    return out


def _quoted(text: str, start: int) -> tuple[str, int] | None:
    """The quoted item starting at `start` and where the text goes on, or None when the quote does not close the
    item (no closing quote, or text after it before the next separator)."""
    i, out = start + 1, []
    while i < len(text):
        if text[i] == '"':
            if text[i + 1:i + 2] == '"':
                out.append('"')
                i += 2
                continue
            j = i + 1
            while j < len(text) and text[j] in _SPACES:
                j += 1
            return ("".join(out), j) if j == len(text) or text[j] in _SEPARATORS else None
        out.append(text[i])
        i += 1
    return None
