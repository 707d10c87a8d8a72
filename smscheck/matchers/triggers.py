"""What must occur in a message for a condition to hold: the rule set's pre-filters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..models import ParsedMessage
from .base import AllNode, AnyNode, AtLeastNode, Node, RuleRefNode
from .fields import CompareTest, FieldNode, ItemsTest, MatchesTest, _present
from .registry_leaf import RegistryNode
from .text import KeywordsNode, NearNode, RegexNode


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


# a term key; ("field", path): the field is present; ("value", path, text): the field (a
# scalar, no lists on the way) equals that text
Fact = str | tuple[str, str] | tuple[str, str, str]


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
    ``sender.raw``, one of links (or a look-alike host) ``links``, one of phone numbers
    ``phone_numbers``. The rule set skips a rule none of whose
    facts hold, before evaluating anything.
    """
    if isinstance(node, (KeywordsNode, NearNode, RegexNode)):
        return trigger(node, {})
    if isinstance(node, RuleRefNode):
        return rule_reqs.get(node.rule_id)
    if isinstance(node, FieldNode):
        for t in node.tests:  # a value it must equal says more than presence
            texts = _equal_texts(t)
            if texts is not None:
                return frozenset(("value", node.path, v) for v in texts)
        if any(t.needs_present() for t in node.tests):
            return frozenset({("field", node.path)})
        return None
    if isinstance(node, RegistryNode):
        if node.check in ("sender_official", "sender_not_official"):
            return frozenset({("field", "sender.raw")})
        if node.check in ("link_official", "link_not_official", "link_lookalike"):
            return frozenset({("field", "links")})
        if node.check in ("phone_official", "phone_not_official"):
            return frozenset({("field", "phone_numbers")})
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


def _equal_texts(test: Any) -> frozenset[str] | None:
    """The texts a field must equal for ``test`` to hold (``equals: TEXT``, ``in: [TEXT…]``),
    or None."""
    if not isinstance(test, CompareTest):
        return None
    if test.op == "equals" and isinstance(test.target, str):
        return frozenset({test.target})
    if (
        test.op == "in"
        and isinstance(test.target, frozenset)
        and all(isinstance(v, str) for v in test.target)
    ):
        return test.target
    return None


Clauses = tuple[frozenset[Fact], ...]  # each set must have a member that holds
_MAX_CLAUSES = 6  # per rule: each one more test for a rule the index picked


def _fact_score(fact: Fact) -> int:
    """How rare a fact is, roughly: a term's length (a longer literal occurs less often); a
    present field or a field's value counts as a two-character term."""
    return len(fact) if isinstance(fact, str) else 2


def clause_score(clause: frozenset[Fact]) -> tuple[int, int, int]:
    """Higher is more selective: its commonest-looking fact, then fewer facts, then fewer
    one-letter ASCII terms (as :func:`.regex_analysis._score`)."""
    letters = sum(
        1 for f in clause if isinstance(f, str) and len(f) == 1 and f.isascii() and f.isalpha()
    )
    return (min((_fact_score(f) for f in clause), default=0), -len(clause), -letters)


def _ranked(found: Iterable[frozenset[Fact]]) -> Clauses:
    out: list[frozenset[Fact]] = []
    for c in sorted(set(found), key=lambda c: (clause_score(c), sorted(map(str, c))), reverse=True):
        if not any(kept <= c for kept in out):  # a superset of a kept clause tells nothing
            out.append(c)
    return tuple(out[:_MAX_CLAUSES])


def clauses(node: Node, rule_clauses: dict[str, Clauses], fields: bool = True) -> Clauses:
    """Sets of facts, each of which must have a member that holds for ``node`` to hold, the
    most selective first (empty when none is known).

    :func:`requirement` gives one such set; this gives all the tree shows: both term lists
    of a ``near``, every filtered child of an ``all``. The rule set indexes a rule by its
    best set of terms and tests the others before evaluating the rule, so a rule whose cheap
    required words are absent is skipped whatever order its conditions are written in.
    ``fields=False``: terms only (field and registry leaves need nothing).
    """
    if isinstance(node, KeywordsNode):
        return (frozenset(k for k, _, _ in node.terms),)
    if isinstance(node, NearNode):
        return _ranked((frozenset(k for k, _, _ in node.a), frozenset(k for k, _, _ in node.b)))
    if isinstance(node, RegexNode):
        return _ranked((node.filters, *node.also)) if node.filters is not None else ()
    if isinstance(node, RuleRefNode):
        return rule_clauses.get(node.rule_id, ())
    if isinstance(node, (FieldNode, RegistryNode)):
        req = requirement(node, {}) if fields else None
        return (req,) if req is not None else ()
    if isinstance(node, AllNode):
        return _ranked(c for item in node.items for c in clauses(item, rule_clauses, fields))
    if isinstance(node, (AnyNode, AtLeastNode)):
        subs = [clauses(c, rule_clauses, fields) for c in node.items]
        if not all(subs):
            return ()
        return (frozenset().union(*[s[0] for s in subs]),)
    return ()  # `not` can hold on anything


# ---- cost per message ------------------------------------------------------------------------

MAX_PACK_COST = 2_000_000  # steps per character of a message, for a whole pack


def leaf_cost(node: Node) -> int:
    """Steps per character of a message that ``node`` itself may take, at most (up to a
    constant): a regex leaf's bound from its engine (``regex``: the analysis's steps per start
    position; RE2: its program size, the NFA's states per character); keyword and near
    leaves read the pack's one shared term scan (1); field, registry and rule leaves do not
    read the text (0)."""
    if isinstance(node, RegexNode):
        return node.work
    if isinstance(node, FieldNode):
        return sum(t.node.work for t in node.tests if isinstance(t, MatchesTest)) + sum(
            x.node.work
            for t in node.tests
            if isinstance(t, ItemsTest)
            for _, _, tests in t.tests
            for x in tests
            if isinstance(x, MatchesTest)
        )
    if isinstance(node, (KeywordsNode, NearNode)):
        return 1
    return 0


def pack_cost(roots: Iterable[tuple[str, Node]]) -> tuple[int, list[tuple[int, str]]]:
    """Steps per character of a message for conditions ``(rule id, node)``, each shared node
    counted once, plus the term scan (1); and each rule's own share, costliest first."""
    seen: set[int] = set()
    total = 1
    per_rule: list[tuple[int, str]] = []
    for rule_id, root in roots:
        mine = 0
        for n in walk(root):
            if id(n) in seen:
                continue
            seen.add(id(n))
            mine += leaf_cost(n)
        total += mine
        per_rule.append((mine, rule_id))
    per_rule.sort(key=lambda x: -x[0])
    return total, per_rule
