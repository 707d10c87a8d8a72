"""The en-US message table (tests/cases/en-US.yaml) through the shipped rule pack.

Every case must come out with its expected label; a case may also list ``hits:`` (rule ids that
must be among the verdict's hits, directly or absorbed by a composite). A case marked ``xfail``
is a strict xfail: once it passes, the marker must go.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import smscheck

CASES_FILE = Path(__file__).resolve().parent / "cases" / "en-US.yaml"
LABELS = {"legitimate", "suspicious", "forged"}
CASE_KEYS = {"name", "source", "sender", "received_at", "text", "expect", "xfail"}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _load() -> list[dict[str, Any]]:
    data = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    cases = data["cases"]
    assert isinstance(cases, list)
    return cases


CASES = _load()


def _param(case: dict[str, Any]) -> Any:
    marks = []
    if case.get("xfail"):
        marks.append(pytest.mark.xfail(reason=str(case["xfail"]), strict=True))
    return pytest.param(case, id=str(case["name"]), marks=marks)


def _verdict(case: dict[str, Any]) -> smscheck.Verdict:
    return smscheck.check(
        case["text"],
        sender=case.get("sender"),
        received_at=datetime.fromisoformat(case["received_at"]),
    )


def _shown(v: smscheck.Verdict) -> set[str]:
    return {h.rule_id for h in v.hits} | {a for h in v.hits for a in h.absorbed}


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_cases_en_label(case: dict[str, Any]) -> None:
    """The shipped pack gives each case its expected label and the hits it lists."""
    v = _verdict(case)
    expect = case["expect"]
    got = ", ".join(f"{h.rule_id} {h.weight:+g}" for h in v.hits) or "no hits"
    assert v.label.value == expect["label"], (
        f"{case['name']}: expected {expect['label']}, got {v.label.value} "
        f"(score {v.score:g}: {got})"
    )
    missing = set(expect.get("hits", ())) - _shown(v)
    assert not missing, f"{case['name']}: rules {sorted(missing)} did not fire ({got})"


def test_cases_en_are_english_and_checked_by_en_pack() -> None:
    """Every case is English (no Han), parsed as en-US, and only en- rules ever fire on it."""
    for case in CASES:
        assert not HAN.search(case["text"]), case["name"]
        v = _verdict(case)
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
    assert len(CASES) >= 50


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
    v = _verdict(case)
    assert v.label.value == "forged"
    assert any("7726" in line for line in v.advice_en), v.advice_en
    assert "arrest" in v.explain("en").lower()
