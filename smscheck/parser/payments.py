"""Payment instructions: where and how the message tells the reader to pay.

Card and account numbers (with a Luhn flag, masked numbers kept masked), account holder,
bank, account types (个人/对公/安全/中间/指定账户), transfer verbs, QR codes, screen sharing,
repayment through an official app or channel, and for en-US gift cards, wire, Zelle and crypto.
A warning that denies an instruction ("工作人员不会要求您向安全账户转账") is not one.

Each instruction carries a mood: a ``request`` asks the reader to pay (请转至, 汇入, 缴纳, pay to)
and a ``record`` reports a movement that already happened (收入, 支出, 对方户名, 汇缴, 扣款,
"you sent", "was debited") or confirms one the reader started (a transfer code naming the payee).
The instruction's sentence decides; a sentence with no cue of its own (a bare 收款人 line, a quoted
留言) takes the message's mood. Only requests are evidence of a payment channel or a fee.
Digits inside a quoted free-text field (留言, 附言, 摘要, 备注, 用途) are no account number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import regex

from ..models import AccountType, PaymentInstruction, PaymentKind, PaymentMood
from ._context import MAX_ITEMS, Context, make_span
from ._trie import literal_trie
from .legal import Ranges, is_negated, name_start
from .sender import prebuilt
from .warnings import WarnedIndex

__all__ = ["extract_payments", "luhn_ok"]

# 12-19 digits, single spaces or dashes between groups; not glued to other digits.
# Candidate runs first (a plain character-class scan), split and counted in Python.
_DIGIT_RUN_RE = re.compile(r"\d[\d -]{10,}\d")
_RUN_SPLIT_RE = re.compile(r"[ -]{2,}")


# 6222****1234, 6222 **** **** 1234, 622202******1234: leading digits, a mask, the last four.
# Possessive quantifiers (``regex`` has them on every Python): a run of a million stars must
# not be backtracked through.
@functools.cache
def _masked_re() -> regex.Pattern[str]:
    """Compiled on first use (few messages need it)."""
    return regex.compile(
        r"(?<![\d*])\d{4,6}(?:[ -]?(?:\*{2,}+|[xX×]{3,}+)){1,4}+[ -]?\d{4}(?![\d*])"
    )


# Words that make a digit run an account: they must precede it closely.
_ACCOUNT_CUE = re.compile(
    r"(?:账号|帐号|账户|帐户|卡号|户名|收款|转账|汇款|打款|转入|存入|汇入|汇至|转至|开户|银行|对公|"
    r"储蓄卡|借记卡|信用卡|银行卡|account|acct|card|routing|iban)",
    re.IGNORECASE,
)
# Words that make a digit run something else: an order, an ID card, a waybill, a code, a phone.
_NOT_ACCOUNT_CUE = re.compile(
    r"(?:订单|单号|流水号|交易号|编号|身份证|证件|运单|快递|工号|验证码|会员|合同号|批次|批号|"
    r"案号|发票|档案|保单|ID|No\.?|order|ref)[^\d]{0,4}$"
    # a phone word right before it: "请致电1380-xxxx6975" (only separators between, so
    # "电话转账至6222…" still names an account)
    r"|(?:致电|电话|拨打|来电|热线|手机号|tel|phone|call)[:：\s]{0,2}$",
    re.IGNORECASE,
)
# A free-text field a bank quotes from the remitter (留言, 附言, 摘要, 备注, 用途): whatever digits
# it holds are the remitter's words, not an account to pay. The field runs from its label to
# the next sentence, bracket end or account label ("用途：还款，账号6222…" still names an account);
# only the last 24 characters before a number are looked at.
_FREE_TEXT_FIELD = re.compile(
    r"(?:留言|附言|摘要|备注|用途|postscript|memo|remark)[:：]?"
    r"(?:(?!账号|帐号|卡号|账户|帐户|户名|account)[^。；;!！?？>》】)）\]\n]){0,20}$",
    re.IGNORECASE,
)
_FREE_TEXT_WINDOW = 24


def luhn_ok(digits: str) -> bool:
    """Return True when ``digits`` passes the Luhn check used by card numbers.

    >>> luhn_ok("4111111111111111"), luhn_ok("4111111111111112")
    (True, False)
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# Account types and the canonical type they map to.
_ACCOUNT_TYPES: dict[str, AccountType] = {
    "个人": "personal",
    "私人": "personal",
    "对公": "corporate",
    "公司": "corporate",
    "企业": "corporate",
    "安全": "safe",
    "中间": "intermediate",
    "过渡": "intermediate",
    "冲正": "intermediate",
    "资金清查": "intermediate",
    "指定": "designated",
    "监管": "designated",
    "核查": "designated",
    "认证": "designated",
}


@functools.cache
def _holder_re() -> regex.Pattern[str]:
    """Compiled on first use (few messages need it)."""
    return regex.compile(
        r"(?:户名|收款人|账户名|帐户名|账户名称|开户名|收款户名|收款方|持卡人)(?:姓名|名称)?(?:为|是)?[:\s]*"
        r"(?P<name>(?:(?!开户|账号|帐号|卡号|银行|账户|帐户|转账|汇款|金额)[\p{Han}·]){2,20}?"
        r"(?:有限公司|公司|事务所|中心)|(?:(?!开户|账号|帐号|卡号|银行|账户|帐户|转账|汇款|金额)[\p{Han}·]){2,4})"
    )


@functools.cache
def _branch_re() -> regex.Pattern[str]:
    """Compiled on first use (few messages need it)."""
    return regex.compile(r"\p{Han}{0,10}?(?:分行|支行|营业部|分理处)")


_BANK_SUFFIX_RE = re.compile(r"农村商业银行|农商银行|信用合作社|信用社|银行")


# Every keyword is a literal in one alternation: the stdlib engine scans a literal alternation
# ~50x faster than one with groups or optional prefixes. The group is looked up afterwards.
def _zh_keywords() -> dict[str, tuple[str, str | None]]:
    kw: dict[str, tuple[str, str | None]] = {}
    for t in _ACCOUNT_TYPES:
        for mid in ("", "银行"):
            for tail in ("账户", "帐户", "账号", "帐号", "收款账户", "银行卡", "卡"):
                kw[t + mid + tail] = ("acct", t)
    for w in (
        "户名",
        "收款人",
        "账户名",
        "帐户名",
        "账户名称",
        "开户名",
        "收款户名",
        "收款方",
        "持卡人",
    ):
        kw[w] = ("holder", None)
    for w in ("开户行", "开户银行", "收款银行", "开户网点"):
        kw[w] = ("openbank", None)
    for w in ("支付", "付款", "转账", "还款"):
        kw["扫码" + w] = ("scanpay", None)
    for w in ("转账", "汇款", "打款", "转入", "存入", "汇入", "转至", "汇至", "转到", "打到"):
        kw[w] = ("transfer", None)
    for w in ("二维码", "扫码", "扫一扫", "收款码", "付款码"):
        kw[w] = ("qr", None)
    for w in ("屏幕共享", "共享屏幕", "共享桌面", "屏幕分享", "分享屏幕", "开启共享"):
        kw[w] = ("share", None)
    for w in ("腾讯会议", "云视讯", "瞩目", "钉钉会议", "飞书会议", "钉钉"):
        kw[w] = ("meeting", None)
    # the unnamed app of the "cancel your account / credit record" scripts: 下载会议软件
    for w in ("会议软件", "视频会议软件", "会议App", "会议APP", "会议app"):
        kw[w] = ("meeting", None)
    for w in ("会议号", "会议室号", "会议ID"):
        kw[w] = ("room", None)
    for w in ("官方渠道", "官方App", "官方APP", "官方app", "官方客户端", "官方网站", "官方平台", "官网",
              "自动还款", "自行还款", "自助还款", "主动还款"):  # fmt: skip
        kw[w] = ("official", None)
    for w in ("App", "APP", "app", "客户端", "手机银行", "网上银行", "公众号", "小程序"):
        kw[w] = ("app", None)
    for brand in ("", "苹果", "京东E", "京东", "Steam", "iTunes"):
        for w in ("礼品卡", "购物卡", "充值卡", "游戏点卡", "卡密"):
            kw[brand + w] = ("cngift", brand or None)
    for w in ("比特币", "泰达币", "虚拟币", "数字货币", "加密货币", "钱包地址", "USDT"):
        kw[w] = ("crypto", None)
    kw["电汇"] = ("wire", None)
    return kw


_ZH_KW = _zh_keywords()
# A prefix tree, not a flat alternation: same matches, ~3x faster to scan.
_ZH_RE = re.compile(literal_trie(_ZH_KW))
_ROOM_DIGITS_RE = re.compile(r"[:\s]*\d[\d -]{4,14}\d")
_OPENBANK_TAIL_RE = re.compile(r"(?:为|是)?[:\s]*")
_LATIN_NAME_RE = re.compile(r"[A-Z][A-Za-z0-9]{1,15}(?: [A-Z][A-Za-z0-9]{1,15})?\s?$")
# Only whether one occurs matters: 还款/还清 contain 还 and repay contains pay, so the shorter
# words alone, each starting with a literal (``re`` then skips ahead at C speed), say the same
# as 还款|还清|结清|还|缴|支付|付款|查看|查询|处理|办理|账单|[Pp]ay|[Rr]epay|[Bb]ill.
_APP_CONTEXT_RE = re.compile("还|缴|结清|支付|付款|查看|查询|处理|办理|账单|pay|Pay|bill|Bill")

# English keywords (the normaliser leaves single spaces), matched case-insensitively.
_EN_KW: dict[str, tuple[PaymentKind, str | None]] = {
    "gift card": ("gift_card", None), "gift cards": ("gift_card", None),
    "giftcard": ("gift_card", None), "giftcards": ("gift_card", None),
    "wire transfer": ("wire", None), "bank wire": ("wire", None), "wiring": ("wire", None),
    "western union": ("wire", None), "moneygram": ("wire", None),
    "wire money": ("wire", None), "wire the money": ("wire", None), "wire funds": ("wire", None),
    "wire the funds": ("wire", None), "wire payment": ("wire", None),
    "zelle": ("zelle", "Zelle"), "venmo": ("other", "Venmo"), "cash app": ("other", "Cash App"),
    "cashapp": ("other", "Cash App"), "paypal": ("other", "PayPal"),
    "bitcoin": ("crypto", None), "bitcoins": ("crypto", None), "bitcoin atm": ("crypto", None),
    "btc": ("crypto", None), "usdt": ("crypto", None), "ethereum": ("crypto", None),
    "eth": ("crypto", None), "crypto": ("crypto", None), "cryptocurrency": ("crypto", None),
    "wallet address": ("crypto", None),
    "send money": ("transfer", None), "send the money": ("transfer", None),
    "transfer money": ("transfer", None), "transfer the money": ("transfer", None),
    "transfer funds": ("transfer", None), "transfer the funds": ("transfer", None),
    "send funds": ("transfer", None), "deposit the money": ("transfer", None),
    "qr code": ("qr_code", None), "qrcode": ("qr_code", None),
    "share screen": ("screen_sharing", None), "share your screen": ("screen_sharing", None),
    "screen sharing": ("screen_sharing", None), "screen share": ("screen_sharing", None),
    "zoom": ("screen_sharing", "Zoom"), "teams": ("screen_sharing", "Teams"),
    "official app": ("official_app", None), "official website": ("official_app", None),
    "official channel": ("official_app", None),
}  # fmt: skip
_GIFT_BRANDS = {"itunes": "iTunes", "apple": "Apple", "google play": "Google Play",
                "googleplay": "Google Play", "steam": "Steam", "amazon": "Amazon", "ebay": "eBay",
                "target": "Target", "walmart": "Walmart", "visa": "Visa", "razer gold": "Razer Gold",
                "sephora": "Sephora"}  # fmt: skip
# Spelled out in lower, Capitalised, Title and UPPER case: re.IGNORECASE would cost ~15x.
_EN_RE = re.compile(
    literal_trie(
        {
            f(w)
            for w in (*_EN_KW, *_GIFT_BRANDS)
            for f in (str.lower, str.capitalize, str.title, str.upper)
        }
        | {"iTunes", "PayPal", "eBay", "CashApp", "MoneyGram"}
    )
)
_GIFT_AFTER_BRAND_RE = re.compile(r" (?:gift ?)?cards?(?![A-Za-z0-9])", re.IGNORECASE)
_EN_GATE = re.compile(r"[A-Za-z][A-Za-z][A-Za-z]")  # not [A-Za-z]{3}: a leading class scans faster


@functools.cache
def _crypto_addr_re() -> re.Pattern[str]:
    """Compiled on first use (few messages need it)."""
    return re.compile(
        r"(?<![A-Za-z0-9])(?:bc1[a-z0-9]{25,62}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|0x[0-9a-fA-F]{40}"
        r"|T[1-9A-HJ-NP-Za-km-z]{33})(?![A-Za-z0-9])"
    )


def _ascii_word(text: str, a: int, b: int) -> bool:
    """True when ``text[a:b]`` is not glued to other Latin letters or digits."""
    return not (a > 0 and text[a - 1].isascii() and text[a - 1].isalnum()) and not (
        b < len(text) and text[b].isascii() and text[b].isalnum()
    )


_OWN = frozenset({"tail"})


def _blocked(claimed: Ranges, a: int, b: int) -> bool:
    """True when another extractor owns text that overlaps ``[a, b)`` and is not inside it."""
    return any(
        tag not in _OWN and not (a <= x and y <= b and (x, y) != (a, b))
        for x, y, tag in claimed.overlapping(a, b)
    )


def _bank_before(text: str, a: int, window: int = 14) -> tuple[int, int, str] | None:
    """The last 'XX银行' ending within ``window`` characters before ``a``."""
    lo = max(0, a - window)
    best: tuple[int, int, str] | None = None
    for m in _BANK_SUFFIX_RE.finditer(text, lo, a):
        s = name_start(text, m.start(), 10)
        if s < m.start():
            e = m.end()
            br = _branch_re().match(text, e, min(len(text), e + 14))
            if br is not None:
                e = br.end()
            best = (s, e, text[s:e])
    return best


def _card_candidates(text: str) -> list[tuple[int, int, bool]]:
    """Ranges of masked numbers and of 12-19 digit runs (single spaces or dashes inside)."""
    out: list[tuple[int, int, bool]] = []
    if "**" in text or "xxx" in text or "XXX" in text or "×××" in text:  # a mask
        out.extend((m.start(), m.end(), True) for m in _masked_re().finditer(text))
    for m in _DIGIT_RUN_RE.finditer(text):
        start = m.start()
        pieces = _RUN_SPLIT_RE.split(m.group())
        for piece in pieces:
            stripped = piece.strip(" -")
            lead = len(piece) - len(piece.lstrip(" -"))
            a = start + lead
            b = a + len(stripped)
            start += len(piece)
            sep = _RUN_SPLIT_RE.match(text, start)
            if sep is not None:
                start = sep.end()
            # A piece is digits (\d) with single spaces or dashes between.
            n = len(stripped) - stripped.count(" ") - stripped.count("-")
            if (
                12 <= n <= 19
                and not (b < len(text) and text[b] == "*")
                and not (a > 0 and text[a - 1] == "*")
            ):
                out.append((a, b, False))
    return out


def _cards(ctx: Context, out: list[tuple[int, int, PaymentInstruction]]) -> bool:
    """Append the card and account numbers; True when there is one."""
    text = ctx.text
    candidates = _card_candidates(text)
    if not candidates:
        return False
    found = False
    claimed = Ranges(ctx.claimed)
    last_end = -1
    for a, b, masked in sorted(candidates):
        if len(out) >= MAX_ITEMS:
            break
        if a < last_end or _blocked(claimed, a, b):  # a masked number already took this range
            continue
        number = text[a:b].replace(" ", "").replace("-", "")
        before = text[max(0, a - 12) : a]
        if _NOT_ACCOUNT_CUE.search(before):
            continue
        if _FREE_TEXT_FIELD.search(text, max(0, a - _FREE_TEXT_WINDOW), a) is not None:
            continue
        if not masked:
            n = len(number)
            # A mobile with a country code, or a 106 gateway code, is a phone, not an account.
            if (number.startswith("86") and n == 13 and number[2] == "1") or number.startswith(
                ("106", "0086")
            ):
                continue
            card_like = n >= 16 and (number[0] in "3456" or number.startswith("9"))
            cue = _ACCOUNT_CUE.search(text, max(0, a - 16), a) is not None
            luhn = luhn_ok(number) if n >= 16 else None
            if not (cue or (card_like and luhn)):
                continue
        else:
            luhn = None
        ctx.claim(a, b, "card")
        last_end = b
        given = {"account_number": number, "masked": masked, "luhn_ok": luhn}
        out.append((a, b, _item(ctx, a, b, "bank_account", given)))
        found = True
    return found


# PaymentInstruction's fields after kind, text and span, with their defaults, in order.
_PI_REST: dict[str, object] = {
    name: f.default
    for name, f in PaymentInstruction.model_fields.items()
    if name not in ("kind", "text", "span")
}


def _item(
    ctx: Context, a: int, b: int, kind: PaymentKind, given: Mapping[str, object]
) -> PaymentInstruction:
    """``PaymentInstruction(kind=kind, text=…, span=…, **given)``, built without re-validation."""
    nt = ctx.nt
    x, y = nt.span(a, b)
    fields = {"kind": kind, "text": nt.original[x:y], "span": make_span(x, y), **_PI_REST}
    if given:
        fields.update(given)
        return prebuilt(PaymentInstruction, fields, {"kind", "text", "span", *given})
    return prebuilt(PaymentInstruction, fields, {"kind", "text", "span"})


def _simple(
    ctx: Context,
    a: int,
    b: int,
    kind: PaymentKind,
    **extra: str | AccountType | None,
) -> tuple[int, int, PaymentInstruction]:
    return a, b, _item(ctx, a, b, kind, extra)


def _official_app(
    ctx: Context, a: int, b: int, out: list[tuple[int, int, PaymentInstruction]]
) -> None:
    text = ctx.text
    s = name_start(text, a, 10)
    suffix = text[a:b]
    if s == a and suffix.lower() == "app":
        # A Latin name before App: 京东金融 is Han, but "Chase app" is not.
        window = text[max(0, a - 24) : a]
        lm = _LATIN_NAME_RE.search(window)
        if lm is not None and lm.group().strip() != "Cash":
            s = a - (len(window) - lm.start())
    if _APP_CONTEXT_RE.search(text, max(0, s - 12), min(len(text), b + 12)) is None:
        return
    if is_negated(text, s):
        return
    if s < a:
        # 京东金融App → 京东金融; 招商银行手机银行 keeps its channel word.
        app = text[s:a].strip() if suffix.lower() == "app" or suffix == "客户端" else text[s:b]
    elif suffix in ("手机银行", "网上银行"):
        app = suffix
    else:
        return
    out.append(_simple(ctx, s, b, "official_app", app=app))


def _zh(ctx: Context, out: list[tuple[int, int, PaymentInstruction]]) -> None:
    text = ctx.text
    for m in _ZH_RE.finditer(text):
        if len(out) >= MAX_ITEMS:
            break
        word = m.group()
        group, extra = _ZH_KW[word]
        a, b = m.span()
        if group not in ("holder", "openbank", "app", "cngift") and is_negated(text, a):
            continue
        if group == "acct":
            out.append(_simple(ctx, a, b, "account_type", account_type=_ACCOUNT_TYPES[extra or ""]))
        elif group == "holder":
            if word == "户名" and a > 0 and text[a - 1] == "用":  # 用户名: a login name
                continue
            hm = _holder_re().match(text, a)
            if hm is not None:
                out.append(_simple(ctx, a, hm.end(), "account_holder", holder=hm["name"]))
        elif group == "openbank":
            tail = _OPENBANK_TAIL_RE.match(text, b)
            e = tail.end() if tail else b
            bm = _BANK_SUFFIX_RE.search(text, e, min(len(text), e + 14))
            if bm is None:
                continue
            be = bm.end()
            br = _branch_re().match(text, be, min(len(text), be + 14))
            if br is not None:
                be = br.end()
            out.append(_simple(ctx, a, be, "bank_name", bank=text[e:be]))
        elif group == "scanpay":
            out.append(_simple(ctx, a, b, "transfer"))
            out.append(_simple(ctx, a, a + 2, "qr_code"))
        elif group == "transfer":
            out.append(_simple(ctx, a, b, "transfer"))
        elif group == "qr":
            out.append(_simple(ctx, a, b, "qr_code"))
        elif group == "share":
            out.append(_simple(ctx, a, b, "screen_sharing"))
        elif group == "room":
            dm = _ROOM_DIGITS_RE.match(text, b)
            out.append(_simple(ctx, a, dm.end() if dm else b, "screen_sharing"))
        elif group == "meeting":
            if word == "钉钉" and "会议" not in text[b : b + 8]:
                continue
            out.append(_simple(ctx, a, b, "screen_sharing", app=word))
        elif group == "official":
            out.append(_simple(ctx, a, b, "official_app"))
        elif group == "app":
            if word.lower() == "app" and not _ascii_word(text, a, b):
                continue
            _official_app(ctx, a, b, out)
        elif group == "cngift":
            out.append(_simple(ctx, a, b, "gift_card", app=extra))
        elif group == "crypto":
            if word == "USDT" and not _ascii_word(text, a, b):
                continue
            out.append(_simple(ctx, a, b, "crypto"))
        elif group == "wire":
            out.append(_simple(ctx, a, b, "wire"))


def _en(ctx: Context, out: list[tuple[int, int, PaymentInstruction]]) -> None:
    text = ctx.text
    for m in _EN_RE.finditer(text):
        if len(out) >= MAX_ITEMS:
            break
        a, b = m.span()
        if not _ascii_word(text, a, b):
            continue
        key = m.group().lower()
        if key in _GIFT_BRANDS:
            gm = _GIFT_AFTER_BRAND_RE.match(text, b)
            if gm is None:
                continue
            out.append(_simple(ctx, a, gm.end(), "gift_card", app=_GIFT_BRANDS[key]))
            continue
        kind, app = _EN_KW[key]
        if key == "usdt":  # also found by the Chinese pass
            continue
        if kind in ("transfer", "wire", "screen_sharing") and is_negated(text, a):
            continue
        out.append(_simple(ctx, a, b, kind, app=app))
    # Wallet addresses come with a crypto word; without one a long token is not worth a scan.
    if len(text) >= 26 and any(p.kind == "crypto" for _, _, p in out):
        claimed = Ranges(ctx.claimed)  # _simple claims nothing: one index serves the loop
        for m in _crypto_addr_re().finditer(text):
            a, b = m.span()
            if not _blocked(claimed, a, b):
                out.append(_simple(ctx, a, b, "crypto", account_number=m.group()))
                if len(out) >= MAX_ITEMS:
                    break


def _enrich(
    ctx: Context, items: list[tuple[int, int, PaymentInstruction]]
) -> list[tuple[int, int, PaymentInstruction]]:
    """Give each account number the holder and bank named next to it."""
    holders = sorted((a, b, p.holder or "") for a, b, p in items if p.kind == "account_holder")
    banks = sorted((a, b, p.bank or "") for a, b, p in items if p.kind == "bank_name")
    holder_ix, bank_ix = Ranges(holders), Ranges(banks)
    text = ctx.text
    out: list[tuple[int, int, PaymentInstruction]] = []
    extra_banks: list[tuple[int, int, PaymentInstruction]] = []
    for a, b, p in items:
        if p.kind == "bank_account":
            # Named within 40 characters either side; the nearest start wins.
            near = sorted(holder_ix.overlapping(a - 40, b + 40), key=lambda h: abs(h[0] - a))
            holder = near[0][2] if near else None
            bnear = sorted(bank_ix.overlapping(a - 40, b + 40), key=lambda x: abs(x[0] - a))
            bank = bnear[0][2] if bnear else None
            if bank is None:
                found = _bank_before(text, a)
                if found is not None:
                    s, e, bank = found
                    if not bank_ix.overlapping(s, s + 1):
                        extra_banks.append(_simple(ctx, s, e, "bank_name", bank=bank))
            if holder or bank:
                p = p.model_copy(update={"holder": holder, "bank": bank})
        out.append((a, b, p))
    return out + extra_banks


# ---- mood --------------------------------------------------------------------------------------

# An instruction's own sentence decides its mood when the sentence says something either way: a
# movement reported (收入, 支出, 对方户名 …) makes it a record unless the sentence also asks
# (请…转); an ask, or a paying verb with no report beside it ("转至以下账户"), makes it a request.
# A sentence with no cue of its own (a payee line "收款人：张三。", a quoted note) takes the mood
# of the message as a whole (see _message_mood). A sentence ends at these (a "." only before a
# space or the end, so amounts keep their decimal point).
_MOOD_WINDOW = 60
_SENT_END = re.compile(r"[。！!？?；;\n]|\.(?=\s|$)")
_LAST_SENT_END = re.compile(r"(?s:.*)(?:[。！!？?；;\n]|\.(?=\s))")
# A movement that already happened: a bank's or fund's notice of money in or out.
_RECORD_ZH = re.compile(
    # specific forms only: scams also say 余额, 成功, 到账 and 付款方式 in passing
    "收入|支出|入账|已到账|代扣|缴存|汇缴|已扣|扣款成功|对方户名|对方账号|对方账户|对方卡号|付款人|"
    "汇款人|付款方(?!式)|已成功|(?:还款|扣款|支付|转账|交易)成功|已(?:转|汇|存|支付|缴|还|退)|"
    "(?:到账|扣款|消费|交易)(?:人民币|[\\d-])|余额为?[:：]?(?:人民币)?[\\d-]|交易(?:金额|后)|"
    "(?:转入|存入|汇入|转出)(?:交易)?(?:人民币|\\d)|"
    # a bank notice's header, an account tail at a past minute ("您账户0537于10月11日11:53…",
    # "您尾号3104的账户于7月29日10:01…"), and its labelled channel ("跨行消费:银联扫码转账")
    "(?:账户|账号|卡号?)\\*?\\d{3,4}\\*?于\\d{1,2}月\\d{1,2}日\\s?\\d{1,2}[:：时]\\d{2}|"
    "尾号\\*?\\d{3,4}的?(?:储蓄卡|借记卡|信用卡)?(?:账户|卡)?于\\d{1,2}月\\d{1,2}日\\s?\\d{1,2}[:：时]\\d{2}|"
    "消费[:：]"
)
# An ask: a request word, then (in the same clause) a paying verb (退回 too: "请将多转款项退回" is
# the mistaken-transfer scam). 请勿/请不要 forbid, not ask ("请勿转发" is no request to pay).
_REQUEST_ZH = re.compile(
    "(?:请(?!勿|别|不要)|需要?|须|务必|立即|立刻|尽快|马上|速|赶紧|赶快|必须|应于|限)"
    "[^，,。！!？?；;\n]{0,16}?(?:转|汇|存入|存到|打款|打到|打入|缴|交纳|交费|付|还|退回|充值|购买|扫|共享)"
)
# A paying verb on its own: a sentence holding one has a verb of its own (requests unless a
# movement is reported beside it). Broad on purpose: it only ever keeps a sentence a request.
# A channel's name in a bank notice is no verb: "手机银行跨行付款，收款方…" names how a movement
# went ("跨行付款", "快捷支付", "网银转账"); an ask in the same words still reads as one through
# _REQUEST_ZH ("请通过跨行付款…").
_PAY_VERB_ZH = re.compile(
    "(?<!跨行)(?<!行内)(?<!同行)(?<!快捷)(?<!网上)(?<!网银)(?<!扫码)(?<!银联)(?<!手机银行)"
    "(?<!跨行支)(?<!快捷支)(?<!网上支)(?<!网银支)(?<!扫码支)(?<!银联支)"
    "(?:转|汇|存入|存到|打款|打到|打入|打给|缴|交纳|交费|付|还款|还清|退回|退还|返还|归还|返给|"
    "退给|打过去|充值|购买|扫|共享)"
)
_RECORD_EN = re.compile(
    r"(?i)\b(?:you(?:'ve| have)? (?:sent|received|paid|spent|transferred)|sent you|debited|credited|"
    r"deposited|withdrawn|(?:has|have) been (?:sent|paid|received|processed|posted|charged)|"
    r"(?:was|were) (?:sent|paid|received|processed|posted|charged)|payment (?:received|posted)|"
    r"purchase (?:of|at)|transaction|available balance|new balance)\b"
)
_REQUEST_EN = re.compile(
    r"(?i)\b(?:please|must|need to|needs to|required to|have to|immediately|asap|right away|"
    r"to avoid|in order to)\b|^\W*(?:send|pay|transfer|wire|buy|purchase|deposit|load|make)\b"
)
_PAY_VERB_EN = re.compile(r"(?i)\b(?:send|pay|transfer|wire|deposit|buy|purchase)\b")
# A sum of money: a report of a movement states one. A record word without it ("收入情况",
# "已转接至派出所") describes no movement, and does not make the message a record.
_SUM_RE = re.compile(r"\d\s?(?:元|块)|(?:人民币|RMB|CNY|USD|[￥¥$€£])\s?\d")
# A one-time code for an operation the reader started: the code, a word that it is the reader's
# own (保密, 请勿泄露, 如非本人操作), and nothing passing the code on to someone ("告知客服",
# "回复验证码") — that is what scams ask for.
_CODE_ZH = re.compile("验证码|校验码|动态码|动态密码|确认码|短信码|授权码")
# The code itself, next to its word ("验证码：076080", "14450为您本次操作的验证码"): a message that
# only warns "不要向任何人透露验证码" carries no code and confirms nothing.
_CODE_VALUE_ZH = re.compile(
    "(?:验证码|校验码|动态码|动态密码|确认码|短信码|授权码)(?:是|为)?[:：\\s【\\[(（]{0,3}\\d{4,8}(?!\\d)|"
    "(?<!\\d)\\d{4,8}[\\s】\\])）]{0,2}(?:是|为)(?:您的?)?(?:本次)?(?:操作|登录|交易|转账|支付)?的?"
    "(?:验证码|校验码|动态码|动态密码|确认码|短信码|授权码)"
)
_OWN_CODE_ZH = re.compile(
    "保密|本人操作|(?:请勿|切勿|不要|勿|严禁|不得|谨防)[^，,。！!？?；;\n]{0,10}?"
    "(?:泄露|泄漏|透露|告知|告诉|转告|提供|转发|给他人|给任何人)"
)
_PASS_CODE_ON_ZH = re.compile(
    "(?<![勿别不])(?<!不要)(?<!不得)(?:告知|告诉|提供|报给|发给|发送给|转发给|回复给|念给|读给)给?"
    "(?:客服|工作人员|专员|我们|我|对方|本公司|民警|警官|警方|办案)|"
    "(?<![勿别不])(?<!不要)回复(?:该|此|短信)?(?:验证码|校验码|动态码)"
)


def _sentence(text: str, a: int, b: int) -> tuple[int, int]:
    lo = max(0, a - _MOOD_WINDOW)
    m = _LAST_SENT_END.match(text, lo, a) if a > lo else None
    s = m.end() if m is not None else lo
    hi = min(len(text), b + _MOOD_WINDOW)
    m2 = _SENT_END.search(text, b, hi)
    return s, (m2.start() if m2 is not None else hi)


def sentence_mood(text: str, a: int, b: int) -> PaymentMood:
    """The mood of an instruction at ``[a, b)``: its own sentence's when that sentence reports
    a movement or asks (or holds a paying verb), else the message's (:func:`message_mood`).

    A sentence that reports a movement and asks for nothing is a ``record``; one that asks, or
    holds a paying verb and reports nothing, is a ``request``.

    >>> t = "您尾号1234卡12月13日支出5,000元，对方户名张三。"
    >>> sentence_mood(t, t.index("户名"), t.index("户名") + 2)
    'record'
    >>> t = "交易异常，请将资金转入安全账户"
    >>> sentence_mood(t, t.index("转入"), t.index("转入") + 2)
    'request'
    >>> t = "您尾号1234卡转出5000元。收款人：张三。"
    >>> sentence_mood(t, t.index("收款人"), t.index("收款人") + 3)
    'record'
    """
    s, e = _sentence(text, a, b)
    if _confirms_own_code(text):
        return "request" if _REQUEST_ZH.search(text, s, e) is not None else "record"
    return _own_mood(text, s, e) or message_mood(text)


def _own_mood(text: str, s: int, e: int) -> PaymentMood | None:
    """The mood the sentence ``text[s:e]`` gives by itself, or None when it says nothing."""
    if _RECORD_ZH.search(text, s, e) is not None:
        return "request" if _REQUEST_ZH.search(text, s, e) is not None else "record"
    latin = _EN_GATE.search(text, s, e) is not None
    if latin and _RECORD_EN.search(text, s, e) is not None:
        return "request" if _REQUEST_EN.search(text[s:e]) is not None else "record"
    if _REQUEST_ZH.search(text, s, e) is not None or _PAY_VERB_ZH.search(text, s, e) is not None:
        return "request"
    if latin and (
        _REQUEST_EN.search(text[s:e]) is not None or _PAY_VERB_EN.search(text, s, e) is not None
    ):
        return "request"
    return None


def _confirms_own_code(text: str) -> bool:
    """True for a one-time code confirming the reader's own operation: the code itself, a word
    that it is the reader's own (保密, 请勿泄露, 本人操作), nothing passing it on, no ask to pay."""
    return (
        _CODE_VALUE_ZH.search(text) is not None
        and _OWN_CODE_ZH.search(text) is not None
        and _PASS_CODE_ON_ZH.search(text) is None
        and _REQUEST_ZH.search(text) is None
    )


def message_mood(text: str) -> PaymentMood:
    """The mood of the message as a whole, for a sentence that has no cue of its own.

    - A one-time code confirming the reader's own operation (验证码 + 请勿泄露/保密/本人操作,
      nothing asking to pass the code on or to pay) is a ``record``: the payee it names is the
      one the reader chose ("转账验证码…。收款人：张三。…请勿泄露");
    - a message in which some sentence reports a movement of a stated sum and none asks or
      holds a paying verb is a ``record`` (a transaction notice's payee line, a remitter's note);
    - anything else is a ``request``: the ask in one sentence ("请将欠款转至以下账户。") governs the
      bare "户名：张三。账号：…" lines that follow it.

    Unclear reads as a request on purpose: payment-channel and fee rules read requests only, so
    a wrong ``record`` would silence them on a scam (a ``legitimate`` scam is the worst
    outcome), while a wrong ``request`` costs at most a false alarm on a genuine notice.

    >>> message_mood("转账验证码：123456。收款人：张三。请勿泄露。")
    'record'
    >>> message_mood("验证码123456，请告知客服以完成退款。收款人：张三。")
    'request'
    >>> message_mood("请将欠款转至以下账户。户名：张三。")
    'request'
    """
    if _confirms_own_code(text):
        return "record"
    saw_record = False
    s = 0
    n = len(text)
    while s <= n:
        m = _SENT_END.search(text, s)
        e = m.start() if m is not None else n
        if e > s:
            own = _own_mood(text, s, e)
            if own == "request":
                return "request"
            if own == "record" and not saw_record:
                saw_record = _SUM_RE.search(text, s, e) is not None
        if m is None:
            break
        s = m.end()
    return "record" if saw_record else "request"


def _with_mood(
    ctx: Context, items: list[tuple[int, int, PaymentInstruction]]
) -> list[tuple[int, int, PaymentInstruction]]:
    text = ctx.text
    # Most messages hold no record word and no code at all: then every instruction is a request.
    if (
        _RECORD_ZH.search(text) is None
        and _CODE_ZH.search(text) is None
        and (_EN_GATE.search(text) is None or _RECORD_EN.search(text) is None)
    ):
        return items
    code = _confirms_own_code(text)
    whole: list[PaymentMood] = []  # the message's mood, read once when first needed
    out = []
    seen: dict[tuple[int, int], PaymentMood] = {}  # sentence -> mood: one look per sentence
    for a, b, p in items:
        key = _sentence(text, a, b)
        mood = seen.get(key)
        if mood is None:
            if code:  # every sentence confirms the reader's operation unless it asks to pay
                own: PaymentMood | None = (
                    "request" if _REQUEST_ZH.search(text, *key) is not None else "record"
                )
            else:
                own = _own_mood(text, *key)
            if own is None:
                if not whole:
                    whole.append(message_mood(text))
                own = whole[0]
            mood = seen[key] = own
        if mood == "record":
            p = p.model_copy(update={"mood": "record"})
        out.append((a, b, p))
    return out


def extract_payments(
    ctx: Context, warned: WarnedIndex | None = None
) -> tuple[PaymentInstruction, ...]:
    """Find how and where the message tells the reader to pay.

    Card/account numbers need a cue before them (账号, 卡号, 转账至, 银行 …) or must look like a
    card (16-19 digits, card prefix, Luhn); order numbers, ID numbers and anything another
    extractor claimed (a link, a case number, a phone) are left alone. Each number is claimed
    with tag ``"card"``. An instruction lying inside a clause the message warns against or
    denies (``warned``, :mod:`.warnings`) is left out. ``luhn_ok`` is set for 16-19 digit unmasked numbers only. For gift
    cards, Zelle, Venmo and the like ``app`` holds the brand.

    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> from smscheck._text import normalize
    >>> from datetime import datetime
    >>> ctx = Context(nt=normalize("请转账至安全账户6222 0212 3456 7890 128，户名张三"),
    ...               locale="zh-CN", received_at=datetime(2024, 12, 1, tzinfo=SHANGHAI), tz=SHANGHAI)
    >>> [(p.kind, p.account_number or p.account_type or p.holder) for p in extract_payments(ctx)]
    [('transfer', None), ('account_type', 'safe'), ('bank_account', '6222021234567890128'), ('account_holder', '张三')]
    """
    text = ctx.text
    if not text:
        return ()
    items: list[tuple[int, int, PaymentInstruction]] = []
    has_account = _cards(ctx, items)
    _zh(ctx, items)
    if _EN_GATE.search(text) is not None:
        _en(ctx, items)
    if not items:
        return ()
    if has_account:  # _enrich changes nothing else
        items = _enrich(ctx, items)
    if warned:
        items = [x for x in items if not warned.covers(x[0], x[1])]
    items = _with_mood(ctx, items)
    items.sort(key=lambda x: (x[0], -x[1]))
    return tuple(p for _, _, p in items[:MAX_ITEMS])
