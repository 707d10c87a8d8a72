"""Checker: verdicts, explanation text, advice with hotlines, argument errors, JSON round-trip."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import regex as re
from _rules_helpers import FakeRegistry, T, check, rule, ruleset

import smscheck
from smscheck import Checker, RuleSet
from smscheck.models import Verdict

PACK = """pack:
  name: test
  locale: zh-CN
  thresholds: {suspicious: 3, forged: 6}
  advice:
    hotline: {zh: "请拨打{org}官方电话 {hotline} 核实", en: "Call {org} on {hotline}"}
    forged: {zh: [不要转账], en: [Do not pay]}
    suspicious: {zh: [核实后再说], en: [Check first]}
"""

RULES = (
    rule("mobile-claims-org", "{all: [{field: sender.kind, equals: cn_mobile}, {registry: sender_not_official}]}",
         category="informal_channel", weight=4,
         extra='    reason: {zh: "发信号码 {sender.raw} 是个人手机号，却自称{org}", en: "Sender {sender.raw} is a personal mobile claiming to be {org}"}\n'),
    rule("fee", "{text: {keywords: [手续费, 解冻费]}}", category="upfront_fee", weight=3,
         extra='    reason: {zh: "要求先交{matches}", en: "Asks for {matches} first"}\n'),
    rule("official-sender", "{registry: sender_official}", category="legitimacy", weight=-3),
)  # fmt: skip

FORGED = "【京东金融】您的白条已逾期，请先支付手续费200元"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return ruleset(*RULES, pack=PACK)


def test_checker_forged_verdict_with_reasons(rules: RuleSet) -> None:
    v = check(rules, FORGED, "13812345678")
    assert v.label.value == "forged"
    assert v.score == 7.0
    assert v.explain("zh").splitlines() == [
        "结论：伪造/诈骗（得分 7；3 分起可疑，6 分起伪造）",
        "  +4  发信号码 13812345678 是个人手机号，却自称京东金融",
        "  +3  要求先交手续费",
        "建议：",
        "  - 请拨打京东金融官方电话 95118 核实",
        "  - 不要转账",
    ]
    assert v.explain("en").splitlines()[1:3] == [
        "  +4  Sender 13812345678 is a personal mobile claiming to be 京东金融",
        "  +3  Asks for 手续费 first",
    ]
    assert v.advice_en == ("Call 京东金融 on 95118", "Do not pay")


def test_checker_official_sender_is_legitimate(rules: RuleSet) -> None:
    v = check(rules, "【京东金融】您的白条已逾期3天，请登录京东金融App还款", "95118")
    assert [(h.rule_id, h.weight) for h in v.hits] == [("official-sender", -3.0)]
    assert v.label.value == "legitimate"
    assert v.score == -3.0
    assert v.advice == ("请拨打京东金融官方电话 95118 核实",)


def test_checker_evidence_spans_slice_the_original(rules: RuleSet) -> None:
    text = "【京东金融】您的白条已逾期，请先支付手 续 费200元"
    v = check(rules, text, "13812345678")
    spans = [(e.span, e.text) for h in v.hits for e in h.evidence if e.span]
    assert spans
    for span, ev_text in spans:
        assert text[span.start : span.end] == ev_text
    assert "手 续 费" in [t for _, t in spans]


def test_checker_verdict_json_round_trip(rules: RuleSet) -> None:
    v = check(rules, FORGED, "13812345678")
    assert Verdict.model_validate_json(v.model_dump_json()) == v


def test_checker_score_is_sum_of_hits(rules: RuleSet) -> None:
    for text, sender in [(FORGED, "13812345678"), (FORGED, "95118"), ("你好", None)]:
        v = check(rules, text, sender)
        assert v.score == sum(h.weight for h in v.hits)


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        ((None,), {}, TypeError),
        ((b"bytes",), {}, TypeError),
        (("x",), {"sender": 95118}, TypeError),
        (("x",), {"received_at": datetime(2024, 1, 1)}, ValueError),
    ],
    ids=["none", "bytes", "int-sender", "naive-time"],
)
def test_checker_bad_arguments(
    rules: RuleSet, args: tuple[object, ...], kwargs: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        Checker(rules).check(*args, **kwargs)  # type: ignore[arg-type]


def test_checker_rules_must_be_a_ruleset() -> None:
    with pytest.raises(TypeError, match="RuleSet"):
        Checker("rules/")  # type: ignore[arg-type]


def test_checker_module_level_check_uses_default_rules() -> None:
    v = smscheck.check("您好", received_at=T)
    assert isinstance(v, Verdict)
    assert v.score == sum(h.weight for h in v.hits)
    assert smscheck.Checker().rules is RuleSet.default()


def test_checker_public_surface() -> None:
    assert {"check", "Checker", "RuleSet"} <= set(smscheck.__all__)


def test_checker_registry_protocol_fake_is_enough() -> None:
    rs = RuleSet.from_yaml(
        "rules:\n" + rule("court", "{registry: names_org, kinds: [court]}"), registry=FakeRegistry()
    )
    (h,) = check(rs, "您的案件已由法院受理").hits
    assert (h.evidence[0].value, h.evidence[0].org_id, h.evidence[0].text) == (
        "人民法院",
        "court",
        "法院",
    )


def test_checker_english_reason_and_advice_name_the_org_in_english() -> None:
    """An English reason or advice line shows the registry's English name, not the Chinese one
    (a Chase alert from Chase's short code named "摩根大通银行" in English)."""
    v = smscheck.check(
        "Chase: your card ending 4417 was charged $18.90 at a grocery store. Not you? Call the"
        " number on the back of your card.",
        sender="24273",
        received_at=datetime(2025, 5, 9, 8, 0, tzinfo=timezone.utc),
    )
    reasons = [h.reason.en for h in v.hits]
    assert any("Chase" in r for r in reasons), reasons
    assert not any(re.search(r"\p{Han}", r) for r in reasons), reasons
    zh = smscheck.check(
        "【京东金融】您的白条已逾期3天，应还1,234.56元，请于12月20日前登录京东金融App还款。",
        sender="95118",
        received_at=datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8))),
    )
    assert any("京东金融" in h.reason.zh for h in zh.hits)
    assert any("JD" in h.reason.en for h in zh.hits if h.rule_id == "official-sender-for-named-org")
