"""Spoofed senders (issue 11): an official sender id never outweighs a lure.

Fake base stations send as 95588, and 106 gateway numbers embed the bank's number after the gateway
prefix. So the same scam text must be flagged whether it arrives from the bank's own number, from a
106 gateway that embeds it, or from a personal mobile; and the same bank's genuine message from its
own number must stay ``legitimate``. One pair per family of bank_lures.yaml, account_lures.yaml and
loan_lures.yaml. Every text is written for this test (modelled on the pages cited in those files).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import smscheck

WHEN = datetime(2025, 3, 12, 10, 20, tzinfo=timezone(timedelta(hours=8)))
MOBILE = "13512076645"

# family, official number, 106 gateway embedding it, scam text, genuine text from that number
PAIRS = [
    (
        "security device expiry",
        "95588",
        "10690095588",
        "【工商银行】尊敬的客户，您的电子密码器将于今日失效，请登录 wap.icbc-mmq.cc 升级激活。",
        "【工商银行】您的U盾证书将于4月20日到期，请携带身份证到网点或在工行手机银行App内更新。",
    ),
    (
        "points for cash",
        "95533",
        "106980095533",
        "尊敬的建行用户，您的账户积分已满21600可兑换现金437元，请登录手机网 ccb-jfdh.top 兑换，逾期清零。【建设银行】",
        "【建设银行】您的信用卡积分21,600分将于12月31日到期，可在建行生活App积分商城兑换礼品。",
    ),
    (
        "credit limit raise",
        "95555",
        "10693495555",
        "【招商银行】您的信用卡已达提额标准，额度可提升至8万元，请致电 021-61538820 办理。",
        "【招商银行】尊敬的客户，您的信用卡可享临时额度6,000元，有效期30天，回复KTE即可办理，详询95555。",
    ),
    (
        "fake charge with callback",
        "95566",
        "106980095566",
        "【中国银行】温馨提示：我行将于今晚21:00前扣除您的信用卡年费1,680元，如有疑问请致电 0755-26614480。",
        "【中国银行】您的信用卡年费200元将计入本期账单，当年刷卡满5次可免次年年费，详询95566。",
    ),
    (
        "re-verification with a link",
        "95599",
        "106995599",
        "【农业银行】您的账户信息不全，需补录实名信息，请登录 abc-blxx.vip 办理，逾期将暂停非柜面交易。",
        "【农业银行】您的身份证件已过期，请携带有效证件到网点或在农行掌上银行更新，以免影响账户使用。",
    ),
    (
        "refund or claim",
        "95118",
        "10690095118",
        "【京东】您购买的蓝牙耳机检测出质量问题，可获三倍赔偿，请添加客服微信 jdlp2025 办理。",
        "【京东】您的退款239.00元已原路退回，预计1-3个工作日到账，请注意查收。",
    ),
    (
        "account cancellation",
        "95118",
        "106980095118",
        "【京东金融】您在校期间开通的金条学生账户未注销，将影响个人征信，请回电 0311-85201143 办理注销。",
        "【京东金融】您已成功关闭白条自动续费服务，如有疑问可在京东金融App联系在线客服。",
    ),
    (
        "credit repair",
        "95559",
        "10690095559",
        "【交通银行】您的征信存在逾期，我行内部渠道可消除逾期记录，先做后付，详询 18620441937。",
        "您尾号4412的交通银行信用卡3月账单2,460.30元，最后还款日3月25日，可在买单吧App还款。【交通银行】",
    ),
    (
        "fake loan release fee",
        "95118",
        "1069095118",
        "【京东金融】您申请的5万元借款因卡号输入错误被银联冻结，请存入借款金额20%作为认证金解冻，否则视为恶意骗贷。",
        "【京东金融】您的金条借款5,000.00元已发放至尾号6621的银行卡，请注意查收。",
    ),
]

IDS = [p[0] for p in PAIRS]


def check(text: str, sender: str) -> smscheck.Verdict:
    return smscheck.check(text, sender=sender, received_at=WHEN)


@pytest.mark.parametrize(("family", "official", "gateway", "scam", "genuine"), PAIRS, ids=IDS)
def test_scam_is_flagged_from_every_sender(
    family: str, official: str, gateway: str, scam: str, genuine: str
) -> None:
    """The same scam is flagged from the bank's number, its 106 gateway and a personal mobile,
    and no official-sender credit is given for it."""
    for sender in (official, gateway, MOBILE):
        v = check(scam, sender)
        got = ", ".join(f"{h.rule_id} {h.weight:+g}" for h in v.hits)
        assert v.label.value != "legitimate", f"{family} from {sender}: {v.label.value} ({got})"
        assert "official-sender-for-named-org" not in {h.rule_id for h in v.hits}, (
            f"{family} from {sender}: official-sender credit on a scam ({got})"
        )


@pytest.mark.parametrize(("family", "official", "gateway", "scam", "genuine"), PAIRS, ids=IDS)
def test_genuine_text_from_official_number_is_legitimate(
    family: str, official: str, gateway: str, scam: str, genuine: str
) -> None:
    """The organisation's real message of the same kind, from its own number, stays legitimate."""
    v = check(genuine, official)
    got = ", ".join(f"{h.rule_id} {h.weight:+g}" for h in v.hits) or "no hits"
    assert v.label.value == "legitimate", f"{family}: {v.label.value} ({got})"


def test_pairs_use_official_senders() -> None:
    """The "official" numbers really are official for the organisation named, and the gateways
    embed them (otherwise the pairs would not test spoofing at all)."""
    for family, official, gateway, _scam, genuine in PAIRS:
        parsed_official = smscheck.parse(genuine, sender=official, received_at=WHEN)
        parsed_gateway = smscheck.parse(genuine, sender=gateway, received_at=WHEN)
        assert parsed_official.sender.kind == "cn_service_95", family
        assert parsed_gateway.sender.kind == "cn_bulk_106", family
        assert gateway.endswith(official), family
        v = check(genuine, official)
        assert "official-sender-for-named-org" in {h.rule_id for h in v.hits}, family
