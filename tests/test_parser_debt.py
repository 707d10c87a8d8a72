"""Table-driven tests for tails, overdue days, products, creditor and topics (tests/cases/parser/debt.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import regex
import yaml
from _parser_ctx import case_ctx, check_found
from hypothesis import given
from hypothesis import strategies as st

from smscheck._text import clean_input
from smscheck.models import Signature, Span
from smscheck.parser._context import Context
from smscheck.parser.debt import (
    classify_topics,
    cn_number,
    extract_overdue_days,
    extract_products,
    extract_tails,
    find_creditor,
)
from smscheck.parser.legal import extract_case_numbers, extract_legal, extract_organisations
from smscheck.parser.payments import extract_payments

TABLE = Path(__file__).parent / "cases" / "parser" / "debt.yaml"
TABLES: dict[str, list[dict[str, Any]]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def our_fields(ctx: Context) -> dict[str, Any]:
    """Run our extractors in parse() order; the other helpers' fields stay empty."""
    case_numbers = extract_case_numbers(ctx)
    tails = extract_tails(ctx)
    payments = extract_payments(ctx)
    return {
        "case_numbers": case_numbers,
        "tails": tails,
        "payment_instructions": payments,
        "organisations": extract_organisations(ctx),
        "legal": extract_legal(ctx),
        "overdue_days": extract_overdue_days(ctx),
        "products": extract_products(ctx),
        "amounts": (),
        "dates": (),
        "links": (),
        "phone_numbers": (),
        "handles": (),
        "signatures": (),
    }


def ids(section: str) -> list[str]:
    return [c["id"] for c in TABLES[section]]


@pytest.mark.parametrize("case", TABLES["tails"], ids=ids("tails"))
def test_debt_tails(case: dict[str, Any]) -> None:
    ctx = case_ctx(case)
    check_found(case, extract_tails(ctx))


@pytest.mark.parametrize("case", TABLES["overdue_days"], ids=ids("overdue_days"))
def test_debt_overdue_days(case: dict[str, Any]) -> None:
    check_found(case, our_fields(case_ctx(case))["overdue_days"])


@pytest.mark.parametrize("case", TABLES["products"], ids=ids("products"))
def test_debt_products(case: dict[str, Any]) -> None:
    check_found(case, our_fields(case_ctx(case))["products"])


def signatures(case: dict[str, Any]) -> tuple[Signature, ...]:
    out = []
    for s in case.get("signatures", []):
        text = f"【{s['name']}】"
        start = max(case["text"].find(text), 0)
        out.append(
            Signature(
                name=s["name"],
                text=text,
                position=s["position"],
                bracket="【】",
                neutral=s.get("neutral", False),
                span=Span(start=start, end=start + len(text)),
            )
        )
    return tuple(out)


@pytest.mark.parametrize("case", TABLES["creditor"], ids=ids("creditor"))
def test_debt_find_creditor(case: dict[str, Any]) -> None:
    ctx = case_ctx(case)
    fields = our_fields(ctx)
    got = find_creditor(ctx, fields["organisations"], signatures(case), fields["products"])
    assert got == case["expect"]


@pytest.mark.parametrize("case", TABLES["topics"], ids=ids("topics"))
def test_debt_topics(case: dict[str, Any]) -> None:
    ctx = case_ctx(case)
    topics = classify_topics(ctx, our_fields(ctx))
    if "expect" in case:
        assert list(topics) == case["expect"]
    for unwanted in case.get("none", []):
        assert unwanted not in topics
    assert topics
    assert "other" not in topics or topics == ("other",)


def test_debt_tables_have_enough_negatives() -> None:
    cases = [c for section in TABLES.values() for c in section]
    negatives = [c for c in cases if c.get("none") or c.get("expect", "x") is None]
    assert len(negatives) * 3 >= len(cases)


def test_debt_topics_work_with_empty_fields() -> None:
    ctx = case_ctx({"text": "您的白条已逾期3天，请转账至个人账户"})
    assert classify_topics(ctx, {}) == ("debt_collection", "payment")


def test_debt_tails_are_claimed_and_payments_keep_masked_number() -> None:
    ctx = case_ctx({"text": "请向6222****1234转账"})
    tails = extract_tails(ctx)
    pays = extract_payments(ctx)
    assert [(t.digits, t.of) for t in tails] == [("1234", "card")]
    assert [p.account_number for p in pays if p.kind == "bank_account"] == ["6222****1234"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3), ("三十", 30), ("九十", 90), ("十五", 15), ("一百二十", 120), ("两", 2),
     ("三三", None), ("", 0)],
    ids=["ascii", "thirty", "ninety", "fifteen", "one-twenty", "liang", "malformed", "empty"],
)  # fmt: skip
def test_debt_cn_number(text: str, value: int | None) -> None:
    assert cn_number(text) == value


BAD_INPUTS = [
    "",
    "\x00\x7f",
    "\udcff逾期\ud800",
    "逾期" * 3000,
    "逾期" + "九" * 3000 + "天",
    "尾号" + "1" * 5000,
    "*" * 4000 + "1234",
    "\u202e白条\u202c" * 300,
    "days " * 2000 + "past due",
]


@pytest.mark.parametrize("text", BAD_INPUTS, ids=[f"bad-{i}" for i in range(len(BAD_INPUTS))])
def test_debt_bad_input_never_raises(text: str) -> None:
    ctx = case_ctx({"text": text})
    fields = our_fields(ctx)
    clean = clean_input(text)
    for key in ("tails", "overdue_days", "products"):
        for item in fields[key]:
            assert item.text == clean[item.span.start : item.span.end]
    find_creditor(ctx, fields["organisations"], (), fields["products"])
    assert classify_topics(ctx, fields)


_MASK_ALPHABET = "xxxxX×***  --0123456789ab"


@given(st.text(alphabet=_MASK_ALPHABET, max_size=40))
def test_tails_mask_guard_keeps_every_match(text: str) -> None:
    from smscheck.parser import debt

    plain = regex.compile(debt._TAIL_MASK, regex.ASCII)
    want = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in debt._tail_mask_re().finditer(text)] == want


@pytest.mark.parametrize(
    "text", ["x" * 200_000, "5" + "x" * 200_000, " x" * 100_000, "*" * 200_000],
    ids=["x-run", "digit-then-x-run", "spaced-x", "star-run"],
)  # fmt: skip
def test_tails_long_mask_runs_return_quickly(text: str) -> None:
    import time

    t0 = time.perf_counter()
    extract_tails(case_ctx({"text": text}))
    assert time.perf_counter() - t0 < 2.0  # a hang guard, not a speed target (was quadratic)


# ---- issue 13: "逾期" + "已达" * 26 took 14 s (2^n ways to split the words before the number)

_FORMER_FILLER = "已经|已|了|已达|达到|达|超过|已超过|超|长达|将近|近|第|共|累计"
_FILLER_WORDS = ("已经", "已", "了", "已达", "达到", "达", "超过", "已超过", "超", "长达", "将近",
                 "近", "第", "共", "累计")  # fmt: skip


def _filler_branches() -> list[str]:
    """The words the current filler alternation matches, one list per branch (X? expanded)."""
    from smscheck.parser.debt import _OVERDUE_FILLER

    words = []
    for branch in _OVERDUE_FILLER.split("|"):
        if branch.endswith("?"):
            words += [branch[:-2], branch[:-1].replace("?", "")]
        else:
            words.append(branch)
    return words


def _splits(text: str, words: list[str]) -> int:
    """How many ways ``text`` splits into ``words`` (what a backtracking engine may try)."""
    ways = [1] + [0] * len(text)
    for i in range(1, len(text) + 1):
        ways[i] = sum(ways[i - len(w)] for w in words if text.endswith(w, 0, i))
    return ways[-1]


def test_parser_debt_overdue_words_split_one_way_only() -> None:
    """The work a failed match does is the number of splits: one per run, not 2^n."""
    words = _filler_branches()
    assert _splits("已达" * 26, list(_FILLER_WORDS)) == 2**26  # the former list
    assert _splits("已达" * 26, words) == 1
    # Structurally: every branch starts with its own character, and no optional second
    # character (已经? → 经) starts a branch, so the split is decided one character at a time.
    from smscheck.parser.debt import _OVERDUE_FILLER

    branches = _OVERDUE_FILLER.split("|")
    firsts = [b[0] for b in branches]
    assert len(firsts) == len(set(firsts))
    assert not {b[-2] for b in branches if b.endswith("?")} & set(firsts)


@given(st.lists(st.sampled_from((*_FILLER_WORDS, "3天", "九十天", " ", "如", "逾期")), max_size=8))
def test_parser_debt_overdue_filler_matches_what_the_former_list_did(parts: list[str]) -> None:
    """Same language, same matches: the rewrite changed the splitting, not what is found."""
    import re

    from smscheck.parser import debt

    text = "逾期" + "".join(parts)
    former = re.compile(
        debt._OVERDUE_ZH.replace(debt._OVERDUE_FILLER, _FORMER_FILLER), re.VERBOSE | re.ASCII
    )
    got = [(m.span(), m["n"]) for m in debt._OVERDUE_ZH_RE.finditer(text)]
    assert got == [(m.span(), m["n"]) for m in former.finditer(text)]


def test_parser_debt_overdue_long_run_of_words_still_reads_the_days() -> None:
    import smscheck

    p = smscheck.parse("逾期" + "已达" * 26 + "30天")
    assert [o.days for o in p.overdue_days] == [30]
    assert smscheck.parse("逾期" + "已达" * 26).overdue_days == ()
