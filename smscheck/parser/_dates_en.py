"""English date mentions: the pattern, its fast scan, and the English readings.

Used by :mod:`smscheck.parser.dates` (which owns resolution and roles for both languages).
How the ambiguous English forms are read (``received_at`` in the message's zone, for en-US
the zone ``received_at`` carries):

- ``today``/``tonight``/``tomorrow`` are days; they are deadlines only after by/before/until/
  deadline/no later than, due dates after "due";
- ``by 5pm`` with no day is today's 5 pm, or tomorrow's when today's passed more than an hour
  before ``received_at``; ``midnight`` is the end of the day, ``noon`` 12:00;
- ``within N hours/days`` is a window ending ``N`` after ``received_at``, a deadline; ``in N
  hours/days`` is the same window, a deadline when an act (pay, call, verify…) or a
  consequence (suspended, locked, legal action…) stands in the same clause, a due date after
  "due", otherwise no deadline ("arrives in 3 days");
- ``04/12`` is month/day (US); ``12 Apr``, ``April 12`` take the year that fits the role;
- ``Friday``/``this Friday`` is the next Friday, today included (the last one for a
  transaction: "charged on Friday"); ``next Friday`` is the Friday of next week (Monday to
  Sunday); ``Sat``/``Sun``/``Mon`` alone are words, not days;
- ``EOD``, ``end of (the) day``, ``close of business`` are the end of today.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from .._text import fold_lower
from ..models import DateRole

EN_UNITS = {
    "hours": "h", "hour": "h", "hrs": "h", "minutes": "min", "minute": "min", "mins": "min",
    "days": "d", "day": "d", "business days": "wd", "working days": "wd", "weeks": "w",
    "week": "w", "months": "mo", "month": "mo",
}  # fmt: skip


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


MONTHS_EN = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_EN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)


def again(seps: str) -> str:
    """The separator matched 1 or 2 digits back, once more: ``(?P=sep)`` without a back
    reference, which ``re`` does not allow inside the lookbehind the patterns run in below."""
    return (
        "(?:"
        + "|".join(rf"(?<={re.escape(c)}\d{{{k}}}){re.escape(c)}" for c in seps for k in (1, 2))
        + ")"
    )


MASTER_EN_BODY = rf"""
    (?P<en_md>(?P<emon>{MONTH_EN})\ (?P<eday>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?:,?\ (?P<eyear>\d{{4}}))?)
    |(?P<en_dm>(?P<eday2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\ (?:of\ )?(?P<emon2>{MONTH_EN})\b(?:,?\ (?P<eyear2>\d{{4}}))?)
    |(?P<tri>(?P<ta>\d{{1,2}})(?P<tsep>[-/])(?P<tb>\d{{1,2}}){again("-/")}(?P<tc>\d{{4}}))
    |(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))
    |(?P<md>(?P<mm>1[0-2]|0?[1-9])/(?P<mdd>3[01]|[12]\d|0?[1-9]))
    |(?P<en_dur>(?P<edir>within|in)\ (?:the\ next\ )?(?P<en>\d{{1,3}}|one|two|three|a|an)\ (?P<eu>{_alt(EN_UNITS)}))
    |(?P<en_eod>(?:by\ )?(?:the\ )?(?:end\ of\ (?:the\ )?(?:day|today|business)|eod|close\ of\ business|cob)\b)
    |(?P<rel>today|tonight|tomorrow|yesterday)\b
    |(?P<en_wd>(?:(?P<ewn>this|next|coming)\ )?(?P<ewd>(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:tues?|wed|thu(?:rs?)?|fri)\b\.?))
    |(?P<en_mid>midnight|noon|midday)\b
    |(?P<en_time>(?P<eh>1[0-2]|0?[1-9])(?::(?P<emi>[0-5]\d))?\ ?(?P<eap>[ap]\.?m\.?)(?![a-z])
       |(?P<eh24>[01]?\d|2[0-4]):(?P<emi24>[0-5]\d))
"""
# English: the first match of MASTER_EN_BODY at or after a position, as ``finditer`` would
# find it. Every alternative is at least three characters long and starts with a digit or a
# word below (case-insensitively): a class of the first, second and third characters they can
# have is checked first, then from a lookbehind what each alternative needs at its start, and
# only then the whole pattern.
# What a lower-case letter matches under IGNORECASE: itself, its upper case and, for three
# letters, a Unicode case fold (tests/test_speed_dates_scan.py checks every letter).
FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def caseless(words: str) -> str:
    """The space-separated ``words`` as an alternation of case-sensitive classes matching what
    they match under IGNORECASE: unlike a case-insensitive pattern, it is skipped in C at a wrong
    first letter."""
    return "|".join(
        "".join(f"[{c}{c.upper()}{FOLDS.get(c, '')}]" for c in word) for word in words.split()
    )


EN_FIRST = r"\dABCDEFIJMNOSTWYabcdefijmnostwy\u0130\u0131\u017f"
EN_SECOND = r"ACEHILNOPRUYacehilnopruy\u0130\u0131"
EN_THIRD = r"\ BCDEGILMNOPRSTUVXYbcdegilmnoprstuvxy\u0130\u0131\u017f"
# Necessary at the start of each alternative: a digit; a month (then a day); within/in and a
# number; by/the and end of/eod/close of/cob; a day word.
EN_CAN_START = (
    rf"\d|(?:{caseless('jan feb mar apr may jun jul aug sep oct nov dec')})"
    r"[a-zA-Z\u0130\u0131\u017f]{0,6}\.?\ \d"
    rf"|(?:{caseless('within in')})\ (?:{caseless('the')}\ {caseless('next')}\ )?"
    rf"(?:\d|{caseless('one two three an a')})"
    rf"|(?:{caseless('by')}\ )?(?:{caseless('the')}\ )?"
    rf"(?:(?:{caseless('end close')})\ {caseless('of')}|{caseless('eod cob')})"
    rf"|{caseless('today tonight tomorrow yesterday')}"
    rf"|{caseless('this next coming mon tue wed thu fri sat sun')}"
    rf"|{caseless('midnight noon midday')}"
)


@cache
def scan_en() -> re.Pattern[str]:
    """The English scan, compiled on first use (a Chinese message never needs it)."""
    return re.compile(
        rf"[{EN_FIRST}](?:(?<=\d)(?s:..)|[{EN_SECOND}][{EN_THIRD}])"
        rf"(?<=(?=(?:{EN_CAN_START}))(?=(?i:{MASTER_EN_BODY}))(?s:...))",
        re.VERBOSE,
    )


EN_WORDNUM = {"one": 1, "two": 2, "three": 3, "a": 1, "an": 1}

SUFFIX_EN = re.compile(r"(?i) ?(?:at the latest|or earlier)")
ROLE_EN = (
    r"(?P<due>due date|payment due|due on|due)|(?P<hear>hearing|court)"
    r"|(?P<tx>statement date|charged|transaction)|(?P<dl>deadline|no later than|by|before|until)"
)


@cache
def role_re_en() -> re.Pattern[str]:
    return re.compile(ROLE_EN, re.IGNORECASE)


# What makes "in 24 hrs" a time to act by: an act asked for, or what happens if one does not.
_EN_ACT = re.compile(
    r"(?i)\b(?:pay|respond|reply|call|verify|confirm|update|settle|act|resolve|contact|"
    r"suspend|lock|clos|terminat|disabl|deactivat|block|cancel|freez|frozen|delet|forfeit|"
    r"revok|arrest|warrant|legal action|lawsuit|penalt|late fee|collections)"
)
_EN_CLAUSE_END = re.compile(r"[.!?;\n]")


def en_act_near(text: str, a: int, b: int) -> bool:
    """An act or a consequence in the clause around ``[a, b)``, within 48 characters."""
    lo = max(0, a - 48)
    ends = [m.end() for m in _EN_CLAUSE_END.finditer(text, lo, a)]  # at most 48 characters
    if ends:
        lo = ends[-1]
    hi = min(len(text), b + 48)
    end = _EN_CLAUSE_END.search(text, b, hi)
    if end is not None:
        hi = end.start()
    return _EN_ACT.search(text, lo, a) is not None or _EN_ACT.search(text, b, hi) is not None


EN_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def en_weekday(name: str, which: str | None, today: date, role: DateRole) -> date:
    """Friday / this Friday: the next one, today included (the last one, today included, for a
    transaction); next Friday: the Friday of next week (Monday to Sunday)."""
    k = EN_WEEKDAYS[fold_lower(name)[:3]]
    if which is not None and fold_lower(which) == "next":
        monday = today - timedelta(days=today.weekday())
        return monday + timedelta(weeks=1, days=k)
    if role in ("transaction", "overdue_since") and which is None:
        return today - timedelta(days=(today.weekday() - k) % 7)
    return today + timedelta(days=(k - today.weekday()) % 7)
