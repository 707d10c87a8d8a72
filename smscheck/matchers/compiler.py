"""The compiler: one rule's ``when`` to a tree of :class:`~smscheck.matchers.base.Node`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import regex
from pydantic import BaseModel, ValidationError

from ..models import ParsedMessage
from ..schema import (
    CONDITION_KINDS,
    FIELD_OPS,
    TEXT_LEAVES,
    FuzzyLeaf,
    KeywordsLeaf,
    NearLeaf,
    RegexLeaf,
    RegistryLeaf,
    did_you_mean,
    dotted,
    translate,
)
from .base import (
    AllNode,
    AnyNode,
    AtLeastNode,
    EvidenceAgainstNode,
    Node,
    NotNode,
    RuleRefNode,
    _Path,
)
from .branches import AlternativeFilter, Branches
from .engines import compile_re2
from .fields import (
    CompareTest,
    ContainsTest,
    CountTest,
    ExistsTest,
    FieldNode,
    FieldTest,
    HoursTest,
    ItemsTest,
    MatchesTest,
)
from .paths import FType, resolve_path
from .regex_analysis import _FLAGS, pattern_limit, regex_facts
from .registry_api import ORG_KINDS
from .registry_leaf import RegistryNode
from .terms import TermIndex
from .text import KeywordsNode, NearNode, RegexNode

# ---- the compiler --------------------------------------------------------------------------


@dataclass
class Compiler:
    """Compile one rule's ``when`` into a :class:`Node`, collecting problems with their paths.

    Literal terms go into the pack's shared :class:`TermIndex`; rule references are recorded
    for the rule set to check (unknown ids, cycles).
    """

    index: TermIndex
    rule_id: str = ""
    problems: list[tuple[_Path, str]] = field(default_factory=list)
    notes: list[tuple[_Path, str]] = field(default_factory=list)  # warnings (deprecated keys)
    refs: list[tuple[str, _Path]] = field(default_factory=list)
    # `evidence_against` leaves, for the loader to fill once the whole pack is known.
    against: list[tuple[EvidenceAgainstNode, _Path]] = field(default_factory=list)
    # The pack's compiled conditions by what they say: identical conditions (YAML aliases,
    # repeated leaves) become one node, decided once per message.
    interned: dict[Any, Node] | None = None
    # Text regexes are compiled on first use instead of now (trusted packs only: a pattern
    # that does not compile would then fail at evaluation, not at load).
    lazy: bool = False

    def problem(self, path: _Path, message: str) -> None:
        """Record a problem at ``path``."""
        self.problems.append((path, message))

    def compile(self, spec: Any, path: _Path) -> Node | None:
        """Compile one condition, or None when it has problems (already recorded)."""
        node = self._compile(spec, path)
        if node is None or self.interned is None:
            return node
        return self.interned.setdefault(repr(spec), node)

    def _compile(self, spec: Any, path: _Path) -> Node | None:
        if not isinstance(spec, dict) or not spec:
            self.problem(
                path,
                f"{dotted(path)}: a condition must be a mapping such as "
                "`text: {keywords: [...]}` or `all: [...]`",
            )
            return None
        # `field:` leaves take operator keys (any, all …) that are also condition names.
        owner = "field" if "field" in spec else "registry" if "registry" in spec else None
        kinds = [
            k for k in spec if k in CONDITION_KINDS and not (owner == "field" and k in FIELD_OPS)
        ]
        if owner:
            kinds = [owner, *(k for k in kinds if k != owner)]
        if not kinds:
            key = next(iter(spec))
            hint = did_you_mean(key, (*CONDITION_KINDS, *TEXT_LEAVES))
            if key in TEXT_LEAVES:
                hint = f" (write it under text:, e.g. `text: {{{key}: ...}}`)"
            self.problem(
                (*path, key),
                f"{dotted(path)}: unknown condition {key!r}{hint}; a condition starts with one of "
                + ", ".join(CONDITION_KINDS),
            )
            return None
        if len(kinds) > 1:
            self.problem(
                (*path, kinds[1]),
                f"{dotted(path)}: one condition per item, found {kinds[0]!r} and {kinds[1]!r}; "
                "put them in a list under `all:` or `any:`",
            )
            return None
        kind = kinds[0]
        if kind in ("all", "any", "not", "at_least", "rule", "text", "evidence_against"):
            extra = [k for k in spec if k != kind]
            if extra:
                self.problem(
                    (*path, extra[0]),
                    f"{dotted(path)}: unexpected key {extra[0]!r} next to {kind!r}",
                )
                return None
        body = spec[kind]
        sub = (*path, kind)
        if kind in ("all", "any"):
            if not isinstance(body, list) or not body:
                self.problem(sub, f"{dotted(sub)}: must be a non-empty list of conditions")
                return None
            items = [self.compile(c, (*sub, i)) for i, c in enumerate(body)]
            if any(i is None for i in items):
                return None
            nodes = [i for i in items if i is not None]
            return AllNode(nodes) if kind == "all" else AnyNode(nodes)
        if kind == "not":
            if isinstance(body, list):
                self.problem(
                    sub, f"{dotted(sub)}: takes one condition, not a list (wrap a list in any:)"
                )
                return None
            node = self.compile(body, sub)
            return NotNode(node, _label(body)) if node is not None else None
        if kind == "at_least":
            return self._at_least(body, sub)
        if kind == "rule":
            if not isinstance(body, str):
                self.problem(sub, f"{dotted(sub)}: must be a rule id")
                return None
            self.refs.append((body, sub))
            return RuleRefNode(body)
        if kind == "evidence_against":
            return self._evidence_against(body, sub)
        if kind == "text":
            return self._text(body, sub)
        if kind == "field":
            return self._field(spec, path)
        return self._registry(spec, path)

    def _evidence_against(self, body: Any, sub: _Path) -> Node | None:
        exempt: Any = (
            [] if body is None else body.get("except", []) if isinstance(body, dict) else None
        )
        if exempt is None or any(k != "except" for k in body or {}):
            self.problem(
                sub, f"{dotted(sub)}: must be a mapping `{{except: [rule ids]}}` (or empty)"
            )
            return None
        if not isinstance(exempt, list) or not all(isinstance(x, str) for x in exempt):
            self.problem((*sub, "except"), f"{dotted(sub)}.except: must be a list of rule ids")
            return None
        node = EvidenceAgainstNode(tuple(exempt))
        self.against.append((node, sub))
        return node

    def _at_least(self, body: Any, sub: _Path) -> Node | None:
        if (
            not isinstance(body, dict)
            or set(body) - {"n", "of"}
            or "n" not in body
            or "of" not in body
        ):
            self.problem(sub, f"{dotted(sub)}: write `at_least: {{n: 2, of: [...]}}`")
            return None
        n, of = body["n"], body["of"]
        if not isinstance(of, list) or not of:
            self.problem((*sub, "of"), f"{dotted(sub)}.of: must be a non-empty list of conditions")
            return None
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(of):
            self.problem(
                (*sub, "n"),
                f"{dotted(sub)}.n: must be a whole number from 1 to {len(of)} (the number of conditions)",
            )
            return None
        items = [self.compile(c, (*sub, "of", i)) for i, c in enumerate(of)]
        if any(i is None for i in items):
            return None
        return AtLeastNode(n, [i for i in items if i is not None])

    def _validate(self, model: type[BaseModel], data: Any, path: _Path) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for loc, msg in translate(exc, model):
                full = (*path, *loc)
                if msg.startswith(dotted(loc)) and loc:
                    msg = dotted(full) + msg[len(dotted(loc)) :]
                elif not msg.startswith(dotted(full)):
                    msg = f"{dotted(path)}: {msg}"
                self.problem(full, msg)
            return None

    def _terms(
        self, words: Sequence[str], ignore_case: bool, path: _Path
    ) -> list[tuple[str, str, bool]] | None:
        out = []
        for i, w in enumerate(words):
            if not w.strip():
                self.problem((*path, i), f"{dotted((*path, i))}: empty keyword")
                return None
            out.append((self.index.add(w), w, not ignore_case))
        return out

    def _text(self, body: Any, sub: _Path) -> Node | None:
        if not isinstance(body, dict):
            self.problem(
                sub,
                f"{dotted(sub)}: must be a mapping such as {{keywords: [...]}} or {{regex: '...'}}",
            )
            return None
        kinds = [k for k in body if k in TEXT_LEAVES]
        if len(kinds) != 1:
            if kinds:
                msg = f"one text test per item, found {kinds[0]!r} and {kinds[1]!r}; use any:/all:"
            else:
                key = next(iter(body), "")
                msg = (
                    f"unknown text test {key!r}{did_you_mean(key, TEXT_LEAVES)}; use one of "
                    + ", ".join(TEXT_LEAVES)
                )
                sub = (*sub, key) if key else sub
            self.problem(sub, f"{dotted(sub)}: {msg}")
            return None
        kind = kinds[0]
        leaf = self._validate(TEXT_LEAVES[kind], body, sub)
        if leaf is None:
            return None
        if isinstance(leaf, KeywordsLeaf):
            terms = self._terms(leaf.keywords, leaf.ignore_case, (*sub, "keywords"))
            return KeywordsNode(terms, leaf.in_warnings) if terms is not None else None
        if isinstance(leaf, NearLeaf):
            a = self._terms(leaf.near[0], leaf.ignore_case, (*sub, "near", 0))
            b = self._terms(leaf.near[1], leaf.ignore_case, (*sub, "near", 1))
            if a is None or b is None:
                return None
            if not a or not b:
                self.problem(
                    (*sub, "near"), f"{dotted(sub)}.near: both term lists need at least one term"
                )
                return None
            return NearNode(a, b, leaf.within, leaf.ordered, leaf.in_warnings)
        if isinstance(leaf, FuzzyLeaf):
            return self._fuzzy(leaf, sub)
        assert isinstance(leaf, RegexLeaf)
        if leaf.timeout_ms is not None:
            self.notes.append(
                (
                    (*sub, "timeout_ms"),
                    f"{dotted(sub)}.timeout_ms: deprecated and ignored: rule patterns run without "
                    "a clock, in time linear in the message; remove it",
                )
            )
        return self.regex(leaf.regex, leaf.flags, (*sub, "regex"), in_warnings=leaf.in_warnings)

    def regex(
        self,
        pattern: str,
        flags: Sequence[str],
        path: _Path,
        leaf: str = "text.regex",
        *,
        in_warnings: bool = False,
    ) -> RegexNode | None:
        """Compile a regex leaf: size limits, syntax, backtracking risk, required literals, and
        the engine that runs it in time linear in the text (see :mod:`.engines`)."""
        d = dotted(path)
        limit = pattern_limit(pattern)
        if limit:
            self.problem(path, f"{d}: {limit}")
            return None
        f = 0
        for name in flags:
            f |= _FLAGS[name]
        facts = regex_facts(pattern, flags)
        compiled: Any = None
        if not (self.lazy and leaf == "text.regex"):  # trusted packs: syntax tested by the suite
            try:
                compiled = regex.compile(pattern, f)
            except (regex.error, ValueError, OverflowError, RecursionError, MemoryError) as exc:
                self.problem(path, f"{d}: regex does not compile: {exc}")
                return None
        if facts.risk:
            self.problem(path, f"{d}: {facts.risk}")
            return None
        filters = facts.literals
        keys = frozenset(self.index.add_filter(s) for s in filters) if filters else None
        also = tuple(frozenset(self.index.add_filter(s) for s in f) for f in facts.also)
        if facts.linear and facts.work is not None:
            pattern_obj = compiled if compiled is not None else (pattern, f)
            return RegexNode(
                pattern_obj, keys, self.rule_id, leaf, also=also, work=facts.work,
                in_warnings=in_warnings,
            )  # fmt: skip
        try:
            rx = compile_re2(pattern, flags)
        except ValueError as exc:
            self.problem(
                path,
                f"{d}: cannot be run in time linear in the text: it has an unbounded repeat "
                f"(+, *, {{n,}}) the backtracking engine could retry at every position, and RE2 "
                f"cannot run it ({exc}); bound the repeat (e.g. {{0,20}} for *, {{1,20}} for +) "
                "or drop the look-around",
            )
            return None
        work = max(1, rx.programsize)
        # A big RE2 program outgrows its DFA's memory and runs slowly: search it by its live
        # alternatives (on the backtracking engine splitting did not pay: measured)
        branches = alternatives = None
        if leaf == "text.regex":
            branches = Branches.of(pattern, flags, "re2", work, self.index.add_filter)
            if branches is None and keys is not None:  # (on the backtracking engine its extra
                # terms cost the term scan more than it saved: measured)
                alternatives = AlternativeFilter.of(pattern, flags, self.index.add_filter)
        return RegexNode(rx, keys, self.rule_id, leaf, also=also, engine="re2",
                         source=(pattern, tuple(flags)), work=work,
                         in_warnings=in_warnings, branches=branches,
                         alternatives=alternatives)  # fmt: skip

    def _fuzzy(self, leaf: FuzzyLeaf, sub: _Path) -> Node | None:
        alts = []
        keys: set[str] = set()
        for i, word in enumerate(leaf.fuzzy):
            if len(word) <= 2 * leaf.edits:
                self.problem(
                    (*sub, "fuzzy", i),
                    f"{dotted((*sub, 'fuzzy', i))}: {word!r} is too short for {leaf.edits} "
                    f"edit(s): it would match almost anything; use keywords, or a term longer than "
                    f"{2 * leaf.edits} characters",
                )
                return None
            alts.append(f"(?P<k{i}>{regex.escape(word)})")
            # Pigeonhole: k edits break at most k of k+1 pieces, so one piece occurs intact.
            n = leaf.edits + 1
            size = len(word) // n
            for p in range(n):
                piece = word[p * size : (p + 1) * size if p < n - 1 else len(word)]
                keys.add(self.index.add_filter(piece))
        flags = regex.IGNORECASE if leaf.ignore_case else 0
        pattern = regex.compile(f"(?e)(?:{'|'.join(alts)}){{e<={leaf.edits}}}", flags)
        # Edits are bounded (at most 3), so each attempt's work is a constant of the words.
        work = sum(len(w) for w in leaf.fuzzy) * (2 * leaf.edits + 1) ** leaf.edits
        return RegexNode(
            pattern, frozenset(keys), self.rule_id, "text.fuzzy", leaf.fuzzy, work=work,
            in_warnings=leaf.in_warnings,
        )  # fmt: skip

    def _registry(self, spec: dict[str, Any], path: _Path) -> Node | None:
        leaf = self._validate(RegistryLeaf, spec, path)
        if leaf is None:
            return None
        for i, k in enumerate(leaf.kinds):
            if k not in ORG_KINDS:
                self.problem(
                    (*path, "kinds", i),
                    f"{dotted((*path, 'kinds', i))}: unknown organisation kind {k!r}"
                    f"{did_you_mean(k, ORG_KINDS)}",
                )
                return None
        return RegistryNode(leaf.registry, frozenset(leaf.kinds))

    # -- fields --

    def _field(self, spec: dict[str, Any], path: _Path) -> Node | None:
        name = spec["field"]
        fpath = (*path, "field")
        if not isinstance(name, str) or not name:
            self.problem(fpath, f"{dotted(fpath)}: must be a field path such as sender.kind")
            return None
        ftype = resolve_path(ParsedMessage, name)
        if isinstance(ftype, str):
            self.problem(fpath, f"{dotted(fpath)}: {ftype}")
            return None
        ops = {k: v for k, v in spec.items() if k != "field"}
        if not ops:
            self.problem(
                fpath,
                f"{dotted(path)}: field {name!r} needs an operator: " + ", ".join(FIELD_OPS),
            )
            return None
        tests = self._ops(ftype, name, ops, path, ParsedMessage)
        return FieldNode(name, tests) if tests is not None else None

    def _ops(
        self, ftype: FType, name: str, ops: dict[str, Any], path: _Path, root: type[BaseModel]
    ) -> list[FieldTest] | None:
        tests: list[FieldTest] = []
        ok = True
        for op, arg in ops.items():
            where = (*path, op)
            test = self._op(ftype, name, op, arg, where)
            if test is None:
                ok = False
            else:
                tests.append(test)
        return tests if ok else None

    def _op(self, ftype: FType, name: str, op: str, arg: Any, where: _Path) -> FieldTest | None:
        d = dotted(where)
        if op not in FIELD_OPS:
            self.problem(
                where,
                f"{d}: unknown operator {op!r}{did_you_mean(op, FIELD_OPS)}; use one of {', '.join(FIELD_OPS)}",
            )
            return None
        if op in ("exists", "missing"):
            if not isinstance(arg, bool):
                self.problem(where, f"{d}: must be true or false")
                return None
            return ExistsTest(arg if op == "exists" else not arg)
        if op == "count":
            if ftype.kind != "tuple":
                self.problem(where, f"{d}: count works on lists; {name} is {ftype.describe()}")
                return None
            checks = self._comparisons(arg, where, int)
            return CountTest(checks) if checks is not None else None
        if op in ("any", "all"):
            return self._items(ftype, name, op, arg, where)
        if op == "contains":
            if ftype.kind != "tuple" or ftype.item is None or ftype.item.kind != "scalar":
                self.problem(where, f"{d}: contains works on lists of words (such as topics); {name} is {ftype.describe()}"
                             + ("; use any: {...} for lists of items" if ftype.kind == "tuple" else ""))  # fmt: skip
                return None
            values = arg if isinstance(arg, list) else [arg]
            checked = [
                self._scalar_value(
                    ftype.item, name, v, (*where, i) if isinstance(arg, list) else where
                )
                for i, v in enumerate(values)
            ]
            if any(c is _BAD for c in checked):
                return None
            return ContainsTest(frozenset(checked))
        if ftype.kind != "scalar":
            hint = (
                "; test its items with any:/all: or its size with count:"
                if ftype.kind == "tuple"
                else ""
            )
            self.problem(
                where, f"{d}: {op} needs a single value, but {name} is {ftype.describe()}{hint}"
            )
            return None
        if op == "matches":
            if ftype.py is not str or not isinstance(arg, str):
                self.problem(where, f"{d}: matches takes a regex and works on text fields")
                return None
            node = self.regex(arg, (), where, leaf=f"field:{name}")
            return MatchesTest(node) if node is not None else None
        if op == "hours_from_received":
            if ftype.py is not datetime:
                self.problem(
                    where,
                    f"{d}: works on date-time fields (deadline, dates.start…); {name} is {ftype.describe()}",
                )
                return None
            checks = self._comparisons(arg, where, float)
            if checks is None:
                return None
            if len(checks) != 1:
                self.problem(where, f"{d}: give one comparison, e.g. {{le: 24}}")
                return None
            return HoursTest(*checks[0])
        if op == "in":
            if not isinstance(arg, list) or not arg:
                self.problem(where, f"{d}: must be a non-empty list")
                return None
            values = [self._scalar_value(ftype, name, v, (*where, i)) for i, v in enumerate(arg)]
            if any(v is _BAD for v in values):
                return None
            return CompareTest("in", frozenset(values))
        if op in ("gt", "ge", "lt", "le") and ftype.py not in (int, float, Decimal):
            self.problem(where, f"{d}: {op} compares numbers, but {name} is {ftype.describe()}")
            return None
        value = self._scalar_value(ftype, name, arg, where)
        if value is _BAD:
            return None
        return CompareTest(op, value)

    def _comparisons(self, arg: Any, where: _Path, py: type) -> list[tuple[str, Any]] | None:
        d = dotted(where)
        if isinstance(arg, (int, float)) and not isinstance(arg, bool):
            return [("equals", arg)]
        if not isinstance(arg, dict) or not arg:
            self.problem(where, f"{d}: write a number or comparisons such as {{ge: 2}}")
            return None
        out = []
        for k, v in arg.items():
            if k not in ("equals", "gt", "ge", "lt", "le"):
                self.problem(
                    (*where, k),
                    f"{d}: unknown comparison {k!r}{did_you_mean(k, ('equals', 'gt', 'ge', 'lt', 'le'))}",
                )
                return None
            if (
                isinstance(v, bool)
                or not isinstance(v, (int, float))
                or (py is int and not isinstance(v, int))
            ):
                self.problem(
                    (*where, k), f"{d}.{k}: must be a {'whole number' if py is int else 'number'}"
                )
                return None
            out.append((k, v))
        return out

    def _scalar_value(self, ftype: FType, name: str, v: Any, where: _Path) -> Any:
        d = dotted(where)
        py = ftype.py
        if ftype.choices is not None:
            if not isinstance(v, str) or v not in ftype.choices:
                self.problem(where, f"{d}: {v!r} is not a possible value of {name}{did_you_mean(str(v), ftype.choices)}; "
                             f"possible: {', '.join(ftype.choices)}")  # fmt: skip
                return _BAD
            return v
        if py is bool:
            if not isinstance(v, bool):
                self.problem(where, f"{d}: {name} is true/false, not {v!r}")
                return _BAD
            return v
        if py in (int, float, Decimal):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                self.problem(where, f"{d}: {name} is a number, not {v!r}")
                return _BAD
            if py is Decimal:
                try:
                    return Decimal(str(v))
                except InvalidOperation:  # pragma: no cover - YAML numbers always convert
                    self.problem(where, f"{d}: bad number {v!r}")
                    return _BAD
            return v
        if py is datetime:
            if not isinstance(v, datetime) or v.utcoffset() is None:
                self.problem(
                    where, f"{d}: {name} is a date-time; write e.g. 2024-12-20T00:00:00+08:00"
                )
                return _BAD
            return v
        if not isinstance(v, str):
            self.problem(where, f"{d}: {name} is text; quote {v!r}")
            return _BAD
        return v

    def _items(self, ftype: FType, name: str, op: str, arg: Any, where: _Path) -> FieldTest | None:
        d = dotted(where)
        if ftype.kind != "tuple" or ftype.item is None:
            self.problem(where, f"{d}: {op} works on lists; {name} is {ftype.describe()}")
            return None
        item = ftype.item
        if item.kind != "model" or item.model is None:
            self.problem(where, f"{d}: {name} is a list of words; use contains: instead")
            return None
        if not isinstance(arg, dict) or not arg:
            self.problem(
                where,
                f"{d}: write the item tests as a mapping, e.g. {{role: fee, value: {{ge: 100}}}}",
            )
            return None
        tests: list[tuple[str, tuple[FieldTest, ...]]] = []
        ok = True
        for sub, spec in arg.items():
            sw = (*where, sub)
            st = resolve_path(item.model, sub)
            if isinstance(st, str):
                self.problem(sw, f"{dotted(sw)}: {st.replace('the message', name + ' items')}")
                ok = False
                continue
            full = f"{name}.{sub}"
            if isinstance(spec, dict):
                ops = self._ops(st, full, spec, sw, item.model)
            elif isinstance(spec, list):
                t = self._op(st, full, "in", spec, sw)
                ops = [t] if t is not None else None
            else:
                t = self._op(st, full, "equals", spec, sw)
                ops = [t] if t is not None else None
            if ops is None:
                ok = False
            else:
                tests.append((sub, tuple(ops)))
        return ItemsTest(op, tests) if ok else None


class _Bad:
    pass


_BAD: Any = _Bad()


def _label(spec: Any) -> str:
    """A short description of a condition, for the evidence of `not`."""
    if isinstance(spec, dict) and spec:
        key = next(iter(spec))
        body = spec[key]
        if key == "field":
            ops = ", ".join(f"{k}: {v}" for k, v in spec.items() if k != "field")
            return f"not ({body} {ops})"
        if key == "rule":
            return f"not rule {body}"
        if key == "text" and isinstance(body, dict) and body:
            k = next(iter(body))
            return f"not text {k} {body[k]}"
        return f"not {key}"
    return "not"
