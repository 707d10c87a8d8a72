"""Registry patterns (``sender_patterns``, ``domain_patterns``), compiled with RE2.

RE2 matches in time linear in the input with no backtracking, so no pattern can be slow and
nothing depends on a clock: a pattern RE2 cannot compile (back-references, look-around,
repeats over 1,000, programs over the memory budget) is refused when the file loads, at its
``path:line``. Patterns are anchored (``^…$``) and at most 300 characters.
"""

from __future__ import annotations

from typing import Any

import re2  # type: ignore[import-untyped]

MAX_LENGTH = 300
_MAX_MEM = 1 << 20  # bytes of compiled program per pattern (RE2's default is 8 MiB)


def _options() -> Any:
    o = re2.Options()
    o.log_errors = False  # the error is reported by the loader, not printed on stderr
    o.max_mem = _MAX_MEM
    return o


def check_pattern(p: str) -> None:
    """Raise ``ValueError`` saying why ``p`` cannot be a registry pattern."""
    if not (p.startswith("^") and p.endswith("$")) or p.endswith("\\$"):
        raise ValueError(f"pattern {p!r} must be anchored with ^ and $")
    if len(p) > MAX_LENGTH:
        raise ValueError(f"pattern longer than {MAX_LENGTH} characters")
    compile_pattern(p)


def compile_pattern(p: str) -> Any:
    """The RE2 program for ``p``; ``ValueError`` when RE2 refuses it."""
    try:
        return re2.compile(p, _options())
    except re2.error as e:
        why = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else e
        raise ValueError(
            f"pattern {p!r} is not in the linear-time pattern language (RE2: {why}); "
            "use classes, alternatives and bounded repeats, no back-references or look-around"
        ) from None


def matches(rx: Any, text: str) -> bool:
    """True when ``rx`` matches ``text`` from its start; text RE2 cannot encode (a lone
    surrogate) matches nothing."""
    try:
        return rx.match(text) is not None
    except UnicodeEncodeError:
        return False
