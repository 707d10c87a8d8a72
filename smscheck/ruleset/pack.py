"""Compiled rules and packs: a pack's settings, its rules in evaluation order, and the
indexes that pick the rules a message can trigger."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import reduce
from itertools import compress, repeat
from operator import or_
from typing import Any

from .. import matchers as m
from ..models import Localized, ParsedMessage
from ..schema import (
    BUILTIN_CATEGORIES,
)
from .deps import _order
from .templates import Template

_Path = tuple[str | int, ...]

# Examples without `received_at` are checked as if received at this moment, so they never
# depend on the wall clock.
EXAMPLE_TIME = datetime(2025, 1, 15, 10, 0, tzinfo=timezone(timedelta(hours=8)))
DEFAULT_THRESHOLDS = (3.0, 6.0)
MAX_FILES = 5_000

# ---- compiled rules and packs --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    """One example message of a rule, with where it was written."""

    kind: str  # "hit" or "miss"
    index: int
    text: str
    sender: str | None
    received_at: datetime | None
    locale: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled rule."""

    id: str
    category: str
    weight: float
    description: Localized
    reason: dict[str, Template]
    when: m.Node
    status: str = "stable"
    tags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    absorb: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()  # rule ids its condition refers to
    examples: tuple[Example, ...] = ()
    path: str = "<string>"
    line: int | None = None
    locale: str = "zh-CN"
    disabled: bool = False

    @property
    def active(self) -> bool:
        """Produces hits (not deprecated, not disabled by an override)."""
        return not self.disabled and self.status != "deprecated"


@dataclass(slots=True)
class PackSettings:
    """A pack's settings (from pack.yaml, a rule file's ``pack:``, or defaults)."""

    name: str
    locale: str
    thresholds: tuple[float, float] = DEFAULT_THRESHOLDS
    caps: dict[str, float] = field(default_factory=dict)
    categories: dict[str, Localized | None] = field(default_factory=dict)
    advice: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    hotline: tuple[Template, Template] | None = None
    path: str = "<defaults>"
    line: int | None = None

    def __post_init__(self) -> None:
        for c in BUILTIN_CATEGORIES:
            self.categories.setdefault(c, None)


@dataclass(slots=True)
class Pack:
    """Settings, rules (in evaluation order) and the shared term index of one locale."""

    settings: PackSettings
    rules: dict[str, Rule] = field(default_factory=dict)
    index: m.TermIndex = field(default_factory=m.TermIndex)
    order: tuple[Rule, ...] = ()  # dependency order, only rules that need evaluating
    always: tuple[int, ...] = ()  # positions in `order` of rules without a trigger
    by_term: dict[str, tuple[int, ...]] = field(default_factory=dict)  # term -> positions
    # identical conditions compiled once (see matchers.Compiler.interned)
    interned: dict[Any, m.Node] = field(default_factory=dict)
    nodes: dict[str, m.Node] = field(default_factory=dict)  # rule id -> condition, `order` only
    _always_mask: int = 0  # `always` and `by_term` as bit masks over positions in `order`
    _term_masks: dict[str, int] = field(default_factory=dict)
    # Second filter (see matchers.clauses): every other set of facts (terms, or fields that
    # are present) one of which must hold for a rule to hold, numbered; which of them a term
    # or a present field satisfies, as bit masks over those numbers; and the sets each rule
    # (by position in `order`) needs.
    _clause_terms: dict[str, int] = field(default_factory=dict)
    # (attribute names of the path, sets, rules needing one)
    _clause_fields: tuple[tuple[tuple[str, ...], int, int], ...] = ()
    _needs: tuple[int, ...] = ()
    # term -> both masks and the pre-filter sets it is in, as one number: the rules it picks
    # in the low `_held_at` bits, then the sets it satisfies, then from `_groups_at` on the
    # regex pre-filters' sets (matchers.TermIndex.need)
    _term_table: dict[str, int] = field(default_factory=dict)
    _held_at: int = 0
    _groups_at: int = 0
    # (attribute names of the path, text -> sets its value satisfies, all those sets, rules
    # needing one): fields a rule needs to equal a text (`equals:`, `in:`)
    _clause_values: tuple[tuple[tuple[str, ...], dict[str, int], int, int], ...] = ()
    _top: int = 1  # 1 << len(order): the mask's leading digit
    _last_first: range = range(0)  # the positions in `order`, last first
    # Steps per character a message may cost, at most (see matchers.pack_cost), and each
    # rule's share, costliest first: `smscheck lint` prints them; loading refuses a pack above
    # matchers.MAX_PACK_COST.
    cost: int = 0
    rule_costs: tuple[tuple[int, str], ...] = ()

    def prepare(self) -> None:
        """Fix the evaluation order and index the rules by the terms that can trigger them."""
        self.order = _order(self)
        # the term scan looks the commonest characters up first: those of the pack's examples
        self.index.rank_by("".join(e.text for r in self.rules.values() for e in r.examples))
        total, per_rule = m.pack_cost((r.id, r.when) for r in self.order)
        self.cost, self.rule_costs = total, tuple(per_rule)
        self.nodes = {r.id: r.when for r in self.order}
        for r in self.rules.values():  # regex pre-filters as masks of the index's term sets
            for node in m.walk(r.when):
                if isinstance(node, m.RegexNode) and node.filters is not None and node.need is None:
                    node.need = self.index.need((node.filters, *node.also))
        always: list[int] = []
        by_term: dict[str, list[int]] = {}
        by_terms: dict[str, m.Clauses] = {}
        by_facts: dict[str, m.Clauses] = {}
        reqs: dict[str, frozenset[m.Fact] | None] = {}
        numbered: dict[frozenset[m.Fact], int] = {}
        needs: list[int] = []
        for i, rule in enumerate(self.order):
            t_cl = by_terms[rule.id] = m.clauses(rule.when, by_terms, fields=False)
            f_cl = by_facts[rule.id] = m.clauses(rule.when, by_facts)
            req = reqs[rule.id] = m.requirement(rule.when, reqs)
            # indexed by its most selective set of terms; its other sets are tested per message
            t = t_cl[0] if t_cl else None
            if t is None:
                always.append(i)
            else:
                for term in t:
                    assert isinstance(term, str)
                    by_term.setdefault(term, []).append(i)
            bits = 0
            for c in (*t_cl, *f_cl, *((req,) if req is not None else ())):
                if c != t:
                    bits |= 1 << numbered.setdefault(c, len(numbered))
            needs.append(bits)
        self.always = tuple(always)
        self.by_term = {k: tuple(v) for k, v in by_term.items()}
        self._always_mask = sum(1 << i for i in self.always)
        self._term_masks = {k: sum(1 << i for i in v) for k, v in self.by_term.items()}
        terms: dict[str, int] = {}
        paths: dict[str, int] = {}
        values: dict[str, dict[str, int]] = {}
        for c, n in numbered.items():
            for f in c:
                if isinstance(f, str):
                    terms[f] = terms.get(f, 0) | 1 << n
                elif len(f) == 3:  # ("value", path, text)
                    table = values.setdefault(f[1], {})
                    table[f[2]] = table.get(f[2], 0) | 1 << n
                else:
                    paths[f[1]] = paths.get(f[1], 0) | 1 << n
        self._clause_terms = terms
        # both term tables and the regex pre-filters' term sets (matchers.TermIndex.need) in
        # one, for a single pass over the terms a message holds
        held_at = self._held_at = len(self.order)
        groups_at = self._groups_at = held_at + len(numbered)
        both: dict[str, int] = dict(self._term_masks)
        for k, v in terms.items():
            both[k] = both.get(k, 0) | v << held_at
        for k, v in self.index.group_masks().items():
            both[k] = both.get(k, 0) | v << groups_at
        self._term_table = both
        self.index.use_table(both, groups_at)
        self._clause_fields = tuple(
            (tuple(path.split(".")), bits, sum(1 << i for i, n in enumerate(needs) if n & bits))
            for path, bits in sorted(paths.items())
        )
        self._clause_values = tuple(
            (tuple(path.split(".")), table, _or(table.values()),
             sum(1 << i for i, n in enumerate(needs) if n & _or(table.values())))
            for path, table in sorted(values.items())
        )  # fmt: skip
        self._needs = tuple(needs)
        self._top = 1 << len(self.order)
        self._last_first = range(len(self.order) - 1, -1, -1)

    def candidates(
        self,
        occurrences: Mapping[str, object],
        msg: ParsedMessage | None = None,
        ctx: m.EvalContext | None = None,
    ) -> list[Rule]:
        """Rules that can hold given the terms found (and, with ``msg``, the fields present),
        in evaluation order. With ``ctx`` (evaluating the message), the pass over the terms
        found also gives it :attr:`.matchers.EvalContext.groups`."""
        picked = self._always_mask
        held = 0
        table = self._term_table
        if len(occurrences) < len(table):
            # one OR per term found, all in C
            got = reduce(or_, map(table.get, occurrences, repeat(0)), 0)
            held_at = self._held_at
            groups_at = self._groups_at
            picked |= got & (1 << held_at) - 1
            held = got >> held_at & (1 << groups_at - held_at) - 1
            if ctx is not None:
                ctx.groups = got >> groups_at
        else:
            picked |= _union(self._term_masks, occurrences)
            held = _union(self._clause_terms, occurrences)
        for attrs, bits, rules in self._clause_fields:
            # a field is looked at only for rules picked that need one of its sets
            if rules & picked and bits & ~held and (msg is None or _field_present(msg, attrs)):
                held |= bits
        for attrs, texts, bits, rules in self._clause_values:
            if rules & picked:
                if msg is None:
                    held |= bits
                else:
                    value = _field_value(msg, attrs)
                    if type(value) is str:
                        held |= texts.get(value, 0)
                    elif value is not None:  # not a plain text (a str enum hashes apart)
                        held |= bits
        # The rules picked, selected in C: the binary digits of the mask (a leading 1 fixes
        # their number: position n-1 first) as bytes 0/1 select from the positions, last
        # first. Selecting positions rather than the rules themselves leaves the rules not
        # picked untouched (a selection from the rules reads every one of them: measured
        # more cache misses per check with a few hundred rules).
        flags = bin(picked | self._top)[3:].encode("ascii").translate(_BITS)
        order = self.order
        needs = self._needs
        # a rule needs every set of its mask held: n & held == n (against ~held, a negative
        # number, each AND also complements it: measured dearer)
        out = [order[i] for i in compress(self._last_first, flags) if (n := needs[i]) & held == n]
        out.reverse()
        return out


_BITS = bytes.maketrans(b"01", b"\x00\x01")


def _field_present(msg: ParsedMessage, attrs: tuple[str, ...]) -> bool:
    """:func:`.matchers.field_present` of the path split into ``attrs``.

    It walks the path itself rather than calling :func:`_field_value`: candidate selection
    runs it for every field clause of every message, and the extra call measured +3.7 %
    instructions per check on bench/corpus.jsonl."""
    value: Any = msg
    for a in attrs:
        value = getattr(value, a, None)
        if value is None:
            return False
    return bool(value != "" and value != ())


def _field_value(msg: ParsedMessage, attrs: tuple[str, ...]) -> Any:
    """The value at the path split into ``attrs`` (None when missing)."""
    value: Any = msg
    for a in attrs:
        value = getattr(value, a, None)
        if value is None:
            return None
    return value


def _or(masks: Iterable[int]) -> int:
    out = 0
    for bits in masks:
        out |= bits
    return out


def _union(masks: Mapping[Any, int], present: Mapping[str, object]) -> int:
    """OR of the masks of the keys present (iterating over the smaller side)."""
    out = 0
    if len(present) < len(masks):
        for key in present:
            bits = masks.get(key)
            if bits:
                out |= bits
    else:
        for key, bits in masks.items():
            if key in present:
                out |= bits
    return out
