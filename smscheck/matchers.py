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
import itertools
import re as _stdre
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Protocol, Union, get_args, get_origin

import regex
from pydantic import BaseModel, ValidationError

try:
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover - no wheel for this platform: the pure-Python scan
    _ahocorasick = None

from ._text import Normalized, fold_lower
from .models import Evidence, Link, ParsedMessage, Sender, Span, trusted
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
    """Lower-case ``text`` without changing its length (offsets must hold); İ and ı become i,
    as a case-insensitive regex equates them (see :func:`smscheck._text.fold_lower`)."""
    return fold_lower(text)


class TermIndex:
    """Every literal term of a pack; :meth:`scan` finds them all in one pass.

    Terms are matched case-insensitively (lower-cased text and terms); leaves that want exact
    case check the original text at each occurrence. With ``pyahocorasick`` (a dependency;
    C code) one Aho-Corasick automaton finds every occurrence of every term in a single pass
    over the message, about 9 µs for a typical message and the zh-CN pack's 550 terms. Without
    it (a platform with no wheel), terms of two or more characters are indexed by their first
    two characters and the message's set of character pairs is intersected with that index in
    C (about four times slower): either way the cost depends on the message, not the terms.
    """

    __slots__ = ("_automaton", "_by_pair", "_singles")

    def __init__(self) -> None:
        # keyed by (first, second) character: zip() makes the message's pairs in C
        self._by_pair: dict[tuple[str, str], list[str]] = {}
        self._singles: set[str] = set()
        self._automaton: Any = None  # built on the first scan after the last add

    def add(self, term: str) -> str:
        """Register ``term``; return its key (the lower-cased term)."""
        key = lower_same_length(term)
        if len(key) == 1:
            self._singles.add(key)
        elif key:
            terms = self._by_pair.setdefault((key[0], key[1]), [])
            if key not in terms:
                terms.append(key)
        self._automaton = None
        return key

    def terms(self) -> list[str]:
        """Every term key."""
        return [*self._singles, *(t for ts in self._by_pair.values() for t in ts)]

    def scan(self, low: str) -> dict[str, tuple[int, ...]]:
        """Return ``{term key: start offsets}`` for every term occurring in ``low``."""
        if _ahocorasick is not None:
            automaton = self._automaton
            if automaton is None:
                automaton = self._automaton = self._build()
            if automaton is False:  # no terms
                return {}
            return _scan_automaton(automaton, low)
        return self.scan_pairs(low)

    def scan_pairs(self, low: str) -> dict[str, tuple[int, ...]]:
        """:meth:`scan` without the automaton (the fallback, and its reference in tests)."""
        found: dict[str, tuple[int, ...]] = {}
        if self._by_pair and len(low) > 1:
            pairs = set(itertools.pairwise(low))
            for pair in pairs.intersection(self._by_pair):
                for term in self._by_pair[pair]:
                    starts = _find_all(low, term)
                    if starts:
                        found[term] = starts
        if self._singles:
            for ch in self._singles.intersection(low):
                found[ch] = _find_all(low, ch)
        return found

    def _build(self) -> Any:
        assert _ahocorasick is not None
        terms = self.terms()
        if not terms:
            return False
        automaton = _ahocorasick.Automaton()
        for t in terms:
            automaton.add_word(t, (t, len(t) - 1))
        automaton.make_automaton()
        return automaton

    def __getstate__(self) -> tuple[dict[tuple[str, str], list[str]], set[str]]:
        return self._by_pair, self._singles  # the automaton is rebuilt (0.1 ms) on first use

    def __setstate__(self, state: tuple[dict[tuple[str, str], list[str]], set[str]]) -> None:
        self._by_pair, self._singles = state
        self._automaton = None

    def __len__(self) -> int:
        return len(self._singles) + sum(len(v) for v in self._by_pair.values())


def _scan_automaton(automaton: Any, low: str) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for end, (term, back) in automaton.iter(low):
        starts = found.get(term)
        if starts is None:
            found[term] = [end - back]
        elif len(starts) < _MAX_OCCURRENCES:
            starts.append(end - back)
    return {t: tuple(v) for t, v in found.items()}


def _find_all(text: str, term: str) -> tuple[int, ...]:
    out: list[int] = []
    i = text.find(term)
    while i >= 0 and len(out) < _MAX_OCCURRENCES:
        out.append(i)
        i = text.find(term, i + 1)
    return tuple(out)


# ---- per-message evaluation context --------------------------------------------------------

_MISS: Any = object()


class EvalContext:
    """Everything one evaluation needs; created per message, never shared between threads.

    Evaluation runs in two passes. :meth:`Node.test` decides each condition without building
    any evidence; results are memoised per node (by identity), so a sub-condition that several
    rules share (YAML aliases, repeated leaves: the compiler interns identical conditions) runs
    once per message. :meth:`Node.eval` then builds the evidence, only for the rules that fired,
    from what the first pass found (regex matches are kept, never searched again).
    """

    __slots__ = (
        "_mentions",
        "_scan",
        "found",
        "index",
        "low",
        "memo",
        "msg",
        "nt",
        "registry",
        "rule_nodes",
        "rule_results",
        "rule_states",
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
        rule_nodes: Mapping[str, Node] | None = None,
    ) -> None:
        self.msg = msg
        self.nt = nt
        self.text = nt.text
        self.low = lower_same_length(nt.text)
        self.index = index
        self.registry = registry
        # rule id -> state of its condition (rules evaluated so far); absent reads as False
        self.rule_states: dict[str, State] = {}
        # rule id -> its compiled condition, to build a referenced rule's evidence on demand
        self.rule_nodes: Mapping[str, Node] = rule_nodes if rule_nodes is not None else {}
        self.rule_results: dict[str, Result] = {}  # evidence built so far, by rule id
        self.memo: dict[Node, State] = {}  # node (hashed by identity) -> state, first pass
        self.found: dict[Any, Any] = {}  # id(node) -> what the first pass found (matches …)
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

    def official_sender(self, org_id: str) -> bool:
        """``registry.is_official_sender(msg.sender, org_id)``, asked once per message."""
        key = ("sender", org_id)
        got = self.found.get(key)
        if got is None:
            got = self.found[key] = self.registry.is_official_sender(self.msg.sender, org_id)
        return got

    def official_link(self, link: Link, org_id: str) -> bool:
        """``registry.is_official_link(link, org_id)``, asked once per message."""
        key = ("link", id(link), org_id)  # the message (and its links) outlives the context
        got = self.found.get(key)
        if got is None:
            got = self.found[key] = self.registry.is_official_link(link, org_id)
        return got

    def set_rule(self, rule_id: str, state: State) -> None:
        """Record the state of a rule's condition (rules are evaluated in dependency order)."""
        self.rule_states[rule_id] = state

    def rule_result(self, rule_id: str) -> Result:
        """State and evidence of a rule evaluated so far (``(False, ())`` if it was not)."""
        got = self.rule_results.get(rule_id)
        if got is not None:
            return got
        state = self.rule_states.get(rule_id, False)
        got = self.rule_nodes[rule_id].eval(self) if state else (state, ())
        self.rule_results[rule_id] = got
        return got

    def evidence(self, leaf: str, start: int, end: int, pattern: str | None = None) -> Evidence:
        """Evidence for the normalised range ``[start, end)``, located in the original text."""
        a, b = self.nt.span(start, end)  # offsets into the original: valid by construction
        span = trusted(Span, {"start": a, "end": b}, {"start", "end"})
        fields = {"leaf": leaf, "text": self.msg.text[a:b], "span": span, "field": None,
                  "value": None, "pattern": pattern, "org_id": None}  # fmt: skip
        return trusted(Evidence, fields, {"leaf", "text", "span", "pattern"})


# ---- matcher nodes -------------------------------------------------------------------------


class Node:
    """A compiled condition.

    ``test`` decides (three-valued) without building evidence and is memoised per message;
    ``eval`` returns the state and the evidence, exactly as a single pass would.
    """

    __slots__ = ()
    cost = 1  # children of all/any run cheapest first (and their evidence comes in that order)
    test_cost = 1  # the first pass may reorder by this when no child can warn
    warns = False  # can add a warning (a regex with a timeout): evaluation order then matters

    def test(self, ctx: EvalContext) -> State:
        """Decide against one message (memoised)."""
        memo = ctx.memo
        got = memo.get(self, _MISS)
        if got is _MISS:
            got = memo[self] = self._test(ctx)
        return got  # type: ignore[no-any-return]

    def _test(self, ctx: EvalContext) -> State:
        return self.eval(ctx)[0]

    def eval(self, ctx: EvalContext) -> Result:
        """Evaluate against one message: state and evidence."""
        raise NotImplementedError

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return ()


def _dedupe(evidence: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """Drop repeated evidence (equal in every field), keeping the first of each."""
    if len(evidence) < 2:
        return tuple(evidence)
    seen: dict[tuple[Any, ...], Evidence] = {}
    for e in evidence:  # a tuple of the fields hashes in C; hashing the model does not
        sp = e.span
        key = (e.leaf, e.text, sp.start if sp else None, sp.end if sp else None, e.field,
               e.value, e.pattern, e.org_id)  # fmt: skip
        seen.setdefault(key, e)
    return tuple(seen.values())


def _unmet(state: State) -> Result:
    return _NO if state is False else (None, ())


def _test_order(items: tuple[Node, ...]) -> tuple[Node, ...]:
    """The order the first pass tries items in. Kleene and/or do not depend on order, so
    cheap items go first; unless an item can warn (a timed-out regex), whose warning must
    appear exactly when it did before: then the written order (by cost) is kept."""
    if any(n.warns for n in items):
        return items
    return tuple(sorted(items, key=lambda n: n.test_cost))


class _Combinator(Node):
    """What ``all``/``any``/``at_least`` share: their items (cheapest evidence first), cost,
    whether they can warn, and the order the first pass tries them in."""

    __slots__ = ("cost", "items", "order", "test_cost", "warns")

    def __init__(self, items: Sequence[Node]) -> None:
        self.items = tuple(sorted(items, key=lambda n: n.cost))
        self.cost = max((n.cost for n in items), default=0)
        self.warns = any(n.warns for n in items)
        self.order = _test_order(self.items)
        # any/at_least may try every item; all stops at the cheapest False
        self.test_cost = sum(n.test_cost for n in items)

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return self.items


class AllNode(_Combinator):
    """``all: [...]``: every condition holds."""

    __slots__ = ()

    def __init__(self, items: Sequence[Node]) -> None:
        super().__init__(items)
        self.test_cost = min((n.test_cost for n in items), default=0) + 1

    def _test(self, ctx: EvalContext) -> State:
        undecided = False
        for item in self.order:
            state = item.test(ctx)
            if state is False:
                return False
            if state is None:
                undecided = True
        return None if undecided else True

    def eval(self, ctx: EvalContext) -> Result:
        """False as soon as one item is False."""
        state = self.test(ctx)
        if not state:
            return _unmet(state)
        ev: list[Evidence] = []
        for item in self.items:
            ev.extend(item.eval(ctx)[1])
        return True, _dedupe(ev)


class AnyNode(_Combinator):
    """``any: [...]``: at least one condition holds (evidence of the first that does)."""

    __slots__ = ()

    def _test(self, ctx: EvalContext) -> State:
        undecided = False
        for item in self.order:
            state = item.test(ctx)
            if state:
                return True
            if state is None:
                undecided = True
        return None if undecided else False

    def eval(self, ctx: EvalContext) -> Result:
        """True as soon as one item is True."""
        state = self.test(ctx)
        if not state:
            return _unmet(state)
        for item in self.items:
            if item.test(ctx):
                return item.eval(ctx)
        raise AssertionError("unreachable: an item held")  # pragma: no cover


class AtLeastNode(_Combinator):
    """``at_least: {n: N, of: [...]}``: N or more conditions hold (items tried in cost order)."""

    __slots__ = ("n",)

    def __init__(self, n: int, items: Sequence[Node]) -> None:
        super().__init__(items)
        self.n = n

    def _test(self, ctx: EvalContext) -> State:
        """Count; stop once the outcome is certainly False (a success looks at every item,
        so the evidence pass finds them all decided)."""
        yes = unknown = 0
        left = len(self.items)
        for item in self.items:
            left -= 1
            state = item.test(ctx)
            if state:
                yes += 1
            elif state is None:
                unknown += 1
            if yes + unknown + left < self.n:
                return False
        if yes >= self.n:
            return True
        return None if yes + unknown >= self.n else False

    def eval(self, ctx: EvalContext) -> Result:
        """Count; stop once the outcome is certain."""
        state = self.test(ctx)
        if not state:
            return _unmet(state)
        ev: list[Evidence] = []
        for item in self.items:
            if item.test(ctx):
                ev.extend(item.eval(ctx)[1])
        return True, _dedupe(ev)


class NotNode(Node):
    """``not: CONDITION``."""

    __slots__ = ("_ev", "cost", "item", "label", "test_cost", "warns")

    def __init__(self, item: Node, label: str) -> None:
        self.item = item
        self.label = label
        self.cost = item.cost
        self.warns = item.warns
        self.test_cost = item.test_cost
        self._ev: Result = (True, (Evidence(leaf="not", value=label),))

    def _test(self, ctx: EvalContext) -> State:
        state = self.item.test(ctx)
        if state is None:
            return None
        return not state

    def eval(self, ctx: EvalContext) -> Result:
        """Negate; undecided stays undecided."""
        state = self.test(ctx)
        return self._ev if state else _unmet(state)

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return (self.item,)


class KeywordsNode(Node):
    """``text: {keywords: [...]}``: says which keyword matched, and where."""

    __slots__ = ("terms",)
    test_cost = 1

    def __init__(self, terms: Sequence[tuple[str, str, bool]]) -> None:
        self.terms = tuple(terms)  # (key, as written, exact case)

    def test(self, ctx: EvalContext) -> State:
        """A dictionary lookup per term: cheaper than the memo."""
        occ = ctx.occurrences
        for key, word, exact in self.terms:
            starts = occ.get(key)
            if not starts:
                continue
            if not exact:
                return True
            text = ctx.text
            n = len(word)
            for s in starts:
                if text[s : s + n] == word:
                    return True
        return False

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
    test_cost = 2

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

    def _best(self, ctx: EvalContext) -> tuple[int, int, int, str, str] | None:
        a = self._places(ctx, self.a)
        if not a:
            return None
        b = self._places(ctx, self.b)
        if not b:
            return None
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
        return best

    def _test(self, ctx: EvalContext) -> State:
        best = ctx.found[id(self)] = self._best(ctx)
        return best is not None

    def eval(self, ctx: EvalContext) -> Result:
        """Gap between the two terms (0 when they touch or overlap) at most ``within``."""
        if not self.test(ctx):
            return _NO
        _, s, e, wa, wb = ctx.found[id(self)]
        return True, (ctx.evidence("text.near", s, e, f"{wa} … {wb}"),)


class RegexNode(Node):
    """``text: {regex: ...}``, run with a timeout, skipped when its required literal is absent.

    ``pattern`` may be given as ``(source, flags)``: it is then compiled on first use. Only
    the shipped packs are built that way (:meth:`RuleSet.default`), as the test suite compiles
    every one of their patterns; user rules are compiled at load, so a bad one is reported.
    """

    __slots__ = ("_rx", "_source", "also", "filters", "leaf", "rule_id", "test_cost", "timeout",
                 "warns", "words")  # fmt: skip
    cost = 3

    def __init__(
        self,
        pattern: regex.Pattern[str] | tuple[str, int],
        timeout: float | None,  # None: proven linear (see is_linear), no timeout needed
        filters: frozenset[str] | None,
        rule_id: str,
        leaf: str = "text.regex",
        words: tuple[str, ...] | None = None,
        also: tuple[frozenset[str], ...] = (),
    ) -> None:
        if isinstance(pattern, tuple):
            self._rx: regex.Pattern[str] | None = None
            self._source = pattern
        else:
            self._rx = pattern
            self._source = (pattern.pattern, pattern.flags)
        self.timeout = timeout
        self.filters = filters
        self.also = also  # more term sets, each of which must have a member in the message
        self.rule_id = rule_id
        self.leaf = leaf
        self.words = words  # fuzzy leaves: group k<i> matched words[i]
        self.warns = timeout is not None
        self.test_cost = 3 if filters is not None else 4

    @property
    def pattern(self) -> regex.Pattern[str]:
        """The compiled pattern (compiled now if it was deferred)."""
        return self._rx or self._compile()

    def _compile(self) -> regex.Pattern[str]:
        # Two threads may both compile: the same pattern, one reference assignment each.
        rx = self._rx = regex.compile(*self._source)
        return rx

    def _test(self, ctx: EvalContext) -> State:
        """Search (up to three matches, kept for the evidence); a timeout makes the leaf
        undecided and adds a warning."""
        if self.filters is not None:
            present = ctx.occurrences.keys()
            if present.isdisjoint(self.filters):
                return False
            for terms in self.also:
                if present.isdisjoint(terms):
                    return False
        found: list[tuple[int, int, str]] = []
        try:
            limit = None if self.timeout is None else self.timeout * ctx.timeout_scale
            for m in (self._rx or self._compile()).finditer(ctx.text, timeout=limit):
                s, e = m.span()
                if e == s and found:
                    continue
                shown = (
                    self.words[int(m.lastgroup[1:])]
                    if self.words and m.lastgroup
                    else self._source[0]
                )
                found.append((s, e, shown))
                if len(found) >= 3:
                    break
        except TimeoutError:
            ctx.warnings.append(
                f"{self.rule_id}: regex {_short(self._source[0])} timed out after "
                f"{(limit or 0) * 1000:.0f} ms; the rule was not decided"
            )
            return None
        if not found:
            return False
        ctx.found[id(self)] = found
        return True

    def eval(self, ctx: EvalContext) -> Result:
        """The matches the first pass found, as evidence."""
        state = self.test(ctx)
        if not state:
            return _unmet(state)
        leaf = self.leaf
        return True, tuple(ctx.evidence(leaf, s, e, shown) for s, e, shown in ctx.found[id(self)])


def _short(s: str, n: int = 40) -> str:
    return repr(s if len(s) <= n else s[: n - 1] + "…")


class FieldNode(Node):
    """``field: PATH`` plus operators: every operator must hold."""

    __slots__ = ("attrs", "path", "test_cost", "tests", "warns")

    def __init__(self, path: str, tests: Sequence[FieldTest]) -> None:
        self.path = path
        self.attrs = tuple(path.split("."))
        self.tests = tuple(tests)
        self.warns = any(t.warns for t in self.tests)
        self.test_cost = 1

    def _value(self, ctx: EvalContext) -> Any:
        value: Any = ctx.msg
        for a in self.attrs:
            value = getattr(value, a, None)
            if value is None:
                break
        return value

    def _test(self, ctx: EvalContext) -> State:
        value: Any = ctx.msg
        for a in self.attrs:
            value = getattr(value, a, None)
            if value is None:
                break
        path = self.path
        for test in self.tests:  # noqa: SIM110 - a loop is cheaper than all(<generator>)
            if not test.ok(value, ctx, path):
                return False
        return True

    def eval(self, ctx: EvalContext) -> Result:
        """Fetch the value once, run every operator."""
        if not self.test(ctx):
            return _NO
        value = self._value(ctx)
        ev: list[Evidence] = []
        for test in self.tests:
            ok, e = test.run(value, ctx, self.path)
            if not ok:  # pragma: no cover - the first pass said every operator holds
                return _NO
            ev.extend(e)
        return True, _dedupe(ev)


class RuleRefNode(Node):
    """``rule: ID``: the other rule's condition held (its evidence comes along)."""

    __slots__ = ("rule_id",)
    cost = 0
    test_cost = 0

    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id

    def test(self, ctx: EvalContext) -> State:
        """Rules are evaluated in dependency order, so the answer is already there."""
        return ctx.rule_states.get(self.rule_id, False)

    def eval(self, ctx: EvalContext) -> Result:
        """The other rule's state and evidence."""
        return ctx.rule_result(self.rule_id)


class RegistryNode(Node):
    """``registry: CHECK``: ask the registry of official channels."""

    __slots__ = ("check", "kinds")
    cost = 2
    test_cost = 2

    def __init__(self, check: str, kinds: frozenset[str]) -> None:
        self.check = check
        self.kinds = kinds

    def _mentions(self, ctx: EvalContext) -> list[OrgMentionLike]:
        kinds = self.kinds
        return [m for m in ctx.mentions if not kinds or m.kind in kinds]

    def _test(self, ctx: EvalContext) -> State:
        mentions = self._mentions(ctx)
        if not mentions:
            return False
        check = self.check
        if check == "names_org":
            return True
        msg = ctx.msg
        if check in ("sender_official", "sender_not_official"):
            if not msg.sender.raw:
                return False
            official = any(ctx.official_sender(m.org_id) for m in mentions)
            return official if check == "sender_official" else not official
        if not msg.links:
            return False
        for link in msg.links:
            owned = any(ctx.official_link(link, m.org_id) for m in mentions)
            if owned == (check == "link_official"):
                return True
        return False

    def eval(self, ctx: EvalContext) -> Result:
        """See docs/rules.md for each check's meaning."""
        if not self.test(ctx):
            return _NO
        mentions = self._mentions(ctx)
        leaf = f"registry.{self.check}"
        msg = ctx.msg
        if self.check == "names_org":
            return True, tuple(
                Evidence(leaf=leaf, text=m.text, span=m.span, value=m.name, org_id=m.org_id)
                for m in mentions[:_MAX_EVIDENCE]
            )
        if self.check in ("sender_official", "sender_not_official"):
            official = [m for m in mentions if ctx.official_sender(m.org_id)]
            # not official: the message names organisations and the sender is none of theirs
            picked = official if self.check == "sender_official" else ([] if official else mentions)
            return (
                (True, tuple(self._sender_ev(leaf, m, msg) for m in picked[:_MAX_EVIDENCE]))
                if picked
                else _NO
            )
        ev: list[Evidence] = []
        for link in msg.links:
            owners = [m for m in mentions if ctx.official_link(link, m.org_id)]
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


_MODEL_FIELDS: dict[type[BaseModel], dict[str, FType]] = {}


def model_fields(model: type[BaseModel]) -> dict[str, FType]:
    """Field name → type of a model (computed once per model; do not modify the result)."""
    got = _MODEL_FIELDS.get(model)
    if got is None:
        got = _MODEL_FIELDS[model] = {
            name: ftype_of(f.annotation) for name, f in model.model_fields.items()
        }
    return got


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
    warns = False  # can add a warning (a regex with a timeout)

    def needs_present(self) -> bool:
        """True when the test cannot hold for a missing value (None, "" or an empty list)."""
        return False

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Apply to the fetched value."""
        raise NotImplementedError

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """Whether :meth:`run` holds, without building evidence."""
        return self.run(value, ctx, path)[0]


def _fmt(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, BaseModel):
        text = getattr(value, "text", None) or getattr(value, "raw", None)
        return str(text) if text is not None else type(value).__name__
    return str(value)


_ITEM_EVIDENCE_SET = frozenset({"leaf", "field", "value", "text", "span"})


def _item_evidence(leaf: str, path: str, item: Any, value: str | None = None) -> Evidence:
    span = getattr(item, "span", None)
    text = getattr(item, "text", None)
    if not isinstance(span, Span):
        span = text = None
    elif not isinstance(text, str):
        text = None
    fields = {"leaf": leaf, "text": text, "span": span, "field": path,
              "value": value if value is not None else _fmt(item), "pattern": None,
              "org_id": None}  # fmt: skip
    return trusted(Evidence, fields, set(_ITEM_EVIDENCE_SET))


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != ()


class ExistsTest(FieldTest):
    """``exists: true`` (present and non-empty) or ``missing: true``."""

    __slots__ = ("want",)

    def __init__(self, want: bool) -> None:
        self.want = want

    def needs_present(self) -> bool:
        """``exists: true`` does."""
        return self.want

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """Presence as wanted."""
        return _present(value) == self.want

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

    def needs_present(self) -> bool:
        """None never compares; "" only equals "" (numbers are not ordered against text)."""
        if self.op == "in":
            return "" not in self.target and () not in self.target
        if self.op == "equals":
            return self.target not in ("", ())
        return True

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """Compare; a missing value never matches."""
        if value is None:
            return False
        try:
            return value in self.target if self.op == "in" else _cmp(self.op, value, self.target)
        except TypeError:
            return False

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Compare; a missing value never matches."""
        if not self.ok(value, ctx, path):
            return False, ()
        return True, (Evidence(leaf=f"field:{path}", field=path, value=_fmt(value)),)


class MatchesTest(FieldTest):
    """``matches: REGEX`` on a text field."""

    __slots__ = ("node",)

    def __init__(self, node: RegexNode) -> None:
        self.node = node

    @property
    def warns(self) -> bool:  # type: ignore[override]
        """A regex with a timeout can warn."""
        return self.node.timeout is not None

    def needs_present(self) -> bool:
        """None never matches; "" does only if the regex matches the empty text."""
        return self.node.pattern.search("") is None

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """Search the field's text, once per message and value."""
        if not isinstance(value, str):
            return False
        key = (id(self), value)
        got = ctx.found.get(key)
        if got is None:
            try:
                got = self.node.pattern.search(value, timeout=self.node.timeout) is not None
            except TimeoutError:
                ctx.warnings.append(f"{self.node.rule_id}: regex on {path} timed out")
                got = False
            ctx.found[key] = got
        return got

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Search the field's text."""
        if not self.ok(value, ctx, path):
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

    def needs_present(self) -> bool:
        """Only a date-time has hours."""
        return True

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """Hours between ``received_at`` and the value, compared."""
        if not isinstance(value, datetime):
            return False
        return _cmp(self.op, (value - ctx.msg.received_at).total_seconds() / 3600, self.target)

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

    def needs_present(self) -> bool:
        """When a count of 0 fails."""
        return not all(_cmp(op, 0, t) for op, t in self.checks)

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """Count the items."""
        n = len(value) if isinstance(value, tuple) else 0
        return all(_cmp(op, n, t) for op, t in self.checks)

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

    def needs_present(self) -> bool:
        """An empty list contains nothing."""
        return True

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """Any of the targets is in the list."""
        if not isinstance(value, tuple):
            return False
        targets = self.targets
        return any(v in targets for v in value)

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

    __slots__ = ("mode", "tests", "warns")

    def __init__(self, mode: str, tests: Sequence[tuple[str, tuple[FieldTest, ...]]]) -> None:
        self.mode = mode
        self.tests = tuple((tuple(p.split(".")), p, t, any(x.warns for x in t)) for p, t in tests)
        self.warns = any(w for *_, w in self.tests)

    def _item_ok(self, item: Any, ctx: EvalContext, path: str) -> bool:
        for attrs, sub, tests, warns in self.tests:
            value = item
            for a in attrs:
                value = getattr(value, a, None)
                if value is None:
                    break
            # the path only shows in a warning: build it only for a test that can warn
            where = f"{path}.{sub}" if warns else path
            for t in tests:
                if not t.ok(value, ctx, where):
                    return False
        return True

    def needs_present(self) -> bool:
        """Both modes want a non-empty list."""
        return True

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """``any``: some item passes; ``all``: the list is non-empty and every item passes."""
        if not isinstance(value, tuple) or not value:
            return False
        item_ok = self._item_ok
        if self.mode == "any":
            if self.warns:  # every item is tried, so every warning shows, as before
                return any([item_ok(v, ctx, path) for v in value])
            for v in value:  # noqa: SIM110 - a loop is cheaper than any(<generator>)
                if item_ok(v, ctx, path):
                    return True
            return False
        for v in value:  # noqa: SIM110 - a loop is cheaper than all(<generator>)
            if not item_ok(v, ctx, path):
                return False
        return True

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """``any``: some item passes; ``all``: the list is non-empty and every item passes."""
        if not isinstance(value, tuple) or not value:
            return False, ()
        leaf = f"field:{path}"
        desc = ", ".join(p for _, p, _, _ in self.tests)
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


def _seq(items: Any) -> Any:
    """The item list of a parsed (sub)pattern: a ``SubPattern`` iterates through a Python
    ``__getitem__`` per item, its ``data`` list directly (several times faster)."""
    return getattr(items, "data", items)


def _std_parse(pattern: str, flags: Sequence[str]) -> Any:
    """Parse with the stdlib parser, or None when it reads the pattern differently."""
    if _ODD_BRACE.search(pattern):
        return None
    f = 0
    for name in flags:
        f |= int(_STD_FLAGS[name])  # a plain int: RegexFlag would make every flag test slow
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            tree = _sp.parse(pattern, f)
        except Exception:  # any syntax the stdlib does not share with `regex`
            return None
    return None if caught else tree


def _literal_sets(items: Any) -> list[str] | None:
    """Literals one of which every match must contain (best found), or None."""
    found = _all_literal_sets(items)
    return found[0] if found else None


def _score(cand: list[str]) -> tuple[int, int]:
    return (min(len(c) for c in cand), -len(cand))


def _all_literal_sets(items: Any) -> list[list[str]]:
    """Every set of literals one of which every match must contain that this sequence shows
    (each from a different part of it), best first by (shortest literal, fewer literals)."""
    found: list[list[str]] = []

    def consider(cand: list[str] | None) -> None:
        if cand and all(cand):
            found.append(cand)

    run: list[str] = []
    for op, av in _seq(items):
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
            per = [_all_literal_sets(b)[:3] for b in av[1]]
            if all(per):
                # (A1 and A2) or (B1 and B2) needs A1|B1, A1|B2, A2|B1 and A2|B2: one set per
                # pick of a set from each branch (few branches only: the picks multiply)
                picks = itertools.product(*per) if len(per) <= 4 else [[p[0] for p in per]]
                for pick in picks:
                    consider(sorted({s for c in pick for s in c}))
    if run:
        consider(["".join(run)])
    # stable: of equal score, the first found stays first (as when only the best was kept)
    return sorted(found, key=_score, reverse=True) if len(found) > 1 else found


def required_literals(pattern: str, flags: Sequence[str]) -> frozenset[str] | None:
    """Literals of which at least one occurs in any text the pattern matches, or None."""
    return regex_facts(pattern, flags).literals


def _required_literals(tree: Any, flags: Sequence[str]) -> tuple[frozenset[str], ...]:
    """Sets of literals, each of which must have a member in any text the pattern matches
    (the best set first); empty when none is known."""
    if tree is None:
        return ()
    found = _all_literal_sets(tree)
    ignorecase = "ignorecase" in flags or tree.state.flags & _stdre.IGNORECASE
    out: list[frozenset[str]] = []
    for cand in found:
        # Unicode case folding can match characters `lower()` does not map; stay safe.
        if ignorecase and any(not c.isascii() and c.lower() != c.upper() for s in cand for c in s):
            continue
        terms = frozenset(cand)
        if not any(kept <= terms for kept in out):  # a superset of a kept set tells nothing
            out.append(terms)
            if len(out) == _MAX_FILTERS:
                break
    if found and out and out[0] != frozenset(found[0]):
        return ()  # the best set is unsafe: keep what a single set gave (no filter at all)
    return tuple(out)


_MAX_FILTERS = 3  # sets checked before a regex runs: each is one C-level isdisjoint


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
    items = list(_seq(alt))
    if len(items) == 1:
        return _single_set(*items[0])
    return None


def _overlapping_alternatives(branches: Sequence[Any]) -> bool:
    sets = [_alt_set(b) for b in branches]
    texts = []
    for b in branches:
        items = list(_seq(b))
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
    for op, av in _seq(items):
        if op is _sc.BRANCH:
            alts = [list(_seq(a)) for a in av[1]]
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
    for op, av in _seq(items):
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
    for op, av in _seq(items):
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
    return regex_facts(pattern, flags).linear


def backtracking_risk(pattern: str, flags: Sequence[str]) -> str | None:
    """Explain why ``pattern`` may backtrack catastrophically, or return None."""
    return regex_facts(pattern, flags).risk


def _backtracking_risk(tree: Any) -> str | None:
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


@dataclass(frozen=True)
class RegexFacts:
    """What the load-time analyses say about one pattern (see the three functions above)."""

    risk: str | None
    literals: frozenset[str] | None
    linear: bool
    also: tuple[frozenset[str], ...] = ()  # more required sets (each needs a member), if any


# Facts by (pattern, flags): packs repeat patterns (YAML aliases, shared leaves), and the
# stdlib parse they all start from is the costly part, so a pattern is parsed once.
_FACTS: dict[tuple[str, tuple[str, ...]], RegexFacts] = {}
_MAX_FACTS = 20_000


def regex_facts(pattern: str, flags: Sequence[str]) -> RegexFacts:
    """Backtracking risk, required literals and linearity of ``pattern``, from one parse."""
    key = (pattern, tuple(flags))
    got = _FACTS.get(key)
    if got is None:
        tree = _std_parse(pattern, flags)
        sets = _required_literals(tree, flags)
        got = RegexFacts(
            risk=_backtracking_risk(tree),
            literals=sets[0] if sets else None,
            linear=tree is not None and _work(tree) is not None,
            also=sets[1:],
        )
        if len(_FACTS) >= _MAX_FACTS:
            _FACTS.clear()
        _FACTS[key] = got
    return got


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
    # The pack's compiled conditions by what they say: identical conditions (YAML aliases,
    # repeated leaves) become one node, decided once per message. Conditions that can warn
    # stay per rule, as the warning names the rule.
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
        key = (self.timeout_ms, repr(spec), self.rule_id if node.warns else None)
        return self.interned.setdefault(key, node)

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
        compiled: regex.Pattern[str] | tuple[str, int]
        if self.lazy and leaf == "text.regex":
            compiled = (pattern, f)
        else:
            try:
                compiled = regex.compile(pattern, f)
            except (regex.error, ValueError, OverflowError, RecursionError) as exc:
                self.problem(path, f"{dotted(path)}: regex does not compile: {exc}")
                return None
        facts = regex_facts(pattern, flags)
        if facts.risk:
            self.problem(path, f"{dotted(path)}: {facts.risk}")
            return None
        filters = facts.literals
        keys = frozenset(self.index.add(s) for s in filters) if filters else None
        also = tuple(frozenset(self.index.add(s) for s in f) for f in facts.also)
        timeout = (timeout_ms if timeout_ms is not None else self.timeout_ms) / 1000
        # The timeout costs ~5 µs a call; a pattern proven linear does not need it.
        return RegexNode(compiled, None if facts.linear else timeout, keys, self.rule_id, leaf,
                         also=also)  # fmt: skip

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


Fact = str | tuple[str, str]  # a term key, or ("field", path): the field is present


def field_present(msg: ParsedMessage, path: str) -> bool:
    """Is the value at ``path`` (no lists on the way) present: not None, "" or ()?"""
    value: Any = msg
    for a in path.split("."):
        value = getattr(value, a, None)
        if value is None:
            return False
    return _present(value)


def requirement(node: Node, rule_reqs: dict[str, frozenset[Fact] | None]) -> frozenset[Fact] | None:
    """Facts one of which must hold for ``node`` to hold, or None if there is no such set.

    Like :func:`trigger`, with one more kind of fact: a field leaf whose every value test
    fails on a missing value needs ``("field", path)``; a registry check of the sender needs
    ``sender.raw``, one of links needs ``links``. The rule set skips a rule none of whose
    facts hold, before evaluating anything.
    """
    if isinstance(node, (KeywordsNode, NearNode, RegexNode)):
        return trigger(node, {})
    if isinstance(node, RuleRefNode):
        return rule_reqs.get(node.rule_id)
    if isinstance(node, FieldNode):
        if any(t.needs_present() for t in node.tests):
            return frozenset({("field", node.path)})
        return None
    if isinstance(node, RegistryNode):
        if node.check in ("sender_official", "sender_not_official"):
            return frozenset({("field", "sender.raw")})
        if node.check in ("link_official", "link_not_official"):
            return frozenset({("field", "links")})
        return None
    if isinstance(node, AllNode):
        sets = [t for t in (requirement(c, rule_reqs) for c in node.items) if t is not None]
        return min(sets, key=len) if sets else None
    if isinstance(node, (AnyNode, AtLeastNode)):
        subs = [requirement(c, rule_reqs) for c in node.items]
        if any(t is None for t in subs):
            return None
        return frozenset().union(*[t for t in subs if t is not None])
    return None  # `not` can hold on anything
