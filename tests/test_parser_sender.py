"""Table-driven tests of the sender classifier (tests/cases/parser/sender.yaml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from smscheck.models import Sender
from smscheck.parser.sender import classify_digits, classify_number, classify_sender

TABLE = Path(__file__).parent / "cases" / "parser" / "sender.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["cases"]
FIELDS = ("kind", "digits", "e164", "region", "embedded_service", "lookalike_of", "name")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_classify_sender_table(case: dict[str, Any]) -> None:
    sender = classify_sender(case["raw"], case.get("locale"))
    assert isinstance(sender, Sender)
    assert sender.raw == case["raw"]
    for field in FIELDS:
        if field in case:
            assert getattr(sender, field) == case[field], field


def test_sender_table_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "raw",
    [
        "1" * 1_000_000,
        "微" * 1_000_000,
        "+" + "8" * 300,
        "\ud800\udfff",
        "\x00" * 1000,
        "😀" * 10_000,
        "\u202e13812345678",
        "1@2",
        "a@b.c@d",
    ],
    ids=[
        "1MB-digits",
        "1MB-cjk",
        "long-plus",
        "lone-surrogates",
        "nul-run",
        "emoji",
        "rlo",
        "at-digits",
        "two-ats",
    ],
)
def test_classify_sender_never_crashes_on_bad_input(raw: str) -> None:
    sender = classify_sender(raw)
    assert sender.raw == raw
    assert sender.kind in ("unknown", "alphanumeric", "cn_mobile", "email")


def test_classify_sender_huge_input_is_unknown() -> None:
    assert classify_sender("9" * 1_000_000).kind == "unknown"


def test_classify_sender_rejects_non_str_quietly() -> None:
    # parse() checks argument types; the classifier itself degrades to unknown.
    assert classify_sender(12345).kind == "unknown"  # type: ignore[arg-type]


def test_classify_number_long_input_is_unknown_and_not_cached() -> None:
    info = classify_number("1 " * 100)
    assert info.kind == "unknown"
    assert not info.valid


@pytest.mark.parametrize(
    ("digits", "kind"),
    [("", "unknown"), ("1", "unknown"), ("１３８１２３４５６７８", "unknown"), ("abc", "unknown")],
    ids=["empty", "one-digit", "non-ascii-digits", "letters"],
)
def test_classify_digits_rejects_non_ascii_digits(digits: str, kind: str) -> None:
    assert classify_digits(digits).kind == kind


def test_import_smscheck_does_not_import_phonenumbers() -> None:
    # phonenumbers costs ~25 ms to import: only a landline or foreign number may load it.
    code = (
        "import sys, smscheck\n"
        "from smscheck.parser.sender import classify_sender\n"
        "classify_sender('95118'); classify_sender('13812345678'); classify_sender('106980095533')\n"
        "print('phonenumbers' in sys.modules)\n"
        "classify_sender('+85261234567')\n"
        "print('phonenumbers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_parse_classifies_the_sender() -> None:
    from datetime import datetime, timedelta, timezone

    import smscheck

    parsed = smscheck.parse(
        "您尾号1234的储蓄卡收入5,000.00元。【建设银行】",
        sender="106980095533",
        received_at=datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8))),
    )
    assert (parsed.sender.kind, parsed.sender.embedded_service) == ("cn_bulk_106", "95533")


def test_sender_lookalike_does_not_depend_on_the_hash_seed() -> None:
    import os
    import subprocess
    import sys

    code = (
        "from smscheck.parser.sender import classify_sender as c\n"
        "print([c(s).lookalike_of for s in ('9595118', '1230368', '9559588', '100860')])"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert outs == {"['95118', '12368', '95595', '10086']\n"}
