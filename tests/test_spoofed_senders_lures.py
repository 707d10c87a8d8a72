"""Spoofed senders for the code-theft and everyday-lure families (issue 11): an official sender id never outweighs a lure.

Fake base stations can send as 10010, 12123, 12333 or 96110. The same scam text must be flagged
whether it arrives from that official number or from a personal mobile, and the organisation's
genuine message from its own number must stay ``legitimate``. One triple per family of
code_theft.yaml and everyday_lures.yaml. Every text is written for this test, modelled on the pages
cited in those files.

``official-sender-for-named-org`` (legitimacy.yaml) gives no credit when ``content-voids-credit``
holds, and that index lists every scoring rule of the pack (tests/test_legitimacy_credit.py checks
it): without that, a spoofed official id subtracts 4 from these lures.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import smscheck

WHEN = datetime(2025, 3, 14, 10, 20, tzinfo=timezone(timedelta(hours=8)))
MOBILE = "17125539904"

# family, official number, scam text, genuine text from that number
TRIPLES = [
    (
        "carrier gift",
        "10010",
        "【中国联通】尊敬的用户，您有20G专属流量和50元话费尚未领取，今日内有效，请尽快点击 http://wo-gift.cc/lq 领取。",
        "【中国联通】您有5GB专属流量待领取，点击 https://u.10010.cn/ll7 领取，24小时内有效，回复TD退订。",
    ),
    (
        "traffic fine",
        "12123",
        "【交管12123】您的车辆有一条闯红灯记录，罚款200元，请登录 http://wzcl-pay.cc 查看照片并缴纳罚款。",
        "【交管12123】您的小型汽车苏E·6XX17于3月9日在星湖街违反禁令标志，请通过交管12123App查询处理。",
    ),
    (
        "social security card",
        "12333",
        "【人社局】您的社保卡需升级为电子版，请于3月20日前打开 http://sbk-dz.top 办理，逾期将停用。",
        "【人社局】您申领的社会保障卡已制作完成，请携带身份证到开户银行网点领取并激活，详询12333。",
    ),
    (
        "carrier points, look-alike host",
        "10086",
        "尊敬的用户：您的话费积分已满288元现金礼包，请用手机登录 www.jf10086.com 尽快激活领取。中国移动",
        "【中国移动】您的积分将于12月31日清零，可登录中国移动App或 jf.10086.cn 兑换礼品，回复TD退订。",
    ),
    (
        "verification code",
        "96110",
        "【反诈中心】检测到您的账户有风险，为保护资金安全，请把稍后收到的验证码发给我们核验。",
        "【反诈中心】任何索要验证码的人都是骗子，请勿把验证码告诉任何人，如有疑问请拨打96110。",
    ),
]


def _label(text: str, sender: str) -> str:
    return smscheck.check(text, sender=sender, received_at=WHEN).label.value


@pytest.mark.parametrize(
    ("family", "official", "scam"),
    [(f, o, s) for f, o, s, _ in TRIPLES],
    ids=[t[0] for t in TRIPLES],
)
def test_scam_from_official_number_is_forged(family: str, official: str, scam: str) -> None:
    """The lure sent as the organisation's own number is still forged."""
    assert _label(scam, official) == "forged", family


@pytest.mark.parametrize(
    ("family", "scam"), [(f, s) for f, _, s, _ in TRIPLES], ids=[t[0] for t in TRIPLES]
)
def test_scam_from_mobile_is_forged(family: str, scam: str) -> None:
    """The same lure from a personal mobile is forged."""
    assert _label(scam, MOBILE) == "forged", family


@pytest.mark.parametrize(
    ("family", "official", "genuine"),
    [(f, o, g) for f, o, _, g in TRIPLES],
    ids=[t[0] for t in TRIPLES],
)
def test_genuine_from_official_number_is_legitimate(
    family: str, official: str, genuine: str
) -> None:
    """The organisation's genuine message from its own number stays legitimate."""
    assert _label(genuine, official) == "legitimate", family


# Content that voided no credit before `content-voids-credit` (legitimacy.yaml) listed every
# scoring rule: each scam below came out `legitimate` from the spoofed official number (its one
# content rule, 3 to 4 points, against the sender's -4), and is flagged from a personal mobile.
# family, official number, scam text, genuine text from that number, page the scam was modelled on
UNLISTED = [
    (
        "social security suspension",
        "12333",
        "【社保中心】您的社保卡状态异常，即将被强制停用，请尽快处理。",
        "【人社局】您的社会保障卡已激活成功，可在电子社保卡中查询缴费记录，详询12333。",
        "https://jubao.my399.com/content/2024-01/29/content_2872472.htm",
    ),
    (
        "payee's card 'broken', pay another",
        "95599",
        "那笔钱还没打吧？原来那张卡磁条坏了，钱打到我农行的卡上就行。",
        "【中国农业银行】您尾号3308账户03月12日10:05完成转支交易人民币-200.00，余额1,528.20。",
        "http://www.jiuxingjy.com/it/it-txxw/news/2009/09-18/1872816.shtml",
    ),
    (
        "video call with a bank's 'risk centre'",
        "95555",
        "您好，这里是招商银行，您的储蓄卡涉嫌违规交易，请下载会议软件与我们视频核实身份。",
        "【招商银行】您账户2231于03月12日10:20入账工资，人民币8,600.00，余额12,431.50。",
        "https://github.com/ChangMianRen/Telecom_Fraud_Texts_5",
    ),
    # the rules added in the fifth session of issue 11, each sent as the number it imitates
    (
        "points priced in cash",
        "95588",
        "【工商银行】您的信用卡积分已达上限，可兑换人民币862.40元，请于本周内办理。",
        "【工商银行】您的信用卡积分12,600分将于12月31日到期，可在工银e生活App兑换礼品。",
        "http://chitler.com/cardnews/cardnews_30341.shtml",
    ),
    (
        "unsigned debit alarm",
        "95566",
        "我行将于今日18点前从您的账户扣除2680元，如有疑问请咨询客服。",
        "【中国银行】您尾号5521的账户6月1日扣除信用卡还款2,680.00元，余额310.25元。",
        "http://xgmlfb.com/wap/post/117/49552",
    ),
    (
        "SIM swap command",
        "10086",
        "【中国移动】您已订购影视会员业务，资费88元/月，退订请编辑短信'HK0D0072138456091'发送到10086。",
        "【中国移动】您已成功订购视频彩铃包月业务，资费10元/月，退订请发送TDCL到10086。",
        "http://qingdaonews.com/content/2016-01/08/content_11435427.htm",
    ),
    (
        "benefit account alarm with a link",
        "12333",
        "您的社保账户信息异常，将暂停使用，请打开 sb-hc.cc/v2 进行核验。",
        "【人社局】您的社会保障卡已制卡完成，请携带身份证到所选网点领取，详询12333。",
        "http://www.wap8y.cn/app/content/2021-10/29/content_22947457.htm",
    ),
]


@pytest.mark.parametrize(
    ("family", "official", "scam"),
    [(f, o, s) for f, o, s, _, _ in UNLISTED],
    ids=[t[0] for t in UNLISTED],
)
def test_unlisted_content_from_official_number_is_flagged(
    family: str, official: str, scam: str
) -> None:
    """The official id adds no credit to a message a content rule flags."""
    assert _label(scam, official) != "legitimate", family
    assert _label(scam, MOBILE) != "legitimate", family


@pytest.mark.parametrize(
    ("family", "official", "genuine"),
    [(f, o, g) for f, o, _, g, _ in UNLISTED],
    ids=[t[0] for t in UNLISTED],
)
def test_unlisted_genuine_from_official_number_is_legitimate(
    family: str, official: str, genuine: str
) -> None:
    assert _label(genuine, official) == "legitimate", family
