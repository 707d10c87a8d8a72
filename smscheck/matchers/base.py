"""The per-message evaluation context, the node base class and the combinators
(``all``/``any``/``at_least``/``not``, ``rule`` references)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import compress
from typing import TYPE_CHECKING, Any

from .._text import Normalized
from ..models import Evidence, Link, ParsedMessage, Span
from .registry_api import OrgMentionLike, RegistryLike
from .terms import TermIndex, lower_same_length

if TYPE_CHECKING:
    from ..parser.warnings import WarnedIndex

_Path = tuple[str | int, ...]
State = bool  # no condition is ever undecided: nothing in evaluation has a clock
Result = tuple[State, tuple[Evidence, ...]]

_NO: Result = (False, ())
_MAX_EVIDENCE = 5  # per leaf: enough to show, bounded for huge messages

# ---- per-message evaluation context --------------------------------------------------------

_MISS: Any = object()
_new = object.__new__
_set = object.__setattr__


class EvalContext:
    """Everything one evaluation needs; created per message, never shared between threads.

    Evaluation runs in two passes. :meth:`Node.test` decides each condition without building
    any evidence; results are memoised per node (by identity), so a sub-condition that several
    rules share (YAML aliases, repeated leaves: the compiler interns identical conditions) runs
    once per message. :meth:`Node.eval` then builds the evidence, only for the rules that fired,
    from what the first pass found (regex matches are kept, never searched again); each node's
    evidence is built once per message (:attr:`results`), and repeated evidence is dropped once
    per rule (:meth:`rule_result`), not at every combinator on the way up.
    """

    __slots__ = (
        "_any_warned",
        "_groups",
        "_mentions",
        "_present",
        "_scan",
        "_warned",
        "found",
        "index",
        "low",
        "memo",
        "msg",
        "nt",
        "registry",
        "results",
        "rule_nodes",
        "rule_results",
        "rule_states",
        "text",
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
        # node -> its Result, second pass: a condition several fired rules share (an alias, an
        # interned leaf) builds its evidence once; combinators keep repeats (rule_result drops them)
        self.results: dict[Node, Result] = {}
        self.warnings: list[str] = []
        self._scan: dict[str, tuple[int, ...]] | None = None
        self._present: frozenset[str] | None = None
        self._groups: int | None = None
        self._mentions: tuple[OrgMentionLike, ...] | None = None
        self._warned: WarnedIndex | None = None
        self._any_warned = False  # the message warns against something (once _warned is read)

    @property
    def occurrences(self) -> dict[str, tuple[int, ...]]:
        """The term scan, done on first use."""
        if self._scan is None:
            self._scan = self.index.scan(self.low)
        return self._scan

    @property
    def present(self) -> frozenset[str]:
        """The term keys the scan found, as a set: regex pre-filters ask whether it meets
        theirs (a set against a set: about twice as fast as against the scan's keys view)."""
        got = self._present
        if got is None:
            got = self._present = frozenset(self.occurrences)
        return got

    @property
    def groups(self) -> int:
        """The pre-filters' sets of terms that have a member in the message, as a bit mask
        (see :meth:`TermIndex.need`; the rule set's candidate selection gives it in its pass
        over the terms found)."""
        got = self._groups
        if got is None:
            got = self._groups = self.index.groups(self.occurrences)
        return got

    @groups.setter
    def groups(self, value: int) -> None:
        self._groups = value

    def in_warning(self, start: int, end: int) -> bool:
        """True when the normalised range ``[start, end)`` lies inside a clause the message
        warns against or denies (``ParsedMessage.cautions``: "不会要求…", "凡…都是诈骗",
        "never share…"). Text leaves skip such matches unless they say ``in_warnings: true``.

        The ranges are those of :func:`smscheck.parser.warnings.warned_ranges` on the
        normalised text (the cautions' spans point into the original), found on first use
        and merged where they overlap.
        """
        w = self._warned
        if w is None:
            from ..parser.warnings import WarnedIndex, warned_ranges

            w = self._warned = WarnedIndex(warned_ranges(self.text))
            self._any_warned = bool(w)
        return self._any_warned and w.covers(start, end)

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
        if state:
            node = self.rule_nodes[rule_id]
            got = self.results.get(node)
            if got is None:
                got = node.eval(self)
            ev = got[1]
            if len(ev) > 1:  # combinators leave repeats in: one pass over the rule's evidence
                got = (True, _dedupe(ev))
        else:
            got = (state, ())
        self.rule_results[rule_id] = got
        return got

    def evidence(self, leaf: str, start: int, end: int, pattern: str | None = None) -> Evidence:
        """Evidence for the normalised range ``[start, end)``, located in the original text."""
        a, b = self.nt.span(start, end)  # offsets into the original: valid by construction
        # trusted(Span, ...) and trusted(Evidence, ...), written out: a few calls fewer
        span = _new(Span)
        _set(span, "__dict__", {"start": a, "end": b})
        _set(span, "__pydantic_fields_set__", {"start", "end"})
        _set(span, "__pydantic_extra__", None)
        _set(span, "__pydantic_private__", None)
        ev = _new(Evidence)
        _set(ev, "__dict__", {"leaf": leaf, "text": self.msg.text[a:b], "span": span,
                              "field": None, "value": None, "pattern": pattern, "org_id": None})  # fmt: skip
        _set(ev, "__pydantic_fields_set__", {"leaf", "text", "span", "pattern"})
        _set(ev, "__pydantic_extra__", None)
        _set(ev, "__pydantic_private__", None)
        return ev


# ---- matcher nodes -------------------------------------------------------------------------


class Node:
    """A compiled condition.

    ``test`` decides without building evidence and is memoised per message;
    ``eval`` returns the state and the evidence, exactly as a single pass would.
    """

    __slots__ = ()
    cost = 1  # children of all/any run cheapest first (and their evidence comes in that order)
    test_cost = 1  # the first pass tries the items of all/any/at_least cheapest first
    text_leaf = False  # keywords, near, regex: `all` tries a negated one after the others

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
        """Evaluate against one message: state and evidence (a combinator's may repeat a
        piece of evidence two items share: :meth:`EvalContext.rule_result` drops repeats)."""
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


def _test_order(items: tuple[Node, ...]) -> tuple[Node, ...]:
    """The order the first pass tries items in: and/or do not depend on order, so cheap
    items go first."""
    return tuple(sorted(items, key=lambda n: n.test_cost))


class _Combinator(Node):
    """What ``all``/``any``/``at_least`` share: their items (cheapest evidence first), cost,
    and the order the first pass tries them in."""

    __slots__ = ("cost", "items", "order", "refs", "steps", "test_cost")

    def __init__(self, items: Sequence[Node]) -> None:
        self.items = tuple(sorted(items, key=lambda n: n.cost))
        self.cost = max((n.cost for n in items), default=0)
        # The first pass reads the `rule:` items' states in place, before trying the others
        # (and/or do not depend on order); `order`: the others, cheapest first.
        self.refs = tuple(n.rule_id for n in self.items if isinstance(n, RuleRefNode))
        self.order = _test_order(tuple(n for n in self.items if not isinstance(n, RuleRefNode)))
        # (item, True when it keeps Node.test's memo: looked up here, one call fewer)
        self.steps = tuple((n, type(n).test is Node.test) for n in self.order)
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
        # Negated text leaves last: such a `not` is an exclusion (a warning, an advert, a
        # repayment record), which nearly every message passes, so it seldom ends the first
        # pass, while a positive item of a rule that is a candidate without holding usually
        # does (the order of the first pass never changes a state)
        self.order = tuple(sorted(self.order, key=_exclusion))
        self.steps = tuple((n, type(n).test is Node.test) for n in self.order)

    def _test(self, ctx: EvalContext) -> State:
        if self.refs:
            states = ctx.rule_states
            for rule_id in self.refs:
                if not states.get(rule_id, False):
                    return False
        # This item loop and AnyNode's are twins kept inline on purpose: one shared helper
        # (a call per node) measured +0.7 % instructions per check on bench/corpus.jsonl.
        memo = ctx.memo
        for item, memoised in self.steps:
            if memoised:
                got = memo.get(item, _MISS)
                if got is _MISS:
                    got = memo[item] = item._test(ctx)
                if not got:
                    return False
            elif not item.test(ctx):
                return False
        return True

    def eval(self, ctx: EvalContext) -> Result:
        """False as soon as one item is False."""
        state = self.test(ctx)
        if not state:
            return _NO
        ev: list[Evidence] = []
        results = ctx.results
        for item in self.items:
            got = results.get(item)
            if got is None:
                got = results[item] = item.eval(ctx)
            ev.extend(got[1])
        return True, tuple(ev)  # repeats are dropped once, for the whole rule (rule_result)


def _exclusion(node: Node) -> bool:
    """A `not` of a text leaf."""
    return isinstance(node, NotNode) and node.item.text_leaf


class AnyNode(_Combinator):
    """``any: [...]``: at least one condition holds (evidence of the first that does)."""

    __slots__ = ()

    def _test(self, ctx: EvalContext) -> State:
        # the states are True, False or absent (None here): one C loop over the references
        if self.refs and any(map(ctx.rule_states.get, self.refs)):
            return True
        memo = ctx.memo
        for item, memoised in self.steps:
            if memoised:
                got = memo.get(item, _MISS)
                if got is _MISS:
                    got = memo[item] = item._test(ctx)
                if got:
                    return True
            elif item.test(ctx):
                return True
        return False

    def eval(self, ctx: EvalContext) -> Result:
        """True as soon as one item is True."""
        state = self.test(ctx)
        if not state:
            return _NO
        for item in self.items:
            if item.test(ctx):
                got = ctx.results.get(item)
                if got is None:
                    got = ctx.results[item] = item.eval(ctx)
                return got
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
        yes = 0
        left = len(self.items)
        for item in self.items:
            left -= 1
            if item.test(ctx):
                yes += 1
            if yes + left < self.n:
                return False
        return yes >= self.n

    def eval(self, ctx: EvalContext) -> Result:
        """Count; stop once the outcome is certain."""
        state = self.test(ctx)
        if not state:
            return _NO
        ev: list[Evidence] = []
        results = ctx.results
        for item in self.items:
            if item.test(ctx):
                got = results.get(item)
                if got is None:
                    got = results[item] = item.eval(ctx)
                ev.extend(got[1])
        return True, tuple(ev)  # repeats are dropped once, for the whole rule (rule_result)


class NotNode(Node):
    """``not: CONDITION``."""

    __slots__ = ("_ev", "_memoised", "cost", "item", "label", "test_cost")

    def __init__(self, item: Node, label: str) -> None:
        self.item = item
        self.label = label
        self.cost = item.cost
        self.test_cost = item.test_cost
        self._ev: Result = (True, (Evidence(leaf="not", value=label),))
        self._memoised = type(item).test is Node.test  # its memo is looked up here

    def test(self, ctx: EvalContext) -> State:
        """The negation of its item's (memoised) state: no memo of its own to keep."""
        item = self.item
        if self._memoised:
            memo = ctx.memo
            got = memo.get(item, _MISS)
            if got is _MISS:
                got = memo[item] = item._test(ctx)
            return not got
        return not item.test(ctx)

    def _test(self, ctx: EvalContext) -> State:
        return not self.item.test(ctx)

    def eval(self, ctx: EvalContext) -> Result:
        """Negate (the evidence of an absence names what was absent)."""
        return self._ev if self.test(ctx) else _NO

    def children(self) -> tuple[Node, ...]:
        """Sub-conditions."""
        return (self.item,)


class EvidenceAgainstNode(AnyNode):
    """``evidence_against: {except: [...]}``: some scoring rule of the pack held.

    Its items are ``rule:`` references to every stable rule of the pack with a positive weight
    (after overrides), except the listed ones and the rules that use ``evidence_against``
    themselves; the loader fills them in once the whole pack is known, so a rule a user adds
    to a pack counts without being listed anywhere."""

    __slots__ = ("_refers", "exempt")

    def __init__(self, exempt: tuple[str, ...]) -> None:
        super().__init__(())
        self.exempt = exempt
        self._refers: frozenset[str] = frozenset()

    def fill(self, rule_ids: Sequence[str]) -> None:
        """Refer to these rules (called by the loader, once)."""
        super().__init__([RuleRefNode(r) for r in rule_ids])
        self._refers = frozenset(rule_ids)

    def _test(self, ctx: EvalContext) -> State:
        """Some referenced rule held: the rules that held so far (a few) are picked from
        the states in C and looked up among the references, rather than each of the
        references (a hundred or more) looked up among the states."""
        states = ctx.rule_states
        return not self._refers.isdisjoint(compress(states, states.values()))


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
