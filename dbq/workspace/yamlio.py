"""Safe YAML loading that remembers where every key and value stands."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
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
        self,
        loc: Loc,
        message: str,
        *,
        code: str,  # its stable code (dbq/codes.py)
        value: bool = False,
        severity: str = "error",
    ) -> Problem:
        line, col = self.where(loc, value=value)
        return Problem(self.path, line, col, format_loc(loc), message, severity, code)


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


# Limits that no real lesson, source or glossary comes near, but that stop alias bombs
# ("billion laughs") and nesting deep enough to exhaust memory or the stack.
MAX_CHARS = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000


class _TooDeep(yaml.MarkedYAMLError):
    """A document nested deeper than MAX_DEPTH."""


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing documents nested deeper than MAX_DEPTH."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _TooDeep(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# Characters no lesson text needs, which YAML's double-quoted escapes ("\a", "\x07") let in.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_node_graph(node: yaml.Node) -> tuple[yaml.Node, str] | None:
    """The node and reason a document is too big once its aliases are expanded, or None.

    Aliases share one node, so the size with aliases expanded is counted once per node
    (memoised), and an alias inside its own anchor (a cycle) is refused.
    """
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        key = id(current)
        children = _children(current)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            depths[key] = 1 + max((depths[id(c)] for c in children), default=0)
            if sizes[key] > MAX_NODES:
                return current, (
                    f"expands to more than {MAX_NODES} values (aliases `*name` repeat "
                    "their anchor `&name`); write the data out or use fewer aliases"
                )
            if depths[key] > MAX_DEPTH:
                return current, f"nested more than {MAX_DEPTH} levels deep"
            continue
        if key in sizes:
            continue
        if key in on_path:
            return current, "an alias `*name` refers to the value it is inside; remove it"
        on_path.add(key)
        stack.append((current, True))
        for child in children:
            if id(child) in on_path:
                return child, "an alias `*name` refers to the value it is inside; remove it"
            if id(child) not in sizes:
                stack.append((child, False))
    return None


# The tags YAML gives plain values by itself; any other (!!binary, !!set, !!python/…, !mine) was
# written in the file, and dbq reads none of them.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
}


def _refused_value(node: yaml.Node) -> tuple[yaml.Node, str, str] | None:
    """The first value dbq refuses, why, and its code: a control character YAML's escapes let
    in (Y007), or a tag other than YAML's plain ones (Y008).

    Run after check_node_graph, so the graph is known to be small and acyclic.
    """
    stack, seen = [node], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if current.tag not in _PLAIN_TAGS:
            shown = current.tag.replace("tag:yaml.org,2002:", "!!")
            return (
                current,
                (
                    f"the tag `{shown[:40]}` is not one dbq reads; remove it and write the value "
                    "as plain text, a number, true/false, a list or a mapping"
                ),
                "Y008",
            )
        if isinstance(current, yaml.ScalarNode) and (control := _CONTROL.search(current.value)):
            return (
                current,
                (
                    f"contains a control character (#x{ord(control.group()):04x}), written as an "
                    'escape such as "\\a" or "\\x07"; delete it (it prints as nothing or as a box)'
                ),
                "Y007",
            )
        stack.extend(_children(current))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def read_located(path: Path, root: Path) -> tuple[Located | None, str, list[Problem]]:
    """A workspace YAML file read through the safe reader: its data with positions, its text,
    or the problems that stop it."""
    from dbq.errors import display_path
    from dbq.workspace.files import FileError, read_text

    try:
        text = read_text(path, root)
    except FileError as exc:
        return None, "", exc.problems
    located, problems = load_yaml(text, display_path(path, root))
    return (None if problems else located), text, problems


def load_yaml(text: str, path: str) -> tuple[Located, list[Problem]]:
    """Parse YAML safely; return the data with positions and any problems found."""
    if len(text) > MAX_CHARS:
        message = f"too large for a YAML file (over {MAX_CHARS // 1024 // 1024} MB); split it"
        return Located(None, path), [Problem(path, 1, 1, "", message, code="Y005")]
    node = None
    loader = None
    try:
        loader = _LimitedLoader(text)
        node = loader.get_single_node()
        if node is not None:
            too_big = check_node_graph(node)
            refused = (*too_big, "Y005") if too_big is not None else _refused_value(node)
            if refused is not None:
                where, message, code = refused
                line, col = _mark(where)
                return Located(None, path), [Problem(path, line, col, "", message, code=code)]
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc.position)
        what = f"#x{exc.character:04x}" if isinstance(exc.character, int) else "a byte"
        message = (
            f"contains a control character ({what}) that YAML does not allow; "
            "delete it (it is invisible in most editors)"
        )
        return Located(None, path), [Problem(path, line, col, "", message, code="Y007")]
    except _TooDeep as exc:
        line, col = _position(text, exc.problem_mark.index if exc.problem_mark else 0)
        return Located(None, path), [Problem(path, line, col, "", str(exc.problem), code="Y005")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "not valid YAML"
        hint = (
            "check the indentation and quoting here "
            "(quote text that contains ': ' or starts with a symbol)"
        )
        message = f"YAML syntax: {what}; {hint}"
        return Located(None, path), [Problem(path, line, col, "", message, code="Y001")]
    except yaml.YAMLError as exc:
        return Located(None, path), [Problem(path, 1, 1, "", f"YAML: {exc}", code="Y001")]
    except RecursionError:
        message = f"nested too deeply; dbq reads up to {MAX_DEPTH} levels"
        return Located(None, path), [Problem(path, 1, 1, "", message, code="Y005")]
    except (ValueError, OverflowError, AttributeError, KeyError, TypeError) as exc:
        # PyYAML's constructors: "date: 1951-02-30", "!!int x", "!!timestamp nonsense"
        bad = _bad_scalar(node) if node is not None else None
        line, col = _mark(bad) if bad is not None else (1, 1)
        if bad is None or bad.tag.endswith(":timestamp"):
            why = f" ({exc})" if isinstance(exc, ValueError) else ""
            message, code = f"not a real date{why}; write it as YYYY-MM-DD", "Y003"
        else:
            kind = bad.tag.rsplit(":", 1)[-1]
            message = f"{bad.value[:40]!r} is not a valid {kind}; fix it or drop the `!!{kind}`"
            code = "Y008"
        return Located(None, path), [Problem(path, line, col, "", message, code=code)]
    finally:
        if loader is not None:
            loader.dispose()
    located = Located(data, path)
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), located, problems)
    return located, problems


def quick_data(text: str | bytes) -> Any:
    """The data of a YAML text, or None when it is not valid or too big (for fingerprints)."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if len(text) > MAX_CHARS:
        return None
    loader = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        if node is None or check_node_graph(node) is not None:
            return None
        return loader.construct_document(node)
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        return None
    finally:
        if loader is not None:
            loader.dispose()


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _bad_scalar(node: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar whose tag refuses its value (a date that is not real, "!!int x")."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":str"):
            return None
        try:
            yaml.SafeLoader("").construct_object(node)
        except (ValueError, OverflowError, AttributeError, KeyError, TypeError, yaml.YAMLError):
            return node
        return None
    for child in _children(node):
        found = _bad_scalar(child)
        if found is not None:
            return found
    return None


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
                        code="Y004",
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
