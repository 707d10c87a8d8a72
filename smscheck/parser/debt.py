"""Debt facts: card/account tails, overdue days, credit products, the creditor, and topics."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Literal

import regex

from ..models import Organisation, OverdueDays, Product, Signature, Tail, Topic
from ._context import MAX_ITEMS, Context, make_model
from ._trie import literal_trie, top_level_alternatives
from .legal import classify_org_name

__all__ = [
    "classify_topics",
    "extract_overdue_days",
    "extract_products",
    "extract_tails",
    "find_creditor",
]

TailOf = Literal["card", "account", "order", "phone", "other"]

# --------------------------------------------------------------------------- tails

# Three passes, each cheap: the keyword one starts with a literal (the stdlib engine jumps to
# it), the masked and English ones only run when their marker is in the text.
_TAIL_KW_RE = re.compile(
    r"(?:尾号|尾数|末四位|末4位|后四位|后4位|末尾|最后四位|最后4位)(?:为|是|:|\s)*(?P<digits>\d{3,6})(?![\d*])",
    re.ASCII,
)


# Possessive quantifiers: a run of a million stars must not be backtracked through. A match
# never starts inside a run of x's whose previous x could start it instead (the x before it,
# itself not after a digit or star): without that, every x of a long run began a scan to the
# run's end, quadratic time ("x" * 32000 took 1.8 s). The matches are the same: a start the
# guard refuses is never the leftmost (tested against the unguarded pattern). Compiled on
# first use (~2 ms): few messages hold a masked number.
_TAIL_MASK = r"(?<![\d*])(?P<mhead>\d{4,6})?(?:[ -]?(?:\*{2,}+|[xX×]{3,}+)){1,4}+[ -]?(?P<mtail>\d{4})(?![\d*])"
_TAIL_MASK_GUARD = r"(?!(?<=(?:^|[^\d*])[xX×])[xX×])"


@cache
def _tail_mask_re() -> regex.Pattern[str]:
    return regex.compile(_TAIL_MASK_GUARD + _TAIL_MASK, regex.ASCII)


_TAIL_EN_RE = re.compile(
    r"\b(?:ending|ends)\s+(?:in|with)\s+(?P<en>\d{4})\b", re.ASCII | re.IGNORECASE
)
# What the tail belongs to, looked for just before and just after it.
_TAIL_OF_RE = re.compile(
    r"(?P<order>订单|单号)|(?P<phone>手机|电话|号码|手机号|mobile|phone)|"
    r"(?P<card>卡|card)|(?P<account>账户|帐户|账号|帐号|account)",
    re.IGNORECASE | re.ASCII,
)


def _tail_of(text: str, a: int, b: int) -> TailOf:
    before = text[max(0, a - 8) : a]
    after = text[b : b + 6]
    best: tuple[int, TailOf] | None = None
    for m in _TAIL_OF_RE.finditer(before):
        dist = len(before) - m.end()
        assert m.lastgroup is not None
        of: TailOf = m.lastgroup  # type: ignore[assignment]
        if best is None or dist <= best[0]:
            best = (dist, of)
    for m in _TAIL_OF_RE.finditer(after):
        dist = m.start()
        assert m.lastgroup is not None
        of_after: TailOf = m.lastgroup  # type: ignore[assignment]
        if best is None or dist < best[0]:
            best = (dist, of_after)
        break
    return best[1] if best else "other"


_TAIL_BLOCKERS = frozenset({"link", "case"})


def extract_tails(ctx: Context) -> tuple[Tail, ...]:
    """Find card, account, order and phone tails: 尾号1234, 卡号后四位1234, 6222****1234.

    ``of`` comes from the nearest word before or after (卡, 账户, 订单, 手机); a masked card
    number gives its last four digits with ``of="card"`` unless a word says otherwise.
    Claims each range with tag ``"tail"``.

    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> from smscheck._text import normalize
    >>> from datetime import datetime
    >>> ctx = Context(nt=normalize("您尾号1234的信用卡"), locale="zh-CN",
    ...               received_at=datetime(2024, 12, 1, tzinfo=SHANGHAI), tz=SHANGHAI)
    >>> [(t.digits, t.of, t.text) for t in extract_tails(ctx)]
    [('1234', 'card', '尾号1234')]
    """
    text = ctx.text
    out: list[Tail] = []
    matches: list[re.Match[str] | regex.Match[str]] = list(_TAIL_KW_RE.finditer(text))
    if "**" in text or "xxx" in text or "XXX" in text or "×××" in text:
        matches += _tail_mask_re().finditer(text)
    if "end" in text or "End" in text:
        matches += _TAIL_EN_RE.finditer(text)
    if len(matches) > 1:
        matches.sort(key=lambda m: m.start())
    last_end = -1
    for m in matches:
        a, b = m.span()
        if a < last_end or ctx.overlaps(a, b, _TAIL_BLOCKERS):
            continue
        last_end = b
        groups = m.groupdict()
        digits = groups.get("digits") or groups.get("mtail") or groups.get("en") or ""
        of = _tail_of(text, a, b)
        if of == "other" and groups.get("mtail"):
            of = "card"
        ctx.claim(a, b, "tail")
        original, span = ctx.item(a, b)
        out.append(make_model(Tail, {"digits": digits, "of": of, "text": original, "span": span}))
        if len(out) >= MAX_ITEMS:
            break
    return tuple(out)


# --------------------------------------------------------------------------- overdue days

_CN_NUM = "零〇一二两三四五六七八九十百千"
# The words between 逾期 and the number (已经, 已达, 达到, 超过, 已超过, 长达, 将近, 第, 共, 累计 …),
# written so that a run of them splits into words ONE way only: every branch starts with its
# own character, and an optional second character (经, 到, 过) starts no branch (已达 is 已 + 达,
# 已超过 is 已 + 超过). The former list held both 已达 and 已 + 达, so a run of n 已达 had 2^n
# splits, all tried when no number followed ("逾期" + "已达" * 26 took 14 s).
_OVERDUE_FILLER = "已经?|了|达到?|超过?|长达|将近|近|第|共|累计"
_OVERDUE_ZH = rf"""
    逾期(?:天数)?(?:{_OVERDUE_FILLER})*[:\s]*
    (?P<n>\d{{1,5}}|[{_CN_NUM}]{{1,6}})
    \s*(?:个)?(?P<u>天|日|day|days)
"""
_OVERDUE_RE = re.compile(
    rf"""{_OVERDUE_ZH}
    |
    (?i:(?P<en>\d{{1,5}})\s*days?\s+(?:past\s+due|overdue|late|delinquent))
    """,
    re.VERBOSE | re.ASCII,
)
# Without "day" in the text the English branch never matches, and the Chinese one alone starts
# with a literal, which ``re`` finds in C (the whole alternation is tried at every position).
_OVERDUE_ZH_RE = re.compile(_OVERDUE_ZH, re.VERBOSE | re.ASCII)
# A condition, not a fact: 如逾期3天, 若逾期超过90天.
_HYPOTHETICAL_RE = re.compile(r"如|若|一旦|假如|(?i:\bif\b)", re.ASCII)
_CLAUSE_END = re.compile(r"[,，。.!！?？;；:：\n]")
_DAY = re.compile("day", re.ASCII | re.IGNORECASE)


def _clause_before(text: str, a: int, window: int) -> str:
    before = text[max(0, a - window) : a]
    cut = 0
    for m in _CLAUSE_END.finditer(before):
        cut = m.end()
    return before[cut:]


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_number(s: str) -> int | None:
    """Parse a small Chinese or ASCII number (三十, 一百二十, 两, 90); None when malformed.

    >>> cn_number("三十"), cn_number("一百二十"), cn_number("十五"), cn_number("90")
    (30, 120, 15, 90)
    """
    if s.isdigit():
        return int(s)
    total, cur = 0, None
    for ch in s:
        if ch in _CN_DIGIT:
            if cur is not None:
                return None
            cur = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (1 if cur is None else cur) * _CN_UNIT[ch]
            cur = None
        else:
            return None
    return total + (cur or 0)


def extract_overdue_days(ctx: Context) -> tuple[OverdueDays, ...]:
    """Find how long the message says the debt is overdue: 逾期3天, 已逾期九十天, 逾期第5天.

    A condition (如逾期3天将…) is not a fact and is skipped; 逾期失效 has no number.

    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> from smscheck._text import normalize
    >>> from datetime import datetime
    >>> ctx = Context(nt=normalize("您的白条已逾期三十天"), locale="zh-CN",
    ...               received_at=datetime(2024, 12, 1, tzinfo=SHANGHAI), tz=SHANGHAI)
    >>> [(o.days, o.text) for o in extract_overdue_days(ctx)]
    [(30, '逾期三十天')]
    """
    text = ctx.text
    # The English branch needs "day" in ASCII letters of any case (re.ASCII | re.IGNORECASE).
    english = _DAY.search(text) is not None
    if not english and "逾期" not in text:
        return ()
    out: list[OverdueDays] = []
    for m in (_OVERDUE_RE if english else _OVERDUE_ZH_RE).finditer(text):
        a, b = m.span()
        if _HYPOTHETICAL_RE.search(_clause_before(text, a, 6)):
            continue
        raw = m["n"] or (m["en"] if english else None)
        days = cn_number(raw) if raw else None
        if days is None or days > 36500:
            continue
        original, span = ctx.item(a, b)
        out.append(make_model(OverdueDays, {"days": days, "text": original, "span": span}))
        if len(out) >= MAX_ITEMS:
            break
    return tuple(out)


# --------------------------------------------------------------------------- products

_PRODUCTS: tuple[tuple[str, str], ...] = (
    ("京东白条", "白条"),
    ("白条", "白条"),
    ("京东金条", "金条"),
    ("金条", "金条"),
    ("信用卡", "信用卡"),
    ("贷记卡", "信用卡"),
    ("蚂蚁借呗", "借呗"),
    ("借呗", "借呗"),
    ("蚂蚁花呗", "花呗"),
    ("花呗", "花呗"),
    ("微粒贷", "微粒贷"),
    ("美团月付", "美团月付"),
    ("抖音月付", "抖音月付"),
    ("月付", "月付"),
    ("美团借钱", "美团借钱"),
    ("放心借", "放心借"),
    ("有钱花", "有钱花"),
    ("安逸花", "安逸花"),
    ("360借条", "360借条"),
    ("好期贷", "好期贷"),
    ("任性付", "任性付"),
    ("备用金", "备用金"),
    ("分期付款", "分期"),
    ("分期", "分期"),
    ("网贷", "网贷"),
    ("消费贷", "消费贷"),
    ("信用贷", "信用贷"),
    ("现金贷", "现金贷"),
    ("车贷", "车贷"),
    ("房贷", "房贷"),
    ("经营贷", "经营贷"),
    ("助学贷款", "助学贷款"),
    ("校园贷", "校园贷"),
    ("贷款", "贷款"),
    ("借款", "借款"),
    ("credit card", "credit card"),
    ("personal loan", "loan"),
    ("student loan", "student loan"),
    ("loan", "loan"),
)
_PRODUCT_OF = {w.lower(): n for w, n in _PRODUCTS}
# A prefix tree: the same matches as the alternation sorted longest first.
_PRODUCT_RE = re.compile(literal_trie(w for w, _ in _PRODUCTS if not w.isascii()))


def _en_words(alts: list[str]) -> str:
    """``\\b(?:alts)\\b`` under ``re.IGNORECASE | re.ASCII``, rewritten so that the pattern
    starts with a character class (``re`` then skips to candidate letters in C instead of trying
    the pattern at every position; a case-insensitive pattern never gets that skip): the first
    letter, the word boundary before it as "no ASCII word character before", and the rest of
    the word after a lookbehind naming its first letter. Use with ``re.ASCII``.
    """
    firsts = sorted({c for a in alts for c in (a[0].lower(), a[0].upper())})
    body = "|".join(f"(?<={a[0]}){a[1:]}" for a in alts)
    return f"[{''.join(firsts)}](?<![0-9A-Za-z_].)(?i:{body})\\b"


# ``\bword s?\b`` for each English product, longest first, in any case: as _en_words builds it.
_PRODUCT_EN_RE = re.compile(
    _en_words(
        [
            rf"{re.escape(w)}s?"
            for w, _ in sorted(_PRODUCTS, key=lambda p: -len(p[0]))
            if w.isascii()
        ]
    ),
    re.ASCII,
)
# 分期乐 is a platform, 分期金融 a neutral collector's tag, 借款人 a person, 黄金金条 gold.
_PRODUCT_NOT_AFTER = {"分期": "乐金", "借款": "人", "贷款": "人", "月付": ""}
_GOLD_BEFORE = ("黄金", "足金", "投资", "金店", "购买", "回收")


def extract_products(ctx: Context) -> tuple[Product, ...]:
    """Find credit products named in the message, with a canonical name (京东白条 → 白条).

    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> from smscheck._text import normalize
    >>> from datetime import datetime
    >>> ctx = Context(nt=normalize("您的京东白条及信用卡账单"), locale="zh-CN",
    ...               received_at=datetime(2024, 12, 1, tzinfo=SHANGHAI), tz=SHANGHAI)
    >>> [(p.name, p.text) for p in extract_products(ctx)]
    [('白条', '京东白条'), ('信用卡', '信用卡')]
    """
    text = ctx.text
    out: list[Product] = []
    found = list(_PRODUCT_RE.finditer(text))
    found += _PRODUCT_EN_RE.finditer(text)
    for m in found:
        word = m.group()
        a, b = m.span()
        key = word.lower().rstrip("s") if word.isascii() else word
        name = _PRODUCT_OF.get(key) or _PRODUCT_OF.get(word.lower())
        if name is None:
            continue
        nxt = text[b : b + 1]
        if nxt and nxt in _PRODUCT_NOT_AFTER.get(word, ""):
            continue
        if word == "金条" and any(text.endswith(g, 0, a) for g in _GOLD_BEFORE):
            continue
        original, span = ctx.item(a, b)
        out.append(make_model(Product, {"name": name, "text": original, "span": span}))
        if len(out) >= MAX_ITEMS:
            break
    return tuple(out)


# --------------------------------------------------------------------------- creditor

_CREDITOR_KINDS = frozenset({"bank", "consumer_finance", "platform"})
# Every branch starts with a literal, so ``re`` skips ahead in C ([Dd]ebt would prevent it).
_DEBT_WORD_RE = re.compile(
    r"欠款|借款|还款|应还|待还|未还|逾期|欠费|拖欠|账单|贷款|白条|金条|借呗|花呗|信用卡|分期|额度|"
    r"Debt|debt|Loan|loan|Overdue|overdue|Repay|repay|Balance|balance"
)
_PRODUCT_CREDITOR = {
    "白条": "京东金融",
    "金条": "京东金融",
    "借呗": "支付宝",
    "花呗": "支付宝",
    "微粒贷": "微众银行",
    "美团月付": "美团",
    "美团借钱": "美团",
    "抖音月付": "抖音",
    "放心借": "抖音",
    "有钱花": "度小满",
    "安逸花": "马上消费金融",
    "360借条": "360借条",
    "好期贷": "招联金融",
}


def find_creditor(
    ctx: Context,
    organisations: Sequence[Organisation],
    signatures: Sequence[Signature],
    products: Sequence[Product],
) -> str | None:
    """Name the organisation the message presents as the creditor, or None.

    In order: a non-neutral signature at the start, then at the end (canonicalised: 中国工商银行
    → 工商银行; a court or law-firm signature is not a creditor); then a bank, consumer-finance
    firm or platform named within 12 characters of a debt word (欠款, 还款, 白条 …); then the
    lender of a product named (白条 → 京东金融).

    >>> from smscheck.models import Signature, Span
    >>> sig = Signature(name="中国工商银行", text="【中国工商银行】", position="end",
    ...                 bracket="【】", span=Span(start=0, end=8))
    >>> find_creditor(None, (), (sig,), ())  # type: ignore[arg-type]
    '工商银行'
    """
    for position in ("start", "end"):
        for sig in signatures:
            if sig.position != position or sig.neutral or not sig.name.strip():
                continue
            hit = classify_org_name(sig.name.strip())
            if hit is None:
                return sig.name.strip()
            if hit[1] in _CREDITOR_KINDS:
                return hit[0]
    # Organisation spans are ORIGINAL offsets, so look for the debt words in the original text.
    original = ctx.nt.original if ctx is not None else ""
    creditors = [o for o in organisations if o.kind in _CREDITOR_KINDS]
    if creditors and original:
        debt_at = [m.span() for m in _DEBT_WORD_RE.finditer(original)]
        for org in creditors:
            a, b = org.span.start, org.span.end
            if any(x - b <= 12 and a - y <= 12 for x, y in debt_at):
                return org.name
    for p in products:
        if p.name in _PRODUCT_CREDITOR:
            return _PRODUCT_CREDITOR[p.name]
    return None


# --------------------------------------------------------------------------- topics


def _cue(zh: str, en: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A Chinese cue list (literal-first, fast) and an English one (run only on Latin text).

    ``en`` is ``\\b(?:word|word …)\\b`` (ASCII, any case), each word starting with a letter;
    it is compiled to an equivalent pattern ``re`` can scan for quickly (see :func:`_en_words`).
    """
    if not all(w and not w[0].isascii() for w in top_level_alternatives(zh) or ("",)):
        raise ValueError(f"every Chinese cue must start with a non-ASCII character: {zh!r}")
    alts = _en_alternatives(en)
    _EN_WORDS.extend(alts)
    return re.compile(zh), re.compile(_en_words(alts), re.ASCII)


_EN_WORDS: list[str] = []  # every English cue word, for _ANY_EN_CUE


def _en_alternatives(en: str) -> list[str]:
    if not (en.startswith("\\b(?:") and en.endswith(")\\b")):
        raise ValueError(f"an English cue is \\b(?:…)\\b: {en!r}")
    alts = top_level_alternatives(en[5:-3])
    if not alts or not all(a and a[0].isascii() and a[0].isalpha() for a in alts):
        raise ValueError(f"every English cue word must start with a letter: {en!r}")
    return alts


def _has(cue: tuple[re.Pattern[str], re.Pattern[str]], text: str, zh: bool, en: bool) -> bool:
    return (zh and cue[0].search(text) is not None) or (en and cue[1].search(text) is not None)


# The English cues as written (the patterns compiled from them are equivalent, faster forms).
_DEBT_CUE = _cue(
    r"逾期(?!失效|作废|清零|未使用)|欠款|欠费|拖欠|催收|催缴|应还|待还|未还|还款|还钱(?!包)|还清|结清|债务|欠债|"
    r"最低还款|账单|本期|到期还款",
    r"\b(?:overdue|past due|debt|collections?|repay\w*|outstanding balance|minimum payment)\b",
)
_LEGAL_CUE = _cue(
    r"法院|律师|起诉|诉讼|传票|开庭|立案|仲裁|案号|判决|裁定|执行局|公安|检察院|司法|法务",
    r"\b(?:court|lawsuit|attorney|legal action|summons|warrant|subpoena|arrest)\b",
)
_PAY_CUE = _cue(
    r"转账|汇款|打款|缴纳|支付(?!宝)|付款|缴费|交费|交纳|充值|扫码|收款",
    r"\b(?:pay|payment|wire|transfer|gift ?cards?|send money)\b",
)
_CODE_CUE = _cue(
    r"验证码|校验码|动态码|动态密码|确认码|短信码|激活码|授权码",
    r"\b(?:verification code|OTP|security code|one[- ]time (?:pass)?code|your code is)\b",
)
_MARKETING_CUE = _cue(
    r"优惠|特惠|福利|红包|免息|低息|秒批|秒到账|秒下款|放款|最高可借|可借|提额|额度提升|提升额度|限时|"
    r"活动|抢购|特价|折扣|积分兑换|领取|恭喜|礼包|下款|申请即|点击领|立享|专享",
    r"\b(?:offer|promo\w*|discount|free|congratulations|winner|pre-?approved)\b",
)
_UNSUB_CUE = _cue(r"退订|回T|回N|拒收请回复", r"\b(?:reply stop|unsubscribe|opt out)\b")
# Any English cue at all: most Latin text in a Chinese message (an app name, a link) has none,
# and then no English cue needs a search of its own.
_ANY_EN_CUE = re.compile(_en_words(_EN_WORDS), re.ASCII)

_LEGAL_THREATS = frozenset(
    {"起诉", "立案", "拘留", "坐牢", "判刑", "逮捕", "通缉", "承担刑事责任", "追究法律责任", "强制执行",
     "限制人身自由"}
)  # fmt: skip
_LEGAL_ORGS = frozenset({"court", "procuratorate", "police", "law_firm", "arbitration"})
_LEGAL_FACT_KINDS = ("document", "procedure", "accusation")
_PAY_KINDS = frozenset(
    {"bank_account", "account_type", "account_holder", "transfer", "qr_code", "gift_card",
     "wire", "zelle", "crypto", "other", "screen_sharing"}
)  # fmt: skip


def _seq(value: object) -> Sequence[Any]:
    return value if isinstance(value, (tuple, list)) else ()


def classify_topics(ctx: Context, fields: Mapping[str, Any]) -> tuple[Topic, ...]:
    """Say what the message is about; several topics may apply, ``other`` only when none does.

    Uses the extracted fields where they exist (case numbers, legal facts, payment
    instructions, overdue days, fee amounts) and text cues otherwise, so it works before or
    without the amount and date extractors.

    - ``debt_collection``: overdue days, or a debt/repayment word (逾期, 欠款, 还款, 账单 …);
    - ``legal_notice``: a case number, a legal document, procedure, accusation or legal threat,
      a court/police/law firm named, or a legal word (法院, 律师, 起诉 …);
    - ``payment``: an instruction to pay somewhere (account, transfer, QR, gift card …) or a
      payment word (转账, 缴纳, 支付 …);
    - ``verification_code``: 验证码 and the like;
    - ``marketing``: offer words (优惠, 免息, 最高可借 …), or an unsubscribe tail in a message
      that is not about a debt or a legal matter.

    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> from smscheck._text import normalize
    >>> from datetime import datetime
    >>> ctx = Context(nt=normalize("您的验证码是123456"), locale="zh-CN",
    ...               received_at=datetime(2024, 12, 1, tzinfo=SHANGHAI), tz=SHANGHAI)
    >>> classify_topics(ctx, {})
    ('verification_code',)
    """
    text = ctx.text
    topics: list[Topic] = []
    get = fields.get
    # Every Chinese cue starts with a non-ASCII character, and an English cue is searched for
    # only when one of them is in the text: the searches that cannot match are skipped.
    zh = not text.isascii()
    en = _ANY_EN_CUE.search(text) is not None

    legal = _seq(get("legal"))
    orgs = _seq(get("organisations"))
    payments = _seq(get("payment_instructions"))
    amounts = _seq(get("amounts"))
    # (An empty sequence is tested first: any() over nothing still costs a generator.)
    debt = bool(_seq(get("overdue_days"))) or _has(_DEBT_CUE, text, zh, en)
    legal_hit = (
        bool(_seq(get("case_numbers")))
        or bool(legal and any(getattr(f, "kind", None) in _LEGAL_FACT_KINDS for f in legal))
        or bool(legal and any(getattr(f, "name", None) in _LEGAL_THREATS for f in legal))
        or bool(orgs and any(getattr(o, "kind", None) in _LEGAL_ORGS for o in orgs))
        or _has(_LEGAL_CUE, text, zh, en)
    )
    pay = (
        bool(payments and any(getattr(p, "kind", None) in _PAY_KINDS for p in payments))
        or bool(amounts and any(getattr(x, "role", None) == "fee" for x in amounts))
        or _has(_PAY_CUE, text, zh, en)
    )
    code = _has(_CODE_CUE, text, zh, en)
    marketing = _has(_MARKETING_CUE, text, zh, en) or (
        _has(_UNSUB_CUE, text, zh, en) and not debt and not legal_hit
    )
    if debt:
        topics.append("debt_collection")
    if legal_hit:
        topics.append("legal_notice")
    if pay:
        topics.append("payment")
    if code:
        topics.append("verification_code")
    if marketing:
        topics.append("marketing")
    return tuple(topics) if topics else ("other",)
