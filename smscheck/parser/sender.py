"""Classify a sender string (or a number written in the body) into a :data:`SenderKind`.

``phonenumbers`` knows ordinary mobiles, landlines and foreign numbers, but not the Chinese
service-number space: 106 SMS gateways of any length, 95xxx/96xxx service numbers, the 12368
court number, carrier and government short codes, or look-alikes of well-known numbers. Those
are handled here with plain digit rules first, and ``phonenumbers`` is imported (lazily, once)
only for foreign numbers and to validate landline area codes, so that ``import smscheck`` and
the common case (a Chinese mobile, 106 or 955xx sender) stay fast.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, NamedTuple

import regex

from .._bytecache import byte_cache
from ..models import Sender, SenderKind, trusted

__all__ = [
    "NumberInfo",
    "classify_digits",
    "classify_nanp_number",
    "classify_number",
    "classify_sender",
]

# Longest sender string we try to understand. Real senders are at most ~30 characters; a
# longer string is kept in ``raw`` and classified as unknown without looking at it further.
_MAX_SENDER = 200

# Carrier and government short codes people are told to trust (and scammers imitate).
_SHORT_CODES = frozenset(
    {
        "10086", "10085", "10010", "10011", "10016", "10000", "10001", "10099", "10046",
        "12321",  # MIIT spam/fraud reporting
        "12381",  # MIIT fraud early-warning SMS
        "12315", "12345", "12306", "12378", "12363", "12366", "12333", "12348", "12309",
        "96110",  # police anti-fraud hotline (DOMAIN.md §4.9)
        "110", "119", "120", "122", "114", "11185",
    }
)  # fmt: skip

# Carrier service numbers that a carrier's own 106 code may end with (1065810086).
_CARRIER_CODES = frozenset({"10086", "10010", "10000", "10001"})

# Well-known 95xxx numbers (banks, JD, payment networks, insurers): the base of look-alikes.
_WELL_KNOWN_95 = frozenset(
    {
        "95588", "95533", "95555", "95599", "95566", "95559", "95528", "95580", "95558",
        "95595", "95568", "95511", "95561", "95508", "95577", "95526", "95319", "95118",
        "95188", "95017", "95516", "95519", "95500", "95518",
    }
)  # fmt: skip

# Genuine service numbers longer than 5 digits (not look-alikes of a 5-digit one).
_KNOWN_LONG_95 = frozenset({"950618"})  # JD mall customer service

# Numbers reported as used by scammers, and the number they pretended to be.
# 95212234 posed as 湖南银保监局, whose real consumer hotline is 12378 (DOMAIN.md §4.2).
_KNOWN_SPOOFS = {"95212234": "12378"}

_LOOKALIKE_BASES = _SHORT_CODES | _WELL_KNOWN_95 | {"12368"}
_LOOKALIKE_BASES_5 = frozenset(b for b in _LOOKALIKE_BASES if len(b) >= 5)
# Tried in this fixed order, so the base found does not depend on the hash seed.
_LOOKALIKE_ORDER = tuple(sorted(_LOOKALIKE_BASES_5))

_VIRTUAL_PREFIXES = ("170", "171", "162", "165", "167")


@functools.cache
def _email() -> regex.Pattern[str]:
    """Compiled on first use: few senders are e-mail addresses."""
    return regex.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})+")


_PHONEISH = regex.compile(r"[\s+\-().\d/]+")
# The same on ASCII text (regex's \s there is exactly these five and the space), with ``re``.
_PHONEISH_ASCII = re.compile(r"[\t\n\v\f\r +\-().0-9/]+")
_HAS_LETTER = regex.compile(r"\p{L}")


# Channel labels in front of a named sender: "微信公众号：京东白条" names 京东白条.
@functools.cache
def _channel_label() -> regex.Pattern[str]:
    """Compiled on first use: most senders are numbers."""
    return regex.compile(
        r"^(?:微信)?(?:公众号|服务号|订阅号|小程序|服务通知|APP推送|App推送|app推送|推送)\s*[:：\-]\s*"
    )


_CONTROL = regex.compile(r"[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]+")


class NumberInfo(NamedTuple):
    """What the digit rules say about one number."""

    kind: SenderKind
    digits: str
    e164: str | None = None
    region: str | None = None
    embedded_service: str | None = None
    lookalike_of: str | None = None
    valid: bool = True  # False when the shape is right but the number cannot exist


_UNKNOWN = NumberInfo("unknown", "", valid=False)

prebuilt = trusted  # the name the parser modules import (models.trusted)


_pn: Any = None


def _phonenumbers() -> Any:
    """Import ``phonenumbers`` on first use (it costs ~25 ms) and keep the module."""
    global _pn
    if _pn is None:
        import phonenumbers

        _pn = phonenumbers
    return _pn


def _lookalike(d: str) -> str | None:
    """The well-known number ``d`` imitates: one digit added or inserted (100860, 1230368)."""
    if d in _KNOWN_SPOOFS:
        return _KNOWN_SPOOFS[d]
    if d in _LOOKALIKE_BASES or not 5 < len(d) <= 9:
        return None
    if d[:2] == "95" and d not in _KNOWN_LONG_95 and d[:5] in _WELL_KNOWN_95:
        return d[:5]  # 95 + 6 or more digits starting with a bank's number: 955880, 9555800
    if d[:-1] in _LOOKALIKE_BASES_5:
        return d[:-1]  # one digit appended: 100860, 100100, 123680
    for base in _LOOKALIKE_ORDER:
        # Digits inserted inside the number (1230368 for 12368): same first and last digit,
        # the base a subsequence of d, at most two extra digits.
        if len(d) - len(base) <= 2 and d[0] == base[0] and d[-1] == base[-1]:
            it = iter(d)
            if all(c in it for c in base):
                return base
    return None


def _landline(d: str) -> NumberInfo:
    pn = _phonenumbers()
    try:
        num = pn.parse(d, "CN")
        ok = bool(pn.is_valid_number(num)) and pn.number_type(num) in (
            pn.PhoneNumberType.FIXED_LINE,
            pn.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
    except Exception:  # phonenumbers raises NumberParseException and friends
        ok = False
    return NumberInfo("cn_landline", d, "+86" + d[1:] if ok else None, "CN", valid=ok)


@byte_cache(1 << 21)
def classify_digits(d: str) -> NumberInfo:
    """Classify a Chinese national number written as digits only (no +86 prefix).

    >>> classify_digits("106980095533").embedded_service
    '95533'
    >>> classify_digits("100860").lookalike_of
    '10086'
    """
    n = len(d)
    if n < 3 or not d.isdigit() or not d.isascii():
        return NumberInfo("unknown", d, valid=False)
    if d == "12368":
        return NumberInfo("cn_court_12368", d, region="CN")
    if d in _SHORT_CODES:
        return NumberInfo("short_code", d, region="CN")
    if d.startswith("106"):
        if n < 5 or n > 21:
            return NumberInfo("unknown", d, valid=False)
        # A 106 long code often ends with the service number of its owner: 10698009 + 5533.
        if n >= 10 and d.endswith("12368"):
            return NumberInfo("cn_court_12368", d, region="CN", embedded_service="12368")
        embedded = None
        if n >= 9:
            tail5, tail6 = d[-5:], d[-6:]
            if tail6 in _KNOWN_LONG_95:
                embedded = tail6
            elif tail5[:2] in ("95", "96") or tail5 in _CARRIER_CODES:
                embedded = tail5
        return NumberInfo("cn_bulk_106", d, region="CN", embedded_service=embedded)
    if d[:2] in ("95", "96") and 5 <= n <= 8:
        look = _lookalike(d)
        if d[:2] == "96" and n > 6 and look is None:
            return NumberInfo("unknown", d, valid=False)
        return NumberInfo("cn_service_95", d, region="CN", lookalike_of=look)
    if d[:3] in ("400", "800"):
        if n == 10:
            return NumberInfo("cn_400", d, "+86" + d, "CN")
        return NumberInfo("unknown", d, valid=False)
    if n == 11 and d[0] == "1" and d[1] in "3456789":
        kind: SenderKind = "cn_virtual_170" if d[:3] in _VIRTUAL_PREFIXES else "cn_mobile"
        return NumberInfo(kind, d, "+86" + d, "CN")
    if d[0] == "0" and d[1] != "0" and 10 <= n <= 12:
        return _landline(d)
    look = _lookalike(d)
    if look is not None:
        return NumberInfo("short_code", d, region="CN", lookalike_of=look)
    if d[0] == "1" and d[1] in "012" and n <= 6:
        return NumberInfo("short_code", d, region="CN")
    return NumberInfo("unknown", d, valid=False)


@byte_cache(1 << 20)
def _international(cc_and_number: str) -> NumberInfo:
    """Classify ``+<digits>`` with a country code other than 86."""
    pn = _phonenumbers()
    try:
        num = pn.parse("+" + cc_and_number, None)
    except Exception:  # not a number phonenumbers can read
        return NumberInfo("international", cc_and_number, valid=False)
    region = pn.region_code_for_number(num) or pn.region_code_for_country_code(num.country_code)
    if region in (None, "ZZ", "001"):
        region = None
    national = str(num.national_number)
    valid = bool(pn.is_valid_number(num))
    e164 = pn.format_number(num, pn.PhoneNumberFormat.E164) if valid else None
    return NumberInfo("international", national, e164, region, valid=valid)


def classify_number(written: str) -> NumberInfo:
    """Classify a phone-like string: digits with optional ``+``/``00`` prefix and separators.

    ``+86``/``0086``/``86`` (before a mobile) are stripped and the national number classified;
    any other country code gives ``international`` with its region.

    >>> classify_number("+86 138-1234-5678").kind
    'cn_mobile'
    >>> classify_number("+852 6123 4567").region
    'HK'
    """
    if len(written) > 64:
        return NumberInfo("unknown", "", valid=False)  # no phone number is written that long
    return _classify_number(written)


@byte_cache(1 << 21)
def _classify_number(written: str) -> NumberInfo:
    d = "".join(c for c in written if c.isdigit() and c.isascii())
    plus = written.lstrip().startswith("+")
    if plus or d.startswith("00"):
        rest = d if plus else d[2:]
        if rest.startswith("86"):
            if len(rest) <= 3:
                return NumberInfo("unknown", rest, valid=False)
            national = rest[2:]
            info = classify_digits(national)
            if info.kind == "unknown" and national[0] != "0" and 9 <= len(national) <= 11:
                # Landlines drop their trunk 0 after +86: +86 10 8888 6666 is 010-8888 6666.
                landline = classify_digits("0" + national)
                if landline.kind == "cn_landline" and landline.valid:
                    return landline
            return info
        if len(rest) < 4 or rest[0] == "0":
            return NumberInfo("unknown", rest, valid=False)
        return _international(rest)
    if len(d) == 13 and d.startswith("861") and d[3] in "3456789":
        return classify_digits(d[2:])
    return classify_digits(d)


@byte_cache(1 << 20)
def classify_nanp_number(written: str) -> NumberInfo:
    """Classify a number written the North American way (en-US messages): ``(202) 555-0123``.

    Numbers with a ``+``/``00`` prefix are classified as by :func:`classify_number`; otherwise
    10 digits, or 11 starting with 1, are read as a US/Canadian number (``international``
    with its region); anything else is unknown.

    >>> classify_nanp_number("1-800-555-0199").kind, classify_nanp_number("(202) 555-0123").region
    ('international', 'US')
    """
    if len(written) > 64:
        return NumberInfo("unknown", "", valid=False)
    if written.lstrip().startswith(("+", "00")):
        return classify_number(written)
    d = "".join(c for c in written if c.isdigit() and c.isascii())
    if len(d) == 11 and d[0] == "1":
        d = d[1:]
    if len(d) != 10 or d[0] in "01":
        return NumberInfo("unknown", d, valid=False)
    info = _international("1" + d)
    if info.region is None:
        return info._replace(region="US")
    return info


def _clean(raw: str) -> str:
    s = unicodedata.normalize("NFKC", raw[:_MAX_SENDER])
    if not (s.isascii() and s.isprintable()):  # printable ASCII holds no control character
        s = _CONTROL.sub("", s)
    return s.strip()


# Sender's fields with their defaults, in declaration order.
_SENDER_DEFAULTS: dict[str, Any] = {name: f.default for name, f in Sender.model_fields.items()}


# The fields a sender classified as a number gives.
_NUMBER_FIELDS = frozenset(_SENDER_DEFAULTS) - {"name"}


def _sender(**given: Any) -> Sender:
    """``Sender(**given)`` for values already valid, built without re-validation."""
    raw = given["raw"]
    if raw is not None and type(raw) is not str:  # a str subclass: let pydantic convert it
        return Sender(**given)
    fields = _SENDER_DEFAULTS.copy()
    fields.update(given)
    return prebuilt(Sender, fields, set(given))


def classify_sender(raw: str | None) -> Sender:
    """Classify the sender string a message came from.

    Never raises: ``None``, ``""``, garbage or a huge string give ``kind="unknown"``.

    Returns:
        A :class:`~smscheck.models.Sender` with ``raw`` as given.

    >>> s = classify_sender("106980095533")
    >>> s.kind, s.embedded_service
    ('cn_bulk_106', '95533')
    >>> classify_sender("微信公众号：京东白条").name
    '京东白条'
    """
    if raw is None or not isinstance(raw, str):
        return _sender(raw=None)
    if len(raw) > _MAX_SENDER:
        return _sender(raw=raw)
    s = _clean(raw)
    if not s:
        return _sender(raw=raw)
    if "@" in s and _email().fullmatch(s):
        return _sender(raw=raw, kind="email", name=s.lower())
    if (_PHONEISH_ASCII if s.isascii() else _PHONEISH).fullmatch(s):
        info = classify_number(s)
        if not info.digits:
            return _sender(raw=raw)
        if type(raw) is not str:
            return _sender(raw=raw, kind=info.kind, digits=info.digits, e164=info.e164,
                           region=info.region, embedded_service=info.embedded_service,
                           lookalike_of=info.lookalike_of)  # fmt: skip
        fields = {
            "raw": raw,
            "kind": info.kind,
            "digits": info.digits,
            "e164": info.e164,
            "region": info.region,
            "embedded_service": info.embedded_service,
            "lookalike_of": info.lookalike_of,
            "name": None,
        }
        return prebuilt(Sender, fields, set(_NUMBER_FIELDS))
    if _HAS_LETTER.search(s):
        name = _channel_label().sub("", s).strip() or s
        return _sender(raw=raw, kind="alphanumeric", name=name)
    return _sender(raw=raw)
