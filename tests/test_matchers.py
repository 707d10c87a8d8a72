"""Every condition kind, on small inline rule sets (not the shipped pack)."""

from __future__ import annotations

import pickle
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import regex
from _rules_helpers import FakeRegistry, T, check, rule, ruleset
from hypothesis import given
from hypothesis import strategies as st

from smscheck import RuleSet
from smscheck import matchers as m
from smscheck.matchers import TermIndex, backtracking_risk, required_literals
from smscheck.models import Amount, Evidence, Link, ParsedMessage, Sender, Span


def fires(when: str, text: str, sender: str | None = None) -> bool:
    rs = ruleset(rule("r", when))
    return any(h.rule_id == "r" for h in check(rs, text, sender).hits)


TEXT_CASES = [
    ("keywords", "{text: {keywords: [解冻费, 保证金]}}", "请先缴纳解冻费500元", True),
    ("keywords-miss", "{text: {keywords: [解冻费, 保证金]}}", "您的白条已逾期3天", False),
    ("keywords-ascii-ignore-case", "{text: {keywords: [app]}}", "请登录京东金融APP还款", True),
    (
        "keywords-exact-case",
        "{text: {keywords: [app], ignore_case: false}}",
        "请登录京东金融APP还款",
        False,
    ),
    ("keywords-after-normalising", "{text: {keywords: [加微信]}}", "详情请加薇 信 abc123", True),
    ("regex", "{text: {regex: '(解冻|保证|撤诉)(费|金)'}}", "缴纳撤诉费后撤案", True),
    ("regex-miss", "{text: {regex: '(解冻|保证|撤诉)(费|金)'}}", "缴纳费用", False),
    ("regex-flags", "{text: {regex: 'LAWSUIT', flags: [ignorecase]}}", "已对您提起lawsuit", True),
    ("regex-unicode-class", r"{text: {regex: '\p{Han}{2}法院'}}", "北京法院", True),
    (
        "near-within",
        "{text: {near: [[律师函], [转账, 汇款]], within: 6}}",
        "律师函已发出请转账",
        True,
    ),
    (
        "near-too-far",
        "{text: {near: [[律师函], [转账]], within: 3}}",
        "律师函已经发出了请尽快转账",
        False,
    ),
    (
        "near-either-order",
        "{text: {near: [[律师函], [转账]], within: 3}}",
        "请转账否则律师函",
        True,
    ),
    (
        "near-ordered",
        "{text: {near: [[律师函], [转账]], within: 3, ordered: true}}",
        "请转账否则律师函",
        False,
    ),
    ("fuzzy-typo", "{text: {fuzzy: [律师事务所], edits: 1}}", "北京某某律师事物所", True),
    ("fuzzy-exact", "{text: {fuzzy: [律师事务所]}}", "北京某某律师事务所", True),
    ("fuzzy-too-different", "{text: {fuzzy: [律师事务所]}}", "北京某某会计师事物所", False),
]


@pytest.mark.parametrize(
    ("when", "text", "expected"), [c[1:] for c in TEXT_CASES], ids=[c[0] for c in TEXT_CASES]
)
def test_matchers_text_leaves(when: str, text: str, expected: bool) -> None:
    assert fires(when, text) is expected


def test_matchers_keywords_evidence_names_the_keyword_and_original_span() -> None:
    text = "您好，请加薇 信：abc，否则起诉"
    rs = ruleset(rule("r", "{text: {keywords: [起诉, 加微信]}}"))
    hit = check(rs, text).hits[0]
    got = [(e.leaf, e.pattern, e.text, e.span) for e in hit.evidence]
    assert got == [
        ("text.keywords", "起诉", "起诉", Span(start=15, end=17)),
        ("text.keywords", "加微信", "加薇 信", Span(start=4, end=8)),
    ]
    for e in hit.evidence:
        assert e.span is not None
        assert text[e.span.start : e.span.end] == e.text


def test_matchers_fuzzy_evidence_names_the_term() -> None:
    hit = check(
        ruleset(rule("r", "{text: {fuzzy: [律师事务所, 人民法院]}}")), "某某律师事物所"
    ).hits[0]
    assert (hit.evidence[0].pattern, hit.evidence[0].text) == ("律师事务所", "律师事物所")


def msg(**fields: Any) -> ParsedMessage:
    base: dict[str, Any] = {"text": "x", "normalized": "x", "locale": "zh-CN", "received_at": T}
    base.update(fields)
    return ParsedMessage(**base)


def amount(value: str, role: str, start: int = 0) -> Amount:
    return Amount(text=f"{value}元", value=Decimal(value), currency="CNY", role=role,  # type: ignore[arg-type]
                  span=Span(start=start, end=start + len(value) + 1))  # fmt: skip


FIELD_CASES = [
    (
        "equals",
        "{field: sender.kind, equals: cn_mobile}",
        msg(sender=Sender(raw="138", kind="cn_mobile")),
        True,
    ),
    (
        "equals-miss",
        "{field: sender.kind, equals: cn_mobile}",
        msg(sender=Sender(raw="95118", kind="cn_service_95")),
        False,
    ),
    (
        "in",
        "{field: sender.kind, in: [cn_mobile, cn_400]}",
        msg(sender=Sender(kind="cn_400")),
        True,
    ),
    (
        "exists",
        "{field: sender.lookalike_of, exists: true}",
        msg(sender=Sender(lookalike_of="95588")),
        True,
    ),
    ("exists-empty-list", "{field: signatures, exists: true}", msg(), False),
    ("missing", "{field: creditor, missing: true}", msg(), True),
    ("missing-present", "{field: creditor, missing: true}", msg(creditor="京东金融"), False),
    (
        "count",
        "{field: amounts, count: {ge: 2}}",
        msg(amounts=(amount("1", "due"), amount("2", "fee"))),
        True,
    ),
    (
        "count-exact",
        "{field: amounts, count: 1}",
        msg(amounts=(amount("1", "due"), amount("2", "fee"))),
        False,
    ),
    (
        "any-items",
        "{field: amounts, any: {role: fee, value: {ge: 100}}}",
        msg(amounts=(amount("50", "fee"), amount("500", "fee"))),
        True,
    ),
    (
        "any-items-miss",
        "{field: amounts, any: {role: fee, value: {ge: 100}}}",
        msg(amounts=(amount("50", "fee"), amount("500", "due"))),
        False,
    ),
    (
        "any-items-in",
        "{field: amounts, any: {role: [fee, penalty]}}",
        msg(amounts=(amount("5", "penalty"),)),
        True,
    ),
    (
        "all-items",
        "{field: amounts, all: {role: fee}}",
        msg(amounts=(amount("1", "fee"), amount("2", "fee"))),
        True,
    ),
    (
        "all-items-one-off",
        "{field: amounts, all: {role: fee}}",
        msg(amounts=(amount("1", "fee"), amount("2", "due"))),
        False,
    ),
    ("all-items-empty", "{field: amounts, all: {role: fee}}", msg(), False),
    (
        "contains",
        "{field: topics, contains: legal_notice}",
        msg(topics=("debt_collection", "legal_notice")),
        True,
    ),
    (
        "contains-miss",
        "{field: topics, contains: [payment, marketing]}",
        msg(topics=("legal_notice",)),
        False,
    ),
    (
        "matches",
        "{field: sender.raw, matches: '^1[3-9]\\d{9}$'}",
        msg(sender=Sender(raw="13812345678")),
        True,
    ),
    ("gt-int", "{field: overdue_days, any: {days: {gt: 90}}}", msg(), False),
    (
        "hours-from-received",
        "{field: deadline, hours_from_received: {le: 24}}",
        msg(deadline=T + timedelta(hours=3)),
        True,
    ),
    (
        "hours-from-received-far",
        "{field: deadline, hours_from_received: {le: 24}}",
        msg(deadline=T + timedelta(days=7)),
        False,
    ),
    (
        "bool-field",
        "{field: links, any: {is_ip: true}}",
        msg(
            links=(
                Link(
                    text="http://1.2.3.4",
                    url="http://1.2.3.4",
                    host="1.2.3.4",
                    is_ip=True,
                    span=Span(start=0, end=14),
                ),
            )
        ),
        True,
    ),
]


@pytest.mark.parametrize(
    ("when", "message", "expected"), [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES]
)
def test_matchers_field_leaves(when: str, message: ParsedMessage, expected: bool) -> None:
    rs = ruleset(rule("r", when))
    assert bool(rs.evaluate(message)) is expected


def test_matchers_field_evidence_carries_item_text_and_span() -> None:
    rs = ruleset(rule("r", "{field: amounts, any: {role: fee, value: {ge: 100}}}"))
    (hit,) = rs.evaluate(msg(text="手续费500元", amounts=(amount("500", "fee", 3),)))
    (e,) = hit.evidence
    assert (e.leaf, e.field, e.value, e.text, e.span) == (
        "field:amounts", "amounts", "role=fee, value=500", "500元", Span(start=3, end=7),
    )  # fmt: skip


def test_matchers_scalar_field_evidence() -> None:
    rs = ruleset(rule("r", "{field: sender.kind, in: [cn_mobile]}"))
    (hit,) = rs.evaluate(msg(sender=Sender(raw="13812345678", kind="cn_mobile")))
    assert [(e.field, e.value) for e in hit.evidence] == [("sender.kind", "cn_mobile")]


COMBINATOR_CASES = [
    (
        "all",
        "{all: [{text: {keywords: [律师函]}}, {text: {keywords: [转账]}}]}",
        "律师函已发出，请转账",
        True,
    ),
    (
        "all-one-missing",
        "{all: [{text: {keywords: [律师函]}}, {text: {keywords: [转账]}}]}",
        "律师函已发出",
        False,
    ),
    (
        "any",
        "{any: [{text: {keywords: [律师函]}}, {text: {keywords: [传票]}}]}",
        "传票已发出",
        True,
    ),
    ("not", "{not: {text: {keywords: [退订]}}}", "律师函已发出", True),
    ("not-present", "{not: {text: {keywords: [退订]}}}", "回T退订", False),
    (
        "at-least-2",
        "{at_least: {n: 2, of: [{text: {keywords: [拘留]}}, {text: {keywords: [坐牢]}}, {text: {keywords: [上门]}}]}}",
        "拘留，上门",
        True,
    ),
    (
        "at-least-2-only-1",
        "{at_least: {n: 2, of: [{text: {keywords: [拘留]}}, {text: {keywords: [坐牢]}}, {text: {keywords: [上门]}}]}}",
        "将上门",
        False,
    ),
]


@pytest.mark.parametrize(
    ("when", "text", "expected"),
    [c[1:] for c in COMBINATOR_CASES],
    ids=[c[0] for c in COMBINATOR_CASES],
)
def test_matchers_combinators(when: str, text: str, expected: bool) -> None:
    assert fires(when, text) is expected


REGISTRY_CASES = [
    ("names-org", "{registry: names_org}", "【京东金融】您的白条已逾期", None, True),
    (
        "names-org-kinds",
        "{registry: names_org, kinds: [court]}",
        "【京东金融】您的白条已逾期",
        None,
        False,
    ),
    ("sender-official", "{registry: sender_official}", "【京东金融】您的白条已逾期", "95118", True),
    (
        "sender-not-official",
        "{registry: sender_not_official}",
        "【京东金融】您的白条已逾期",
        "13812345678",
        True,
    ),
    (
        "sender-not-official-is-official",
        "{registry: sender_not_official}",
        "【京东金融】您的白条已逾期",
        "95118",
        False,
    ),
    (
        "sender-not-official-no-sender",
        "{registry: sender_not_official}",
        "【京东金融】您的白条已逾期",
        None,
        False,
    ),
    (
        "sender-not-official-no-org",
        "{registry: sender_not_official}",
        "您的账户已逾期",
        "13812345678",
        False,
    ),
    (
        "link-official",
        "{registry: link_official}",
        "【京东金融】请登录 https://jr.jd.com 还款",
        None,
        True,
    ),
    (
        "link-not-official",
        "{registry: link_not_official}",
        "【京东金融】请登录 http://jd-pay.top/x 还款",
        None,
        True,
    ),
    (
        "link-not-official-official",
        "{registry: link_not_official}",
        "【京东金融】请登录 https://jr.jd.com 还款",
        None,
        False,
    ),
]


@pytest.mark.parametrize(
    ("when", "text", "sender", "expected"),
    [c[1:] for c in REGISTRY_CASES],
    ids=[c[0] for c in REGISTRY_CASES],
)
def test_matchers_registry_leaves(when: str, text: str, sender: str | None, expected: bool) -> None:
    assert fires(when, text, sender) is expected


def test_matchers_registry_reason_names_sender_and_org() -> None:
    extra = '    reason: {zh: "发信号码 {sender.raw} 是个人手机号，却自称{org}", en: "{sender.raw} is a personal mobile, yet claims to be {org} (hotline {hotline})"}\n'
    rs = ruleset(
        rule(
            "r",
            "{all: [{field: sender.kind, equals: cn_mobile}, {registry: sender_not_official}]}",
            extra=extra,
        )
    )
    (hit,) = check(rs, "【京东金融】您的白条已逾期", "13812345678").hits
    assert hit.reason.zh == "发信号码 13812345678 是个人手机号，却自称京东金融"
    assert (
        hit.reason.en
        == "13812345678 is a personal mobile, yet claims to be 京东金融 (hotline 95118)"
    )


def test_matchers_rule_leaf_and_evidence_passes_through() -> None:
    rs = ruleset(
        rule("base", "{text: {keywords: [拘留]}}"),
        rule("combo", "{all: [{rule: base}, {text: {keywords: [转账]}}]}"),
    )
    hits = {h.rule_id: h for h in check(rs, "不转账就拘留").hits}
    assert set(hits) == {"base", "combo"}
    assert {e.text for e in hits["combo"].evidence} == {"拘留", "转账"}


def _regex_nodes(rs: RuleSet) -> list[m.RegexNode]:
    out = []
    for r in rs.rules:
        for n in m.walk(r.when):
            if isinstance(n, m.RegexNode):
                out.append(n)
            if isinstance(n, m.FieldNode):
                out.extend(t.node for t in n.tests if isinstance(t, m.MatchesTest))
    return out


def test_matchers_pattern_the_backtracker_would_blow_up_on_runs_on_re2() -> None:
    # ^(\p{L}+\s?)*$ backtracks exponentially on the `regex` engine (it once needed a timeout);
    # the analysis cannot bound it, so it runs on RE2: decided, no warning, no clock.
    slow = r"{text: {regex: '^(\p{L}+\s?)*$'}}"
    rs = ruleset(rule("slow", slow), rule("fine", "{text: {keywords: [拘留]}}"))
    (node,) = _regex_nodes(rs)
    assert node.engine == "re2"
    v = check(rs, "拘留 " + "a" * 5000 + "1")
    assert [h.rule_id for h in v.hits] == ["fine"]
    assert v.warnings == ()
    v = check(rs, "拘留 " + "a" * 5000)
    assert [h.rule_id for h in v.hits] == ["fine", "slow"]
    assert check(ruleset(rule("n", "{not: " + slow + "}")), "拘留" + "a" * 50 + "1").hits


@pytest.mark.parametrize(
    ("pattern", "engine"),
    [
        ("(解冻|保证)(费|金)", "regex"),  # bounded work per position
        ("逾期(?!失效|作废)", "regex"),  # look-around, bounded
        ("[^。]{0,20}律师函", "regex"),
        ("(?:微信|QQ)号?[:：]?[A-Za-z0-9_-]{5,}", "regex"),  # unbounded, but ends the pattern
        ("^(?!gov$).+", "regex"),  # anchored: one attempt, linear
        ("律师函.*转账", "re2"),  # unbounded in the middle: RE2
        ("\\d+元", "re2"),
        ("\\bdebts?\\b\\s+\\w+", "re2"),
    ],
)
def test_matchers_regex_engine_choice(pattern: str, engine: str) -> None:
    rs = ruleset(rule("r", f"{{text: {{regex: '{pattern}'}}}}"))
    (node,) = _regex_nodes(rs)
    assert node.engine == engine


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("(解冻|保证)(费|金)", {"解冻费", "解冻金", "保证费", "保证金"}),  # spelled out
        ("转(?:我|过去)", {"转我", "转过去"}),
        ("a(?i:b)c", {"a"}),  # scoped flags: not spelled out
        ("\\bT\\s?&\\s?C", {"&"}),  # of one-character literals, not an ASCII letter
        ("律师函.*转账", {"律师函"}),
        ("(?:逾期|欠款)\\d+天", {"逾期", "欠款"}),
        ("\\p{Han}+法院", {"法院"}),  # \p read as any character for the analysis
        ("[\\p{Han}a]{0,2}经理|助理", {"经理", "助理"}),
        ("[^\\P{Han}]?经理", {"经理"}),
        ("(?x)\\p{Han}+ 法院", None),  # verbose: \p left alone, the stdlib cannot read it
        ("转|汇|打", {"转", "汇", "打"}),  # the parser makes a class of single characters
        ("[你您]好", {"你好", "您好"}),
        ("[a-z]好", {"好"}),
        ("(?:abc){e<=1}", None),  # fuzzy syntax: never filtered
        ("[[:alpha:]]+x", None),  # POSIX class reads differently in the stdlib: not filtered
        ("a?b*", None),
        # a member containing another tells nothing more: the shorter one stays
        ("丢了手机|手机", {"手机"}),
        ("借钱|借|垫付", {"借", "垫付"}),
        ("abc|b|xbz", {"b"}),
    ],
)
def test_matchers_required_literals(pattern: str, expected: set[str] | None) -> None:
    got = required_literals(pattern, ())
    assert (set(got) if got else None) == expected


_CNF_PATTERNS = [
    "(?:购物卡|礼品卡)[^。]{0,5}(?:支付|还款)|(?:支付|还款)[^。]{0,5}(?:购物卡|礼品卡)",
    "律师函.{0,4}(?:转账|汇款)",
    "(?:法院|本院)(?:通知|传票)|执行局.?(?:通知|公告)",
    "(?:ab|ba)c+(?:d|e)",
    "(?i:x+y)|z(?:y|x)",
]


def test_matchers_required_literal_sets_of_alternatives() -> None:
    facts = m.regex_facts(_CNF_PATTERNS[0], ())
    assert facts.literals == {"购物卡", "礼品卡"}  # in every match, whichever branch
    assert set(facts.also) == {frozenset({"支付", "还款"})}
    # a rule with it is not even tried without a card word, and fires with one
    assert not fires(f"{{text: {{regex: '{_CNF_PATTERNS[0]}'}}}}", "请于今日还款")
    assert fires(f"{{text: {{regex: '{_CNF_PATTERNS[0]}'}}}}", "请用礼品卡还款")


@given(
    st.text(
        alphabet="购物卡礼品支付还款律师函转账汇法院本通知传票执行局公告abcdexyzXYZ。 ", max_size=40
    )
)
def test_matchers_every_required_set_has_a_member_in_any_match(text: str) -> None:
    for pattern in _CNF_PATTERNS:
        facts = m.regex_facts(pattern, ())
        if regex.search(pattern, text) is None:
            continue
        low = text.lower()
        for terms in (facts.literals or frozenset(), *facts.also):
            assert not terms or any(t.lower() in low for t in terms), (pattern, text, terms)


@pytest.mark.parametrize(
    ("pattern", "risky"),
    [("(a+)+", True), ("(\\d+,)*x", True), ("(a|a)*", True), ("(?:\\d|\\d\\d)+元", True), ("(.|\\s)*x", True),
     ("(?:\\d++,)*", False), ("(?>\\d+,)*", False), ("(?:律师|律所)+x", False), ("[a-z]+@\\w+", False), ("(?:ab|cd)*", False)],
)  # fmt: skip
def test_matchers_backtracking_risk(pattern: str, risky: bool) -> None:
    assert bool(backtracking_risk(pattern, ())) is risky


def test_matchers_term_index_finds_overlapping_terms() -> None:
    idx = TermIndex()
    for t in ("律师", "律师函", "函", "ab"):
        idx.add(t)
    assert idx.scan("律师函ab律师") == {"律师": (0, 5), "律师函": (0,), "函": (2,), "ab": (3,)}


_TERMS = ("律师", "律师函", "函", "ab", "aba", "b", "法院", "院", "逾期", "期")


@given(st.text(alphabet="律师函法院逾期ab x", max_size=200))
def test_matchers_term_index_automaton_agrees_with_the_pair_scan(text: str) -> None:
    idx = TermIndex()
    for i, t in enumerate(_TERMS):
        if i % 3 == 2:  # some terms are pre-filters only: whether they occur, no offsets
            idx.add_filter(t)
        else:
            idx.add(t)
    assert idx.scan(text) == idx.scan_pairs(text)


@given(st.text(alphabet="律师函法院逾期ab x\uffff", max_size=200))
def test_matchers_term_index_ranked_finds_what_it_found_unranked(text: str) -> None:
    """rank_by changes the automaton's order, never what a scan finds: not with characters
    that start no term (dead ends), nor with the character that ends a dead end."""
    plain, ranked = TermIndex(), TermIndex()
    for i, t in enumerate(_TERMS):
        for idx in (plain, ranked):
            if i % 3 == 2:
                idx.add_filter(t)
            else:
                idx.add(t)
    ranked.rank_by("x x 期期期 aa 律律 院院 师师 zz")  # x, z, 师 start no term
    assert ranked.scan(text) == plain.scan(text) == ranked.scan_pairs(text)
    again = pickle.loads(pickle.dumps(ranked))
    assert again.scan(text) == plain.scan(text)


def test_matchers_term_index_keys_are_one_object_per_term() -> None:
    """Equal keys are one object, whoever registered them and however they were cased, and
    the scan reports that object: a filter's set meets the scan by identity."""
    idx = TermIndex()
    first = idx.add("".join(["Ab", "C律师"]))  # built at run time: not a shared constant
    assert idx.add_filter("abc律师") is first
    assert idx.add("ABC律师".lower()) is first
    (found,) = idx.scan("xabc律师x")
    assert found is first


_SETS = (("律师", "法院"), ("函",), ("逾期", "ab"), ("法院", "律师"), ("院", "b"))


@given(st.text(alphabet="律师函法院逾期ab x", max_size=80))
def test_matchers_term_index_need_agrees_with_the_sets(text: str) -> None:
    """A pre-filter's sets as a mask (TermIndex.need) hold exactly when each set has a
    member among the terms found; equal sets share one bit; pickling keeps the masks."""
    idx = TermIndex()
    sets = [frozenset(idx.add_filter(t) for t in group) for group in _SETS]
    combos = [sets[:1], sets[1:3], [sets[3]], sets[2:], [sets[4], sets[1]]]
    needs = [idx.need(c) for c in combos]
    assert needs[0] == needs[2]  # 律师|法院 twice: one set
    again = pickle.loads(pickle.dumps(idx))
    shared = pickle.loads(pickle.dumps(idx))  # its masks kept in a table with other bits below
    table = {k: v << 5 | 0b10101 for k, v in shared.group_masks().items()}
    shared.use_table(table, 5)
    assert shared.group_masks() == idx.group_masks()
    for index in (idx, again, shared):
        found = index.scan(text)
        groups = index.groups(found)
        for combo, need in zip(combos, needs, strict=True):
            assert (groups & need == need) == all(not s.isdisjoint(found) for s in combo)


def test_matchers_term_index_filters_report_presence_only() -> None:
    idx = TermIndex()
    idx.add_filter("律师")
    idx.add_filter("函")
    idx.add("ab")
    idx.add_filter("ab")  # a leaf reads its offsets: they stay
    assert idx.scan("律师函ab律师") == {"律师": (), "函": (), "ab": (3,)}
    idx.add("函")  # now a leaf reads where 函 occurs too
    assert idx.scan("律师函ab律师") == {"律师": (), "函": (2,), "ab": (3,)}
    again = pickle.loads(pickle.dumps(idx))
    assert again.scan("律师函") == {"律师": (), "函": (2,)}


def test_matchers_term_index_caps_occurrences_and_pickles() -> None:
    idx = TermIndex()
    for t in _TERMS:
        idx.add(t)
    text = "ab" * 30_000
    got = idx.scan(text)
    assert got == idx.scan_pairs(text)
    assert len(got["ab"]) == m._MAX_OCCURRENCES == len(got["b"])
    assert got["aba"][:3] == (0, 2, 4)
    again = pickle.loads(pickle.dumps(idx))
    assert again.scan("律师函") == {"律师": (0,), "律师函": (0,), "函": (2,)}
    assert TermIndex().scan("律师函") == {}
    idx.add("师函")  # adding after a scan rebuilds the automaton
    assert idx.scan("律师函")["师函"] == (1,)


def test_matchers_keywords_scale_with_one_scan() -> None:
    words = [f"词{i:04d}" for i in range(2000)]
    body = "\n".join(rule(f"r{i}", f"{{text: {{keywords: [{w}]}}}}") for i, w in enumerate(words))
    rs = RuleSet.from_yaml("rules:\n" + body, registry=FakeRegistry())
    v = check(rs, "前文词1234后文")
    assert [h.rule_id for h in v.hits] == ["r1234"]


@pytest.mark.parametrize("name", list(Evidence.model_fields))
def test_matchers_dedupe_keeps_evidence_that_differs_in_any_field(name: str) -> None:
    base = {"leaf": "text.keywords", "text": "保证金", "span": Span(start=3, end=6),
            "field": "payments", "value": "v", "pattern": "保证金", "org_id": "jd-finance"}  # fmt: skip
    other = {**base, name: Span(start=4, end=7) if name == "span" else "other"}
    a, b = Evidence(**base), Evidence(**other)
    assert m._dedupe([a, b, Evidence(**base)]) == (a, b)
    assert m._dedupe([a, Evidence(**base)]) == (a,)


# ---- the RE2 path, and the leaves' bounded work ------------------------------------------------

# ASCII, Latin-1, general punctuation and spaces, CJK punctuation, some CJK, full-width forms
_SAMPLE = "".join(
    chr(c)
    for r in (
        range(0x0, 0x250),
        range(0x2000, 0x2070),
        range(0x3000, 0x3040),
        range(0x4E00, 0x4F00),
        range(0xFF00, 0xFFF0),
    )
    for c in r
)


@pytest.mark.parametrize(
    "cls", ["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "[\\d.]", "[^\\s,]", "[a\\w]", "[\\D]"]
)
def test_matchers_re2_rewrite_keeps_the_unicode_classes(cls: str) -> None:
    want = [m.start() for m in regex.finditer(cls, _SAMPLE)]
    got = [m.start() for m in m_compile_re2(cls).finditer(_SAMPLE)]
    assert got == want


def m_compile_re2(pattern: str) -> Any:
    return m.compile_re2(pattern, ())


def test_matchers_re2_rewrite_refuses_what_it_cannot_keep() -> None:
    assert m.to_re2("[^\\W]", ()) is None
    assert m.to_re2("a b", ("verbose",)) is None
    assert m.to_re2("\\d+", ("ascii",)) == "\\d+"
    assert m.to_re2("x", ("ignorecase", "dotall")) == "(?is)x"


def test_matchers_leading_lookbehind_is_checked_at_each_re2_match() -> None:
    rs = ruleset(rule("deny", r"{text: {regex: '(?<!如果)(?<!假如)从不.*收费', flags: []}}"))
    (node,) = _regex_nodes(rs)
    assert node.engine == "re2"
    assert isinstance(node.pattern, m.GuardedRe2)
    assert check(rs, "我们从不以任何理由收费").hits
    assert not check(rs, "如果从不收费，那么").hits
    assert not check(rs, "假如从不收费").hits
    assert pickle.loads(pickle.dumps(rs)).rules[0].id == "deny"


_place = st.tuples(st.integers(0, 60), st.integers(1, 4))


@given(
    st.lists(_place, min_size=1, max_size=12),
    st.lists(_place, min_size=1, max_size=12),
    st.integers(0, 20),
    st.booleans(),
)
def test_matchers_near_sorted_search_equals_the_pairwise_loop(
    a: list[tuple[int, int]], b: list[tuple[int, int]], within: int, ordered: bool
) -> None:
    node = m.NearNode([], [], within, ordered)
    pa = [(s, s + n, f"a{i}") for i, (s, n) in enumerate(a)]
    pb = [(s, s + n, f"b{i}") for i, (s, n) in enumerate(b)]
    best = None
    for sa, ea, wa in pa:
        for sb, eb, wb in pb:
            gap = node._gap(sa, ea, sb, eb)
            if gap is not None and gap <= within and (best is None or gap < best[0]):
                best = (gap, min(sa, sb), max(ea, eb), wa, wb)
    assert node._best_sorted(pa, pb) == best


def test_matchers_near_with_thousands_of_occurrences_takes_the_sorted_path() -> None:
    rs = ruleset(rule("n", "{text: {near: [[欠款], [逾期]], within: 0}}"))
    text = "欠款，" * 3000 + "欠款逾期"
    (hit,) = check(rs, text).hits
    (ev,) = hit.evidence
    assert ev.text == "欠款逾期"
    assert ev.span is not None
    assert ev.span.start == 9000


def test_matchers_long_keyword_list_is_read_from_the_message_side() -> None:
    words = [f"词{i}号" for i in range(500)]
    rs = ruleset(rule("k", "{text: {keywords: [" + ", ".join(words) + "]}}"))
    (hit,) = check(rs, "词7号 和 词3号 和 词499号").hits
    # list order, as for a short list: 词3号 comes before 词7号 in the rule
    assert [e.text for e in hit.evidence] == ["词3号", "词7号", "词499号"]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("律师函.*转账", "您好，律师函已发出，请转账。律师函，转账"),
        ("a.*b", "a\ud800b a\udfffb"),  # lone surrogates: any str can be searched
        ("x*", "axxb中x"),  # empty matches step over one character
        ("\\d+元", "１２３元和45元"),  # full-width digits are \d on both engines
    ],
)
def test_matchers_re2_spans_are_the_regex_module_spans(pattern: str, text: str) -> None:
    want = [mt.span() for mt in regex.finditer(pattern, text)]
    assert [mt.span() for mt in m.compile_re2(pattern, ()).finditer(text)] == want


def test_matchers_re2_field_regex_on_a_surrogate_sender_does_not_raise() -> None:
    rs = ruleset(rule("s", "{field: sender.raw, matches: '^\\s*\\d{5,6}\\s*$'}"))
    (node,) = _regex_nodes(rs)
    assert node.engine == "re2"
    assert check(rs, "您的账户已锁定", "\ud800").hits == ()
    assert [h.rule_id for h in check(rs, "您的账户已锁定", " 95588 ").hits] == ["s"]


def test_matchers_rule_engine_has_no_clock() -> None:
    """No rule-engine module passes a timeout to a regex or reads a clock: a verdict cannot
    depend on the machine's load (issue 13)."""
    from pathlib import Path

    import smscheck

    pkg = Path(smscheck.__file__).parent
    sources = [*(pkg / "matchers").glob("*.py"), *(pkg / "ruleset").glob("*.py")]
    assert len(sources) > 10
    for f in sources:
        code = f.read_text(encoding="utf-8")
        for needle in ("timeout=", "import time", "from time ", "perf_counter", "monotonic"):
            assert needle not in code, f"{f.name}: {needle}"


@pytest.mark.parametrize(
    "pattern",
    [
        "借钱|借|垫付|先垫",
        "新号|换号|号码|号",
        "(?:停用|不用)旧号|旧号码|旧号",
        "手机丢了|(?:坏|丢)了手机|手机",
    ],
)
def test_matchers_shortest_literals_filter_alike(pattern: str) -> None:
    """Dropping the literals that contain another keeps the filter's answer on any text: a
    text holds one of the full set exactly when it holds one of the kept ones."""
    from smscheck.matchers.regex_analysis import _all_literal_sets, _std_parse

    full = set(_all_literal_sets(_std_parse(pattern, (), True))[0])
    kept = required_literals(pattern, ())
    assert kept is not None
    assert set(kept) <= full
    assert len(kept) < len(full)
    texts = [*full, *kept, "我的旧号码已停用", "手机坏了先垫一下", "没有任何", "号", "借"]
    for text in texts:
        assert any(t in text for t in full) == any(t in text for t in kept), text
