"""``field:`` leaves and their operators (exists, compare, matches, hours, count, contains,
items)."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from ..models import Evidence, Span, trusted
from .base import _MAX_EVIDENCE, _NO, EvalContext, Node, Result, State
from .text import RegexNode


class FieldNode(Node):
    """``field: PATH`` plus operators: every operator must hold."""

    __slots__ = ("_get", "_one", "attrs", "path", "test_cost", "tests")

    def __init__(self, path: str, tests: Sequence[FieldTest]) -> None:
        self.path = path
        self.attrs = tuple(path.split("."))
        self.tests = tuple(tests)
        self.test_cost = 1
        # the first pass reads the value in C (AttributeError: the path runs through a
        # missing value, which is what the attribute loop of _value reads as None) and calls
        # a lone operator directly
        self._get = operator.attrgetter(path)
        self._one = self.tests[0] if len(self.tests) == 1 else None

    def _value(self, ctx: EvalContext) -> Any:
        return _at(ctx.msg, self.attrs)

    def _test(self, ctx: EvalContext) -> State:
        try:
            value = self._get(ctx.msg)
        except AttributeError:
            value = None
        path = self.path
        one = self._one
        if one is not None:
            return one.ok(value, ctx, path)
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
        return True, tuple(ev)  # repeats are dropped once, for the whole rule (rule_result)


class FieldTest:
    """One operator next to ``field:`` (or inside an item test)."""

    __slots__ = ()

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


def _field_evidence(path: str, value: str, pattern: str | None = None) -> Evidence:
    """``Evidence(leaf=f"field:{path}", field=path, value=value[, pattern=pattern])`` without
    validation (every value is a ``str``): the same object, a fraction of the cost."""
    fields = {"leaf": f"field:{path}", "text": None, "span": None, "field": path,
              "value": value, "pattern": pattern, "org_id": None}  # fmt: skip
    given = (
        {"leaf", "field", "value", "pattern"} if pattern is not None else {"leaf", "field", "value"}
    )
    return trusted(Evidence, fields, given)


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
        """Presence as wanted (:func:`_present`, inline: one call fewer)."""
        return (value is not None and value != "" and value != ()) == self.want

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Check presence."""
        present = _present(value)
        if present != self.want:
            return False, ()
        if not present:
            return True, (_field_evidence(path, "missing"),)
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


_OPS: dict[str, Any] = {
    "equals": operator.eq, "gt": operator.gt, "ge": operator.ge, "lt": operator.lt,
    "le": operator.le, "in": None,
}  # fmt: skip


class CompareTest(FieldTest):
    """``equals``/``gt``/``ge``/``lt``/``le``/``in`` on a scalar."""

    __slots__ = ("_fn", "op", "target")

    def __init__(self, op: str, target: Any) -> None:
        self.op = op
        self.target = target
        self._fn = _OPS.get(op, operator.le)  # what _cmp does for op, without its dispatch

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
            if self._fn is None:
                return value in self.target
            return bool(self._fn(value, self.target))
        except TypeError:
            return False

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Compare; a missing value never matches."""
        if not self.ok(value, ctx, path):
            return False, ()
        return True, (_field_evidence(path, _fmt(value)),)


class MatchesTest(FieldTest):
    """``matches: REGEX`` on a text field."""

    __slots__ = ("node",)

    def __init__(self, node: RegexNode) -> None:
        self.node = node

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
            got = ctx.found[key] = self.node.pattern.search(value) is not None
        return got

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Search the field's text."""
        if not self.ok(value, ctx, path):
            return False, ()
        return True, (_field_evidence(path, value, self.node.source),)


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
        return True, (_field_evidence(path, f"{_fmt(value)} ({hours:+.1f} h)"),)


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
            return True, (_field_evidence(path, f"count={n}"),)
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
        return not self.targets.isdisjoint(value)  # any(v in targets for v in value), in C

    def run(self, value: Any, ctx: EvalContext, path: str) -> tuple[bool, tuple[Evidence, ...]]:
        """Any of the targets is in the list."""
        if not isinstance(value, tuple):
            return False, ()
        hits = [v for v in value if v in self.targets]
        if not hits:
            return False, ()
        return True, (_field_evidence(path, _fmt(hits[0])),)


class ItemsTest(FieldTest):
    """``any: {...}`` / ``all: {...}`` over the items of a list."""

    __slots__ = ("_combos", "_desc", "_get", "_key", "mode", "tests")

    def __init__(self, mode: str, tests: Sequence[tuple[str, tuple[FieldTest, ...]]]) -> None:
        self.mode = mode
        self.tests = tuple((tuple(p.split(".")), p, t) for p, t in tests)
        # the paths an item's evidence shows (see _summary), split once
        self._desc = tuple(
            (p, tuple(p.split("."))) for p in ", ".join(p for p, _ in tests).split(", ")
        )
        self._combos, self._key = _value_combos(mode, self.tests)
        # the values at those paths of one item, read in C (a tuple per item, or one value)
        self._get = operator.attrgetter(*(".".join(a) for a in self._key)) if self._key else None

    def _item_ok(self, item: Any, ctx: EvalContext, path: str) -> bool:
        for attrs, _sub, tests in self.tests:
            value = item
            for a in attrs:  # _at, inline: this loop runs per item and per test
                value = getattr(value, a, None)
                if value is None:
                    break
            for t in tests:
                if not t.ok(value, ctx, path):
                    return False
        return True

    def needs_present(self) -> bool:
        """Both modes want a non-empty list."""
        return True

    def ok(self, value: Any, ctx: EvalContext, path: str) -> bool:
        """``any``: some item passes; ``all``: the list is non-empty and every item passes."""
        if not isinstance(value, tuple) or not value:
            return False
        combos = self._combos
        if combos is not None:
            # every item test an equals/in: some (any) or every (all) item's values are one of
            # the combinations allowed, read from the items' values, collected once per
            # message and paths (rules asking the same paths of the same list share them)
            key = (id(value), self._key)
            found = ctx.found
            seen = found.get(key)
            if seen is None:
                seen = found[key] = _item_values(value, self._key, self._get)
            if seen is not False:
                if self.mode == "any":
                    return not combos.isdisjoint(seen)
                return seen <= combos  # `all`: every item's values pass (the list is not empty)
        item_ok = self._item_ok
        if self.mode == "any":
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
        desc = self._desc
        good = None
        combos = self._combos
        if combos is not None:  # the items that pass, by their values (see ok)
            try:
                rows = _item_rows(value, self._key, self._get)
                good = [v for v, row in zip(value, rows, strict=True) if row in combos]
            except TypeError:  # an unhashable value: item by item
                good = None
        if good is None:
            good = [v for v in value if self._item_ok(v, ctx, path)]
        if self.mode == "any":
            if not good:
                return False, ()
            return True, tuple(
                _item_evidence(leaf, path, v, _summary(v, desc)) for v in good[:_MAX_EVIDENCE]
            )
        if len(good) == len(value):
            return True, tuple(
                _item_evidence(leaf, path, v, _summary(v, desc)) for v in value[:_MAX_EVIDENCE]
            )
        return False, ()


_MAX_COMBOS = 4_096  # value combinations an items test is read as, at most (else item by item)


def _value_combos(
    mode: str, tests: tuple[tuple[tuple[str, ...], str, tuple[FieldTest, ...]], ...]
) -> tuple[frozenset[tuple[Any, ...]] | None, tuple[tuple[str, ...], ...]]:
    """For items whose every test is ``equals`` or ``in``: the combinations of values (one
    per path, in order) that pass them all, and the paths; else ``(None, ())``. An item
    passes exactly when its values are one of them: a missing value (None) passes no
    comparison, so no combination holds None."""
    if not tests:
        return None, ()
    allowed: list[frozenset[Any]] = []
    for _, _, ts in tests:
        ok: frozenset[Any] | None = None
        for t in ts:
            if not isinstance(t, CompareTest) or t.op not in ("equals", "in"):
                return None, ()
            try:
                got = frozenset(t.target) if t.op == "in" else frozenset((t.target,))
            except TypeError:  # an unhashable target
                return None, ()
            ok = got if ok is None else ok & got
        if ok is None or None in ok:
            return None, ()
        allowed.append(ok)
    n = 1
    for a in allowed:
        n *= len(a)
    if n > _MAX_COMBOS:
        return None, ()
    return frozenset(itertools.product(*allowed)), tuple(attrs for attrs, _, _ in tests)


def _item_rows(
    items: tuple[Any, ...], paths: tuple[tuple[str, ...], ...], get: Any
) -> list[tuple[Any, ...]]:
    """The values at ``paths`` of each item, a tuple per item (None where a path breaks off)."""
    try:  # every path there on every item: read in C
        return list(map(get, items) if len(paths) > 1 else zip(map(get, items)))
    except AttributeError:  # a path through a missing value (org.kind with no org)
        return [tuple(_at(item, attrs) for attrs in paths) for item in items]


def _item_values(
    items: tuple[Any, ...], paths: tuple[tuple[str, ...], ...], get: Any
) -> frozenset[tuple[Any, ...]] | Literal[False]:
    """:func:`_item_rows` as a set; False when a value is not hashable (the items are then
    tested one by one)."""
    try:
        return frozenset(_item_rows(items, paths, get))
    except TypeError:
        return False


def _summary(item: Any, desc: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """``path=value`` of each path of ``desc`` (split once, see ItemsTest) for ``item``."""
    return ", ".join(f"{p}={_fmt(_at(item, attrs))}" for p, attrs in desc)


def _at(obj: Any, attrs: tuple[str, ...]) -> Any:
    """The value at the attribute path ``attrs`` of ``obj``; None where the path breaks off
    (a missing value on the way)."""
    for a in attrs:
        obj = getattr(obj, a, None)
        if obj is None:
            break
    return obj
