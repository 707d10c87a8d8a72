"""Property tests: any str gives a valid, deterministic result whose spans point into the text."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import smscheck
from smscheck.checker import default_checker
from smscheck.models import ParsedMessage, Span, Summary, Verdict

AT = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))

# Text built from the pieces that matter here, plus anything at all.
PIECES = st.sampled_from(
    [
        "【京东金融】", "[建设银行]", "律师函", "法院", "传票", "逾期", "3天", "1,234.56元", "¥5000",
        "伍仟元整", "12月20日前", "24小时内", "微信", "薇 信", "vx", "加V", "QQ", "13812345678",
        "95118", "106980095533", "(2024)京0105民初12345号", "2025民初0123号", "http://", "https://",
        "jd.com", "3.cn/1t8Xd-pB", "xyz-pay.cn", ".", "/", "尾号1234", "6222021234567890123",
        "个人账户", "保证金", "解冻费", "拘留", "上门", "退订", "\u200b", "\u202e", "\ud800", "\x00",
        "🙂", "\u0301", "【", "】", "[", "]", "(", "（", "）", " ", "\n", "一三八", "①", "Ｖ",
        "deposİt", "mınimum payment", "fee", "İ", "ı", "ſ", "\u212a", "$300", "USD 50", "due",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join),
)
SENDERS = st.one_of(
    st.none(),
    st.sampled_from(["95118", "13812345678", "106980095533", "+852 6123 4567", "100860", "", "x"]),
    st.text(max_size=30),
)


def _spans_of(obj: object) -> list[tuple[Span, str | None]]:
    """Every (span, text) pair inside a result model, recursively."""
    found: list[tuple[Span, str | None]] = []
    if isinstance(obj, tuple):
        for x in obj:
            found += _spans_of(x)
    elif isinstance(obj, BaseModel):
        span = getattr(obj, "span", None)
        if isinstance(span, Span):
            found.append((span, getattr(obj, "text", None)))
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, (tuple, BaseModel)):
                found += _spans_of(value)
    return found


def _assert_spans_inside(text: str, result: ParsedMessage | Verdict) -> None:
    for span, piece in _spans_of(result):
        assert 0 <= span.start <= span.end <= len(text), (span, len(text))
        if piece is not None:
            assert result_text(result)[span.start : span.end] == piece, (span, piece)


def result_text(result: ParsedMessage | Verdict) -> str:
    return result.text if isinstance(result, ParsedMessage) else result.parsed.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, sender=SENDERS)
def test_parse_any_text_spans_slice_to_their_text(text: str, sender: str | None) -> None:
    p = smscheck.parse(text, sender=sender, received_at=AT)
    assert len(p.text) == len(text)
    _assert_spans_inside(text, p)
    assert ParsedMessage.model_validate_json(p.model_dump_json()) == p


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, sender=SENDERS)
def test_check_any_text_is_valid_and_deterministic(text: str, sender: str | None) -> None:
    v = smscheck.check(text, sender=sender, received_at=AT)
    assert v.label in tuple(smscheck.Label)
    assert v.score == sum(h.weight for h in v.hits)
    _assert_spans_inside(text, v)
    assert smscheck.check(text, sender=sender, received_at=AT) == v
    assert Verdict.model_validate_json(v.model_dump_json()) == v


def test_check_huge_single_character_and_nested_brackets() -> None:
    for text in ("微" * 1_000_000, "【" * 100_000 + "】" * 100_000, "((((" * 50_000):
        v = smscheck.check(text, received_at=AT)
        _assert_spans_inside(text, v)


def test_property_verdicts_do_not_depend_on_the_hash_seed() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import hashlib, sys, yaml, smscheck, datetime as d\n"
        "at = d.datetime(2024, 12, 13, 20, 46, tzinfo=d.timezone(d.timedelta(hours=8)))\n"
        "h = hashlib.sha256()\n"
        "for name in ('zh-CN.yaml', 'en-US.yaml'):\n"
        "    for c in yaml.safe_load(open(sys.argv[1] + '/' + name, encoding='utf-8'))['cases']:\n"
        "        v = smscheck.check(c['text'], sender=c.get('sender'), received_at=at)\n"
        "        h.update(v.model_dump_json().encode())\n"
        "print(h.hexdigest())\n"
    )
    cases = str(Path(__file__).parent / "cases")
    digests = {
        subprocess.run([sys.executable, "-c", code, cases], capture_output=True, text=True,
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "2")
    }  # fmt: skip
    assert len(digests) == 1


# Any str at all, lone surrogates included (st.text() leaves them out by default).
ANY_STR = st.text(alphabet=st.characters(exclude_categories=()), max_size=60)
ANY_TEXT = st.one_of(ANY_STR, st.lists(st.one_of(PIECES, ANY_STR), max_size=20).map("".join))
# Every offset datetime.timezone accepts: strictly inside ±24 h, to the microsecond.
ANY_OFFSET = st.timedeltas(
    min_value=-timedelta(hours=24) + timedelta(microseconds=1),
    max_value=timedelta(hours=24) - timedelta(microseconds=1),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, sender=st.one_of(st.none(), ANY_STR), offset=ANY_OFFSET)
def test_any_str_and_any_offset_round_trip_through_json(
    text: str, sender: str | None, offset: timedelta
) -> None:
    at = datetime(2024, 12, 13, 20, 46, 5, 123, tzinfo=timezone(offset))
    for locale in ("zh-CN", "en-US"):
        v = smscheck.check(text, sender=sender, received_at=at, locale=locale)
        back = Verdict.model_validate_json(v.model_dump_json())
        assert back == v
        assert back.parsed.received_at.utcoffset() == offset
        # Equal datetimes may differ in offset: compare the offsets too.
        assert [(d.start.utcoffset(), d.end.utcoffset()) for d in back.parsed.dates] == [
            (d.start.utcoffset(), d.end.utcoffset()) for d in v.parsed.dates
        ]
        s = default_checker().summarize(text, sender=sender, received_at=at, locale=locale)
        assert Summary.model_validate_json(s.model_dump_json()) == s
        p = v.parsed
        assert ParsedMessage.model_validate_json(p.model_dump_json()) == p
        # One policy for every string: lone surrogates become U+FFFD one for one.
        assert p.text == _fffd(text)
        assert len(p.text) == len(text)
        assert p.sender.raw == (None if sender is None else _fffd(sender))
        _assert_spans_inside(text, v)


def _fffd(s: str) -> str:
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)


# ---- linear time by construction: the static analysis of bench/linearity.py


@functools.cache
def _linearity() -> Any:
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "linearity.py"
    spec = importlib.util.spec_from_file_location("smscheck_bench_linearity", path)
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("pattern", "kind"),
    [
        (r"(a+)+$", "nested"),
        (r"(?:\d*x\d*)*y", "nested"),
        (r"(a|aa)*b", "alternation"),
        (r"(?:\d{1,3},?)*x", "alternation"),
        # The overdue-days words before the fix (issue 13: 2^n splits of 已达 * n).
        (
            r"逾期(?:已经|已|了|已达|达到|达|超过|已超过|超|长达|将近|近|第|共|累计)*[:\s]*\d+天",
            "alternation",
        ),
        (r"\d+\.?\d*x", "adjacent"),
        (r"\s*(?:个)?\s*天", "adjacent"),
        (r"[vV]\s*[/.]?\s*[xX]", "adjacent"),
        (r"(?i:\s+in\s+)", None),
        (r"(?:\d+,)*\d+", None),
        (r"(?:ab|a)*c", None),
        (r"(?:a++)+b", None),
        (r"\d+(?:[ \-]\d+)*", None),
        (r"逾期(?:已经?|了|达到?|超过?|长达|将近|近|第|共|累计)*[:\s]*\d+天", None),
        (r"[vV]\s*(?:[/.]\s*)?[xX]", None),
        (r"[^\p{Han}\s]+\p{Han}+", None),
        (r"\p{Han}+[^\P{Han}年]+", "adjacent"),
    ],
)
def test_static_analysis_names_super_linear_shapes(pattern: str, kind: str | None) -> None:
    found = _linearity().static_risks(pattern)
    assert [f.split(":")[0] for f in found][:1] == ([kind] if kind else [])


def test_parser_patterns_backtrack_in_linear_time_by_construction() -> None:
    """No parser pattern has nested repeats, a repeated alternation whose words split a text
    two ways, or two adjacent repeats over overlapping classes (issue 13)."""
    lin = _linearity()
    patterns = lin.parser_patterns()
    assert len(patterns) > 100  # every module-level and compiled-on-first-use pattern
    found = {name: risks for name, p in patterns if (risks := lin.static_risks(p.pattern, p.flags))}
    assert found == {}


def test_masked_callback_number_pattern_cannot_rescan_a_run() -> None:
    """The masked-callback pattern (0411—395675xx) must fail fast inside a run of digit groups:
    with unbounded groups, "请致电 12 12 12 … x" made every group a start that ran to the end
    (48,000 characters took minutes). The scan analysis names that shape; bounded groups have
    none."""
    from smscheck.parser.contacts import _MASKED_NUMBER

    lin = _linearity()
    assert lin.static_risks(_MASKED_NUMBER.pattern, _MASKED_NUMBER.flags, scan=True) == []
    unbounded = _MASKED_NUMBER.pattern.replace(r"\d{2,12}", r"\d{2,}").replace(
        r"\d{1,12}){0,3}", r"\d+)*"
    )
    assert unbounded != _MASKED_NUMBER.pattern
    assert lin.static_risks(unbounded, _MASKED_NUMBER.flags, scan=True) != []
