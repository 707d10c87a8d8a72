"""RuleSet: loading packs and files, composites and absorption, status, overrides, pickling."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest
from _rules_helpers import FakeRegistry, check, rule, ruleset

from smscheck import Checker, RuleSet
from smscheck.models import Label

KW = "{{text: {{keywords: [{}]}}}}"


def test_ruleset_absorb_removes_parts_and_lists_them() -> None:
    rs = ruleset(
        rule("lawyer-letter", KW.format("律师函"), weight=2),
        rule("transfer", KW.format("转账"), category="payment_channel", weight=3),
        rule("letter-and-transfer", "{all: [{rule: lawyer-letter}, {rule: transfer}]}", weight=6,
             extra="    absorb: [lawyer-letter, transfer]\n"),
    )  # fmt: skip
    v = check(rs, "律师函已发出，请立即转账")
    assert [(h.rule_id, h.weight, h.absorbed) for h in v.hits] == [
        ("letter-and-transfer", 6.0, ("lawyer-letter", "transfer"))
    ]
    assert v.score == 6.0
    assert v.label is Label.FORGED
    # When the composite does not fire, its parts count on their own.
    assert [h.rule_id for h in check(rs, "律师函已发出").hits] == ["lawyer-letter"]


def test_ruleset_absorb_is_transitive() -> None:
    rs = ruleset(
        rule("a", KW.format("拘留"), weight=1),
        rule(
            "b",
            "{all: [{rule: a}, " + KW.format("坐牢") + "]}",
            weight=2,
            extra="    absorb: [a]\n",
        ),
        rule(
            "c",
            "{all: [{rule: b}, " + KW.format("上门") + "]}",
            weight=3,
            extra="    absorb: [b]\n",
        ),
    )
    (h,) = check(rs, "拘留坐牢上门").hits
    assert (h.rule_id, h.absorbed) == ("c", ("b", "a"))


def test_ruleset_testing_rule_is_shown_with_zero_weight() -> None:
    rs = ruleset(rule("trial", KW.format("拘留"), weight=5, extra="    status: testing\n"))
    (h,) = check(rs, "将对您拘留").hits
    assert (h.weight, h.full_weight, h.status) == (0.0, 5.0, "testing")
    assert check(rs, "将对您拘留").score == 0


def test_ruleset_deprecated_rule_is_silent_but_usable_by_composites() -> None:
    rs = ruleset(
        rule("old", KW.format("拘留"), weight=5, extra="    status: deprecated\n"),
        rule("new", "{rule: old}", weight=1),
    )
    assert [h.rule_id for h in check(rs, "将对您拘留").hits] == ["new"]


def test_ruleset_overrides_disable_and_reweight() -> None:
    rules = (rule("a", KW.format("拘留"), weight=2), rule("b", KW.format("坐牢"), weight=2))
    rs = ruleset(
        *rules,
        overrides={
            "disable": ["a"],
            "weights": {"b": 7},
            "thresholds": {"suspicious": 2, "forged": 8},
        },
    )
    v = check(rs, "拘留坐牢")
    assert [(h.rule_id, h.weight) for h in v.hits] == [("b", 7.0)]
    assert v.thresholds == (2.0, 8.0)
    assert v.label is Label.SUSPICIOUS


def test_ruleset_overrides_from_file(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("disable: [a]\ncaps: {threats: 1}\n", encoding="utf-8")
    rs = ruleset(
        rule("a", KW.format("拘留")), rule("b", KW.format("坐牢"), weight=3), overrides=str(f)
    )
    (h,) = check(rs, "拘留坐牢").hits
    assert (h.rule_id, h.weight, h.full_weight) == ("b", 1.0, 3.0)


PACK = (
    "pack: {name: mine, locale: zh-CN, thresholds: {suspicious: 2, forged: 4}, caps: {threats: 3}}"
)


def test_ruleset_inline_pack_thresholds_and_caps() -> None:
    rs = ruleset(
        rule("a", KW.format("拘留"), weight=2), rule("b", KW.format("坐牢"), weight=2), pack=PACK
    )
    v = check(rs, "拘留坐牢")
    assert v.score == 3.0
    assert v.thresholds == (2.0, 4.0)
    assert v.label is Label.SUSPICIOUS
    assert v.score == sum(h.weight for h in v.hits)


def test_ruleset_pack_categories_extend_the_builtin_set() -> None:
    pack = "pack: {name: mine, locale: zh-CN, categories: {lottery: {zh: 中奖, en: prize}}}"
    rs = ruleset(rule("prize", KW.format("中奖"), category="lottery"), pack=pack)
    assert check(rs, "恭喜您中奖").hits[0].category == "lottery"


def write_pack(root: Path, locale: str = "zh-CN") -> Path:
    pack = root / "mypack"
    (pack / "sub").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        f"name: mine\nlocale: {locale}\nthresholds: {{suspicious: 1, forged: 3}}\n",
        encoding="utf-8",
    )
    (pack / "a.yaml").write_text("rules:\n" + rule("jail", KW.format("拘留")), encoding="utf-8")
    (pack / "sub" / "b.yml").write_text(
        "rules:\n" + rule("prison", KW.format("坐牢")), encoding="utf-8"
    )
    (pack / "notes.txt").write_text("not a rule file", encoding="utf-8")
    return pack


def test_ruleset_load_pack_folder(tmp_path: Path) -> None:
    rs = RuleSet.load(write_pack(tmp_path), include_default=False, registry=FakeRegistry())
    assert [r.id for r in rs.rules] == ["jail", "prison"]
    assert rs.settings("zh-CN").thresholds == (1.0, 3.0)
    assert check(rs, "坐牢").label is Label.SUSPICIOUS


def test_ruleset_load_on_top_of_default_pack(tmp_path: Path) -> None:
    rs = RuleSet.load(write_pack(tmp_path), registry=FakeRegistry())
    assert {"jail", "prison"} <= {r.id for r in rs.rules}
    assert rs.settings("zh-CN").thresholds == (
        1.0,
        3.0,
    )  # the later pack.yaml overrides what it states
    assert rs.settings("zh-CN").caps  # and keeps the shipped caps it does not restate


def test_ruleset_locales_pick_their_pack() -> None:
    text = "pack: {name: en, locale: en-US}\nrules:\n" + rule(
        "arrest", "{text: {keywords: [arrest warrant]}}"
    )
    rs = RuleSet.from_yaml(text, registry=FakeRegistry())
    assert rs.locales == ("en-US",)
    assert [h.rule_id for h in check(rs, "An ARREST WARRANT has been issued").hits] == ["arrest"]
    v = check(rs, "逮捕 arrest warrant")  # zh-CN message: no zh-CN pack loaded
    assert v.hits == ()
    assert v.warnings == ("no rule pack for locale zh-CN",)


def test_ruleset_examples_are_checked_at_load() -> None:
    ok = rule(
        "jail",
        KW.format("拘留"),
        extra="    examples: {hit: [将对您拘留, {text: 拘留, sender: '13812345678'}], miss: [您好]}\n",
    )
    assert len(ruleset(ok)) == 1


def test_ruleset_pickles_and_checks_the_same() -> None:
    rs = ruleset(rule("a", KW.format("拘留")), rule("b", "{text: {regex: '坐牢|判刑'}}"))
    again = pickle.loads(pickle.dumps(rs))
    for text in ("拘留并判刑", "您好"):
        assert check(again, text) == check(rs, text)


def test_ruleset_default_pickles_by_name() -> None:
    assert len(pickle.dumps(RuleSet.default())) < 200
    assert pickle.loads(pickle.dumps(RuleSet.default())) is RuleSet.default()


def test_ruleset_threads_share_one_checker() -> None:
    rs = ruleset(
        rule("a", KW.format("拘留")), rule("b", "{text: {near: [[律师函], [转账]], within: 5}}")
    )
    checker = Checker(rs)
    texts = [f"第{i}条：律师函，请转账" if i % 2 else f"第{i}条：拘留" for i in range(40)]
    serial = [check(rs, t) for t in texts]
    out: dict[int, object] = {}

    def work(k: int) -> None:
        for i, t in enumerate(texts):
            if i % 4 == k:
                out[i] = check(rs, t)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [out[i] for i in range(len(texts))] == serial
    assert checker.rules is rs


def test_ruleset_rules_listing() -> None:
    rs = ruleset(
        rule(
            "a",
            KW.format("拘留"),
            extra="    tags: [arrest]\n    references: ['https://example.org']\n",
        )
    )
    r = rs.rule("a")
    assert (r.category, r.weight, r.tags, r.references, r.line) == (
        "threats",
        2.0,
        ("arrest",),
        ("https://example.org",),
        2,
    )
    with pytest.raises(KeyError):
        rs.rule("nope")


DOCS = Path(__file__).parent.parent / "docs" / "rules.md"


def _doc_blocks() -> list[str]:
    import re

    return re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)


def test_ruleset_docs_describe_every_kind_operator_and_placeholder() -> None:
    from smscheck.ruleset import EVIDENCE_PLACEHOLDERS
    from smscheck.schema import (
        BUILTIN_CATEGORIES,
        CONDITION_KINDS,
        FIELD_OPS,
        REGISTRY_CHECKS,
        TEXT_LEAVES,
    )

    doc = DOCS.read_text(encoding="utf-8")
    names = [*CONDITION_KINDS, *TEXT_LEAVES, *FIELD_OPS, *REGISTRY_CHECKS, *BUILTIN_CATEGORIES]
    missing = [n for n in names if f"`{n}`" not in doc]
    missing += [p for p in EVIDENCE_PLACEHOLDERS if f"`{{{p}}}`" not in doc]
    assert not missing, f"docs/rules.md does not describe: {missing}"


@pytest.mark.parametrize(
    "block",
    [b for b in _doc_blocks() if b.startswith("rules:")],
    ids=lambda b: b.split("id: ")[1].split()[0],
)
def test_ruleset_docs_examples_load(block: str) -> None:
    rs = RuleSet.from_yaml(block, path="docs/rules.md", registry=FakeRegistry())
    assert len(rs) >= 1


def test_ruleset_docs_reason_example_renders() -> None:
    block = next(b for b in _doc_blocks() if "doc-reason" in b)
    v = check(
        RuleSet.from_yaml(block, registry=FakeRegistry()),
        "【京东金融】您的白条已逾期",
        "13812345678",
    )
    assert v.hits[0].reason.zh == "发信号码 13812345678 是个人手机号，却自称京东金融"


def test_ruleset_docs_pack_and_overrides_blocks_validate() -> None:
    import yaml

    from smscheck.schema import OverridesSpec, PackSpec

    blocks = _doc_blocks()
    pack = next(b for b in blocks if b.startswith("name: zh-CN"))
    data = yaml.safe_load(pack.replace("[...]", "[x]"))
    assert PackSpec.model_validate(data).thresholds.forged == 6
    over = next(b for b in blocks if b.startswith("disable:"))
    assert OverridesSpec.model_validate(yaml.safe_load(over)).disable == ("threat-home-visit",)


def test_ruleset_candidates_need_the_text_a_field_must_equal() -> None:
    """`equals:`/`in:` a text is a fact the message's field holds or not: a rule that needs
    its sender to be a personal mobile is not evaluated for a bank's number."""
    rs = ruleset(
        rule("mobile", "{all: [{field: sender.kind, equals: cn_mobile}, {text: {keywords: [法院]}}]}"),
        rule("kinds", "{all: [{field: sender.kind, in: [cn_400, cn_landline]}, {text: {keywords: [法院]}}]}"),
        rule("either", "{any: [{field: sender.kind, equals: cn_mobile}, {text: {keywords: [律师]}}]}"),
        rule("not", "{all: [{not: {field: sender.kind, equals: cn_mobile}}, {text: {keywords: [法院]}}]}"),
    )  # fmt: skip
    pack = rs._pack("zh-CN")
    assert pack is not None

    def picked(text: str, sender: str) -> set[str]:
        msg = check(rs, text, sender).parsed
        return {r.id for r in pack.candidates(pack.index.scan(text), msg)}

    # a `not` needs nothing: it is picked by its keyword alone
    assert picked("法院传票", "13812345678") == {"mobile", "either", "not"}
    assert picked("法院传票", "4001234567") == {"kinds", "not"}
    assert picked("律师函", "95588") == {"either"}
    assert picked("法院传票", "95588") == {"not"}
    # without the message, a field's value counts as any
    assert {r.id for r in pack.candidates(pack.index.scan("法院"))} == {
        "mobile",
        "kinds",
        "either",
        "not",
    }
    hits = {h.rule_id for h in check(rs, "法院传票", "4001234567").hits}
    assert hits == {"kinds", "not"}
    assert {h.rule_id for h in check(rs, "法院传票", "13812345678").hits} == {"mobile", "either"}


def test_ruleset_candidates_come_in_evaluation_order() -> None:
    """A rule refers only to rules before it: the candidates keep the pack's order."""
    rs = ruleset(
        *(rule(f"r{i}", f"{{text: {{keywords: [{w}]}}}}") for i, w in enumerate("法院律师函期"))
    )
    pack = rs._pack("zh-CN")
    assert pack is not None
    ids = [r.id for r in pack.order]
    for text in ("律师函", "法院", "函期律", "无关", "法院律师函到期"):
        got = [r.id for r in pack.candidates(pack.index.scan(text))]
        assert got == [i for i in ids if i in got]
        assert {r.id for r in pack.candidates(pack.index.scan(text))} == {
            f"r{i}" for i, w in enumerate("法院律师函期") if w in text
        }


def test_ruleset_candidates_hold_every_rule_that_holds() -> None:
    """The pre-filters only skip rules that cannot hold: on the benchmark corpus and the
    test cases, the shipped packs' rules evaluated one by one (every rule, no index) hold
    on exactly the messages where the checker's candidates hold."""
    import json

    import yaml
    from _rules_helpers import T

    from smscheck import matchers as m
    from smscheck.parser import parse_with_text

    root = Path(__file__).resolve().parent.parent
    msgs = [
        (r["text"], r.get("sender"))
        for r in map(json.loads, (root / "bench" / "corpus.jsonl").read_text("utf-8").splitlines())
    ]
    for path in sorted((root / "tests" / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text("utf-8")).get("cases", []):
            if isinstance(case, dict) and isinstance(case.get("text"), str):
                msgs.append((case["text"], case.get("sender")))
    rs = RuleSet.default()
    for text, sender in msgs:
        msg, nt = parse_with_text(text, sender=sender if isinstance(sender, str) else None,
                                  received_at=T)  # fmt: skip
        decided = rs._decide(msg, nt)
        assert decided is not None
        pack, ctx, _ = decided
        every = m.EvalContext(msg, nt, pack.index, rs.registry, pack.nodes)
        for r in pack.order:  # dependency order: a rule's references are decided first
            every.rule_states[r.id] = r.when.test(every)
        held = {k for k, v in every.rule_states.items() if v}
        assert {k for k, v in ctx.rule_states.items() if v} == held, text


def test_ruleset_candidates_need_every_required_set_of_terms() -> None:
    """A rule is evaluated only when each condition of its `all` (and each side of a `near`)
    can find one of its words; the index keys it by the most selective set."""
    rs = ruleset(
        rule("both", "{all: [{text: {keywords: [转账]}}, {text: {regex: '安全账户|监管账户'}}]}"),
        rule("near", "{text: {near: [[律师函], [转账, 汇款]], within: 10}}"),
        rule("ref", "{all: [{rule: both}, {text: {keywords: [立即]}}]}"),
        rule("open", "{any: [{text: {keywords: [转账]}}, {field: links, exists: true}]}"),
    )
    pack = rs._pack("zh-CN")
    assert pack is not None

    def picked(text: str) -> set[str]:
        occ = pack.index.scan(text)
        return {r.id for r in pack.candidates(occ)}

    assert picked("请转账") == {"open"}
    assert picked("请转账到安全账户") == {"both", "open"}
    assert picked("请立即转账到安全账户") == {"both", "ref", "open"}
    assert picked("律师函") == {"open"}  # without the message, a field counts as present
    assert picked("律师函，请汇款") == {"near", "open"}
    # the verdicts are those of evaluating every rule
    assert {h.rule_id for h in check(rs, "请立即转账到安全账户").hits} == {"both", "ref", "open"}
