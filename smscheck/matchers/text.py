"""Text leaves: ``keywords``, ``near``, ``regex`` (and ``fuzzy``, a regex).

A match lying inside a clause the message warns against or denies ("我行不会要求您转账到安全
账户", "never share this code": :meth:`EvalContext.in_warning`) does not count, unless the leaf
says ``in_warnings: true`` (rules that look for the warnings themselves).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from ..models import Evidence
from .base import _MAX_EVIDENCE, _NO, EvalContext, Node, Result, State
from .branches import AlternativeFilter, Branches
from .engines import compile_re2

_PAIRS = 4_096  # A x B places compared pairwise; more go through the sorted search


class KeywordsNode(Node):
    """``text: {keywords: [...]}``: says which keyword matched, and where.

    A long list is looked up from the message's side: only the terms the scan found are
    visited (in list order), so a message costs the same with 10 keywords or 150,000."""

    __slots__ = ("_at", "in_warnings", "terms")
    test_cost = 1
    text_leaf = True

    def __init__(self, terms: Sequence[tuple[str, str, bool]], in_warnings: bool = False) -> None:
        self.terms = tuple(terms)  # (key, as written, exact case)
        self.in_warnings = in_warnings
        at: dict[str, list[int]] = {}
        for i, (key, _, _) in enumerate(self.terms):
            at.setdefault(key, []).append(i)
        self._at = {k: tuple(v) for k, v in at.items()}  # term key -> its places in the list

    def _present(self, occ: dict[str, tuple[int, ...]]) -> Iterable[tuple[str, str, bool]]:
        """The terms whose key occurs, in list order."""
        if len(occ) >= len(self.terms):
            return self.terms
        at = self._at
        places = sorted(i for key in occ if key in at for i in at[key])
        terms = self.terms
        return [terms[i] for i in places]

    def test(self, ctx: EvalContext) -> State:
        """A dictionary lookup per term: cheaper than the memo."""
        occ = ctx.occurrences
        anywhere = self.in_warnings
        for key, word, exact in self._present(occ):
            starts = occ.get(key)
            if not starts:
                continue
            if not exact and anywhere:
                return True
            text = ctx.text
            n = len(word)
            for s in starts:
                if (not exact or text[s : s + n] == word) and (
                    anywhere or not ctx.in_warning(s, s + n)
                ):
                    return True
        return False

    def eval(self, ctx: EvalContext) -> Result:
        """Look the terms up in the message's scan."""
        occ = ctx.occurrences
        ev: list[Evidence] = []
        for key, word, exact in self._present(occ):
            starts = occ.get(key)
            if not starts:
                continue
            for s in starts:
                if exact and ctx.text[s : s + len(word)] != word:
                    continue
                if not self.in_warnings and ctx.in_warning(s, s + len(word)):
                    continue
                ev.append(ctx.evidence("text.keywords", s, s + len(word), word))
                break
            if len(ev) >= _MAX_EVIDENCE:
                break
        return (True, tuple(ev)) if ev else _NO


class NearNode(Node):
    """``text: {near: [[A...], [B...]], within: N}``: a term of A and one of B close together."""

    __slots__ = ("a", "b", "in_warnings", "ordered", "within")
    test_cost = 2
    text_leaf = True

    def __init__(
        self,
        a: Sequence[tuple[str, str, bool]],
        b: Sequence[tuple[str, str, bool]],
        within: int,
        ordered: bool,
        in_warnings: bool = False,
    ) -> None:
        self.a, self.b, self.within, self.ordered = tuple(a), tuple(b), within, ordered
        self.in_warnings = in_warnings

    def _places(
        self, ctx: EvalContext, terms: Sequence[tuple[str, str, bool]]
    ) -> list[tuple[int, int, str]]:
        occ = ctx.occurrences
        out = []
        for key, word, exact in terms:
            for s in occ.get(key, ()):
                if (not exact or ctx.text[s : s + len(word)] == word) and (
                    self.in_warnings or not ctx.in_warning(s, s + len(word))
                ):
                    out.append((s, s + len(word), word))
        return out

    def _best(self, ctx: EvalContext) -> tuple[int, int, int, str, str] | None:
        a = self._places(ctx, self.a)
        if not a:
            return None
        b = self._places(ctx, self.b)
        if not b:
            return None
        if len(a) * len(b) > _PAIRS:
            return self._best_sorted(a, b)
        best: tuple[int, int, int, str, str] | None = None
        for sa, ea, wa in a:
            for sb, eb, wb in b:
                gap = self._gap(sa, ea, sb, eb)
                if gap is not None and gap <= self.within and (best is None or gap < best[0]):
                    best = (gap, min(sa, sb), max(ea, eb), wa, wb)
        return best

    def _gap(self, sa: int, ea: int, sb: int, eb: int) -> int | None:
        """Characters between the two terms (0 when they overlap); None when ``ordered`` and
        B does not come after A."""
        if sb >= ea:
            return sb - ea
        if self.ordered:
            return None
        return sa - eb if sa >= eb else 0

    def _best_sorted(
        self, a: list[tuple[int, int, str]], b: list[tuple[int, int, str]]
    ) -> tuple[int, int, int, str, str] | None:
        """What the pairwise loop of :meth:`_best` returns (the first pair, A-major in list
        order, with the smallest gap), in O((|A| + |B|) log |B|) for messages where both
        term lists occur thousands of times."""
        by_start = sorted((sb, eb) for sb, eb, _ in b)
        starts = [sb for sb, _ in by_start]
        ends_sorted = sorted(eb for _, eb, _ in b)
        prefix_max_end: list[int] = []  # max end of the B places with the k smallest starts
        top = -1
        for _, eb in by_start:
            top = max(top, eb)
            prefix_max_end.append(top)

        def nearest(sa: int, ea: int) -> int | None:
            gaps = []
            k = bisect.bisect_left(starts, ea)
            if k < len(starts):
                gaps.append(starts[k] - ea)
            if not self.ordered:
                j = bisect.bisect_right(ends_sorted, sa)
                if j:
                    gaps.append(sa - ends_sorted[j - 1])
                if k and prefix_max_end[k - 1] > sa:
                    gaps.append(0)  # a B place starts before A ends and ends after A starts
            return min(gaps) if gaps else None

        per_a = [nearest(sa, ea) for sa, ea, _ in a]
        found = [g for g in per_a if g is not None]
        if not found or min(found) > self.within:
            return None
        best_gap = min(found)
        sa, ea, wa = a[per_a.index(best_gap)]
        for sb, eb, wb in b:
            if self._gap(sa, ea, sb, eb) == best_gap:
                return (best_gap, min(sa, sb), max(ea, eb), wa, wb)
        raise AssertionError("unreachable: the nearest B place exists")  # pragma: no cover

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
    """``text: {regex: ...}``, skipped when its required literal is absent.

    No clock is involved: the compiler gives the pattern to the backtracking ``regex`` engine
    only when it proved the search linear in the text, otherwise to RE2 (see
    :mod:`.engines`), so a verdict never depends on the machine's speed or load.

    ``pattern`` may be given as ``(source, flags)`` (``regex`` flags, or for RE2 the tuple of
    flag names with ``engine="re2"``): it is then compiled on first use. Only the shipped packs
    are built that way (:meth:`RuleSet.default`), as the test suite compiles every one of their
    patterns; user rules are compiled at load, so a bad one is reported.
    """

    __slots__ = (
        "_rx",
        "_source",
        "also",
        "alternatives",
        "branches",
        "engine",
        "filters",
        "in_warnings",
        "leaf",
        "need",
        "rule_id",
        "test_cost",
        "words",
        "work",
    )  # fmt: skip
    cost = 3
    text_leaf = True

    def __init__(
        self,
        pattern: Any,
        filters: frozenset[str] | None,
        rule_id: str,
        leaf: str = "text.regex",
        words: tuple[str, ...] | None = None,
        also: tuple[frozenset[str], ...] = (),
        *,
        engine: str = "regex",
        source: tuple[str, Any] | None = None,
        work: int = 1,
        in_warnings: bool = False,
        branches: Branches | None = None,
        alternatives: AlternativeFilter | None = None,
    ) -> None:
        self.in_warnings = in_warnings
        self.alternatives = alternatives  # a finer pre-filter, by alternative
        self.branches = branches  # a long alternation, searched by its live alternatives
        if isinstance(pattern, tuple):
            self._rx: Any = None
            self._source: tuple[str, Any] = pattern
        else:
            self._rx = pattern
            self._source = source or (pattern.pattern, pattern.flags)
        self.engine = engine
        self.filters = filters
        self.also = also  # more term sets, each of which must have a member in the message
        # filters and also as a mask of the index's sets (TermIndex.need), given by the pack
        # (Pack.prepare) with the index it scans with; None: the sets are read
        self.need: int | None = None
        self.rule_id = rule_id
        self.leaf = leaf
        self.words = words  # fuzzy leaves: group k<i> matched words[i]
        self.work = work  # steps per character of text, at most (the pack's cost model)
        # A split alternation searches each live alternative apart (a Python-level call each):
        # it is dearer than one search, by about one call per alternative that may be live,
        # so all/any try it after conditions that cost a search or two.
        self.test_cost = (3 if filters is not None else 4) + (
            len(branches.sources) if branches is not None else 0
        )

    @property
    def source(self) -> str:
        """The pattern as written."""
        return self._source[0]

    @property
    def pattern(self) -> Any:
        """The compiled pattern (compiled now if it was deferred)."""
        return self._rx or self._compile()

    def _compile(self) -> Any:
        # Two threads may both compile: the same pattern, one reference assignment each.
        if self.engine == "re2":
            rx = self._rx = compile_re2(*self._source)
        else:
            rx = self._rx = regex.compile(*self._source)
        return rx

    def _test(self, ctx: EvalContext) -> State:
        """Search (up to three matches, kept for the evidence)."""
        if self.filters is not None:
            need = self.need
            if need is not None:
                groups = ctx._groups
                if groups is None:
                    groups = ctx.groups
                if groups & need != need:
                    return False
            else:
                present = ctx.present
                if present.isdisjoint(self.filters):
                    return False
                for terms in self.also:
                    if present.isdisjoint(terms):
                        return False
            alternatives = self.alternatives
            if alternatives is not None and not alternatives.may_match(ctx.present):
                return False
        found: list[tuple[int, int, str]] = []
        rx = self._rx or self._compile()
        branches = self.branches
        if branches is None:
            matches = rx.finditer(ctx.text)
        else:
            matches = branches.finditer(ctx.text, ctx.occurrences.keys(), rx)
        for m in matches:
            s, e = m.span()
            if (e == s and found) or (not self.in_warnings and ctx.in_warning(s, e)):
                continue
            shown = (
                self.words[int(m.lastgroup[1:])] if self.words and m.lastgroup else self._source[0]
            )
            found.append((s, e, shown))
            if len(found) >= 3:
                break
        if not found:
            return False
        ctx.found[id(self)] = found
        return True

    def eval(self, ctx: EvalContext) -> Result:
        """The matches the first pass found, as evidence."""
        state = self.test(ctx)
        if not state:
            return _NO
        leaf = self.leaf
        return True, tuple(ctx.evidence(leaf, s, e, shown) for s, e, shown in ctx.found[id(self)])
