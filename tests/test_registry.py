"""Tests for the registry of official channels (rules/registry/ and smscheck.registry)."""

from __future__ import annotations

import importlib.util
import os
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from smscheck._text import normalize
from smscheck.errors import RuleSetError
from smscheck.models import Link, Organisation, ParsedMessage, PhoneNumber, Sender, Signature, Span
from smscheck.registry import Registry
from smscheck.registry import _names as registry_mod

ROOT = Path(__file__).resolve().parent.parent
VCARDS = Path("/work/shared/data/vcards")
AT = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load(ROOT / "rules" / "registry")


def msg(text: str, **fields: object) -> ParsedMessage:
    return ParsedMessage(
        text=text,
        normalized=normalize(text).text,
        locale="zh-CN",
        received_at=AT,
        **fields,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- shipped data


def test_registry_shipped_loads_with_required_coverage(reg: Registry) -> None:
    required = {
        # JD, the six large state banks, ten largest joint-stock banks
        "jd-finance", "icbc", "abc", "boc", "ccb", "bocom", "psbc",
        "cmb", "cib", "citic", "spdb", "cmbc", "ceb", "pingan-bank", "hxb", "cgb", "czbank",
        # consumer finance and loan platforms
        "mucfc", "msxf", "duxiaoman", "ant-group", "webank", "meituan", "douyin",
        # courts, regulators, credit bureau, carriers, anti-fraud
        "courts", "nfra", "pboc", "csrc", "pbccrc",
        "china-mobile", "china-unicom", "china-telecom", "anti-fraud-96110", "report-12321",
    }  # fmt: skip
    assert required <= {e.id for e in reg.entries}
    assert len(reg.entries) >= 100


def test_registry_default_is_cached() -> None:
    assert Registry.default() is Registry.default()


def test_registry_every_fact_has_a_source(reg: Registry) -> None:
    for e in reg.entries:
        sourced = {(field, f.value) for field, f in e.facts}
        plain = (
            [("senders", v) for v in e.senders]
            + [("numbers", v) for v in e.numbers]
            + [("sender_patterns", v) for v in e.sender_patterns]
            + [("signatures", v) for v in e.signatures]
            + [("domains", v) for v in e.domains]
            + [("short_domains", v) for v in e.short_domains]
            + [("domain_patterns", v) for v in e.domain_patterns]
            + [("lookalike_tokens", v) for v in e.lookalike_tokens]
            + ([("hotline", e.hotline)] if e.hotline else [])
        )
        for item in plain:
            assert item in sourced, (e.id, item)
        for field, f in e.facts:
            assert f.source, (e.id, field, f.value)
            assert all(s.strip() for s in f.source), (e.id, field, f.value)
            if f.confidence == "confirmed":
                assert any(
                    "http://" in s or "https://" in s or s.startswith("vcards:data/")
                    for s in f.source
                ), (e.id, field, f.value, f.source)
            else:
                assert any(s.startswith("unverified") or "http" in s for s in f.source)


def test_registry_hotlines(reg: Registry) -> None:
    assert reg.hotline("jd-finance") == "95118"
    assert reg.hotline("ccb") == "95533"
    assert reg.hotline("courts") == "12368"
    assert reg.hotline("nfra") == "12378"
    assert reg.hotline("no-such-org") is None


@pytest.mark.skipif(not VCARDS.is_dir(), reason="needs /work/shared/data/vcards")
def test_registry_vcards_facts_match_the_data() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_registry_from_vcards", ROOT / "bench" / "build_registry_from_vcards.py"
    )
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.check(VCARDS) == []


# --------------------------------------------------------------------------- senders

SENDERS = [
    ("95533", "ccb", True),
    ("106980095533", "ccb", True),
    ("+86 95533", "ccb", True),
    ("1069012395533", "ccb", True),  # an unlisted 106 code that embeds 95533
    ("95533", "icbc", False),
    ("13812345678", "ccb", False),
    ("12368", "courts", True),
    ("106352712368", "courts", True),
    ("1069012312368", "courts", True),
    ("13812345678", "courts", False),
    ("95118", "jd-finance", True),
    ("1069000095118", "jd-finance", True),
    ("4000888816", "jd-finance", False),  # a voice line of JD Pay, not an SMS sender
    ("10693495555", "cmb", True),
    ("1068409096200000003", "douyin", True),
    ("1069097095528", "boc", True),  # listed exactly, so not re-attributed to 浦发 by suffix
    ("1069097095528", "spdb", True),  # also carries 【浦发银行】 (AutoResource issue 133)
    ("100860", "china-mobile", False),  # look-alike of 10086
    ("10086", "china-mobile", True),
    ("96110", "anti-fraud-96110", True),
    ("+85295533", "ccb", False),
    ("", "ccb", False),
]


@pytest.mark.parametrize(
    ("sender", "org", "expected"), SENDERS, ids=[f"{s or 'empty'}-{o}" for s, o, _ in SENDERS]
)
def test_registry_is_official_sender(reg: Registry, sender: str, org: str, expected: bool) -> None:
    assert reg.is_official_sender(sender, org) is expected
    assert reg.is_official_sender(Sender(raw=sender), org) is expected


def test_registry_sender_orgs_personal_mobile_is_nobody(reg: Registry) -> None:
    assert reg.sender_orgs("13812345678") == ()
    assert reg.sender_orgs(Sender(raw="13812345678", digits="13812345678", kind="cn_mobile")) == ()
    assert reg.sender_orgs(None) == ()


def test_registry_sender_uses_parsed_digits_and_embedded_service(reg: Registry) -> None:
    assert reg.sender_orgs(Sender(raw="+86 106980095533", digits="106980095533")) == ("ccb",)
    s = Sender(raw="10690000095599", digits="10690000095599", embedded_service="95599")
    assert reg.sender_orgs(s) == ("abc",)


def test_registry_confirmed_only_drops_unverified_sender(reg: Registry) -> None:
    assert reg.is_official_sender("1069095555", "cmb")  # low-trust blog, and embeds 95555
    assert reg.is_unverified("cmb", "senders", "1069095555")
    assert not reg.is_official_sender("1069095555", "cmb", confirmed_only=True)
    assert reg.is_official_sender("95555", "cmb", confirmed_only=True)


def test_registry_numbers_in_body(reg: Registry) -> None:
    assert reg.is_official_number("400-820-5555", "cmb")
    assert reg.is_official_number("021-38695188", "ccb")
    assert reg.is_official_number(
        PhoneNumber(text="95118", digits="95118", kind="cn_service_95", span=Span(start=0, end=5)),
        "jd-finance",
    )
    assert reg.number_orgs("13812345678") == ()


# --------------------------------------------------------------------------- domains

DOMAINS = [
    ("3.cn", "jd-finance", True),
    ("jr.jd.com", "jd-finance", True),
    ("www.jd.com", "jd-finance", True),
    ("JD.COM.", "jd-finance", True),
    ("jd.com.xyz-pay.cn", "jd-finance", False),
    ("jd-finance.top", "jd-finance", False),
    ("xjd.com", "jd-finance", False),
    ("cmbt.cn", "cmb", True),
    ("cmbchina.com", "cmb", True),
    ("ccb.com", "ccb", True),
    ("ccb.com.cn-verify.top", "ccb", False),
    ("zxfw.court.gov.cn", "courts", True),
    ("sd.court.gov.cn", "courts", True),
    ("wenshu.court.gov.cn", "courts", True),
    ("www.netcourt.gov.cn", "courts", True),
    ("sd.gdems.com", "courts", True),
    ("gdems.com", "courts", False),
    ("dzsd.hbfy.gov.cn", "courts", True),
    ("sfpt.cdfy12368.gov.cn", "courts", True),
    ("tskpfy.hebeicourt.gov.cn", "courts", True),  # the *.gov.cn court rule
    ("court.gov.cn.example.com", "courts", False),
    ("fy.gov.cn", "courts", False),  # a city, not a court
    ("court-gov.cn", "courts", False),
    ("z.douyin.com", "douyin", True),
]


@pytest.mark.parametrize(
    ("host", "org", "expected"), DOMAINS, ids=[f"{h}-{o}" for h, o, _ in DOMAINS]
)
def test_registry_is_official_link(reg: Registry, host: str, org: str, expected: bool) -> None:
    link = Link(text=host, url=f"https://{host}/x", host=host, span=Span(start=0, end=len(host)))
    assert reg.is_official_link(link, org) is expected
    assert (org in reg.domain_orgs(host)) is expected


def test_registry_domain_orgs_unknown_is_empty(reg: Registry) -> None:
    assert reg.domain_orgs("example.com") == ()
    assert reg.domain_orgs("") == ()
    assert reg.domain_orgs("https://jr.jd.com/path?q=1") == ("jd-finance",)


# --------------------------------------------------------------------------- named_in


def test_registry_named_in_signature(reg: Registry) -> None:
    text = "【京东金融】您的白条已逾期3天，应还1,234.56元。"
    sig = Signature(
        name="京东金融",
        text="【京东金融】",
        position="start",
        bracket="【】",
        span=Span(start=0, end=6),
    )
    got = reg.named_in(msg(text, signatures=(sig,)))
    assert [(m.org_id, m.via, m.text, m.span) for m in got] == [
        ("jd-finance", "signature", "【京东金融】", Span(start=0, end=6))
    ]
    assert got[0].name == "京东金融"
    assert got[0].kind == "platform"


def test_registry_named_in_text_maps_to_original_offsets(reg: Registry) -> None:
    text = "您的白 条已逾期，请尽快处理，联系[建设银行]。"
    got = reg.named_in(msg(text))
    assert [(m.org_id, m.via, m.text) for m in got] == [
        ("jd-finance", "text", "白 条"),
        ("ccb", "text", "建设银行"),
    ]
    for m in got:
        assert text[m.span.start : m.span.end] == m.text


def test_registry_named_in_accepts_normalized(reg: Registry) -> None:
    text = "您的京東白條已逾期"
    nt = normalize(text)
    got = reg.named_in(msg(text), nt)
    assert [(m.org_id, m.text) for m in got] == [("jd-finance", "京東白條")]


def test_registry_named_in_parser_organisations(reg: Registry) -> None:
    text = "北京市朝阳区人民法院通知：请于3日内到庭。"
    org = Organisation(
        name="北京市朝阳区人民法院",
        text="北京市朝阳区人民法院",
        kind="court",
        span=Span(start=0, end=10),
    )
    got = reg.named_in(msg(text, organisations=(org,)))
    assert [(m.org_id, m.via) for m in got] == [("courts", "organisation")]


NOT_NAMED = [
    ("京东方科技集团发布公告", "jd-finance"),
    ("中国银行业协会发布催收指引", "boc"),
    ("施工行为规范", "icbc"),
    ("请注意电信诈骗", "china-telecom"),
    ("平安到家", "pingan-bank"),
    ("马上消费就送积分", "msxf"),
]


@pytest.mark.parametrize(("text", "org"), NOT_NAMED, ids=[o for _, o in NOT_NAMED])
def test_registry_named_in_ignores_generic_words(reg: Registry, text: str, org: str) -> None:
    assert org not in {m.org_id for m in reg.named_in(msg(text))}


def test_registry_named_in_dedupes_keeping_first(reg: Registry) -> None:
    text = "[建设银行]您的中国建设银行信用卡，建行提醒"
    sig = Signature(
        name="建设银行",
        text="[建设银行]",
        position="start",
        bracket="[]",
        span=Span(start=0, end=6),
    )
    got = reg.named_in(msg(text, signatures=(sig,)))
    assert [(m.org_id, m.via) for m in got] == [("ccb", "signature")]


def test_registry_by_name_and_signature_orgs(reg: Registry) -> None:
    assert reg.signature_orgs("建设银行") == ("ccb",)
    assert reg.signature_orgs("工行") == ("icbc",)  # exact-only alias
    assert reg.signature_orgs("客服通知") == ()
    entry = reg.by_name("白条")
    assert entry is not None
    assert entry.id == "jd-finance"


def test_registry_court_kind_accepts_courts_channels() -> None:
    r = Registry.from_yaml(
        textwrap.dedent(
            """
            organisations:
              - id: courts
                name: 人民法院
                name_en: People's Courts
                kind: court
                senders: [{value: "12368", source: "https://example.org/12368"}]
                domains: [{value: "court.gov.cn", source: "https://example.org/court"}]
              - id: hangzhou-internet-court
                name: 杭州互联网法院
                name_en: Hangzhou Internet Court
                kind: court
            """
        )
    )
    assert r.is_official_sender("12368", "hangzhou-internet-court")
    assert r.is_official_link("zxfw.court.gov.cn", "hangzhou-internet-court")
    assert not r.is_official_sender("95533", "hangzhou-internet-court")


def test_registry_patterns_match_in_linear_time_by_construction() -> None:
    # Nested quantifiers are harmless under RE2 (no backtracking): these patterns would take
    # longer than the age of the universe on these inputs with a backtracking engine.
    r = Registry.from_yaml(
        GOOD_HEAD
        + '    sender_patterns:\n      - {value: "^(1+)+$", source: "https://example.org"}\n'
        + '    domain_patterns:\n      - {value: "^(a|a)*(a|a)*\\\\.cn$", source: "https://example.org"}\n'
    )
    assert r.sender_orgs("1" * 100_000 + "0") == ()
    assert r.sender_orgs("1" * 100_000) == ("demo-bank",)
    assert r.domain_orgs("a" * 100_000 + "!.cn") == ()
    assert r.domain_orgs("a" * 1000 + ".cn") == ("demo-bank",)
    assert r.domain_orgs("a\ud800.cn") == ()  # a host RE2 cannot encode matches nothing


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_registry_load_skips_named_pipes(tmp_path: Path) -> None:
    # Reading a FIFO blocks until a writer comes: only regular files are read.
    (tmp_path / "demo.yaml").write_text(
        GOOD_HEAD + '    senders: [{value: "95999", source: "https://example.org"}]\n',
        encoding="utf-8",
    )
    os.mkfifo(tmp_path / "pipe.yaml")
    assert Registry.load(tmp_path).sender_orgs("95999") == ("demo-bank",)
    with pytest.raises(RuleSetError, match="not a regular file or folder"):
        Registry.load(tmp_path / "pipe.yaml")


def test_registry_has_no_clock() -> None:
    # No lookup may depend on a clock: no timeout anywhere in the registry's code.
    folder = Path(registry_mod.__file__).parent
    for f in folder.glob("*.py"):
        assert "timeout" not in f.read_text(encoding="utf-8"), f


# --------------------------------------------------------------------------- bad files

_LINEAR = "use classes, alternatives and bounded repeats, no back-references or look-around"

GOOD_HEAD = """\
organisations:
  - id: demo-bank
    name: 演示银行
    name_en: Demo Bank
    kind: bank
"""

BAD = [
    (
        "missing-source",
        GOOD_HEAD + '    senders:\n      - {value: "95999"}\n',
        ["<bad>:7: demo-bank: senders.0.source: Field required"],
    ),
    (
        "unsourced-confirmed",
        GOOD_HEAD + '    senders:\n      - {value: "95999", source: "my cousin said so"}\n',
        [
            "<bad>:7: demo-bank: senders.0: a confirmed fact must cite a URL or "
            "vcards:data/<path>.yaml; otherwise mark it confidence: unverified"
        ],
    ),
    (
        "unquoted-number",
        GOOD_HEAD + '    senders:\n      - {value: 95999, source: "https://example.org"}\n',
        [
            "<bad>:7: demo-bank: senders.0.value: write 95999 in quotes so leading zeros "
            "and long codes survive"
        ],
    ),
    (
        "unanchored-pattern",
        GOOD_HEAD
        + '    sender_patterns:\n      - {value: "106.*95999", source: "https://example.org"}\n',
        ["<bad>:6: demo-bank: sender_patterns: pattern '106.*95999' must be anchored with ^ and $"],
    ),
    (
        "back-reference-pattern",
        GOOD_HEAD
        + '    sender_patterns:\n      - {value: "^(1)\\\\1$", source: "https://example.org"}\n',
        [
            "<bad>:6: demo-bank: sender_patterns: pattern '^(1)\\\\1$' is not in the linear-time "
            "pattern language (RE2: invalid escape sequence: \\1); " + _LINEAR
        ],
    ),
    (
        "look-around-pattern",
        GOOD_HEAD
        + '    domain_patterns:\n      - {value: "^(?!www)[a-z]+\\\\.cn$", source: "https://example.org"}\n',
        [
            "<bad>:6: demo-bank: domain_patterns: pattern '^(?!www)[a-z]+\\\\.cn$' is not in the "
            "linear-time pattern language (RE2: invalid perl operator: (?!); " + _LINEAR
        ],
    ),
    (
        "huge-repeat-pattern",
        GOOD_HEAD
        + '    sender_patterns:\n      - {value: "^(?:1{1000}){1000}$", source: "https://example.org"}\n',
        [
            "<bad>:6: demo-bank: sender_patterns: pattern '^(?:1{1000}){1000}$' is not in the "
            "linear-time pattern language (RE2: invalid repetition size: {1000}); " + _LINEAR
        ],
    ),
    (
        "domain-with-scheme",
        GOOD_HEAD
        + '    domains:\n      - {value: "https://demo.cn", source: "https://example.org"}\n',
        [
            "<bad>:6: demo-bank: domains: domain 'https://demo.cn' must be a lower-case host "
            "name (no scheme, path or dot at the end)"
        ],
    ),
    (
        "unknown-field-and-kind",
        "organisations:\n  - id: demo-bank\n    name: 演示银行\n    name_en: Demo\n    kind: shop\n"
        "    website: demo.cn\n",
        [
            "<bad>:5: demo-bank: kind: Input should be 'bank', 'consumer_finance', 'platform', "
            "'court', 'procuratorate', 'regulator', 'credit_bureau', 'carrier', 'anti_fraud', "
            "'police', 'government', 'courier' or 'insurer'",
            "<bad>:6: demo-bank: website: Extra inputs are not permitted",
        ],
    ),
    (
        "bad-id",
        "organisations:\n  - id: Demo_Bank\n    name: 演示银行\n    name_en: Demo\n    kind: bank\n",
        ["<bad>:2: Demo_Bank: id: id 'Demo_Bank' must be kebab-case (a-z, 0-9, single hyphens)"],
    ),
    (
        "duplicate-key",
        GOOD_HEAD + "    kind: court\n",
        ["<bad>:6: duplicate key 'kind'"],
    ),
    (
        "invalid-yaml",
        "organisations:\n  - id: demo\n    name: [unclosed\n",
        ["<bad>:4: invalid YAML: expected ',' or ']', but got '<stream end>'"],
    ),
    (
        "duplicate-id-in-file",
        GOOD_HEAD + GOOD_HEAD.split("\n", 1)[1],
        ["<bad>:6: demo-bank: duplicate id (first defined at <bad>:2)"],
    ),
    (
        "alias-clash",
        GOOD_HEAD
        + "    aliases: [演示]\n  - id: other-bank\n    name: 其他银行\n    name_en: Other\n"
        "    kind: bank\n    aliases: [演示]\n",
        ["<bad>:7: other-bank: alias '演示' already names 'demo-bank'"],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD, ids=[b[0] for b in BAD])
def test_registry_bad_file_reports_path_line(name: str, text: str, expected: list[str]) -> None:
    with pytest.raises(RuleSetError) as info:
        Registry.from_yaml(text, path="<bad>")
    assert str(info.value).splitlines() == expected
    assert all(e.line is not None for e in info.value.errors)


def test_registry_duplicate_id_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD_HEAD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("# second\n" + GOOD_HEAD, encoding="utf-8")
    with pytest.raises(RuleSetError) as info:
        Registry.load(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'b.yaml'}:3: demo-bank: duplicate id (first defined at {tmp_path / 'a.yaml'}:2)"
    )


def test_registry_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match="no such file or folder"):
        Registry.load([tmp_path / "nope.yaml"])


def test_registry_loads_single_files_and_lists(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD_HEAD, encoding="utf-8")
    r = Registry.load([tmp_path / "a.yaml"])
    assert [e.id for e in r.entries] == ["demo-bank"]
    entry = r.get("demo-bank")
    assert entry is not None
    assert entry.path == str(tmp_path / "a.yaml")
    assert entry.line == 2
    assert Registry.from_yaml("").entries == ()


_REG = Registry.default()
_WORDS = sorted(_REG._text_words)
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(lambda w: w[: max(1, len(w) // 2)]),
    st.sampled_from(_WORDS).map(str.upper),
    st.sampled_from(["中国", "银行", "a", "1", " ", "，", "JD", "jd", "x", "京东", "金融", "_"]),
    st.text(max_size=3),
)


@given(st.lists(_PIECES, max_size=25).map("".join).filter(lambda t: not {"İ", "ı"} & set(t)))
def test_registry_name_finder_finds_what_the_regex_finds(text: str) -> None:
    rx = regex.compile(registry_mod._alternation(_WORDS))
    assert registry_mod._NameFinder(_WORDS).find(text) == [m.span() for m in rx.finditer(text)]


def test_registry_name_finder_without_automaton_uses_the_regex(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry_mod, "_ahocorasick", None)
    finder = registry_mod._NameFinder(["京东", "京东金融", "JD"])
    assert finder.find("京东金融和jd及JDX、京东") == [(0, 4), (5, 7), (12, 14)]


def test_registry_name_finder_reads_dotted_and_dotless_i_as_i() -> None:
    # what a case-insensitive pattern does with a lower-case i (the regex would not, for an
    # upper-case I in the name): the finder is the more forgiving, never the less
    finder = registry_mod._NameFinder(["ICBC", "bitcoin", "京东"])
    assert finder.find("京东İCBC与bıtcoin") == [(0, 2), (2, 6), (7, 14)]
    reg = Registry.default()
    msg = ParsedMessage(text="İCBC提醒您还款", normalized="İCBC提醒您还款", locale="zh-CN",
                        received_at=datetime(2024, 12, 13, tzinfo=timezone.utc))  # fmt: skip
    assert [(m.org_id, m.text) for m in reg.named_in(msg)] == [("icbc", "İCBC")]
