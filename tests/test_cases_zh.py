"""The zh-CN message table (tests/cases/zh-CN.yaml) through the shipped rule pack.

Every case must come out with its expected label; a case may also list ``hits:`` (rule ids that
must be among the verdict's hits, directly or absorbed by a composite). A case marked ``xfail``
is a strict xfail: once it passes, the marker must go.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from _cases import assert_case, load_cases, param, shown

import smscheck

CASES = load_cases("zh-CN.yaml")


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_cases_zh_label(case: dict[str, Any]) -> None:
    """The shipped pack gives each case its expected label and the hits it lists."""
    assert_case(case)


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
    ids = shown(v)
    assert {"legal-notice-from-personal-mobile", "fee-before-settlement"} <= ids
    assert any("95118" in line for line in v.advice), v.advice
    assert "律师" in v.explain("zh")
