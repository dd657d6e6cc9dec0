"""Every choice a parish's templates and forms offer is one its records admit."""

from __future__ import annotations

import typing

import pytest

from core.parish.tables import PARTS
from core.texts import labels


def _codes(annotation) -> set[str]:
    """The codes a field's Literal admits (inside Optional or a list as well)."""
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    return set().union(*(_codes(arg) for arg in typing.get_args(annotation)))


@pytest.mark.parametrize(("part", "column"), [(p.name, c) for p in PARTS.values() for c in p.columns if c.family],
                         ids=lambda value: getattr(value, "field", value))
def test_every_choice_a_template_offers_is_one_the_record_admits(part, column):
    """«Requisitos de SENPLADES» was offered for «Registro legal», then refused as neither «seps» nor «mag»."""
    assert set(labels(column.family)) == _codes(PARTS[part].model.model_fields[column.field].annotation)
