"""What a text people type into a record may hold (a cooperant's name, a call's title, an agreement's obligations, a
report's problems): the types `Line` (one line) and `Lines` (a text of several lines), for pydantic fields.

A character that cannot be seen and that no document keeps is refused, with a Spanish message that says which one
and where it is in the text (the error's place names the field: ui.session.reason, a file's column): control
characters (C0 and C1: «\\x00», «\\x1b»…), the other invisible format characters (U+202E, a right-to-left override,
shows «Ana \\u202eztiuQ» as «Ana Quitza»; zero-width spaces, a byte-order mark), half characters (surrogates) and
the two non-characters. The PDF and the IATI file would drop them without a word, so
the stored text and the printed one would differ. Accents, «ñ», emoji (with the joiner and tags that build them)
and any other visible character are kept; `Lines` keeps line breaks (a Windows «\\r\\n» too) and tabs.

`OneLine` is a name read from a file as well as typed (an association, an institution, a proposal's title): a line
break or a tab in it, with the blanks around it, becomes one space, always. A spreadsheet's cell wraps a long name
with Alt+Enter; the name is the same, and refusing it would stop a whole file for a break no one meant as part of
the name, while keeping it broke the tables and PDFs that show the name on one line.

The rule applies when a record is entered (the validation context `ENTERED`, which `entered` gives): core checks
each record it is asked to store, and a file's rows are read so; a record stored before the rule still reads (its
page, PDF and IATI file keep working), as core.proposals.offers does with its later rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ValidationInfo

from core.texts import label, t

ENTERED = "entered"  # validation context of a record being entered or saved: the rules added since apply too
M = TypeVar("M", bound=BaseModel)

_EMOJI_PARTS = {"\u200d"} | {chr(c) for c in range(0xE0020, 0xE0080)}  # the joiner and tags inside an emoji
_NONCHARACTERS = {"\ufffe", "\uffff"}
_BLANKS = re.compile("[ \u00a0\r\n\t\u2028\u2029]+")  # a run of blanks, matched once (no pattern retried inside it)
_BREAKS = frozenset("\r\n\t\u2028\u2029")


def hidden(char: str, multiline: bool = False) -> bool:
    """Whether `char` is one a text people type may not hold (`multiline`: a line break or a tab is fine)."""
    if multiline and char in "\n\r\t":
        return False
    category = unicodedata.category(char)
    if category == "Cf":
        return char not in _EMOJI_PARTS
    return category in ("Cc", "Cs") or char in _NONCHARACTERS


def first_hidden(text: str, multiline: bool = False) -> tuple[int, str] | None:
    """The position (from 1) and the character of the first one `text` may not hold; None when there is none."""
    return next(((i, c) for i, c in enumerate(text, start=1) if hidden(c, multiline)), None)


def problem(text: str, multiline: bool = False) -> str | None:
    """What `text` holds that it may not, in Spanish (the character's code and position); None when nothing."""
    found = first_hidden(text, multiline)
    if found is None:
        return None
    position, char = found
    kind = "line_break" if char in "\n\r" else "tab" if char == "\t" else "hidden"
    return t(f"text.err.{kind}", code=f"U+{ord(char):04X}", position=position)


def _refused(text: str, multiline: bool, info: ValidationInfo) -> str:
    if info.context and info.context.get(ENTERED) and (found := problem(text, multiline)) is not None:
        raise ValueError(found)
    return text


def _line(text: str, info: ValidationInfo) -> str:
    return _refused(text, False, info)


def _lines(text: str, info: ValidationInfo) -> str:
    return _refused(text, True, info)


def one_line(text: str) -> str:
    """`text` on one line: each line break or tab, with the blanks around it, made one space (see OneLine)."""
    return _BLANKS.sub(lambda run: " " if _BREAKS.intersection(run.group()) else run.group(), text).strip()


def _folded(value: object) -> object:
    """A text put on one line before its length is checked («\\n\\r\\n» is no title of three characters)."""
    return one_line(value) if isinstance(value, str) else value


Line = Annotated[str, AfterValidator(_line)]
Lines = Annotated[str, AfterValidator(_lines)]
OneLine = Annotated[str, BeforeValidator(_folded), AfterValidator(_line)]


def require_visible(record: BaseModel, named: Callable[[str], str] | None = None) -> None:
    """ValueError (Spanish, naming the field: by `named`, else its `field` label) when a text anywhere in `record`
    holds a character it may not (line breaks and tabs aside): the check of `entered` alone, for a record core builds
    from another with `model_copy`, which its other rules need not meet again."""
    for name, value in record.model_dump(mode="json").items():
        for text in _texts(value):
            if (found := problem(text, multiline=True)) is not None:
                field = named(name) if named is not None else label("field", name)
                raise ValueError(t("field.where", field=field, message=found))


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def entered(record: M) -> M:
    """`record` validated again as entered (ENTERED): pydantic's ValidationError, each field's problem at its
    place (ui.session.reason names the field in Spanish), when a text holds a character it may not."""
    return type(record).model_validate(record.model_dump(), context={ENTERED: True})
