"""Literal alternations as prefix-tree regular expressions.

``re`` tries the branches of ``a|b|c`` one after the other at every position it cannot rule out,
so a flat alternation of a few hundred keywords costs a few hundred comparisons per candidate
position. The same words as a prefix tree (``账(?:户(?:名称?)?|号)``) leave at most one branch
per character to follow. Matches are the same as the flat alternation sorted longest first: at a
given position the text picks a single path through the tree, and the greedy optional tails
return its deepest word, which is the longest keyword starting there.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["guarded_trie", "literal_trie", "pairs_filter", "start_filter", "start_pairs"]


def literal_trie(words: Iterable[str]) -> str:
    """A pattern matching exactly ``words``, longest first at each position (no flags assumed).

    >>> import re
    >>> re.findall(literal_trie(["账户", "账户名", "账户名称", "账号"]), "账户名称账号账户名")
    ['账户名称', '账号', '账户名']
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        if not w:
            raise ValueError("empty keyword")
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def guarded_trie(words: Iterable[tuple[str, str]]) -> str:
    """Like :func:`literal_trie` for ``(word, guard)`` pairs, ``guard`` a lookaround ("" for
    none) tested where the word ends: the same matches as the alternation of ``word + guard``
    sorted longest word first (when a longer word's guard fails, a shorter word may match).

    >>> import re
    >>> re.findall(guarded_trie([("京东", "(?!方)"), ("京东金融", "")]), "京东金融京东方京东")
    ['京东金融', '京东']
    """
    root: dict[str, Any] = {}
    for w, guard in words:
        if not w:
            raise ValueError("empty keyword")
        if guard and not guard.startswith(("(?!", "(?=", "(?<!", "(?<=")):
            raise ValueError(f"guard must be a lookaround: {guard!r}")
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        if "" in node and node[""] != guard:
            raise ValueError(f"two guards for {w!r}")
        node[""] = guard
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    alts = [re.escape(ch) + _emit(node[ch]) for ch in sorted(k for k in node if k)]
    end = "" in node
    # literal_trie marks a word end with {}, guarded_trie with its guard ("" for none).
    guard = node[""] if end and isinstance(node[""], str) else ""
    if not alts:
        return guard
    if len(alts) == 1 and not end:
        return alts[0]
    if guard:
        return "(?:" + "|".join(alts) + "|" + guard + ")"
    body = "(?:" + "|".join(alts) + ")"
    return body + "?" if end else body


# The stdlib's own pattern parser: re._parser on Python 3.11+, where importing the old
# sre_parse name (all 3.10 has) warns.
try:
    _sre: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _sre = importlib.import_module("sre_parse")


class _Unknown(Exception):
    pass


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """Every character a match of ``pattern`` can start with (``flags`` may hold VERBOSE only).

    None when that cannot be told from the pattern (an empty match, a negated or category class,
    a back reference): callers then scan every position. Lookarounds are zero-width and only
    narrow the set, so ignoring them keeps it a superset.

    >>> sorted(first_chars("(?:列入|拉入)?(?:失信)?黑名单|律[师帅]函") or "")
    ['列', '失', '律', '拉', '黑']
    """
    found = first_set(pattern, flags)
    if found is None or found[1]:
        return None
    return "".join(sorted(found[0]))


def first_set(pattern: str, flags: int = 0) -> tuple[frozenset[str], bool] | None:
    """Like :func:`first_chars`, as ``(characters, any_decimal_digit)``: ``\\d`` adds every
    character ``str.isdecimal`` accepts (what ``re`` means by ``\\d`` in a str pattern).

    >>> chars, digits = first_set(r"(?P<a>\\d{1,2})点|[一二]月")
    >>> sorted(chars), digits
    (['一', '二'], True)
    """
    if flags & ~re.VERBOSE:
        return None
    try:
        chars, nullable = _seq(_sre.parse(pattern, flags))
    except _Unknown:
        return None
    if nullable:
        return None
    digit = _DIGIT in chars
    return frozenset(chars - {_DIGIT}), digit


_DIGIT = "\\d"  # stands for the \\d class inside the sets built below


def _seq(items: Any) -> tuple[set[str], bool]:
    acc: set[str] = set()
    for op, av in items:
        chars, nullable = _op(op, av)
        acc |= chars
        if not nullable:
            return acc, False
    return acc, True


def _class_chars(av: Any, digits: bool) -> set[str]:
    """The characters of a ``[...]`` class: literals and small ranges, and with ``digits`` the
    ``\\d`` category (as the ``_DIGIT`` marker); anything else cannot be read."""
    c = _sre
    out: set[str] = set()
    for iop, iav in av:
        if iop is c.LITERAL:
            out.add(chr(iav))
        elif iop is c.RANGE and iav[1] - iav[0] <= 256:
            out.update(chr(i) for i in range(iav[0], iav[1] + 1))
        elif digits and iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
            out.add(_DIGIT)
        else:
            raise _Unknown
    return out


def _op(op: object, av: Any) -> tuple[set[str], bool]:
    c = _sre  # constants live in the parser module's namespace
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        return _class_chars(av, digits=True), False
    if op is c.SUBPATTERN:
        _group, add, dele, sub = av
        if add or dele:
            raise _Unknown
        return _seq(sub)
    if op is c.BRANCH:
        out, nullable = set(), False
        for alt in av[1]:
            chars, n = _seq(alt)
            out |= chars
            nullable = nullable or n
        return out, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        lo, _hi, sub = av
        chars, nullable = _seq(sub)
        return chars, nullable or lo == 0
    if op is c.GROUPREF:  # (?P=name) after the group: never first in a match
        raise _Unknown
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True
    raise _Unknown


def start_filter(patterns: Iterable[str]) -> str | None:
    """A pattern matching ONE character at every position where one of ``patterns`` can match
    (and at some others), from :func:`start_pairs`; None when a pattern is beyond it.

    >>> import re
    >>> f = start_filter(["律[师帅]函", "通知(?:家人)?", "告知"])
    >>> [m.start() for m in re.finditer(f, "律师通告知道律所通知")]
    [0, 3, 8]
    """
    found: set[str] = set()
    for pattern in patterns:
        pairs = start_pairs(pattern)
        if pairs is None:
            return None
        found |= pairs
    return pairs_filter(found)


def pairs_filter(pairs: Iterable[str]) -> str:
    """A pattern matching the first character of each of ``pairs`` (strings of one or two
    characters) where the second one follows (anything may follow a one-character string).

    Each match is one character wide, so ``finditer`` sees every candidate position even when
    candidates overlap, and every branch starts with a literal, so ``re`` skips ahead with a
    character-set scan. Never matches when ``pairs`` is empty.
    """
    firsts: dict[str, set[str]] = {}
    for pair in pairs:
        if not pair:
            raise ValueError("empty start")
        firsts.setdefault(pair[0], set()).add(pair[1:])
    alts = []
    for ch in sorted(firsts):
        seconds = firsts[ch]
        if "" in seconds:  # a one-character match: the second character is not checked
            alts.append(re.escape(ch))
        else:
            cls = "".join(re.escape(c) for c in sorted(seconds))
            alts.append(f"{re.escape(ch)}(?=[{cls}])")
    return "|".join(alts) if alts else "(?!)"


_PAIR_LIMIT = 4096


def start_pairs(pattern: str) -> frozenset[str] | None:
    """The first two characters of every match of ``pattern`` (the whole match when it is
    shorter), from its parse tree; lookarounds are ignored, so the set may be too large but
    never too small. None for an empty match, a class that is not a short list of characters,
    a back reference, flags, or too many pairs.

    >>> sorted(start_pairs("(?:您的?|其)?律[师帅]") or ())
    ['其律', '律帅', '律师', '您律', '您的']
    """
    try:
        found = _pseq(_sre.parse(pattern))
    except _Unknown:
        return None
    if "" in found:
        return None
    return frozenset(found)


def _concat(acc: set[str], more: set[str]) -> set[str]:
    out = set()
    for a in acc:
        if len(a) >= 2:
            out.add(a)
        else:
            out.update((a + b)[:2] for b in more)
    if len(out) > _PAIR_LIMIT:
        raise _Unknown
    return out


def _pseq(items: Any) -> set[str]:
    acc = {""}
    for op, av in items:
        if all(len(a) >= 2 for a in acc):
            break
        acc = _concat(acc, _pop(op, av))
    return acc


def _pop(op: object, av: Any) -> set[str]:
    """The first two characters of each match of one node (the whole match when shorter)."""
    c = _sre
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        return _class_chars(av, digits=False)
    if op is c.SUBPATTERN:
        _group, add, dele, sub = av
        if add or dele:
            raise _Unknown
        return _pseq(sub)
    if op is c.BRANCH:
        out = set()
        for alt in av[1]:
            out |= _pseq(alt)
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        one = _pseq(sub)
        # n repetitions for n in [lo, hi]; past lo + 2 more add nothing new (two characters).
        reps, out = {""}, set()
        for n in range(min(hi, lo + 2) + 1):
            if n >= lo:
                out |= reps
            reps = _concat(reps, one)
        return out
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return {""}
    raise _Unknown


def top_level_alternatives(pattern: str) -> list[str] | None:
    """``pattern`` split at its top-level ``|``: joined with ``|`` again they are ``pattern``.

    None for a pattern the simple scan cannot split safely (a ``#`` comment, unbalanced
    brackets).

    >>> top_level_alternatives(r"(a|b)c|[|]\\||d")
    ['(a|b)c', '[|]\\\\|', 'd']
    """
    out: list[str] = []
    depth, start, i, n = 0, 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "#":
            return None
        if ch == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            if i >= n:
                return None
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth:
        return None
    out.append(pattern[start:])
    return out
