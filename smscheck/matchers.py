"""Compile rule conditions (``when:``) into matcher trees that produce :class:`Evidence`.

A condition is a mapping whose first key names its kind (see :data:`schema.CONDITION_KINDS`):
``all``/``any``/``not``/``at_least`` combine; ``text`` leaves look at the normalised text;
``field`` leaves test a :class:`ParsedMessage` path; ``registry`` leaves ask the registry of
official channels; ``rule`` leaves ask whether another rule's condition held.

Evaluation is three-valued: ``True``, ``False`` or ``None`` (undecided, when a regex timed
out). ``all``/``any``/``not``/``at_least`` follow Kleene logic, so a timeout never turns into a
silent "no match": the rule is reported as undecided in ``Verdict.warnings``.

Speed: every literal a pack uses (keywords, ``near`` terms, the literal a regex cannot match
without, the pieces of a fuzzy term) goes into one :class:`TermIndex`, scanned once per message
at a cost that hardly depends on how many terms there are. Keyword, near and most regex leaves
then cost a dictionary lookup; a regex runs only when its required literal occurs.
"""

from __future__ import annotations

import importlib
import re as _stdre
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Protocol, Union, get_args, get_origin

import regex
from pydantic import BaseModel, ValidationError

from ._text import Normalized
from .models import Evidence, Link, ParsedMessage, Sender, Span
from .schema import (
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

_Path = tuple[str | int, ...]
State = bool | None  # None = undecided (a regex timed out)
Result = tuple[State, tuple[Evidence, ...]]

_NO: Result = (False, ())
_MAX_EVIDENCE = 5  # per leaf: enough to show, bounded for huge messages
_MAX_OCCURRENCES = 10_000  # per term per message

# ---- the registry interface (duck-typed: smscheck.registry.Registry or a test fake) --------


class OrgMentionLike(Protocol):
    """What :meth:`RegistryLike.named_in` returns for each organisation named."""

    @property
    def org_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def span(self) -> Span: ...


class OrgLike(Protocol):
    """A registry entry."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def hotline(self) -> str | None: ...


class RegistryLike(Protocol):
    """The registry of official channels, as the rule engine uses it."""

    def named_in(
        self, msg: ParsedMessage, nt: Normalized | None = None
    ) -> Sequence[OrgMentionLike]:
        """Organisations the message names."""
        ...

    def is_official_sender(self, sender: Sender | str | None, org_id: str) -> bool:
        """Is ``sender`` an official channel of ``org_id``?"""
        ...

    def is_official_link(self, link: Link | str, org_id: str) -> bool:
        """Is the link's registrable domain official for ``org_id``?"""
        ...

    def get(self, org_id: str) -> OrgLike | None:
        """The entry for ``org_id``."""
        ...


class NullRegistry:
    """A registry that knows no organisation (used when none is available)."""

    def named_in(
        self, msg: ParsedMessage, nt: Normalized | None = None
    ) -> tuple[OrgMentionLike, ...]:
        """Nothing is ever named."""
        return ()

    def is_official_sender(self, sender: Sender | str | None, org_id: str) -> bool:
        """Never official."""
        return False

    def is_official_link(self, link: Link | str, org_id: str) -> bool:
        """Never official."""
        return False

    def get(self, org_id: str) -> OrgLike | None:
        """No entry."""
        return None


ORG_KINDS: tuple[str, ...] = (
    "court", "procuratorate", "police", "law_firm", "regulator", "credit_bureau", "arbitration",
    "government", "bank", "consumer_finance", "platform", "carrier", "anti_fraud",
    "collection_agency", "other",
)  # fmt: skip

# ---- the term index ------------------------------------------------------------------------


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets must hold)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class TermIndex:
    """Every literal term of a pack; :meth:`scan` finds them all in one pass.

    Terms are matched case-insensitively (lower-cased text and terms); leaves that want exact
    case check the original text at each occurrence. Terms of two or more characters are
    indexed by their first two characters: the message's set of character pairs is intersected
    with the index in C, so the cost depends on the message length, not on the number of terms.
    """

    __slots__ = ("_by_pair", "_singles")

    def __init__(self) -> None:
        self._by_pair: dict[str, list[str]] = {}
        self._singles: set[str] = set()

    def add(self, term: str) -> str:
        """Register ``term``; return its key (the lower-cased term)."""
        key = lower_same_length(term)
        if len(key) == 1:
            self._singles.add(key)
        elif key:
            terms = self._by_pair.setdefault(key[:2], [])
            if key not in terms:
                terms.append(key)
        return key

    def scan(self, low: str) -> dict[str, tuple[int, ...]]:
        """Return ``{term key: start offsets}`` for every term occurring in ``low``."""
        found: dict[str, tuple[int, ...]] = {}
        if self._by_pair and len(low) > 1:
            pairs = {low[i : i + 2] for i in range(len(low) - 1)}
            for pair in pairs.intersection(self._by_pair):
                for term in self._by_pair[pair]:
                    starts = _find_all(low, term)
                    if starts:
                        found[term] = starts
        if self._singles:
            for ch in self._singles.intersection(low):
                found[ch] = _find_all(low, ch)
        return found

    def __len__(self) -> int:
        return len(self._singles) + sum(len(v) for v in self._by_pair.values())


def _find_all(text: str, term: str) -> tuple[int, ...]:
    out: list[int] = []
    i = text.find(term)
    while i >= 0 and len(out) < _MAX_OCCURRENCES:
        out.append(i)
        i = text.find(term, i + 1)
    return tuple(out)


# ---- per-message evaluation context --------------------------------------------------------


class EvalContext:
    """Everything one evaluation needs; created per message, never shared between threads."""

    __slots__ = (
        "_mentions",
        "_scan",
        "index",
        "low",
        "msg",
        "nt",
        "registry",
        "rule_results",
        "text",
        "timeout_scale",
        "warnings",
    )

    def __init__(
        self,
        msg: ParsedMessage,
        nt: Normalized,
        index: TermIndex,
        registry: RegistryLike,
    ) -> None:
        self.msg = msg
        self.nt = nt
        self.text = nt.text
        self.low = lower_same_length(nt.text)
        self.index = index
        self.registry = registry
        self.rule_results: dict[str, Result] = {}
        self.warnings: list[str] = []
        self._scan: dict[str, tuple[int, ...]] | None = None
        self._mentions: tuple[OrgMentionLike, ...] | None = None
        self.timeout_scale = 1.0 + len(self.text) / 20_000  # longer texts get more time, linearly

    @property
    def occurrences(self) -> dict[str, tuple[int, ...]]:
        """The term scan, done on first use."""
        if self._scan is None:
            self._scan = self.index.scan(self.low)
        return self._scan

    @property
    def mentions(self) -> tuple[OrgMentionLike, ...]:
        """Organisations the message names, asked of the registry once."""
        if self._mentions is None:
            self._mentions = tuple(self.registry.named_in(self.msg, self.nt))
        return self._mentions

    def evidence(self, leaf: str, start: int, end: int, pattern: str | None = None) -> Evidence:
        """Evidence for the normalised range ``[start, end)``, located in the original text."""
        a, b = self.nt.span(start, end)
        return Evidence(
            leaf=leaf, text=self.msg.text[a:b], span=Span(start=a, end=b), pattern=pattern
        )


# ---- matcher nodes -------------------------------------------------------------------------


class Node:
    """A compiled condition."""

    __slots__ = ()
    cost = 1  # children of all/any run cheapest first

    def eval(self, ctx: EvalContext) -> Result:
        """Evaluate against one message."""
        raise NotImplementedError

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return ()


def _dedupe(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(evidence))


class AllNode(Node):
    """``all: [...]``: every condition holds."""

    __slots__ = ("cost", "items")

    def __init__(self, items: Sequence[Node]) -> None:
        self.items = tuple(sorted(items, key=lambda n: n.cost))
        self.cost = max((n.cost for n in items), default=0)

    def eval(self, ctx: EvalContext) -> Result:
        """False as soon as one item is False."""
        undecided = False
        ev: list[Evidence] = []
        for item in self.items:
            state, e = item.eval(ctx)
            if state is False:
                return _NO
            if state is None:
                undecided = True
            else:
                ev.extend(e)
        return (None, ()) if undecided else (True, _dedupe(ev))

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return self.items


class AnyNode(Node):
    """``any: [...]``: at least one condition holds (evidence of the first that does)."""

    __slots__ = ("cost", "items")

    def __init__(self, items: Sequence[Node]) -> None:
        self.items = tuple(sorted(items, key=lambda n: n.cost))
        self.cost = max((n.cost for n in items), default=0)

    def eval(self, ctx: EvalContext) -> Result:
        """True as soon as one item is True."""
        undecided = False
        for item in self.items:
            state, e = item.eval(ctx)
            if state:
                return True, e
            if state is None:
                undecided = True
        return (None, ()) if undecided else _NO

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return self.items


class AtLeastNode(Node):
    """``at_least: {n: N, of: [...]}``: N or more conditions hold."""

    __slots__ = ("cost", "items", "n")

    def __init__(self, n: int, items: Sequence[Node]) -> None:
        self.n = n
        self.items = tuple(sorted(items, key=lambda n: n.cost))
        self.cost = max((n.cost for n in items), default=0)

    def eval(self, ctx: EvalContext) -> Result:
        """Count; stop once the outcome is certain."""
        yes = unknown = 0
        left = len(self.items)
        ev: list[Evidence] = []
        for item in self.items:
            left -= 1
            state, e = item.eval(ctx)
            if state:
                yes += 1
                ev.extend(e)
            elif state is None:
                unknown += 1
            if yes + unknown + left < self.n:
                return _NO
        if yes >= self.n:
            return True, _dedupe(ev)
        return (None, ()) if yes + unknown >= self.n else _NO

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return self.items


class NotNode(Node):
    """``not: CONDITION``."""

    __slots__ = ("cost", "item", "label")

    def __init__(self, item: Node, label: str) -> None:
        self.item = item
        self.label = label
        self.cost = item.cost

    def eval(self, ctx: EvalContext) -> Result:
        """Negate; undecided stays undecided."""
        state, _ = self.item.eval(ctx)
        if state is None:
            return None, ()
        if state:
            return _NO
        return True, (Evidence(leaf="not", value=self.label),)

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return (self.item,)


class KeywordsNode(Node):
    """``text: {keywords: [...]}``: says which keyword matched, and where."""

    __slots__ = ("terms",)

    def __init__(self, terms: Sequence[tuple[str, str, bool]]) -> None:
        self.terms = tuple(terms)  # (key, as written, exact case)

    def eval(self, ctx: EvalContext) -> Result:
        """Look the terms up in the message's scan."""
        occ = ctx.occurrences
        ev: list[Evidence] = []
        for key, word, exact in self.terms:
            starts = occ.get(key)
            if not starts:
                continue
            for s in starts:
                if exact and ctx.text[s : s + len(word)] != word:
                    continue
                ev.append(ctx.evidence("text.keywords", s, s + len(word), word))
                break
            if len(ev) >= _MAX_EVIDENCE:
                break
        return (True, tuple(ev)) if ev else _NO


class NearNode(Node):
    """``text: {near: [[A...], [B...]], within: N}``: a term of A and one of B close together."""

    __slots__ = ("a", "b", "ordered", "within")

    def __init__(
        self,
        a: Sequence[tuple[str, str, bool]],
        b: Sequence[tuple[str, str, bool]],
        within: int,
        ordered: bool,
    ) -> None:
        self.a, self.b, self.within, self.ordered = tuple(a), tuple(b), within, ordered

    @staticmethod
    def _places(
        ctx: EvalContext, terms: Sequence[tuple[str, str, bool]]
    ) -> list[tuple[int, int, str]]:
        occ = ctx.occurrences
        out = []
        for key, word, exact in terms:
            for s in occ.get(key, ()):
                if not exact or ctx.text[s : s + len(word)] == word:
                    out.append((s, s + len(word), word))
        return out

    def eval(self, ctx: EvalContext) -> Result:
        """Gap between the two terms (0 when they touch or overlap) at most ``within``."""
        a = self._places(ctx, self.a)
        if not a:
            return _NO
        b = self._places(ctx, self.b)
        if not b:
            return _NO
        best: tuple[int, int, int, str, str] | None = None
        for sa, ea, wa in a:
            for sb, eb, wb in b:
                if sb >= ea or (not self.ordered and sa >= eb):
                    gap = sb - ea if sb >= ea else sa - eb
                elif self.ordered:
                    continue
                else:
                    gap = 0
                if gap <= self.within and (best is None or gap < best[0]):
                    best = (gap, min(sa, sb), max(ea, eb), wa, wb)
        if best is None:
            return _NO
        _, s, e, wa, wb = best
        return True, (ctx.evidence("text.near", s, e, f"{wa} … {wb}"),)


class RegexNode(Node):
    """``text: {regex: ...}``, run with a timeout, skipped when its required literal is absent."""

    __slots__ = ("filters", "leaf", "pattern", "rule_id", "timeout", "words")
    cost = 3

    def __init__(
        self,
        pattern: regex.Pattern[str],
        timeout: float | None,  # None: proven linear (see is_linear), no timeout needed
        filters: frozenset[str] | None,
        rule_id: str,
        leaf: str = "text.regex",
        words: tuple[str, ...] | None = None,
    ) -> None:
        self.pattern = pattern
        self.timeout = timeout
        self.filters = filters
        self.rule_id = rule_id
        self.leaf = leaf
        self.words = words  # fuzzy leaves: group k<i> matched words[i]

    def eval(self, ctx: EvalContext) -> Result:
        """Search; a timeout makes the leaf undecided and adds a warning."""
        if self.filters is not None:
            occ = ctx.occurrences
            if not any(f in occ for f in self.filters):
                return _NO
        ev: list[Evidence] = []
        try:
            limit = None if self.timeout is None else self.timeout * ctx.timeout_scale
            for m in self.pattern.finditer(ctx.text, timeout=limit):
                if m.end() == m.start() and ev:
                    continue
                shown = (
                    self.words[int(m.lastgroup[1:])]
                    if self.words and m.lastgroup
                    else self.pattern.pattern
                )
                ev.append(ctx.evidence(self.leaf, m.start(), m.end(), shown))
                if len(ev) >= 3:
                    break
        except TimeoutError:
            ctx.warnings.append(
                f"{self.rule_id}: regex {_short(self.pattern.pattern)} timed out after "
                f"{(limit or 0) * 1000:.0f} ms; the rule was not decided"
            )
            return None, ()
        return (True, tuple(ev)) if ev else _NO


def _short(s: str, n: int = 40) -> str:
    return repr(s if len(s) <= n else s[: n - 1] + "…")


class FieldNode(Node):
    """``field: PATH`` plus operators: every operator must hold."""

    __slots__ = ("attrs", "path", "tests")

    def __init__(self, path: str, tests: Sequence[FieldTest]) -> None:
        self.path = path
        self.attrs = tuple(path.split("."))
        self.tests = tuple(tests)

    def eval(self, ctx: EvalContext) -> Result:
        """Fetch the value once, run every operator."""
        value: Any = ctx.msg
        for a in self.attrs:
            value = getattr(value, a, None)
            if value is None:
                break
        ev: list[Evidence] = []
        for test in self.tests:
            ok, e = test.run(value, ctx, self.path)
            if not ok:
                return _NO
            ev.extend(e)
        return True, _dedupe(ev)


class RuleRefNode(Node):
    """``rule: ID``: the other rule's condition held (its evidence comes along)."""

    __slots__ = ("rule_id",)
    cost = 0

    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id

    def eval(self, ctx: EvalContext) -> Result:
        """Rules are evaluated in dependency order, so the answer is already there."""
        return ctx.rule_results.get(self.rule_id, _NO)


class RegistryNode(Node):
    """``registry: CHECK``: ask the registry of official channels."""

    __slots__ = ("check", "kinds")
    cost = 2

    def __init__(self, check: str, kinds: frozenset[str]) -> None:
        self.check = check
        self.kinds = kinds

    def eval(self, ctx: EvalContext) -> Result:
        """See docs/rules.md for each check's meaning."""
        mentions = [m for m in ctx.mentions if not self.kinds or m.kind in self.kinds]
        if not mentions:
            return _NO
        leaf = f"registry.{self.check}"
        reg = ctx.registry
        msg = ctx.msg
        if self.check == "names_org":
            return True, tuple(
                Evidence(leaf=leaf, text=m.text, span=m.span, value=m.name, org_id=m.org_id)
                for m in mentions[:_MAX_EVIDENCE]
            )
        if self.check in ("sender_official", "sender_not_official"):
            if not msg.sender.raw:
                return _NO  # no sender given: nothing to contradict
            official = [m for m in mentions if reg.is_official_sender(msg.sender, m.org_id)]
            # not official: the message names organisations and the sender is none of theirs
            picked = official if self.check == "sender_official" else ([] if official else mentions)
            return (
                (True, tuple(self._sender_ev(leaf, m, msg) for m in picked[:_MAX_EVIDENCE]))
                if picked
                else _NO
            )
        if not msg.links:
            return _NO
        ev: list[Evidence] = []
        for link in msg.links:
            owners = [m for m in mentions if reg.is_official_link(link, m.org_id)]
            if self.check == "link_official":
                ev.extend(
                    Evidence(leaf=leaf, text=link.text, span=link.span, field="links",
                             value=m.name, org_id=m.org_id)
                    for m in owners
                )  # fmt: skip
            elif not owners:
                m = mentions[0]
                ev.append(
                    Evidence(leaf=leaf, text=link.text, span=link.span, field="links",
                             value=m.name, org_id=m.org_id)
                )  # fmt: skip
        return (True, _dedupe(ev[:_MAX_EVIDENCE])) if ev else _NO

    @staticmethod
    def _sender_ev(leaf: str, m: OrgMentionLike, msg: ParsedMessage) -> Evidence:
        return Evidence(
            leaf=leaf, text=m.text, span=m.span, field="sender", value=msg.sender.raw,
            org_id=m.org_id, pattern=m.name,
        )  # fmt: skip


# ---- field paths and operators -------------------------------------------------------------


@dataclass(frozen=True)
class FType:
    """What a ParsedMessage path holds, for load-time checks."""

    kind: Literal["model", "tuple", "scalar"]
    model: type[BaseModel] | None = None  # for model, and tuple of models
    item: FType | None = None  # for tuple
    py: type | None = None  # for scalar: str, int, float, Decimal, bool, datetime
    choices: tuple[str, ...] | None = None  # Literal values

    def describe(self) -> str:
        """Human name of the type."""
        if self.kind == "model":
            return "an object"
        if self.kind == "tuple":
            return "a list"
        if self.choices:
            return "one of " + ", ".join(self.choices)
        return {str: "text", int: "a whole number", float: "a number", Decimal: "a number",
                bool: "true/false", datetime: "a date and time"}.get(self.py or str, "a value")  # fmt: skip


def ftype_of(annotation: Any) -> FType:
    """Describe a pydantic field annotation."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin in (Union, getattr(__import__("types"), "UnionType", Union)):
        non_none = [a for a in args if a is not type(None)]
        if len(non_none) == 1:
            return ftype_of(non_none[0])
    if origin is tuple:
        return FType(kind="tuple", item=ftype_of(args[0]))
    if origin is Literal:
        return FType(kind="scalar", py=str, choices=tuple(str(a) for a in args))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FType(kind="model", model=annotation)
    if isinstance(annotation, type):
        return FType(kind="scalar", py=annotation)
    return FType(kind="scalar", py=str)


def model_fields(model: type[BaseModel]) -> dict[str, FType]:
    """Field name → type of a model."""
    return {name: ftype_of(f.annotation) for name, f in model.model_fields.items()}


def resolve_path(model: type[BaseModel], path: str, *, through_lists: bool = False) -> FType | str:
    """Return the type at ``path`` from ``model``, or an error message.

    Without ``through_lists`` a path may not step into a list (use ``any``/``all``/``count``).
    """
    current = FType(kind="model", model=model)
    walked: list[str] = []
    for part in path.split("."):
        if current.kind == "tuple":
            if not through_lists:
                where = ".".join(walked)
                return (
                    f"{where} is a list; test its items with `field: {where}` and "
                    f"`any: {{{part}: ...}}` (or all/count)"
                )
            assert current.item is not None
            current = current.item
        if current.kind != "model" or current.model is None:
            return f"{'.'.join(walked)} is {current.describe()} and has no field {part!r}"
        fields = model_fields(current.model)
        if part not in fields:
            where = ".".join(walked) or "the message"
            return f"unknown field {path!r}: {where} has no {part!r}{did_you_mean(part, fields)}"
        walked.append(part)
        current = fields[part]
    return current


class FieldTest:
    """One operator next to ``field:`` (or inside an item test)."""

    __slots__ = ()

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Apply to the fetched value."""
        raise NotImplementedError


def _fmt(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, BaseModel):
        text = getattr(value, "text", None) or getattr(value, "raw", None)
        return str(text) if text is not None else type(value).__name__
    return str(value)


def _item_evidence(leaf: str, path: str, item: Any, value: str | None = None) -> Evidence:
    span = getattr(item, "span", None)
    text = getattr(item, "text", None)
    return Evidence(
        leaf=leaf,
        field=path,
        value=value if value is not None else _fmt(item),
        text=text if isinstance(text, str) and isinstance(span, Span) else None,
        span=span if isinstance(span, Span) else None,
    )


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != ()


class ExistsTest(FieldTest):
    """``exists: true`` (present and non-empty) or ``missing: true``."""

    __slots__ = ("want",)

    def __init__(self, want: bool) -> None:
        self.want = want

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Check presence."""
        present = _present(value)
        if present != self.want:
            return False, ()
        if not present:
            return True, (Evidence(leaf=f"field:{path}", field=path, value="missing"),)
        if isinstance(value, tuple):
            return True, tuple(
                _item_evidence(f"field:{path}", path, v) for v in value[:_MAX_EVIDENCE]
            )
        return True, (_item_evidence(f"field:{path}", path, value),)


def _cmp(op: str, a: Any, b: Any) -> bool:
    if op == "equals":
        return bool(a == b)
    if op == "gt":
        return bool(a > b)
    if op == "ge":
        return bool(a >= b)
    if op == "lt":
        return bool(a < b)
    return bool(a <= b)


class CompareTest(FieldTest):
    """``equals``/``gt``/``ge``/``lt``/``le``/``in`` on a scalar."""

    __slots__ = ("op", "target")

    def __init__(self, op: str, target: Any) -> None:
        self.op = op
        self.target = target

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Compare; a missing value never matches."""
        if value is None:
            return False, ()
        try:
            ok = value in self.target if self.op == "in" else _cmp(self.op, value, self.target)
        except TypeError:
            return False, ()
        return (
            (True, (Evidence(leaf=f"field:{path}", field=path, value=_fmt(value)),))
            if ok
            else (False, ())
        )


class MatchesTest(FieldTest):
    """``matches: REGEX`` on a text field."""

    __slots__ = ("node",)

    def __init__(self, node: RegexNode) -> None:
        self.node = node

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Search the field's text."""
        if not isinstance(value, str):
            return False, ()
        try:
            m = self.node.pattern.search(value, timeout=self.node.timeout)
        except TimeoutError:
            ctx.warnings.append(f"{self.node.rule_id}: regex on {path} timed out")
            return False, ()
        if m is None:
            return False, ()
        return True, (
            Evidence(
                leaf=f"field:{path}", field=path, value=value, pattern=self.node.pattern.pattern
            ),
        )


class HoursTest(FieldTest):
    """``hours_from_received: {le: 24}`` on a date-time field."""

    __slots__ = ("op", "target")

    def __init__(self, op: str, target: float) -> None:
        self.op = op
        self.target = target

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Hours between ``received_at`` and the value."""
        if not isinstance(value, datetime):
            return False, ()
        hours = (value - ctx.msg.received_at).total_seconds() / 3600
        if not _cmp(self.op, hours, self.target):
            return False, ()
        return True, (
            Evidence(leaf=f"field:{path}", field=path, value=f"{_fmt(value)} ({hours:+.1f} h)"),
        )


class CountTest(FieldTest):
    """``count: N`` or ``count: {ge: N, ...}`` on a list."""

    __slots__ = ("checks",)

    def __init__(self, checks: Sequence[tuple[str, int]]) -> None:
        self.checks = tuple(checks)

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Count the items."""
        n = len(value) if isinstance(value, tuple) else 0
        if all(_cmp(op, n, t) for op, t in self.checks):
            return True, (Evidence(leaf=f"field:{path}", field=path, value=f"count={n}"),)
        return False, ()


class ContainsTest(FieldTest):
    """``contains: X`` or ``contains: [X, Y]`` on a list of words (e.g. topics)."""

    __slots__ = ("targets",)

    def __init__(self, targets: frozenset[Any]) -> None:
        self.targets = targets

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Any of the targets is in the list."""
        if not isinstance(value, tuple):
            return False, ()
        hits = [v for v in value if v in self.targets]
        if not hits:
            return False, ()
        return True, (Evidence(leaf=f"field:{path}", field=path, value=_fmt(hits[0])),)


class ItemsTest(FieldTest):
    """``any: {...}`` / ``all: {...}`` over the items of a list."""

    __slots__ = ("mode", "tests")

    def __init__(self, mode: str, tests: Sequence[tuple[str, tuple[FieldTest, ...]]]) -> None:
        self.mode = mode
        self.tests = tuple((tuple(p.split(".")), p, t) for p, t in tests)

    def _item_ok(self, item: Any, ctx: EvalContext, path: str) -> bool:
        for attrs, sub, tests in self.tests:
            value = item
            for a in attrs:
                value = getattr(value, a, None)
                if value is None:
                    break
            for t in tests:
                if not t.run(value, ctx, f"{path}.{sub}")[0]:
                    return False
        return True

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """``any``: some item passes; ``all``: the list is non-empty and every item passes."""
        if not isinstance(value, tuple) or not value:
            return False, ()
        leaf = f"field:{path}"
        desc = ", ".join(p for _, p, _ in self.tests)
        if self.mode == "any":
            good = [v for v in value if self._item_ok(v, ctx, path)]
            if not good:
                return False, ()
            return True, tuple(
                _item_evidence(leaf, path, v, _summary(v, desc)) for v in good[:_MAX_EVIDENCE]
            )
        if all(self._item_ok(v, ctx, path) for v in value):
            return True, tuple(
                _item_evidence(leaf, path, v, _summary(v, desc)) for v in value[:_MAX_EVIDENCE]
            )
        return False, ()


def _summary(item: Any, desc: str) -> str:
    parts = []
    for p in desc.split(", "):
        v: Any = item
        for a in p.split("."):
            v = getattr(v, a, None)
        parts.append(f"{p}={_fmt(v)}")
    return ", ".join(parts)


# ---- regex analysis ------------------------------------------------------------------------

# The stdlib's regex parser understands most of the `regex` syntax rules use; it is private,
# hence the dynamic import (3.11+: re._parser; 3.10: sre_parse).
try:
    _sp: Any = importlib.import_module("re._parser")
    _sc: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    _sp = importlib.import_module("sre_parse")
    _sc = importlib.import_module("sre_constants")

_FLAGS = {
    "ignorecase": regex.IGNORECASE,
    "multiline": regex.MULTILINE,
    "dotall": regex.DOTALL,
    "verbose": regex.VERBOSE,
    "ascii": regex.ASCII,
}
_STD_FLAGS = {
    "ignorecase": _stdre.IGNORECASE,
    "multiline": _stdre.MULTILINE,
    "dotall": _stdre.DOTALL,
    "verbose": _stdre.VERBOSE,
    "ascii": _stdre.ASCII,
}
# `{` that is not an ordinary repeat: fuzzy constraints ({e<=1}) and the like, which the
# stdlib parser would read as literal text.
_ODD_BRACE = regex.compile(r"(?<!\\)\{(?!\d*(?:,\d*)?\})")
_REPEATS = (_sc.MAX_REPEAT, _sc.MIN_REPEAT)


def _std_parse(pattern: str, flags: Sequence[str]) -> Any:
    """Parse with the stdlib parser, or None when it reads the pattern differently."""
    if _ODD_BRACE.search(pattern):
        return None
    f = 0
    for name in flags:
        f |= _STD_FLAGS[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            tree = _sp.parse(pattern, f)
        except Exception:  # any syntax the stdlib does not share with `regex`
            return None
    return None if caught else tree


def _literal_sets(items: Any) -> list[str] | None:
    """Literals one of which every match must contain (best found), or None."""
    best: list[str] | None = None

    def score(cand: list[str]) -> tuple[int, int]:
        return (min(len(c) for c in cand), -len(cand))

    def consider(cand: list[str] | None) -> None:
        nonlocal best
        if cand and all(cand) and (best is None or score(cand) > score(best)):
            best = cand

    run: list[str] = []
    for op, av in items:
        if op is _sc.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(["".join(run)])
            run = []
        if op is _sc.SUBPATTERN:
            consider(_literal_sets(av[3]))
        elif op is getattr(_sc, "ATOMIC_GROUP", None):
            consider(_literal_sets(av))
        elif op in (*_REPEATS, getattr(_sc, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            consider(_literal_sets(av[2]))
        elif op is _sc.BRANCH:
            alts = [_literal_sets(b) for b in av[1]]
            if all(alts):
                consider(sorted({s for a in alts if a for s in a}))
    if run:
        consider(["".join(run)])
    return best


def required_literals(pattern: str, flags: Sequence[str]) -> frozenset[str] | None:
    """Literals of which at least one occurs in any text the pattern matches, or None."""
    tree = _std_parse(pattern, flags)
    if tree is None:
        return None
    found = _literal_sets(tree)
    if not found:
        return None
    ignorecase = "ignorecase" in flags or tree.state.flags & _stdre.IGNORECASE
    # Unicode case folding can match characters `lower()` does not map; stay safe.
    if ignorecase and any(not c.isascii() and c.lower() != c.upper() for s in found for c in s):
        return None
    return frozenset(found)


_ANY = "any"


def _single_set(op: Any, av: Any) -> frozenset[str] | str | None:
    """The characters a single-character item matches (frozenset), _ANY, or None if not one."""
    if op is _sc.LITERAL:
        return frozenset(chr(av))
    if op in (_sc.ANY, _sc.NOT_LITERAL, _sc.CATEGORY):
        return _ANY
    if op is _sc.IN:
        chars: set[str] = set()
        for sop, sav in av:
            if sop is _sc.LITERAL:
                chars.add(chr(sav))
            elif sop is _sc.RANGE and sav[1] - sav[0] < 512:
                chars.update(chr(c) for c in range(sav[0], sav[1] + 1))
            else:
                return _ANY
        return frozenset(chars)
    return None


def _overlap(a: frozenset[str] | str | None, b: frozenset[str] | str | None) -> bool:
    """Can two single-character items match the same character?"""
    if a is None or b is None:
        return False
    if isinstance(a, str) or isinstance(b, str):  # _ANY
        return True
    return bool(a & b)


def _alt_set(alt: Any) -> frozenset[str] | str | None:
    items = list(alt)
    if len(items) == 1:
        return _single_set(*items[0])
    return None


def _overlapping_alternatives(branches: Sequence[Any]) -> bool:
    sets = [_alt_set(b) for b in branches]
    texts = []
    for b in branches:
        items = list(b)
        texts.append(
            "".join(chr(av) for op, av in items)
            if all(op is _sc.LITERAL for op, _ in items)
            else None
        )
    for i in range(len(branches)):
        for j in range(i + 1, len(branches)):
            si, sj = sets[i], sets[j]
            if _overlap(si, sj):
                return True
            ti, tj = texts[i], texts[j]
            if (
                ti
                and tj
                and (ti == tj or ti * (len(tj) // len(ti)) == tj or tj * (len(ti) // len(tj)) == ti)
            ):
                return True
    return False


def _ambiguous(items: Any) -> bool:
    """A branch that can match the same text two ways (the parser factors common prefixes:
    ``(a|a)`` arrives as ``a`` + a branch of two empty alternatives, ``(\\d|\\d\\d)`` as
    ``\\d`` + a branch of nothing or another ``\\d``)."""
    prev: Any = None
    for op, av in items:
        if op is _sc.BRANCH:
            alts = [list(a) for a in av[1]]
            reprs = [repr(a) for a in alts]
            if len(set(reprs)) < len(reprs) or _overlapping_alternatives(av[1]):
                return True
            if prev is not None and any(not a for a in alts):
                ps = _single_set(*prev)
                for a in alts:
                    if a:
                        qs = _single_set(*a[0])
                        if _overlap(ps, qs):
                            return True
            if any(_ambiguous(a) for a in alts):
                return True
        elif op is _sc.SUBPATTERN and _ambiguous(av[3]):
            return True
        prev = (op, av)
    return False


def _risk(items: Any, under: bool) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            _lo, hi, body = av
            unbounded = hi is _sc.MAXREPEAT or hi > 1000
            if under and unbounded:
                return "nested"
            if unbounded and _ambiguous(body):
                return "alternation"
            found = _risk(body, under or unbounded)
            if found:
                return found
        elif op is _sc.SUBPATTERN:
            found = _risk(av[3], under)
            if found:
                return found
        elif op is _sc.BRANCH:
            for b in av[1]:
                found = _risk(b, under)
                if found:
                    return found
        elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
            found = _risk(av[1], under)
            if found:
                return found
        # possessive repeats and atomic groups never backtrack into themselves: safe
    return None


_MAX_WORK = 10_000


def _work(items: Any) -> int | None:
    """Steps one match attempt can take at most, up to a constant; None when unbounded."""
    total = 1
    for op, av in items:
        if op in _REPEATS:
            _lo, hi, body = av
            inner = _work(body)
            if hi is _sc.MAXREPEAT or inner is None:
                return None
            step = (hi + 1) * inner
        elif op is _sc.SUBPATTERN:
            sub = _work(av[3])
            if sub is None:
                return None
            step = sub
        elif op is _sc.BRANCH:
            works = [_work(b) for b in av[1]]
            if any(w is None for w in works):
                return None
            step = sum(w for w in works if w is not None)
        elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
            inner = _work(av[1])
            if inner is None:
                return None
            step = inner
        elif op in (_sc.GROUPREF, getattr(_sc, "GROUPREF_EXISTS", None)):
            return None
        else:
            step = 1
        total *= max(step, 1)
        if total > _MAX_WORK:
            return None
    return total


def is_linear(pattern: str, flags: Sequence[str]) -> bool:
    """True when every match attempt of ``pattern`` is bounded by a constant of the pattern
    alone (no unbounded repetition, no back-references, bounded nesting): its running time is
    then linear in the text, so it can run without the per-call timeout."""
    tree = _std_parse(pattern, flags)
    return tree is not None and _work(tree) is not None


def backtracking_risk(pattern: str, flags: Sequence[str]) -> str | None:
    """Explain why ``pattern`` may backtrack catastrophically, or return None."""
    tree = _std_parse(pattern, flags)
    if tree is None:
        return None
    kind = _risk(tree, False)
    if kind == "nested":
        return (
            "nested quantifier (a repeated group containing an unbounded repeat, like (a+)+) can "
            "backtrack catastrophically; make the inner repeat possessive (a++) or the group "
            "atomic (?>...)"
        )
    if kind == "alternation":
        return (
            "repeated alternation whose branches can match the same text (like (a|a)* or "
            "(\\w|\\d)+) can backtrack catastrophically; merge the branches into one character "
            "class or make the group atomic (?>...)"
        )
    return None


# ---- the compiler --------------------------------------------------------------------------


@dataclass
class Compiler:
    """Compile one rule's ``when`` into a :class:`Node`, collecting problems with their paths.

    Literal terms go into the pack's shared :class:`TermIndex`; rule references are recorded
    for the rule set to check (unknown ids, cycles).
    """

    index: TermIndex
    timeout_ms: float
    rule_id: str = ""
    problems: list[tuple[_Path, str]] = field(default_factory=list)
    refs: list[tuple[str, _Path]] = field(default_factory=list)

    def problem(self, path: _Path, message: str) -> None:
        """Record a problem at ``path``."""
        self.problems.append((path, message))

    def compile(self, spec: Any, path: _Path) -> Node | None:
        """Compile one condition, or None when it has problems (already recorded)."""
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
        if kind in ("all", "any", "not", "at_least", "rule", "text"):
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
        if kind == "text":
            return self._text(body, sub)
        if kind == "field":
            return self._field(spec, path)
        return self._registry(spec, path)

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
            return KeywordsNode(terms) if terms is not None else None
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
            return NearNode(a, b, leaf.within, leaf.ordered)
        if isinstance(leaf, FuzzyLeaf):
            return self._fuzzy(leaf, sub)
        assert isinstance(leaf, RegexLeaf)
        return self.regex(leaf.regex, leaf.flags, leaf.timeout_ms, (*sub, "regex"))

    def regex(
        self,
        pattern: str,
        flags: Sequence[str],
        timeout_ms: float | None,
        path: _Path,
        leaf: str = "text.regex",
    ) -> RegexNode | None:
        """Compile a regex leaf: syntax, backtracking risk, required literals."""
        f = 0
        for name in flags:
            f |= _FLAGS[name]
        try:
            compiled = regex.compile(pattern, f)
        except (regex.error, ValueError, OverflowError, RecursionError) as exc:
            self.problem(path, f"{dotted(path)}: regex does not compile: {exc}")
            return None
        risk = backtracking_risk(pattern, flags)
        if risk:
            self.problem(path, f"{dotted(path)}: {risk}")
            return None
        filters = required_literals(pattern, flags)
        keys = frozenset(self.index.add(s) for s in filters) if filters else None
        timeout = (timeout_ms if timeout_ms is not None else self.timeout_ms) / 1000
        # The timeout costs ~5 µs a call; a pattern proven linear does not need it.
        return RegexNode(
            compiled, None if is_linear(pattern, flags) else timeout, keys, self.rule_id, leaf
        )

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
                keys.add(self.index.add(piece))
        flags = regex.IGNORECASE if leaf.ignore_case else 0
        pattern = regex.compile(f"(?e)(?:{'|'.join(alts)}){{e<={leaf.edits}}}", flags)
        return RegexNode(
            pattern, self.timeout_ms / 1000, frozenset(keys), self.rule_id, "text.fuzzy", leaf.fuzzy
        )

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
            node = self.regex(arg, (), None, where, leaf=f"field:{name}")
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


def walk(node: Node) -> Iterable[Node]:
    """Every node of a tree, depth first."""
    yield node
    for child in node.children():
        yield from walk(child)


def trigger(node: Node, rule_triggers: dict[str, frozenset[str] | None]) -> frozenset[str] | None:
    """Term keys one of which must occur for ``node`` to hold, or None if there is no such set.

    The rule set evaluates a rule with a trigger only when one of its terms occurs in the
    message, so the cost of a message grows with the rules that could fire, not with all rules.
    """
    if isinstance(node, KeywordsNode):
        return frozenset(k for k, _, _ in node.terms)
    if isinstance(node, NearNode):
        a = frozenset(k for k, _, _ in node.a)
        b = frozenset(k for k, _, _ in node.b)
        return a if len(a) <= len(b) else b
    if isinstance(node, RegexNode):
        return node.filters
    if isinstance(node, RuleRefNode):
        return rule_triggers.get(node.rule_id)
    if isinstance(node, AllNode):
        sets = [t for t in (trigger(c, rule_triggers) for c in node.items) if t is not None]
        return min(sets, key=len) if sets else None
    if isinstance(node, (AnyNode, AtLeastNode)):
        subs = [trigger(c, rule_triggers) for c in node.items]
        if any(t is None for t in subs):
            return None
        return frozenset().union(*[t for t in subs if t is not None])
    return None  # field, registry and `not` leaves can hold without any term
