"""Loading registry YAML: files to documents, documents to validated entries, every problem
reported as ``path:line: org-id: message``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import RuleFileError, RuleSetError
from ._schema import Fact, OrgEntry, _OrgSpec, _RegistryFile

# --------------------------------------------------------------------------- YAML with lines


class _Located:
    """Plain data built from a YAML node tree, with the line of every path."""

    def __init__(self) -> None:
        self.lines: dict[tuple[str | int, ...], int] = {}
        self.errors: list[tuple[int | None, str]] = []
        self._scalar = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for k, v in node.value:
                key = self.build(k, (*path, "<key>"))
                if not isinstance(key, (str, int)):
                    self.errors.append(
                        (k.start_mark.line + 1, "mapping keys must be plain scalars")
                    )
                    continue
                if key in out:
                    self.errors.append((k.start_mark.line + 1, f"duplicate key {key!r}"))
                    continue
                out[key] = self.build(v, (*path, key))
                # The key's line is more telling than the value's for a nested block.
                self.lines[(*path, key)] = k.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(v, (*path, i)) for i, v in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:str":  # what the constructor returns, directly
            return node.value
        return self._scalar.construct_object(node)

    def line(self, loc: Sequence[str | int]) -> int | None:
        for n in range(len(loc), -1, -1):
            hit = self.lines.get(tuple(loc[:n]))
            if hit is not None:
                return hit
        return None


# libyaml's composer is ~10x faster than the pure-Python one and gives the same nodes, tags
# and line marks. Its error texts differ, so a document it rejects is composed again by the
# pure-Python loader, whose message is the one reported (the same as without libyaml).
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _parse(text: str, path: str) -> tuple[Any, _Located, list[RuleFileError]]:
    loc = _Located()
    try:
        node = _compose(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        return None, loc, [RuleFileError(path, line, None, f"invalid YAML: {problem}")]
    if node is None:
        return {}, loc, []
    data = loc.build(node, ())
    errors = [RuleFileError(path, line, None, msg) for line, msg in loc.errors]
    return data, loc, errors


def _org_id_at(data: Any, loc: Sequence[str | int]) -> str | None:
    if len(loc) >= 2 and loc[0] == "organisations" and isinstance(loc[1], int):
        try:
            oid = data["organisations"][loc[1]]["id"]
        except (KeyError, IndexError, TypeError):
            return None
        return oid if isinstance(oid, str) else None
    return None


def _validate(
    text: str, path: str
) -> tuple[list[tuple[_OrgSpec, int | None]], list[RuleFileError]]:
    data, loc, errors = _parse(text, path)
    if errors:
        return [], errors
    if not isinstance(data, dict):
        return [], [
            RuleFileError(path, 1, None, "the file must be a mapping with 'organisations:'")
        ]
    try:
        parsed = _RegistryFile.model_validate(data)
    except ValidationError as e:
        out = []
        for err in e.errors():
            where = err["loc"]
            # Inner error locations of a fact list point at the fact; drop pydantic's
            # internal tags such as 'function-after[...]'.
            clean = [p for p in where if not (isinstance(p, str) and "[" in p)]
            field = (
                ".".join(str(p) for p in clean[2:]) if len(clean) > 2 else ".".join(map(str, clean))
            )
            msg = err["msg"].removeprefix("Value error, ")
            out.append(
                RuleFileError(path, loc.line(clean), _org_id_at(data, clean), f"{field}: {msg}")
            )
        return [], out
    specs = [(o, loc.line(("organisations", i))) for i, o in enumerate(parsed.organisations)]
    return specs, []


def read_files(paths: Sequence[str | Path]) -> tuple[list[tuple[str, str]], list[RuleFileError]]:
    """``(text, path)`` of every YAML file named or in a folder named, and the read errors."""
    files: list[Path] = []
    errors: list[RuleFileError] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            # Regular files only: a named pipe called x.yaml would block the read forever.
            files.extend(
                sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file())
            )
        elif p.is_file():
            files.append(p)
        elif p.exists():
            errors.append(RuleFileError(str(p), None, None, "not a regular file or folder"))
        else:
            errors.append(RuleFileError(str(p), None, None, "no such file or folder"))
    docs: list[tuple[str, str]] = []
    for f in files:
        try:
            docs.append((f.read_text(encoding="utf-8"), str(f)))
        except (OSError, UnicodeDecodeError) as e:
            errors.append(RuleFileError(str(f), None, None, f"cannot read: {e}"))
    return docs, errors


def compile_entries(
    docs: Sequence[tuple[str, str]], errors: list[RuleFileError]
) -> tuple[list[OrgEntry], list[str]]:
    """Validate ``docs`` into entries and the not-aliases; raise :class:`RuleSetError` with
    ``errors`` plus every problem found, if any."""
    specs: list[tuple[_OrgSpec, str, int | None]] = []
    for text, path in docs:
        got, errs = _validate(text, path)
        errors.extend(errs)
        specs.extend((s, path, line) for s, line in got)
    seen: dict[str, tuple[str, int | None]] = {}
    names: dict[str, str] = {}
    for s, path, line in specs:
        if s.id in seen:
            p0, l0 = seen[s.id]
            errors.append(
                RuleFileError(path, line, s.id, f"duplicate id (first defined at {p0}:{l0})")
            )
            continue
        seen[s.id] = (path, line)
    for s, path, line in specs:
        for nm in dict.fromkeys((s.name, *s.aliases, *s.exact_aliases)):
            other = names.setdefault(nm.casefold(), s.id)
            if other != s.id:
                errors.append(
                    RuleFileError(path, line, s.id, f"alias {nm!r} already names {other!r}")
                )
    for s, path, line in specs:
        if s.parent is not None and s.parent not in seen:
            errors.append(RuleFileError(path, line, s.id, f"parent {s.parent!r} is not defined"))
    if errors:
        raise RuleSetError(errors)
    entries = []
    not_aliases: list[str] = []
    firsts = {oid: where for oid, where in seen.items()}
    for s, path, line in specs:
        if firsts.get(s.id) != (path, line):
            continue
        facts: list[tuple[str, Fact]] = []
        for fld in ("senders", "numbers", "sender_patterns", "signatures", "domains",
                    "short_domains", "domain_patterns", "lookalike_tokens"):  # fmt: skip
            facts.extend((fld, f) for f in getattr(s, fld))
        if s.hotline is not None:
            facts.append(("hotline", s.hotline))
        not_aliases.extend(s.not_aliases)
        entries.append(
            OrgEntry(
                id=s.id,
                name=s.name,
                name_en=s.name_en,
                kind=s.kind,
                aliases=s.aliases,
                exact_aliases=s.exact_aliases,
                parent=s.parent,
                senders=tuple(dict.fromkeys(f.value for f in s.senders)),
                numbers=tuple(dict.fromkeys(f.value for f in s.numbers)),
                sender_patterns=tuple(f.value for f in s.sender_patterns),
                signatures=tuple(dict.fromkeys(f.value for f in s.signatures)),
                domains=tuple(dict.fromkeys(f.value for f in s.domains)),
                short_domains=tuple(dict.fromkeys(f.value for f in s.short_domains)),
                domain_patterns=tuple(f.value for f in s.domain_patterns),
                lookalike_tokens=tuple(dict.fromkeys(f.value for f in s.lookalike_tokens)),
                hotline=s.hotline.value if s.hotline else None,
                facts=tuple(facts),
                path=path,
                line=line,
            )
        )
    return entries, not_aliases
