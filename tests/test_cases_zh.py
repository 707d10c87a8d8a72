"""The zh-CN message table (tests/cases/zh-CN.yaml) through the shipped rule pack.

Every case must come out with its expected label; a case may also list ``hits:`` (rule ids that
must be among the verdict's hits, directly or absorbed by a composite). A case marked ``xfail``
is a strict xfail: once it passes, the marker must go.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import smscheck

CASES_FILE = Path(__file__).resolve().parent / "cases" / "zh-CN.yaml"


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
def test_cases_zh_label(case: dict[str, Any]) -> None:
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


def test_cases_zh_hits_name_real_rules() -> None:
    """Every rule id a case expects exists in the shipped pack (a renamed rule fails here)."""
    known = {r.id for r in smscheck.RuleSet.default().rules}
    listed = {rid for c in CASES for rid in c["expect"].get("hits", ())}
    assert listed <= known, f"unknown rule ids in expect.hits: {sorted(listed - known)}"


def test_cases_zh_every_label_present() -> None:
    """The table covers all three labels (a filter bug would silently drop a class)."""
    assert {c["expect"]["label"] for c in CASES} == {"legitimate", "suspicious", "forged"}


SEED_TEXT = (
    "【京东法务】您的京东白条已严重逾期，我所已受京东委托对您发出律师函，请于24小时内缴纳"
    "律师费800元至指定账户后方可协商还款，否则直接起诉至您户籍地法院。联系人：王律师 13761452290"
)


def test_cases_zh_seed_scenario_is_forged_with_hotline_advice() -> None:
    """The seed scenario (a "lawyer SMS" about overdue 白条 from a personal mobile demanding a
    fee) is forged, says why, and advises calling 京东金融's official number 95118."""
    v = smscheck.check(
        SEED_TEXT,
        sender="13761452290",
        received_at=datetime.fromisoformat("2024-12-13T20:46:00+08:00"),
    )
    assert v.label.value == "forged"
    ids = _shown(v)
    assert {"legal-notice-from-personal-mobile", "fee-before-settlement"} <= ids
    assert any("95118" in line for line in v.advice), v.advice
    assert "律师" in v.explain("zh")
