"""parse(): argument checking, empty and hostile input, JSON round-trip."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import smscheck
from smscheck import ParsedMessage, parse

CST = timezone(timedelta(hours=8))
AT = datetime(2024, 12, 13, 20, 46, tzinfo=CST)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (None, "text must be a str, not NoneType"),
        (b"abc", "text must be a str, not bytes (decode bytes first"),
        (123, "text must be a str, not int"),
        (["a"], "text must be a str, not list"),
    ],
    ids=["none", "bytes", "int", "list"],
)
def test_parse_rejects_non_str_text(bad: object, message: str) -> None:
    with pytest.raises(TypeError) as info:
        parse(bad)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)


def test_parse_rejects_non_str_sender() -> None:
    with pytest.raises(TypeError, match="sender must be a str or None, not int"):
        parse("hi", sender=95118)  # type: ignore[arg-type]


def test_parse_rejects_naive_received_at() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse("hi", received_at=datetime(2024, 12, 13, 20, 46))


def test_parse_rejects_unknown_locale() -> None:
    with pytest.raises(ValueError, match="unknown locale 'fr-FR'"):
        parse("hi", locale="fr-FR")


def test_parse_empty_text_gives_empty_message() -> None:
    p = parse("", received_at=AT)
    assert p.text == ""
    assert p.amounts == ()
    assert p.links == ()
    assert p.signatures == ()
    assert p.case_numbers == ()
    assert p.deadline is None
    assert p.sender.kind == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02\x1b[31m",
        "🙂🙃" * 50,
        "\u202e【京东金融】\u202c逾期",
        "a\ud800b\udc00",
        "[" * 5000 + "]" * 5000,
        "【" * 3000,
        "\u0301" * 1000,
        "\n\r\t" * 100,
    ],
    ids=[
        "controls",
        "emoji",
        "rtl",
        "lone-surrogates",
        "brackets",
        "open-brackets",
        "marks",
        "space",
    ],
)
def test_parse_hostile_text_returns_with_spans_inside(text: str) -> None:
    p = parse(text, received_at=AT)
    assert len(p.text) == len(text)
    p.model_dump_json()  # encodable even with lone surrogates (replaced one for one)
    for items in (p.signatures, p.amounts, p.dates, p.links, p.phone_numbers, p.case_numbers):
        for item in items:
            assert 0 <= item.span.start <= item.span.end <= len(text)


def test_parse_one_megabyte_returns() -> None:
    text = "【京东金融】您的白条已逾期3天，应还1,234.56元。" * 40_000
    assert len(text) > 1_000_000
    p = parse(text, received_at=AT)
    assert p.text == text


def test_parse_default_received_at_is_aware() -> None:
    assert parse("逾期").received_at.utcoffset() == timedelta(hours=8)
    assert parse("overdue").received_at.utcoffset() == timedelta(0)


def test_parse_result_round_trips_through_json() -> None:
    p = parse("【京东金融】您的白条已逾期3天，应还1,234.56元", sender="95118", received_at=AT)
    again = ParsedMessage.model_validate_json(p.model_dump_json())
    assert again == p


def test_parse_result_is_frozen() -> None:
    p = parse("hi", received_at=AT)
    with pytest.raises(Exception, match="frozen"):
        p.text = "other"  # type: ignore[misc]


def test_public_surface_is_exactly_all() -> None:
    import types

    public = {
        name
        for name, value in vars(smscheck).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)  # submodules appear as they are imported
        and name != "annotations"  # from __future__
    }
    extra = public - set(smscheck.__all__)
    assert not extra, f"public names missing from __all__: {sorted(extra)}"
    for name in smscheck.__all__:
        assert hasattr(smscheck, name)


def test_parse_str_and_datetime_subclasses_give_the_plain_message() -> None:
    class Text(str):
        pass

    class When(datetime):
        pass

    text = "【京东金融】您的白条已逾期3天，应还1,234.56元"
    at = datetime(2024, 12, 13, 20, 46, tzinfo=timezone.utc)
    plain = smscheck.parse(text, received_at=at)
    sub = smscheck.parse(Text(text), received_at=When(2024, 12, 13, 20, 46, tzinfo=timezone.utc))
    assert sub == plain
    assert type(sub.text) is str
    assert sub.model_dump_json() == plain.model_dump_json()
