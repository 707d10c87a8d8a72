"""Contact details in the body: phone numbers and handles (WeChat, QQ, Alipay, e-mail…).

``extract_handles`` runs before ``extract_phone_numbers`` and claims its ranges, so the digits
of a QQ number or of a mobile given as a WeChat ID are not reported again as a phone number.
Phone numbers are classified with the same digit rules as the sender
(:func:`~smscheck.parser.sender.classify_number`), so a court notice that tells the reader to
call a personal mobile shows up as ``kind="cn_mobile"``.
"""

from __future__ import annotations

import functools
import re

import regex

from ..models import Handle, HandleKind, PhoneNumber, PhoneRole
from ._context import MAX_ITEMS, Context, make_span
from .sender import _WELL_KNOWN_95, NumberInfo, classify_nanp_number, classify_number, prebuilt

__all__ = ["MAX_ITEMS", "extract_handles", "extract_phone_numbers"]


# --- handles ---------------------------------------------------------------------------------

_SEP = r"\s?(?:号码|号|ID|id|账号|帐号)?\s?(?:[:=]|是|为|搜索|搜)?\s?"
_HANDLE_PATTERNS: tuple[tuple[HandleKind, str], ...] = (
    (
        "wechat",
        (
            r"(?:微信|(?i:weixin|wechat))"
            + _SEP
            # A WeChat ID: a letter then 5-19 letters, digits, _ or -; or a mobile number.
            + r"(?P<v>[A-Za-z][A-Za-z0-9_\-]{5,19}|1[3-9]\d{9})(?![A-Za-z0-9_\-])"
        ),
    ),
    (
        "qq",
        # 5-12 digits, also written in groups (加QQ群 738 264 519; checked in _handle_value)
        r"(?<![A-Za-z])(?i:qq)(?:群)?"
        + _SEP
        + r"(?P<v>[1-9](?:\d{4,11}|\d{1,3}(?:[ \-]\d{2,4}){1,3}))(?![\d\-])",
    ),
    (
        "alipay",
        (
            r"支付宝(?:账户|帐户)?" + _SEP + r"(?P<v>[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9.\-]+"
            r"\.[A-Za-z]{2,24}|1[3-9]\d{9})(?![A-Za-z0-9])"
        ),
    ),
    (
        "telegram",
        (
            r"(?:(?i:telegram)|电报|飞机|(?<![A-Za-z])TG)(?:号|账号|ID|id)?"
            r"\s?(?:[:=]|@|是|为)\s?@?(?P<v>[A-Za-z][A-Za-z0-9_]{4,31})(?![A-Za-z0-9_])"
        ),
    ),
    (
        "whatsapp",
        (r"(?i:whats\s?app)(?:号码|号)?\s?[:=]?\s?(?P<v>\+?\d[\d \-]{5,18}\d)(?![\d])"),
    ),
    (
        "email",
        (
            r"(?<![A-Za-z0-9._%+\-])(?P<v>[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}"
            r"(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24})(?![A-Za-z0-9\-])"
        ),
    ),
)


@functools.cache
def _handle_re(rank: int) -> regex.Pattern[str]:
    """The pattern of ``_HANDLE_PATTERNS[rank]``, compiled on first use: a message names one
    kind of handle at most, usually none, so importing the module compiles none of them."""
    return regex.compile(_HANDLE_PATTERNS[rank][1])


# Literal words (in the lower-cased text) without which a pattern above cannot match.
_HINTS: dict[HandleKind, tuple[str, ...]] = {
    "wechat": ("微信", "weixin", "wechat"),
    "qq": ("qq",),
    "alipay": ("支付宝",),
    "telegram": ("telegram", "电报", "飞机", "tg"),
    "whatsapp": ("whats",),
    "email": ("@",),
}
# Cheap test before anything else, on the lower-cased text: most messages have no handle at
# all, and a pattern is only tried when one of its hints is in that text.
_HANDLE_HINT = re.compile("|".join(re.escape(h) for hints in _HINTS.values() for h in hints))


_HANDLE_FIELDS = frozenset(Handle.model_fields)


def _handle_value(kind: HandleKind, v: str) -> str:
    if kind in ("email", "alipay") and "@" in v:
        return v.lower()
    if kind == "whatsapp":
        return ("+" if v.startswith("+") else "") + _digits(v)
    if kind == "qq":
        return _digits(v)
    return v


def _digits(v: str) -> str:
    return "".join(c for c in v if c.isdigit())


def _qq_digits(v: str) -> str | None:
    """The number of a QQ value written in groups, or None when it is no QQ number: 5-12
    digits in all, and a lone group of fewer than 5 (QQ 2024年) is none."""
    digits = _digits(v)
    return digits if 5 <= len(digits) <= 12 else None


def extract_handles(ctx: Context) -> tuple[Handle, ...]:
    """Find WeChat/QQ/Alipay/Telegram/WhatsApp IDs and e-mail addresses; claim them ("handle").

    The span covers the ID itself, not the 微信/QQ label before it.

    Returns:
        The handles in order of appearance.

    >>> from datetime import datetime, timezone
    >>> from smscheck._text import normalize
    >>> ctx = Context(nt=normalize("加薇信abc_12345，QQ:123456789"), locale="zh-CN",
    ...               received_at=datetime(2024, 1, 1, tzinfo=timezone.utc), tz=timezone.utc)
    >>> [(h.kind, h.value) for h in extract_handles(ctx)]
    [('wechat', 'abc_12345'), ('qq', '123456789')]
    """
    text = ctx.text
    low = text.lower()
    if _HANDLE_HINT.search(low) is None:
        return ()
    # Every pattern's matches, then the earliest (and, at one start, the first pattern) wins.
    candidates: list[tuple[int, int, int, HandleKind, str]] = []
    for rank, (kind, _) in enumerate(_HANDLE_PATTERNS):
        for hint in _HINTS[kind]:
            if hint in low:
                break
        else:
            continue
        n = 0
        for m in _handle_re(rank).finditer(text):
            a, b = m.span("v")
            if kind == "qq" and _qq_digits(m.group("v")) is None:
                continue
            if not ctx.overlaps(a, b):
                candidates.append((a, rank, b, kind, m.group("v")))
                n += 1
                if n >= MAX_ITEMS:
                    break
    candidates.sort()
    out: list[Handle] = []
    last_end = -1
    for a, _, b, kind, value in candidates:
        if a < last_end:
            continue
        if len(out) >= MAX_ITEMS:
            break
        last_end = b
        ctx.claim(a, b, "handle")
        x, y = ctx.nt.span(a, b)
        fields = {
            "kind": kind,
            "value": _handle_value(kind, value),
            "text": ctx.nt.original[x:y],
            "span": make_span(x, y),
        }
        out.append(prebuilt(Handle, fields, set(_HANDLE_FIELDS)))
    return tuple(out)


# --- phone numbers ---------------------------------------------------------------------------

_NUMBER = regex.compile(
    r"""
    (?<![A-Za-z0-9*_@\#/.\-+%])                # not inside a word, masked number, path, decimal
    (?:\+\s?)?                                  # international prefix
    (?:\(\d{1,4}\)\s?)?                         # (0755) or (86)
    (?:(?:1\.)?\d{3}\.\d{3}\.\d{4}               # 757.658.1873, 1.800.432.1000 (NANP, dots)
    |\d+(?:[ \-]\d+)*)                          # digit groups, single space or dash between
    (?![A-Za-z0-9*_@]|[.,]\d)                   # not followed by letters, a mask or decimals
    """,
    regex.VERBOSE,
)
# What the number is, when the words just before it say so: not a phone number.
_NOT_PHONE_BEFORE = regex.compile(
    r"(?:尾号|末四位|后四位|末位|验证码|校验码|动态码|动态密码|密码|单号|订单|卡号|账号|帐号|账户|"
    r"帐户|编号|工号|身份证号?|证件号|案号|流水号|合同号|交易号|金额|余额|额度|积分|编码|代码|"
    r"邮编|(?i:code|order|card|account|ref))[^\d]{0,3}$"
)
_NOT_PHONE_AFTER = regex.compile(
    r"\s?(?:元|块|万|千|百|亿|美元|%|天|日|月|年|号(?!码)|期|笔|次|个|条|分|秒|小时|岁|人|倍|折|"
    r"克|斤|公斤|米|位|张|(?i:rmb|cny|usd|yuan|days?|km|kg))"
)
# Words that announce a number to call or text: they make 5-8 digit service numbers credible.
_PHONE_CUE = regex.compile(
    r"(?:拨打|致电|电话|热线|客服|联系|咨询|回复|发送|短信|来电|号码|拨|查询|核实|投诉|举报|详询|"
    r"(?i:call|tel|phone|text|sms))[^\d]{0,6}$"
)
# Words that offer the number to call, text, reply to or contact, just before it (a few
# non-digits between): the number's role is "callback".
_CALLBACK_CUE = regex.compile(
    r"(?:致电|拨打|回电|回拨|来电|联系|咨询|详询|热线|客服|电话|请电|拨)[^\d!?\n。！？]{0,10}$"
    r"|(?<![A-Za-z])(?i:call|text|contact|dial|reach|ring|phone|tel|hotline|helpline)"
    r"(?![A-Za-z])[^\d!?\n]{0,48}$"
)
_CALLBACK_WINDOW = 64
# A number listed as a branch's or shop's telephone in an address line (网点：城西支行，地址…，电话
# 0571-…) is a contact detail, not a number the message asks you to call: its sentence names a
# place and asks nobody to call ("请致电", "联系" would make it a callback again).
_LISTING_CUE = regex.compile(r"(?:电话|(?i:tel))[:：]?\s?$")
_PLACE = regex.compile(r"地址|网点|支行|分行|营业厅|营业部|门店|服务点")
_ASK_TO_CALL = regex.compile(
    r"致电|拨打|联系|咨询|详询|回电|回拨|来电|请电|请拨|(?i:call|contact|dial)"
)
_SENTENCE_END = regex.compile(r"[。！？；;!?\n](?=[^。！？；;!?\n]*$)")  # the last one
_SENTENCE_STOP = regex.compile(r"[。！？；;!?\n]")


def _listed_contact(text: str, pa: int, pb: int) -> bool:
    """Is the number at ``[pa, pb)`` a place's telephone listed in an address line (see
    _PLACE), with nothing in its sentence, before or after it, asking to call?"""
    lo = max(0, pa - _CALLBACK_WINDOW)
    if not _LISTING_CUE.search(text, lo, pa):
        return False
    end = _SENTENCE_END.search(text, lo, pa)
    start = end.end() if end is not None else lo
    hi = min(len(text), pb + _CALLBACK_WINDOW)
    stop = _SENTENCE_STOP.search(text, pb, hi)
    finish = stop.start() if stop is not None else hi
    return (
        _PLACE.search(text, start, pa) is not None
        and not _ASK_TO_CALL.search(text, start, pa)
        and not _ASK_TO_CALL.search(text, pb, finish)
    )


# Service numbers credible in the body even without a cue.
_BODY_KNOWN = _WELL_KNOWN_95 | {"12368", "10086", "10010", "96110", "12321", "12381", "12378"}
_PIECE = regex.compile(r"\+?\d\S{2,}")  # pieces of fewer than 3 characters are no number
_SHORT_KINDS = frozenset({"cn_service_95", "cn_court_12368", "short_code", "cn_bulk_106"})


def _accept(info: NumberInfo, written: str, cue: bool) -> bool:
    """Is this classified number plausibly a phone number in running text?"""
    kind = info.kind
    if kind in ("cn_mobile", "cn_virtual_170", "cn_400"):
        return True
    if kind == "cn_landline":
        return info.valid
    if kind == "international":
        prefixed = written.lstrip().startswith(("+", "00"))
        return (prefixed and len(info.digits) >= 6) or info.valid
    if kind in _SHORT_KINDS:
        if kind == "cn_bulk_106" and len(info.digits) >= 9:
            return True
        return cue or (info.digits in _BODY_KNOWN and info.lookalike_of is None)
    return False


_PHONE_FIELDS = frozenset(PhoneNumber.model_fields)

# A number offered as a callback with its last digits masked (详询:0411—395675xx, 客服
# 0571-2811XXXX): pages that quote a scam mask the digits, and a message may too. The number
# is still a callback number, only its last digits are unknown; ``digits`` keeps the mask as
# ``x``, so it can equal no published number. Read only after a callback cue, only when the
# known digits and the mask make a landline, mobile or 400 number.
# Bounded repeats (a number is at most 4 groups of at most 12 digits): with unbounded ones,
# "12 12 12 … x" made every group a start that ran to the end of the text (quadratic).
_MASKED_NUMBER = regex.compile(
    r"(?<![A-Za-z0-9*_@\#/.\-+%])(?P<k>\d{2,12}(?:[ \-\u2013\u2014]\d{1,12}){0,3})"
    r"(?P<m>[xX×*]{2,4})(?![A-Za-z0-9*_@×])"
)
_MASKED_KINDS = frozenset({"cn_landline", "cn_mobile", "cn_400", "cn_virtual_170"})


def _phone(ctx: Context, a: int, b: int, info: NumberInfo, role: PhoneRole) -> PhoneNumber:
    x, y = ctx.nt.span(a, b)
    fields = {
        "text": ctx.nt.original[x:y],
        "digits": info.digits,
        "kind": info.kind,
        "e164": info.e164,
        "region": info.region,
        "lookalike_of": info.lookalike_of,
        "span": make_span(x, y),
        "role": role,
    }
    return prebuilt(PhoneNumber, fields, set(_PHONE_FIELDS))


def extract_phone_numbers(ctx: Context) -> tuple[PhoneNumber, ...]:
    """Find the phone numbers written in the body and claim them (tag ``"phone"``).

    Not phone numbers: digits inside links, handles or case numbers (claimed earlier), card and
    account numbers, amounts, dates, masked numbers (138****5678), and numbers after 尾号,
    验证码, 单号 and similar words. Short service numbers (95xxx, 12368, 100xx and their
    look-alikes) count when a word such as 拨打/致电/客服 announces them, or when well known.

    Returns:
        The phone numbers in order of appearance.

    >>> from datetime import datetime, timezone
    >>> from smscheck._text import normalize
    >>> ctx = Context(nt=normalize("请致电138-1234-5678或拨打100860，尾号1234"), locale="zh-CN",
    ...               received_at=datetime(2024, 1, 1, tzinfo=timezone.utc), tz=timezone.utc)
    >>> [(p.digits, p.kind, p.lookalike_of) for p in extract_phone_numbers(ctx)]
    [('13812345678', 'cn_mobile', None), ('100860', 'short_code', '10086')]
    """
    text = ctx.text
    # An en-US message writes (202) 555-0123 and 1-800-555-0199, which the Chinese digit rules
    # would misread (18005550199 looks like a mobile).
    classify = classify_nanp_number if ctx.locale == "en-US" else classify_number
    out: list[PhoneNumber] = []
    for m in _NUMBER.finditer(text):
        a, b = m.span()
        if b - a < 3:
            continue
        written = m.group()
        whole = classify(written)
        spaced = " " in written
        if not spaced and whole.kind == "unknown":
            continue  # one piece, not a number (most digit runs: amounts, dates, counts)
        if spaced and not _accept(whole, written, True):
            # "95588 13812345678": two numbers side by side, tried whole first, then apart.
            pieces = [(a + p.start(), a + p.end(), p.group()) for p in _PIECE.finditer(written)]
        else:
            pieces = [(a, b, written)]
        for pa, pb, piece in pieces:
            info = whole if pb - pa == b - a else classify(piece)
            # Cheapest tests first: most digit runs are amounts, dates and counts.
            if info.kind == "unknown" or _NOT_PHONE_AFTER.match(text, pb):
                continue
            if ctx.overlaps(pa, pb):
                continue
            before = text[max(0, pa - 12) : pa]
            if _NOT_PHONE_BEFORE.search(before):
                continue
            offered = _CALLBACK_CUE.search(text, max(0, pa - _CALLBACK_WINDOW), pa) is not None
            if offered and _listed_contact(text, pa, pb):
                offered = False
            if not _accept(info, piece, offered or _PHONE_CUE.search(before) is not None):
                continue
            ctx.claim(pa, pb, "phone")
            out.append(_phone(ctx, pa, pb, info, "callback" if offered else "other"))
            if len(out) >= MAX_ITEMS:
                return tuple(out)
    if "x" in text or "X" in text or "×" in text or "*" in text:
        out.extend(_masked_callbacks(ctx, MAX_ITEMS - len(out)))
        out.sort(key=lambda p: p.span.start)
    return tuple(out)


def _masked_callbacks(ctx: Context, room: int) -> list[PhoneNumber]:
    """Callback numbers whose last 2-4 digits are masked (see ``_MASKED_NUMBER``)."""
    text = ctx.text
    out: list[PhoneNumber] = []
    for m in _MASKED_NUMBER.finditer(text):
        if len(out) >= room:
            break
        a, b = m.span()
        if ctx.overlaps(a, b) or _NOT_PHONE_BEFORE.search(text[max(0, a - 12) : a]):
            continue
        if _CALLBACK_CUE.search(text, max(0, a - _CALLBACK_WINDOW), a) is None:
            continue
        known = "".join(c for c in m.group("k") if c.isdigit() and c.isascii())
        mask = len(m.group("m"))
        info = classify_number(known + "0" * mask)
        if info.kind not in _MASKED_KINDS or (info.kind == "cn_landline" and not info.valid):
            continue
        ctx.claim(a, b, "phone")
        x, y = ctx.nt.span(a, b)
        fields = {
            "text": ctx.nt.original[x:y],
            "digits": known + "x" * mask,
            "kind": info.kind,
            "e164": None,
            "region": info.region,
            "lookalike_of": None,
            "span": make_span(x, y),
            "role": "callback",
        }
        out.append(prebuilt(PhoneNumber, fields, set(_PHONE_FIELDS)))
    return out
