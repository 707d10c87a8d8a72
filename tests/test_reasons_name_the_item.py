"""A reason names the item that is wrong, not another piece of evidence of the same rule.

``{match}`` shows the first piece of evidence, and the engine orders evidence by the order it
evaluates leaves (cheap field tests first), not by the order a rule writes them. Two rules showed
the wrong item that way: ``service-callback-not-official`` named the carrier's own 10010 as "not its
number", and ``gift-claim-link-not-official`` named a phrase of the lure as "the claim link".
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import smscheck

WHEN = datetime(2026, 6, 1, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def _reason(text: str, rule_id: str) -> str:
    v = smscheck.check(text, received_at=WHEN, locale="zh-CN")
    hit = next(h for h in v.hits if h.rule_id == rule_id)
    return hit.reason.zh


def test_service_callback_reason_names_the_unofficial_number() -> None:
    text = (
        "尊敬的用户：欢迎您来到杭州，如需帮助请拨打客服热线10010，"
        "订购机票酒店请拨打0571-86012345。中国联通"
    )
    reason = _reason(text, "service-callback-not-official")
    assert "拨打 0571-86012345，" in reason
    assert "拨打 10010，" not in reason


def test_gift_claim_reason_names_the_link() -> None:
    text = "中国联通提示您有30G专属流量尚未领取，24小时内有效，请尽快点击 http://lt-vip.cc 领取。"
    reason = _reason(text, "gift-claim-link-not-official")
    assert "http://lt-vip.cc" in reason
