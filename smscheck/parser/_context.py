"""Per-call state shared by the extractors of one ``parse`` (never shared between calls)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from .._text import Normalized
from ..models import Span, trusted

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for
# every date a message can mention and needs no tzdata.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")

# A real message holds a handful of items of each kind. Past this many of one kind (tails,
# amounts, dates, organisations, legal facts, payment facts …) the input is junk or an attack;
# each extractor stops there, so a 1 MB message costs the scan, not the construction of
# hundreds of thousands of result models; 64 keeps a 1,000-character junk message within a few
# milliseconds. Phones and handles use the same bound (links have their own, MAX_LINKS).
MAX_ITEMS = 64


@dataclass(slots=True)
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
    # One byte mask per tag (1 = claimed), so an overlap test is a C-level ``find`` over the
    # range asked about, whatever the number of claims (which grows with the text).
    _masks: dict[str, bytearray] = field(default_factory=dict, repr=False)
    # The normalised text (``nt.text``), a plain attribute: extractors read it often.
    text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = self.nt.text

    def span(self, start: int, end: int) -> Span:
        """Map a normalised range to a :class:`Span` of the original text."""
        a, b = self.nt.span(start, end)
        return make_span(a, b)

    def original(self, start: int, end: int) -> str:
        """The original text behind a normalised range."""
        return self.nt.original_slice(start, end)

    def item(self, start: int, end: int) -> tuple[str, Span]:
        """``(self.original(start, end), self.span(start, end))``, mapping the range once."""
        a, b = self.nt.span(start, end)
        return self.nt.original[a:b], make_span(a, b)

    def claim(self, start: int, end: int, tag: str) -> None:
        """Mark a normalised range as owned by an item of kind ``tag``."""
        self.claimed.append((start, end, tag))
        mask = self._masks.get(tag)
        if mask is None:
            mask = self._masks[tag] = bytearray(len(self.nt.text) + 1)
        start, end = max(start, 0), min(end, len(mask))
        if end > start:
            mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int, tags: frozenset[str] | None = None) -> bool:
        """True when ``[start, end)`` overlaps a claimed range (of one of ``tags``)."""
        if end <= start or not self._masks:
            return False
        start = max(start, 0)
        for tag, mask in self._masks.items():
            if (tags is None or tag in tags) and mask.find(1, start, end) != -1:
                return True
        return False

    def mask(self, tags: frozenset[str]) -> bytearray:
        """A fresh mask of ``len(text)`` bytes, 1 where a range of one of ``tags`` is claimed.

        For extractors that add their own provisional ranges before claiming anything.
        """
        n = len(self.nt.text)
        found = [m for t, m in self._masks.items() if t in tags]
        if not found:
            return bytearray(n)
        if len(found) == 1:
            return found[0][:n]
        acc = 0
        for m in found:
            acc |= int.from_bytes(m, "little")
        return bytearray(acc.to_bytes(n + 1, "little")[:n])


@lru_cache(maxsize=4096)
def make_span(start: int, end: int) -> Span:
    """A :class:`Span` from offsets already known to be valid (``0 <= start``, ints).

    Built without re-validation (about a microsecond less per span, and a message has dozens):
    the same object pydantic would build, so equality and JSON round trips are unchanged.
    Spans are frozen values and a few thousand pairs of small offsets cover nearly every
    message, so the same object is handed out again for the same pair (0.07 µs instead of 0.6).
    """
    return trusted(Span, {"start": start, "end": end}, {"start", "end"})


make_model = trusted  # the parser's name for models.trusted (all fields given)
