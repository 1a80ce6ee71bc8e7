"""Field types the workspace's models share, stricter than pydantic's lax defaults."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Strict

from dbq.errors import InvalidValue

# true/false only: YAML's own booleans, never "yes" or 1 read as one.
YesNo = Annotated[bool, Strict()]
# A whole number, never true or false read as 1 or 0.
Whole = Annotated[int, Strict()]


def _not_a_switch(value: object) -> object:
    if isinstance(value, bool):
        raise InvalidValue(
            f'write paragraph numbers such as 7, "7-8" or [3, 5], not {str(value).lower()}',
            code="L003",
        )
    return value


# Paragraph numbers: `paragraphs: true` is a mistake, not paragraph 1.
NotASwitch = BeforeValidator(_not_a_switch)
