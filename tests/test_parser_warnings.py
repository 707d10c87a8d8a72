"""Cautions: the clauses a message warns against or denies (smscheck.parser.warnings)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from smscheck import parse
from smscheck.parser.warnings import warned_ranges

WHEN = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))

# (text, [(governed clause, kind, cue), ...]) — every caution, in order.
CASES: list[tuple[str, list[tuple[str, str, str]]]] = [
    # the scammer as the subject: the clause describes what they do
    (
        "【某银行】近期有不法分子冒充客服要求将资金转入安全账户，请提高警惕。",
        [("冒充客服要求将资金转入安全账户", "warning", "不法分子")],
    ),
    (
        "【招商银行】我行不会以任何理由收取解冻费，谨防诈骗。",
        [("以任何理由收取解冻费", "negation", "不会"), ("诈骗", "warning", "谨防")],
    ),
    (
        "【反诈预警】凡要求转账到安全账户的都是诈骗，如有疑问请拨打96110。",
        [("凡要求转账到安全账户", "warning", "都是诈骗")],
    ),
    (
        "凡是自称公检法，要求您共享屏幕的，一律是诈骗。",
        [("凡是自称公检法，要求您共享屏幕", "warning", "一律是诈骗")],
    ),
    (
        "【京东】验证码：482916，京东工作人员不会索取此验证码，切勿告知他人。",
        [("索取此验证码", "negation", "不会"), ("告知他人", "warning", "切勿")],
    ),
    (
        "如接到自称银行客服要求转账到安全账户的电话，请立即挂断。",
        [("自称银行客服要求转账到安全账户的电话", "warning", "挂断")],
    ),
    # the same without 如, and the scammer's habits (骗子通常…) as the subject
    (
        "收到“换号了，请存新号码”这类短信请勿理会。",
        [("“换号了，请存新号码”这类短信", "warning", "请勿"), ("理会", "warning", "请勿")],
    ),
    (
        "近期骗子通常冒充班主任，发收款码收资料费，请家长核实。",
        [("冒充班主任，发收款码收资料费", "warning", "骗子通常")],
    ),
    # what the reader may come across, before the 请勿 that tells them not to act on it
    (
        "学校不收取任何费用，如在群里看到以我名义的收款码请勿支付。",
        [
            ("任何费用", "negation", "不收取"),
            ("以我名义的收款码", "warning", "请勿"),
            ("支付", "warning", "请勿"),
        ],
    ),
    # a long 凡是 list, and the comma right before 都是诈骗
    (
        "反诈提醒：凡是自称客服说商品有问题要退款、要求下载陌生App或屏幕共享的，都是诈骗！",
        [("凡是自称客服说商品有问题要退款、要求下载陌生App或屏幕共享", "warning", "都是诈骗")],
    ),
    # a message denying what it holds, and that a thing exists
    (
        "【某省公安交警】您有1条交通违法记录，请通过交管12123 App处理，本短信不含任何链接。",
        [("任何链接", "negation", "不含")],
    ),
    (
        "【某银行】公检法不会通过电话办案，更没有“安全账户”。",
        [("通过电话办案", "negation", "不会"), ("“安全账户”", "negation", "更没有")],
    ),
    (
        "客服索要验证码的是骗子，请勿泄露。",
        [("客服索要验证码", "warning", "是骗子"), ("泄露", "warning", "请勿")],
    ),
    ("请不要向任何人透露验证码。", [("向任何人透露验证码", "warning", "请不要")]),
    # 不存在 denies what follows without a demand verb (written for this test, on the pattern of
    # the credit-repair warnings cited in tests/cases/zh-CN.yaml)
    (
        "提示：不存在花钱删除不良记录的办法。",
        [("花钱删除不良记录的办法", "negation", "不存在")],
    ),
    ("警方提示：没有所谓资金监管账户。", [("资金监管账户", "negation", "没有所谓")]),
    # 无需 / 无须 say something is not due, without a demand verb (written for this test, on the
    # pattern of a carrier's order confirmation, https://github.com/jd1378/otphelper/issues/186)
    (
        "流量包到期自动失效，无需赔付，无须退订。",
        [("赔付", "negation", "无需"), ("退订", "negation", "无须")],
    ),
    (
        # the verdict's clause starts at its 凡, not inside the denial before it
        "【招商银行】我行不会以任何理由要求您转账到安全账户或收取解冻费，凡要求共享屏幕的都是诈骗。",
        [
            ("以任何理由要求您转账到安全账户或收取解冻费", "negation", "不会"),
            ("凡要求共享屏幕", "warning", "都是诈骗"),
        ],
    ),
    # a denied channel: only a person, a private account or a third party after the cue (written
    # for this test, on the pattern of school and court fee notices quoted by the zhrecall2 notes)
    (
        "学校不通过个人账户收取任何费用。",
        [("个人账户收取任何费用", "negation", "不通过")],
    ),
    ("本院不以个人账户收取诉讼费。", [("个人账户收取诉讼费", "negation", "不以")]),
    (
        "本公司没有委托任何人代收话费。",
        [("任何人代收话费", "negation", "没有委托")],
    ),
    # a sender's disclaimer closes the clause it judges (modelled on creditors' collection
    # notices, e.g. the consumer-finance notices described at anju.szhome.com)
    (
        "请仅通过官方APP还款，任何要求转账至个人账户的均非本司行为。",
        [("任何要求转账至个人账户", "warning", "均非本司行为")],
    ),
    (
        "凡自称客服要求您下载会议软件的，都与本公司无关。",
        [("凡自称客服要求您下载会议软件", "warning", "都与本公司无关")],
    ),
    # 就是骗 / 都是骗子 close the clause; a 都是骗 cue must not hide 都是骗子
    ("凡是让您转账的都是骗子。", [("凡是让您转账", "warning", "都是骗子")]),
    ("先转保证金就是骗！", [("先转保证金", "warning", "就是骗")]),
    # the scammer's script, quoted after 骗子话术 / 对方若说 (modelled on police warnings on the
    # 百万保障 and 注销校园贷 scripts, e.g. https://zynews.cn/zz/2023/09/19/99228.html)
    (
        "骗子话术：①“保障期结束了”②“不关闭每月扣费”。",
        [("保障期结束了”②“不关闭每月扣费", "warning", "骗子话术")],
    ),
    (
        "对方若说“您涉嫌洗钱”“需要配合调查”，请挂断。",
        [("您涉嫌洗钱”“需要配合调查", "warning", "对方若说")],
    ),
    # a scam call reported by its words; the victims' story in the passive; 对方会 as the scammer
    (
        "近期多人接到“保障每年扣费，不缴纳影响征信”的电话。",
        [("保障每年扣费，不缴纳影响征信", "warning", "接到“")],
    ),
    (
        "多名群众被冒充“客服”以关闭保障为由，要求开启屏幕共享后转走存款。",
        [("“客服”以关闭保障为由，要求开启屏幕共享后转走存款", "warning", "被冒充")],
    ),
    (
        "对方会说出订单号，要求添加QQ、开启屏幕共享。",
        [("说出订单号，要求添加QQ、开启屏幕共享", "warning", "对方会")],
    ),
    ("本次升级没有任何费用。", [("费用", "negation", "没有任何")]),
    # each 凡是 clause of a list whose verdict comes at its end
    (
        "凡是叫你汇款到安全账户的，凡是让你屏幕共享的，凡是先交钱才放贷的——都是诈骗！",
        [
            ("叫你汇款到安全账户", "warning", "凡是"),
            ("让你屏幕共享", "warning", "凡是"),
            ("先交钱才放贷", "warning", "凡是"),
            ("先交钱才放贷", "warning", "都是诈骗"),
        ],
    ),
    # the verdict may name the kind of scam ("均为伪基站诈骗短信"); 不涉及 denies; 绝不 + an action
    (
        "凡是要求您登录网址认证身份的，均为伪基站诈骗短信。",
        [("凡是要求您登录网址认证身份", "warning", "均为伪基站诈骗")],
    ),
    ("本院短信不涉及缴费、汇款内容。", [("缴费、汇款内容", "negation", "不涉及")]),
    ("绝不扫陌生人发来的二维码。", [("扫陌生人发来的二维码", "warning", "绝不")]),
    # a list of don'ts: each item warns against what follows its 不 (police slogans such as
    # "不点击、不透露、不转账", e.g. http://www.yk.gov.cn/art/2023/2/20/art_1229698253_59026283.html)
    (
        "提醒：不共享屏幕、不转账。",
        [("共享屏幕", "warning", "不"), ("转账", "warning", "不")],
    ),
    (
        "Your code is 550231. Never share this code. We'll never call you for this code.",
        [
            ("share this code", "warning", "Never"),
            ("call you for this code", "negation", "'ll never"),
        ],
    ),
    (
        "Beware of texts asking you to pay a toll fee by link.",
        [("texts asking you to pay a toll fee by link", "warning", "Beware of")],
    ),
    (
        "Anyone who asks for this code is a scammer.",
        [("Anyone who asks for this code", "warning", "is a scammer")],
    ),
    (
        "Bank of X will never ask you to move money to a safe account, do not share your PIN.",
        [
            ("ask you to move money to a safe account", "negation", "will never"),
            ("share your PIN", "warning", "do not"),
        ],
    ),
]

# Not cautions: a scam's own reassurance, an accusation, "do not hesitate", "don't ignore".
NONE = [
    "如按时还款不会影响征信",
    "不要犹豫，立即转入安全账户",
    "您的账户涉嫌为诈骗团伙洗钱，请配合调查。",
    "Don't ignore this notice, pay now.",
    "您的快递已到驿站，请凭取件码取件。",
    # an A-not-A question asks, it does not warn: "能不能借我…" is a request
    "我是你老同学，能不能借给我两千块应急？",
    "你要不要把钱转给我？",
    # 不通过 / 不以 with no person or private account after them deny nothing
    "您的贷款审核不通过，需要您提供银行卡号和验证码。",
    "对此我不以为然，请尽快转账。",
    # a condition is no list of don'ts; "not our message" with no sender after it disclaims nothing
    "如不还款、不配合，将上门处理。",
    "不还款、不配合的将依法起诉。",
    "这不是我发的，是朋友借我手机发的。",
    # "是一起诈骗" after a bare 是 is no verdict (a fake officer's opener), "也没有" no denial
    "我是民警，你是一起诈骗案件的受害者，请配合调查。",
    "如果您也没有收到通知，那么很可能是被他人冒用身份。",
    "",
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0][:16] for c in CASES])
def test_cautions_table(text: str, want: list[tuple[str, str, str]]) -> None:
    got = [
        (text[w.start : w.end], w.kind, text[w.cue_start : w.cue_end]) for w in warned_ranges(text)
    ]
    assert got == want


@pytest.mark.parametrize("text", NONE)
def test_not_cautions(text: str) -> None:
    assert warned_ranges(text) == []


def test_span_never_covers_its_cue() -> None:
    for text, _ in CASES:
        for w in warned_ranges(text):
            assert w.end <= w.cue_start or w.start >= w.cue_end


def test_span_stays_in_its_clause() -> None:
    text = "我行不会要求您转账，请将欠款转入以下账户6222021234567890128。"
    (w,) = warned_ranges(text)
    assert text[w.start : w.end] == "要求您转账"
    assert "转入" not in text[w.start : w.end]


def test_parse_maps_cautions_to_the_original_text() -> None:
    # Full-width letters and spaces are normalised: spans must still slice the original.
    text = "【ＸＸ银行】 我行  不会  要求您提供验证码，谨防诈骗。"
    msg = parse(text, sender="95588", received_at=WHEN)
    assert [c.kind for c in msg.cautions] == ["negation", "warning"]
    for c in msg.cautions:
        assert msg.text[c.span.start : c.span.end] == c.text
    assert "验证码" in msg.cautions[0].text


def test_many_cues_are_bounded() -> None:
    text = "谨防诈骗，" * 5_000
    got = warned_ranges(text)
    assert 0 < len(got) <= 64
    msg = parse(text, received_at=WHEN)
    assert len(msg.cautions) <= 64


def test_long_clause_is_cut_at_the_window() -> None:
    text = "谨防" + "啊" * 500
    (w,) = warned_ranges(text)
    assert w.end - w.start <= 60


def test_a_clause_ends_at_the_next_cue_word() -> None:
    # Word-segmented or unpunctuated text: without the cut, the first warning would swallow
    # the second cue, hiding it from rules that look for cue words.
    text = "这个验证码不能告诉任何人登录密码各不相同还有请不要点击陌生链接"
    got = [(text[w.start : w.end], text[w.cue_start : w.cue_end]) for w in warned_ranges(text)]
    assert got == [("告诉任何人登录密码各不相同还有", "不能"), ("点击陌生链接", "请不要")]


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # contrast: what follows 而是 is what they do ask
        ("不会要求您直接向个人账户转账而是通过官方渠道支付保证金", "要求您直接向个人账户转账"),
        # a new demand without punctuation: the denial ends before it
        ("我行不会主动联系您同时我们要求你下载会议软件", "主动联系您"),
        # unpunctuated run-on text: a Chinese clause is short
        ("切勿" + "转" * 40, "转" * 26),
    ],
)
def test_a_chinese_clause_stops_at_a_break_or_its_length(text: str, clause: str) -> None:
    assert [text[w.start : w.end] for w in warned_ranges(text)] == [clause]


@pytest.mark.parametrize(
    "text",
    [
        "千万别告诉家人你转账到安全账户的事",
        "此事需要保密，不要告诉你的父母，把钱转入安全账户",
        "Do not tell your bank why you are moving the money to the safe account.",
        "Don't tell your family about the bail payment.",
    ],
)
def test_a_demand_for_secrecy_is_not_a_caution(text: str) -> None:
    # Scams ask the victim to keep quiet; what they name must stay visible to the rules.
    assert warned_ranges(text) == []


def test_secrecy_scam_still_flags_the_safe_account() -> None:
    from smscheck import check

    v = check("千万别告诉家人你转账到安全账户的事，今天务必完成。", received_at=WHEN)
    assert v.parsed.cautions == ()
    assert "pay-to-safe-account" in {h.rule_id for h in v.hits}
