"""Table-driven tests of phone number and handle extraction (tests/cases/parser/contacts.yaml)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from _parser_ctx import make_ctx

from smscheck.parser._context import SHANGHAI, Context
from smscheck.parser.contacts import MAX_ITEMS, extract_handles, extract_phone_numbers
from smscheck.parser.links import extract_links

TABLE = Path(__file__).parent / "cases" / "parser" / "contacts.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["cases"]
RECEIVED = datetime(2024, 12, 13, 20, 46, tzinfo=SHANGHAI)


def run(text: str, locale: str = "zh-CN") -> tuple[Context, tuple[Any, ...], tuple[Any, ...]]:
    """Run the extractors in parse() order: links, handles, phones."""
    ctx = make_ctx(text, locale)
    extract_links(ctx)
    handles = extract_handles(ctx)
    phones = extract_phone_numbers(ctx)
    return ctx, handles, phones


def check(items: tuple[Any, ...], wanted: list[dict[str, Any]], text: str) -> None:
    for item in items:
        assert item.text == text[item.span.start : item.span.end]
    assert len(items) == len(wanted), [i.text for i in items]
    for item, want in zip(items, wanted, strict=True):
        for field, value in want.items():
            assert getattr(item, field) == value, field


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extract_contacts_table(case: dict[str, Any]) -> None:
    text = case["text"]
    ctx, handles, phones = run(text, case.get("locale", "zh-CN"))
    check(handles, case.get("handles", []), text)
    check(phones, case.get("phones", []), text)
    tags = [t for _, _, t in ctx.claimed]
    assert tags.count("handle") == len(handles)
    assert tags.count("phone") == len(phones)


def test_contacts_table_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def test_extract_phone_numbers_skips_claimed_case_number() -> None:
    # The case-number extractor runs before and claims its range; a phone-shaped serial inside
    # it must then be left alone.
    text = "(2024)京0105民初13812345678号"
    ctx = make_ctx(text)
    ctx.claim(0, len(ctx.text), "case_number")
    assert extract_phone_numbers(ctx) == ()


def test_extract_phone_numbers_caps_junk_input() -> None:
    phones = extract_phone_numbers(make_ctx("13812345678 " * 5_000))
    assert len(phones) == MAX_ITEMS


def test_extract_handles_caps_junk_input() -> None:
    handles = extract_handles(make_ctx("QQ1234567," * 5_000))
    assert len(handles) == MAX_ITEMS


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 200_000,
        "微信" * 200_000,
        "a@b.cn " * 50_000,
        "\u202e\x00😀" * 50_000,
        "\ud800" * 1000,
    ],
    ids=["spaced-digits", "wechat-words", "emails", "controls-emoji", "lone-surrogates"],
)
def test_extract_contacts_never_crash_on_junk(text: str) -> None:
    _, handles, phones = run(text)
    assert len(handles) <= MAX_ITEMS
    assert len(phones) <= MAX_ITEMS


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # a branch's telephone in an address line, beside the hotline the message asks you to call
        (
            "【工商银行】账单已出，如有疑问请致电95588；就近网点：城西支行，地址文一路88号，电话0571-88123456。",
            [("95588", "callback"), ("057188123456", "other")],
        ),
        ("【中国移动】营业厅地址：人民路1号，电话0571-88123456。", [("057188123456", "other")]),
        # the same telephone with a request to call in its sentence stays a callback
        (
            "如需取消请联系城西支行，电话0571-88123456。",
            [("057188123456", "callback")],
        ),
        (
            "城西支行地址：文一路8号，电话0571-88123456，请致电办理取消。",
            [("057188123456", "callback")],
        ),
        ("详情请拨打客服电话0571-88123456。", [("057188123456", "callback")]),
    ],
)
def test_phone_listed_in_an_address_line_is_no_callback(
    text: str, roles: list[tuple[str, str]]
) -> None:
    _, _, phones = run(text)
    assert [(p.digits, p.role) for p in phones] == roles
