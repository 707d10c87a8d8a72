"""From a raw SMS to a :class:`~smscheck.models.ParsedMessage`. Knows nothing about rules."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from .._text import Normalized, clean_input, normalize
from ..models import ParsedMessage
from ._context import SHANGHAI, Context, make_model
from .amounts import extract_amounts
from .contacts import extract_handles, extract_phone_numbers
from .dates import extract_dates, pick_deadline
from .debt import (
    classify_topics,
    extract_overdue_days,
    extract_products,
    extract_tails,
    find_creditor,
)
from .legal import extract_case_numbers, extract_legal, extract_organisations
from .links import extract_links
from .payments import extract_payments
from .sender import classify_sender
from .signatures import extract_signatures
from .warnings import WarnedIndex, extract_cautions, warned_ranges

__all__ = ["parse", "parse_with_text", "resolve_locale", "resolve_time"]

_LOCALES = ("zh-CN", "en-US")
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_ASCII_LETTER = re.compile("[A-Za-z]")


def resolve_locale(text: str, locale: str | None) -> str:
    """Return ``locale`` checked, or guess it from the script: any Han character means zh-CN."""
    if locale is None:
        # Only the first 2,000 characters are looked at.
        if _HAN.search(text, 0, 2000) is not None:
            return "zh-CN"
        return "en-US" if _ASCII_LETTER.search(text, 0, 2000) is not None else "zh-CN"
    if not isinstance(locale, str):
        raise TypeError(
            f"locale must be a str such as 'zh-CN' or 'en-US', not {type(locale).__name__}"
        )
    for known in _LOCALES:
        if locale.lower().replace("_", "-") in (known.lower(), known[:2].lower()):
            return known
    raise ValueError(f"unknown locale {locale!r}: use 'zh-CN' or 'en-US'")


def resolve_time(received_at: datetime | None, locale: str) -> datetime:
    """Check ``received_at`` (aware) or default it to now: Asia/Shanghai for zh-CN, UTC for en-US."""
    if received_at is None:
        return datetime.now(SHANGHAI if locale == "zh-CN" else timezone.utc)
    if not isinstance(received_at, datetime):
        raise TypeError(
            f"received_at must be a timezone-aware datetime, not {type(received_at).__name__}"
        )
    if received_at.tzinfo is None or received_at.tzinfo.utcoffset(received_at) is None:
        raise ValueError(
            "received_at must be timezone-aware, e.g. datetime(2024, 12, 13, 20, 46, "
            "tzinfo=timezone(timedelta(hours=8)))"
        )
    return received_at


def check_args(text: object, sender: object) -> None:
    """Raise ``TypeError`` with a plain message for arguments of the wrong type."""
    if not isinstance(text, str):
        hint = (
            " (decode bytes first, e.g. data.decode('utf-8'))"
            if isinstance(text, (bytes, bytearray))
            else ""
        )
        raise TypeError(f"text must be a str, not {type(text).__name__}{hint}")
    if sender is not None and not isinstance(sender, str):
        raise TypeError(f"sender must be a str or None, not {type(sender).__name__}")


def parse(
    text: str,
    *,
    sender: str | None = None,
    received_at: datetime | None = None,
    locale: str | None = None,
) -> ParsedMessage:
    """Extract every fact the rules use from one message.

    Returns:
        A frozen :class:`ParsedMessage`; spans point into ``text``.

    Raises:
        TypeError: ``text`` is not a ``str`` or ``sender`` is not a ``str``/``None``.
        ValueError: ``received_at`` is naive, or ``locale`` is unknown.

    >>> from datetime import datetime, timezone, timedelta
    >>> p = parse("【京东金融】您的白条已逾期3天", sender="95118",
    ...           received_at=datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8))))
    >>> p.sender.kind, p.signatures[0].name, p.overdue_days[0].days
    ('cn_service_95', '京东金融', 3)
    """
    return parse_with_text(text, sender=sender, received_at=received_at, locale=locale)[0]


def parse_with_text(
    text: str,
    *,
    sender: str | None = None,
    received_at: datetime | None = None,
    locale: str | None = None,
) -> tuple[ParsedMessage, Normalized]:
    """Like :func:`parse`, also returning the :class:`Normalized` text (for the rule engine,
    which maps matches on the normalised text back to the original without normalising twice).
    """
    check_args(text, sender)
    loc = resolve_locale(text, locale)
    when = resolve_time(received_at, loc)
    clean = clean_input(text)
    nt = normalize(clean)
    tz = SHANGHAI if loc == "zh-CN" else when.tzinfo
    assert tz is not None
    ctx = Context(nt=nt, locale=loc, received_at=when, tz=tz)

    # Order matters: each extractor claims what it owns so later ones skip it.
    links = extract_links(ctx)
    case_numbers = extract_case_numbers(ctx)
    handles = extract_handles(ctx)
    phones = extract_phone_numbers(ctx)
    tails = extract_tails(ctx)
    warned = warned_ranges(nt.text)  # reads the text only: claims nothing, needs nothing claimed
    payments = extract_payments(ctx, WarnedIndex(warned))
    amounts = extract_amounts(ctx)
    dates = extract_dates(ctx)
    organisations = extract_organisations(ctx)
    signatures = extract_signatures(ctx)
    legal = extract_legal(ctx)
    overdue = extract_overdue_days(ctx)
    products = extract_products(ctx)
    cautions = extract_cautions(ctx, warned)
    fields = {
        "signatures": signatures,
        "amounts": amounts,
        "dates": dates,
        "deadline": pick_deadline(dates),
        "payment_instructions": payments,
        "links": links,
        "phone_numbers": phones,
        "handles": handles,
        "case_numbers": case_numbers,
        "organisations": organisations,
        "legal": legal,
        "tails": tails,
        "overdue_days": overdue,
        "products": products,
    }
    creditor = find_creditor(ctx, organisations, signatures, products)
    topics = classify_topics(ctx, fields)
    # The sender gets the text's treatment: lone surrogates become U+FFFD (see models.py).
    sender_info = classify_sender(sender if sender is None else clean_input(sender), loc)
    values = {"text": clean, "normalized": nt.text, "locale": loc, "received_at": when,
              "sender": sender_info, **fields, "creditor": creditor, "topics": topics,
              "cautions": cautions}  # fmt: skip
    if type(clean) is str and type(when) is datetime:
        # Every value is what validation would return (items were built by their
        # extractors, in field order): skip re-validating the whole message.
        msg = make_model(ParsedMessage, values)
    else:  # a str or datetime subclass: validation makes the plain types
        msg = ParsedMessage(**values)
    return msg, nt
