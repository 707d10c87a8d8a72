"""Per-call state shared by the extractors of one ``parse`` (never shared between calls)."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo

from .._text import Normalized
from ..models import Span

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for
# every date a message can mention and needs no tzdata.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass
class Context:
    """What every extractor sees: the normalised text, locale, clock, and claimed ranges.

    Extractors run in a fixed order. An extractor that owns a piece of text (a link, a case
    number, a phone number, a card number, a tail, an amount) claims its range in NORMALISED
    offsets, so later extractors do not read a phone number as an amount or a case year as a date.
    """

    nt: Normalized
    locale: str
    received_at: datetime
    tz: tzinfo
    claimed: list[tuple[int, int, str]] = field(default_factory=list)
    # One bit per tag for every normalised character, so overlap tests cost the length of the
    # range asked about, not the number of claims (which grows with the text).
    _marks: array[int] | None = field(default=None, repr=False)
    _bits: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        """The normalised text."""
        return self.nt.text

    def span(self, start: int, end: int) -> Span:
        """Map a normalised range to a :class:`Span` of the original text."""
        a, b = self.nt.span(start, end)
        return Span(start=a, end=b)

    def original(self, start: int, end: int) -> str:
        """The original text behind a normalised range."""
        return self.nt.original_slice(start, end)

    def _bit(self, tag: str) -> int:
        bit = self._bits.get(tag)
        if bit is None:
            bit = 1 << min(len(self._bits), 31)
            self._bits[tag] = bit
        return bit

    def claim(self, start: int, end: int, tag: str) -> None:
        """Mark a normalised range as owned by an item of kind ``tag``."""
        self.claimed.append((start, end, tag))
        if self._marks is None:
            self._marks = array("I", [0]) * (len(self.nt.text) + 1)
        bit = self._bit(tag)
        marks = self._marks
        for i in range(max(start, 0), min(end, len(marks))):
            marks[i] |= bit

    def overlaps(self, start: int, end: int, tags: frozenset[str] | None = None) -> bool:
        """True when ``[start, end)`` overlaps a claimed range (of one of ``tags``)."""
        marks = self._marks
        if marks is None or end <= start:
            return False
        if tags is None:
            mask = 0xFFFFFFFF
        else:
            mask = 0
            for t in tags:
                mask |= self._bits.get(t, 0)
            if not mask:
                return False
        return any(m & mask for m in marks[max(start, 0) : end])
