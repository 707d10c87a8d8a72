"""Checker.summarize and check_many(summary=True) give exactly what check gives, minus evidence."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from _cases import load_cases

import smscheck
from smscheck import Summary, Verdict
from smscheck.batch import check_many
from smscheck.ruleset import RuleSet
from smscheck.scoring import apply_caps, cap_weights

CASES = [c for name in ("zh-CN.yaml", "en-US.yaml") for c in load_cases(name)]
_CHECKER = smscheck.Checker()


def _outcome(v: Verdict | Summary) -> tuple[Any, ...]:
    ids = v.rule_ids if isinstance(v, Summary) else tuple(h.rule_id for h in v.hits)
    return v.label, v.score, ids, v.warnings, v.thresholds, v.parsed


@pytest.mark.parametrize("case", CASES, ids=[str(c["name"]) for c in CASES])
def test_summary_equals_the_verdict_of_every_case(case: dict[str, Any]) -> None:
    kwargs = {
        "sender": case.get("sender"),
        "received_at": datetime.fromisoformat(case["received_at"]),
    }
    v = _CHECKER.check(case["text"], **kwargs)
    s = _CHECKER.summarize(case["text"], **kwargs)
    assert _outcome(s) == _outcome(v)


def test_summary_with_caps_absorption_and_testing_rules() -> None:
    rules = RuleSet.from_yaml(
        """
pack: {name: caps-demo, locale: zh-CN, caps: {threats: 5}}
rules:
  - {id: t1, category: threats, weight: 4, description: {zh: a, en: a}, when: {text: {keywords: [起诉]}}}
  - {id: t2, category: threats, weight: 3, description: {zh: b, en: b}, when: {text: {keywords: [冻结]}}}
  - {id: t3, category: threats, weight: 2, status: testing, description: {zh: c, en: c},
     when: {text: {keywords: [拘留]}}}
  - {id: part, category: upfront_fee, weight: 2, description: {zh: d, en: d},
     when: {text: {keywords: [保证金]}}}
  - {id: whole, category: upfront_fee, weight: 5, absorb: [part], description: {zh: e, en: e},
     when: {all: [{rule: part}, {text: {keywords: [个人账户]}}]}}
""",
        check_examples=False,
    )
    checker = smscheck.Checker(rules)
    text = "将起诉并冻结账户，拘留，请交保证金到个人账户"
    at = datetime.fromisoformat("2024-12-13T20:46:00+08:00")
    v = checker.check(text, received_at=at)
    s = checker.summarize(text, received_at=at)
    assert [(h.rule_id, h.weight) for h in v.hits] == [
        ("whole", 5.0), ("t1", 4.0), ("t2", 1.0), ("t3", 0.0)
    ]  # fmt: skip
    assert _outcome(s) == _outcome(v)
    assert s.score == 10.0


def test_summary_without_a_pack_for_the_locale() -> None:
    rules = RuleSet.from_yaml(
        "pack: {name: zh-only, locale: zh-CN}\nrules: []\n", check_examples=False
    )
    at = datetime.fromisoformat("2024-12-13T20:46:00+08:00")
    s = smscheck.Checker(rules).summarize("Your account is overdue.", received_at=at)
    v = smscheck.Checker(rules).check("Your account is overdue.", received_at=at)
    assert _outcome(s) == _outcome(v)
    assert s.warnings == ("no rule pack for locale en-US",)


def test_summary_cap_weights_agree_with_apply_caps() -> None:
    from smscheck.models import Hit, Localized

    r = Localized(zh="x", en="x")
    spec = [("a", "threats", 3.0), ("b", "threats", 2.5), ("c", "legitimacy", -2.0),
            ("d", "legitimacy", -3.0), ("e", "fees", 0.0), ("f", "threats", -1.0)]  # fmt: skip
    caps = {"threats": 4.0, "legitimacy": 4.0}
    hits = [Hit(rule_id=i, category=c, weight=w, reason=r) for i, c, w in spec]
    capped = apply_caps(hits, caps)
    assert [(h.rule_id, h.weight) for h in capped] == [
        (spec[i][0], w) for i, w in cap_weights(spec, caps)
    ]
    assert [(h.rule_id, h.weight, h.full_weight) for h in capped] == [
        ("a", 3.0, None), ("b", 1.0, 2.5), ("e", 0.0, None), ("f", -1.0, None),
        ("c", -2.0, None), ("d", -2.0, -3.0),
    ]  # fmt: skip


def test_summary_check_many_in_order_inline_and_in_processes() -> None:
    at = datetime.fromisoformat("2024-12-13T20:46:00+08:00")
    items = [{"text": c["text"], "sender": c.get("sender"), "received_at": at} for c in CASES[:60]]
    want = [_outcome(_CHECKER.check(i["text"], sender=i["sender"], received_at=at)) for i in items]
    inline = list(check_many(items, checker=_CHECKER, workers=1, summary=True))
    pooled = list(check_many(items, checker=_CHECKER, workers=2, summary=True))
    assert all(isinstance(s, Summary) for s in inline)
    assert [_outcome(s) for s in inline] == want
    assert [_outcome(s) for s in pooled] == want


def test_summary_batch_records_are_made_in_the_workers_and_keep_order() -> None:
    from smscheck.batch import batch_records, summary_record

    at = datetime.fromisoformat("2024-12-13T20:46:00+08:00")
    items = [{"text": c["text"], "sender": c.get("sender"), "received_at": at} for c in CASES[::4]]
    want = [summary_record(s) for s in check_many(items, checker=_CHECKER, workers=1, summary=True)]
    assert list(batch_records(items, checker=_CHECKER, workers=1)) == want
    assert list(batch_records(items, checker=_CHECKER, workers=2)) == want
    assert {r["label"] for r in want} == {"legitimate", "suspicious", "forged"}
    assert set(want[0]) == {"label", "score", "hits", "deadline", "amounts"}


def test_summary_check_many_rejects_no_workers_at_the_call() -> None:
    with pytest.raises(ValueError, match="workers must be at least 1"):
        check_many(["x"], workers=0)
