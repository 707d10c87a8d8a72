"""Table-driven tests for case numbers, organisations and legal facts (tests/cases/parser/legal.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from _parser_ctx import case_ctx, check_found

from smscheck._text import clean_input
from smscheck.parser.legal import (
    canonical_org,
    extract_case_numbers,
    extract_legal,
    extract_organisations,
    is_negated,
)

TABLE = Path(__file__).parent / "cases" / "parser" / "legal.yaml"
TABLES: dict[str, list[dict[str, Any]]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def ids(section: str) -> list[str]:
    return [c["id"] for c in TABLES[section]]


@pytest.mark.parametrize("case", TABLES["case_numbers"], ids=ids("case_numbers"))
def test_legal_case_numbers(case: dict[str, Any]) -> None:
    ctx = case_ctx(case)
    found = extract_case_numbers(ctx)
    check_found(case, found)
    for item in found:  # each case number is claimed so later extractors leave it alone
        assert any(t == "case" for *_, t in ctx.claimed)
        assert item.valid is (not item.problems)


@pytest.mark.parametrize("case", TABLES["organisations"], ids=ids("organisations"))
def test_legal_organisations(case: dict[str, Any]) -> None:
    check_found(case, extract_organisations(case_ctx(case)))


@pytest.mark.parametrize("case", TABLES["legal"], ids=ids("legal"))
def test_legal_facts(case: dict[str, Any]) -> None:
    check_found(case, extract_legal(case_ctx(case)))


def test_legal_tables_have_enough_negatives() -> None:
    cases = [c for section in TABLES.values() for c in section]
    assert len([c for c in cases if c.get("none")]) * 3 >= len(cases)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("中国工商银行", ("工商银行", "bank")),
        ("工行", ("工商银行", "bank")),
        ("京东白条", ("京东金融", "platform")),
        ("京东", ("京东", "platform")),
        ("招商银行信用卡", ("招商银行", "bank")),
        ("京东金融客服", ("京东金融", "platform")),
        ("温馨提示", None),
        ("", None),
    ],
    ids=[
        "icbc-full",
        "icbc-short",
        "jd-baitiao",
        "jd-mall",
        "cmb-card-centre",
        "jd-suffix",
        "neutral",
        "empty",
    ],
)
def test_legal_canonical_org(name: str, expected: tuple[str, str] | None) -> None:
    assert canonical_org(name) == expected


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("工作人员不会要求您转账", "转账", True),
        ("请勿向陌生账户转账", "转账", True),
        ("切勿拖延，否则将起诉", "起诉", False),
        ("如不还款将起诉", "起诉", False),
        ("We will never ask you to wire money", "wire", True),
        ("another wire transfer", "wire", False),
    ],
    ids=["bank-denial", "qingwu", "clause-break", "bu-is-not-a-negator", "en-never", "en-another"],
)
def test_legal_is_negated(text: str, word: str, negated: bool) -> None:
    assert is_negated(text, text.index(word)) is negated


BAD_INPUTS = [
    "",
    "\x00",
    "\ud83d号\ude00",
    "(" * 2000 + "2024)京0105民初1号",
    "(2024)" + "京" * 3000 + "1号",
    "2024" * 3000 + "号",
    "法院" * 3000,
    "银行" * 3000,
    "\u202e律师函\u202c拘留" * 200,
    "号" * 5000,
]


@pytest.mark.parametrize("text", BAD_INPUTS, ids=[f"bad-{i}" for i in range(len(BAD_INPUTS))])
def test_legal_bad_input_never_raises(text: str) -> None:
    ctx = case_ctx({"text": text})
    clean = clean_input(text)
    for fn in (extract_case_numbers, extract_organisations, extract_legal):
        for item in fn(ctx):
            assert item.text == clean[item.span.start : item.span.end]
