"""The normaliser's fast pre-scans are supersets of the steps they gate (speed pass).

Each gate in :mod:`smscheck._text` lets a step be skipped when it finds nothing, which is only
safe when it finds everything the step could match. These tests check the character classes
over every code point, and both sides of each gate on small texts.
"""

from __future__ import annotations

import regex

from smscheck import _text as T

_ALL = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def _chars(pattern: str, flags: int = 0) -> set[str]:
    return set(regex.findall(pattern, _ALL, flags=flags))


def test_han_class_covers_han_script() -> None:
    han = _chars(r"\p{Han}")
    ours = _chars(f"[{T._HAN_ANY}]")
    assert han <= ours


def test_not_sep_class_holds_no_separator() -> None:
    one_separator = T._SEP_BETWEEN_CJK_PATTERN.split("(?:", 1)[1].rsplit(")+", 1)[0]
    assert "\\p{So}" in one_separator
    sep = _chars(one_separator)
    not_sep = _chars(f"[{T._NOT_SEP}]")
    assert not (sep & not_sep)


def test_space_class_is_isspace_and_covers_regex_space() -> None:
    ours = _chars(f"[{T._WS}]")
    assert ours == {c for c in _ALL if c.isspace()}
    assert _chars(r"\s") <= ours


def test_step2_class_is_unstable_or_traditional() -> None:
    # Compared through what each class leaves alone (a small set).
    left = set(T._STEP2_ANY.sub("", _ALL))
    stable = set(T._unstable().sub("", _ALL))
    extras = {chr(int(c, 16)) for c in regex.findall(r"\\u([0-9a-f]{4})", T._STABLE_EXTRA)}
    trad = {chr(c) for c in T._TRAD_TABLE}
    assert left == (stable | extras) - trad


def test_stable_extras_and_pre_folds_fold_one_for_one() -> None:
    for c in regex.findall(r"\\u([0-9a-f]{4})", T._STABLE_EXTRA):
        ch = chr(int(c, 16))
        assert T._char_fold(ch) == ch
    assert T._PRE_FOLD
    for c, f in T._PRE_FOLD:
        assert T._char_fold(c) == f
        assert len(f) == 1


def test_gates_find_what_their_steps_find() -> None:
    texts = [
        "加V", "加 v信", "+薇", "➕微", "加卫星", "徽 芯", "威信", "维信", "v/x", "W x", "vx",
        "v 信", "扣扣", "企鹅号", "Q Q", "qq号", "你好", "vex", "加", "quite", "wax",
    ]  # fmt: skip
    for t in texts:
        assert (T._fold_re().search(t) is None) or (T._MAYBE_FOLD.search(t) is not None), t
    assert T._MAYBE_FOLD.search("hello world") is None
    for t in ["律 师", "微❤信", "律\u3000师", "中·文", "中⺀文", "中 ⺀ 文", "中*文", "a b"]:
        assert (T._sep_between_cjk().search(t) is None) or (
            T._MAYBE_SEP_BETWEEN_CJK.search(t) is not None
        ), t
    assert T._MAYBE_SEP_BETWEEN_CJK.search("款¥100，“欠款”") is None
    for t in ["a  b", "a\tb", "a\nb", "a\u2028b", "a b"]:
        assert (T._SPACE_RUN.search(t) is None) or (T._MAYBE_SPACE_RUN.search(t) is not None), t
    assert T._MAYBE_SPACE_RUN.search("a b c") is None
    for t in ["一三八一二三四五六七八", "一二三四", "九九九九九", "零"]:
        assert [m.span() for m in regex.finditer("[〇零一幺二三四五六七八九]{5,}", t)] == [
            m.span() for m in T._CN_DIGIT_RUN_FAST.finditer(t)
        ]


def test_run_granularity_of_the_offset_map() -> None:
    # A run whose fold changes length maps each new character to the whole run, even when a
    # character the quick path treats as stable (，) sits inside it.
    n = T.normalize("a，\u0301b")
    assert n.text == "a,b"
    assert n.span(1, 2) == (1, 3)
    # Runs that change length but compensate keep the identity map.
    n = T.normalize("…，\u0301\u0301x")
    assert n.text == "...,x"
    assert n.span(0, 5) == (0, 5)
    n = T.normalize("请加薇 信：ab12，【京東金融】")
    assert n.text == "请加微信:ab12,【京东金融】"


def test_delete_is_rewrite_with_an_empty_replacement() -> None:
    import random

    space = T._SPACE_NEXT_TO_CJK
    alphabet = list("中文 \t律师ab1,")
    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        for starts in (None, [i * 2 for i in range(len(text))]):
            ends = None if starts is None else [s + 1 for s in starts]
            old = T._rewrite(text, starts, ends, space, lambda m: "")
            assert T._delete(text, starts, ends, space) == old, text
    empty = regex.compile("x*")
    assert T._delete("abc", None, None, empty) == ("abc", None, None)


def test_runs_map_is_rewrite_over_the_runs() -> None:
    import random

    unstable = T._unstable()
    alphabet = list("a中，：\u0301…①½㍻\u200b師 。\U0001f600ｖ")
    rnd = random.Random(9)
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 10)))
        parts = unstable.split(text)
        folded = [T._fold_str(r) for r in parts[1::2]]
        old = T._rewrite(text, None, None, unstable, lambda m: T._fold_str(m.group()))
        new = T._runs_map(parts, folded)
        if old[1] is None:  # every run kept its length: the caller takes the quick path
            assert new[0] == old[0]
        else:
            assert new == old, text
