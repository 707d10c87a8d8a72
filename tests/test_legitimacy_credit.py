"""What earns credit (issue 11): legitimacy rules reward a real creditor's facts, never an offer or a
scam's content.

- Every scoring rule of the zh-CN pack voids the credit (it is listed in ``content-voids-credit``),
  except the weak signs genuine notices show too, named here with the reason. A new rule must be
  listed there or exempted here: this test fails until one of the two is done.
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

# Weak signs a genuine notice can show; each weighs under the suspicious threshold alone, so
# they leave an official sender's credit standing.
EXEMPT = {
    "threat-vague-consequences": "genuine reminders say 逾期将影响您的征信",
    "deadline-within-hours": "genuine reminders say 请于今日18:00前还款",
    "signature-in-mid-text": "bank templates put 【银行】 after a first clause",
    "neutral-signature-on-debt-notice": "a department signature (客服中心) on a real reminder",
    "legal-notice-claims-sender-without-signature": "a short real notice without 【】",
    "debt-claim-without-creditor": "a short real reminder from the creditor's own number",
    "debt-claim-without-amount": "a short real reminder (您的账单已逾期，请尽快还款)",
    "debt-claim-without-product-or-tail": "a short real reminder",
    "overdue-claim-without-days": "a short real reminder",
    "acquaintance-identity-claim": "a bank's account manager who gives their name",
}


def _rules() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path in sorted(PACK.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.extend(data.get("rules") or [])
    return out


def _voiding() -> set[str]:
    for rule in _rules():
        if rule["id"] == "content-voids-credit":
            when = rule["when"]
            assert isinstance(when, dict)
            return {leaf["rule"] for leaf in when["any"]}
    raise AssertionError("content-voids-credit is missing from rules/zh-CN/legitimacy.yaml")


def test_every_scoring_rule_voids_credit_or_is_exempted() -> None:
    voiding = _voiding()
    missing = [
        str(r["id"])
        for r in _rules()
        if r.get("category") != "legitimacy"
        and r.get("status", "stable") == "stable"
        and float(r.get("weight") or 0) > 0  # type: ignore[arg-type]
        and r["id"] not in voiding
        and r["id"] not in EXEMPT
    ]
    assert not missing, (
        "list these in content-voids-credit (rules/zh-CN/legitimacy.yaml) or exempt them in "
        f"tests/test_legitimacy_credit.py with a reason: {missing}"
    )


def test_exemptions_are_weak_scoring_rules() -> None:
    by_id = {r["id"]: r for r in _rules()}
    voiding = _voiding()
    for rid in EXEMPT:
        assert rid in by_id, rid
        assert 0 < float(by_id[rid]["weight"]) < 3, rid  # type: ignore[arg-type]
        assert rid not in voiding, rid


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
