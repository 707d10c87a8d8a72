"""The extractor tests' shared way to build a parser Context (as ``parse()`` does)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from smscheck._text import clean_input, normalize
from smscheck.parser._context import SHANGHAI, Context

RECEIVED = datetime(2024, 12, 13, 20, 46, tzinfo=SHANGHAI)


def make_ctx(
    text: str,
    locale: str = "zh-CN",
    received_at: datetime = RECEIVED,
    claims: list[list[str]] | None = None,
) -> Context:
    """A context for ``text``; ``claims`` ([substring, tag]) are owned by earlier extractors."""
    ctx = Context(
        nt=normalize(clean_input(text)), locale=locale, received_at=received_at, tz=SHANGHAI
    )
    for sub, tag in claims or []:
        n = normalize(sub).text
        a = ctx.text.index(n)
        ctx.claim(a, a + len(n), tag)
    return ctx


def case_ctx(case: dict[str, Any]) -> Context:
    """A context from a table case: ``text`` and optional ``locale``, ``received_at`` and
    ``claim: {text, tag}``."""
    when = case.get("received_at")
    claim = case.get("claim")
    return make_ctx(
        case["text"],
        case.get("locale", "zh-CN"),
        datetime.fromisoformat(when) if when else RECEIVED,
        [[claim["text"], claim["tag"]]] if claim else None,
    )
