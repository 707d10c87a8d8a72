"""Literal alternations as prefix-tree regular expressions.

``re`` tries the branches of ``a|b|c`` one after the other at every position it cannot rule out,
so a flat alternation of a few hundred keywords costs a few hundred comparisons per candidate
position. The same words as a prefix tree (``账(?:户(?:名称?)?|号)``) leave at most one branch
per character to follow. Matches are the same as the flat alternation sorted longest first: at a
given position the text picks a single path through the tree, and the greedy optional tails
return its deepest word, which is the longest keyword starting there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
