"""Pydantic errors rewritten as located problems in plain words."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dbq.errors import InvalidValue, Problem
from dbq.workspace.yamlio import Loc, Located, format_loc


def _data_loc(loc: tuple[Any, ...], data: Any) -> Loc:
    """Keep the parts of a pydantic loc that index the data (drop union tags like 'list[int]')."""
    kept: list[str | int] = []
    node = data
    for part in loc:
        if _indexes(node, part):
            kept.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            kept.append(part)  # a missing or unknown key
            node = None
    return tuple(kept)


def _indexes(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _is_tag(part: str) -> bool:
    return "[" in part or part in {"str", "int", "float", "bool", "list", "dict", "none"}


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping at loc, for 'did you mean' hints."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        current = _find_model(field.annotation) if field else None
    return current


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _find_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if found := _find_model(arg):
                return found
    return None


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a user may write for a model (aliases where set)."""
    return [f.alias or name for name, f in model.model_fields.items()]


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def validation_problems(
    exc: ValidationError, located: Located, model: type[BaseModel]
) -> list[Problem]:
    """One problem per wrong place, worded for a teacher, with line and column."""
    problems: dict[Loc, Problem] = {}
    for error in exc.errors():
        loc = _data_loc(error["loc"], located.data)
        kind = error["type"]
        if loc in problems and kind not in ("extra_forbidden", "missing"):
            continue  # a union reports once per member; one message is enough
        problems[loc] = _problem(error, kind, loc, located, model)
    return list(problems.values())


def _problem(
    error: ErrorDetails, kind: str, loc: Loc, located: Located, model: type[BaseModel]
) -> Problem:
    """One pydantic error as a problem: L001 unknown key, L002 missing, L003 any other refusal."""
    key = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = field_names(owner) if owner else []
        hint = did_you_mean(str(key), allowed)
        listing = f" (allowed here: {', '.join(allowed)})" if allowed and not hint else ""
        return located.problem(loc, f"unknown key `{key}`{hint}{listing}", code="L001")
    if kind == "missing":
        line, col = located.where(loc[:-1])
        message = f"`{key}` is required; add it"
        return Problem(located.path, line, col, format_loc(loc), message, code="L002")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(error.get("input", "")).replace(" ", "_"), options)
        return located.problem(
            loc,
            f"{error.get('input')!r} is not allowed; use one of: {', '.join(options)}{hint}",
            code="L003",
            value=True,
        )
    message = error["msg"].removeprefix("Value error, ")
    if kind == "bool_type":
        message = f"write true or false (found {error.get('input')!r})"
    elif kind.endswith("_type") or kind.endswith("_parsing"):
        message = f"{message[0].lower()}{message[1:]} (found {error.get('input')!r})"
    elif kind == "too_short" and isinstance(error.get("input"), list):
        message = "needs at least one entry"
    raised = error.get("ctx", {}).get("error")  # a validator's ValueError: its code, or L003
    code = raised.code if isinstance(raised, InvalidValue) else "L003"
    return located.problem(loc, message, code=code, value=True)
