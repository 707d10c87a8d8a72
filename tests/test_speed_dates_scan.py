"""The fast scans of the date and amount extractors find what the plain patterns find.

Each fast path (a class-first scan with lookbehinds, a cheap guard before the big pattern, a
rewritten clause-end pattern) is compared with the straightforward reading it replaced, on
random strings built from the pieces those patterns react to.
"""

from __future__ import annotations

import random
import re

import pytest

from smscheck.parser import _numerals, amounts, dates

_PIECES = [
    "1", "12", "2024", "3", "0", "五", "十", "二十三", "两", "千", "半", "一个半", "〇", "年", "月",
    "日", "号", "点", "时", "分", "秒", ":", "-", "/", ".", ",", " ", "天", "小时", "个工作日",
    "周", "星期", "礼拜", "个月", "内", "前", "后", "之前", "以内", "逾期", "农历", "初三", "下",
    "上", "下下", "上个", "这个", "本", "当", "每月", "月底", "年末", "今年", "今天", "明晚",
    "大后天", "昨", "下午", "晚上", "半夜", "整", "一刻", "份", "头条", "之后", "钟", "号楼", "\n",
    "Dec", "may", "June", "3rd", "of", "in", "within", "the", "next", "end", "day", "EOD", "by",
    "today", "Tonight", "pm", "a.m.", "hours", "ſep", "İn", "x", "。", "，", "!", "元",
    "1,234", ".56", "万", "亿", "伍仟", "壹", "¥", "$", "US$", "RMB", "人民币", "块", "美元", "个",
    "USD", "dollars", "角", "分",
]  # fmt: skip


def _samples(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 16))) for _ in range(n)]


_MASTER = re.compile(dates._MASTER_BODY, re.VERBOSE)
_MASTER_EN = re.compile(dates._MASTER_EN_BODY, re.VERBOSE | re.IGNORECASE)
_TRIGGER = re.compile(f"{dates._TRIGGER_NUMERAL}|{dates._TRIGGER_WORDS}")


def _reference_zh(text: str) -> list[tuple[str, int, int]]:
    """Try the master pattern at each trigger of a plain trigger scan."""
    out = []
    done = 0
    for t in _TRIGGER.finditer(text):
        p = t.start()
        if p < done:
            continue
        m = _MASTER.match(text, p)
        if m is not None and m.end() > p:
            assert m.lastgroup is not None
            out.append((m.lastgroup, p, m.end()))
            done = m.end()
    return out


def test_no_trigger_word_is_a_prefix_of_another() -> None:
    words = dates._TRIGGER_WORDS.split("|")
    assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]
    assert sorted(w for w in words if len(w) == 1) == ["周", "週"]  # what _LONG_TRIGGER assumes


@pytest.mark.parametrize("seed", range(4))
def test_chinese_scan_is_the_trigger_scan(seed: int) -> None:
    for text in _samples(seed, 3000):
        got = [(who, a, b) for _m, who, a, b in dates._matches(text, False)]
        assert got == _reference_zh(text), text


@pytest.mark.parametrize("seed", range(4))
def test_english_scan_is_finditer(seed: int) -> None:
    for text in _samples(100 + seed, 3000):
        want = [(m.lastgroup, *m.span()) for m in _MASTER_EN.finditer(text)]
        got = [(who, a, b) for _m, who, a, b in dates._matches(text, True)]
        assert got == want, text


def test_guard_holds_wherever_a_mention_starts_with_a_numeral() -> None:
    guard = re.compile(dates._MENTION_CAN_START)
    for text in _samples(7, 5000):
        for p in range(len(text)):
            m = _MASTER.match(text, p)
            if m is not None:
                assert guard.match(text, p), (text, p)


def test_english_first_characters_cover_the_case_folds() -> None:
    classes = [re.compile(f"[{c}]") for c in (dates._EN_FIRST, dates._EN_SECOND, dates._EN_THIRD)]
    letters = [
        re.compile(r"\d|[jfmasondwibtecy]", re.IGNORECASE),
        re.compile(r"[aueponcihly]", re.IGNORECASE),
        re.compile(r"[ nlbrygptvcedoms]", re.IGNORECASE),
    ]
    for cp in range(0x110000):
        ch = chr(cp)
        for cls, plain in zip(classes, letters, strict=True):
            if plain.match(ch):
                assert cls.match(ch), hex(cp)


def test_english_guard_holds_wherever_a_mention_starts() -> None:
    guard = re.compile(dates._EN_CAN_START)
    for text in _samples(9, 5000):
        for p in range(len(text)):
            if _MASTER_EN.match(text, p):
                assert guard.match(text, p), (text, p)


def test_caseless_classes_match_what_ignorecase_matches() -> None:
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    letters = [chr(cp) for cp in range(0x110000) if any_letter.match(chr(cp))]
    for letter in "abcdefghijklmnopqrstuvwxyz":
        folded = re.compile(dates._caseless(letter))
        plain = re.compile(letter, re.IGNORECASE)
        for ch in letters + list(dates._FOLDS.get(letter, "")):
            assert bool(folded.fullmatch(ch)) == bool(plain.fullmatch(ch)), (letter, hex(ord(ch)))


def test_clause_end_is_the_plain_pattern() -> None:
    plain = re.compile(r"[;!?。；！？\n]|(?<!\d)[,.]|[,.](?!\d)")
    rng = random.Random(3)
    for text in _samples(11, 3000):
        for _ in range(8):
            lo = rng.randint(0, len(text))
            hi = rng.randint(lo, len(text))
            want = [m.span() for m in plain.finditer(text, lo, hi)]
            assert [m.span() for m in _numerals.CLAUSE_END.finditer(text, lo, hi)] == want
            last = _numerals._LAST_CLAUSE_END.match(text, lo, hi)
            assert (last.end() if last else None) == (want[-1][1] if want else None)


def test_amount_digit_guard_holds_wherever_money_starts() -> None:
    money = re.compile(
        rf"(?:{amounts._PRE})|(?:{amounts._NUM})\ ?个?(?:{amounts._UNIT})", re.VERBOSE
    )
    guard = re.compile(amounts._DIGITS_THEN, re.VERBOSE)
    for text in _samples(13, 5000):
        for p in range(len(text)):
            if money.match(text, p):
                assert guard.match(text, p), (text, p)
