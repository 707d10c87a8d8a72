"""The term index: every literal of a pack, found in one pass over a message."""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .._text import fold_lower

try:
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover - no wheel for this platform: the pure-Python scan
    _ahocorasick = None

_MAX_OCCURRENCES = 10_000  # per term per message
# Follows a character in rank_by's dead ends: a noncharacter, which no message should hold (one
# that does finds the dead end, reported as None and dropped).
_NEVER = "\uffff"


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets must hold); İ and ı become i,
    as a case-insensitive regex equates them (see :func:`smscheck._text.fold_lower`)."""
    return fold_lower(text)


class TermIndex:
    """Every literal term of a pack; :meth:`scan` finds them all in one pass.

    Terms are matched case-insensitively (lower-cased text and terms); leaves that want exact
    case check the original text at each occurrence. Only ``keywords`` and ``near`` leaves read
    where a term occurs; a pre-filter (:meth:`add_filter`: the literals a regex requires) only
    asks whether it occurs, so its offsets are not collected (its value in :meth:`scan` is
    ``()``): the scan only collects the distinct terms found, and lists the offsets of the few
    terms leaves read them of. With ``pyahocorasick`` (a dependency;
    C code) one Aho-Corasick automaton finds every occurrence of every term in a single pass
    over the message, about 9 µs for a typical message and the zh-CN pack's 550 terms. Without
    it (a platform with no wheel), terms of two or more characters are indexed by their first
    two characters and the message's set of character pairs is intersected with that index in
    C (about four times slower): either way the cost depends on the message, not the terms.
    """

    __slots__ = (
        "_automaton", "_by_pair", "_groups", "_positional", "_rank", "_sets", "_shift", "_singles",
    )  # fmt: skip

    def __init__(self) -> None:
        # keyed by (first, second) character: zip() makes the message's pairs in C; the terms
        # of a pair are dict keys (an ordered set): adding is O(1) however many share a pair
        self._by_pair: dict[tuple[str, str], dict[str, None]] = {}
        self._singles: set[str] = set()
        self._positional: set[str] = set()  # keys whose offsets a leaf reads
        self._automaton: Any = None  # built on the first scan after the last add
        self._rank = ""  # characters, commonest first (see rank_by)
        # Sets of keys a pre-filter needs a member of (see :meth:`need`), numbered; and per
        # key, the bit mask of the sets it is in
        self._sets: dict[frozenset[str], int] = {}
        self._groups: dict[str, int] = {}  # the masks from bit `_shift` on (see use_table)
        self._shift = 0

    def add(self, term: str, *, positions: bool = True) -> str:
        """Register ``term``; return its key (the lower-cased term). ``positions=False``: only
        whether it occurs is read (see :meth:`add_filter`)."""
        # one object per key (interned): every filter, rule table and scan shares it, so a
        # lookup of a key the scan found in a filter's set or a table is decided by identity
        # and never reads a second copy of the text (measured: fewer cache misses per check)
        key = sys.intern(lower_same_length(term))
        if positions and key:
            self._positional.add(key)
        if len(key) == 1:
            self._singles.add(key)
        elif key:
            self._by_pair.setdefault((key[0], key[1]), {})[key] = None
        self._automaton = None
        return key

    def add_filter(self, term: str) -> str:
        """Register ``term`` as a pre-filter: :meth:`scan` tells whether it occurs (its value
        is ``()`` unless a leaf also registered it with :meth:`add` for its offsets)."""
        return self.add(term, positions=False)

    def need(self, sets: Iterable[frozenset[str]]) -> int:
        """The bit mask of ``sets`` (term keys), each numbered once: a pre-filter that needs a
        member of each of them holds when :meth:`groups` of the terms found covers it. One
        lookup per term found and a mask test per leaf replace a set intersection per leaf
        (each reading a table of the leaf's own: measured fewer cache misses per check)."""
        bits = 0
        for keys in sets:
            bit = self._sets.get(keys)
            if bit is None:
                bit = self._sets[keys] = 1 << len(self._sets)
                groups = self._groups
                for k in keys:
                    groups[k] = groups.get(k, 0) | bit << self._shift
            bits |= bit
        return bits

    def group_masks(self) -> dict[str, int]:
        """Per term key, the mask of the sets of :meth:`need` it is in."""
        shift = self._shift
        if not shift:
            return dict(self._groups)
        return {k: v >> shift for k, v in self._groups.items() if v >> shift}

    def use_table(self, table: dict[str, int], shift: int) -> None:
        """Keep the masks of :meth:`group_masks` in ``table`` (a rule set's table of terms,
        holding them from bit ``shift`` on, and other facts below it) rather than apart: one
        table in memory and in a pickled pack."""
        self._groups = table
        self._shift = shift

    def groups(self, found: Iterable[str]) -> int:
        """The sets of :meth:`need` that have a member among the keys ``found``, as a mask."""
        out = 0
        get = self._groups.get
        for key in found:
            out |= get(key, 0)
        return out >> self._shift

    def rank_by(self, sample: str) -> None:
        """Order the automaton's first step by how often each character occurs in ``sample``
        (text like the messages scanned: a pack's examples). Speed only, never what a scan
        finds: the automaton looks a character up among the first characters of the terms one
        by one, in the order they were added, so the commonest go first, and a common
        character that starts no term gets a place too (a dead end, reporting nothing) where
        it would otherwise be compared with every one of them. Characters seen once are left
        out: a rare one costs the same either way."""
        counts = Counter(lower_same_length(sample))
        self._rank = "".join(
            c for c, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if n > 1
        )
        self._automaton = None

    def terms(self) -> list[str]:
        """Every term key."""
        return [*self._singles, *(t for ts in self._by_pair.values() for t in ts)]

    def scan(self, low: str) -> dict[str, tuple[int, ...]]:
        """Return ``{term key: start offsets}`` for every term occurring in ``low`` (``()``
        for a pre-filter, whose offsets no leaf reads)."""
        if _ahocorasick is None:
            return self.scan_pairs(low)
        automaton = self._automaton
        if automaton is None:
            automaton = self._automaton = self._build()
        if automaton is False:  # no terms
            return {}
        # the distinct keys found (a set: a term occurring 40 times costs one entry)
        keys = {key for _, key in automaton.iter(low)}
        keys.discard(None)  # a dead end of rank_by
        empty: tuple[int, ...] = ()
        found = dict.fromkeys(keys, empty)
        for key in self._positional.intersection(found):
            found[key] = _find_all(low, key)
        return found

    def scan_pairs(self, low: str) -> dict[str, tuple[int, ...]]:
        """:meth:`scan` without the automaton (the fallback, and its reference in tests)."""
        found: dict[str, tuple[int, ...]] = {}
        positional = self._positional
        if self._by_pair and len(low) > 1:
            pairs = set(itertools.pairwise(low))
            for pair in pairs.intersection(self._by_pair):
                for term in self._by_pair[pair]:
                    if term in positional:
                        starts = _find_all(low, term)
                        if starts:
                            found[term] = starts
                    elif term in low:
                        found[term] = ()
        if self._singles:
            for ch in self._singles.intersection(low):
                found[ch] = _find_all(low, ch) if ch in positional else ()
        return found

    def _build(self) -> Any:
        """The automaton of every term, each reporting its key; False when there is none."""
        assert _ahocorasick is not None
        terms = self.terms()
        if not terms:
            return False
        by_first: dict[str, list[str]] = {}
        for t in terms:
            by_first.setdefault(t[0], []).append(t)
        automaton = _ahocorasick.Automaton()
        for c in self._rank:  # the commonest characters first (rank_by)
            starting = by_first.pop(c, None)
            if starting is None:
                automaton.add_word(c + _NEVER, None)  # a dead end: c then a character no text has
            else:
                for t in starting:
                    automaton.add_word(t, t)
        for starting in by_first.values():
            for t in starting:
                automaton.add_word(t, t)
        automaton.make_automaton()
        return automaton

    def __getstate__(self) -> tuple[Any, ...]:
        # the automaton is rebuilt (a few ms for a shipped pack) on first use
        return (self._by_pair, self._singles, self._positional, self._rank, self._sets,
                self._groups, self._shift)  # fmt: skip

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        (self._by_pair, self._singles, self._positional, self._rank, self._sets,
         self._groups, self._shift) = state  # fmt: skip
        self._automaton = None

    def __len__(self) -> int:
        return len(self._singles) + sum(len(v) for v in self._by_pair.values())


def _find_all(text: str, term: str) -> tuple[int, ...]:
    out: list[int] = []
    i = text.find(term)
    while i >= 0 and len(out) < _MAX_OCCURRENCES:
        out.append(i)
        i = text.find(term, i + 1)
    return tuple(out)
