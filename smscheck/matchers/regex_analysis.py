"""Load-time analysis of rule regexes: backtracking risk, required literals, linearity."""

from __future__ import annotations

import importlib
import itertools
import re as _stdre
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

# The stdlib's regex parser understands most of the `regex` syntax rules use; it is private,
# hence the dynamic import (3.11+: re._parser; 3.10: sre_parse).
try:
    _sp: Any = importlib.import_module("re._parser")
    _sc: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    _sp = importlib.import_module("sre_parse")
    _sc = importlib.import_module("sre_constants")

_FLAGS = {
    "ignorecase": regex.IGNORECASE,
    "multiline": regex.MULTILINE,
    "dotall": regex.DOTALL,
    "verbose": regex.VERBOSE,
    "ascii": regex.ASCII,
}
_STD_FLAGS = {
    "ignorecase": _stdre.IGNORECASE,
    "multiline": _stdre.MULTILINE,
    "dotall": _stdre.DOTALL,
    "verbose": _stdre.VERBOSE,
    "ascii": _stdre.ASCII,
}
# `{` that is not an ordinary repeat: fuzzy constraints ({e<=1}) and the like, which the
# stdlib parser would read as literal text.
_ODD_BRACE = regex.compile(r"(?<!\\)\{(?!\d*(?:,\d*)?\})")
_REPEATS = (_sc.MAX_REPEAT, _sc.MIN_REPEAT)


def _seq(items: Any) -> Any:
    """The item list of a parsed (sub)pattern: a ``SubPattern`` iterates through a Python
    ``__getitem__`` per item, its ``data`` list directly (several times faster)."""
    return getattr(items, "data", items)


_VERBOSE_INLINE = regex.compile(r"\(\?[a-zA-Z]*x")
_ANY_CHAR, _ANY_IN_CLASS = r"[\s\S]", r"\s\S"


def _plain_properties(pattern: str, flags: Sequence[str]) -> str | None:
    r"""``pattern`` with each Unicode property (``\p{Han}``, ``\P{L}``, ``\pL``: `regex`
    syntax the stdlib parser rejects) read as "any character" (``[\s\S]``, or ``\s\S``
    inside a class), or None when that is not safe to do.

    Every text the pattern matches, the rewritten one matches too, so the literals it
    requires are required by the pattern; and its single characters match more, so the work
    bound of :func:`_attempt` only grows. Verbose patterns are left alone (a comment could
    hide a ``[``).
    """
    if "\\p" not in pattern and "\\P" not in pattern:
        return pattern
    if "verbose" in flags or _VERBOSE_INLINE.search(pattern):
        return None
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 < n and pattern[i + 1] in "pP":
                j = i + 2
                if j < n and pattern[j] == "{":
                    k = pattern.find("}", j)
                    if k < 0:
                        return None
                    j = k + 1
                elif j < n:
                    j += 1
                else:
                    return None
                out.append(_ANY_IN_CLASS if in_class else _ANY_CHAR)
                i = j
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(c)
        i += 1
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if i < n and pattern[i] == "^":  # a leading ^ and then ] are members
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("]")
                i += 1
    return "".join(out)


def _std_parse(pattern: str, flags: Sequence[str], properties: bool = False) -> Any:
    """Parse with the stdlib parser, or None when it reads the pattern differently.

    ``properties``: read Unicode properties as any character (:func:`_plain_properties`),
    which is sound for the required literals and the work bound, not for telling a risk.
    """
    plain = _plain_properties(pattern, flags) if properties else pattern
    if plain is None or _ODD_BRACE.search(plain):
        return None
    pattern = plain
    f = 0
    for name in flags:
        f |= int(_STD_FLAGS[name])  # a plain int: RegexFlag would make every flag test slow
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            tree = _sp.parse(pattern, f)
        except Exception:  # any syntax the stdlib does not share with `regex`
            return None
    return None if caught else tree


def _literal_sets(items: Any) -> list[str] | None:
    """Literals one of which every match must contain (best found), or None."""
    found = _all_literal_sets(items)
    return found[0] if found else None


def _score(cand: list[str]) -> tuple[int, int, int]:
    """Higher is rarer: a longer shortest literal, fewer literals, then fewer one-letter ASCII
    literals (``T`` occurs in nearly every English text, ``&`` seldom)."""
    letters = sum(1 for c in cand if len(c) == 1 and c.isascii() and (c.isalpha() or c == " "))
    return (min(len(c) for c in cand), -len(cand), -letters)


_MAX_CLASS_TERMS = 16  # a class of single characters, each a term: only a short one
_MAX_PRODUCT = 32  # strings of a finite run of items spelled out (转(?:我|过去|过来): 3)


def _finite_item(op: Any, av: Any) -> list[str] | None:
    """Every string one item matches, when they are few and all plain text, else None."""
    if op is _sc.LITERAL:
        return [chr(av)]
    if op is _sc.IN:
        if 0 < len(av) <= _MAX_CLASS_TERMS and all(sop is _sc.LITERAL for sop, _ in av):
            return [chr(c) for _, c in av]
        return None
    if op is _sc.SUBPATTERN:
        return None if av[1] or av[2] else _finite(av[3])  # scoped flags: not plain text
    if op is _sc.BRANCH:
        out: list[str] = []
        for b in av[1]:
            got = _finite(b)
            if got is None:
                return None
            out.extend(got)
            if len(out) > _MAX_PRODUCT:
                return None
        return out
    if op in _REPEATS and av[1] <= 2:
        body = _finite(av[2])
        if body is None:
            return None
        out, level = ([""] if av[0] == 0 else []), [""]
        for k in range(1, av[1] + 1):
            level = [a + b for a in level for b in body]
            if k >= av[0]:
                out.extend(level)
            if len(out) > _MAX_PRODUCT:
                return None
        return out
    return None


def _finite(items: Any) -> list[str] | None:
    """Every string a sequence matches, when they are few and all plain text, else None."""
    out = [""]
    for op, av in _seq(items):
        got = _finite_item(op, av)
        if got is None:
            return None
        out = [a + b for a in out for b in got]
        if len(out) > _MAX_PRODUCT:
            return None
    return out


def _all_literal_sets(items: Any) -> list[list[str]]:
    """Every set of literals one of which every match must contain that this sequence shows
    (each from a different part of it), best first by (shortest literal, fewer literals)."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def consider(cand: list[str] | None) -> None:
        if cand and all(cand) and frozenset(cand) not in seen:
            seen.add(frozenset(cand))
            found.append(cand)

    # consecutive items that match few plain strings, spelled out: every match contains one
    # of the strings (转(?:我|过去|过来) needs 转我, 转过去 or 转过来, rarer than 转)
    chain = [""]
    for op, av in _seq(items):
        got = _finite_item(op, av)
        if got is not None:
            longer = [a + b for a in chain for b in got]
            if len(longer) > _MAX_PRODUCT:
                consider(chain)
                longer = got
            chain = longer
        else:
            consider(chain)
            chain = [""]
    consider(chain)

    run: list[str] = []
    for op, av in _seq(items):
        if op is _sc.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(["".join(run)])
            run = []
        if op is _sc.SUBPATTERN:
            consider(_literal_sets(av[3]))
        elif op is getattr(_sc, "ATOMIC_GROUP", None):
            consider(_literal_sets(av))
        elif op in (*_REPEATS, getattr(_sc, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            consider(_literal_sets(av[2]))
        elif op is _sc.IN and 1 < len(av) <= _MAX_CLASS_TERMS:
            # the parser turns an alternation of single characters (转|汇|打) into a class
            if all(sop is _sc.LITERAL for sop, _ in av):
                consider([chr(c) for _, c in av])
        elif op is _sc.BRANCH:
            per = [_all_literal_sets(b)[:3] for b in av[1]]
            if all(per):
                # (A1 and A2) or (B1 and B2) needs A1|B1, A1|B2, A2|B1 and A2|B2: one set per
                # pick of a set from each branch (few branches only: the picks multiply)
                picks = itertools.product(*per) if len(per) <= 4 else [[p[0] for p in per]]
                for pick in picks:
                    consider(sorted({s for c in pick for s in c}))
    if run:
        consider(["".join(run)])
    # stable: of equal score, the first found stays first (as when only the best was kept)
    return sorted(found, key=_score, reverse=True) if len(found) > 1 else found


def required_literals(pattern: str, flags: Sequence[str]) -> frozenset[str] | None:
    """Literals of which at least one occurs in any text the pattern matches, or None."""
    return regex_facts(pattern, flags).literals


def _required_literals(tree: Any, flags: Sequence[str]) -> tuple[frozenset[str], ...]:
    """Sets of literals, each of which must have a member in any text the pattern matches
    (the best set first); empty when none is known."""
    if tree is None:
        return ()
    found = _all_literal_sets(tree)
    ignorecase = "ignorecase" in flags or tree.state.flags & _stdre.IGNORECASE
    out: list[frozenset[str]] = []
    for cand in found:
        # Unicode case folding can match characters `lower()` does not map; stay safe.
        if ignorecase and any(not c.isascii() and c.lower() != c.upper() for s in cand for c in s):
            continue
        terms = _shortest(frozenset(cand))
        if not any(kept <= terms for kept in out):  # a superset of a kept set tells nothing
            out.append(terms)
            if len(out) == _MAX_FILTERS:
                break
    if found and out and out[0] != _shortest(frozenset(found[0])):
        return ()  # the best set is unsafe: keep what a single set gave (no filter at all)
    return tuple(out)


_MAX_FILTERS = 3  # sets checked before a regex runs: each is one C-level isdisjoint


def _shortest(terms: frozenset[str]) -> frozenset[str]:
    """``terms`` without those that contain another of them (``手机丢了`` beside ``手机``).

    The same test: a set is asked only whether one of its members occurs in a text, and a
    text holding ``手机丢了`` holds ``手机`` (term keys are lower-cased character by character,
    which keeps a substring a substring). Fewer terms make the pack's term index smaller: its
    automaton is walked for every character of every message, and its size, not its
    instruction count, is what costs time once it outgrows the CPU's caches.
    """
    if len(terms) < 2:
        return terms
    kept: list[str] = []
    for t in sorted(terms, key=lambda t: (len(t), t)):
        if not any(k in t for k in kept):
            kept.append(t)
    return terms if len(kept) == len(terms) else frozenset(kept)


_ANY = "any"


def _single_set(op: Any, av: Any) -> frozenset[str] | str | None:
    """The characters a single-character item matches (frozenset), _ANY, or None if not one."""
    if op is _sc.LITERAL:
        return frozenset(chr(av))
    if op in (_sc.ANY, _sc.NOT_LITERAL, _sc.CATEGORY):
        return _ANY
    if op is _sc.IN:
        chars: set[str] = set()
        for sop, sav in av:
            if sop is _sc.LITERAL:
                chars.add(chr(sav))
            elif sop is _sc.RANGE and sav[1] - sav[0] < 512:
                chars.update(chr(c) for c in range(sav[0], sav[1] + 1))
            else:
                return _ANY
        return frozenset(chars)
    return None


def _overlap(a: frozenset[str] | str | None, b: frozenset[str] | str | None) -> bool:
    """Can two single-character items match the same character?"""
    if a is None or b is None:
        return False
    if isinstance(a, str) or isinstance(b, str):  # _ANY
        return True
    return bool(a & b)


def _alt_set(alt: Any) -> frozenset[str] | str | None:
    items = list(_seq(alt))
    if len(items) == 1:
        return _single_set(*items[0])
    return None


def _overlapping_alternatives(branches: Sequence[Any]) -> bool:
    """Can two alternatives match the same text: two single-character items sharing a
    character, or two literals one of which repeats the other (``ab``, ``abab``)? In one pass
    over the alternatives (a pairwise comparison made loading a long alternation quadratic)."""
    union: set[str] = set()
    any_single = False
    singles = 0
    by_root: dict[str, list[int]] = {}  # literal's primitive root -> its repetition counts
    for b in branches:
        s = _alt_set(b)
        if s is not None:
            singles += 1
            if s == _ANY:
                any_single = True
            elif isinstance(s, frozenset):
                if not union.isdisjoint(s):
                    return True
                union |= s
            if any_single and singles > 1:
                return True
        items = list(_seq(b))
        if items and all(op is _sc.LITERAL for op, _ in items):
            text = "".join(chr(av) for _, av in items)
            root = _root(text)
            counts = by_root.setdefault(root, [])
            k = len(text) // len(root)
            # ti * (len(tj) // len(ti)) == tj: one count divides the other
            if any(k % c == 0 or c % k == 0 for c in counts[:64]) or len(counts) >= 64:
                return True
            counts.append(k)
    return False


def _root(text: str) -> str:
    """The shortest string whose repetition is ``text`` (``abab`` -> ``ab``)."""
    i = (text + text).find(text, 1)
    return text[:i]


def _ambiguous(items: Any) -> bool:
    """A branch that can match the same text two ways (the parser factors common prefixes:
    ``(a|a)`` arrives as ``a`` + a branch of two empty alternatives, ``(\\d|\\d\\d)`` as
    ``\\d`` + a branch of nothing or another ``\\d``)."""
    prev: Any = None
    for op, av in _seq(items):
        if op is _sc.BRANCH:
            alts = [list(_seq(a)) for a in av[1]]
            reprs = [repr(a) for a in alts]
            if len(set(reprs)) < len(reprs) or _overlapping_alternatives(av[1]):
                return True
            if prev is not None and any(not a for a in alts):
                ps = _single_set(*prev)
                for a in alts:
                    if a:
                        qs = _single_set(*a[0])
                        if _overlap(ps, qs):
                            return True
            if any(_ambiguous(a) for a in alts):
                return True
        elif op is _sc.SUBPATTERN and _ambiguous(av[3]):
            return True
        prev = (op, av)
    return False


def _risk(items: Any, under: bool) -> str | None:
    for op, av in _seq(items):
        if op in _REPEATS:
            _lo, hi, body = av
            unbounded = hi is _sc.MAXREPEAT or hi > 1000
            if under and unbounded:
                return "nested"
            if unbounded and _ambiguous(body):
                return "alternation"
            found = _risk(body, under or unbounded)
            if found:
                return found
        elif op is _sc.SUBPATTERN:
            found = _risk(av[3], under)
            if found:
                return found
        elif op is _sc.BRANCH:
            for b in av[1]:
                found = _risk(b, under)
                if found:
                    return found
        elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
            found = _risk(av[1], under)
            if found:
                return found
        # possessive repeats and atomic groups never backtrack into themselves: safe
    return None


_MAX_WORK = 100_000  # steps per start position a pattern may take on the `regex` engine
_POSSESSIVE = getattr(_sc, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(_sc, "ATOMIC_GROUP", None)
_BEGIN = (_sc.AT_BEGINNING, _sc.AT_BEGINNING_STRING)


def _attempt(items: Any, tail: bool) -> tuple[int, int] | None:
    """Bound the work of one match attempt as ``(degree, steps)``: at most ``steps`` times
    ``n ** degree`` for a text of ``n`` characters; None when no such bound is proven (a
    back-reference, an unbounded repeat of more than one character, too much work).

    ``tail``: the items end the whole pattern. An unbounded repeat of one character there ends
    the match as soon as its minimum is met, so a failing attempt spends at most that minimum
    on it (a successful one costs the match's length, and a search keeps at most 3 matches).
    """
    deg, total = 0, 1
    seq = _seq(items)
    last = len(seq) - 1
    for i, (op, av) in enumerate(seq):
        at_tail = tail and i == last
        step: tuple[int, int] | None
        if op in _REPEATS or (_POSSESSIVE is not None and op is _POSSESSIVE):
            lo, hi, body = av
            if hi is _sc.MAXREPEAT:
                one = list(_seq(body))
                if len(one) != 1 or _single_set(*one[0]) is None:
                    return None
                step = (0, lo + 1) if at_tail else (1, 1)
            else:
                inner = _attempt(body, False)
                if inner is None:
                    return None
                step = (inner[0] * hi, (hi + 1) * inner[1])
        elif op is _sc.SUBPATTERN:
            step = _attempt(av[3], at_tail)
        elif _ATOMIC is not None and op is _ATOMIC:
            step = _attempt(av, at_tail)
        elif op is _sc.BRANCH:
            subs = [_attempt(b, at_tail) for b in av[1]]
            if any(s is None for s in subs):
                return None
            got = [s for s in subs if s is not None]
            step = (max(d for d, _ in got), sum(c for _, c in got))
        elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
            step = _attempt(av[1], False)
        elif op in (_sc.GROUPREF, getattr(_sc, "GROUPREF_EXISTS", None)):
            return None
        else:
            step = (0, 1)
        if step is None:
            return None
        deg += step[0]
        total *= max(step[1], 1)
        if total > _MAX_WORK or deg > 1:
            return None
    return deg, total


def _anchored(tree: Any, flags: Sequence[str]) -> bool:
    """Can a match start only at the text's start (``^`` without multiline, or ``\\A``)?"""
    multiline = "multiline" in flags or tree.state.flags & _stdre.MULTILINE
    begins = (_sc.AT_BEGINNING_STRING,) if multiline else _BEGIN

    def starts(items: Any) -> bool:
        seq = _seq(items)
        if not seq:
            return False
        op, av = seq[0]
        if op is _sc.AT:
            return av in begins
        if op is _sc.SUBPATTERN:
            return starts(av[3])
        if op is _sc.BRANCH:
            return all(starts(b) for b in av[1])
        return False

    return starts(tree)


def _work(tree: Any, flags: Sequence[str]) -> int | None:
    """Steps per character of text a search with this pattern takes at most (a constant of
    the pattern), or None when the analysis cannot bound it. A search tries every start
    position, so each attempt must be bounded by a constant; an anchored pattern makes one
    attempt, which may then be linear."""
    if tree is None:
        return None
    got = _attempt(tree, True)
    if got is None:
        return None
    deg, steps = got
    if deg == 0 or _anchored(tree, flags):
        return steps
    return None


MAX_PATTERN_CHARS = 10_000  # longer word lists belong under keywords: (one shared scan)
MAX_REPEAT = 1_000  # a counted repeat {n}, {n,m}: RE2's own limit, and the analysis's
_COUNTED = regex.compile(r"(?<!\\)\{(\d+)(?:,(\d*))?\}")


def pattern_limit(pattern: str) -> str | None:
    """Which size limit ``pattern`` breaks, or None. Checked before anything compiles it: a
    counted repeat such as ``(?:a{65535}){65535}`` makes the ``regex`` module allocate
    gigabytes, and a very long alternation makes the analyses slow."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return (
            f"regex is {len(pattern):,} characters, above the limit of {MAX_PATTERN_CHARS:,}; "
            "put long word lists under keywords: instead"
        )
    for m in _COUNTED.finditer(pattern):
        for count in m.groups():
            if count and (len(count) > 6 or int(count) > MAX_REPEAT):
                shown = m.group() if len(m.group()) <= 24 else m.group()[:23] + "…"
                return (
                    f"repeat count {shown} is above the limit of {MAX_REPEAT:,} "
                    "(a larger count is a memory hazard, not a pattern)"
                )
    size = _expanded_size(pattern)
    if size > MAX_EXPANDED:
        return (
            f"regex expands to about {size:,} items once its counted repeats are unrolled, "
            f"above the limit of {MAX_EXPANDED:,}; nest fewer counted repeats"
        )
    return None


MAX_EXPANDED = 100_000


def _expanded_size(pattern: str) -> int:
    """Items of ``pattern`` with every counted repeat unrolled (``(?:a{9}){9}`` is 81): what
    compiling it costs in memory, estimated from the text alone, in one pass (saturating)."""
    stack = [0]
    last = 1  # size of the atom a repeat would apply to
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            if (
                i < n + 1
                and pattern[i - 1 : i] in ("p", "P", "N", "x", "u")
                and pattern[i : i + 1] == "{"
            ):
                close = pattern.find("}", i)
                i = close + 1 if close > 0 else n
            stack[-1] += 1
            last = 1
            continue
        if c == "[":
            j = i + 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            stack[-1] += 1
            last = 1
            continue
        if c == "(":
            stack.append(0)
        elif c == ")":
            inner = stack.pop() if len(stack) > 1 else 0
            stack[-1] += inner
            last = max(inner, 1)
        elif c == "{" and (m := _COUNTED.match(pattern, i)) is not None:
            k = max(int(g) if g and len(g) <= 6 else (10**6 if g else 0) for g in m.groups())
            grown = last * max(k, 1)
            stack[-1] += grown - last
            last = grown
            if stack[-1] > 10 * MAX_EXPANDED:  # saturate: enough to refuse
                return stack[-1]
            i = m.end()
            continue
        else:
            stack[-1] += 1
            last = 1
        i += 1
    return sum(stack)


def is_linear(pattern: str, flags: Sequence[str]) -> bool:
    """True when a search with ``pattern`` on the backtracking ``regex`` engine takes time
    linear in the text, by construction (see :func:`_work`); otherwise it runs on RE2."""
    return regex_facts(pattern, flags).linear


def backtracking_risk(pattern: str, flags: Sequence[str]) -> str | None:
    """Explain why ``pattern`` may backtrack catastrophically, or return None."""
    return regex_facts(pattern, flags).risk


def _backtracking_risk(tree: Any) -> str | None:
    if tree is None:
        return None
    kind = _risk(tree, False)
    if kind == "nested":
        return (
            "nested quantifier (a repeated group containing an unbounded repeat, like (a+)+) can "
            "backtrack catastrophically; make the inner repeat possessive (a++) or the group "
            "atomic (?>...)"
        )
    if kind == "alternation":
        return (
            "repeated alternation whose branches can match the same text (like (a|a)* or "
            "(\\w|\\d)+) can backtrack catastrophically; merge the branches into one character "
            "class or make the group atomic (?>...)"
        )
    return None


@dataclass(frozen=True)
class RegexFacts:
    """What the load-time analyses say about one pattern (see the three functions above)."""

    risk: str | None
    literals: frozenset[str] | None
    linear: bool  # runs on the `regex` engine in linear time (else: RE2, or refused)
    also: tuple[frozenset[str], ...] = ()  # more required sets (each needs a member), if any
    work: int | None = None  # steps per character of text on the `regex` engine, when linear


# Facts by (pattern, flags): packs repeat patterns (YAML aliases, shared leaves), and the
# stdlib parse they all start from is the costly part, so a pattern is parsed once.
# Bounded in size: the patterns' characters (the facts of a pattern are smaller than it).
_FACTS: dict[tuple[str, tuple[str, ...]], RegexFacts] = {}
_MAX_FACTS_CHARS = 2_000_000
_FACTS_CHARS = 0


def regex_facts(pattern: str, flags: Sequence[str]) -> RegexFacts:
    """Backtracking risk, required literals and linearity of ``pattern``, from one parse."""
    key = (pattern, tuple(flags))
    got = _FACTS.get(key)
    if got is None:
        tree = _std_parse(pattern, flags, properties=True)
        sets = _required_literals(tree, flags)
        work = _work(tree, flags)
        exact = tree if tree is None or pattern == _plain_properties(pattern, flags) else None
        got = RegexFacts(
            risk=_backtracking_risk(exact),
            literals=sets[0] if sets else None,
            linear=work is not None,
            also=sets[1:],
            work=work,
        )
        global _FACTS_CHARS
        if len(pattern) <= _MAX_FACTS_CHARS // 100:
            if _FACTS_CHARS + len(pattern) > _MAX_FACTS_CHARS:
                _FACTS.clear()
                _FACTS_CHARS = 0
            _FACTS[key] = got
            _FACTS_CHARS += len(pattern)
    return got
