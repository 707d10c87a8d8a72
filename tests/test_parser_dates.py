"""Table-driven tests for the date extractor (cases in tests/cases/parser/dates.yaml)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from _parser_ctx import make_ctx as shared_ctx

from smscheck.models import DateMention
from smscheck.parser._context import MAX_ITEMS, SHANGHAI, Context
from smscheck.parser.dates import extract_dates, pick_deadline

_CASES = yaml.safe_load((Path(__file__).parent / "cases/parser/dates.yaml").read_text("utf-8"))
_WHEN = datetime(2024, 12, 13, 20, 46, tzinfo=SHANGHAI)


def make_ctx(
    text: str,
    locale: str = "zh-CN",
    claims: list[list[str]] | None = None,
    when: datetime = _WHEN,
) -> Context:
    """A context with ``claims`` ([substring, tag]) already owned by earlier extractors."""
    return shared_ctx(text, locale, when, claims)


def _fmt(d: datetime) -> str:
    d = d.astimezone(SHANGHAI)
    return d.strftime("%Y-%m-%d %H:%M:%S" if d.second else "%Y-%m-%d %H:%M")


def _describe(text: str, dates: tuple[DateMention, ...]) -> list[str]:
    out = []
    for d in dates:
        assert text[d.span.start : d.span.end] == d.text
        assert d.start.tzinfo is not None
        assert d.end.tzinfo is not None
        assert d.start <= d.end
        out.append(f"{d.text} | {_fmt(d.start)} | {_fmt(d.end)} | {d.kind} | {d.role}")
    return out


@pytest.mark.parametrize("case", _CASES["cases"], ids=[c["id"] for c in _CASES["cases"]])
def test_dates_table(case: dict[str, Any]) -> None:
    when = datetime.fromisoformat(case["received_at"]) if "received_at" in case else _WHEN
    ctx = make_ctx(case["text"], case.get("locale", "zh-CN"), case.get("claims"), when)
    dates = extract_dates(ctx)
    assert _describe(case["text"], dates) == case["expect"]
    deadline = pick_deadline(dates)
    assert (None if deadline is None else _fmt(deadline)) == case["deadline"]


def test_dates_resolve_in_context_zone() -> None:
    # 23:30 UTC on 12 Dec is already 13 Dec in Shanghai: 明天 is the 14th.
    when = datetime(2024, 12, 12, 23, 30, tzinfo=timezone.utc)
    (d,) = extract_dates(make_ctx("明天", when=when))
    assert d.start == datetime(2024, 12, 14, tzinfo=SHANGHAI)


def test_dates_claim_their_ranges() -> None:
    ctx = make_ctx("请于12月20日前还款")
    extract_dates(ctx)
    assert ctx.overlaps(2, 4, frozenset({"date"}))


def test_pick_deadline_ignores_other_roles() -> None:
    ctx = make_ctx("12月10日消费，开庭时间1月8日")
    dates = extract_dates(ctx)
    assert {d.role for d in dates} == {"transaction", "hearing"}
    assert pick_deadline(dates) is None


def test_pick_deadline_latest_end() -> None:
    dates = extract_dates(make_ctx("请于12月20日前还款，最晚不超过12月25日"))
    assert pick_deadline(dates) == datetime(2024, 12, 26, tzinfo=SHANGHAI)
    assert pick_deadline(dates) - _WHEN > timedelta(days=12)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "12月" * 30_000,
        "12/" * 30_000,
        "今天" * 30_000,
        "逾期" * 30_000 + "天",
        "9点" * 30_000,
    ],
    ids=["digits", "months", "slashes", "today", "overdue", "hours"],
)
def test_dates_long_input_is_bounded(text: str) -> None:
    # No clock: linear time is checked by construction in test_speed_dates_scan.py; a long
    # input gives a well-defined result capped at MAX_ITEMS mentions.
    assert len(extract_dates(make_ctx(text))) <= MAX_ITEMS


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("pay within 10 mİnutes", "pay within 10 minutes"),  # İ lower-cases to two characters
        ("pay tonİght", "pay tonight"),
        ("within 2 workıng days", "within 2 working days"),  # dotless ı
        ("due Decİmber 20", "due Decimber 20"),
        ("by 5 PM on Dec 20", "by 5 PM on Dec 20"),
    ],
)
def test_dates_english_words_with_dotted_or_dotless_i(text: str, plain: str) -> None:
    got = [(d.start, d.end, d.kind, d.role) for d in extract_dates(make_ctx(text, "en-US"))]
    want = [(d.start, d.end, d.kind, d.role) for d in extract_dates(make_ctx(plain, "en-US"))]
    assert got == want


def test_english_deadlines_resolve_in_the_zone_of_received_at() -> None:
    # 11:30 pm on Thursday 12 Dec in New York is already Friday in UTC: "tomorrow" and "by
    # Friday" are read on the New York calendar (parse() gives en-US the zone of received_at).
    from zoneinfo import ZoneInfo

    from smscheck._text import normalize

    ny = ZoneInfo("America/New_York")
    when = datetime(2024, 12, 12, 23, 30, tzinfo=ny)
    ctx = Context(normalize("Pay by Friday. We call tomorrow"), "en-US", when, ny)
    got = [(d.text, d.start, d.role) for d in extract_dates(ctx)]
    assert got == [
        ("Friday", datetime(2024, 12, 13, tzinfo=ny), "deadline"),
        ("tomorrow", datetime(2024, 12, 13, tzinfo=ny), "other"),
    ]
