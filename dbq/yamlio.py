"""Safe YAML loading that remembers where every key and value stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from dbq.errors import Problem

Loc = tuple[str | int, ...]


@dataclass
class Located:
    """Data loaded from YAML, with 1-based (line, col) for each key path."""

    data: Any
    path: str
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, *, value: bool = False) -> tuple[int, int]:
        """Position of the key at loc (or its value); falls back to the nearest parent."""
        table = self.values if value else self.keys
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.keys:
                return self.keys[loc]
            loc = loc[:-1]
        return (1, 1)

    def problem(
        self, loc: Loc, message: str, *, value: bool = False, severity: str = "error"
    ) -> Problem:
        line, col = self.where(loc, value=value)
        return Problem(self.path, line, col, format_loc(loc), message, severity)


def format_loc(loc: Loc) -> str:
    """('documents', 0, 'excerpt') -> 'documents[1].excerpt' (1-based, as teachers count)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def load_yaml(text: str, path: str) -> tuple[Located, list[Problem]]:
    """Parse YAML safely; return the data with positions and any problems found."""
    loader = yaml.SafeLoader(text)
    node = None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "not valid YAML"
        hint = (
            "check the indentation and quoting here "
            "(quote text that contains ': ' or starts with a symbol)"
        )
        return Located(None, path), [Problem(path, line, col, "", f"YAML syntax: {what}; {hint}")]
    except yaml.YAMLError as exc:
        return Located(None, path), [Problem(path, 1, 1, "", f"YAML: {exc}")]
    except ValueError as exc:  # PyYAML's own date parsing: "date: 1951-02-30"
        line, col = _bad_scalar(node) if node is not None else (0, 0)
        line, col = (line, col) if line else (1, 1)
        return Located(None, path), [
            Problem(path, line, col, "", f"not a real date ({exc}); write it as YYYY-MM-DD")
        ]
    finally:
        loader.dispose()
    located = Located(data, path)
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), located, problems)
    return located, problems


def _bad_scalar(node: yaml.Node) -> tuple[int, int]:
    """Where the first date-like scalar that is not a real date stands."""
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
        try:
            yaml.SafeLoader("").construct_yaml_timestamp(node)
        except ValueError:
            return _mark(node)
    children: list = []
    if isinstance(node, yaml.MappingNode):
        children = [value for _, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    for child in children:
        found = _bad_scalar(child)
        if found != (0, 0):
            return found
    return (0, 0)


def _walk(node: yaml.Node, loc: Loc, out: Located, problems: list[Problem]) -> None:
    out.values.setdefault(loc, _mark(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*loc, key)
            if key in seen:
                problems.append(
                    Problem(
                        out.path,
                        *_mark(key_node),
                        format_loc(child),
                        "this key appears twice; keep one",
                    )
                )
            seen.add(key)
            out.keys.setdefault(child, _mark(key_node))
            _walk(value_node, child, out, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*loc, index)
            out.keys.setdefault(child, _mark(item))
            _walk(item, child, out, problems)
