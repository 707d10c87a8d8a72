"""What must occur in a message for a condition to hold: the rule set's pre-filters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..models import ParsedMessage
from .base import AllNode, AnyNode, AtLeastNode, Node, RuleRefNode
from .fields import FieldNode, _present
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
