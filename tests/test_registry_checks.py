"""Registry facts for the cross-cutting rules: body numbers that are (not) an organisation's
published numbers, and look-alike hosts (``registry: phone_official / phone_not_official /
link_lookalike``). Every text here is invented for the test."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from smscheck import Checker, RuleSet, parse
from smscheck.errors import RuleSetError
from smscheck.models import PhoneNumber, Span
from smscheck.registry import Registry
from smscheck.registry._lookalike import token_problem

T = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


# --------------------------------------------------------------------------- look-alike hosts


@pytest.mark.parametrize(
    ("host", "org", "token"),
    [
        ("icbc-upgrade.com", "icbc", "icbc"),
        ("http-ccb.cc", "ccb", "ccb"),
        ("95588-icbc.top", "icbc", "95588"),
        ("www-icbc.com.cn-xyz.cn", "icbc", "icbc"),
        ("icbc.com.cn.secure-check.top", "icbc", "icbc"),
        ("icbcbank.vip", "icbc", "icbc"),  # glued to a generic word
        ("my95533.cn", "ccb", "95533"),
        ("10086-jifen.com", "china-mobile", "10086"),
        ("wellsfargo-secure.net", "us-wells-fargo", "wellsfargo"),
        ("chase-verify.com", "us-chase", "chase"),
    ],
)
def test_lookalike_orgs_finds_the_imitated_org(
    reg: Registry, host: str, org: str, token: str
) -> None:
    assert (org, token) in reg.lookalike_orgs(host)


@pytest.mark.parametrize(
    "host",
    [
        "www.icbc.com.cn",  # official
        "mybank.icbc.com.cn",  # under an official domain
        "jr.jd.com",  # official for another organisation
        "purchase-order.com",  # 'chase' only inside a word
        "accbank.com",  # 'ccb' only inside a word
        "abc-news.com",  # 3-letter common word: never a token
        "foodcourt-city.com",
        "www.example.com",
        "t.cn",
        "",
    ],
)
def test_lookalike_orgs_leaves_other_hosts_alone(reg: Registry, host: str) -> None:
    assert reg.lookalike_orgs(host) == ()


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ("jd", "must be 3-40 lower-case ASCII letters or digits"),
        ("www", "common word of host names"),
        ("bank", "common word of host names"),
        ("ICBC", "must be 3-40 lower-case ASCII letters or digits"),
        ("12345678", "must be a service number"),
    ],
)
def test_lookalike_token_must_be_distinctive(token: str, problem: str) -> None:
    got = token_problem(token)
    assert got is not None
    assert problem in got


def test_lookalike_tokens_are_refused_at_path_line() -> None:
    text = (
        "organisations:\n  - id: demo-bank\n    name: 演示银行\n    name_en: Demo Bank\n"
        "    kind: bank\n    lookalike_tokens:\n"
        '      - {value: "db", source: "https://example.org/demo"}\n'
    )
    with pytest.raises(RuleSetError) as e:
        Registry.from_yaml(text, "<t>")
    assert (
        str(e.value).splitlines()[-1].startswith("<t>:6: demo-bank: lookalike_tokens: token 'db'")
    )


def test_lookalike_tokens_from_the_registry_file() -> None:
    r = Registry.from_yaml(
        "organisations:\n  - id: demo-bank\n    name: 演示银行\n    name_en: Demo\n"
        "    kind: bank\n    domains: [{value: demobank.cn, source: 'https://example.org/d'}]\n"
        "    lookalike_tokens: [{value: dmbk, source: 'https://example.org/t'}]\n"
    )
    assert r.lookalike_orgs("dmbk-login.top") == (("demo-bank", "dmbk"),)
    assert r.lookalike_orgs("demobank-verify.cc") == (("demo-bank", "demobank"),)
    assert r.lookalike_orgs("demobank.cn") == ()
    assert r.get("demo-bank").lookalike_tokens == ("dmbk",)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- numbers


def _phone(digits: str, e164: str | None = None) -> PhoneNumber:
    return PhoneNumber(
        text=digits, digits=digits, kind="unknown", e164=e164, span=Span(start=0, end=len(digits))
    )


def test_published_numbers_and_families(reg: Registry) -> None:
    assert reg.has_numbers("icbc")
    assert reg.is_official_number("95588", "icbc")
    assert not reg.is_official_number("95533", "icbc")
    # a foreign number matches whether listed with its country code or without it
    assert reg.is_official_number(_phone("8668675568", "+18668675568"), "us-wells-fargo")
    assert reg.is_official_number(_phone("8008291040", "+18008291040"), "us-irs")
    assert not reg.is_official_number(_phone("4155550134", "+14155550134"), "us-wells-fargo")
    assert reg.is_public_number("96110")
    assert not reg.is_public_number("95588")


def test_family_numbers_count_for_parent_and_children() -> None:
    r = Registry.from_yaml(
        "organisations:\n"
        "  - id: group\n    name: 演示集团\n    name_en: Group\n    kind: platform\n"
        "    hotline: {value: '95999', source: 'https://example.org/h'}\n"
        "  - id: group-finance\n    name: 演示金融\n    name_en: Group Finance\n"
        "    kind: consumer_finance\n    parent: group\n"
    )
    assert r.has_numbers("group-finance")
    assert r.is_official_number("95999", "group-finance")


# --------------------------------------------------------------------------- rules using them

PACK = """\
locale: {locale}
rules:
  - id: demo-callback-not-published
    category: impersonation
    weight: 4
    description: {{zh: 回拨号码不是机构公布的号码, en: Callback number not published by the organisation}}
    reason: {{zh: "以{{org}}名义给出的号码不是其公布的号码", en: "{{org}} does not publish this number"}}
    when: {{registry: phone_not_official, kinds: [bank]}}
  - id: demo-number-published
    category: legitimacy
    weight: -1
    description: {{zh: 号码是机构公布的号码, en: The number is the organisation's own}}
    when: {{registry: phone_official}}
  - id: demo-lookalike-link
    category: impersonation
    weight: 5
    description: {{zh: 仿冒机构的网址, en: A link imitating an organisation}}
    reason: {{zh: "链接仿冒{{org}}", en: "The link imitates {{org}}"}}
    when: {{registry: link_lookalike}}
"""


def _hits(locale: str, text: str) -> dict[str, list[tuple[Any, ...]]]:
    rs = RuleSet.from_yaml(PACK.format(locale=locale), registry=Registry.default())
    v = Checker(rs).check(text, received_at=T, locale=locale)
    return {
        h.rule_id: [(e.leaf, e.text, e.field, e.value, e.org_id, e.pattern) for e in h.evidence]
        for h in v.hits
    }


def test_rule_phone_not_official_zh() -> None:
    text = "【工商银行】您的信用卡年费1800元将于明日扣除，如需取消请致电4008-765-432。"
    assert _hits("zh-CN", text) == {
        "demo-callback-not-published": [
            (
                "registry.phone_not_official",
                "4008-765-432",
                "phone_numbers",
                "工商银行",
                "icbc",
                None,
            )
        ]
    }


def test_rule_phone_official_zh() -> None:
    text = "【工商银行】您的信用卡账单已出，如有疑问请致电95588。"
    assert _hits("zh-CN", text) == {
        "demo-number-published": [
            ("registry.phone_official", "95588", "phone_numbers", "工商银行", "icbc", None)
        ]
    }


@pytest.mark.parametrize(
    "text",
    [
        "如有疑问请致电4008-765-432。",  # no organisation named
        "【建设银行】谨防电信诈骗，如遇可疑来电请拨打96110。",  # a public anti-fraud line
        "【中国移动】您的话费余额不足，详询10086。",  # kinds: [bank] only
    ],
)
def test_rule_phone_not_official_does_not_hold(text: str) -> None:
    assert "demo-callback-not-published" not in _hits("zh-CN", text)


def test_rule_phone_checks_en() -> None:
    scam = "Wells Fargo alert: your card is locked. Call (415) 555-0134 to unlock it."
    genuine = "Wells Fargo: questions about this alert? Call 1-866-867-5568."
    assert _hits("en-US", scam) == {
        "demo-callback-not-published": [
            ("registry.phone_not_official", "(415) 555-0134", "phone_numbers", "富国银行",
             "us-wells-fargo", None)
        ]
    }  # fmt: skip
    assert list(_hits("en-US", genuine)) == ["demo-number-published"]


def test_rule_link_lookalike_without_naming_the_org() -> None:
    text = "您的电子密码器已过期，请登录 icbc-upgrade.com 重新认证"
    assert _hits("zh-CN", text) == {
        "demo-lookalike-link": [
            ("registry.link_lookalike", "icbc-upgrade.com", "links", "工商银行", "icbc", "icbc")
        ]
    }
    genuine = "【工商银行】您可登录 https://www.icbc.com.cn 查询账单"
    assert "demo-lookalike-link" not in _hits("zh-CN", genuine)


def test_rule_link_lookalike_kinds_filter() -> None:
    rs = RuleSet.from_yaml(
        "rules:\n  - id: only-courts\n    category: impersonation\n    weight: 3\n"
        "    description: {zh: x, en: x}\n"
        "    when: {registry: link_lookalike, kinds: [court]}\n",
        registry=Registry.default(),
    )
    v = Checker(rs).check("请访问 95533-ccb.top 兑换积分", received_at=T)
    assert v.hits == ()


def test_parse_gives_callback_role_to_rules() -> None:
    p = parse("【建设银行】请尽快致电021-61234567解除限制", received_at=T)
    assert [(n.digits, n.role) for n in p.phone_numbers] == [("02161234567", "callback")]


@pytest.mark.parametrize(
    "text",
    [
        # the callback is the bank's own hotline; the landline is an address detail, not a callback
        "【工商银行】您的信用卡账单已出，如有疑问请致电95588。营业网点：人民路支行，0571-87654321。",
        # a number quoted in a warning is not offered to call
        "【工商银行】提醒：如接到0571-87654321等陌生号码要求转账，请挂断，疑问请致电95588。",
    ],
)
def test_rule_phone_not_official_weighs_callback_numbers_only(text: str) -> None:
    assert "demo-callback-not-published" not in _hits("zh-CN", text)


def test_rule_phone_not_official_still_holds_for_a_callback_beside_an_official_number() -> None:
    # the scam gives its own number to call; the bank's hotline elsewhere does not excuse it
    text = "【工商银行】您的信用卡年费1800元将于明日扣除，如需取消请致电4008-765-432，或95588。"
    got = _hits("zh-CN", text)
    assert [e[1] for e in got["demo-callback-not-published"]] == ["4008-765-432"]


def test_registry_kinds_courier_and_insurer_filter_mentions() -> None:
    pack = """\
locale: zh-CN
rules:
  - id: demo-names-courier
    category: impersonation
    weight: 1
    description: {zh: 提到快递公司, en: Names a parcel carrier}
    when: {registry: names_org, kinds: [courier]}
  - id: demo-names-insurer
    category: impersonation
    weight: 1
    description: {zh: 提到保险公司, en: Names an insurer}
    when: {registry: names_org, kinds: [insurer]}
"""
    rs = RuleSet.from_yaml(pack, registry=Registry.default())
    got = Checker(rs).check(
        "【顺丰速运】您的快件已签收，详询95338。", received_at=T, locale="zh-CN"
    )
    assert [h.rule_id for h in got.hits] == ["demo-names-courier"]
    got = Checker(rs).check("【中国人寿】您的保单续期保费已扣缴。", received_at=T, locale="zh-CN")
    assert [h.rule_id for h in got.hits] == ["demo-names-insurer"]
