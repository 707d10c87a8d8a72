"""Text leaves skip matches inside warned-against or denied clauses, unless ``in_warnings``."""

from __future__ import annotations

import pytest
from _rules_helpers import check, rule, ruleset

WARNING = "【招商银行】我行不会以任何理由收取解冻费，谨防诈骗。"
SCAM = "您的借款账户已冻结，请缴纳解冻费1,200元后恢复。"
MIXED = "我行不会收取解冻费。但您的账户异常，请先缴纳解冻费800元。"


def fires(when: str, text: str) -> bool:
    rs = ruleset(rule("r", when))
    # The inline pack is a zh-CN one; English texts are checked against it too.
    return any(h.rule_id == "r" for h in check(rs, text, locale="zh-CN").hits)


LEAVES = [
    "{text: {keywords: [解冻费]}}",
    "{text: {regex: '解冻(?:费|金)'}}",
    "{text: {near: [[收取, 缴纳], [解冻费]], within: 4}}",
    "{text: {fuzzy: [解冻手续费], edits: 2}}",
]


@pytest.mark.parametrize("when", LEAVES)
def test_leaf_ignores_a_match_inside_a_denial(when: str) -> None:
    assert not fires(when, WARNING)


@pytest.mark.parametrize("when", LEAVES)
def test_leaf_still_sees_the_same_words_outside_one(when: str) -> None:
    assert fires(when, SCAM)
    assert fires(when, MIXED)  # the denial covers its own clause only


@pytest.mark.parametrize("when", LEAVES)
def test_in_warnings_opts_back_in(when: str) -> None:
    assert fires(when.replace("}}", ", in_warnings: true}}"), WARNING)


def test_the_cue_itself_is_outside_the_span() -> None:
    # Anti-fraud rules look for 谨防/不会 themselves: the cue is not part of what it governs.
    assert fires("{text: {keywords: [谨防, 不会]}}", WARNING)


def test_not_of_a_warned_only_match_holds() -> None:
    assert fires("{not: {text: {keywords: [解冻费]}}}", WARNING)


def test_english_never_share() -> None:
    text = "Your code is 551203. Never share this code. We will never call you for this code."
    assert not fires("{text: {regex: 'share this code'}}", text)
    assert fires("{text: {regex: 'share this code', in_warnings: true}}", text)
    assert fires("{text: {regex: '(?i)never share'}}", text)


def test_evidence_skips_the_warned_occurrence() -> None:
    rs = ruleset(rule("r", "{text: {keywords: [解冻费]}}"))
    (hit,) = [h for h in check(rs, MIXED).hits if h.rule_id == "r"]
    assert [e.span.start for e in hit.evidence if e.span] == [MIXED.rindex("解冻费")]
