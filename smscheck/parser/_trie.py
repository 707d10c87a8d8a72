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


def first_chars(pattern: str) -> str | None:
    """Every character a match of ``pattern`` (compiled without flags) can start with.

    None when that cannot be told from the pattern (an empty match, a negated or category class,
    a back reference): callers then scan every position. Lookarounds are zero-width and only
    narrow the set, so ignoring them keeps it a superset.

    >>> sorted(first_chars("(?:列入|拉入)?(?:失信)?黑名单|律[师帅]函") or "")
    ['列', '失', '律', '拉', '黑']
    """
    try:
        chars, nullable = _seq(_sre.parse(pattern))
    except _Unknown:
        return None
    return None if nullable else "".join(sorted(chars))


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
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True
    raise _Unknown
