"""CLI: check, lint, test-rules, rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _rules_helpers import rule

from smscheck.cli import main

BAD = Path(__file__).parent / "files" / "bad_rules"
TIME = ["--received-at", "2024-12-13T20:46:00+08:00"]


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    f = tmp_path / "mine.yaml"
    f.write_text(
        "pack: {name: mine, locale: zh-CN, thresholds: {suspicious: 2, forged: 5}}\nrules:\n"
        + rule("jail", "{text: {keywords: [拘留, 坐牢]}}", weight=3,
               extra="    examples: {hit: [将对您拘留], miss: [您好]}\n")
        + rule("fee", "{text: {regex: '(解冻|保证)(费|金)'}}", category="upfront_fee", weight=4,
               extra="    examples: {hit: [先交解冻费], miss: [交费]}\n"),
        encoding="utf-8",
    )  # fmt: skip
    return f


def test_cli_lint_ok(rules_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(rules_file), "--no-default"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "ok: 2 rules",
        "cost: zh-CN pack, at most 4 steps per character of a message (limit 2,000,000); "
        "costliest: fee (2), jail (1)",
    ]


def test_cli_lint_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(BAD)
    assert main(["lint", "--no-default", "unknown_key.yaml", "regex_nested.yaml"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "unknown_key.yaml:2: typo-key: missing key 'weight'",
        "unknown_key.yaml:4: typo-key: unknown key 'wieght' (did you mean 'weight'?)",
        "regex_nested.yaml:6: nested-quantifier: when.text.regex: nested quantifier (a repeated group "
        "containing an unbounded repeat, like (a+)+) can backtrack catastrophically; make the inner "
        "repeat possessive (a++) or the group atomic (?>...)",
    ]
    assert out.err == "3 problems\n"


def test_cli_test_rules_ok(rules_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test-rules", str(rules_file), "--no-default"]) == 0
    assert capsys.readouterr().out == "ok: 4 examples of 2 rules, alone and with the full pack\n"


def test_cli_test_rules_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(
        "rules:\n"
        + rule("jail", "{text: {keywords: [拘留]}}", extra="    examples: {hit: [将对您逮捕]}\n"),
        encoding="utf-8",
    )
    assert main(["test-rules", str(f), "--no-default"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{f}:7: jail: examples.hit[0]: the rule does not fire on '将对您逮捕'",
        f"{f}:7: jail: examples.hit[0] with the full pack: the rule is not among the hits for '将对您逮捕'",
    ]


def test_cli_rules_listing(rules_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--rules", str(rules_file), "--no-default"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "jail  zh-CN  threats        +3.0  jail",
        "fee   zh-CN  upfront_fee    +4.0  fee",
        "2 rules",
    ]
    assert main(["rules", "--rules", str(rules_file), "--no-default", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["category"], r["weight"]) for r in rows] == [
        ("jail", "threats", 3.0),
        ("fee", "upfront_fee", 4.0),
    ]


def test_cli_check_text(rules_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", "不交解冻费就拘留", "--rules", str(rules_file), "--no-default", *TIME]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "结论：伪造/诈骗（得分 7；2 分起可疑，5 分起伪造）"
    assert out[1] == "短信：不交⟦解冻费⟧就⟦拘留⟧"  # no tty: brackets instead of colour
    assert out[2:] == ["  +4  [fee] fee", "  +3  [jail] jail"]
    assert main([*args, "--verbose"]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == [
        "  +4  [fee] fee",
        "        text.regex: '解冻费' @2-5 ((解冻|保证)(费|金))",
        "  +3  [jail] jail",
        "        text.keywords: '拘留' @6-8",
    ]


def test_cli_check_json_and_english(rules_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "check",
                "不交解冻费",
                "--rules",
                str(rules_file),
                "--no-default",
                "--format",
                "json",
                *TIME,
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert (data["label"], data["score"], data["hits"][0]["rule_id"]) == ("suspicious", 4.0, "fee")
    assert (
        main(
            [
                "check",
                "不交解冻费",
                "--rules",
                str(rules_file),
                "--no-default",
                "--lang",
                "en",
                *TIME,
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith(
        "Verdict: suspicious (score 4; suspicious at 2, forged at 5)\n"
    )


def test_cli_check_bad_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["check", "x", "--rules", str(BAD / "unknown_category.yaml"), "--no-default", *TIME])
        == 1
    )
    err = capsys.readouterr().err
    assert "category: unknown category 'threat' (did you mean 'threats'?)" in err


def test_cli_lint_whole_shipped_rules_folder(capsys: pytest.CaptureFixture[str]) -> None:
    """`lint rules/` loads each pack once and skips the registry folder."""
    from smscheck._paths import rules_dir

    assert main(["lint", str(rules_dir())]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: ")
    assert main(["lint", str(rules_dir()), "--no-default"]) == 0
    assert capsys.readouterr().out == out
