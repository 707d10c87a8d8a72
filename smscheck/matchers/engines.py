"""The two regex engines rule patterns run on, neither with a clock.

* The backtracking ``regex`` module, for patterns whose work per start position the load-time
  analysis bounds by a constant of the pattern (:func:`~.regex_analysis.regex_facts`,
  ``linear``): look-around, possessive repeats, ``\\p{..}`` and fuzzy matching are available,
  and the running time is linear in the text by construction.
* RE2 (``google-re2``: a DFA/NFA engine, linear in the text for every pattern it accepts) for
  every other pattern. RE2 has no look-around and no back-references; its ``\\d \\w \\s`` are
  ASCII, so :func:`to_re2` rewrites them to the Unicode classes the ``regex`` module uses.
  Its ``\\b`` stays ASCII and ``$`` matches only at the very end (not before a final newline),
  documented in docs/rules.md.

A pattern neither engine can run in linear time is refused at load.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from .regex_analysis import _sc, _std_parse

_BRANCH = _sc.BRANCH

# What the `regex` module's Unicode classes contain, in RE2 syntax (checked code point by code
# point against the `regex` module in tests/test_matchers.py, up to Unicode version changes).
_DIGIT = r"\p{Nd}"
_WORD = r"\p{L}\p{Nl}\p{Nd}\p{M}\p{Pc}\x{200c}\x{200d}"
_SPACE = r"\t\n\v\f\r \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_IN_CLASS = {"d": _DIGIT, "w": _WORD, "s": _SPACE, "D": r"\P{Nd}"}
_OUTSIDE = {
    "d": _DIGIT,
    "D": r"\P{Nd}",
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
}
_INLINE = {"ignorecase": "i", "multiline": "m", "dotall": "s"}
RE2_MAX_MEM = 8 << 20  # bytes of compiled program RE2 may use per pattern (its default)


def to_re2(pattern: str, flags: Sequence[str]) -> str | None:
    """``pattern`` rewritten for RE2 with the ``regex`` module's Unicode classes, or None when
    it uses syntax this rewrite does not handle (verbose mode; ``\\W``, ``\\S`` inside ``[...]``)."""
    if "verbose" in flags:
        return None
    ascii_only = "ascii" in flags
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            i += 2
            if ascii_only or e not in "dDwWsS":
                out.append("\\" + e)
                continue
            if in_class:
                got = _IN_CLASS.get(e)
                if got is None:
                    return None
                out.append(got)
            else:
                out.append(_OUTSIDE[e])
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[":
                if pattern.startswith("[:", i):  # POSIX classes: RE2 and `regex` agree on ASCII
                    end = pattern.find(":]", i + 2)
                    if end > 0:
                        out.append(pattern[i : end + 2])
                        i = end + 2
                        continue
                return None  # nested sets (`regex` V1 syntax): not rewritten
        elif c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":  # a leading ] is a literal
                out.append("\\]")
                i += 1
            continue
        out.append(c)
        i += 1
    prefix = "".join(_INLINE[f] for f in flags if f in _INLINE)
    body = "".join(out)
    return f"(?{prefix}){body}" if prefix else body


def re2_options() -> Any:
    """Options every rule pattern is compiled with (errors are reported, not logged)."""
    import re2  # type: ignore[import-untyped]

    opts = re2.Options()
    opts.log_errors = False
    opts.max_mem = RE2_MAX_MEM
    return opts


def compile_re2(pattern: str, flags: Sequence[str]) -> Any:
    """Compile for RE2; raises ``ValueError`` with the reason when RE2 cannot run it.

    A pattern that starts with look-behinds of bounded width (``(?<!\\bif\\s)never…``) runs
    as RE2 for the rest plus the look-behinds checked at each match's start
    (:class:`GuardedRe2`)."""
    import re2

    source = to_re2(pattern, flags)
    if source is None:
        raise ValueError("uses syntax RE2 cannot run (verbose mode, or \\W/\\S inside [...])")
    try:
        return Re2Pattern(re2.compile(source, re2_options()), pattern)
    except re2.error as exc:
        reason = _re2_reason(exc)
    split = _leading_lookbehinds(pattern)
    if split is None:
        raise ValueError(reason)
    guard, rest = split
    inner = compile_re2(rest, flags)
    f = 0
    for name in flags:
        f |= _REGEX_FLAGS[name]
    return GuardedRe2(inner, regex.compile(guard, f), pattern)


_REGEX_FLAGS = {
    "ignorecase": regex.IGNORECASE,
    "multiline": regex.MULTILINE,
    "dotall": regex.DOTALL,
    "verbose": regex.VERBOSE,
    "ascii": regex.ASCII,
}
MAX_LOOKBEHIND = 100  # characters a leading look-behind may look at


class _Match:
    """What the rule engine reads of a match: its span (character offsets)."""

    __slots__ = ("_span",)
    lastgroup = None

    def __init__(self, start: int, end: int) -> None:
        self._span = (start, end)

    def span(self) -> tuple[int, int]:
        """``(start, end)`` in characters."""
        return self._span

    def start(self) -> int:
        """Start in characters."""
        return self._span[0]


class Re2Pattern:
    """A compiled RE2 pattern, searched through RE2's own binding: the text is encoded once
    per search (lone surrogates pass through as the 3 bytes they take, so any ``str`` can be
    searched; google-re2's wrapper refuses them), byte offsets are mapped back to characters
    in one forward pass, and no per-match Python objects beyond the span are made (the
    wrapper's ``finditer`` costs about 20 µs a call, this about 3)."""

    __slots__ = ("_anchor", "_c", "_rx", "pattern")

    def __init__(self, rx: Any, pattern: str) -> None:
        self._rx = rx  # re2._Regexp: pickles by pattern and options
        self._c = rx._regexp
        self._anchor = type(self._c).Anchor.UNANCHORED
        self.pattern = pattern

    @property
    def programsize(self) -> int:
        """RE2's program size: the NFA's states, what a character may cost at most."""
        return int(self._c.ProgramSize())

    def finditer(self, text: str, start: int = 0) -> Iterator[_Match]:
        """Leftmost-first matches, left to right, not overlapping, from character ``start``
        on (the text before it still counts for ``^``, ``\\b`` and look-behinds)."""
        data = text.encode("utf-8", "surrogatepass")
        ascii_only = len(data) == len(text)
        match = self._c.Match
        anchor = self._anchor
        end = len(data)
        at_char = min(max(start, 0), len(text))
        pos = at_char if ascii_only else len(text[:at_char].encode("utf-8", "surrogatepass"))
        at_byte = pos  # the last byte offset mapped, and its character offset
        while pos <= end:
            s, e = match(anchor, data, pos, end)[0]
            if s < 0:
                return
            if ascii_only:
                yield _Match(s, e)
            else:
                cs = at_char + len(data[at_byte:s].decode("utf-8", "surrogatepass"))
                ce = cs + len(data[s:e].decode("utf-8", "surrogatepass"))
                at_byte, at_char = e, ce
                yield _Match(cs, ce)
            if e > s:
                pos = e
            else:  # an empty match: step over one character
                pos = e + 1
                while pos < end and data[pos] & 0xC0 == 0x80:
                    pos += 1

    def search(self, text: str, start: int = 0) -> _Match | None:
        """The first match from character ``start`` on, or None."""
        return next(self.finditer(text, start), None)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Re2Pattern, (self._rx, self.pattern))


class GuardedRe2:
    """RE2 for a pattern's body, with its leading look-behinds checked at each match's start.

    A match whose start fails a look-behind is skipped and the search goes on after it: the
    same matches as the backtracking engine, except one that starts inside a skipped match
    (documented in docs/rules.md). Work: one RE2 pass plus a bounded check per match.
    """

    __slots__ = ("_guard", "_rx", "pattern")

    def __init__(self, rx: Any, guard: regex.Pattern[str], pattern: str) -> None:
        self._rx = rx
        self._guard = guard
        self.pattern = pattern

    @property
    def programsize(self) -> int:
        """RE2's program size for the body, plus the look-behinds' width."""
        return int(self._rx.programsize) + MAX_LOOKBEHIND

    def finditer(self, text: str, start: int = 0) -> Iterator[Any]:
        """Matches of the body whose start passes every look-behind, from character
        ``start`` on."""
        guard = self._guard.match
        for m in self._rx.finditer(text, start):
            if guard(text, m.start()):
                yield m

    def search(self, text: str, start: int = 0) -> Any:
        """The first match from character ``start`` on, or None."""
        return next(self.finditer(text, start), None)

    def __reduce__(self) -> tuple[Any, ...]:
        return (GuardedRe2, (self._rx, self._guard, self.pattern))


def _leading_lookbehinds(pattern: str) -> tuple[str, str] | None:
    """Split ``(?<!A)(?<=B)REST`` into the look-behinds and REST, when every look-behind has a
    bounded width (at most :data:`MAX_LOOKBEHIND`) and REST has no top-level ``|`` that the
    look-behinds would not cover; else None."""
    i = 0
    while pattern.startswith(("(?<!", "(?<="), i):
        end = _group_end(pattern, i)
        if end is None:
            return None
        body = _std_parse(pattern[i + 4 : end - 1], ())
        if body is None:
            return None
        try:
            _lo, hi = body.getwidth()
        except Exception:  # an unbounded width
            return None
        if hi > MAX_LOOKBEHIND:
            return None
        i = end
    if i == 0:
        return None
    tree = _std_parse(pattern, ())
    if tree is None or any(op is _BRANCH for op, _ in getattr(tree, "data", ())[:1]):
        return None  # `(?<!a)b|c`: the look-behind belongs to the first branch only
    return pattern[:i], pattern[i:]


def pattern_pieces(pattern: str, start: int = 0) -> Iterator[tuple[int, str, bool]]:
    """Index, text and whether it lies inside a ``[...]`` class, of each piece of ``pattern``
    from ``start``: an escape (``\\d``; a lone ``\\`` at the very end) or one character. A
    class's own ``[`` and closing ``]`` are outside it; a leading ``^``, ``]`` or ``^]`` is
    inside. A class still open at the end yields ``(len(pattern), "", True)``."""
    i, n = start, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            yield i, pattern[i : i + 2], in_class
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            yield i, c, in_class
        elif c == "[":
            yield i, c, False
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
                yield i, "^", True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
                yield i, "]", True
        else:
            yield i, c, False
        i += 1
    if in_class:
        yield n, "", True


def pattern_structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """Index and character of each ``(``, ``)`` and ``|`` of ``pattern`` from ``start`` that is
    neither escaped nor inside a ``[...]`` class (see :func:`pattern_pieces`); a class still
    open at the end yields ``(len(pattern), "[")``."""
    for i, piece, inside in pattern_pieces(pattern, start):
        if inside:
            if not piece:
                yield i, "["
        elif piece in ("(", ")", "|"):
            yield i, piece


def _group_end(pattern: str, start: int) -> int | None:
    """Index just past the group opened at ``start`` (escapes and [...] respected)."""
    depth = 0
    for i, c in pattern_structure(pattern, start):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        elif c == "[":
            return None
    return None


def _re2_reason(exc: Exception) -> str:
    msg = str(exc.args[0] if exc.args else exc)
    if msg.startswith("b'") or msg.startswith('b"'):
        msg = msg[2:-1]
    return msg


def re2_available() -> bool:
    """Is google-re2 installed (it is a dependency; a platform without a wheel lacks it)?"""
    try:
        import re2  # noqa: F401
    except ImportError:  # pragma: no cover - the wheel is installed with smscheck
        return False
    return True
