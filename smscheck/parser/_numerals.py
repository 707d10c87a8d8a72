"""Numbers written with ASCII digits, Chinese numerals (everyday and 大写) or a mix of both.

Shared by the amount and date extractors. Every function returns ``None`` for anything it
cannot read or finds absurd instead of raising, and runs in time linear in its input.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Digit values, everyday and 大写 (financial) forms. 两/俩 are "two" before a unit.
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "O": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "俩": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 10**8, "億": 10**8, "兆": 10**12}

CN_DIGIT_CHARS = "".join(k for k in DIGITS if k != "O")
CN_UNIT_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
CN_NUM_CHARS = CN_DIGIT_CHARS + CN_UNIT_CHARS

# Longer than this many digits is not a sum of money or a date anyone writes.
MAX_DIGITS = 30

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\d]")


def _parse_tokens(text: str) -> Decimal | None:
    total = Decimal(0)  # everything closed by a big unit (万/亿/兆)
    section = Decimal(0)  # the part below the current big unit
    number: Decimal | None = None  # the pending digit(s)
    last_big = 0
    last_unit = 0  # the unit just closed, for 3万5 = 35000
    prev = ""  # kind of the previous token: digit, zero, unit
    after_unit = False  # the pending number came straight after a unit (3万5)
    for tok in _TOKEN.findall(text):
        if tok[0].isdigit():
            if number is not None:
                return None
            number = Decimal(tok)
            after_unit = prev == "unit"
            prev = "digit"
            continue
        if tok in DIGITS:
            d = DIGITS[tok]
            if prev == "digit" and number is not None:
                number = number * 10 + d  # 二零二四
            elif d == 0:
                prev = "zero"  # 一百零五: 零 only marks a gap
                continue
            else:
                number = Decimal(d)
                after_unit = prev == "unit"
            prev = "digit"
            continue
        if tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            section += (number if number is not None else Decimal(1)) * unit
        elif tok in BIG_UNITS:
            unit = BIG_UNITS[tok]
            if number is not None:
                section += number
            elif section == 0 and total == 0:
                section = Decimal(1)
            if last_big and unit > last_big:
                total = (total + section) * unit  # 1万亿
            else:
                total += section * unit
            last_big = unit
            section = Decimal(0)
        else:
            return None
        number = None
        last_unit = unit
        prev = "unit"
    if number is not None:
        # 3万5 / 1千2: a lone digit right after a unit counts in the next unit down.
        if after_unit and last_unit >= 100 and number < 10 and number == number.to_integral():
            number = number * (last_unit // 10)
        section += number
    return total + section


def parse_number(text: str) -> Decimal | None:
    """Read ``1,234.56``, ``1.2万``, ``3万5``, ``一万二千``, ``壹仟贰佰叁拾肆``, ``二零二四``.

    Returns:
        The value, or ``None`` when the text is not a number or absurdly long.

    >>> parse_number("1.2万"), parse_number("壹仟贰佰叁拾肆"), parse_number("3万5")
    (Decimal('12000.0'), Decimal('1234'), Decimal('35000'))
    """
    text = text.replace(",", "").replace(" ", "")
    if not text or len(text) > MAX_DIGITS + 8:
        return None
    if len(text) > MAX_DIGITS and sum(c.isdigit() for c in text) > MAX_DIGITS:
        return None
    if text.isdigit() or (text.count(".") == 1 and text.replace(".", "").isdigit()):
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    try:
        return _parse_tokens(text)
    except (InvalidOperation, ValueError):
        return None


def parse_small_int(text: str) -> int | None:
    """Read a small whole number (a day, month, hour, year): ``12``, ``十二``, ``二十三``, ``二零二四``.

    >>> parse_small_int("二十三"), parse_small_int("二零二四"), parse_small_int("12")
    (23, 2024, 12)
    """
    if not text or len(text) > 9:
        return None
    if text.isdigit():
        return int(text)
    value = parse_number(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


# Clause boundaries for role look-ups: punctuation, but not the . or , inside a number. (The
# same as ``[;!?。；！？\n]|(?<!\d)[,.]|[,.](?!\d)``, written to start with a character class,
# which lets ``re`` skip to the next candidate character in C.)
CLAUSE_END = re.compile(r"[;!?。；！？\n,.](?:(?<=[;!?。；！？\n])|(?<!\d[,.])|(?!\d))")
# The last clause end in a range: the greedy ``.*`` backs off from the range's end.
_LAST_CLAUSE_END = re.compile(r"(?s:.*)" + CLAUSE_END.pattern)


class KeywordIndex:
    """Keyword hits near an item, limited to the item's clause.

    Scans only small windows around each item (never the whole text per item), so the cost of
    a look-up is bounded by its reach whatever the message length.
    """

    __slots__ = ("_after", "_before", "_pattern", "_text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern = pattern
        self._text = text
        self._before: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        self._after: dict[tuple[int, int], tuple[int, int, str] | None] = {}

    def before(self, a: int, reach: int) -> list[tuple[int, int, str]]:
        """Hits ending at or before ``a``, within ``reach`` characters and the same clause.

        Look-ups are memoised per index (one message): the list returned is shared.
        """
        hits = self._before.get((a, reach))
        if hits is None:
            hits = self._before[a, reach] = self._scan_before(a, reach)
        return hits

    def _scan_before(self, a: int, reach: int) -> list[tuple[int, int, str]]:
        text = self._text
        lo = a - reach if a > reach else 0
        cut = _LAST_CLAUSE_END.match(text, lo, a)
        if cut is not None:
            lo = cut.end()
        return [
            (m.start(), m.end(), m.lastgroup or m.group())
            for m in self._pattern.finditer(text, lo, a)
        ]

    def last_before(self, a: int, reach: int) -> str | None:
        """The word (or group name) of the last of :meth:`before`'s hits, if any."""
        hits = self.before(a, reach)
        return hits[-1][2] if hits else None

    def after(self, b: int, reach: int) -> tuple[int, int, str] | None:
        """The first hit starting at or after ``b``, within ``reach`` and the same clause."""
        key = (b, reach)
        if key in self._after:
            return self._after[key]
        hit = self._after[key] = self._scan_after(b, reach)
        return hit

    def _scan_after(self, b: int, reach: int) -> tuple[int, int, str] | None:
        hi = min(len(self._text), b + reach)
        c = CLAUSE_END.search(self._text, b, hi)
        if c is not None:
            hi = c.start()
        m = self._pattern.search(self._text, b, hi)
        return None if m is None else (m.start(), m.end(), m.lastgroup or m.group())
