"""The fast scans of the date and amount extractors find what the plain patterns find.

Each fast path (a class-first scan with lookbehinds, a cheap guard before the big pattern, a
rewritten clause-end pattern) is compared with the straightforward reading it replaced, on
random strings built from the pieces those patterns react to.
"""

from __future__ import annotations

import random
import re

import pytest

from smscheck.parser import _dates_en, _numerals, amounts, dates

_PIECES = [
    "1", "12", "2024", "3", "0", "五", "十", "二十三", "两", "千", "半", "一个半", "〇", "年", "月",
    "日", "号", "点", "时", "分", "秒", ":", "-", "/", ".", ",", " ", "天", "小时", "个工作日",
    "周", "星期", "礼拜", "个月", "内", "前", "后", "之前", "以内", "逾期", "农历", "初三", "下",
    "上", "下下", "上个", "这个", "本", "当", "每月", "月底", "年末", "今年", "今天", "明晚",
    "大后天", "昨", "下午", "晚上", "半夜", "整", "一刻", "份", "头条", "之后", "钟", "号楼", "\n",
    "Dec", "may", "June", "3rd", "of", "in", "within", "the", "next", "end", "day", "EOD", "by",
    "today", "Tonight", "pm", "a.m.", "Friday", "next ", "this ", "wed.", "Thurs", "midnight",
    "noon", "Sun", "hours", "ſep", "İn", "x", "。", "，", "!", "元",
    "1,234", ".56", "万", "亿", "伍仟", "壹", "¥", "$", "US$", "RMB", "人民币", "块", "美元", "个",
    "USD", "dollars", "角", "分", "k", "M", " million", "w", "港币", "欧元", "SGD", "cents",
]  # fmt: skip


def _samples(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 16))) for _ in range(n)]


_MASTER = re.compile(dates._MASTER_BODY, re.VERBOSE)
_MASTER_EN = re.compile(_dates_en.MASTER_EN_BODY, re.VERBOSE | re.IGNORECASE)
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
    classes = [
        re.compile(f"[{c}]") for c in (_dates_en.EN_FIRST, _dates_en.EN_SECOND, _dates_en.EN_THIRD)
    ]
    letters = [
        re.compile(r"\d|[jfmasondwibtecy]", re.IGNORECASE),
        re.compile(r"[aueponcihlyr]", re.IGNORECASE),
        re.compile(r"[ nlbrygptvcedomsiux]", re.IGNORECASE),
    ]
    for cp in range(0x110000):
        ch = chr(cp)
        for cls, plain in zip(classes, letters, strict=True):
            if plain.match(ch):
                assert cls.match(ch), hex(cp)


def test_english_guard_holds_wherever_a_mention_starts() -> None:
    guard = re.compile(_dates_en.EN_CAN_START)
    for text in _samples(9, 5000):
        for p in range(len(text)):
            if _MASTER_EN.match(text, p):
                assert guard.match(text, p), (text, p)


def test_caseless_classes_match_what_ignorecase_matches() -> None:
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    letters = [chr(cp) for cp in range(0x110000) if any_letter.match(chr(cp))]
    for letter in "abcdefghijklmnopqrstuvwxyz":
        folded = re.compile(_dates_en.caseless(letter))
        plain = re.compile(letter, re.IGNORECASE)
        for ch in letters + list(_dates_en.FOLDS.get(letter, "")):
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
        rf"(?:{amounts._PRE})|(?:{amounts._NUM})(?:{amounts._KMUL})?\ ?个?(?:{amounts._UNIT})",
        re.VERBOSE,
    )
    guard = re.compile(amounts._DIGITS_THEN, re.VERBOSE)
    for text in _samples(13, 5000):
        for p in range(len(text)):
            if money.match(text, p):
                assert guard.match(text, p), (text, p)


# --- linear time by construction (issue 13) ---------------------------------------------------
try:  # Python 3.11+
    from re import _constants as _sc  # type: ignore[attr-defined]
    from re import _parser as _sp  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

# The only unbounded repeats left in these modules, each run on a bounded input.
_UNBOUNDED_OK = {
    # parse_number tokenises a string it has already capped at MAX_DIGITS + 8 characters.
    ("_numerals", "_TOKEN"),
    # matched only on a KeywordIndex window, at most `reach` characters long.
    ("_numerals", "_LAST_CLAUSE_END"),
}


def _unbounded_repeats(pattern: re.Pattern[str]) -> int:
    count = 0

    def walk(items: object) -> None:
        nonlocal count
        for op, av in items:  # type: ignore[attr-defined]
            if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, getattr(_sc, "POSSESSIVE_REPEAT", None)):
                count += av[1] == _sc.MAXREPEAT
                walk(av[2])
            elif op == _sc.SUBPATTERN:
                walk(av[-1])
            elif op == _sc.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
                walk(av[1])
            elif op == getattr(_sc, "ATOMIC_GROUP", None):
                walk(av)

    walk(_sp.parse(pattern.pattern, pattern.flags))
    return count


def _module_patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    out = []
    for mod in (amounts, dates, _dates_en, _numerals):
        short = mod.__name__.rsplit(".", 1)[1]
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                out.append((short, name, value))
    out.append(("amounts", "_range_low_re", amounts._range_low_re()))
    out.append(("amounts", "_role_re_en", amounts._role_re_en()))
    out.append(("_dates_en", "scan_en", _dates_en.scan_en()))
    out.append(("_dates_en", "role_re_en", _dates_en.role_re_en()))
    return out


def test_every_repeat_in_the_amount_and_date_patterns_is_bounded() -> None:
    found = {(mod, name) for mod, name, p in _module_patterns() if _unbounded_repeats(p)}
    assert found == _UNBOUNDED_OK


# Pieces the amount scan reacts to, pumped: no candidate may read far past its start.
_AMOUNT_PIECES = ["123,", "1", "9", ",", ".", "1.", "元", "万", "一", "¥", "$", "亿", "123", " "]


@pytest.mark.parametrize("piece", _AMOUNT_PIECES)
def test_an_amount_candidate_reads_a_bounded_stretch(piece: str) -> None:
    # The reproducer of issue 13 is "元" + "123," * 8000: every comma started a candidate
    # whose number ran to the end of the chain. Every match of the number pattern (and of the
    # whole amount) must now stay short however long the pumped string.
    num = re.compile(f"(?:{amounts._NUM})")
    for reps in (1, 10, 100, 1000):
        for text in (piece * reps, "元" + piece * reps, piece * reps + "元", "¥" + piece * reps):
            for p in range(0, len(text), max(1, len(text) // 50)):
                m = num.match(text, p)
                assert m is None or m.end() - p <= 64, (piece, reps, p)
            for m in amounts._AMOUNT.finditer(text):
                assert m.end("m") - m.start("m") <= 80, (piece, reps)
