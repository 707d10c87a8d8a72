"""Every parser and rule pattern against pumped inputs: is its time per character flat?

    python bench/linearity.py                    # parser + rule patterns + whole check()
    python bench/linearity.py --only parser      # or: rules, check
    python bench/linearity.py --static           # the static analysis alone (no timing)

For each pattern (the module-level compiled regexes of ``smscheck/parser`` and
``smscheck/_text.py``, their compiled-on-first-use ones, and every regex of the shipped rule
packs and registry, found by walking the loaded :class:`RuleSet` for compiled patterns), the
pumping strings are built from the pattern's own pieces: every literal run and one or two
members of every character class it contains, each repeated alone and in pairs, with and
without the pattern's leading literal in front. Each string is scanned (``finditer``, as the
parser does) at 1×, 10× and 100× its base length; the growth printed is the time per
character at 100× over that at 10× (1.0 is linear; a quadratic pattern shows about 10). A
pattern is named when its growth is over ``--flat`` (default 3) or a run does not finish
within ``--timeout`` seconds (each pattern runs in a child process that is killed then).
Finally ``check()`` itself runs on pumped strings of the same pieces.

The static analysis (:func:`static_risks`, also run by ``tests/test_properties.py``) reads
the ``sre_parse`` tree of a pattern and names every place where backtracking can take more
than linear time:

- ``nested``: a repeated group holding an unbounded repeat, unless one character of the group
  (matched once per round, by nothing else in it) fixes where each round starts;
- ``alternation``: a repeated group whose words do not split text one way only (checked with
  the Sardinas–Patterson test over the group's finite language, classes as sets);
- ``adjacent``: two unbounded repeats with overlapping classes, only optional items between
  (``\\d+\\.?\\d*``): a failing match tries every split of the run, quadratic per start;
- ``scan`` (reported, not an error): a match can begin anywhere inside a run of a repeated
  class with no look-behind guard, so a scan restarts in the run: quadratic when matches fail
  at the run's end.

Possessive repeats and atomic groups never give back what they took and are not counted.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import inspect
import itertools
import multiprocessing
import pkgutil
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's smscheck

from smscheck.matchers.regex_analysis import _sc, _sp  # the stdlib's private regex parser

# ---------------------------------------------------------------------- character sets
# A set of code points: a sorted tuple of disjoint inclusive ranges.

Ranges = tuple[tuple[int, int], ...]
_MAX = 0x10FFFF
_ALL: Ranges = ((0, _MAX),)
_NONE: Ranges = ()


def _norm(rs: list[tuple[int, int]]) -> Ranges:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(rs):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return tuple(out)


def _and(a: Ranges, b: Ranges) -> Ranges:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def _not(a: Ranges) -> Ranges:
    out, at = [], 0
    for lo, hi in a:
        if lo > at:
            out.append((at, lo - 1))
        at = hi + 1
    if at <= _MAX:
        out.append((at, _MAX))
    return tuple(out)


def _or(*sets: Ranges) -> Ranges:
    return _norm([r for s in sets for r in s])


@functools.cache
def _category(name: str, ascii_only: bool) -> Ranges:
    """The code points of \\d, \\s, \\w (and negations) as ``re`` defines them."""
    test: Callable[[str], bool] = {
        "DIGIT": str.isdecimal,
        "SPACE": str.isspace,
        "WORD": lambda c: c.isalnum() or c == "_",
        "LINEBREAK": lambda c: c in "\n",
    }[name]
    top = 0x7F if ascii_only else _MAX
    out: list[tuple[int, int]] = []
    start = None
    for cp in range(top + 2):
        inside = cp <= top and test(chr(cp))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            out.append((start, cp - 1))
            start = None
    return tuple(out)


def _cat_set(code: Any, ascii_only: bool) -> Ranges:
    name = str(code).replace("CATEGORY_", "").replace("UNI_", "").replace("LOC_", "")
    negate = name.startswith("NOT_")
    base = _category(name.removeprefix("NOT_"), ascii_only)
    return _not(base) if negate else base


def _case_variants(rs: Ranges, ascii_only: bool) -> Ranges:
    """Add the other cases of the letters in ``rs`` (IGNORECASE; ASCII letters only under
    re.ASCII); wide ranges are kept as they are (they hold both cases in practice)."""
    extra: list[tuple[int, int]] = []
    for lo, hi in rs:
        if hi - lo > 5000:
            continue
        for cp in range(lo, min(hi, 0x7F) + 1 if ascii_only else hi + 1):
            c = chr(cp)
            for v in {c.lower(), c.upper(), c.swapcase(), c.casefold()}:
                if len(v) == 1 and (not ascii_only or v.isascii()):
                    extra.append((ord(v), ord(v)))
            if not ascii_only and c in "sSkKiI":  # ſ, the Kelvin sign, İ/ı fold to these
                extra += [(0x17F, 0x17F), (0x212A, 0x212A), (0x130, 0x131)]
    return _or(rs, _norm(extra))


# ---------------------------------------------------------------------- the sre tree


@dataclass(frozen=True)
class Flags:
    ignorecase: bool
    ascii: bool


def _seq(items: Any) -> list[tuple[Any, Any]]:
    return list(items.data if hasattr(items, "data") else items)


def _unbounded(hi: Any, big: int = 100) -> bool:
    return hi is _sc.MAXREPEAT or hi >= big


def _char_set(op: Any, av: Any, fl: Flags) -> Ranges | None:
    """The characters a one-character item matches, or None if ``op`` is not one."""
    if op is _sc.LITERAL:
        s: Ranges = ((av, av),)
    elif op is _sc.NOT_LITERAL:
        s = _not(((av, av),))
    elif op is _sc.ANY:
        s = _ALL
    elif op is _sc.CATEGORY:
        s = _cat_set(av, fl.ascii)
    elif op is _sc.IN:
        parts: list[Ranges] = []
        negate = False
        for sop, sav in av:
            if sop is _sc.NEGATE:
                negate = True
            elif sop is _sc.LITERAL:
                parts.append(((sav, sav),))
            elif sop is _sc.RANGE:
                parts.append(((sav[0], sav[1]),))
            elif sop is _sc.CATEGORY:
                parts.append(_cat_set(sav, fl.ascii))
            else:  # CHARSET / BIGCHARSET (compiled forms): anything, to be safe
                parts.append(_ALL)
        s = _or(*parts)
        if negate:
            s = _not(_case_variants(s, fl.ascii) if fl.ignorecase else s)
            return s
    else:
        return None
    return _case_variants(s, fl.ascii) if fl.ignorecase else s


def _sub_flags(av: Any, fl: Flags) -> Flags:
    add, rem = av[1], av[2]
    ic = (fl.ignorecase or bool(add & re.IGNORECASE)) and not (rem & re.IGNORECASE)
    asc = (fl.ascii or bool(add & re.ASCII)) and not (rem & re.ASCII)
    return Flags(ic, asc)


_REPEATS = (_sc.MAX_REPEAT, _sc.MIN_REPEAT)
_POSSESSIVE = getattr(_sc, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(_sc, "ATOMIC_GROUP", None)
_LOOKS = (_sc.ASSERT, _sc.ASSERT_NOT)


FLAGS0 = Flags(False, False)  # for questions where case does not matter (is there a run?)


class _Tree:
    """Set computations over one parsed pattern."""

    def chars(self, items: Any, fl: Flags) -> Ranges:
        """Every character any part of ``items`` can consume."""
        out: list[Ranges] = []
        for op, av in _seq(items):
            one = _char_set(op, av, fl)
            if one is not None:
                out.append(one)
            elif op in _REPEATS or op is _POSSESSIVE:
                out.append(self.chars(av[2], fl))
            elif op is _sc.SUBPATTERN:
                out.append(self.chars(av[3], _sub_flags(av, fl)))
            elif op is _ATOMIC:
                out.append(self.chars(av, fl))
            elif op is _sc.BRANCH:
                out += [self.chars(b, fl) for b in av[1]]
            elif op is _sc.GROUPREF_EXISTS:
                out += [self.chars(b, fl) for b in av[1:] if b is not None]
            elif op is _sc.GROUPREF:
                out.append(_ALL)
        return _or(*out)

    def nullable(self, items: Any) -> bool:
        for op, av in _seq(items):
            if op in _REPEATS or op is _POSSESSIVE:
                if av[0] > 0 and not self.nullable(av[2]):
                    return False
            elif op is _sc.SUBPATTERN:
                if not self.nullable(av[3]):
                    return False
            elif op is _ATOMIC:
                if not self.nullable(av):
                    return False
            elif op is _sc.BRANCH:
                if not any(self.nullable(b) for b in av[1]):
                    return False
            elif op is _sc.GROUPREF_EXISTS or op in _LOOKS or op is _sc.AT:
                continue
            else:
                return False
        return True

    def loops(self, items: Any, fl: Flags, *, leading: bool, give_back: bool) -> Ranges:
        """Characters of the unbounded repeats that can be running at the start (``leading``)
        or end of a match of ``items``; with ``give_back`` only those that can return what
        they took (not possessive, not atomic)."""
        seq = _seq(items)
        out: list[Ranges] = []
        for op, av in seq if leading else reversed(seq):
            if op in _REPEATS or op is _POSSESSIVE:
                _lo, hi, body = av
                if not (give_back and op is _POSSESSIVE):
                    inner, ifl = _flatten(body, fl)
                    if _unbounded(hi) and len(inner) == 1 and _char_set(*inner[0], ifl):
                        out.append(self.chars(inner, ifl))  # a run of one class: \d+, (?:\s)*
                    # A repeated group gives back whole rounds: a following repeat restarts
                    # at a round's boundary, so only the repeats inside a round count.
                    out.append(self.loops(body, fl, leading=leading, give_back=give_back))
            elif op is _sc.SUBPATTERN:
                out.append(
                    self.loops(av[3], _sub_flags(av, fl), leading=leading, give_back=give_back)
                )
            elif op is _ATOMIC:
                if not give_back:
                    out.append(self.loops(av, fl, leading=leading, give_back=give_back))
            elif op is _sc.BRANCH:
                out += [self.loops(b, fl, leading=leading, give_back=give_back) for b in av[1]]
            if not self.nullable([(op, av)]):
                break
        return _or(*out)

    def has_loop(self, items: Any) -> bool:
        """An unbounded repeat that gives back (not possessive) anywhere in ``items``."""
        for op, av in _seq(items):
            if op in _REPEATS:
                if _unbounded(av[1]) or self.has_loop(av[2]):
                    return True
            elif op is _sc.SUBPATTERN:
                if self.has_loop(av[3]):
                    return True
            elif op is _sc.BRANCH and any(self.has_loop(b) for b in av[1]):
                return True
        return False

    # ---- finite languages as strings of character sets

    def words(self, items: Any, fl: Flags, limit: int = 3000) -> list[tuple[Ranges, ...]] | None:
        """Every string ``items`` can match, each a tuple of character sets; None if there
        are more than ``limit`` or the language is not finite."""
        acc: list[tuple[Ranges, ...]] = [()]
        for op, av in _seq(items):
            one = _char_set(op, av, fl)
            if one is not None:
                opts: list[tuple[Ranges, ...]] | None = [(one,)]
            elif op in _REPEATS or op is _POSSESSIVE:
                lo, hi, body = av
                if hi is _sc.MAXREPEAT or hi > 100:
                    return None
                inner = self.words(body, fl, limit)
                if inner is None:
                    return None
                opts = []
                for k in range(lo, hi + 1):
                    for combo in itertools.product(inner, repeat=k):
                        opts.append(tuple(c for part in combo for c in part))
                        if len(opts) > limit:
                            return None
            elif op is _sc.SUBPATTERN:
                opts = self.words(av[3], _sub_flags(av, fl), limit)
            elif op is _ATOMIC:
                opts = self.words(av, fl, limit)
            elif op is _sc.BRANCH:
                opts = []
                for b in av[1]:
                    got = self.words(b, fl, limit)
                    if got is None:
                        return None
                    opts += got
            elif op in _LOOKS or op is _sc.AT:
                continue
            else:
                return None
            if opts is None:
                return None
            acc = [a + o for a in acc for o in opts]
            if len(acc) > limit:
                return None
        return acc


def _compatible(a: tuple[Ranges, ...], b: tuple[Ranges, ...]) -> bool:
    """Can ``a`` and the first ``len(a)`` sets of ``b`` spell the same text?"""
    return all(_and(x, y) for x, y in zip(a, b, strict=False))


def uniquely_decodable(code: list[tuple[Ranges, ...]]) -> bool:
    """Sardinas–Patterson over words of character sets (a set stands for any of its
    members, so the answer errs towards "ambiguous"). True when every text splits into
    words one way at most: a repeat over them then backtracks linearly."""
    words = [w for w in code if w]
    # Two words that can spell the same text are already two ways.
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if len(a) == len(b) and _compatible(a, b):
                return False
    seen: set[tuple[Ranges, ...]] = set()
    todo: list[tuple[Ranges, ...]] = []
    for a in words:
        for b in words:
            if a is not b and len(a) < len(b) and _compatible(a, b):
                todo.append(b[len(a) :])
    while todo:
        s = todo.pop()
        if not s:
            return False
        if s in seen:
            continue
        seen.add(s)
        for w in words:
            if len(w) <= len(s) and _compatible(w, s):
                todo.append(s[len(w) :])
            elif len(s) < len(w) and _compatible(s, w):
                todo.append(w[len(s) :])
        if len(seen) > 20_000:
            return False  # cannot tell: say so
    return True


# ---------------------------------------------------------------------- the checks


@functools.cache
def _han() -> str:
    """\\p{Han} as class ranges, read from the `regex` module's own tables."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    spans = [m.span() for m in regex.finditer(r"\p{Han}+", every)]
    cps = [(ord(every[a]), ord(every[b - 1])) for a, b in spans]
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _norm(cps))


_EVERYTHING = "\\x00-\\U0010ffff"
_NOTHING = "\\uffff"  # a noncharacter: stands for "no member" inside a class
# Properties that hold no Han character (punctuation, symbols, marks, separators, controls,
# private use, emoji): widened to "anything but Han" rather than to anything.
_NOT_HAN_PROPERTY = re.compile(r"(?:gc=)?(?:p\w?|s\w?|z\w?|c[cfos]?|m\w?|emoji\w*|punct|symbol)")
_NOT_HAN_RANGES = (  # everything but the ideograph blocks (radicals are So and Han: kept)
    "\\x00-\\u33ff\\u4dc0-\\u4dff\\ua000-\\uf8ff\\ufb00-\\U0001ffff\\U00040000-\\U0010ffff"
)


def _std_syntax(pattern: str) -> str:
    """``pattern`` with the `regex` module's \\p{…} / \\P{…} in syntax the stdlib parser reads:
    \\p{Han} exactly, other properties widened so that the item's set only grows (inside a
    negated class a member must shrink instead, so it becomes nothing)."""
    out: list[str] = []
    i, in_class, negated = 0, False, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            m = re.match(r"\\([pP])\{([^}]*)\}", pattern[i:])
            if m:
                neg_prop = m.group(1) == "P"
                prop = m.group(2).lower()
                exact = _han() if prop in ("han", "script=han", "sc=han") else None
                if in_class:
                    grow = not negated  # the member's own set must grow (or shrink if negated)
                    if exact is not None and not neg_prop:
                        sub = exact
                    elif exact is not None:  # \\P{Han} inside a class: its complement, as ranges
                        sub = _EVERYTHING if grow else _NOTHING
                    elif grow and not neg_prop and _NOT_HAN_PROPERTY.fullmatch(prop):
                        sub = _NOT_HAN_RANGES
                    else:
                        sub = _EVERYTHING if grow else _NOTHING
                    out.append(sub)
                else:
                    if exact is not None:
                        out.append(f"[^{exact}]" if neg_prop else f"[{exact}]")
                    elif not neg_prop and _NOT_HAN_PROPERTY.fullmatch(prop):
                        out.append(f"[^{_han()}]")
                    else:
                        out.append(f"[{_EVERYTHING}]")
                i += m.end()
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if not in_class and c == "[":
            in_class = True
            negated = pattern[i + 1 : i + 2] == "^"
            out.append(c)
            i += 1
            if pattern[i : i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i : i + 1] == "]":  # a literal ] first
                out.append("]")
                i += 1
            continue
        if in_class and c == "]":
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def _parse(pattern: str, flags: int) -> Any:
    std = flags & (re.IGNORECASE | re.ASCII | re.VERBOSE | re.DOTALL | re.MULTILINE)
    return _sp.parse(_std_syntax(pattern), std)


def _flags_of(tree: Any, flags: int) -> Flags:
    f = tree.state.flags | flags
    return Flags(bool(f & re.IGNORECASE), bool(f & re.ASCII))


def static_risks(pattern: str, flags: int = 0, *, scan: bool = False) -> list[str]:
    """What in ``pattern`` can backtrack in more than linear time (see the module doc).

    ``scan`` adds the ``scan`` findings (quadratic restarts of a search inside a run).
    """
    try:
        tree = _parse(pattern, flags)
    except Exception as exc:
        return [f"unparsed: {exc}"]
    t = _Tree()
    fl = _flags_of(tree, flags)
    found: list[str] = []
    _walk(t, tree, fl, found)
    if scan:
        lead = t.loops(tree, fl, leading=True, give_back=False)
        if lead and _can_fail_after_run(t, tree) and not _guarded(t, tree, fl, lead):
            found.append(f"scan: a match can start anywhere in a run of {_show(lead)}")
    return found


def _can_fail_after_run(t: _Tree, items: Any) -> bool:
    """Can a match that began with a run still fail after it? Not when the run (and whatever
    precedes it) is followed only by optional items: it then succeeds where it starts and
    the scan moves past the run."""
    seq = _seq(items)
    if len(seq) == 1 and seq[0][0] is _sc.BRANCH:
        return any(_can_fail_after_run(t, b) for b in seq[0][1][1])
    if len(seq) == 1 and seq[0][0] is _sc.SUBPATTERN:
        return _can_fail_after_run(t, seq[0][1][3])
    for i, (op, av) in enumerate(seq):
        if op in _LOOKS or op is _sc.AT:
            continue
        if not t.loops([(op, av)], FLAGS0, leading=True, give_back=False):
            if t.nullable([(op, av)]):
                continue
            return False  # this way in does not start with a run
        rest = seq[i + 1 :]
        if any(o in _LOOKS for o, _ in rest) or not t.nullable(rest):
            return True
        if op is _sc.SUBPATTERN:
            return _can_fail_after_run(t, av[3])
        if op is _sc.BRANCH:
            return any(_can_fail_after_run(t, b) for b in av[1])
        return False
    return False


def _guarded(t: _Tree, tree: Any, fl: Flags, lead: Ranges) -> bool:
    """Does every way into the pattern start with a look-behind (or \\b, ^) that refuses a
    start inside a run of ``lead``?"""
    for op, av in _seq(tree):
        if op in _LOOKS and av[0] == -1:
            behind = t.chars(av[1], fl)
            # (?<![run]) refuses a start after a run character; (?<=[other]) needs a
            # character that is not one.
            if (op is _sc.ASSERT_NOT and not _and(lead, _not(behind))) or (
                op is _sc.ASSERT and not _and(lead, behind)
            ):
                return True
            continue
        if op is _sc.AT:
            if "BOUNDARY" in str(av) and not _and(lead, _not(_cat_set("WORD", fl.ascii))):
                return True
            if "BEGINNING" in str(av):
                return True
            continue
        if op in _LOOKS:
            continue
        if op is _sc.BRANCH:
            return all(
                _guarded(t, b, fl, _and(lead, t.loops(b, fl, leading=True, give_back=False)))
                or not t.loops(b, fl, leading=True, give_back=False)
                for b in av[1]
            )
        if op is _sc.SUBPATTERN:
            return _guarded(t, av[3], _sub_flags(av, fl), lead)
        break
    return False


def _show(rs: Ranges) -> str:
    if rs == _ALL:
        return "any character"
    parts = []
    for lo, hi in rs[:4]:
        parts.append(repr(chr(lo)) if lo == hi else f"{chr(lo)!r}-{chr(hi)!r}")
    return "[" + " ".join(parts) + (" …]" if len(rs) > 4 else "]")


def _walk(t: _Tree, items: Any, fl: Flags, found: list[str]) -> None:
    seq = _seq(items)
    # adjacent: a repeat that gives back, then (only optional items between) another.
    for i, (op, av) in enumerate(seq):
        tail = t.loops([(op, av)], fl, leading=False, give_back=True)
        if not tail:
            continue
        for op2, av2 in seq[i + 1 :]:
            head = t.loops([(op2, av2)], fl, leading=True, give_back=False)
            both = _and(tail, head)
            if both:
                found.append(f"adjacent: two repeats can share a run of {_show(both)}")
                break
            if not t.nullable([(op2, av2)]):
                break
    for op, av in seq:
        if op in _REPEATS or op is _POSSESSIVE:
            _lo, hi, body = av
            if op in _REPEATS and _unbounded(hi):
                _check_repeat(t, body, fl, found)
            _walk(t, body, fl, found)
        elif op is _sc.SUBPATTERN:
            _walk(t, av[3], _sub_flags(av, fl), found)
        elif op is _ATOMIC:
            _walk(t, av, fl, found)
        elif op is _sc.BRANCH:
            for b in av[1]:
                _walk(t, b, fl, found)
        elif op in _LOOKS:
            _walk(t, av[1], fl, found)
        elif op is _sc.GROUPREF_EXISTS:
            for b in av[1:]:
                if b is not None:
                    _walk(t, b, fl, found)


def _flatten(items: Any, fl: Flags) -> tuple[list[tuple[Any, Any]], Flags]:
    """A group's items, looking through one plain (?:…) or capture group around them all."""
    seq = _seq(items)
    while len(seq) == 1 and seq[0][0] is _sc.SUBPATTERN:
        fl = _sub_flags(seq[0][1], fl)
        seq = _seq(seq[0][1][3])
    return seq, fl


def _has_possessive_run(items: Any) -> bool:
    for op, av in _seq(items):
        if op is _POSSESSIVE and _unbounded(av[1]):
            return True
        if op is _sc.SUBPATTERN and _has_possessive_run(av[3]):
            return True
        if op is _ATOMIC or op is _sc.BRANCH:
            subs = av[1] if op is _sc.BRANCH else [av]
            if any(_has_possessive_run(b) for b in subs):
                return True
    return False


def _check_repeat(t: _Tree, body: Any, fl: Flags, found: list[str]) -> None:
    seq, fl = _flatten(body, fl)
    if t.has_loop(seq):
        # One character matched once per round and by nothing else in the round fixes where
        # rounds start: then only the part after it + the part before it (one round's end and
        # the next one's start, as a sequence) may split a run two ways.
        for i, (op, av) in enumerate(seq):
            one = _char_set(op, av, fl)
            if one is None:
                continue
            rest = t.chars(seq[:i] + seq[i + 1 :], fl)
            if not _and(one, rest):
                rotated = seq[i + 1 :] + seq[:i]
                sub: list[str] = []
                _walk(t, rotated, fl, sub)
                if not any(s.startswith("adjacent") for s in sub):
                    return
        found.append("nested: a repeated group holds an unbounded repeat (like (a+)+)")
        return
    words = t.words(seq, fl)
    if words is None and _has_possessive_run(seq):
        return  # its runs are taken whole, never split again: rounds end where the runs do
    if words is None:
        found.append("alternation: a repeated group too large to prove unambiguous")
    elif not uniquely_decodable(words):
        found.append("alternation: a repeated group's words can split a text two ways")


# ---------------------------------------------------------------------- finding the patterns

Pattern = re.Pattern[str] | regex.Pattern[str]


def parser_patterns() -> list[tuple[str, Pattern]]:
    """(name, pattern) of every module-level pattern of smscheck/parser and smscheck/_text.py,
    the compiled-on-first-use ones (zero-argument cached functions) included."""
    import smscheck.parser as pkg

    names = ["smscheck._text", "smscheck.parser"]
    names += [f"smscheck.parser.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
    out: list[tuple[str, Pattern]] = []
    for mod_name in names:
        mod = importlib.import_module(mod_name)
        for key, value in vars(mod).items():
            if (
                callable(value)
                and hasattr(value, "cache_info")
                and getattr(value, "__module__", "") == mod_name
            ):
                params = inspect.signature(value).parameters
                if not params:
                    value = value()
                    key += "()"
                elif list(params) == ["rank"]:  # contacts._handle_re(rank)
                    for rank in range(4):
                        try:
                            got = value(rank)
                        except Exception:
                            break
                        if isinstance(got, (re.Pattern, regex.Pattern)):
                            out.append((f"{mod_name}.{key}({rank})", got))
                    continue
            if isinstance(value, (re.Pattern, regex.Pattern)):
                out.append((f"{mod_name}.{key}", value))
    return out


def rule_patterns() -> list[tuple[str, Pattern]]:
    """Every compiled pattern reachable from the default RuleSet (rules, registry), found by
    walking objects for Pattern values (tolerant of how the engine stores its nodes)."""
    from smscheck.ruleset import RuleSet

    rs = RuleSet.default()
    for loc in rs.locales if isinstance(rs.locales, (list, tuple)) else ("zh-CN", "en-US"):
        import smscheck

        smscheck.Checker(rs).check("预热 warm-up", locale=loc, received_at=_AT)
    seen: set[int] = set()
    found: dict[tuple[str, int], tuple[str, Pattern]] = {}
    stack: list[tuple[str, Any]] = [("RuleSet", rs)]
    while stack:
        where, obj = stack.pop()
        if id(obj) in seen or len(seen) > 2_000_000:
            continue
        seen.add(id(obj))
        if isinstance(obj, (re.Pattern, regex.Pattern)):
            short = obj.pattern if len(obj.pattern) <= 40 else obj.pattern[:37] + "..."
            found.setdefault((obj.pattern, obj.flags), (f"{where} {short!r}", obj))
            continue
        if isinstance(obj, (str, bytes, int, float, bool, type(None), type, Callable)) and not (
            hasattr(obj, "__dict__") and not isinstance(obj, type) and not callable(obj)
        ):
            continue
        if isinstance(obj, dict):
            stack += [(f"{where}[{k!r}]"[:200], v) for k, v in obj.items()]
            continue
        if isinstance(obj, (list, tuple, set, frozenset)):
            stack += [(f"{where}[{i}]"[:200], v) for i, v in enumerate(obj)]
            continue
        prop = getattr(type(obj), "pattern", None)
        if isinstance(prop, property):  # compiled on first use: compile it now
            with contextlib.suppress(Exception):
                stack.append((where, obj.pattern))
        names = list(getattr(obj, "__dict__", {}))
        for klass in type(obj).__mro__:
            names += list(getattr(klass, "__slots__", ()))
        label = getattr(obj, "rule_id", None)
        for n in names:
            try:
                v = getattr(obj, n)
            except AttributeError:
                continue
            stack.append((f"{label or where}.{n}"[:200], v))
    return sorted(found.values(), key=lambda x: x[0])


@functools.cache
def _sources() -> str:
    root = Path(__file__).resolve().parent.parent / "smscheck"
    return "\n".join(f.read_text(encoding="utf-8") for f in sorted(root.rglob("*.py")))


def anchored(name: str) -> bool:
    """Is the pattern called ``name`` (``module.KEY`` or ``module.key()``) only ever used with
    ``match``/``fullmatch`` in the package? Those never restart a scan, so ``scan`` findings
    do not apply and the timing uses ``match``. Any other use (search, finditer, sub, passed
    as an argument) counts as scanning."""
    key = name.rsplit(".", 1)[-1]
    key = re.sub(r"\(\d*\)$", "", key)
    uses = re.findall(rf"(?<![\w.]){re.escape(key)}(?!\w)(\((?:[^()]*)\))?(\.\w+)?", _sources())
    methods = {m for _, m in uses if m} - {".pattern", ".flags", ".groupindex"}
    # The definition itself ("KEY = re.compile" / "def key(") is one use with no method.
    plain = sum(1 for call, m in uses if not m)
    defs = len(re.findall(rf"(?m)^(?:{re.escape(key)} = |def {re.escape(key)}\()", _sources()))
    return plain <= defs and bool(methods) and methods <= {".match", ".fullmatch"}


# ---------------------------------------------------------------------- pumping


def pieces_of(pattern: Pattern) -> tuple[list[str], str]:
    """Every literal run and one or two members of every class in ``pattern``, and the
    pattern's leading literal ('' if none)."""
    try:
        tree = _parse(pattern.pattern, pattern.flags)
    except Exception:
        return ([c for c in dict.fromkeys(pattern.pattern) if c.isprintable()][:40], "")
    fl = _flags_of(tree, pattern.flags)
    out: list[str] = []

    def visit(items: Any, fl: Flags) -> None:
        run = ""
        for op, av in _seq(items):
            if op is _sc.LITERAL:
                run += chr(av)
                continue
            if run:
                out.append(run)
                run = ""
            one = _char_set(op, av, fl)
            if one is not None:
                lo, hi = one[0]
                picks = {lo, (lo + hi) // 2 if hi - lo < 200 else lo + 1}
                if len(one) > 1:
                    picks.add(one[-1][0])
                out.extend(chr(p) for p in sorted(picks) if 0 < p < 0xD800 or 0xE000 <= p <= _MAX)
            elif op in _REPEATS or op is _POSSESSIVE:
                visit(av[2], fl)
            elif op is _sc.SUBPATTERN:
                visit(av[3], _sub_flags(av, fl))
            elif op is _ATOMIC:
                visit(av, fl)
            elif op is _sc.BRANCH:
                for b in av[1]:
                    visit(b, fl)
            elif op in _LOOKS:
                visit(av[1], fl)
        if run:
            out.append(run)

    visit(tree, fl)
    lead = ""
    for op, av in _seq(tree):
        if op is _sc.LITERAL:
            lead += chr(av)
        elif op in _LOOKS or op is _sc.AT:
            continue
        else:
            break
    uniq = list(dict.fromkeys(p for p in out if p))
    return uniq, lead


def pumping_cores(pieces: list[str], max_pieces: int = 30, max_pairs: int = 80) -> list[str]:
    """Pieces alone and in pairs (the first ``max_pairs`` pairs of the shortest pieces)."""
    ps = sorted(pieces, key=len)[:max_pieces]
    cores = list(ps)
    for a, b in itertools.islice(itertools.combinations(ps, 2), max_pairs):
        cores.append(a + b)
    return cores


def _scan_time(p: Pattern, text: str, budget: float = 0.003, match: bool = False) -> float:
    """Best time of one scan of ``text`` (finditer to the end, or one ``match`` at 0 for a
    pattern only ever used that way) over runs filling ``budget``."""
    best, total, n = float("inf"), 0.0, 0
    while total < budget or n < 3:
        t = time.perf_counter()
        if match:
            p.match(text)
        else:
            for _ in p.finditer(text):
                pass
        dt = time.perf_counter() - t
        best = min(best, dt)
        total += dt
        n += 1
        if total > 2.0:
            break
    return best


_BASE = 12  # repeats of a core at 1×


@dataclass
class Growth:
    name: str
    worst: float  # per-character time at 100× over 10× (1 is linear)
    text: str  # the pumping string that showed it (at 10×)
    per_char_ns: float  # at 100×
    timed_out: bool = False
    prefix: str = ""
    core: str = ""


def _growth(
    p: Pattern, prefix: str, core: str, budget: float, match: bool
) -> tuple[float, list[str], float]:
    sizes = [prefix + core * (_BASE * k) for k in (1, 10, 100)]
    times = [_scan_time(p, s, budget, match) for s in sizes]
    per = [t / len(s) for t, s in zip(times, sizes, strict=True)]
    return (per[2] / per[1] if per[1] > 0 else 0.0), sizes, per[2]


def measure_pattern(name: str, p: Pattern, flat: float = 3.0) -> Growth:
    """The worst growth over the pattern's pumping strings; a string over ``flat`` is timed
    again, longer, so that one noisy run does not name a pattern."""
    pieces, lead = pieces_of(p)
    match = anchored(name)
    best = Growth(name + (" (match)" if match else ""), 0.0, "", 0.0)
    for core in pumping_cores(pieces):
        for prefix in dict.fromkeys(("", lead)):
            growth, sizes, per = _growth(p, prefix, core, 0.002, match)
            if growth > flat:
                growth, sizes, per = _growth(p, prefix, core, 0.05, match)
            if growth > best.worst:
                best = Growth(best.name, growth, sizes[1], per * 1e9, False, prefix, core)
    return best


def _measure_child(conn: Any, name: str, p: Pattern, flat: float) -> None:
    conn.send(measure_pattern(name, p, flat))


def measure_all(pats: list[tuple[str, Pattern]], timeout: float, flat: float) -> list[Growth]:
    ctx = multiprocessing.get_context("fork")
    out = []
    for name, p in pats:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_measure_child, args=(child, name, p, flat))
        proc.start()
        if parent.poll(timeout):
            out.append(parent.recv())
        else:
            out.append(Growth(name, float("inf"), "", 0.0, timed_out=True))
        proc.kill()
        proc.join()
    return out


_AT = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))
# Pieces the checker as a whole reacts to (from bench/fuzz.py's kinds), pumped alone.
_CHECK_PIECES = [
    "【京东金融】", "逾期", "已达", "1,234.56元", "123,", "12月20日前", "微信", "薇 信", "vx",
    "13812345678", "(2024)京0105民初12345号", "http://", "jd.com.", "尾号1234", "6222****1234",
    "个人账户", "律师函", "\u200b", "\ud800", "🙂", "⺀", " \t", "开户行：", "a", "1", "元", "【", "(",
]  # fmt: skip


def measure_check(strings: list[tuple[str, str, str]], timeout: float) -> list[Growth]:
    """``check()`` on ``prefix + core * n`` for n = 12, 120, 1200, for each (label, prefix,
    core): is a pattern's worst string also super-linear through the whole checker?"""
    import smscheck
    from smscheck.checker import default_checker

    chk = default_checker()
    for warm in ("预热", "warm up"):
        chk.check(warm, received_at=_AT)
    out = []
    for label, prefix, core in strings:
        sizes = [prefix + core * (_BASE * k) for k in (1, 10, 100)]
        t: list[float] = []
        for s in sizes:
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                smscheck.check(s, received_at=_AT)
                best = min(best, time.process_time() - start)
            t.append(best)
            if best > timeout:
                break
        name = f"check({label})"
        if len(t) < 3:
            out.append(Growth(name, float("inf"), sizes[len(t) - 1], 0, True, prefix, core))
            continue
        per = [x / len(s) for x, s in zip(t, sizes, strict=True)]
        growth = per[2] / max(per[1], 1e-12)
        out.append(Growth(name, growth, sizes[1], per[2] * 1e9, False, prefix, core))
    return out


def _report(title: str, rows: list[Growth], flat: float) -> list[Growth]:
    rows = sorted(rows, key=lambda g: -g.worst)
    print(f"\n== {title}: {len(rows)} (growth = time per char at 100× / at 10×; 1.0 is linear)")
    for g in rows[:15]:
        mark = "NOT FLAT" if g.worst > flat else "ok"
        shown = g.text if len(g.text) <= 40 else g.text[:37] + "..."
        state = "timed out" if g.timed_out else f"{g.worst:5.2f}"
        print(f"  {state:>9}  {g.per_char_ns:9.1f} ns/char  {mark:8}  {g.name}  {shown!r}")
    bad = [g for g in rows if g.worst > flat]
    print(f"   not flat: {', '.join(g.name for g in bad) or 'none'}")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--only", choices=["parser", "rules", "check"], default=None)
    ap.add_argument("--static", action="store_true", help="static analysis only")
    ap.add_argument("--flat", type=float, default=3.0, help="growth above this is not flat")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per pattern")
    args = ap.parse_args()

    groups: dict[str, list[tuple[str, Pattern]]] = {}
    if args.only in (None, "parser"):
        groups["parser patterns"] = parser_patterns()
    if args.only in (None, "rules"):
        groups["rule and registry patterns"] = rule_patterns()
    for title, pats in groups.items():
        print(f"\n== static analysis of {len(pats)} {title}")
        for name, p in pats:
            for risk in static_risks(p.pattern, p.flags, scan=not anchored(name)):
                print(f"  {name}: {risk}")
    if args.static:
        return 0
    bad: list[Growth] = []
    strings: list[tuple[str, str, str]] = []
    for title, pats in groups.items():
        rows = measure_all(pats, args.timeout, args.flat)
        bad += _report(title, rows, args.flat)
        # The worst pumping string of each pattern, through the whole checker.
        strings += [(g.name.split(" ")[0], g.prefix, g.core) for g in rows if g.core]
    if args.only in (None, "check"):
        if not strings:
            strings = [(f"{piece!r}×n", "", piece) for piece in _CHECK_PIECES]
        strings += [(f"{piece!r}×n", "", piece) for piece in _CHECK_PIECES]
        uniq = list({(p, c): (n, p, c) for n, p, c in strings}.values())
        bad += _report("check() on pumped strings", measure_check(uniq, args.timeout), args.flat)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
