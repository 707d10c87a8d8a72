"""Complete zh-CN messages of the families the blind hold-outs of issue 11's seventh session showed.

Each table in ``tests/templates_zh/`` was written for these tests, each row modelled on the public page
cited beside it: ``SCAMS`` (none may be ``legitimate``, from no sender or from a personal mobile)
and ``GENUINE`` (each ``legitimate`` from its realistic sender). ``public_services.SPOOFED`` re-sends
some of its scams from the official number they imitate, which a fake base station can send as:
that number must not make them legitimate either.
"""

from __future__ import annotations

import importlib
from datetime import datetime, timedelta, timezone
from types import ModuleType
from typing import Any

import pytest

import smscheck

WHEN = datetime(2026, 12, 7, 12, 0, tzinfo=timezone(timedelta(hours=8)))

FAMILIES = (
    "banks_more",
    "crossborder",
    "elderly",
    "evasion",
    "hard_cases",
    "people",
    "platforms",
    "public_services",
    "students",
)
TABLES: dict[str, ModuleType] = {
    name: importlib.import_module(f"templates_zh.{name}") for name in FAMILIES
}


def _check(text: str, sender: str | None) -> Any:
    return smscheck.check(text, sender=sender, received_at=WHEN, locale="zh-CN")


def _scams() -> list[Any]:
    out = []
    for name, table in TABLES.items():
        for i, text in enumerate(table.SCAMS):
            for sender in (None, table.MOBILE):
                who = "mobile" if sender else "nosender"
                out.append(pytest.param(text, sender, id=f"{name}-{i}-{who}"))
    return out


def _genuine() -> list[Any]:
    return [
        pytest.param(text, sender, id=f"{name}-{i}")
        for name, table in TABLES.items()
        for i, (sender, text) in enumerate(table.GENUINE)
    ]


@pytest.mark.parametrize(("text", "sender"), _scams())
def test_scam_is_flagged(text: str, sender: str | None) -> None:
    v = _check(text, sender)
    assert v.label.value != "legitimate", f"{text} from {sender}"


@pytest.mark.parametrize(("index", "sender"), TABLES["public_services"].SPOOFED)
def test_public_service_scam_from_spoofed_official_number(index: int, sender: str) -> None:
    text = TABLES["public_services"].SCAMS[index]
    assert _check(text, sender).label.value != "legitimate", f"{text} from {sender}"


@pytest.mark.parametrize(("text", "sender"), _genuine())
def test_genuine_is_legitimate(text: str, sender: str | None) -> None:
    v = _check(text, sender)
    hits = ", ".join(f"{h.rule_id} {h.weight:+g}" for h in v.hits)
    assert v.label.value == "legitimate", f"{text} from {sender}: {v.label.value} ({hits})"


def test_health_notice_from_overseas_number_is_flagged() -> None:
    text = "【防控中心】您的核酸检测结果异常，请回电登记，逾期影响出行。"
    v = _check(text, "+639171234567")
    assert "notice-from-overseas-number" in {h.rule_id for h in v.hits}


@pytest.mark.parametrize("name", FAMILIES)
def test_tables_have_no_duplicates(name: str) -> None:
    table = TABLES[name]
    assert len(table.SCAMS) == len(set(table.SCAMS))
    texts = [t for _, t in table.GENUINE]
    assert len(texts) == len(set(texts))


def test_tables_are_disjoint() -> None:
    seen: dict[str, str] = {}
    for name, table in TABLES.items():
        for text in [*table.SCAMS, *(t for _, t in table.GENUINE)]:
            assert text not in seen, f"{text} in {seen.get(text)} and {name}"
            seen[text] = name
