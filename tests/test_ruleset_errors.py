"""Broken rule files: every kind of mistake gives exact ``path:line: rule-id: message`` lines.

Each file (or folder) in ``tests/files/bad_rules/`` holds one kind of mistake; the expected
lines are part of the interface (STYLE.md) and asserted exactly. Paths are shown as given, so
the files are loaded by their path relative to the folder.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from smscheck import RuleSet, RuleSetError
from smscheck.errors import RuleFileError

BAD = Path(__file__).parent / "files" / "bad_rules"

RULE = """
  - id: {id}
    category: threats
    weight: 2
    description: {{zh: 测试, en: test}}
    when: {{text: {{keywords: [拘留]}}}}
"""

EXPECTED = {
    "absorb_unknown.yaml": [
        "absorb_unknown.yaml:6: absorber: absorb[0]: unknown rule 'nobody'",
    ],
    "at_least_too_many.yaml": [
        "at_least_too_many.yaml:8: three-of-two: when.at_least.n: must be a whole number from 1 to 2 (the number of conditions)",
    ],
    "bad_id.yaml": [
        "bad_id.yaml:2: Upfront_Fee: id: 'Upfront_Fee' is not kebab-case; use lower-case words joined by '-', e.g. 'upfront-unfreeze-fee'",
    ],
    "bad_literal_value.yaml": [
        "bad_literal_value.yaml:6: bad-kind: when.in[0]: 'cn_mobil' is not a possible value of sender.kind (did you mean 'cn_mobile'?); possible: cn_mobile, cn_bulk_106, cn_service_95, cn_court_12368, cn_landline, cn_400, cn_virtual_170, international, short_code, toll_free, long_code, alphanumeric, email, unknown",
    ],
    "bad_regex_flag.yaml": [
        "bad_regex_flag.yaml:6: flag-typo: when.text.flags[0]: 'ignore_case' is not one of ignorecase, multiline, dotall, verbose, ascii (did you mean 'ignorecase'?)",
    ],
    "bad_thresholds": [
        "bad_thresholds/pack.yaml:3: thresholds: suspicious (6) must be below forged (3)",
        "bad_thresholds/pack.yaml:4: caps: unknown category 'threat' (did you mean 'threats'?)",
    ],
    "billion_laughs.yaml": [
        "billion_laughs.yaml:1: the document expands to more than 200,000 nodes (aliases repeated many times?); split it or remove the aliases",
    ],
    "compare_text_field.yaml": [
        "compare_text_field.yaml:6: gt-on-text: when.gt: gt compares numbers, but creditor is text",
    ],
    "duplicate_ids": [
        "duplicate_ids/b.yaml:2: same-id: duplicate rule id (first defined at duplicate_ids/a.yaml:2); ids must be unique across all packs",
    ],
    "duplicate_key.yaml": [
        "duplicate_key.yaml:5: duplicate key 'weight' (first on line 4); keep one",
    ],
    "empty_file.yaml": [
        "empty_file.yaml:1: a rule file must be a mapping with a `rules:` list, but this file is empty",
    ],
    "empty_keywords.yaml": [
        "empty_keywords.yaml:6: no-words: when.text.keywords: Tuple should have at least 1 item after validation, not 0",
    ],
    "example_hit_fails.yaml": [
        "example_hit_fails.yaml:8: hit-fails: examples.hit[0]: the rule does not fire on '请先缴纳保证金500元'",
    ],
    "example_miss_fires.yaml": [
        "example_miss_fires.yaml:8: miss-fires: examples.miss[0]: the rule fires on '请先缴纳解冻费500元' (matched '解冻费')",
    ],
    "file_is_list.yaml": [
        "file_is_list.yaml:1: a rule file must be a mapping with a `rules:` list, but this file is a list",
    ],
    "file_is_scalar.yaml": [
        "file_is_scalar.yaml:1: a rule file must be a mapping with a `rules:` list, but this file is a single value ('just some words')",
    ],
    "fuzzy_too_short.yaml": [
        "fuzzy_too_short.yaml:6: short-fuzzy: when.text.fuzzy[0]: '传票' is too short for 1 edit(s): it would match almost anything; use keywords, or a term longer than 2 characters",
    ],
    "many_errors.yaml": [
        "many_errors.yaml:4: first-bad: weight: Input should be a valid number",
        "many_errors.yaml:6: first-bad: when.text.regex: regex does not compile: unterminated character set at position 9",
        "many_errors.yaml:8: second-bad: category: unknown category 'nonsense'; declare new ones under `categories:` in pack.yaml",
        "many_errors.yaml:11: second-bad: when.any.role: 'fees' is not a possible value of amounts.role (did you mean 'fee'?); possible: due, minimum, fee, penalty, paid, received, balance, credit_limit, reward, other",
    ],
    "missing_english.yaml": [
        "missing_english.yaml:5: zh-only: missing key 'en' in description",
    ],
    "missing_key.yaml": [
        "missing_key.yaml:2: no-category: missing key 'category'",
    ],
    "naive_example_time.yaml": [
        "naive_example_time.yaml:9: naive-time: examples.hit[0].received_at: needs a time zone, e.g. 2024-12-13T20:46:00+08:00",
    ],
    "not_utf8.yaml": [
        "not_utf8.yaml:5: not UTF-8 (byte 0xb2); save the file as UTF-8",
    ],
    "path_through_list.yaml": [
        "path_through_list.yaml:6: list-path: when.field: amounts is a list; test its items with `field: amounts` and `any: {value: ...}` (or all/count)",
    ],
    "python_tag.yaml": [
        "python_tag.yaml:4: tag !!python/object/apply:os.system is not allowed in rule files (only plain YAML values)",
    ],
    "reference_cycle.yaml": [
        "reference_cycle.yaml:2: chicken: rule reference cycle: chicken → egg → chicken",
    ],
    "regex_alternation.yaml": [
        "regex_alternation.yaml:6: overlapping-alternation: when.text.regex: repeated alternation whose branches can match the same text (like (a|a)* or (\\w|\\d)+) can backtrack catastrophically; merge the branches into one character class or make the group atomic (?>...)",
    ],
    "regex_nested.yaml": [
        "regex_nested.yaml:6: nested-quantifier: when.text.regex: nested quantifier (a repeated group containing an unbounded repeat, like (a+)+) can backtrack catastrophically; make the inner repeat possessive (a++) or the group atomic (?>...)",
    ],
    "regex_syntax.yaml": [
        "regex_syntax.yaml:6: bad-regex: when.text.regex: regex does not compile: missing ) at position 11",
    ],
    "two_conditions.yaml": [
        "two_conditions.yaml:7: two-in-one: when: one condition per item, found 'field' and 'text'; put them in a list under `all:` or `any:`",
    ],
    "unknown_category.yaml": [
        "unknown_category.yaml:3: bad-category: category: unknown category 'threat' (did you mean 'threats'?); declare new ones under `categories:` in pack.yaml",
    ],
    "unknown_condition.yaml": [
        "unknown_condition.yaml:8: regexp-typo: when.any[0].text.regexp: unknown text test 'regexp' (did you mean 'regex'?); use one of regex, keywords, near, fuzzy",
        "unknown_condition.yaml:9: regexp-typo: when.any[1]: unknown condition 'keyword' (did you mean 'keywords'?); a condition starts with one of all, any, not, at_least, text, field, registry, rule, evidence_against",
    ],
    "unknown_field.yaml": [
        "unknown_field.yaml:7: bad-field: when.field: unknown field 'sender.kidn': sender has no 'kidn' (did you mean 'kind'?)",
    ],
    "unknown_key.yaml": [
        "unknown_key.yaml:2: typo-key: missing key 'weight'",
        "unknown_key.yaml:4: typo-key: unknown key 'wieght' (did you mean 'weight'?)",
    ],
    "unknown_placeholder.yaml": [
        "unknown_placeholder.yaml:6: bad-placeholder: reason.zh: placeholder {sender.number}: unknown field 'sender.number': sender has no 'number' (did you mean 'name'?)",
        "unknown_placeholder.yaml:6: bad-placeholder: reason.en: unknown placeholder {mach} (did you mean 'match'?); use {match}, {matches}, {pattern}, {field}, {value}, {org}, {hotline} or a message field such as {sender.raw}",
    ],
    "unknown_registry_check.yaml": [
        "unknown_registry_check.yaml:6: registry-typo: when.registry: 'sender_unofficial' is not one of names_org, sender_official, sender_not_official, link_official, link_not_official, link_lookalike, phone_official, phone_not_official (did you mean 'sender_official'?)",
    ],
    "unknown_rule_ref.yaml": [
        "unknown_rule_ref.yaml:13: composite: when.all[0].rule: unknown rule 'base-rul' (did you mean 'base-rule'?)",
    ],
    "unknown_top_key.yaml": [
        "unknown_top_key.yaml:1: missing key 'rules'",
        "unknown_top_key.yaml:1: unknown key 'rule' (did you mean 'rules'?); a rule file has `rules:` (and optionally `pack:` or `locale:`)",
    ],
    "wrong_type.yaml": [
        "wrong_type.yaml:4: weight-word: weight: Input should be a valid number, unable to parse string as a number",
    ],
    "yaml_syntax.yaml": [
        "yaml_syntax.yaml:6: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that starts on line 6)",
    ],
}


@pytest.fixture
def in_bad_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)


def load_errors(path: str | list[str], **kwargs: object) -> list[str]:
    with pytest.raises(RuleSetError) as info:
        RuleSet.load(path, include_default=False, **kwargs)  # type: ignore[arg-type]
    assert all(isinstance(e, RuleFileError) for e in info.value.errors)
    assert str(info.value) == "\n".join(str(e) for e in info.value.errors)
    return str(info.value).splitlines()


def test_bad_rules_folder_has_every_kind() -> None:
    assert len(EXPECTED) >= 25
    assert sorted(os.listdir(BAD)) == sorted(EXPECTED)


@pytest.mark.usefixtures("in_bad_rules")
@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.removesuffix(".yaml"))
def test_ruleset_errors_exact_lines(name: str) -> None:
    assert load_errors(name) == EXPECTED[name]


@pytest.mark.usefixtures("in_bad_rules")
def test_ruleset_errors_collects_every_file_at_once() -> None:
    names = ["unknown_key.yaml", "regex_syntax.yaml", "file_is_list.yaml"]
    assert load_errors(names) == [line for n in names for line in EXPECTED[n]]


def test_ruleset_errors_error_attributes(in_bad_rules: None) -> None:
    with pytest.raises(RuleSetError) as info:
        RuleSet.load("unknown_category.yaml", include_default=False)
    (err,) = info.value.errors
    assert (err.path, err.line, err.rule_id) == ("unknown_category.yaml", 3, "bad-category")
    assert err.message.startswith("category: unknown category 'threat'")


def test_ruleset_errors_billion_laughs_is_bounded(in_bad_rules: None) -> None:
    start = time.perf_counter()
    load_errors("billion_laughs.yaml")
    assert time.perf_counter() - start < 5


def test_ruleset_errors_huge_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("rules:\n" + "# padding\n" * 250_000, encoding="utf-8")
    lines = load_errors(str(big))
    assert lines == [f"{big}: file is 2,500,007 bytes, above the 2,000,000-byte limit; split it"]


def test_ruleset_errors_symlink_loop(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "sub").mkdir(parents=True)
    (pack / "sub" / "r.yaml").write_text("rules:" + RULE.format(id="looped"), encoding="utf-8")
    try:
        (pack / "sub" / "again").symlink_to(pack, target_is_directory=True)
    except OSError:  # pragma: no cover - no symlinks on this system
        pytest.skip("symlinks not supported")
    lines = load_errors(str(pack))
    assert lines == [
        f"{pack}/sub/again: symlink loop: {pack}/sub/again leads back to {pack}; remove the link"
    ]


def test_ruleset_errors_missing_path() -> None:
    assert load_errors("no/such/rules.yaml") == ["no/such/rules.yaml: no such file or folder"]


OVERRIDE_CASES = [
    (
        {"disable": ["lock-up"]},
        ["<overrides>: lock-up: disable: unknown rule (did you mean 'lockup'?)"],
    ),
    ({"weights": {"nope": 2}}, ["<overrides>: nope: weights: unknown rule"]),
    (
        {"thresholds": {"suspicious": 6, "forged": 3}},
        ["<overrides>: thresholds: suspicious (6) must be below forged (3)"],
    ),
    (
        {"caps": {"threat": 2}},
        ["<overrides>: caps: unknown category 'threat' (did you mean 'threats'?)"],
    ),
    ({"disabel": ["lockup"]}, ["<overrides>: unknown key 'disabel' (did you mean 'disable'?)"]),
    (
        {"weights": {"lockup": "heavy"}},
        [
            "<overrides>: weights.lockup: Input should be a valid number, unable to parse string as a number"
        ],
    ),
]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    OVERRIDE_CASES,
    ids=[
        "disable-unknown",
        "weight-unknown",
        "thresholds-upside-down",
        "cap-unknown-category",
        "unknown-key",
        "weight-not-number",
    ],
)
def test_ruleset_errors_overrides(overrides: dict[str, object], expected: list[str]) -> None:
    with pytest.raises(RuleSetError) as info:
        RuleSet.from_yaml("rules:" + RULE.format(id="lockup"), overrides=overrides)
    assert str(info.value).splitlines() == expected


def test_ruleset_errors_overrides_file_lines(tmp_path: Path) -> None:
    f = tmp_path / "over.yaml"
    f.write_text(
        "disable:\n  - lockup\n  - missing-one\nthresholds: {suspicious: 5, forged: 5}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError) as info:
        RuleSet.from_yaml("rules:" + RULE.format(id="lockup"), overrides=str(f))
    assert str(info.value).splitlines() == [
        f"{f}:3: missing-one: disable: unknown rule",
        f"{f}:4: thresholds: suspicious (5) must be below forged (5)",
    ]


JUNK = [
    "rules: [",
    "rules: {a: 1}",
    "rules: [1, 2]",
    "rules:\n  - when: 3",
    "rules:\n  - id: x\n    when: {all: 3}",
    "rules:\n  - id: x\n    when: {not: [1]}",
    "rules:\n  - id: x\n    when: {field: 3}",
    "rules:\n  - id: x\n    when: {field: amounts, any: [1]}",
    "rules:\n  - id: x\n    when: {text: {regex: 3}}",
    "rules:\n  - id: x\n    when: {text: {near: [[a]], within: -1}}",
    "rules:\n  - id: x\n    when: {field: deadline, hours_from_received: {le: x}}",
    "rules:\n  - id: x\n    when: {at_least: {n: true, of: []}}",
    "rules:\n  - id: x\n    examples: {hit: [{text: 3}]}",
    "pack: [1]\nrules: []",
    "pack: {name: x, locale: fr-FR}\nrules: []",
    "? [a, b]\n: c",
    "rules: &a [*a]",
    "%YAML 9.9\n---\nrules: []",
    "rules: []\n---\nrules: []",
    "\x00\x01",
]


@pytest.mark.parametrize("text", JUNK)
def test_ruleset_errors_nothing_but_rulereseterror_escapes(text: str) -> None:
    with pytest.raises(RuleSetError) as info:
        RuleSet.from_yaml(text)
    assert info.value.errors
    for e in info.value.errors:
        assert str(e).startswith("<string>")
