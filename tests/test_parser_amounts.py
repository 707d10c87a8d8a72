"""Table-driven tests for the amount extractor (cases in tests/cases/parser/amounts.yaml)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from _parser_ctx import make_ctx as shared_ctx
from hypothesis import given, settings
from hypothesis import strategies as st

from smscheck.parser._context import SHANGHAI, Context
from smscheck.parser.amounts import extract_amounts

_CASES = yaml.safe_load((Path(__file__).parent / "cases/parser/amounts.yaml").read_text("utf-8"))
_WHEN = datetime(2024, 12, 13, 20, 46, tzinfo=SHANGHAI)


def _text(raw: str) -> str:
    return raw.replace("LONG_DIGITS", "9" * 500)


def make_ctx(text: str, locale: str = "zh-CN", claims: list[list[str]] | None = None) -> Context:
    """A context with ``claims`` ([substring, tag]) already owned by earlier extractors."""
    return shared_ctx(text, locale, _WHEN, claims)


def _describe(text: str, ctx: Context) -> list[str]:
    out = []
    for a in extract_amounts(ctx):
        assert text[a.span.start : a.span.end] == a.text
        assert isinstance(a.value, Decimal)
        row = f"{a.text} = {a.value} {a.currency} {a.role}"
        out.append(row + (f" {a.range_part}" if a.range_part else ""))
    return out


@pytest.mark.parametrize("case", _CASES["cases"], ids=[c["id"] for c in _CASES["cases"]])
def test_amounts_table(case: dict[str, Any]) -> None:
    text = _text(case["text"])
    ctx = make_ctx(text, case.get("locale", "zh-CN"), case.get("claims"))
    assert _describe(text, ctx) == case["expect"]


def test_amounts_claim_their_ranges() -> None:
    ctx = make_ctx("应还1,234.56元")
    (a,) = extract_amounts(ctx)
    assert ctx.overlaps(2, 3, frozenset({"amount"}))
    assert a.span.start == 2


def test_amounts_value_keeps_written_decimals() -> None:
    (a,) = extract_amounts(make_ctx("应还1,000.00元"))
    assert str(a.value) == "1000.00"


@pytest.mark.parametrize(
    "text",
    [
        "9" * 100_000 + "元",
        "元" * 50_000,
        "1," * 40_000 + "元",
        "一" * 60_000 + "元",
        "¥" * 50_000,
        "元" + "123," * 8000,  # issue 13: quadratic before every repeat was bounded
    ],
    ids=["digits", "yuan", "commas", "cn-numerals", "yen-signs", "comma-groups"],
)
def test_amounts_long_input_is_no_amount(text: str) -> None:
    # Linear time is checked by construction in test_speed_dates_scan.py (bounded repeats,
    # bounded candidate reach), not by a clock; here: a well-defined, empty result.
    assert extract_amounts(make_ctx(text)) == ()


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Your deposİt of $300 is due", "fee"),  # İ: lower() gives two characters
        ("Your deposıt of $300 is due", "fee"),  # dotless ı
        ("mİnimum payment 50 dollars due", "minimum"),
        ("credıt limit 5000 USD", "credit_limit"),
    ],
)
def test_amounts_role_words_with_unusual_case_folds(text: str, role: str) -> None:
    got = extract_amounts(make_ctx(text, "en-US"))
    assert [a.role for a in got] == [role]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Chase: your payment of $86.00 is due on 05/14.", "due"),
        ("A payment of $40 is overdue on your account.", "due"),
        ("Your payment of $86.00 was received. Thank you.", "paid"),
        ("Payment of $12.50 to Comcast, thank you.", "paid"),
    ],
)
def test_amounts_payment_of_is_due_or_paid_by_what_follows(text: str, role: str) -> None:
    # "payment of $X" alone records a payment made; followed by "is due" it asks for one
    got = extract_amounts(make_ctx(text, "en-US"))
    assert [a.role for a in got] == [role]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("您户号的本月电费258.60元尚未缴纳，请按时交费。", "due"),
        ("您的宽带费120元未缴，将暂停服务。", "due"),
        ("您已成功缴纳电费258.60元。", "paid"),
    ],
)
def test_amounts_a_bill_not_yet_paid_is_due(text: str, role: str) -> None:
    # "尚未缴纳" after the amount is a bill to pay, not the record of a payment (缴纳)
    got = extract_amounts(make_ctx(text, "zh-CN"))
    assert [a.role for a in got] == [role]


_PIECES = [
    "1", "23", "1,234", ".56", "5", "万", "千", "亿", "k", "M", " million", "一", "两", "三", "五",
    "百", "十", "元", "块", "角", "分", "钱", "整", "美元", "港币", "欧元", "日币", "人民币", "¥",
    "$", "US$", "S$", "£", "€", "USD", "SGD", " ", "-", "--", "~", "至", "到", "——", "，", ",",
    "应还", "额度", "手续费", "余额", "个", "$[AMOUNT]", "$XX.XX", "cents", "fee", "due",
]  # fmt: skip


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["zh-CN", "en-US"]))
def test_amounts_are_well_formed_on_any_mix(pieces: list[str], locale: str) -> None:
    text = "".join(pieces)
    got = extract_amounts(make_ctx(text, locale))
    end = 0
    for i, a in enumerate(got):
        assert text[a.span.start : a.span.end] == a.text
        assert a.span.start >= end  # in order, never overlapping
        end = a.span.end
        assert a.value >= 0
        assert len(a.currency) >= 3
        if a.range_part == "low":  # a low end is followed by its high end
            high = got[i + 1]
            assert high.range_part == "high"
            assert high.currency == a.currency
            assert a.value <= high.value
        if a.range_part == "high":
            assert i > 0
            assert got[i - 1].range_part == "low"
