"""Table-driven tests for payment instructions (tests/cases/parser/payments.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from _parser_ctx import case_ctx, check_found

from smscheck._text import clean_input
from smscheck.parser._context import Context
from smscheck.parser.debt import extract_tails
from smscheck.parser.legal import extract_case_numbers
from smscheck.parser.payments import extract_payments, luhn_ok

TABLE = Path(__file__).parent / "cases" / "parser" / "payments.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["cases"]


def make_ctx(case: dict[str, Any]) -> Context:
    """Context as parse() builds it, with the extractors that run before payments and are ours."""
    ctx = case_ctx(case)
    extract_case_numbers(ctx)
    extract_tails(ctx)
    return ctx


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_payments_table(case: dict[str, Any]) -> None:
    ctx = make_ctx(case)
    check_found(case, extract_payments(ctx))


def test_payments_table_has_enough_negatives() -> None:
    negatives = [c for c in CASES if c.get("none")]
    assert len(negatives) * 3 >= len(CASES)


def test_payments_claims_card_numbers() -> None:
    ctx = make_ctx({"text": "请转账至卡号6222021234567890128"})
    extract_payments(ctx)
    assert [t for *_, t in ctx.claimed] == ["card"]
    a, b, _ = ctx.claimed[0]
    assert ctx.text[a:b] == "6222021234567890128"


def test_payments_skip_numbers_claimed_by_a_phone_extractor() -> None:
    ctx = make_ctx({"text": "转账至6222021234567890128"})
    start = ctx.text.index("6222")
    ctx.claim(start, start + 19, "phone")
    assert not [p for p in extract_payments(ctx) if p.kind == "bank_account"]


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("4111111111111111", True),
        ("4111111111111112", False),
        ("6222021234567890128", True),
        ("79927398713", True),
        ("0", True),
    ],
    ids=["visa-test", "visa-off-by-one", "unionpay-19", "wikipedia-example", "zero"],
)
def test_payments_luhn(digits: str, ok: bool) -> None:
    assert luhn_ok(digits) is ok


BAD_INPUTS = [
    "",
    " ",
    "\x00\x01\x02",
    "\ud800转账\udfff",
    "\u202e账户6222021234567890128\u202c",
    "6" * 5000,
    "*" * 3000 + "1234",
    "转账" * 2000,
    "账号" + "1 " * 3000,
    "🙂💳" * 500,
    "(" * 1000 + "2024" + ")" * 1000,
]


@pytest.mark.parametrize("text", BAD_INPUTS, ids=[f"bad-{i}" for i in range(len(BAD_INPUTS))])
def test_payments_bad_input_never_raises(text: str) -> None:
    ctx = make_ctx({"text": text})
    for item in extract_payments(ctx):
        assert item.text == clean_input(text)[item.span.start : item.span.end]
