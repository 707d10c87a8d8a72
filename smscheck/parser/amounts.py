"""Money amounts: ``1,234.56元``, ``￥500``, ``1.2万元``, ``3万5``, ``人民币伍仟元整``, ``$20``.

Shapes read (in the normalised text, so full-width digits and ￥ are already ASCII/¥):

- digits with thousands separators and decimals, a ``万/千/百万/亿/兆`` multiplier (``1.2万元``,
  ``5千元``, ``3万5``, ``177.1 亿元``), ``k``/``w``/``M``/``bn``/``million`` after ASCII digits
  (``15k元``, ``$1.2k``, ``$2.5M``, ``$3 million``), Chinese numerals everyday and 大写
  (``一万二千元``, ``壹仟贰佰叁拾肆元伍角陆分``, ``人民币伍仟元整``) and mixes of both;
- a currency before (``¥ ￥ RMB CNY 人民币 $ US$ HK$ S$ C$ A$ USD SGD € £``, and a currency's
  Chinese name: ``港币两千九百六十元`` is HKD, ``新台币50万元`` TWD, ``美元500``/``美金300元`` USD,
  ``日币9000元`` JPY) and/or after (``元 块 圆 美元 港币 日元 欧元 英镑 SGD cents dollars``…),
  a currency's name after 元 (``三万元欧元`` EUR, ``9000元日币`` JPY, ``8亿元人民币`` CNY),
  角/毛/分 after 元 or 块 (``十块三毛``), 美分 after 美元, ``50 cents`` ($0.50);
- a sum after a money word with no unit (``应还金额:1,234.56``), read in the locale's currency;
- ranges: two amounts marked ``low``/``high``. ``500-1000元``, ``500至1000元``, ``1万元--5万元``;
  a low end with no unit shares the high end's (``3至5万元`` is 30,000–50,000, ``两到三仟``
  2,000–3,000, ``10~15k元`` 10,000–15,000), one with small units but no 万/亿 shares only
  those (``一百二十到一百五十万元`` 1,200,000–1,500,000), unless sharing would put it above
  the high end (``从8500到3万``); ``三五百块``/``八九万元`` is 300–500 / 80,000–90,000.

Never an amount: a number inside a longer number (the ``56元`` of ``1,234.56元``), a number
claimed by an earlier extractor (link, case number, handle, phone, tail, card), a number right
after 尾号/单号/验证码/案号/卡号…, an 11-digit mobile number, a number longer than 30 digits, a
year or count after a currency's Chinese name (``日元2024年``), a unit after 个 (``两个亿``: not
one 亿). A placeholder (``$[AMOUNT]``, ``$XX.XX``, ``$***``) is a template's blank and is never
turned into a value: it gives no Amount (an Amount would also tell the rules "a sum is stated").
¥ is CNY (JPY only in an English message with no Chinese in it); ``$`` alone is USD.
Roles come from the words around the amount (nearest word before it in the same clause first,
then the words right after it).

Every repeat in these patterns is bounded, so each candidate reads a bounded stretch and a scan
is linear in the text (tests/test_speed_dates_scan.py checks both by construction).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Literal

from .._bytecache import byte_cache
from .._text import Normalized, fold_lower
from ..models import Amount, AmountRole, trusted
from ._context import MAX_ITEMS, Context, make_span
from ._numerals import (
    CN_DIGIT_CHARS,
    CN_NUM_CHARS,
    CN_UNIT_CHARS,
    MAX_DIGITS,
    KeywordIndex,
    parse_number,
)
from ._trie import literal_trie

__all__ = ["extract_amounts"]

_FOREIGN_TAGS = frozenset({"link", "case", "handle", "phone", "tail", "card"})

# Currency words written after the number, longest first so 美元 wins over 元.
_SUFFIX_CURRENCY: dict[str, str] = {
    "元人民币": "CNY", "元钱": "CNY", "块钱": "CNY", "人民币": "CNY", "元": "CNY", "圆": "CNY",
    "块": "CNY", "美元": "USD", "美金": "USD", "美圆": "USD", "港元": "HKD", "港币": "HKD",
    "日元": "JPY", "日圆": "JPY", "日币": "JPY", "欧元": "EUR", "英镑": "GBP", "新台币": "TWD", "台币": "TWD",
    "澳元": "AUD", "澳币": "AUD", "加元": "CAD", "加币": "CAD", "瑞士法郎": "CHF", "韩元": "KRW",
    "卢布": "RUB", "奈拉": "NGN", "新加坡元": "SGD", "新元": "SGD", "泰铢": "THB",
    "澳门元": "MOP", "澳门币": "MOP", "比特币": "XBT", "泰达币": "USDT",
    "USDT": "USDT", "USD": "USD", "CNY": "CNY", "RMB": "CNY", "HKD": "HKD", "EUR": "EUR",
    "GBP": "GBP", "JPY": "JPY", "SGD": "SGD", "CAD": "CAD", "AUD": "AUD",
    "cents": "USD", "cent": "USD", "dollars": "USD", "dollar": "USD", "bucks": "USD",
    "yuan": "CNY", "euros": "EUR", "euro": "EUR",
}  # fmt: skip
_PREFIX_CURRENCY: dict[str, str] = {
    "US$": "USD", "HK$": "HKD", "NT$": "TWD", "A$": "AUD", "C$": "CAD", "S$": "SGD",
    "人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "USD": "USD", "HKD": "HKD", "EUR": "EUR",
    "GBP": "GBP", "JPY": "JPY", "SGD": "SGD", "CAD": "CAD", "AUD": "AUD",
    "¥": "CNY", "$": "USD", "€": "EUR", "£": "GBP",
    # a currency named before the number: 港币两千九百六十元 is HKD, 美元500 is USD
    "港币": "HKD", "港元": "HKD", "新台币": "TWD", "台币": "TWD", "日币": "JPY", "日元": "JPY",
    "美元": "USD", "美金": "USD", "欧元": "EUR", "英镑": "GBP", "澳元": "AUD", "加元": "CAD",
    "韩元": "KRW", "泰铢": "THB", "卢布": "RUB", "新加坡元": "SGD",
}  # fmt: skip
# Written after 元 (三万元欧元, 9000元日币, 8亿元人民币): the currency the 元 is counted in.
_POST_CURRENCY = {
    k: v for k, v in _PREFIX_CURRENCY.items() if not k.isascii() and k not in ("¥", "€", "£")
}


def _alt(words: dict[str, str] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _fast_alt(words: list[str]) -> str:
    """Longest-first alternation behind a first-character check (much faster to scan)."""
    first = sorted({w[0] for w in words} | {w[0].upper() for w in words})
    return f"(?=[{re.escape(''.join(first))}])(?:{_alt(words)})"


# Every repeat is bounded (MAX_DIGITS = 30 digits, 10 thousands groups): a candidate then reads at
# most a few dozen characters, so a scan over ``123,123,123,…`` (a candidate after every comma,
# issue 13) stays linear instead of every candidate running to the end of the chain.
_ASCII_NUM = r"\d{1,3}(?:,\d{3}){1,10}(?:\.\d{1,30})?|\d{1,30}(?:\.\d{1,30})?"
# Whole runs only, at most 24 characters (壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元 is 15): a longer run is
# not money, and matching inside runs would make a long run quadratic.
_CN_RUN = f"(?<![{CN_NUM_CHARS}])[{CN_NUM_CHARS}]{{1,24}}(?![{CN_NUM_CHARS}])"
# A number: ASCII digits with an optional Chinese multiplier (1.2万, 3万5, 1万亿), or a run of
# Chinese numerals (一万二千, 壹仟贰佰). Both stay within a few dozen characters.
_NUM = rf"(?:{_ASCII_NUM})(?:\ ?[十百千万亿兆拾佰仟]{{1,3}}(?:\d(?![\d.]))?){{0,3}}|{_CN_RUN}"
_SUB_DIGIT = rf"(?:\d{{1,2}}|[{CN_DIGIT_CHARS}]|十|[二三四五六七八九]?十[一二三四五六七八九]?)"

# Currency words as prefix trees: the same matches (and the same backtracking order, longest
# first) as the longest-first alternations, several times faster to try.
_PRE = literal_trie(_PREFIX_CURRENCY)
_UNIT = literal_trie(_SUFFIX_CURRENCY)
# Money that starts with a digit has, right after the digit run, a separator, a multiplier or
# (after an optional space or 个) a currency word: checked before the money lookahead below,
# whose number pattern backs off through a long run (a phone number) one digit at a time.
_DIGITS_THEN = (
    rf"\d{{0,30}}[,.kKwWmMbB十百千万亿兆拾佰仟\ 个{re.escape(''.join(sorted({w[0] for w in _SUFFIX_CURRENCY})))}]"
    r"|(?!\d)"
)
_FIRST = re.escape("0123456789" + CN_NUM_CHARS + "".join(sorted({w[0] for w in _PREFIX_CURRENCY})))
# A multiplier written after ASCII digits: 15k元, $1.2k, $2.5M, 30w (万), $3 million.
_KMUL = r"(?:[kKwW]|[mM](?:n|illion)?|[bB](?:n|illion)?|\ (?:thousand|million|billion))(?![a-zA-Z])"
_KMUL_VALUE = {"k": 1000, "w": 10_000, "m": 10**6, "b": 10**9, "t": 1000}
# An amount, looked ahead for (as group "m") from a lookbehind behind a class of the characters
# one can start with: the leading class lets ``re`` skip to the next candidate in C. Search from
# the end of the previous amount, as ``finditer`` would.
_AMOUNT = re.compile(
    rf"""
    [{_FIRST}](?<=(?=(?P<m>
    (?<!\d)(?<!\d\.)                                # never inside a digit run: keeps long runs linear
    (?={_DIGITS_THEN})                            # cheap first: a digit run's next character
    (?=(?:{_PRE})|(?:{_NUM})(?:{_KMUL})?\ ?个?(?:{_UNIT}))  # money, not any number
    (?:(?P<pre>{_PRE})[ :]?)?      # ¥ / 人民币 / US$ … before the number
    (?P<num>{_NUM})
    (?P<kmul>{_KMUL})?             # 15k, $2.5M
    (?:
      \ ?个?                                         # 20个比特币
      (?P<unit>{_UNIT})
      (?P<sub>又?{_SUB_DIGIT}美分                     # 两美元又三美分
         |{_SUB_DIGIT}日本[銭钱]                      # 10日元5日本銭
         |零?{_SUB_DIGIT}[角毛](?:零?{_SUB_DIGIT}分(?!钟))?   # 伍角陆分
         |零?{_SUB_DIGIT}分(?!钟)
      )?
      (?P<zheng>整)?
      (?P<post>{literal_trie(_POST_CURRENCY)})?          # 8亿元人民币, 三万元欧元
    )?
    ))(?s:.))
    """,
    re.VERBOSE,
)
# 五角钱, 5毛钱: jiao alone only with 钱 after it (五角大楼 is the Pentagon).
_JIAO_ONLY = re.compile(
    rf"(?=[\d{CN_DIGIT_CHARS}十])(?P<num>\d{{1,2}}|[{CN_DIGIT_CHARS}]|十)(?P<u>[角毛])钱"
)
# A sum after a money word with no currency written: 应还金额:1,234.56.
_BARE_AFTER_WORD = re.compile(
    r"[应欠账还最可余信额本借逾aAbB](?<=(?=(?i:"  # class first, as _AMOUNT (a and b fold only to A and B)
    r"(?:应还(?:款)?(?:金)?额|应还|欠款(?:金额)?|账单金额|还款金额|还款额|最低还款额?|"
    r"可用余额|余额|可用额度|信用额度|额度|本金|借款金额|逾期金额|amount due|balance)"
    r"(?:为|是|共计|合计)?[ :]?"
    r"(?:\d{1,30}(?:\.\d{1,2})?\ ?(?:-|~|至|到)\ ?)?"  # 额度3-5万: the low end, read as a range
    r"(?P<num>(?:\d{1,3}(?:,\d{3}){1,10}(?:\.\d{1,2})?|\d{1,30}\.\d{1,2}|\d{1,30})"
    r"(?:[万千亿](?:\d(?![\d.]))?)?)"  # 欠款3万5, 余额1.2万
    r"(?![\d.%\-~至到万千亿百十元块])"
    r"))(?s:.))"
)
_ANY_DIGIT = re.compile(r"\d")
# A number is a digit or a Chinese numeral: without one there is no amount at all.
_ANY_NUM = re.compile(rf"[\d{CN_NUM_CHARS}]")
# _AMOUNT needs a currency word before or after the number.
_MONEY_WORD = re.compile(literal_trie(_PREFIX_CURRENCY.keys() | _SUFFIX_CURRENCY.keys()))
_RANGE_SEP = re.compile(r" ?(?:-{1,2}|~|—{1,2}|–|至|到) ?$")
_RANGE_GAP = re.compile(r" ?(?:-{1,2}|~|—{1,2}|–|至|到) ?")


@cache
def _range_low_re() -> re.Pattern[str]:
    """A number ending where a range separator starts; compiled on first use (ranges are rare)."""
    return re.compile(rf"(?:{_NUM})$")


# Words that make the number before them something else.
_NOT_MONEY_BEFORE = re.compile(
    r"(?:尾号|单号|验证码|校验码|动态码|案号|编号|卡号|账号|帐号|工号|号码|订单号|密码|"
    r"(?i:no\.?|id)|第)[ :]?$",
)
# After a currency word: 元旦, 单元, 一块儿 …
_BAD_AFTER_UNIT = {
    "元": "旦宵素月首老件器宝帅",
    "圆": "满形圈桌周心",
    "块": "儿去来走玩吃住地砖板石肉屏手表",
}
_MOBILE = re.compile(r"1[3-9]\d{9}")
# After a number that follows a currency's Chinese name, these make it a date or a count.
_NOT_MONEY_AFTER_WORD = frozenset("年月日号点时个位名人次天")

# Role keywords, longest first inside the alternation so 最低还款 wins over 还款.
_ROLE_WORDS: dict[str, AmountRole] = {
    "最低还款": "minimum", "最低应还": "minimum", "最低还": "minimum", "minimum payment": "minimum",
    "应还": "due", "欠款": "due", "待还": "due", "本期账单": "due", "账单金额": "due",
    "逾期金额": "due", "未还": "due", "需还": "due", "还款金额": "due", "还款": "due",
    "欠": "due", "amount due": "due", "owe": "due", "payment due": "due", "due": "due",
    "overdue": "due", "outstanding": "due", "unpaid": "due",
    # a bill not yet paid: "电费258.60元尚未缴纳", "应缴金额", "欠费56元" (before 缴纳 below)
    "未缴纳": "due", "尚未缴纳": "due", "未缴": "due", "待缴": "due", "应缴": "due",
    "欠费": "due", "未支付": "due", "待支付": "due", "应付": "due",
    # an instalment the creditor has not received ("本期分期款1,980元我司尚未收到"), before 收到
    "分期款": "due", "未收到": "due", "尚未收到": "due",
    "手续费": "fee", "保证金": "fee", "解冻费": "fee", "解冻金": "fee", "撤诉费": "fee",
    "认证金": "fee", "认证费": "fee", "服务费": "fee", "律师费": "fee", "验资": "fee",
    "工本费": "fee", "公证费": "fee", "咨询费": "fee", "流水": "fee", "征信修复费": "fee",
    "激活费": "fee", "会员费": "fee", "押金": "fee", "注销费": "fee", "fee": "fee",
    "deposit": "fee", "toll": "fee", "processing": "fee",
    "罚息": "penalty", "滞纳金": "penalty", "违约金": "penalty", "利息": "penalty",
    "复利": "penalty", "late fee": "penalty", "interest": "penalty", "penalty": "penalty",
    "已还": "paid", "还款成功": "paid", "成功还款": "paid", "已支付": "paid", "支付": "paid",
    "消费": "paid", "支出": "paid", "扣款": "paid", "扣除": "paid", "缴纳": "paid",
    "转账": "paid", "paid": "paid", "payment of": "paid", "charged": "paid", "spent": "paid",
    "charge of": "paid",
    "purchase": "paid",
    "到账": "received", "入账": "received", "收入": "received", "收到": "received",
    "转入": "received", "退款": "received", "放款": "received", "received": "received",
    "refund": "received",
    "余额": "balance", "balance": "balance",
    "额度": "credit_limit", "授信": "credit_limit", "可借": "credit_limit", "可贷": "credit_limit",
    "credit limit": "credit_limit",
    "奖励": "reward", "返现": "reward", "红包": "reward", "奖金": "reward", "中奖": "reward",
    "补贴": "reward", "礼金": "reward", "reward": "reward", "cashback": "reward",
}  # fmt: skip
_ROLE_RE_ZH = re.compile(literal_trie(w for w in _ROLE_WORDS if not w.isascii()))


@cache
def _role_re_en() -> re.Pattern[str]:
    """English role words, compiled on first use (a Chinese message never needs them)."""
    return re.compile(_fast_alt(list(_ROLE_WORDS)), re.IGNORECASE)


def _role(index: KeywordIndex, a: int, b: int) -> AmountRole:
    """The role from the nearest role word before ``a`` in the clause, else right after ``b``."""
    word = index.last_before(a, 16)
    if word is not None:
        role = _role_of(word)
        # "payment of $86 is due" announces a payment to make, not one made
        if role == "paid" and fold_lower(word) == "payment of":
            hit = index.after(b, 12)
            if hit is not None and _role_of(hit[2]) == "due":
                return "due"
        return role
    hit = index.after(b, 8)
    if hit is not None:
        return _role_of(hit[2])
    return "other"


def _role_of(word: str) -> AmountRole:
    """The role of a role word as matched (any case: the pattern ignores case, so 'deposİt'
    or 'mınimum' match too; :func:`fold_lower` makes them keys)."""
    got = _ROLE_WORDS.get(word)
    if got is None:
        got = _ROLE_WORDS.get(fold_lower(word), "other")
    return got


def _tidy(value: Decimal) -> Decimal:
    """1.2万 gives 12000.0: show a whole number as a whole number, keep written decimals."""
    if value == value.to_integral_value() and value.as_tuple().exponent < 0:  # type: ignore[operator]
        return value.quantize(Decimal(1))
    return value


def _sub_value(sub: str) -> Decimal | None:
    """Value of the 角/分 part after 元 (伍角陆分 → 0.56), 美分, 日本銭."""
    total = Decimal(0)
    for m in re.finditer(rf"({_SUB_DIGIT})(角|毛|美分|分|日本銭|日本钱)", sub):
        n = parse_number(m.group(1))
        if n is None:
            return None
        total += n / (10 if m.group(2) in ("角", "毛") else 100)
    return total


# The same strings (1,234.56, 5000, 伍仟) come back message after message; Decimal is immutable.
_parse_number = byte_cache(1 << 20)(parse_number)


def _currency(ctx: Context, pre: str | None, unit: str | None, post: str | None = None) -> str:
    code = _SUFFIX_CURRENCY[unit] if unit else _PREFIX_CURRENCY[pre or "¥"]
    if unit in ("元", "圆", "块"):
        if post:
            return _POST_CURRENCY[post]  # 三万元欧元 is EUR, 8亿元人民币 CNY
        if pre:
            code = _PREFIX_CURRENCY[
                pre
            ]  # 港币两千九百六十元 is HKD; US$5元 is odd: trust the symbol
    if code == "CNY" and pre == "¥" and ctx.locale == "en-US" and not _has_han(ctx.text):
        return "JPY"
    return code


def _has_han(text: str) -> bool:
    """A character of ``[\\u3400-\\u9fff]`` in ``text`` (that class is slow to compile)."""
    return any("\u3400" <= c <= "\u9fff" for c in text)


_AMOUNT_FIELDS = ("text", "value", "currency", "role", "range_part", "span")


def _amount(
    nt: Normalized,
    a: int,
    b: int,
    value: Decimal,
    currency: str,
    role: AmountRole,
    range_part: Literal["low", "high"] | None,
) -> Amount:
    """The :class:`Amount` at ``[a, b)`` of the normalised text, built without re-validation."""
    sa, sb = nt.span(a, b)
    fields = {
        "text": nt.original[sa:sb],
        "value": value,
        "currency": currency,
        "role": role,
        "range_part": range_part,
        "span": make_span(sa, sb),
    }
    return trusted(Amount, fields, set(_AMOUNT_FIELDS))


def extract_amounts(ctx: Context) -> tuple[Amount, ...]:
    """Find every money amount in the message, with its value, ISO currency and role.

    Returns:
        Amounts in text order; each one's normalised range is claimed with tag ``"amount"``.

    >>> from datetime import datetime, timezone
    >>> from smscheck._text import normalize
    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> t = "【京东金融】本期应还1,234.56元，最低还款123.46元"
    >>> c = Context(normalize(t), "zh-CN", datetime(2024, 12, 1, tzinfo=timezone.utc), SHANGHAI)
    >>> [(a.text, str(a.value), a.currency, a.role) for a in extract_amounts(c)]
    [('1,234.56元', '1234.56', 'CNY', 'due'), ('123.46元', '123.46', 'CNY', 'minimum')]
    """
    text = ctx.text
    if _ANY_NUM.search(text) is None:
        return ()
    # What earlier extractors own, then our amounts: made when a first candidate needs it.
    mask: bytearray | None = None
    found: list[tuple[int, int, Decimal, str, int]] = []  # a, b, value, currency, num_start
    pairs: dict[
        int, tuple[int, Decimal, Decimal]
    ] = {}  # 三五百块: start → (五百块's start, 300, 500)
    read: tuple[int, int, Decimal, str, int] | None
    if _MONEY_WORD.search(text) is not None:
        pos = 0
        search = _AMOUNT.search
        while (m := search(text, pos)) is not None:
            start, pos = m.span("m")
            pre, unit, num = m.group("pre", "unit", "num")
            if not pre and not unit:
                continue
            na, nb = m.span("num")
            if mask is None:
                mask = ctx.mask(_FOREIGN_TAGS)
            if "," in num and "，" in (original := ctx.nt.original):
                sa, sb = ctx.nt.span(na, nb)
                orig = original[sa:sb]
                if "，" in orig and not any("０" <= c <= "９" for c in orig):
                    # A full-width comma is punctuation, not a thousands separator: $20，300美圆
                    # is two amounts and 尾号1234，500元 is 500元.
                    cut = na + num.rindex(",")
                    if pre and (read := _read(ctx, mask, start, cut, na, cut, pre, None, None)):
                        found.append(read)
                    if unit and (
                        read := _read(ctx, mask, cut + 1, pos, cut + 1, nb, None, unit, m, True)
                    ):
                        found.append(read)
                    continue
            if read := _read(ctx, mask, start, pos, na, nb, pre, unit, m):
                found.append(read)
                if (pair := _digit_pair(num)) is not None:
                    # the high end: the value read less the digits' run (三五 → 五)
                    whole, rest = _parse_number(num), _parse_number(num[1:])
                    if whole is not None and rest is not None:
                        pairs[start] = (na + 1, pair, read[2] - whole + rest)
                if len(found) >= MAX_ITEMS:
                    break
    if found:
        assert mask is not None
        for a, b, *_ in found:
            mask[a:b] = b"\x01" * (b - a)
    # Each pass below needs a character most messages lack: skip it without a scan.
    for m in _JIAO_ONLY.finditer(text) if "钱" in text else ():
        a, b = m.span()
        if mask is None:
            mask = ctx.mask(_FOREIGN_TAGS)
        if mask.find(1, a, b) == -1 and not _glued(ctx, a):
            n = parse_number(m.group("num"))
            if n is not None:
                found.append((a, b, n / 10, "CNY", a))
                mask[a:b] = b"\x01" * (b - a)
                if len(found) >= 2 * MAX_ITEMS:
                    break
    if _ANY_DIGIT.search(text) is not None:
        pos = 0
        search = _BARE_AFTER_WORD.search
        while (m := search(text, pos)) is not None:
            a, b = m.span("num")
            pos = b
            if mask is None:
                mask = ctx.mask(_FOREIGN_TAGS)
            if mask.find(1, a, b) != -1:
                continue
            num = m.group("num")
            n = parse_number(num)
            if n is not None and not _MOBILE.fullmatch(num):
                found.append((a, b, n, "USD" if ctx.locale == "en-US" else "CNY", a))
                mask[a:b] = b"\x01" * (b - a)
                if len(found) >= 3 * MAX_ITEMS:
                    break
    if not found:
        return ()
    assert mask is not None
    found.sort()
    index = KeywordIndex(_role_re_en() if ctx.locale == "en-US" else _ROLE_RE_ZH, text)
    nt = ctx.nt
    out: list[Amount] = []
    prev_end = -1
    for a, b, value, currency, num_start in found:
        if len(out) >= MAX_ITEMS:
            break
        if a < prev_end:
            continue
        if a in pairs:
            # 三五百块 is 300 to 500 (not 3,500): 三 opens the range, 五百块 closes it.
            split, low_value, high_value = pairs[a]
            pair_role = _role(index, a, b)
            out.append(_amount(nt, a, split, low_value, currency, pair_role, "low"))
            out.append(_amount(nt, split, b, high_value, currency, pair_role, "high"))
            ctx.claim(a, b, "amount")
            prev_end = b
            continue
        range_part: Literal["low", "high"] | None = None
        low: tuple[int, int, Decimal] | None = None
        role: AmountRole | None = None
        prev = out[-1] if out else None
        if (
            prev is not None
            and _RANGE_GAP.fullmatch(text, prev_end, a)
            and prev.range_part is None
            and prev.currency == currency
            and prev.value <= value
        ):
            # 500元-1000元: the previous amount opens the range.
            out[-1] = prev.model_copy(update={"range_part": "low"})
            range_part, role = "high", prev.role
        elif num_start == a:
            lo = a - 3 if a > 3 else 0
            if not _RANGE_CHARS.isdisjoint(text[lo:a]):
                sep = _RANGE_SEP.search(text, lo, a)
                if sep is not None:
                    low = _range_low(ctx, mask, text, sep.start(), value, num_start, b)
                    if low is not None:
                        range_part = "high"
        if role is None:
            role = _role(index, a if low is None else low[0], b)
        if low is not None:
            la, lb, lv = low
            out.append(_amount(nt, la, lb, _tidy(lv), currency, role, "low"))
            ctx.claim(la, lb, "amount")
        out.append(_amount(nt, a, b, value, currency, role, range_part))
        ctx.claim(a, b, "amount")
        prev_end = b
    return tuple(out)


# A range separator is one of these: without one before an amount, _RANGE_SEP cannot match.
_RANGE_CHARS = frozenset("-~—–至到")


def _range_low(
    ctx: Context, mask: bytearray, text: str, end: int, high: Decimal, num_start: int, high_end: int
) -> tuple[int, int, Decimal] | None:
    """A bare number before ``至``/``-`` that opens a range with the amount at ``num_start``."""
    m = _range_low_re().search(text, max(0, end - 24), end)
    if m is None:
        return None
    a, b = m.span()
    if _glued(ctx, a) or mask.find(1, a, b) != -1:
        return None
    low = parse_number(m.group())
    if low is None:
        return None
    high_num = _AMOUNT.match(text, num_start)
    if high_num is not None:
        mult = _shared_multiplier(m.group(), high_num.group("num"), high_num.group("kmul"))
    else:  # a bare sum after a money word (额度3-5万): the high end is its number
        mult = _shared_multiplier(m.group(), text[num_start:high_end], None)
    if mult != 1 and low * mult <= high:
        return a, b, low * mult
    if low > high:
        return None
    return a, b, low


_SMALL_UNITS = frozenset("十百千拾佰仟")
# Two digits, the second larger, then units: 三五百, 八九亿, 四五千 (a range, not 3,500).
_DIGIT_PAIR = re.compile(f"([{CN_DIGIT_CHARS}])([{CN_DIGIT_CHARS}])([{CN_UNIT_CHARS}]{{1,4}})")


def _digit_pair(num: str) -> Decimal | None:
    """The low end of a two-digit range such as 三五百 (300), or None when ``num`` is not one."""
    m = _DIGIT_PAIR.fullmatch(num)
    if m is None:
        return None
    d1, d2 = (parse_number(g) for g in m.group(1, 2))
    if d1 is None or d2 is None or not 0 < d1 < d2:
        return None
    return parse_number(m.group(1) + m.group(3))


_BIG_UNITS = frozenset("万萬亿億兆")


def _shared_multiplier(low: str, high: str, kmul: str | None) -> Decimal:
    """The multiplier a range's low end shares with its high end (1 when none).

    A low end with no unit of its own takes the units that end the high end: 3至5万 is
    30,000–50,000, 两到三仟 2,000–3,000, 10~15k 10,000–15,000, 八到九百亿 8e10–9e10 (read as
    八百亿到九百亿). A low end with small units but no 万/亿 takes only the big ones:
    一百二十到一百五十万 is 1,200,000–1,500,000, 七千到九千亿 7e11–9e11. The caller keeps the
    low end as written when sharing would put it above the high end (从8500到3万).
    """
    if kmul:
        if low.isascii() and low.replace(",", "").replace(".", "").isdigit():
            return Decimal(_KMUL_VALUE[kmul.strip()[0].lower()])
        return Decimal(1)
    k = len(high)
    while k and (high[k - 1] in _SMALL_UNITS or high[k - 1] in _BIG_UNITS):
        k -= 1
    tail = high[k:]
    if not tail or not k or any(c in _BIG_UNITS for c in low):
        return Decimal(1)
    if any(c in _SMALL_UNITS for c in low):
        first_big = next((i for i, c in enumerate(tail) if c in _BIG_UNITS), None)
        if first_big is None:
            return Decimal(1)
        tail = tail[first_big:]
    value = parse_number(tail)
    return Decimal(1) if value is None else value


def _glued(ctx: Context, a: int) -> bool:
    """True when the number at ``a`` continues a longer number or word (digit, ., letter)."""
    if a == 0:
        return False
    text = ctx.text
    p = text[a - 1]
    if p.isdigit() or p == ".":
        return True
    if p == "," and a >= 2 and text[a - 2].isdigit():
        return ctx.original(a - 1, a) == ","  # a full-width comma is punctuation
    return p.isascii() and p.isalpha()


# The last character of every word of _NOT_MONEY_BEFORE (its (?i:no|id) folds only to O and D):
# one of them is among the 3 characters before a number it can match before.
_NOT_MONEY_LAST = frozenset("号码第.oOdD")


def _read(
    ctx: Context,
    mask: bytearray,
    a: int,
    b: int,
    na: int,
    nb: int,
    pre: str | None,
    unit: str | None,
    m: re.Match[str] | None,
    after_comma: bool = False,
) -> tuple[int, int, Decimal, str, int] | None:
    """Check and read one candidate: ``[a, b)`` with its number at ``[na, nb)``."""
    text = ctx.text
    num = text[na:nb]
    if pre is None and not after_comma and _glued(ctx, na):
        return None
    if na and text[na - 1] == "个" and num[0] in "亿億":
        return None  # 两个亿: not 一亿 (一个百元红包 is 100元)
    if (
        pre is not None
        and a > 0
        and pre[0].isascii()
        and pre[0].isalpha()
        and text[a - 1].isascii()
        and text[a - 1].isalnum()
    ):
        return None
    n = len(text)
    kmul = m.group("kmul") if m is not None else None
    end = m.end("kmul") if kmul and m is not None else nb
    if kmul and not num[0].isdigit():
        return None  # 一万k is no way to write a number
    if unit is None:
        if end < n and (text[end].isdigit() or text[end] == "%"):
            return None
        if pre and not pre.isascii() and end < n and text[end] in _NOT_MONEY_AFTER_WORD:
            return None  # 日元2024年: a year after a currency's name, not a sum
    elif m is not None:
        if unit[0] == "日" and na and text[na - 1] == "月":
            return None  # 1月1日元旦: a date, then 元旦, not 1 JPY
        ub = m.end("unit")
        if ub < n:
            c = text[ub]
            bad = _BAD_AFTER_UNIT.get(unit)
            if bad and c in bad:
                return None
            if (
                unit == "块"
                and not m.group("sub")
                and not num[0].isdigit()
                and "\u3400" <= c <= "\u9fff"
                and c not in "钱的"
            ):
                return None  # 一块去: "together", not one yuan
            if unit.isascii() and unit.isalpha() and c.isascii() and c.isalpha():
                return None
    if (
        not pre
        and not _NOT_MONEY_LAST.isdisjoint(text[na - 3 if na > 3 else 0 : na])
        and _NOT_MONEY_BEFORE.search(text, max(0, na - 6), na)
    ):
        return None
    if mask.find(1, na, nb) != -1:
        return None
    length = len(num)
    if (length == 11 and _MOBILE.fullmatch(num)) or (
        length > MAX_DIGITS and sum(c.isdigit() for c in num) > MAX_DIGITS
    ):
        return None
    value = _parse_number(num)
    if value is None:
        return None
    if kmul:
        value *= _KMUL_VALUE[kmul.strip()[0].lower()]
    if unit in ("cents", "cent"):
        value /= 100  # 50 cents is $0.50
    if kmul or not num.replace(",", "").replace(".", "").isdigit():
        value = _tidy(value)  # 1.2万 → 12000, not 12000.0
    if unit is not None and m is not None:
        sub = m.group("sub")
        if sub:
            extra = _sub_value(sub)
            if extra is None:
                return None
            value += extra
    if value.adjusted() > MAX_DIGITS:
        return None
    post = m.group("post") if m is not None and unit is not None else None
    return (a, b, value, _currency(ctx, pre, unit, post), na)
