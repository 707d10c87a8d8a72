"""A long alternation searched by its live alternatives gives the whole pattern's matches."""

from __future__ import annotations

import random

import pytest
import regex
from _rules_helpers import check, rule, ruleset

from smscheck.matchers.branches import (
    AlternativeFilter,
    Branches,
    same_on_both_engines,
    top_level_branches,
)
from smscheck.matchers.engines import compile_re2
from smscheck.matchers.terms import TermIndex
from smscheck.matchers.text import RegexNode

_PATTERNS = [
    ("借[^。，,]{0,5}(?:块钱|块|万块)|转账|(?:转|汇|打)\\d+(?:元|块)|汇款|钱[^。]{0,6}打到", ()),
    ("打到|打到卡|到卡上|卡上|\\d+元", ()),  # overlapping alternatives: the earlier one wins
    ("\\b0(?:9\\d{8,9}|87\\d{7})\\b|\\bcall\\b|ppm\\b", ("ignorecase",)),
    # mixed engines: linear alternatives on `regex`, the \\d+ one and the \\b one on RE2
    ("^钱[^。]{0,3}到|(?:转|汇)\\d+元|卡上\\b|[^。，,]{0,2}打到卡|\\w{1,3}款", ()),
]
_ALPHABET = [*"借转汇打钱款卡上到元块万。，,0123456789 ", "call", "CALL", "ppm", "087", "09"]


@pytest.mark.parametrize(("pattern", "flags"), _PATTERNS)
def test_branches_match_like_the_whole_pattern(pattern: str, flags: tuple[str, ...]) -> None:
    index = TermIndex()
    branches = Branches.of(pattern, flags, "re2", 10**6, index.add)
    assert branches is not None
    whole = compile_re2(pattern, flags)
    rnd = random.Random(7)
    for _ in range(400):
        text = "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randrange(0, 40)))
        present = index.scan(text.lower()).keys()
        want = [m.span() for m in whole.finditer(text)]
        got = [m.span() for m in branches.finditer(text, present, whole)]
        assert got == want, text


@pytest.mark.parametrize(
    ("branch", "flags", "same"),
    [
        ("借(?:我|给我)[^。，,]{0,5}块", (), True),
        ("^[^。]{0,2}[0-9]{1,3}\\s?元", ("dotall",), True),
        ("^\\W{0,2}元", (), False),  # \\w, \\d: Unicode tables of different versions
        ("\\d{1,3}元", (), False),
        ("\\bcall", (), False),  # \\b is ASCII in RE2
        ("元$", (), False),  # RE2's $ matches at the very end only
        ("\\p{Han}{0,2}经理", (), False),  # Unicode tables of different versions
        ("(?<!已)转账", (), False),
        ("(?i:call)", (), False),
        ("[[:alpha:]]", (), False),
        ("call", ("ignorecase",), False),
    ],
)
def test_branches_which_alternatives_may_change_engine(
    branch: str, flags: tuple[str, ...], same: bool
) -> None:
    assert same_on_both_engines(branch, flags) is same


def test_branches_mixed_engines_run_linear_alternatives_on_regex() -> None:
    pattern = _PATTERNS[3][0]
    branches = Branches.of(pattern, (), "re2", 10**6, TermIndex().add)
    assert branches is not None
    compiled = branches._compile()
    assert compiled is not None
    kinds = [type(rx).__name__ for rx in compiled]
    assert kinds == ["Pattern", "Re2Pattern", "Re2Pattern", "Pattern", "Re2Pattern"]


def test_branches_many_matches_go_on_with_the_whole_pattern() -> None:
    pattern = "转账|汇款|打款"
    index = TermIndex()
    branches = Branches.of(pattern, (), "re2", 10**6, index.add)
    assert branches is not None
    whole = compile_re2(pattern, ())
    text = "转账，汇款" * 50
    got = [m.span() for m in branches.finditer(text, index.scan(text).keys(), whole)]
    assert got == [m.span() for m in whole.finditer(text)]
    assert len(got) == 100


@pytest.mark.parametrize(
    "pattern",
    [
        "(?i)a|b|c",  # a global flag
        "(a)|\\1b|c",  # a back-reference
        "a|b?|c",  # an alternative that matches the empty string
        "(?:a|b|c)d",  # no top-level alternation
        "a|b",  # too few alternatives
        "x\\d|\\d|\\s",  # one alternative with a literal only
    ],
)
def test_branches_refuse_what_they_cannot_split(pattern: str) -> None:
    assert Branches.of(pattern, (), "re2", 10**6, TermIndex().add) is None


def test_branches_top_level_split_reads_classes_and_escapes() -> None:
    assert top_level_branches("a[|]b|c\\|d|(e|f)") == ["a[|]b", "c\\|d", "(e|f)"]
    assert top_level_branches("[]|]x|y") == ["[]|]x", "y"]
    assert top_level_branches("(a|b") is None


def test_branches_small_programs_are_not_split() -> None:
    assert Branches.of("转账|汇款|打款", (), "re2", 10, TermIndex().add) is None


def test_branches_fall_back_to_the_whole_pattern_when_an_alternative_needs_the_guard() -> None:
    """An alternative with a leading look-behind runs on RE2 only with the guard, whose
    matches may differ: the whole pattern is searched instead, on every message."""
    pattern = "(?<!不)转账\\d+|汇款|打款"
    index = TermIndex()
    branches = Branches.of(pattern, (), "re2", 10**6, index.add)
    assert branches is not None
    whole = regex.compile(pattern)  # (RE2 cannot run the whole either)
    for text in ["请汇款", "不转账1", "转账2 打款", "打款"]:
        got = [m.span() for m in branches.finditer(text, index.scan(text).keys(), whole)]
        assert got == [m.span() for m in whole.finditer(text)]


def test_alternative_filter_needs_every_set_of_one_alternative() -> None:
    """新…号 needs both 新 and 号; 换号了 its own word: with 号 alone nothing can match."""
    index = TermIndex()
    got = AlternativeFilter.of("新[^。]{0,4}号|换号了", (), index.add)
    assert got is not None
    assert not got.may_match(index.scan("账号已登录").keys())
    assert got.may_match(index.scan("这是我的新手机号").keys())
    assert got.may_match(index.scan("我换号了").keys())
    # nothing finer than the pattern's own filter: no filter
    assert AlternativeFilter.of("转账|汇款", (), index.add) is None
    assert AlternativeFilter.of("新[^。]{0,4}号|\\d+", (), index.add) is None


def test_alternative_filter_keeps_the_verdicts() -> None:
    """A rule with such a pattern fires exactly as the pattern matches."""
    pattern = "新[^。]{0,4}号[^。]{0,10}\\d+元|换号了"  # RE2 (an unbounded \\d+ inside)
    rs = ruleset(rule("r", f"{{text: {{regex: '{pattern}'}}}}"))
    pack = rs._pack("zh-CN")
    assert pack is not None
    node = pack.rules["r"].when
    assert isinstance(node, RegexNode)
    assert node.engine == "re2"
    assert node.alternatives is not None
    for text, fires in [("账号12元", False), ("新手机号 123元", True), ("我换号了", True)]:
        assert bool(check(rs, text).hits) == fires, text


def test_branches_an_alternative_needing_two_sets_is_live_only_with_both() -> None:
    index = TermIndex()
    pattern = "(?:转|汇)[^。]{0,3}(?:钱|款)|借钱给我|汇款单号"
    branches = Branches.of(pattern, (), "re2", 10**6, index.add)
    assert branches is not None
    assert branches.live(index.scan("请转一下").keys()) == 0  # 转 without 钱/款
    assert branches.live(index.scan("请转一下钱").keys()) == 0b001
    whole = compile_re2(pattern, ())
    for text in ("请转一下", "请转一下钱", "汇款单号123", "借钱给我，转款"):
        present = index.scan(text).keys()
        want = [m.span() for m in whole.finditer(text)]
        assert [m.span() for m in branches.finditer(text, present, whole)] == want


@pytest.mark.parametrize("seed", range(5))
def test_branches_alternative_filter_agrees_with_testing_each_set(seed: int) -> None:
    index = TermIndex()
    pattern = (
        "新[^。]{0,4}号|换号了|(?:旧|原)[^。]{0,3}(?:号|卡)(?:停用|作废)|这是我的?(?:新|备用)号"
    )
    got = AlternativeFilter.of(pattern, (), index.add)
    assert got is not None
    keys = sorted({*got._keys, *got.single})
    rnd = random.Random(seed)
    for _ in range(300):
        present = dict.fromkeys(rnd.sample(keys, rnd.randrange(0, len(keys) + 1))).keys()
        want = (not present.isdisjoint(got.single)) or any(
            all(not present.isdisjoint(s) for s in sets) for sets in got.multi
        )
        assert got.may_match(present) is want


def test_branches_s_class_reads_alike_on_both_engines_at_every_code_point() -> None:
    # what lets an alternative with \s change engine (\d and \w do not agree everywhere)
    mine = regex.compile(r"\s")
    theirs = compile_re2(r"\s", ())
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        ch = chr(c)
        assert (mine.fullmatch(ch) is None) == (theirs.search(ch) is None), hex(c)
