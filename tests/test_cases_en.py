"""The en-US message table (tests/cases/en-US.yaml) through the shipped rule pack.

Every case must come out with its expected label; a case may also list ``hits:`` (rule ids that
must be among the verdict's hits, directly or absorbed by a composite). A case marked ``xfail``
is a strict xfail: once it passes, the marker must go.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from _cases import assert_case, load_cases, param, verdict

import smscheck

LABELS = {"legitimate", "suspicious", "forged"}
CASE_KEYS = {"name", "source", "sender", "received_at", "text", "expect", "xfail"}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


CASES = load_cases("en-US.yaml")


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_cases_en_label(case: dict[str, Any]) -> None:
    """The shipped pack gives each case its expected label and the hits it lists."""
    assert_case(case)


def test_cases_en_are_english_and_checked_by_en_pack() -> None:
    """Every case is English (no Han), parsed as en-US, and only en- rules ever fire on it."""
    for case in CASES:
        assert not HAN.search(case["text"]), case["name"]
        v = verdict(case)
        assert v.parsed.locale == "en-US", case["name"]
        foreign = [h.rule_id for h in v.hits if not h.rule_id.startswith("en-")]
        assert not foreign, f"{case['name']}: non-en rules fired: {foreign}"


def test_cases_en_table_is_well_formed() -> None:
    """Keys, labels, aware timestamps, a reason for every label, unique names and texts."""
    names: set[str] = set()
    texts: set[str] = set()
    for case in CASES:
        assert set(case) <= CASE_KEYS, f"{case.get('name')}: unknown keys {set(case) - CASE_KEYS}"
        assert case["expect"]["label"] in LABELS, case["name"]
        assert str(case["expect"].get("why", "")).strip(), f"{case['name']}: no why"
        assert datetime.fromisoformat(case["received_at"]).tzinfo is not None, case["name"]
        assert case["name"] not in names, f"duplicate name {case['name']}"
        assert case["text"] not in texts, f"duplicate text in {case['name']}"
        names.add(case["name"])
        texts.add(case["text"])
    assert len(CASES) >= 200


def test_cases_en_hits_name_real_rules() -> None:
    """Every rule id a case expects exists in the shipped pack (a renamed rule fails here)."""
    known = {r.id for r in smscheck.RuleSet.default().rules}
    listed = {rid for c in CASES for rid in c["expect"].get("hits", ())}
    assert listed <= known, f"unknown rule ids in expect.hits: {sorted(listed - known)}"


def test_cases_en_every_label_present() -> None:
    """The table covers all three labels (a filter bug would silently drop a class)."""
    assert {c["expect"]["label"] for c in CASES} == LABELS


def test_cases_en_forged_advice_in_english() -> None:
    """A forged en-US verdict advises reporting to 7726 and explains itself in English."""
    case = next(c for c in CASES if c["name"] == "Fake warrant over payday loan")
    v = verdict(case)
    assert v.label.value == "forged"
    assert any("7726" in line for line in v.advice_en), v.advice_en
    assert "arrest" in v.explain("en").lower()
