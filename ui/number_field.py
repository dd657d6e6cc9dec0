"""A number typed and shown as people write it in Ecuador («40.000», «12,5»): Streamlit's number input can only
show «40000» or «40000.00». The field is a text input read with `core.fmt.read_number`; what it read is written
back es-EC on the next run, so the person sees how Minga understood the figure.

Shape: `number_field` returns a `Reading` (the value, or None when blank, and the Spanish problem when the text
cannot be read or is out of bounds). The problem is drawn under the field; outside a form the last good value
is kept, so a page keeps working while the person corrects the text. A form's handler refuses to save while any
reading has a problem (`problems`)."""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.fmt import NumberTextError, number, read_number
from core.texts import t
from ui.text import plain

GOOD = "number-field-good:"  # prefix of the session keys holding each field's last good value
MAX_CHARS = 40  # «-1.000.000.000.000,00 USD» fits; a pasted page does not


class Reading(NamedTuple):
    value: float | None
    problem: str | None = None


def shown(value: float | None, decimals: int, money: bool = False) -> str:
    """The es-EC text of a value: «40.000», «12,5» (no trailing zeros; never «-0»), blank for None. A `money` field
    (USD) follows the tables' rule (`core.fmt.amount`): «15.000» when whole, else to the cent «15.000,50»."""
    if value is None:
        return ""
    text = number(value + 0.0, decimals)
    text = "0" if text.strip("-0,.") == "" else text
    if money and text != "0":
        return number(value + 0.0, 0 if round(value * 100) % 100 == 0 else 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def number_field(label: str, *, key: str, value: float | None = None, decimals: int = 0,
                 minimum: float | None = None, maximum: float | None = None, required: bool = False,
                 help: str | None = None, where: DeltaGenerator | None = None, money: bool = False) -> Reading:
    """A text field for a number with at most `decimals` decimals between `minimum` and `maximum` (`required`: not
    blank); `value` is the first value shown (later the session keeps what the person typed). A `money` field (USD,
    two decimals) is written back as the tables write amounts (`shown`)."""
    where = where if where is not None else st
    state = st.session_state
    if key not in state:
        state[key] = shown(value, decimals, money)
        state[GOOD + key] = value
    else:  # what the last run read, written back es-EC before the field is drawn again; only when it differs,
        # since a value set from here replaces in the browser what the person may be typing in a form
        try:
            written = shown(read_number(state[key], decimals), decimals, money)
        except NumberTextError:
            written = state[key]
        if written != state[key]:
            state[key] = written
    text = where.text_input(label, key=key, help=help, max_chars=MAX_CHARS)
    try:
        read = read_number(text, decimals)
        problem = t("number.required") if read is None and required else None
        if read is not None and minimum is not None and read < minimum:
            problem = t("number.at_least", minimum=shown(minimum, decimals, money))
        elif read is not None and maximum is not None and read > maximum:
            problem = t("number.at_most", maximum=shown(maximum, decimals, money))
    except NumberTextError as refused:
        read, problem = None, str(refused)
    if problem is not None:
        where.error(plain(t("number.in_field", label=label, problem=problem)), icon=":material/error:")
        return Reading(state.get(GOOD + key, value), problem)
    state[GOOD + key] = read
    return Reading(read)


def problems(readings: list[Reading]) -> bool:
    """Whether any reading has a problem: a form then says so once and saves nothing."""
    return any(r.problem is not None for r in readings)


def refuse_problems(readings: list[Reading]) -> None:
    """Inside a write that `ui.cooperation.attempt` runs: stop it, with the Spanish request to fix the numbers."""
    if problems(readings):
        raise ValueError(t("number.fix_fields"))
