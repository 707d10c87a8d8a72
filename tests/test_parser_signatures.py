"""Table-driven tests of signature extraction (tests/cases/parser/signatures.yaml)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from _parser_ctx import make_ctx

from smscheck.parser._context import SHANGHAI
from smscheck.parser.signatures import MAX_SIGNATURES, extract_signatures, is_neutral_name

TABLE = Path(__file__).parent / "cases" / "parser" / "signatures.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["cases"]
RECEIVED = datetime(2024, 12, 13, 20, 46, tzinfo=SHANGHAI)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extract_signatures_table(case: dict[str, Any]) -> None:
    text = case["text"]
    sigs = extract_signatures(make_ctx(text))
    for sig in sigs:
        assert sig.text == text[sig.span.start : sig.span.end]
    assert len(sigs) == len(case["signatures"]), [(s.name, s.position) for s in sigs]
    for sig, want in zip(sigs, case["signatures"], strict=True):
        for field, value in want.items():
            assert getattr(sig, field) == value, field


def test_signatures_table_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("name", "neutral"),
    [
        ("客服通知", True),
        ("温馨提示", True),
        ("重要提醒", True),
        ("还款提醒", True),
        ("京东金融", False),
        ("北京市朝阳区人民法院", False),
        ("招商银行", False),
        ("Customer Service", True),
    ],
)
def test_is_neutral_name(name: str, neutral: bool) -> None:
    assert is_neutral_name(name) is neutral


def test_extract_signatures_caps_junk_input() -> None:
    sigs = extract_signatures(make_ctx("【京东】" * 100_000))
    assert len(sigs) == MAX_SIGNATURES
