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


def _std_parse(pattern: str, flags: Sequence[str]) -> Any:
    """Parse with the stdlib parser, or None when it reads the pattern differently."""
    if _ODD_BRACE.search(pattern):
        return None
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


def _score(cand: list[str]) -> tuple[int, int]:
    return (min(len(c) for c in cand), -len(cand))


def _all_literal_sets(items: Any) -> list[list[str]]:
    """Every set of literals one of which every match must contain that this sequence shows
    (each from a different part of it), best first by (shortest literal, fewer literals)."""
    found: list[list[str]] = []

    def consider(cand: list[str] | None) -> None:
        if cand and all(cand):
            found.append(cand)

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
        terms = frozenset(cand)
        if not any(kept <= terms for kept in out):  # a superset of a kept set tells nothing
            out.append(terms)
            if len(out) == _MAX_FILTERS:
                break
    if found and out and out[0] != frozenset(found[0]):
        return ()  # the best set is unsafe: keep what a single set gave (no filter at all)
    return tuple(out)


_MAX_FILTERS = 3  # sets checked before a regex runs: each is one C-level isdisjoint


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
    sets = [_alt_set(b) for b in branches]
    texts = []
    for b in branches:
        items = list(_seq(b))
        texts.append(
            "".join(chr(av) for op, av in items)
            if all(op is _sc.LITERAL for op, _ in items)
            else None
        )
    for i in range(len(branches)):
        for j in range(i + 1, len(branches)):
            si, sj = sets[i], sets[j]
            if _overlap(si, sj):
                return True
            ti, tj = texts[i], texts[j]
            if (
                ti
                and tj
                and (ti == tj or ti * (len(tj) // len(ti)) == tj or tj * (len(ti) // len(tj)) == ti)
            ):
                return True
    return False


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


_MAX_WORK = 10_000


def _work(items: Any) -> int | None:
    """Steps one match attempt can take at most, up to a constant; None when unbounded."""
    total = 1
    for op, av in _seq(items):
        if op in _REPEATS:
            _lo, hi, body = av
            inner = _work(body)
            if hi is _sc.MAXREPEAT or inner is None:
                return None
            step = (hi + 1) * inner
        elif op is _sc.SUBPATTERN:
            sub = _work(av[3])
            if sub is None:
                return None
            step = sub
        elif op is _sc.BRANCH:
            works = [_work(b) for b in av[1]]
            if any(w is None for w in works):
                return None
            step = sum(w for w in works if w is not None)
        elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
            inner = _work(av[1])
            if inner is None:
                return None
            step = inner
        elif op in (_sc.GROUPREF, getattr(_sc, "GROUPREF_EXISTS", None)):
            return None
        else:
            step = 1
        total *= max(step, 1)
        if total > _MAX_WORK:
            return None
    return total


def is_linear(pattern: str, flags: Sequence[str]) -> bool:
    """True when every match attempt of ``pattern`` is bounded by a constant of the pattern
    alone (no unbounded repetition, no back-references, bounded nesting): its running time is
    then linear in the text, so it can run without the per-call timeout."""
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
    linear: bool
    also: tuple[frozenset[str], ...] = ()  # more required sets (each needs a member), if any


# Facts by (pattern, flags): packs repeat patterns (YAML aliases, shared leaves), and the
# stdlib parse they all start from is the costly part, so a pattern is parsed once.
_FACTS: dict[tuple[str, tuple[str, ...]], RegexFacts] = {}
_MAX_FACTS = 20_000


def regex_facts(pattern: str, flags: Sequence[str]) -> RegexFacts:
    """Backtracking risk, required literals and linearity of ``pattern``, from one parse."""
    key = (pattern, tuple(flags))
    got = _FACTS.get(key)
    if got is None:
        tree = _std_parse(pattern, flags)
        sets = _required_literals(tree, flags)
        got = RegexFacts(
            risk=_backtracking_risk(tree),
            literals=sets[0] if sets else None,
            linear=tree is not None and _work(tree) is not None,
            also=sets[1:],
        )
        if len(_FACTS) >= _MAX_FACTS:
            _FACTS.clear()
        _FACTS[key] = got
    return got
