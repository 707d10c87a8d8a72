"""Legal facts: case numbers (案号), organisations named, documents, threats, procedures.

Everything here reads the normalised text (full-width brackets are already ASCII) and reports
the ORIGINAL slice and span of what it found. Nothing here decides whether a fact is good or
bad news: a genuine 12368 notice names a court and a case number just like a forgery does.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache

import regex

from .._bytecache import byte_cache
from ..models import CaseNumber, LegalFact, LegalKind, Organisation, OrganisationKind
from ._context import MAX_ITEMS, Context, make_model
from ._trie import guarded_trie, literal_trie, pairs_filter, start_pairs

__all__ = [
    "canonical_org",
    "classify_org_name",
    "extract_case_numbers",
    "extract_legal",
    "extract_organisations",
    "is_negated",
]

# --------------------------------------------------------------------------- helpers

# A clause ends at punctuation; a negator further back does not negate what follows.
_CLAUSE_CHARS = frozenset(",，。.!！?？;；:：\n【】[]()")
_NEGATOR_ZH = r"不会|不要|切勿|请勿|勿|不得|严禁|禁止|谨防|警惕|防范|从不|绝不|从未|并非|不存在|不涉及|不需要|无需"
_NEGATOR_EN = r"(?i:(?<![a-z])(?:never|not|don't|won't)(?![a-z]))"
# The negators, searched in two halves: the Chinese words are literals (a fast scan); the English
# ones, whose lookbehind makes ``re`` try every position, need a letter n, d or w first.
_NEGATOR_ZH_RE = re.compile(_NEGATOR_ZH)
_NEGATOR_EN_RE = re.compile(_NEGATOR_EN)
_NEGATOR_EN_HINT = re.compile("(?i:[ndw])")


_SENTENCE_CHARS = frozenset("。！!？?\n；;")
_SENTENCE_WINDOW = 60
# The last clause (sentence) character of a range, found by one greedy match from its start.
_LAST_CLAUSE_CHAR = re.compile(
    "(?s:.*)[" + "".join(re.escape(c) for c in sorted(_CLAUSE_CHARS)) + "]"
)
_SENTENCE_CHAR = re.compile("[" + "".join(re.escape(c) for c in sorted(_SENTENCE_CHARS)) + "]")
_LAST_SENTENCE_CHAR = re.compile("(?s:.*)" + _SENTENCE_CHAR.pattern)
_WARNING = re.compile(
    r"(?:凡是?|任何|所有|一切|只要是?)[^。！!？?]{0,40}(?:都是|均为|均是|一律是|就是|都属于|必是|一定是)"
    r"(?:电信)?(?:诈骗|骗子|骗局)"
)


def is_negated(text: str, start: int, window: int = 10) -> bool:
    """True when a negator (不会, 切勿, 请勿, 谨防 …) precedes ``start`` in the same clause.

    Bank and police warnings ("工作人员不会要求您向安全账户转账") name the very things a
    scam asks for; they are not instructions, so extractors skip them.

    >>> t = "工作人员不会要求您转账"
    >>> is_negated(t, t.index("转账"))
    True
    >>> t = "凡要求您转账到安全账户的，都是诈骗"
    >>> is_negated(t, t.index("安全账户"))
    True
    """
    if start > 0 and text[start - 1].isascii():
        window = max(window, 24)  # English words are longer than Chinese ones
    lo = max(0, start - window)
    # Only the current clause counts: cut at the last punctuation before ``start``.
    cut = _LAST_CLAUSE_CHAR.match(text, lo, start) if start > lo else None
    if cut is not None:
        lo = cut.end()
    before = text[lo:start]
    if _NEGATOR_ZH_RE.search(before) is not None or (
        _NEGATOR_EN_HINT.search(before) is not None and _NEGATOR_EN_RE.search(before) is not None
    ):
        return True
    # "凡要求转账到安全账户的都是诈骗": a warning names the thing, and says so after it. Every
    # warning ends in 诈骗/骗子/骗局, so without a 骗 near ``start`` there is none.
    a = max(0, start - _SENTENCE_WINDOW)
    b = min(len(text), start + _SENTENCE_WINDOW)
    if text.find("骗", a, b) == -1:
        return False
    if start > a:
        cut = _LAST_SENTENCE_CHAR.match(text, a, start)
        if cut is not None:
            a = cut.end()
    if start < b:
        stop = _SENTENCE_CHAR.search(text, start, b)
        if stop is not None:
            b = stop.start()
    return _WARNING.search(text, a, b) is not None


class Ranges:
    """Ranges sorted by start, with a running maximum of ends, for overlap queries in O(log n + k).

    Scanning every claimed range for every candidate would make a long message quadratic.
    """

    __slots__ = ("_items", "_maxend", "_starts")

    def __init__(self, items: Iterable[tuple[int, int, str]]) -> None:
        self._items = sorted(items)
        self._starts = [x[0] for x in self._items]
        self._maxend: list[int] = []
        top = -1
        for _, y, _ in self._items:
            top = max(top, y)
            self._maxend.append(top)

    def overlapping(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """The ranges that overlap ``[a, b)``."""
        out: list[tuple[int, int, str]] = []
        j = bisect_left(self._starts, b) - 1
        while j >= 0 and self._maxend[j] > a:
            x, y, tag = self._items[j]
            if y > a:
                out.append((x, y, tag))
            j -= 1
        return out


# Characters that cannot start or be inside the place/name prefix of an organisation: particles,
# pronouns and verbs that precede names in running text (诉至, 向, 您的, 联系 …).
_STOP = frozenset(
    "的在至到向往于与及或请您你我他她它被将把从给为是了由对其该本此每个已如若不未并也就让"
    "使用过去来系打录拨致找问即需要可能会应当所"
)
# Verb prefixes that the backward scan can still swallow ("登录", "打开" …): stripped afterwards.
_LEAD_VERBS = frozenset(
    {
        "登录",
        "登陆",
        "打开",
        "通过",
        "使用",
        "进入",
        "前往",
        "下载",
        "联系",
        "拨打",
        "致电",
        "关注",
        "搜索",
        "访问",
        "咨询",
        "诉至",
        "移交",
        "提交",
        "递交",
        "收到",
        "来自",
        "代表",
        "委托",
        "起诉",
        "上诉",
        "申请",
        "告知",
        "转告",
        "查询",
        "还款",
    }
)


def name_start(text: str, end: int, max_len: int, floor: int = 0) -> int:
    """Scan back from ``end`` over Han characters that can belong to a name; return the start.

    The scan stops at ``floor`` (the end of the previous name), at a stop character, and at
    和 unless it starts 和平 (天津和平区).
    """
    lo = max(floor, end - max_len)
    if end <= lo:
        return end
    last = text[end - 1]
    if not ("\u4e00" <= last <= "\u9fff") or last in _STOP:
        return end  # nothing before ``end`` can be a name
    if last == "和" and text[end : end + 1] == "平":
        i = _name_start_loop(text, end, lo)  # the pattern cannot see the 平 past ``end``
    else:
        # Just after the last character before ``end`` that cannot belong to a name.
        m = _LAST_NOT_NAME.match(text, lo, end)
        i = m.end() if m is not None else lo
    # Drop verbs the scan swallowed: 登录京东金融 → 京东金融, and the 开 of 打开 when 打 stopped it.
    if 0 < i < end and text[i - 1 : i + 1] in _LEAD_VERBS:
        i += 1
    while i + 2 < end and text[i : i + 2] in _LEAD_VERBS:
        i += 2
    return i


def _name_start_loop(text: str, end: int, lo: int) -> int:
    i = end
    while i > lo:
        ch = text[i - 1]
        if not ("\u4e00" <= ch <= "\u9fff") or ch in _STOP:
            break
        if ch == "和" and text[i : i + 1] != "平":
            break
        i -= 1
    return i


# The last character that cannot be in a name (not Han, a stop character, 和 but in 和平), by one
# greedy match.
_LAST_NOT_NAME = re.compile("(?s:.*)(?:[^\u4e00-\u9fff]|[" + "".join(sorted(_STOP)) + "]|和(?!平))")


# --------------------------------------------------------------------------- case numbers

# 法〔2015〕137号 court codes: province abbreviations (内 = 内蒙古, 兵 = 兵团), 最高法, 军.
_PROVINCES = frozenset("京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新兵军")
# 专门审判代字: one character between the court code and the type code (知 = 知识产权 …).
_SPECIAL = frozenset("知环金海铁少互")
KNOWN_TYPE_CODES = frozenset(
    [
        "民初",
        "民终",
        "民申",
        "民再",
        "民特",
        "民督",
        "民撤",
        "民辖",
        "民辖终",
        "民辖监",
        "民催",
        "民抗",
        "民监",
        "民他",
        "民算",
        "民保",
        "民特监",
        "民破",
        "执",
        "执恢",
        "执保",
        "执异",
        "执复",
        "执监",
        "执协",
        "执他",
        "执清",
        "执配",
        "刑初",
        "刑终",
        "刑申",
        "刑再",
        "刑核",
        "刑更",
        "刑医",
        "刑他",
        "刑抗",
        "刑监",
        "刑没",
        "行初",
        "行终",
        "行申",
        "行再",
        "行他",
        "行审",
        "行审复",
        "行保",
        "行赔初",
        "破",
        "破申",
        "破终",
        "破监",
        "破他",
        "强清",
        "财保",
        "诉前调确",
        "诉前调书",
        "诉前调",
        "民诉前调",  # Guangdong courts' pre-litigation mediation: (2022)粤0106民诉前调1207号
        "诉保",
        "司救",
        "司惩",
        "赔",
        "委赔",
        "法赔",
        "赔他",
        "认台",
        "协外认",
        "请台送",
        "台认",
    ]
)
# Pre-2016 "字第" numbers used free court abbreviations and a few older type codes.
_LEGACY_TYPES = KNOWN_TYPE_CODES | frozenset(
    ["民", "刑", "行", "执", "经初", "经终", "民一初", "民二初", "商初", "商终"]
)

_CASE_HAN = r"[^\P{Han}年月日号时分秒点天周期个元次条张]"
_CASE_PATTERN = rf"""
    (?<![\d.])
    (?P<open>[(\[〔【])?                 # ( （ 〔 [ 【 : full-width ones are ASCII after NFKC
    (?P<year>\d{{4}})
    (?P<close>[)\]〕】])?
    (?P<h1>{_CASE_HAN}{{1,8}}?)          # court abbreviation, or the type code when it is missing
    (?P<d1>\d{{1,4}})?                   # court division digits (京0105)
    (?P<h2>{_CASE_HAN}{{1,6}})?          # [专门审判代字] + type code, or 执字第 in the old form
    (?P<serial>\d{{1,8}})
    (?:-\d{{1,4}})?
    号
    """


@cache
def _case_re() -> regex.Pattern[str]:
    """The case-number pattern, compiled on first use (~1.3 ms; few messages get past the gate)."""
    return regex.compile(_CASE_PATTERN, regex.VERBOSE)


# Every case number ends in a digit and 号. The ``regex`` scan is dear on a cold cache, so a
# stdlib one looks for that first: ``regex`` reads \d by a newer Unicode than ``re``, but every
# digit it knows that ``re`` does not is outside the BMP (tests check every code point).
_CASE_GATE = re.compile(r"[\d\U00010000-\U0010ffff]号")


def _split_court_type(han: str) -> tuple[str | None, str | None, str | None]:
    """Split the Han run between year and serial into (court, special, type); None = absent."""
    court: str | None = None
    rest = han
    if rest.startswith("最高法"):
        court, rest = "最高法", rest[3:]
    elif rest and rest[0] in _PROVINCES and rest not in KNOWN_TYPE_CODES:
        court, rest = rest[0], rest[1:]
    if not rest:
        return court, None, None
    if rest in KNOWN_TYPE_CODES:
        return court, None, rest
    if len(rest) >= 2 and rest[0] in _SPECIAL and rest[1:] in KNOWN_TYPE_CODES:
        return court, rest[0], rest[1:]
    return court, None, rest


def _case_number(ctx: Context, m: regex.Match[str]) -> CaseNumber | None:
    opening, year_text, closing, h1, d1, h2, serial = m.groups()  # one call, not seven
    year = int(year_text)
    h2 = h2 or ""
    n_brackets = (opening is not None) + (closing is not None)
    problems: list[str] = []
    legacy = False
    court_code: str | None
    type_code: str | None
    if (h1 + h2).endswith("字第") and d1 is None:
        legacy = True
        body = (h1 + h2)[:-2]
        type_code = next(
            (body[i:] for i in range(len(body)) if body[i:] in _LEGACY_TYPES),
            None,
        )
        court_code = body[: len(body) - len(type_code)] if type_code else body
        court_code = court_code or None
        if type_code is None:
            problems.append("unknown_type_code")
        if court_code is None:
            problems.append("missing_court_code")
        if year > 2015:
            problems.append("legacy_form_after_2015")
    elif d1 is not None:
        court_code = h1 + d1
        if h1 not in _PROVINCES and h1 != "最高法":
            problems.append("unknown_court_code")
        _, _, type_code = _split_court_type(h2)
        if type_code is None:
            problems.append("missing_type_code")
        elif type_code not in KNOWN_TYPE_CODES:
            problems.append("unknown_type_code")
    else:
        court, _, type_code = _split_court_type(h1 + h2)
        court_code = court
        if court is None:
            problems.append("missing_court_code")
        if type_code is None:
            problems.append("missing_type_code")
        elif type_code not in KNOWN_TYPE_CODES:
            problems.append("unknown_type_code")
    if n_brackets == 0:
        # Without brackets only keep what clearly is a case number: a known type code.
        if type_code is None or type_code not in _LEGACY_TYPES or not 1900 <= year <= 2099:
            return None
        problems.append("missing_brackets")
    if year > ctx.received_at.year:
        problems.append("future_year")
    if year < 1990:
        problems.append("year_before_1990")
    if len(serial) > 1 and serial.startswith("0"):
        problems.append("leading_zero_serial")
    elif n_brackets == 1:
        problems.append("unbalanced_brackets")
    a, b = m.span()
    original, span = ctx.item(a, b)
    return make_model(
        CaseNumber,
        {
            "text": original,
            "span": span,
            "year": year,
            "court_code": court_code,
            "type_code": type_code,
            "serial": serial,
            "legacy": legacy,
            "valid": not problems,
            "problems": tuple(problems),
        },
    )


def extract_case_numbers(ctx: Context) -> tuple[CaseNumber, ...]:
    """Find case numbers (案号) and check their parts.

    ``valid`` is True when ``problems`` is empty. Problems: ``missing_court_code``,
    ``unknown_court_code``, ``missing_type_code``, ``unknown_type_code``, ``missing_brackets``,
    ``unbalanced_brackets``, ``future_year`` (after ``received_at``), ``year_before_1990``,
    ``leading_zero_serial``, ``legacy_form_after_2015`` (字第 numbers stopped in 2016).
    Claims each range with tag ``"case"``.

    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> from smscheck._text import normalize
    >>> from datetime import datetime
    >>> ctx = Context(nt=normalize("案号（2024）京0105民初12345号"), locale="zh-CN",
    ...               received_at=datetime(2024, 12, 1, tzinfo=SHANGHAI), tz=SHANGHAI)
    >>> c = extract_case_numbers(ctx)[0]
    >>> c.court_code, c.type_code, c.serial, c.valid
    ('京0105', '民初', '12345', True)
    """
    text = ctx.text
    if "号" not in text or _CASE_GATE.search(text) is None:
        return ()
    out: list[CaseNumber] = []
    for m in _case_re().finditer(text):
        a, b = m.span()
        if ctx.overlaps(a, b):
            continue
        case = _case_number(ctx, m)
        if case is None:
            continue
        ctx.claim(a, b, "case")
        out.append(case)
        if len(out) >= MAX_ITEMS:
            break
    return tuple(out)


# --------------------------------------------------------------------------- organisations

_CREDITOR_KINDS = frozenset({"bank", "consumer_finance", "platform"})

# canonical name, kind, aliases. Aliases may carry a regex guard after a tab.
_LEXICON: tuple[tuple[str, OrganisationKind, tuple[str, ...]], ...] = (
    ("京东金融", "platform", ("京东金融", "京东白条", "京东金条", "京东数科", "京东科技", "白条", "金条")),
    ("京东", "platform", ("京东商城", "京东\t(?!方|金融|白条|金条|数科|科技)")),
    ("工商银行", "bank", ("中国工商银行", "工商银行", "工行\t(?![驶走])")),
    ("农业银行", "bank", ("中国农业银行", "农业银行", "农行")),
    ("中国银行", "bank", ("中国银行\t(?!业|保险|间)", "中行\t(?![驶走进])")),
    ("建设银行", "bank", ("中国建设银行", "建设银行", "建行")),
    ("交通银行", "bank", ("交通银行", "交行\t(?![政程驶])")),
    ("邮储银行", "bank", ("中国邮政储蓄银行", "邮政储蓄银行", "邮储银行", "邮储")),
    ("招商银行", "bank", ("招商银行", "招行")),
    ("中信银行", "bank", ("中信银行",)),
    ("浦发银行", "bank", ("上海浦东发展银行", "浦发银行", "浦发")),
    ("兴业银行", "bank", ("兴业银行",)),
    ("民生银行", "bank", ("中国民生银行", "民生银行")),
    ("光大银行", "bank", ("中国光大银行", "光大银行")),
    ("平安银行", "bank", ("平安银行",)),
    ("华夏银行", "bank", ("华夏银行",)),
    ("广发银行", "bank", ("广发银行", "广发信用卡", "广发\t(?!布|出|现|生|放|送)")),
    ("浙商银行", "bank", ("浙商银行",)),
    ("微众银行", "bank", ("微众银行", "微粒贷")),
    ("网商银行", "bank", ("网商银行",)),
    ("招联金融", "consumer_finance", ("招联消费金融", "招联金融", "招联好期贷", "招联")),
    ("马上消费金融", "consumer_finance", ("马上消费金融", "马上消费", "马上金融", "安逸花")),
    ("中银消费金融", "consumer_finance", ("中银消费金融", "中银消费")),
    ("兴业消费金融", "consumer_finance", ("兴业消费金融",)),
    ("捷信", "consumer_finance", ("捷信消费金融", "捷信金融", "捷信")),
    ("中邮消费金融", "consumer_finance", ("中邮消费金融", "中邮消费")),
    ("苏宁消费金融", "consumer_finance", ("苏宁消费金融",)),
    ("海尔消费金融", "consumer_finance", ("海尔消费金融",)),
    ("度小满", "consumer_finance", ("度小满金融", "度小满", "有钱花")),
    ("支付宝", "platform", ("蚂蚁借呗", "蚂蚁花呗", "蚂蚁金服", "蚂蚁集团", "蚂蚁消费金融", "支付宝\t(?!账)", "借呗", "花呗")),
    ("美团", "platform", ("美团月付", "美团借钱", "美团生活费", "美团")),
    ("抖音", "platform", ("抖音月付", "抖音放心借", "放心借", "抖音")),
    ("分期乐", "platform", ("分期乐",)),
    ("360借条", "platform", ("360借条", "奇富借条", "360数科")),
    ("拍拍贷", "platform", ("拍拍贷", "信也科技")),
    ("还呗", "platform", ("还呗",)),
    ("宜人贷", "platform", ("宜人贷",)),
    ("小赢卡贷", "platform", ("小赢卡贷",)),
    ("平安普惠", "platform", ("平安普惠",)),
    ("中国移动", "carrier", ("中国移动",)),
    ("中国联通", "carrier", ("中国联通",)),
    ("中国电信", "carrier", ("中国电信",)),
    ("国家反诈中心", "anti_fraud", ("国家反诈中心",)),
    ("96110", "anti_fraud", ("96110\t(?!\\d)",)),
    ("征信中心", "credit_bureau", (
        "中国人民银行征信中心", "人民银行征信中心", "人行征信中心", "央行征信中心",
        "征信管理中心", "征信中心",
    )),
    ("人民银行", "regulator", ("中国人民银行", "人民银行", "人行\t(?![道为走驶横天人])", "央行\t(?!政)")),
    ("银保监会", "regulator", ("中国银保监会", "中国银行保险监督管理委员会", "银保监会")),
    ("银监会", "regulator", ("中国银监会", "银监会")),
    ("金融监管总局", "regulator", ("国家金融监督管理总局", "国家金融监管总局", "金融监管总局")),
    ("证监会", "regulator", ("中国证监会", "证监会")),
    ("最高人民法院", "court", ("最高人民法院", "最高法院")),
    ("最高人民检察院", "procuratorate", ("最高人民检察院", "最高检")),
    ("公安部", "police", ("公安部",)),
    ("公安机关", "police", ("公安机关", "警方")),
    ("网警", "police", ("网警",)),
    ("经侦", "police", ("经侦大队", "经侦支队", "经侦")),
    ("网络仲裁", "arbitration", ("互联网金融仲裁中心", "网络仲裁委员会", "网络仲裁")),
)  # fmt: skip

_ALIAS_TO: dict[str, tuple[str, OrganisationKind]] = {}
_alias_parts: list[tuple[str, str]] = []
for _canon, _kind, _aliases in _LEXICON:
    for _alias in _aliases:
        _word, _, _guard = _alias.partition("\t")
        _ALIAS_TO[_word] = (_canon, _kind)
        _alias_parts.append((_word, _guard))
# "京东金融" must win over "京东", "蚂蚁借呗" over "借呗": longest alias first. 金条 after 黄金
# is gold, not JD (checked in _lexicon_orgs).
# As a prefix tree: the same matches as the flat alternation sorted longest first.
_LEXICON_RE = re.compile(guarded_trie(_alias_parts))
_GOLD_BEFORE = ("黄金", "足金", "投资", "金店", "购买", "回收", "克")

# Generic names: a suffix found first, then the place or firm name scanned backwards.
_SUFFIXES: tuple[tuple[str, OrganisationKind, int], ...] = (
    ("高级人民法院", "court", 10),
    ("中级人民法院", "court", 14),
    ("互联网法院", "court", 8),
    ("铁路运输法院", "court", 10),
    ("知识产权法院", "court", 8),
    ("金融法院", "court", 8),
    ("海事法院", "court", 8),
    ("人民法院", "court", 14),
    ("中院", "court", 8),
    ("法院", "court", 12),
    ("人民检察院", "procuratorate", 14),
    ("检察院", "procuratorate", 12),
    ("公安分局", "police", 10),
    ("公安局", "police", 12),
    ("公安厅", "police", 8),
    ("派出所", "police", 10),
    ("刑警大队", "police", 10),
    ("律师事务所", "law_firm", 12),
    ("律所", "law_firm", 8),
    ("仲裁委员会", "arbitration", 10),
    ("仲裁委", "arbitration", 10),
    ("仲裁院", "arbitration", 10),
    ("仲裁中心", "arbitration", 10),
    ("银保监局", "regulator", 8),
    ("银保监分局", "regulator", 8),
    ("金融监管局", "regulator", 8),
    ("金融监督管理局", "regulator", 8),
    ("反诈中心", "anti_fraud", 8),
    ("司法局", "government", 10),
    ("司法厅", "government", 8),
    ("资产管理有限公司", "collection_agency", 12),
    ("资产管理公司", "collection_agency", 12),
    ("催收公司", "collection_agency", 12),
    ("法务部", "collection_agency", 10),
    ("法务中心", "collection_agency", 10),
    ("催收中心", "collection_agency", 10),
    ("贷后管理中心", "collection_agency", 10),
    ("逾期案件处理中心", "collection_agency", 8),
    ("农村商业银行", "bank", 8),
    ("农商银行", "bank", 8),
    ("农商行", "bank", 8),
    ("村镇银行", "bank", 10),
    ("信用合作社", "bank", 8),
    ("信用社", "bank", 8),
    ("银行", "bank", 8),
    ("消费金融", "consumer_finance", 6),
)
_SUFFIX_INFO = {s: (k, n) for s, k, n in _SUFFIXES}
# As a prefix tree, longest first: the same as the flat alternation in _SUFFIXES' order, as no
# suffix comes before a longer one it begins (tests check it).
_SUFFIX_RE = re.compile(literal_trie(s for s, _, _ in _SUFFIXES))
# Suffixes that name an organisation even with no place before them.
_BARE_OK = frozenset(
    {"人民法院", "互联网法院", "人民检察院", "检察院", "公安局", "派出所", "律师事务所", "法务部",
     "逾期案件处理中心", "催收公司", "资产管理公司", "仲裁委员会", "反诈中心", "司法局"}
)  # fmt: skip
# Prefixes that make 银行/法院 generic words rather than names.
_GENERIC = (
    "手机", "网上", "网络", "电子", "个人", "企业", "对公", "商业", "开户", "发卡", "收款", "指定",
    "境外", "各大", "其他", "任何", "正规", "合作", "放款", "贷款", "相关", "当地", "各家", "所属",
    "储蓄", "直销", "持卡", "自家", "多家", "银行", "各级", "基层", "上级", "管辖", "户籍地", "处理",
    "当地", "地方", "所在地",
)  # fmt: skip
# After these a 银行/法院 suffix belongs to a longer word: 银行卡, 法院的 is fine.
_SUFFIX_GLUE = {"银行": "卡业家间", "法院": "官长"}


def canonical_org(name: str) -> tuple[str, OrganisationKind] | None:
    """Return ``(canonical name, kind)`` for a known organisation name or alias, else None.

    >>> canonical_org("中国工商银行")
    ('工商银行', 'bank')
    >>> canonical_org("白条")
    ('京东金融', 'platform')
    """
    hit = _ALIAS_TO.get(name)
    if hit is not None:
        return hit
    # (A whole-name match of _LEXICON_RE would be an alias, found just above.)
    # A signature such as 京东金融客服 or 招商银行信用卡: the longest known alias inside.
    best: tuple[str, OrganisationKind] | None = None
    best_len = 0
    for m in _LEXICON_RE.finditer(name):
        word = m.group()
        if len(word) > best_len and word in _ALIAS_TO:
            best, best_len = _ALIAS_TO[word], len(word)
    return best


def classify_org_name(name: str) -> tuple[str, OrganisationKind] | None:
    """Like :func:`canonical_org`, and also knows generic names by suffix (XX人民法院 → court).

    >>> classify_org_name("朝阳区人民法院")
    ('朝阳区人民法院', 'court')
    """
    return _classify_org_name(name)


# Signatures repeat (【京东金融】, 【中国工商银行】): remember the last few hundred names.
@byte_cache(1 << 19)
def _classify_org_name(name: str) -> tuple[str, OrganisationKind] | None:
    hit = canonical_org(name)
    if hit is not None:
        return hit
    for suffix, kind, _ in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name, kind
    return None


def _lexicon_orgs(text: str) -> list[tuple[int, int, str, OrganisationKind]]:
    found: list[tuple[int, int, str, OrganisationKind]] = []
    for m in _LEXICON_RE.finditer(text):
        word = m.group()
        a = m.start()
        if word == "金条" and text.endswith(_GOLD_BEFORE, 0, a):
            continue
        hit = _ALIAS_TO.get(word)
        if hit is None:  # pragma: no cover - every word of the pattern is an alias
            continue
        found.append((a, m.end(), hit[0], hit[1]))
        if len(found) >= MAX_ITEMS:
            break
    return found


def _generic_orgs(text: str) -> list[tuple[int, int, str, OrganisationKind]]:
    found: list[tuple[int, int, str, OrganisationKind]] = []
    prev_end = 0
    n = len(text)
    for m in _SUFFIX_RE.finditer(text):
        suffix = m.group()
        kind, max_len = _SUFFIX_INFO[suffix]
        a, b = m.span()
        glue = _SUFFIX_GLUE.get(suffix)
        if glue and b < n and text[b] in glue:
            continue
        start = name_start(text, a, max_len, prev_end)
        prev_end = b
        prefix = text[start:a]
        if prefix.endswith(_GENERIC) or prefix in _GENERIC_SET:
            if suffix in _BARE_OK:
                start, prefix = a, ""
            else:
                continue
        if not prefix and suffix not in _BARE_OK:
            continue
        if (
            (suffix == "法院" or suffix == "中院")
            and len(prefix) < 2
            and not prefix.endswith(_COURT_PLACE_END)
        ):
            continue
        found.append((start, b, text[start:b], kind))
        if len(found) >= MAX_ITEMS:
            break
    return found


_GENERIC_SET = frozenset(_GENERIC)
_COURT_PLACE_END = tuple("省市区县州旗盟")


def extract_organisations(ctx: Context) -> tuple[Organisation, ...]:
    """Find organisations named in the message, with a canonical name where one is known.

    Known creditors, regulators and carriers come from a lexicon (中国工商银行 → 工商银行,
    白条 → 京东金融); other courts, police stations, law firms, banks and collection agencies
    are found by their suffix with the place or firm name before it (北京市朝阳区人民法院).
    A name inside a longer one of another kind is dropped (人民银行 in 人民银行征信中心), except
    creditors, which are kept inside 京东金融法务部 so the creditor can still be found.

    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> from smscheck._text import normalize
    >>> from datetime import datetime
    >>> ctx = Context(nt=normalize("北京市朝阳区人民法院受理京东金融诉你一案"), locale="zh-CN",
    ...               received_at=datetime(2024, 12, 1, tzinfo=SHANGHAI), tz=SHANGHAI)
    >>> [(o.name, o.kind) for o in extract_organisations(ctx)]
    [('北京市朝阳区人民法院', 'court'), ('京东金融', 'platform')]
    """
    text = ctx.text
    if not text:
        return ()
    lex = _lexicon_orgs(text)
    generic = _generic_orgs(text)
    # Each list is sorted by start and free of overlaps (a finditer each; a generic name starts
    # at or after the previous suffix's end), so only the two together need merging.
    kept = _merge(lex, generic) if lex and generic else lex or generic
    item = ctx.item
    out = []
    for a, b, name, kind in kept:
        original, span = item(a, b)
        out.append(
            make_model(Organisation, {"name": name, "text": original, "kind": kind, "span": span})
        )
    return tuple(out)


def _merge(
    lex: list[tuple[int, int, str, OrganisationKind]],
    found: list[tuple[int, int, str, OrganisationKind]],
) -> list[tuple[int, int, str, OrganisationKind]]:
    """The lexicon's names and the generic ones together, sorted, without nested duplicates."""
    generic = []
    for g in found:
        # 中国工商银行 found both ways: the lexicon's canonical name wins.
        ga, gb, _, gkind = g
        for x in lex:
            if x[0] < gb and x[1] > ga and (gkind == x[3] or x[1] - x[0] >= gb - ga):
                break
        else:
            generic.append(g)
    items = sorted(lex + generic, key=lambda x: (x[0], -x[1]))
    kept: list[tuple[int, int, str, OrganisationKind]] = []
    # Sorted by start then longest first, so a range inside an earlier, longer one is found by
    # the running maximum of ends.
    max_end, max_span = -1, (-1, -1)
    seen: set[tuple[int, int]] = set()
    for it in items:
        a, b, _, kind = it
        inside = max_end >= b and max_span != (a, b)
        if b > max_end:
            max_end, max_span = b, (a, b)
        if inside and kind not in _CREDITOR_KINDS:
            continue
        if (a, b) in seen:
            continue
        seen.add((a, b))
        kept.append(it)
    del kept[MAX_ITEMS:]
    return kept


# --------------------------------------------------------------------------- legal facts

# kind, canonical name, pattern. Longer forms come first so 立案通知书 is a document, not 立案.
# Every alternative starts with a literal character and nothing looks behind, so the stdlib
# ``re`` engine can skip to candidate positions (5-10x faster than one big ``regex`` pass);
# the few "not after" checks are in _NOT_AFTER.
_YOU = "(?:您的?|你的?|其)?"
_YOURS = "(?:您的?|你的?|其)"
_FACTS: tuple[tuple[LegalKind, str, str], ...] = (
    # invented procedures
    ("procedure", "司法调查程序", "司法调查(?:程序)?"),
    ("procedure", "逾期案件处理中心", "逾期案件处理中心"),
    ("procedure", "互联网金融仲裁中心", "互联网金融仲裁(?:中心|委员会)?"),
    ("procedure", "网络仲裁", "网络仲裁(?:委员会|中心)?"),
    ("procedure", "户籍地司法局报备", "户籍(?:所在)?地?司法(?:局|所)(?:报备|备案)|(?:报备|备案)(?:至|到)?户籍(?:所在)?地?司法(?:局|所)"),
    ("procedure", "司法冻结程序", "司法冻结程序"),
    ("procedure", "备案调查", "备案调查"),
    # documents
    ("document", "律师函", "律[师帅][函涵凾]"),
    ("document", "传票", "法院传票|开庭传票|出庭传票|传票"),
    ("document", "起诉状", "起诉[状书]|民事起诉状"),
    ("document", "立案通知书", "立案(?:受理)?通知书?"),
    ("document", "执行通知书", "执行通知书?"),
    ("document", "应诉通知书", "应诉通知书?"),
    ("document", "判决书", "民事判决书|刑事判决书|判决书"),
    ("document", "裁定书", "民事裁定书|执行裁定书|裁定书"),
    ("document", "支付令", "支付令"),
    ("document", "失信被执行人", "失信(?:被执行人|人员|名单|人)?(?![息用])"),
    ("document", "限制高消费", "限制高?消费令?|限高令?|限消令"),
    ("document", "催收函", "催收函|催告函|催款函"),
    ("document", "法院公告", "法院公告"),
    # accusations
    ("accusation", "恶意拖欠", "恶意(?:拖欠|欠款|欠债|不还|逃债|逃废债务?|逃避债务)"),
    ("accusation", "恶意透支", "恶意透支"),
    ("accusation", "涉嫌诈骗", "涉嫌(?:信用卡|贷款|合同)?诈骗罪?|信用卡诈骗罪?|贷款诈骗罪?"),
    ("accusation", "涉嫌欺诈", "涉嫌(?:金融)?欺诈"),
    ("accusation", "骗贷", "骗贷|骗取贷款"),
    ("accusation", "套现诈骗", "套现诈骗"),
    # threats
    ("threat", "承担刑事责任", f"(?:承担|追究){_YOU}刑事(?:法律)?责任|刑事责任"),
    ("threat", "追究法律责任", f"追究{_YOU}法律责任"),
    ("threat", "强制执行", "强制执行"),
    ("threat", "起诉", "起诉(?!费)"),
    ("threat", "立案", "立案(?![庭费])"),
    ("threat", "拘留", "行政拘留|刑事拘留|司法拘留|拘留"),
    ("threat", "坐牢", "坐牢|蹲监狱|入狱"),
    ("threat", "判刑", "判刑|判处有期徒刑|有期徒刑"),
    ("threat", "逮捕", "逮捕|拘捕|抓捕"),
    ("threat", "通缉", "通缉"),
    ("threat", "限制人身自由", "限制人身自由|失去人身自由"),
    ("threat", "外访", "外访(?:小组|人员|专员)?"),
    # 送货上门 / 好礼送上门 / 免费上门 are services, not threats.
    ("threat", "上门", "(?<![送到免费货])上门(?:走访|催收|拜访|核实|调查|取证|面谈|处理|了解)?(?!安装|服务|维修|取件|取货|回收|送|配送|揽收|保养|清洗|洗车|办理|收件|测量|体检|做饭|家教)"),
    # 联系/致电 are also ordinary advice ("请联系公司客服", "遇事请联系家人"): with them the
    # family or employer must be the reader's own.
    ("threat", "通知家人", f"(?:(?:通知|告知|告诉|知会){_YOU}|(?:联系|致电|打电话给){_YOURS})(?:家人|家属|父母|配偶|亲属|爱人|老婆|老公)"),
    ("threat", "通知单位", f"(?:(?:通知|告知|告诉|发函至|发函到|知会){_YOU}|(?:联系|致电|打电话到|打到){_YOURS})(?:所在的?)?(?:工作单位|单位|公司|领导|同事|人事部?)"),
    ("threat", "通知村委", "(?:通知|告知|联系|发函至|发函到|致电)(?:您的?|你的?|当地)?(?:所在的?|户籍地的?)?(?:村委会?|村民委员会|村干部|村里)"),
    ("threat", "通知居委", "(?:通知|告知|联系|发函至|发函到|致电)(?:您的?|你的?|当地)?(?:所在的?|户籍地的?)?(?:居委会?|居民委员会|社区|街道办?)"),
    ("threat", "通知亲友", f"(?:通知|告知|联系|告诉){_YOU}(?:亲友|亲戚朋友|亲朋好友|亲戚|朋友|紧急联系人)"),
    ("threat", "通知通讯录", f"(?:通知|联系|群发|爆){_YOU}通讯录(?:联系人|好友)?"),
    ("threat", "曝光", "曝光"),
    ("threat", "影响子女", f"影响{_YOU}(?:子女|孩子|小孩|后代)|(?:子女|孩子)(?:上学|入学|升学|就业|考公|参军|政审)|政审"),
    ("threat", "冻结", f"冻结{_YOU}(?:名下)?(?:所有)?(?:银行卡|账户|帐户|资产|财产|微信|支付宝)?(?![费金])"),
    ("threat", "黑名单", "(?:列入|拉入|纳入|加入)?(?:失信)?黑名单"),
    ("threat", "征信受损", "征信(?:受损|污点|有污点|黑名单|花了|受影响|将受到影响|严重受损|不良)"),
)  # fmt: skip
# ``re`` is slow on this alternation (optional prefixes defeat its literal scan) and ``regex``
# costs ~15 µs per message, so a cheap literal gate skips messages with none of the anchors.
_FACT_GATE = re.compile(
    "司法|逾期案件|仲裁|户籍|报备|备案|律[师帅]|传票|起诉|立案|执行|应诉|判决|裁定|支付令|失信|限制|限高|限消|"
    "催收函|催告函|催款函|法院公告|恶意|涉嫌|诈骗|骗|刑事|法律责任|拘留|坐牢|监狱|入狱|判刑|徒刑|逮捕|拘捕|"
    "抓捕|通缉|人身自由|外访|上门|通知|告知|联系|告诉|知会|致电|打电话|打到|发函|群发|爆|曝光|影响|子女|孩子|政审|冻结|黑名单|征信"
)
# Faster still: the first two characters of every match of each fact (from its parse tree).
# A one-character-wide scan (_FACT_FILTER) finds the positions where a fact can start, and there
# ``re.match`` tries only the facts that can start with the two characters found, in _FACTS'
# order, so the same fact wins as in the whole alternation; a miss moves on one character, a
# hit past its end, as ``finditer`` over the whole alternation does.
_FACT_PAIRS = [start_pairs(p) for _, _, p in _FACTS]
_ALL_PAIRS = frozenset().union(*(f or () for f in _FACT_PAIRS))
_FACT_FILTER = None if any(f is None for f in _FACT_PAIRS) else re.compile(pairs_filter(_ALL_PAIRS))
# Two characters (or one) -> (pattern of the facts that can start there, their numbers in
# _FACT_OF, counted from 1), compiled on first use so import stays cheap; None when none can.
_FACT_AT: dict[str, tuple[re.Pattern[str], tuple[int, ...]] | None] = {}


def _facts_at(key: str) -> tuple[re.Pattern[str], tuple[int, ...]] | None:
    idx = tuple(
        i + 1 for i, f in enumerate(_FACT_PAIRS) if f is not None and (key in f or key[:1] in f)
    )
    found = (re.compile("|".join(f"({_FACTS[i - 1][2]})" for i in idx)), idx) if idx else None
    _FACT_AT[key] = found
    return found


def _fact_matches(text: str) -> Iterator[tuple[int, int, int]]:
    """``(fact number, start, end)`` of each match of the alternation of all facts, as
    ``finditer`` over it would give them (found faster)."""
    if _FACT_FILTER is None:  # pragma: no cover - every fact's start can be read
        whole = re.compile("|".join(f"({p})" for _, _, p in _FACTS))
        for fm in whole.finditer(text):
            if fm.lastindex is not None:
                yield fm.lastindex, fm.start(), fm.end()
        return
    pos = 0
    known = _FACT_AT
    for c in _FACT_FILTER.finditer(text):
        p = c.start()
        if p < pos:
            continue
        key = text[p : p + 2]
        if key not in _ALL_PAIRS:
            key = key[:1]
        try:
            found = known[key]
        except KeyError:
            found = _facts_at(key)
        if found is None:
            continue
        m = found[0].match(text, p)
        if m is not None and m.lastindex is not None:
            pos = m.end()
            yield found[1][m.lastindex - 1], p, pos


_FACT_OF = {i + 1: (k, n) for i, (k, n, _) in enumerate(_FACTS)}
# "not right after": 撤诉 is not 起诉 (撤起诉), 解冻结 is no freeze.
_NOT_AFTER = {"起诉": ("撤", "不"), "冻结": ("解",)}
# Threats a bank or police warning may deny ("不会冻结您的账户"): skipped when negated.
_NEGATABLE = frozenset({"threat", "accusation"})


def extract_legal(ctx: Context) -> tuple[LegalFact, ...]:
    """Find claimed legal documents, threats, invented procedures and criminal accusations.

    ``name`` is the canonical term (律师涵 → 律师函, 上门走访 → 上门), ``text`` the original
    slice. A threat inside a denial ("法院不会通过短信拘留") is skipped; 上门 in 上门安装 is not
    a threat; 律师 alone is not a document.

    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> from smscheck._text import normalize
    >>> from datetime import datetime
    >>> ctx = Context(nt=normalize("律师涵已发出，将安排外访人员上门"), locale="zh-CN",
    ...               received_at=datetime(2024, 12, 1, tzinfo=SHANGHAI), tz=SHANGHAI)
    >>> [(f.kind, f.name, f.text) for f in extract_legal(ctx)]
    [('document', '律师函', '律师涵'), ('threat', '外访', '外访人员'), ('threat', '上门', '上门')]
    """
    text = ctx.text
    if not text or _FACT_GATE.search(text) is None:
        return ()
    out: list[LegalFact] = []
    for idx, a, b in _fact_matches(text):
        kind, name = _FACT_OF[idx]
        if name in _NOT_AFTER and text.endswith(_NOT_AFTER[name], 0, a):
            continue
        if kind in _NEGATABLE and is_negated(text, a):
            continue
        original, span = ctx.item(a, b)
        out.append(
            make_model(LegalFact, {"kind": kind, "name": name, "text": original, "span": span})
        )
        if len(out) >= MAX_ITEMS:
            break
    return tuple(out)
