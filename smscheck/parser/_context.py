"""Per-call state shared by the extractors of one ``parse`` (never shared between calls)."""

from __future__ import annotations

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

    def claim(self, start: int, end: int, tag: str) -> None:
        """Mark a normalised range as owned by an item of kind ``tag``."""
        self.claimed.append((start, end, tag))

    def overlaps(self, start: int, end: int, tags: frozenset[str] | None = None) -> bool:
        """True when ``[start, end)`` overlaps a claimed range (of one of ``tags``)."""
        for a, b, t in self.claimed:
            if a < end and start < b and (tags is None or t in tags):
                return True
        return False
