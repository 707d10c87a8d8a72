"""Safe YAML loading for rule files: plain values plus the line of every node.

PyYAML's ``safe_load`` loses line numbers and silently keeps the last of two duplicate keys.
Here the text is *composed* into nodes (no objects are built), then walked by hand:

- every mapping key and sequence item gets its 1-based line in a :class:`Lines` table keyed
  by the path to it (``("rules", 0, "when")``), so pydantic ``loc`` tuples and our own
  condition paths map straight back to a line;
- duplicate keys, non-standard tags (``!!python/object`` …), non-string keys are problems;
- aliases are allowed (``<<: *defaults`` is handy) but the walk counts the nodes it builds,
  so a billion-laughs document stops at :data:`MAX_NODES` instead of eating the memory;
- files above :data:`MAX_BYTES` are refused before YAML sees them.

Nothing here raises a YAML exception: :func:`load_yaml` returns the value (or ``None``) and a
list of :class:`YamlProblem`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 2_000_000  # a rule file is a few KB; 2 MB is generous and bounds load time
MAX_NODES = 200_000  # nodes built after alias expansion (billion laughs stops here)
MAX_DEPTH = 64  # nesting depth (also stops self-referencing aliases)

_Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)

try:  # the C composer is ~10x faster; both are safe (compose builds no Python objects)
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class YamlProblem:
    """One problem found while reading a YAML file."""

    line: int | None
    message: str


@dataclass
class Lines:
    """Map from a path inside the document to the 1-based line it starts on."""

    table: dict[_Path, int] = field(default_factory=dict)

    def line(self, path: _Path) -> int | None:
        """Return the line of ``path``, or of its longest known prefix."""
        p = tuple(path)
        while True:
            if p in self.table:
                return self.table[p]
            if not p:
                return None
            p = p[:-1]


class _TooBig(Exception):
    pass


class _Walker:
    def __init__(self, lines: Lines, problems: list[YamlProblem]) -> None:
        self.lines = lines
        self.problems = problems
        self.count = 0
        self._scalar = yaml.SafeLoader("")  # only used to convert resolved scalars

    def walk(self, node: yaml.Node, path: _Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(
                f"the document expands to more than {MAX_NODES:,} nodes (aliases repeated "
                "many times?); split it or remove the aliases"
            )
        if depth > MAX_DEPTH:
            raise _TooBig(f"nesting deeper than {MAX_DEPTH} levels (a self-referencing alias?)")
        line = node.start_mark.line + 1
        self.lines.table.setdefault(path, line)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:  # most scalars: what the constructor would return, directly
                return node.value
            if node.tag not in _SCALAR_TAGS:
                self.problems.append(YamlProblem(line, _tag_message(node.tag)))
                return None
            try:
                return self._scalar.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError) as exc:
                self.problems.append(YamlProblem(line, f"bad value {node.value!r}: {exc}"))
                return None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problems.append(YamlProblem(line, _tag_message(node.tag)))
                return None
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.problems.append(YamlProblem(line, _tag_message(node.tag)))
                return None
            return self._mapping(node, path, depth)
        raise AssertionError(node)  # pragma: no cover - compose yields only these three

    def _mapping(self, node: yaml.MappingNode, path: _Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE:  # `<<: *defaults` - explicit keys win, as in YAML 1.1
                sources = (
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                for src in sources:
                    val = self.walk(src, path, depth + 1)
                    if isinstance(val, dict):
                        for k, v in val.items():
                            merged.setdefault(k, v)
                    else:
                        self.problems.append(YamlProblem(key_line, "'<<' must merge a mapping"))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self.problems.append(YamlProblem(key_line, "mapping keys must be plain words"))
                continue
            key = key_node.value
            if key_node.tag != _STR:  # `1: x`, `true: x`: keep the text, the schema complains
                key = str(key)
            if key in seen:
                self.problems.append(
                    YamlProblem(
                        key_line, f"duplicate key {key!r} (first on line {seen[key]}); keep one"
                    )
                )
                continue
            seen[key] = key_line
            self.lines.table[(*path, key)] = key_line
            out[key] = self.walk(value_node, (*path, key), depth + 1)
        for k, v in merged.items():
            out.setdefault(k, v)
        return out


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"tag {short} is not allowed in rule files (only plain YAML values)"


def load_yaml(data: bytes | str) -> tuple[Any, Lines, list[YamlProblem]]:
    """Parse one YAML document safely.

    Returns:
        ``(value, lines, problems)``: the plain value (dicts, lists, str, int, float, bool,
        None, aware or naive datetimes), the line table, and every problem found. ``value`` is
        ``None`` when the document could not be read at all.

    >>> value, lines, problems = load_yaml("a: 1\\nb:\\n  - x\\na: 2\\n")
    >>> value, lines.line(("b", 0)), problems[0].message
    ({'a': 1, 'b': ['x']}, 3, "duplicate key 'a' (first on line 1); keep one")
    """
    lines = Lines()
    problems: list[YamlProblem] = []
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > MAX_BYTES:
        problems.append(
            YamlProblem(
                None, f"file is {size:,} bytes, above the {MAX_BYTES:,}-byte limit; split it"
            )
        )
        return None, lines, problems
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            problems.append(
                YamlProblem(
                    line, f"not UTF-8 (byte {exc.object[exc.start]:#04x}); save the file as UTF-8"
                )
            )
            return None, lines, problems
    else:
        text = data
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, text))
        return None, lines, problems
    except yaml.reader.ReaderError as exc:  # a NUL or another control character
        at = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        ch = exc.character
        code = ord(ch) if isinstance(ch, str) else ch if isinstance(ch, int) else None
        what = f"character U+{code:04X}" if code is not None else "a character"
        problems.append(YamlProblem(at, f"{what} is not allowed in YAML ({exc.reason}); remove it"))
        return None, lines, problems
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        problems.append(YamlProblem(None, f"YAML error: {exc}"))
        return None, lines, problems
    except RecursionError:
        problems.append(YamlProblem(None, "YAML nesting too deep"))
        return None, lines, problems
    if node is None:
        return None, lines, problems
    walker = _Walker(lines, problems)
    try:
        value = walker.walk(node, (), 0)
    except _TooBig as exc:
        problems.append(YamlProblem(node.start_mark.line + 1, str(exc)))
        return None, lines, problems
    return value, lines, problems


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """Where to report a syntax error: at the end of the file (an unclosed bracket or quote),
    the line where the unclosed construct started; elsewhere, where the parser got stuck, with
    the construct's first line named."""
    problem, context = exc.problem_mark, exc.context_mark
    at_end = "end of stream" in (exc.problem or "") or (
        problem is not None and problem.index >= len(text.rstrip())
    )
    what = exc.problem or "invalid YAML"
    ctx = exc.context or ""
    if context is not None and ctx:
        ctx = f"{ctx} that starts on line {context.line + 1}"
    ctx = f" ({ctx})" if ctx else ""
    mark = (context if at_end else None) or problem or context
    return YamlProblem(
        mark.line + 1 if mark is not None else None, f"YAML syntax error: {what}{ctx}"
    )


def is_aware(value: object) -> bool:
    """True for a timezone-aware datetime (YAML timestamps with an offset)."""
    return isinstance(value, _dt.datetime) and value.utcoffset() is not None
