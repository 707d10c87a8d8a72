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


def matches(item: Any, want: dict[str, Any]) -> bool:
    """Every field in ``want`` equals the item's (tuples compared as lists, as YAML has them)."""
    for key, value in want.items():
        got = getattr(item, key)
        if isinstance(got, tuple):
            got = list(got)
        if got != value:
            return False
    return True


def check_found(case: dict[str, Any], found: tuple[Any, ...]) -> None:
    """Each item's text is its span's slice; every ``expect`` entry matches an item, no item
    matches a ``none`` entry."""
    for item in found:
        assert item.text == case["text"][item.span.start : item.span.end], item
    for want in case.get("expect", []):
        assert any(matches(i, want) for i in found), f"missing {want} in {found}"
    for unwanted in case.get("none", []):
        bad = [i for i in found if matches(i, unwanted)]
        assert not bad, f"must not extract {unwanted}: {bad}"
