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

__all__ = ["literal_trie"]


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


def _emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    alts = [re.escape(ch) + _emit(node[ch]) for ch in sorted(k for k in node if k)]
    if not alts:
        return ""
    end = "" in node
    if len(alts) == 1 and not end:
        return alts[0]
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


def _op(op: object, av: Any) -> tuple[set[str], bool]:
    c = _sre  # constants live in the parser module's namespace
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        out: set[str] = set()
        for iop, iav in av:
            if iop is c.LITERAL:
                out.add(chr(iav))
            elif iop is c.RANGE and iav[1] - iav[0] <= 256:
                out.update(chr(i) for i in range(iav[0], iav[1] + 1))
            elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                out.add(_DIGIT)
            else:
                raise _Unknown
        return out, False
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


class FirstCharDispatch:
    """For a pattern that is an alternation, the alternatives that can match at a character.

    At a position whose character is ``ch``, only alternatives that can start with ``ch`` can
    match; the others are disabled with a leading ``(?!)`` (same groups, same numbers), so the
    pattern returned matches exactly what the whole alternation matches there, usually at a
    fraction of the cost. Alternatives whose first characters cannot be read are always kept. Membership
    is decided by ``re`` itself with the pattern's flags, so IGNORECASE folds the same way.
    """

    __slots__ = ("_alts", "_cache", "_flags", "_tests")

    def __init__(self, alternatives: list[str], flags: int = 0) -> None:
        self._alts = alternatives
        self._flags = flags
        self._tests: list[re.Pattern[str] | None] = []
        for alt in alternatives:
            found = first_set(alt, flags & re.VERBOSE)
            if found is None:
                self._tests.append(None)
                continue
            chars, digit = found
            cls = "".join(re.escape(c) for c in sorted(chars)) + ("\\d" if digit else "")
            self._tests.append(re.compile(f"[{cls}]", flags & re.IGNORECASE) if cls else _NEVER)
        self._cache: dict[str, re.Pattern[str] | None] = {}

    def __call__(self, ch: str) -> re.Pattern[str] | None:
        """The alternatives that can match where ``ch`` is, compiled; None when none can."""
        try:
            return self._cache[ch]
        except KeyError:
            pass
        # An alternative that cannot match is kept behind (?!), which fails at once: every
        # group keeps its name and number, so the match object reads like the whole pattern's.
        keep = [test is None or test.match(ch) is not None for test in self._tests]
        found = (
            re.compile(
                "|".join(a if k else "(?!)" + a for a, k in zip(self._alts, keep, strict=True)),
                self._flags,
            )
            if any(keep)
            else None
        )
        self._cache[ch] = found
        return found


_NEVER = re.compile("(?!)")
