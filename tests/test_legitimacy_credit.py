"""What earns credit (issue 11): legitimacy rules reward a real creditor's facts, never an offer or a
scam's content.

- Every scoring rule of the zh-CN pack voids the credit (``content-voids-credit`` is
  ``evidence_against``), a user's own rules included, except the weak signs genuine notices show
  too, listed there with the reason; the excepted ones stay weak.
- Loan adverts (备用金待领取, 可借额度, 预授信, 授予您…) quote a bank, an amount, a tail and a date,
  like a bill: they earn no debt-details or repay-through-app credit, with or without a link.
- A loan pitch or a customer-service script that names an "official app" earns no credit.

Every text is written for this test, modelled on the pages cited beside it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

import smscheck

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "rules" / "zh-CN"
WHEN = datetime(2025, 12, 8, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def _pack_rules() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path in sorted(PACK.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.extend(data.get("rules") or [])
    return out


def _exempt() -> list[str]:
    """The weak signs ``content-voids-credit`` excepts, as written in legitimacy.yaml."""
    for rule in _pack_rules():
        if rule["id"] == "content-voids-credit":
            when = rule["when"]
            assert isinstance(when, dict)
            return list(when["evidence_against"]["except"])
    raise AssertionError("content-voids-credit is missing from rules/zh-CN/legitimacy.yaml")


def test_every_scoring_rule_voids_credit_unless_excepted() -> None:
    rules = smscheck.RuleSet.default()
    voiding = set(rules.rule("content-voids-credit").refs)
    exempt = set(_exempt())
    scoring = {
        r.id for r in rules.rules if r.locale == "zh-CN" and r.status == "stable" and r.weight > 0
    }
    assert scoring - exempt == voiding
    assert len(voiding) > 100


def test_excepted_signs_are_weak() -> None:
    # Each weighs under the suspicious threshold alone, so a genuine notice that shows one
    # keeps its sender's credit; a strong sign must never be excepted.
    by_id = {r["id"]: r for r in _pack_rules()}
    exempt = _exempt()
    assert exempt
    for rid in exempt:
        assert rid in by_id, rid
        assert 0 < float(by_id[rid]["weight"]) < 3, rid  # type: ignore[arg-type]


# A user's own rule joins the shipped pack and voids the credit without being listed anywhere.
USER_RULE = """
rules:
  - id: user-flags-a-codeword
    category: impersonation
    weight: 5
    description: {zh: 用户自定义的可疑暗号, en: A codeword the user's own rule flags}
    when: {text: {keywords: [星河暗号]}}
    examples: {hit: [请回复星河暗号], miss: [您好]}
"""
CLEAN = "【工商银行】您尾号4821的卡12月1日消费人民币100.00元，星河暗号。"


def test_a_users_rule_voids_the_official_senders_credit(tmp_path: Path) -> None:
    before = smscheck.check(CLEAN, sender="95588", received_at=WHEN)
    assert "official-sender-for-named-org" in {h.rule_id for h in before.hits}
    (tmp_path / "mine.yaml").write_text(USER_RULE, encoding="utf-8")
    checker = smscheck.Checker(smscheck.RuleSet.load(tmp_path))
    after = checker.check(CLEAN, sender="95588", received_at=WHEN)
    ids = {h.rule_id for h in after.hits}
    assert "user-flags-a-codeword" in ids
    assert not [h for h in after.hits if h.weight < 0]
    assert after.label != smscheck.Label.LEGITIMATE


BASE = """
rules:
  - id: x-credit
    category: legitimacy
    weight: -3
    description: {zh: 加分, en: Credit}
    when:
      all:
        - text: {keywords: [官方]}
        - not: {evidence_against: {except: %s}}
    examples: {hit: [官方通知], miss: [您好]}
  - id: x-weak
    category: threats
    weight: 1
    description: {zh: 弱, en: Weak}
    when: {text: {keywords: [征信]}}
    examples: {hit: [征信], miss: [您好]}
  - id: x-strong
    category: upfront_fee
    weight: 4
    description: {zh: 强, en: Strong}
    when: {text: {keywords: [保证金]}}
    examples: {hit: [保证金], miss: [您好]}
"""


def test_evidence_against_excepts_only_the_listed_rules() -> None:
    rs = smscheck.RuleSet.from_yaml(BASE % "[x-weak]")
    assert set(rs.rule("x-credit").refs) == {"x-strong"}
    c = smscheck.Checker(rs)
    assert {h.rule_id for h in c.check("官方通知，影响征信").hits} == {"x-credit", "x-weak"}
    assert {h.rule_id for h in c.check("官方通知，请交保证金").hits} == {"x-strong"}
    strict = smscheck.Checker(smscheck.RuleSet.from_yaml(BASE % "[]"))
    assert {h.rule_id for h in strict.check("官方通知，影响征信").hits} == {"x-weak"}


def test_evidence_against_unknown_exception_is_a_load_error() -> None:
    with pytest.raises(
        smscheck.RuleSetError, match=r"unknown rule 'x-weka'.*did you mean 'x-weak'"
    ):
        smscheck.RuleSet.from_yaml(BASE % "[x-weka]")


def test_evidence_against_cycle_is_a_load_error() -> None:
    cyclic = (
        BASE % "[]"
        + """
  - id: x-uses-credit
    category: upfront_fee
    weight: 2
    description: {zh: 环, en: Cycle}
    when: {rule: x-credit}
    examples: {hit: [], miss: [您好]}
"""
    )
    with pytest.raises(smscheck.RuleSetError, match="cycle through evidence_against"):
        smscheck.RuleSet.from_yaml(cyclic)


def test_evidence_against_must_be_a_mapping() -> None:
    bad = BASE.replace("{evidence_against: {except: %s}}", "{evidence_against: [x-weak]}")
    with pytest.raises(smscheck.RuleSetError, match="must be a mapping"):
        smscheck.RuleSet.from_yaml(bad)


def _credit(text: str, sender: str | None = None) -> list[str]:
    v = smscheck.check(text, sender=sender, received_at=WHEN)
    return [h.rule_id for h in v.hits if h.weight < 0]


# Loan adverts: the bank's amount on offer is no debt. Modelled on 资中农商银行's warning about
# "备用金" texts (http://www.hongboit.com.cn/article/3720.html), varied to the other offer words.
ADVERTS = [
    "[某农商银行]您有386000元备用金待领取，有效期至12月31日，回复1办理，退订回T",
    "【某农商银行】尊敬的客户，银行授予您的80000元备用金将于1月5日到期，可用于装修周转，回复1办理。",
    "【某农商银行】您有120000元备用金待领取，尾号5521账户，12月31日到期，请登录手机银行App办理。",
    "【邮储银行】尊敬的客户，您尾号3321的账户获得预授信额度200000元，12月20日前点击领取。",
    "【平安银行】您尾号8823的账户可借额度50000元已生成，12月31日前登录App即可提款，逾期作废。",
    "【网商银行】您有一笔最高可借30万元的经营贷，尾号0917，有效期至12月31日，回1领取。",
    "【招联金融】您的额度50000元待激活，尾号6630，12月25日前激活享免息，退订回T",
    # with a link: off the bank's domains, and on them
    "【邮储银行】您尾号3321的账户有备用金80000元待领取，12月20日前点击 https://psbc-byj.cn/a1 领取。",
    "【招商银行】您尾号2231的账户获得预授信额度100000元，12月31日前点击 cmbt.cn/k8Qa 查看。",
]


@pytest.mark.parametrize("text", ADVERTS)
def test_loan_advert_earns_no_debt_credit(text: str) -> None:
    credit = _credit(text)
    assert "complete-debt-details" not in credit
    assert "repay-through-official-app" not in credit


# Loan pitches and customer-service scripts that name an app, modelled on the classes of
# Telecom_Fraud_Texts_5 (https://github.com/ChangMianRen/Telecom_Fraud_Texts_5).
PITCHES = [
    "您好，我们公司提供无抵押低息贷款，请点击链接下载我们的官方APP注册，审核通过当天放款。",
    "您好，这里是某某金融客服，您的借款额度已审批，请在应用商店搜索我们的App完成提现。",
    "尊敬的客户，您的快递理赔已受理，请下载客服App按指引操作，我们会全程协助您完成退款。",
]


@pytest.mark.parametrize("text", PITCHES)
def test_pitch_naming_an_app_earns_no_credit(text: str) -> None:
    assert "repay-through-official-app" not in _credit(text)


# Genuine reminders keep their credit (modelled on the bill and overdue notices quoted in
# https://github.com/AutoAccountingOrg/AutoRule issues).
GENUINE = [
    ("【京东金融】您的白条已逾期3天，应还1,234.56元，请登录京东金融App还款。", "95118",
     {"official-sender-for-named-org", "complete-debt-details", "repay-through-official-app"}),
    ("【招商银行】您尾号2231的信用卡本期账单应还4,806.20元，到期还款日12月18日。", None,
     {"complete-debt-details"}),
    ("【招商银行】您尾号2231的信用卡本期账单4,806.20元，还款日12月18日，回复FQ可办理账单分期。",
     "95555", {"official-sender-for-named-org", "complete-debt-details"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sender", "expected"), GENUINE)
def test_genuine_reminder_keeps_its_credit(
    text: str, sender: str | None, expected: set[str]
) -> None:
    v = smscheck.check(text, sender=sender, received_at=WHEN)
    assert v.label == smscheck.Label.LEGITIMATE
    assert expected <= {h.rule_id for h in v.hits if h.weight < 0}
