"""Models built without validation (``models.trusted``, used on hot paths) are exactly the
objects validation builds: same ``__dict__`` (order included), same set of given fields."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from _cases import load_cases
from _models_helpers import assert_as_validated
from pydantic import BaseModel

import smscheck
from smscheck.models import Evidence, ParsedMessage, Span, parse_datetime, trusted

AT = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))
CASES = [c for name in ("zh-CN.yaml", "en-US.yaml") for c in load_cases(name)]


def _models(obj: Any) -> list[BaseModel]:
    found: list[BaseModel] = []
    if isinstance(obj, BaseModel):
        found.append(obj)
        for name in type(obj).model_fields:
            found.extend(_models(getattr(obj, name)))
    elif isinstance(obj, tuple):
        for item in obj:
            found.extend(_models(item))
    return found


def test_models_trusted_equals_validated() -> None:
    span = trusted(Span, {"start": 1, "end": 3}, {"start", "end"})
    assert span == Span(start=1, end=3)
    fields = {"leaf": "text.keywords", "text": "律师", "span": span, "field": None,
              "value": None, "pattern": "律师", "org_id": None}  # fmt: skip
    ev = trusted(Evidence, fields, {"leaf", "text", "span", "pattern"})
    assert_as_validated(ev)
    assert ev.model_dump_json() == Evidence(leaf="text.keywords", text="律师", span=span,
                                            pattern="律师").model_dump_json()  # fmt: skip
    with pytest.raises(Exception, match="frozen"):
        ev.leaf = "x"  # type: ignore[misc]


@pytest.mark.parametrize("case", CASES, ids=[str(c["name"]) for c in CASES])
def test_models_every_model_of_a_verdict_is_as_validated(case: dict[str, Any]) -> None:
    v = smscheck.check(case["text"], sender=case.get("sender"), received_at=AT)
    for item in _models(v):
        assert_as_validated(item)


@pytest.mark.parametrize(
    "offset",
    [
        timedelta(seconds=3601),
        timedelta(hours=23, minutes=59, seconds=59, microseconds=999999),
        -timedelta(hours=23, minutes=59, seconds=59, microseconds=999999),
        timedelta(microseconds=1),
        timedelta(hours=8),
        timedelta(0),
    ],
)
def test_models_received_at_offset_with_seconds_round_trips(offset: timedelta) -> None:
    at = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(offset))
    p = smscheck.parse("Pay $500 by Dec 20", received_at=at, locale="en-US")
    back = ParsedMessage.model_validate_json(p.model_dump_json())
    assert back == p
    assert back.received_at.utcoffset() == offset
    assert p.deadline is not None
    assert back.deadline is not None
    assert back.deadline.utcoffset() == p.deadline.utcoffset() == offset
    assert [d.start.utcoffset() for d in back.dates] == [d.start.utcoffset() for d in p.dates]


def test_models_whole_minute_offsets_are_written_as_before() -> None:
    """Only offsets with seconds take the longer form; UTC stays ``Z``."""
    for offset, written in ((timedelta(hours=8), "+08:00"), (timedelta(0), "Z")):
        p = smscheck.parse("x", received_at=datetime(2024, 1, 1, tzinfo=timezone(offset)))
        assert f'"received_at":"2024-01-01T00:00:00{written}"' in p.model_dump_json()


def test_models_parse_datetime_reads_what_isoformat_writes() -> None:
    for off in (timedelta(seconds=-61), timedelta(hours=-5), timedelta(microseconds=7)):
        d = datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=timezone(off))
        assert parse_datetime(d.isoformat()) == d
        assert parse_datetime(d.isoformat()).utcoffset() == off
    assert parse_datetime("2024-01-01T00:00:00Z").utcoffset() == timedelta(0)
    for bad, says in (
        ("2024-01-01T00:00:00+24:00:00", "strictly between"),
        ("2024-01-01T00:00:00+01:00+01:00:01", "two UTC offsets"),
        ("nope", "Invalid isoformat"),
    ):
        with pytest.raises(ValueError, match=says):
            parse_datetime(bad)


@pytest.mark.parametrize("make", ["check", "parse", "summarize"])
def test_models_lone_surrogates_in_sender_and_text_are_written(make: str) -> None:
    """Text and sender get one treatment: each lone surrogate becomes U+FFFD, offsets kept,
    and every evidence text is the slice of ``parsed.text`` its span names."""
    at = datetime(2024, 12, 13, tzinfo=timezone.utc)
    text = "请\ud800转账到安全账户\udcff，加微信"
    fn = {"check": smscheck.check, "parse": smscheck.parse}.get(make, smscheck.Checker().summarize)
    result = fn(text, sender="\ud800955\udcff88", received_at=at)
    out = result.model_dump_json()  # raised PydanticSerializationError
    assert type(result).model_validate_json(out) == result
    parsed = result if isinstance(result, ParsedMessage) else result.parsed
    assert parsed.text == "请\ufffd转账到安全账户\ufffd，加微信"
    assert parsed.sender.raw == "\ufffd955\ufffd88"
    if make == "check":
        assert result.hits
        for h in result.hits:
            for e in h.evidence:
                if e.span is not None and e.text is not None:
                    assert e.text == parsed.text[e.span.start : e.span.end]
