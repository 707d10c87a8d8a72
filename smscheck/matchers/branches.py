"""A long alternation searched one live branch at a time.

A rule pattern like ``借我…|垫付|…|打钱`` (dozens of alternatives) costs its engine the
whole alternation at every position of every message that has one of its literals, while a
message usually holds the literal of one or two alternatives only. An alternative whose
required literal is absent cannot match anywhere, so the alternation's matches are those of
the alternatives that remain; :class:`Branches` searches those separately and merges them the
way a leftmost-first alternation does: the earliest start wins, and of two matches starting
at the same place the one of the earlier alternative (which the alternation would have tried
first). The matches are the same as the whole pattern's, in the same order.

Only patterns whose top level is a plain alternation qualify: no global inline flag, no
back-reference or conditional (the alternatives are compiled apart), no verbose mode, and no
alternative that can match the empty string (so each match ends after it starts and the next
search starts at its end, as a ``finditer`` does). Each alternative runs on the whole
pattern's engine (:mod:`.engines`: the engines read ``\\b`` next to a Chinese character
differently, so mixing them could change a match), except an alternative of an RE2 pattern
that the backtracking engine provably runs in linear time and that uses nothing the two
engines read differently (:func:`same_on_both_engines`): it runs on the ``regex`` module,
whose search of a short alternative with a literal is several times cheaper than an RE2 call
in a busy process (measured: 2 against 7 µs a call in ``check``). After a few merged matches
the search goes on with the whole pattern from where it stands, so a message with many matches
costs no more searches than a constant number per alternative.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from .engines import GuardedRe2, Re2Pattern, compile_re2, pattern_pieces, pattern_structure
from .regex_analysis import _FLAGS, _std_parse, regex_facts

MIN_BRANCHES = 3  # fewer alternatives: the whole pattern is as cheap
# Splitting costs a Python-level search per live alternative (about 1-2 µs each): it pays only
# for a big RE2 program (its size: RE2's states per character, as :func:`..triggers.leaf_cost`
# counts them), whose DFA outgrows its memory budget, and with not too many live alternatives.
MIN_WORK = 4_500
MAX_LIVE = 32
_MERGED = 4  # matches merged from the alternatives before the whole pattern takes over

_NOT_SPLIT = regex.compile(
    r"\(\?[a-zA-Z^-]*\)"  # a global inline flag: (?i)
    r"|\(\?[a-zA-Z-]*x"  # verbose mode
    r"|\(\?\("  # a conditional
    r"|\(\?P[=>]|\(\?&|\(\?R|\(\?\d"  # back-reference, recursion
    r"|\\(?:[1-9]|g)"  # back-reference
)


def top_level_branches(pattern: str) -> list[str] | None:
    """The alternatives of ``pattern``'s top level as written, or None when it cannot be
    read here (unbalanced, or a construct :data:`_NOT_SPLIT` refuses)."""
    if _NOT_SPLIT.search(pattern):
        return None
    out: list[str] = []
    depth = start = 0
    for i, c in pattern_structure(pattern):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "[":  # a class left open
            return None
        elif depth == 0:  # "|"
            out.append(pattern[start:i])
            start = i + 1
    if depth:
        return None
    out.append(pattern[start:])
    return out


# Escapes the two engines read differently (\b, \B: ASCII in RE2; \Z, \z, \A, \G:
# anchors; \p, \P, \X, \N, and \d, \w (rewritten for RE2 as Unicode properties): Unicode
# tables of different versions, which differ at 90 digits and 22,122 word characters of
# recent scripts, checked code point by code point) or RE2 lacks. \s, \S agree everywhere.
_ENGINE_ESCAPES = frozenset("bBZzAGpPXNdDwW")
_SAME_FLAGS = frozenset({"dotall"})  # flags both engines read alike (RE2 gets them inline)


def same_on_both_engines(branch: str, flags: Sequence[str]) -> bool:
    """Does ``branch`` match the same spans on the ``regex`` module as on RE2 (after
    :func:`.engines.to_re2`)? True when it has no flag but ``dotall``, no ``$`` (RE2's
    matches only at the very end), no escape of :data:`_ENGINE_ESCAPES`, no group but
    ``(?:...)`` (no look-around, scoped flag or named group), and no nested class. ``\\s``
    is rewritten for RE2 into the ``regex`` module's own class (the same at every code
    point), ``^`` and ``.`` read alike, and both engines give the leftmost-first match."""
    if not _SAME_FLAGS.issuperset(flags):
        return False
    for i, piece, inside in pattern_pieces(branch):
        if piece[:1] == "\\":
            if piece[1:] == "" or piece[1] in _ENGINE_ESCAPES:
                return False
        elif inside:
            if piece in ("[", ""):
                return False  # a nested set or a POSIX class, or a class left open
        elif piece == "$" or (
            piece == "(" and branch[i + 1 : i + 2] == "?" and branch[i + 2 : i + 3] != ":"
        ):
            return False
    return True


def _never_empty(branch: str, flags: Sequence[str]) -> bool:
    tree = _std_parse(branch, flags, properties=True)
    return tree is not None and tree.getwidth()[0] > 0


class Branches:
    """The alternatives of one pattern, with the term keys each requires (None: none known)."""

    __slots__ = (
        "_always",
        "_compiled",
        "_flags",
        "_keys",
        "_masks",
        "_more",
        "engine",
        "sources",
    )

    def __init__(
        self,
        sources: Sequence[str],
        keys: Sequence[frozenset[str] | None],
        flags: Sequence[str],
        engine: str,
        more: Sequence[tuple[frozenset[str], ...]] = (),
    ) -> None:
        self.sources = tuple(sources)
        self.engine = engine  # the whole pattern's: "regex" or "re2"
        self._flags = tuple(flags)
        masks: dict[str, int] = {}
        always = 0
        for j, ks in enumerate(keys):
            if ks is None:
                always |= 1 << j
            else:
                for k in ks:
                    masks[k] = masks.get(k, 0) | 1 << j
        self._always = always
        self._masks = masks
        self._keys = frozenset(masks)
        # (bit, sets): an alternative that also needs a member of each of these sets (转|汇
        # and then 钱|款): live only when each has one among the terms present
        self._more = tuple((1 << j, sets) for j, sets in enumerate(more) if sets)
        self._compiled: tuple[Any, ...] | None = None  # compiled on first use

    @classmethod
    def of(
        cls, pattern: str, flags: Sequence[str], engine: str, work: int, add_term: Any
    ) -> Branches | None:
        """The split of ``pattern`` (run on ``engine``, ``work`` steps per character), or None
        when it does not qualify or would not pay: ``add_term`` registers a literal with the
        pack's term index and returns its key."""
        if "verbose" in flags or work < MIN_WORK:
            return None
        sources = top_level_branches(pattern)
        if sources is None or len(sources) < MIN_BRANCHES:
            return None
        keys: list[frozenset[str] | None] = []
        more: list[tuple[frozenset[str], ...]] = []
        for b in sources:
            if not _never_empty(b, flags):
                return None
            facts = regex_facts(b, flags)
            lits = facts.literals
            keys.append(frozenset(add_term(s) for s in lits) if lits else None)
            more.append(
                tuple(frozenset(add_term(s) for s in f) for f in facts.also) if lits else ()
            )
        if sum(k is not None for k in keys) < 2:
            return None
        return cls(sources, keys, flags, engine, more)

    def _compile(self) -> tuple[Any, ...] | None:
        """Each alternative on the whole pattern's engine, or on the ``regex`` module where
        that gives the same matches in linear time (:func:`same_on_both_engines`); None (and
        the whole pattern is used) when RE2 needs the look-behind guard for one, whose
        matches may differ."""
        f = 0
        for name in self._flags:
            f |= _FLAGS[name]
        out: list[Any] = []
        for b in self.sources:
            if self.engine == "regex" or (
                same_on_both_engines(b, self._flags) and regex_facts(b, self._flags).linear
            ):
                out.append(regex.compile(b, f))
                continue
            try:
                rx = compile_re2(b, self._flags)
            except ValueError:
                return None
            if isinstance(rx, GuardedRe2):
                return None
            out.append(rx)
        return tuple(out)

    def live(self, present: Any) -> int:
        """Bit mask of the alternatives that can match, given the term keys present."""
        live = self._always
        masks = self._masks
        for k in self._keys.intersection(present):
            live |= masks[k]
        for bit, sets in self._more:
            if live & bit:
                for terms in sets:
                    if present.isdisjoint(terms):
                        live ^= bit
                        break
        return live

    def finditer(self, text: str, present: Any, whole: Any) -> Iterator[Any]:
        """The matches ``whole.finditer(text)`` gives (``whole``: the whole pattern)."""
        live = self.live(present)
        if not live:
            return iter(())
        everyone = (1 << len(self.sources)) - 1
        if live == everyone or bin(live).count("1") > MAX_LIVE:
            return iter(whole.finditer(text))
        compiled = self._compiled
        if compiled is None:
            # one reference assignment (threads may both compile: the same result); () when
            # the alternatives cannot run apart: the whole pattern then, always
            compiled = self._compiled = self._compile() or ()
        if not compiled:
            return iter(whole.finditer(text))
        rxs = []
        while live:  # the live ones, in order
            low = live & -live
            rxs.append(compiled[low.bit_length() - 1])
            live ^= low
        if self.engine == "re2" and all(isinstance(rx, Re2Pattern) for rx in rxs):
            return _merged_re2(text, rxs, whole)
        return _merged(text, rxs, whole)

    def __getstate__(self) -> tuple[Any, ...]:
        return (
            self.sources, self._flags, self.engine, self._masks, self._keys, self._always,
            self._more,
        )  # fmt: skip

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        (self.sources, self._flags, self.engine, self._masks, self._keys, self._always,
         self._more) = state  # fmt: skip
        self._compiled = None


class _Span:
    __slots__ = ("_span",)
    lastgroup = None

    def __init__(self, span: tuple[int, int]) -> None:
        self._span = span

    def span(self) -> tuple[int, int]:
        return self._span


def _merged(text: str, rxs: list[Any], whole: Any) -> Iterator[Any]:
    """Leftmost-first merge of the alternatives' searches (none matches the empty string);
    each alternative is a ``regex`` pattern or an :class:`.engines.Re2Pattern` (both search
    from a character offset, the text before it read as context)."""
    heads: list[tuple[int, int] | None] = [None] * len(rxs)
    searched = [False] * len(rxs)
    pos = 0
    for _ in range(_MERGED):
        best: tuple[int, int] | None = None
        for j, rx in enumerate(rxs):
            h = heads[j]
            if not searched[j] or (h is not None and h[0] < pos):
                m = rx.search(text, pos)
                h = heads[j] = m.span() if m is not None else None
                searched[j] = True
            if h is not None and (best is None or h[0] < best[0]):
                best = h
        if best is None:
            return
        yield _Span(best)
        pos = best[1]
    yield from whole.finditer(text, pos)


def _merged_re2(text: str, rxs: list[Any], whole: Any) -> Iterator[Any]:
    """:func:`_merged` for RE2 alternatives (:class:`.engines.Re2Pattern`: its ``Match`` is
    called directly), on the text encoded once: byte offsets keep the order of character offsets, and only the matches yielded are
    mapped back to characters (forward, as :meth:`.engines.Re2Pattern.finditer` does)."""
    data = text.encode("utf-8", "surrogatepass")
    ascii_only = len(data) == len(text)
    end = len(data)
    calls = [(rx._c.Match, rx._anchor) for rx in rxs]  # RE2's own call, per alternative
    heads: list[tuple[int, int] | None] = [None] * len(rxs)
    searched = [False] * len(rxs)
    pos = 0  # bytes
    at_byte = at_char = 0
    for _ in range(_MERGED):
        best: tuple[int, int] | None = None
        for j, (match, anchor) in enumerate(calls):
            h = heads[j]
            if not searched[j] or (h is not None and h[0] < pos):
                s, e = match(anchor, data, pos, end)[0]
                h = heads[j] = (s, e) if s >= 0 else None
                searched[j] = True
            if h is not None and (best is None or h[0] < best[0]):
                best = h
        if best is None:
            return
        s, e = best
        if ascii_only:
            yield _Span(best)
        else:
            cs = at_char + len(data[at_byte:s].decode("utf-8", "surrogatepass"))
            ce = cs + len(data[s:e].decode("utf-8", "surrogatepass"))
            at_byte, at_char = e, ce
            yield _Span((cs, ce))
        pos = e
    yield from whole.finditer(text, e if ascii_only else at_char)


class AlternativeFilter:
    """A finer pre-filter for an alternation some of whose alternatives need several sets of
    words (``新[^。]{0,4}号`` needs 新 *and* 号; the pattern's own filter, the union over its
    alternatives, can only ask for one of them): the pattern cannot match unless one
    alternative finds a member of each of its sets."""

    __slots__ = ("_guards", "_keys", "_masks", "_ones", "multi", "single")

    def __init__(self, single: frozenset[str], multi: tuple[tuple[frozenset[str], ...], ...]):
        self.single = single  # the words of the alternatives that need one set only
        self.multi = multi  # the sets of each alternative that needs several
        # Each alternative of `multi` owns a field of bits, one per set and a guard bit above
        # them; a term sets the bits of the sets it is in. An alternative has a member of
        # each of its sets when its field is all ones, and adding 1 at the field's lowest bit
        # then carries into its guard: one addition tests every alternative at once.
        masks: dict[str, int] = {}
        ones = guards = 0
        at = 0
        for sets in multi:
            ones |= 1 << at
            for k, terms in enumerate(sets):
                for t in terms:
                    masks[t] = masks.get(t, 0) | 1 << (at + k)
            at += len(sets)
            guards |= 1 << at
            at += 1
        self._masks = masks
        self._keys = frozenset(masks)
        self._ones = ones
        self._guards = guards

    @classmethod
    def of(cls, pattern: str, flags: Sequence[str], add_term: Any) -> AlternativeFilter | None:
        """The filter of ``pattern``, or None when it would tell nothing more than the
        pattern's own (an alternative that needs no word, or none that needs two sets)."""
        if "verbose" in flags:
            return None
        sources = top_level_branches(pattern)
        if sources is None or len(sources) < 2:
            return None
        single: set[str] = set()
        multi: list[tuple[frozenset[str], ...]] = []
        for b in sources:
            facts = regex_facts(b, flags)
            if facts.literals is None:
                return None
            sets = tuple(frozenset(add_term(x) for x in s) for s in (facts.literals, *facts.also))
            if len(sets) == 1:
                single |= sets[0]
            else:
                multi.append(sets)
        return cls(frozenset(single), tuple(multi)) if multi else None

    def may_match(self, present: Any) -> bool:
        """Has some alternative a member of each of its sets among the term keys present?"""
        if self.single and not present.isdisjoint(self.single):
            return True
        hit = 0
        masks = self._masks
        for k in self._keys.intersection(present):
            hit |= masks[k]
        return bool((hit + self._ones) & self._guards)
