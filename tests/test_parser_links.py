"""Table-driven tests of link extraction (tests/cases/parser/links.yaml)."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from _parser_ctx import make_ctx
from hypothesis import given
from hypothesis import strategies as st

from smscheck.parser import links as links_module
from smscheck.parser._context import SHANGHAI
from smscheck.parser.links import extract_links, split_domain

TABLE = Path(__file__).parent / "cases" / "parser" / "links.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["cases"]
RECEIVED = datetime(2024, 12, 13, 20, 46, tzinfo=SHANGHAI)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extract_links_table(case: dict[str, Any]) -> None:
    text = case["text"]
    ctx = make_ctx(text, case.get("locale", "zh-CN"))
    links = extract_links(ctx)
    for link in links:
        assert link.text == text[link.span.start : link.span.end]
    assert len(links) == len(case["links"]), [x.text for x in links]
    for link, want in zip(links, case["links"], strict=True):
        for field, value in want.items():
            assert getattr(link, field) == value, field
    claimed = [(a, b) for a, b, tag in ctx.claimed if tag == "link"]
    assert len(claimed) == len(links)


def test_links_table_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("host", "suffix", "registrable"),
    [
        ("jd.com.xyz-pay.cn", "cn", "xyz-pay.cn"),
        ("zxfw.court.gov.cn", "gov.cn", "court.gov.cn"),
        ("a.b.jd.com.cn", "com.cn", "jd.com.cn"),
        ("gov.cn", "gov.cn", None),
        ("foo.invalidtld", None, None),
        ("abc.xn--fiqs8s", "xn--fiqs8s", "abc.xn--fiqs8s"),
        ("xn--zz-zzzz.xn--bad", None, None),
    ],
    ids=[
        "lookalike",
        "gov-cn",
        "com-cn",
        "suffix-only",
        "unknown-tld",
        "punycode-tld",
        "bad-punycode",
    ],
)
def test_split_domain(host: str, suffix: str | None, registrable: str | None) -> None:
    assert split_domain(host) == (suffix, registrable)


@pytest.mark.parametrize(
    "text",
    ["a." * 500_000, "http://" + "a" * 1_000_000, "1.2" * 300_000, "x.com/" + "%" * 1_000_000],
    ids=["dots", "long-host", "decimals", "long-path"],
)
def test_extract_links_large_input_returns_quickly(text: str) -> None:
    # Not a timing test: a generous bound that only catches quadratic behaviour.
    start = time.perf_counter()
    extract_links(make_ctx(text))
    assert time.perf_counter() - start < 5.0


def test_public_suffix_list_is_loaded_only_when_a_link_is_seen() -> None:
    code = (
        "import sys, smscheck\n"
        "from datetime import datetime, timezone\n"
        "t = datetime(2024, 1, 1, tzinfo=timezone.utc)\n"
        "smscheck.parse('本期应还1,234.56元', received_at=t)\n"
        "print('publicsuffixlist' in sys.modules)\n"
        "smscheck.parse('请登录3.cn/1t8Xd-pB还款', received_at=t)\n"
        "print('publicsuffixlist' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


_HINT_ALPHABET = [
    *"( [{<.)]}>-x1\t\n",
    "dot",
    "DOT",
    "hxxp",
    "HXXP",
    "http",
    "https",
    ":/",
    "com",
    "net",
    "top",
    "ſ",
]


@given(st.lists(st.sampled_from(_HINT_ALPHABET), max_size=20).map("".join))
def test_links_defang_hint_split_agrees_with_the_whole_pattern(text: str) -> None:
    whole = links_module._DEFANG_HINT.search(text) is not None
    assert links_module._defanged_hint(text) is whole
