"""The fast paths of parser/legal.py, debt.py, _trie.py and _context.py give what the plain
forms they replace give (the plain forms are kept here as references)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import regex

from smscheck import parse
from smscheck.models import CaseNumber, LegalFact, Organisation, OverdueDays, Product, Tail
from smscheck.parser import legal
from smscheck.parser._context import make_model
from smscheck.parser._trie import guarded_trie, pairs_filter, start_filter, start_pairs

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpus.jsonl"


def _corpus() -> list[str]:
    return [
        json.loads(line)["text"]
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


# Characters the legal patterns care about, so random texts hit them often.
_ALPHABET = (
    "通知告联系您的你其家人单位公司村委社区律师帅函涵传票起诉撤不立案庭费执行强制冻结解账户"
    "上门送服务安装失信息用黑名单征信受损凡是任何都是诈骗骗子局不会请勿切勿谨防，。！？;\n "
    "刑事责任追究承担法律拘留逮捕曝光影响子女政审京东金融白条金条黄金工行驶中国银行业"
    "人民法院北京市朝阳区检察院公安局派出所律所事务所银行卡消费金融招联马上neverot'"
)


def _random_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 40))) for _ in range(n)]


# --------------------------------------------------------------------------- _context


@pytest.mark.parametrize("text", _corpus()[:120])
def test_fast_models_equal_validated_ones(text: str) -> None:
    p = parse(text)
    items = (*p.case_numbers, *p.organisations, *p.legal, *p.tails, *p.overdue_days, *p.products)
    for item in items:
        again = type(item)(**dict(item.__dict__))
        assert item == again
        assert list(item.__dict__) == list(again.__dict__)
        assert item.model_fields_set == again.model_fields_set
        assert item.model_dump_json() == again.model_dump_json()
        assert repr(item) == repr(again)


def test_make_model_matches_constructor() -> None:
    span = make_model(type(parse("尾号1234").tails[0].span), {"start": 1, "end": 3})
    for cls, fields in (
        (Organisation, {"name": "a", "text": "b", "kind": "bank", "span": span}),
        (LegalFact, {"kind": "threat", "name": "起诉", "text": "起诉", "span": span}),
        (Tail, {"digits": "1234", "of": "card", "text": "尾号1234", "span": span}),
        (OverdueDays, {"days": 3, "text": "逾期3天", "span": span}),
        (Product, {"name": "白条", "text": "白条", "span": span}),
        (
            CaseNumber,
            {
                "text": "x",
                "span": span,
                "year": 2024,
                "court_code": None,
                "type_code": "民初",
                "serial": "1",
                "legacy": False,
                "valid": False,
                "problems": ("missing_court_code",),
            },
        ),
    ):
        fast = make_model(cls, dict(fields))  # type: ignore[type-var]
        slow = cls(**fields)  # type: ignore[arg-type]
        assert fast == slow
        assert repr(fast) == repr(slow)
        assert fast.model_fields_set == slow.model_fields_set


# --------------------------------------------------------------------------- _trie


def test_guarded_trie_equals_sorted_alternation() -> None:
    pairs = legal._alias_parts
    flat = re.compile(
        "|".join(re.escape(w) + g for w, g in sorted(pairs, key=lambda p: -len(p[0])))
    )
    trie = re.compile(guarded_trie(pairs))
    words = [w for w, _ in pairs]
    rnd = random.Random(7)
    tails = "方金融白条驶走进业保险间道为天人政账布出现生放送x"
    for _ in range(3000):
        text = "".join(
            rnd.choice(words) if rnd.random() < 0.5 else rnd.choice(tails)
            for _ in range(rnd.randint(0, 8))
        )
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in trie.finditer(text)]
    for text in _corpus():
        assert flat.findall(text) == trie.findall(text)


def test_guarded_trie_rejects_bad_guards() -> None:
    with pytest.raises(ValueError, match="lookaround"):
        guarded_trie([("a", "b")])
    with pytest.raises(ValueError, match="two guards"):
        guarded_trie([("a", "(?!b)"), ("a", "(?!c)")])
    with pytest.raises(ValueError, match="empty"):
        guarded_trie([("", "")])


def test_suffixes_never_put_a_shorter_one_first() -> None:
    # Why the suffix prefix tree (longest first) matches what the flat list in order matched.
    names = [s for s, _, _ in legal._SUFFIXES]
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not b.startswith(a), (a, b)
    flat = re.compile("|".join(re.escape(s) for s in names))
    for text in _corpus():
        assert flat.findall(text) == legal._SUFFIX_RE.findall(text)


def test_start_pairs_cover_every_match() -> None:
    rnd = random.Random(3)
    for _, _, pattern in legal._FACTS:
        pairs = start_pairs(pattern)
        assert pairs is not None
        compiled = re.compile(pattern)
        for text in _random_texts(300, rnd.randint(0, 10**6)):
            for m in compiled.finditer(text):
                assert text[m.start() : m.start() + 2] in pairs or m.group() in pairs


def test_start_pairs_unknown() -> None:
    assert start_pairs("a?") is None  # empty match
    assert start_pairs(r"\w+") is None  # category
    assert start_pairs("(?i:ab)") is None  # flags
    assert start_pairs(r"(a)\1") is None  # back reference
    assert start_pairs(r"(a)b\1") == frozenset({"ab"})
    assert start_pairs(r"a(b)(?:\1)") == frozenset({"ab"})
    assert start_filter(["x", r"\w"]) is None
    assert start_pairs("a{0,3}b") == frozenset({"aa", "ab", "b"})
    assert start_pairs("(?:ab)*c") == frozenset({"ab", "c"})
    assert start_pairs("a(?=x)") == frozenset({"a"})
    assert re.search(pairs_filter([]), "abc") is None
    with pytest.raises(ValueError, match="empty"):
        pairs_filter([""])


# --------------------------------------------------------------------------- legal


_NEGATOR = re.compile(f"{legal._NEGATOR_ZH}|{legal._NEGATOR_EN}")


def _is_negated_reference(text: str, start: int, window: int = 10) -> bool:
    """is_negated as it was: character loops."""
    if start > 0 and text[start - 1].isascii():
        window = max(window, 24)
    lo = max(0, start - window)
    for i in range(start - 1, lo - 1, -1):
        if text[i] in legal._CLAUSE_CHARS:
            lo = i + 1
            break
    if _NEGATOR.search(text[lo:start]) is not None:
        return True
    a = max(0, start - legal._SENTENCE_WINDOW)
    for i in range(start - 1, a - 1, -1):
        if text[i] in legal._SENTENCE_CHARS:
            a = i + 1
            break
    b = min(len(text), start + legal._SENTENCE_WINDOW)
    for i in range(start, b):
        if text[i] in legal._SENTENCE_CHARS:
            b = i
            break
    return legal._WARNING.search(text, a, b) is not None


def test_is_negated_equals_reference() -> None:
    rnd = random.Random(11)
    texts = _random_texts(600, 5) + _corpus()
    texts += [
        "凡要求您转账到安全账户的，都是诈骗",
        "任何人要求冻结您账户都是骗子。冻结",
        "never freeze",
    ]
    for text in texts:
        for start in range(len(text) + 1):
            for window in (10, rnd.randint(0, 30)):
                assert legal.is_negated(text, start, window) == _is_negated_reference(
                    text, start, window
                ), (text, start, window)


_FACT_REGEX = regex.compile("|".join(f"({p})" for _, _, p in legal._FACTS))


def _facts_reference(text: str) -> list[tuple[int, int, int]]:
    return [
        (m.lastindex, m.start(), m.end())
        for m in _FACT_REGEX.finditer(text)
        if m.lastindex is not None
    ]


def test_fact_matches_equal_the_whole_alternation() -> None:
    for text in _random_texts(4000, 9) + _corpus():
        assert list(legal._fact_matches(text)) == _facts_reference(text), text


def test_fact_gate_covers_every_fact() -> None:
    # The gate is a speed-up only: every fact match holds one of its words.
    for text in _random_texts(4000, 13) + _corpus():
        for _, a, b in _facts_reference(text):
            assert legal._FACT_GATE.search(text[a:b]) is not None, text[a:b]


# --------------------------------------------------------------------------- parse()


@pytest.mark.parametrize("text", _corpus()[::3])
def test_parsed_message_equals_validated_one(text: str) -> None:
    p = parse(text, sender="95588")
    again = type(p)(**dict(p.__dict__))
    assert p == again
    assert list(p.__dict__) == list(again.__dict__)
    assert p.model_fields_set == again.model_fields_set
    assert p.model_dump_json() == again.model_dump_json()


def _locale_reference(text: str) -> str:
    for ch in text[:2000]:
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
            return "zh-CN"
    return "en-US" if any(c.isascii() and c.isalpha() for c in text[:2000]) else "zh-CN"


def test_guessed_locale_equals_reference() -> None:
    from smscheck.parser import resolve_locale

    rnd = random.Random(5)
    pool = list("aZ1éßıK\u3400\u4dbf\u4e00\u9fff\u33ff\u4dc0\ua000【,! \n")
    texts = ["", " " * 2000 + "中", "1" * 1999 + "a", "1" * 2000 + "a", *_corpus()]
    texts += ["".join(rnd.choice(pool) for _ in range(rnd.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        assert resolve_locale(text, None) == _locale_reference(text), text


# --------------------------------------------------------------------------- debt

_EN_SOURCES = {
    "debt": r"\b(?:overdue|past due|debt|collections?|repay\w*|outstanding balance|minimum payment)\b",
    "legal": r"\b(?:court|lawsuit|attorney|legal action|summons|warrant|subpoena|arrest)\b",
    "pay": r"\b(?:pay|payment|wire|transfer|gift ?cards?|send money)\b",
    "code": r"\b(?:verification code|OTP|security code|one[- ]time (?:pass)?code|your code is)\b",
    "marketing": r"\b(?:offer|promo\w*|discount|free|congratulations|winner|pre-?approved)\b",
    "unsub": r"\b(?:reply stop|unsubscribe|opt out)\b",
}


def _en_texts() -> list[str]:
    rnd = random.Random(17)
    words = [
        w
        for src in _EN_SOURCES.values()
        for w in re.sub(r"\\[bw]|\(\?:|\)|\?|\*|\[- \]", " ", src).split("|")
    ]
    pieces = [*words, "x", "_", "9", " ", "-", "中", "é", "K", "\u212a", "\u0130", "\n", "s", "ING"]
    out = []
    for _ in range(6000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        out.append(t.upper() if rnd.random() < 0.2 else t)
    return out + _corpus()


def test_english_cues_equal_their_sources() -> None:
    from smscheck.parser import debt

    cues = {
        "debt": debt._DEBT_CUE,
        "legal": debt._LEGAL_CUE,
        "pay": debt._PAY_CUE,
        "code": debt._CODE_CUE,
        "marketing": debt._MARKETING_CUE,
        "unsub": debt._UNSUB_CUE,
    }
    sources = {k: re.compile(v, re.IGNORECASE | re.ASCII) for k, v in _EN_SOURCES.items()}
    for text in _en_texts():
        found = {k: p.search(text) is not None for k, p in sources.items()}
        for k, cue in cues.items():
            assert (cue[1].search(text) is not None) == found[k], (k, text)
        assert (debt._ANY_EN_CUE.search(text) is not None) == any(found.values()), text
        if text.isascii():
            assert all(cue[0].search(text) is None for cue in cues.values())


def test_cue_lists_are_checked() -> None:
    from smscheck.parser import debt

    with pytest.raises(ValueError, match="non-ASCII"):
        debt._cue("ab|中", r"\b(?:a)\b")
    with pytest.raises(ValueError, match="English cue is"):
        debt._cue("中", r"(?:a)")
    with pytest.raises(ValueError, match="start with a letter"):
        debt._cue("中", r"\b(?:a|1b)\b")


def test_overdue_gate_keeps_every_english_match() -> None:
    from smscheck.parser import debt

    for text in ["3 DAYS past due", "3 dAyS overdue", "5 days late", *_en_texts()]:
        if "逾期" not in text and debt._DAY.search(text) is None:
            assert debt._OVERDUE_RE.search(text) is None, text


def test_product_trie_equals_sorted_alternation() -> None:
    from smscheck.parser import debt

    words = sorted((w for w, _ in debt._PRODUCTS if not w.isascii()), key=lambda w: -len(w))
    flat = re.compile("|".join(re.escape(w) for w in words))
    rnd = random.Random(2)
    for _ in range(2000):
        text = "".join(rnd.choice([*words, "京", "东", "金", "分"]) for _ in range(6))
        assert [m.span() for m in flat.finditer(text)] == [
            m.span() for m in debt._PRODUCT_RE.finditer(text)
        ]


def test_english_products_equal_their_source() -> None:
    from smscheck.parser import debt

    source = re.compile(
        "|".join(
            rf"\b{re.escape(w)}s?\b"
            for w, _ in sorted(debt._PRODUCTS, key=lambda p: -len(p[0]))
            if w.isascii()
        ),
        re.IGNORECASE | re.ASCII,
    )
    rnd = random.Random(23)
    pieces = ["credit card", "personal loan", "student loan", "loan", "s", "S", " ", "x", "_"]
    pieces += ["LOAN", "Card", "credit", "中", "1"]
    texts = ["".join(rnd.choice(pieces) for _ in range(5)) for _ in range(4000)] + _corpus()
    for text in texts:
        assert [m.span() for m in source.finditer(text)] == [
            m.span() for m in debt._PRODUCT_EN_RE.finditer(text)
        ], text


def test_english_negator_needs_n_d_or_w() -> None:
    import sys

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    firsts = set(re.findall("(?i:n|d|w)", every))
    assert firsts == set(re.findall(legal._NEGATOR_EN_HINT, every))
    assert firsts == {"n", "N", "d", "D", "w", "W"}


def test_spans_are_shared_values() -> None:
    from smscheck.parser._context import make_span

    a, b = make_span(3, 5), make_span(3, 5)
    assert a is b
    assert a == type(a)(start=3, end=5)
    assert a.model_fields_set == {"start", "end"}


def test_case_gate_keeps_every_case_number() -> None:
    import sys

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    # What regex calls a digit, re does too, or it lies outside the BMP.
    extra = set(regex.findall(r"\d", every)) - set(re.findall(r"\d", every))
    assert all(ord(c) > 0xFFFF for c in extra)
    for text in [*_corpus(), "(2024)京0105民初12345-1号", "（２０２４）京0105民初１号"]:
        from smscheck._text import normalize

        norm = normalize(text).text
        if legal._case_re().search(norm) is not None:
            assert legal._CASE_GATE.search(norm) is not None, text


def test_case_pattern_groups_in_the_order_read() -> None:
    # _case_number unpacks m.groups() in this order.
    assert list(legal._case_re().groupindex) == [
        "open",
        "year",
        "close",
        "h1",
        "d1",
        "h2",
        "serial",
    ]
    assert legal._case_re().groups == 7


def _name_start_reference(text: str, end: int, max_len: int, floor: int = 0) -> int:
    i = end
    lo = max(floor, end - max_len)
    while i > lo:
        ch = text[i - 1]
        if not ("\u4e00" <= ch <= "\u9fff") or ch in legal._STOP:
            break
        if ch == "和" and text[i : i + 1] != "平":
            break
        i -= 1
    if 0 < i < end and text[i - 1 : i + 1] in legal._LEAD_VERBS:
        i += 1
    while i + 2 < end and text[i : i + 2] in legal._LEAD_VERBS:
        i += 2
    return i


def test_name_start_equals_reference() -> None:
    rnd = random.Random(29)
    pool = list("和平天津区市的在您登录打开京东金融a1\u4e00\u9fff\u3400，。 \U00020000")
    for _ in range(4000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 16)))
        for end in range(len(text) + 1):
            max_len, floor = rnd.randint(0, 16), rnd.randint(0, len(text))
            assert legal.name_start(text, end, max_len, floor) == _name_start_reference(
                text, end, max_len, floor
            ), (text, end, max_len, floor)


def test_overdue_chinese_pattern_alone_without_day() -> None:
    from smscheck.parser import debt

    rnd = random.Random(31)
    pool = [*"逾期天数已经超过第三十1 2日个:", "day", "days", "DAY", "past due", "late", "如"]
    texts = ["".join(rnd.choice(pool) for _ in range(rnd.randint(0, 10))) for _ in range(5000)]
    for text in texts + _corpus():
        if debt._DAY.search(text) is None:
            assert [(m.span(), m["n"]) for m in debt._OVERDUE_RE.finditer(text)] == [
                (m.span(), m["n"]) for m in debt._OVERDUE_ZH_RE.finditer(text)
            ], text


def test_debt_words_equal_their_source() -> None:
    from smscheck.parser import debt

    source = re.compile(
        r"欠款|借款|还款|应还|待还|未还|逾期|欠费|拖欠|账单|贷款|白条|金条|借呗|花呗|信用卡|分期|额度|"
        r"[Dd]ebt|[Ll]oan|[Oo]verdue|[Rr]epay|[Bb]alance"
    )
    rnd = random.Random(37)
    pool = ["Debt", "debt", "DEBT", "loan", "Loan", "overdue", "Repay", "balance", "还款", "x"]
    texts = ["".join(rnd.choice(pool) for _ in range(5)) for _ in range(2000)] + _corpus()
    for text in texts:
        assert [m.span() for m in source.finditer(text)] == [
            m.span() for m in debt._DEBT_WORD_RE.finditer(text)
        ]
