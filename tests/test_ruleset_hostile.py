"""Hostile rule files (issue 13): each is refused with a clear ``path:line`` error naming the
limit, or loads in time linear in its size. No test here measures time: they assert on the
refusal, the error text, or the work the engine is allowed to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _rules_helpers import check, rule

from smscheck import RuleSet, RuleSetError
from smscheck import matchers as m
from smscheck.cli import main

HEAD = "rules:\n"


def _load(path: Path) -> RuleSet:
    return RuleSet.load(str(path), include_default=False, check_examples=False)


def _errors(path: Path) -> list[str]:
    with pytest.raises(RuleSetError) as info:
        _load(path)
    return [str(e) for e in info.value.errors]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_hostile_named_pipe_in_rules_folder_is_refused_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(HEAD + rule("fine", "{text: {keywords: [拘留]}}"))
    os.mkfifo(tmp_path / "x.yaml")  # opening it for reading would block until a writer came
    errors = _errors(tmp_path)
    assert errors == [
        f"{tmp_path / 'x.yaml'}: not a regular file (a named pipe, socket or device); "
        "only regular files are read"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_hostile_named_pipe_given_by_name_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (err,) = _errors(tmp_path / "pipe.yaml")
    assert "not a regular file" in err


@pytest.mark.parametrize(
    ("pattern", "limit"),
    [
        ("a{2147483648}", "repeat count {2147483648} is above the limit of 1,000"),
        ("(?:a{65535}){65535}", "repeat count {65535} is above the limit of 1,000"),
        ("x{3,99999999999999999999}", "is above the limit of 1,000"),
        ("(?:a{1000}){1000}", "above the limit of 100,000; nest fewer counted repeats"),
        ("((a{50}){50}){50}", "above the limit of 100,000"),
    ],
)
def test_hostile_huge_repeat_is_refused_at_its_line_before_compiling(
    tmp_path: Path, pattern: str, limit: str
) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(HEAD + rule("huge", f"{{text: {{regex: '{pattern}'}}}}"))
    (err,) = _errors(f)
    assert err.startswith(f"{f}:6: huge: when.text.regex: ")
    assert limit in err


def test_hostile_huge_repeat_in_a_field_regex_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(HEAD + rule("huge", "{field: creditor, matches: 'a{2147483648}'}"))
    (err,) = _errors(f)
    assert err.startswith(f"{f}:6: huge: when.matches: repeat count")


def test_hostile_long_alternation_is_refused_with_the_limit(tmp_path: Path) -> None:
    words = "|".join(f"w{i:06d}" for i in range(2_000))  # 16 KB of alternation
    f = tmp_path / "r.yaml"
    f.write_text(HEAD + rule("alt", f"{{text: {{regex: '(?:{words})'}}}}"))
    (err,) = _errors(f)
    assert "regex is 16,003 characters, above the limit of 10,000" in err
    assert "keywords" in err


def test_hostile_many_keywords_sharing_a_prefix_load_and_match(tmp_path: Path) -> None:
    n = 20_000
    words = ", ".join(f"ab{i}z" for i in range(n))
    f = tmp_path / "r.yaml"
    f.write_text(HEAD + rule("many", f"{{text: {{keywords: [{words}]}}}}"))
    rs = _load(f)
    index = rs._packs["zh-CN"].index
    # the terms of one character pair are a dict: adding one is O(1), not a list search
    assert isinstance(index._by_pair[("a", "b")], dict)
    assert len(index) == n
    (hit,) = check(rs, f"请看 ab{n - 1}z 号").hits
    assert [e.text for e in hit.evidence] == [f"ab{n - 1}z"]


def _heavy(i: int) -> str:
    # bounded, so it runs on the backtracking engine: 21 * 2 * 21 * 2 * 21 = 37,044 steps
    # per position; distinct per rule (identical conditions would be shared)
    return f"{{text: {{regex: '[^。]{{0,20}}(?:xa|yb)[^。]{{0,20}}(?:xa|yb)[^。]{{0,20}}z{i}'}}}}"


def test_hostile_pack_cost_per_message_is_bounded(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(HEAD + "".join(rule(f"slow-{i}", _heavy(i)) for i in range(60)))
    (err,) = _errors(f)
    assert "above the limit of 2,000,000" in err
    assert "the costliest rules: slow-0 (37,044), slow-1 (37,044), slow-2 (37,044)" in err
    assert err.startswith(f"{f}:2: slow-0: the zh-CN pack may cost up to 2,222,641 steps")


def test_hostile_pack_cost_is_reported_by_lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(HEAD + rule("slow-1", _heavy(1)) + rule("kw", "{text: {keywords: [拘留]}}"))
    assert main(["lint", str(f), "--no-default"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "ok: 2 rules",
        "cost: zh-CN pack, at most 37,046 steps per character of a message (limit 2,000,000); "
        "costliest: slow-1 (37,044), kw (1)",
    ]


def test_hostile_nul_byte_is_reported_with_its_line(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_bytes((HEAD + rule("nul", "{text: {keywords: [拘\x00留]}}")).encode())
    assert _errors(f) == [
        f"{f}:6: character U+0000 is not allowed in YAML (control characters are not allowed); "
        "remove it"
    ]


def test_hostile_unclosed_bracket_at_the_end_is_reported_where_it_opened(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(
        HEAD + rule("ok", "{text: {keywords: [拘留]}}") + "  - id: open\n    tags: [a, b\n"
    )
    (err,) = _errors(f)
    assert err.startswith(f"{f}:8: YAML syntax error: ")
    assert "flow sequence that starts on line 8" in err


def test_hostile_unclosed_bracket_mid_file_names_its_first_line(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(HEAD + "  - id: open\n    tags: [a, b\n  - id: next\n    weight: 2\n")
    (err,) = _errors(f)
    assert "that starts on line 3" in err


def test_hostile_deprecated_timeouts_load_and_lint_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(
        "pack: {name: mine, locale: zh-CN, regex_timeout_ms: 20000}\n"
        + HEAD
        + rule("old", "{text: {regex: '拘留\\d+天', timeout_ms: 20000}}")
    )
    rs = _load(f)
    assert [(n.line, n.rule_id) for n in rs.notes] == [(1, None), (7, "old")]
    assert check(rs, "拘留15天").hits  # the timeout changes nothing: there is no clock
    assert main(["lint", str(f), "--no-default"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{f}:1: warning: regex_timeout_ms is deprecated and ignored")
    assert out[1].startswith(f"{f}:7: old: warning: when.text.timeout_ms: deprecated and ignored")
    assert out[2] == "ok: 1 rules"


def test_hostile_pattern_neither_engine_can_run_linearly_is_refused(tmp_path: Path) -> None:
    # look-ahead (RE2 has none) plus an unbounded repeat the analysis cannot bound
    f = tmp_path / "r.yaml"
    f.write_text(HEAD + rule("la", "{text: {regex: '律师(?!函)[^。]*转账'}}"))
    (err,) = _errors(f)
    assert err.startswith(f"{f}:6: la: when.text.regex: cannot be run in time linear in the text")
    assert "bound the repeat" in err


def test_hostile_check_work_is_bounded_by_the_pack_not_a_clock() -> None:
    # the old timeout case: exponential on a backtracking engine, linear on RE2
    rs = RuleSet.from_yaml(HEAD + rule("exp", "{text: {regex: '^(\\p{L}+\\s?)*$'}}"))
    assert rs.cost("zh-CN")[0] < m.MAX_PACK_COST
    assert check(rs, "拘" * 20_000 + "1").hits == ()
    assert [h.rule_id for h in check(rs, "拘" * 20_000).hits] == ["exp"]
