"""Text leaves: ``keywords``, ``near``, ``regex`` (and ``fuzzy``, a regex)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..models import Evidence
from .base import _MAX_EVIDENCE, _NO, EvalContext, Node, Result, State, _unmet


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
