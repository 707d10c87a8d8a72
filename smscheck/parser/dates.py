"""Dates, times and deadlines, resolved against ``received_at`` in the message's time zone.

Every mention becomes an interval of aware datetimes in ``ctx.tz``:

- a day (``12月20日``, ``明天``, ``20日``) is ``[00:00, next day 00:00)``;
- a moment (``17:00``, ``下午5点``, ``今日24点``) is a zero-length interval ``[t, t]``;
  ``24点``/``24时`` is the next day's 00:00;
- a part of a day (``今晚``) is that part: morning 06-12, noon 11-13, afternoon 12-18,
  evening 18-24, early morning 00-06;
- a window (``3日内``, ``48小时内``, ``3个工作日内``, ``within 24 hours``) is
  ``[received_at, received_at + length]``; working days skip Saturdays and Sundays and end at the
  end of the last working day;
- ``逾期3天`` is ``[received_at - 3 days, received_at]`` with role ``overdue_since``;
- a week or month end (``本周内``, ``月底前``, ``年底前``) is the last day of that period.

**前 after a date includes that date.** ``12月20日前`` (and 之前/以前, ``by Dec 20``) reads
"by the end of 20 December", the way Chinese repayment notices use it: the mention is the day
``[20 Dec 00:00, 21 Dec 00:00)`` with role ``deadline``, and :func:`pick_deadline` gives
21 Dec 00:00 (exclusive). After a moment, ``今日24点前`` / ``下午5点前`` mean that moment.
After a length, 前 means "ago" (``5天前``) and 内 means "within"; but after a bare month
number it means "by the end of that month" (``6月之前``; ``6个月之前`` is six months ago), as
``20日前`` means "by the 20th". ``12月底``/``明年6月底`` is that month's last day, ``半个月``
15 days, ``两个半月`` two months and 15 days.

A month-day date without a year takes the year that puts it in the past for a bill or
transaction date and in the future (today included) for a due date or deadline; otherwise
the nearest of last year, this year and next year. A day without a month (``20日``) does the
same with the months around ``received_at``.

Roles come from the words around a mention: 前/之前/以前/内/截止/最迟/请于…, or 必须/务必
right after it → ``deadline``; 今天/今日/当天/明天 followed by an act (处理, 还款, 联系…) →
``deadline`` (a bare 今天 is just a day); 到期还款日/还款日/到期日 → ``due_date``; a deduction
still to come (将于X月X日…自动扣款, 本月X日扣款, 每月X日自动还款) → ``due_date`` (one already
made, or followed by 成功/失败, → ``transaction``); 逾期X天 → ``overdue_since``;
开庭/出庭/到庭/传唤 → ``hearing``; 消费/交易/账单日/支出/入账 → ``transaction``. English
mentions and their readings are in :mod:`smscheck.parser._dates_en`.

Never a date: a case number's ``(2024)``, a number claimed as an amount, phone, tail, card or
link, an impossible date (``13月45日``, ``2月30日``, ``99999年``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal

from .._bytecache import byte_cache
from .._text import fold_lower
from ..models import DateMention, DateRole, trusted
from ._context import MAX_ITEMS, Context, make_span
from ._dates_en import (
    EN_UNITS,
    EN_WORDNUM,
    MONTHS_EN,
    SUFFIX_EN,
    again,
    en_act_near,
    en_weekday,
    role_re_en,
    scan_en,
)
from ._numerals import KeywordIndex, parse_small_int
from ._trie import literal_trie

__all__ = ["extract_dates", "pick_deadline"]

_FOREIGN_TAGS = frozenset({"link", "case", "handle", "phone", "tail", "card", "amount"})

_CN = "零〇一二两三四五六七八九十"
_DAY_WORDS = {
    "今天": 0, "今日": 0, "当天": 0, "当日": 0, "今晚": 0, "今早": 0, "今晨": 0, "今夜": 0,
    "明天": 1, "明日": 1, "明早": 1, "明晚": 1, "次日": 1, "后天": 2, "大后天": 3,
    "昨天": -1, "昨日": -1, "昨晚": -1, "前天": -2, "大前天": -3,
    "today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1,
}  # fmt: skip
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5,
             "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}  # fmt: skip
_UNITS = {
    "个工作日": "wd", "工作日": "wd", "个小时": "h", "小时": "h", "个钟头": "h", "钟头": "h",
    "分钟": "min", "天": "d", "日": "d", "周": "w", "个星期": "w", "星期": "w", "个礼拜": "w",
    "个月": "mo", "月": "mo", "年": "y",
    **EN_UNITS,
}  # fmt: skip


_NUMW = rf"\d{{1,3}}个半|[{_CN}]{{1,3}}个半|\d{{1,3}}|[{_CN}]{{1,3}}|半"
_YEAR = rf"\d{{4}}|\d{{2}}|[{_CN}千]{{2,5}}"
_MON = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|初[一二三四五六七八九十]"
_AMPM = r"上午|下午|中午|晚上|凌晨|早上|早晨|傍晚|夜里|夜间|晚间|半夜|早间|午后"


_DUR_UNIT = literal_trie(u for u in _UNITS if not u.isascii())
_MASTER_BODY = rf"""
    (?P<od>逾期(?:已|已经)?(?:达)?(?P<odn>\d{{1,4}}|[{_CN}]{{1,3}})(?:天|日))
    |(?P<dur>(?P<dn>{_NUMW})(?P<du>{_DUR_UNIT})
        (?P<dd>之内|以内|内|之前|以前|前|之后|以后|后))
    |(?P<lunar>农历|正月|腊月|冬月|大年)
    |(?P<ymd>(?:(?P<y>{_YEAR})年)?(?P<m>{_MON})月份?(?P<d>{_DAY})(?P<ds>[日号])?)
    |(?P<iso>(?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}}){again("-/.")}(?P<id>\d{{1,2}})
        |(?P<iy2>\d{{4}})\ (?P<im2>\d{{2}})\ (?P<id2>\d{{2}}))
    |(?P<tri>(?P<ta>\d{{1,2}})(?P<tsep>[-/.])(?P<tb>\d{{1,2}}){again("-/.")}(?P<tc>\d{{4}}|\d{{1,2}}))
    |(?P<md>(?P<mm>1[0-2]|0?[1-9])/(?P<mdd>3[01]|[12]\d|0?[1-9]))
    |(?P<end>(?:(?P<endy>明年|今年|\d{{4}}年)?(?P<endm>{_MON})|本|这个|当)?月(?:底|末)|(?P<endny>今年|明年)年?[底末]|年[底末]|本周末|这周末|周末)
    |(?P<week>(?P<wk>上上个?|下下个?|上个?|下个?|本|这个?)?(?:周|星期|礼拜|週|禮拜)(?P<wd>[一二三四五六日天]))
    |(?P<wkonly>本周|这周|下周|下个星期|这个星期)
    |(?P<rel>{literal_trie(k for k in _DAY_WORDS if not k.isascii())})(?!头条|之后)
    |(?P<day>(?:本月|这个月|当月|下月|下个月|每月)?(?P<dn2>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(?P<dsx>[日号]))
    |(?P<time>(?P<ap>{_AMPM})?(?P<h>\d{{1,2}}|[{_CN}]{{1,3}})
        (?:(?P<hsep>[点时])(?:(?P<mi>\d{{1,2}}|[{_CN}]{{1,3}})分?(?:(?P<se>\d{{1,2}})秒)?|(?P<half>半|一刻|三刻|整))?
          |:(?P<mi2>[0-5]\d)(?::(?P<se2>[0-5]\d))?))
"""
# Every alternative of the two bodies is one named group spanning the whole mention, so a
# match's ``lastgroup`` names the kind of mention and ``span(lastgroup)`` is its range.
#
# Chinese: a mention is tried only where one can start, at each match of a scan for triggers
# (the first digit of a digit run, the first of a run of Chinese numerals, or a date word),
# skipping triggers inside the previous mention. _SCAN_ZH finds, from a position of that scan,
# the next trigger that starts a mention or is a word of two or more characters (after which
# the scan goes on past the word's end); a one-character trigger that starts no mention is
# passed over in C, where the scan would go on at the next character anyway. A leading
# character class (rather than a lookahead) lets ``re`` skip to the next candidate character;
# from a lookbehind the pattern captures the trigger and looks ahead for a mention at its start.
_TRIGGER_NUMERAL = rf"(?<![\d.,])\d|(?<![{_CN}千])[{_CN}千半]"
_TRIGGER_WORDS = (
    "逾期|农历|正月|腊月|冬月|大年|大后天|大前天|明年|本月|这个月|这个星期|这周|这个周|当月|下月|下个|上个|上上"
    "|下下|每月|月底|月末|年底|年末|今年|本周|下周|上周|周|星期|礼拜|週|禮拜|今天|今日|当天|当日|今晚"
    "|今早|今晨|今夜|明天|明日|明早|明晚|次日|后天|昨天|昨日|昨晚|前天|上午|下午|中午|晚上|凌晨|早上"
    "|早晨|傍晚|夜里|夜间|晚间|半夜|早间|午后"
)
# No word is a prefix of another, so at most one matches at a position: as a prefix tree the
# words match the same, with fewer branches to try.
_TRIGGER = f"{_TRIGGER_NUMERAL}|{literal_trie(_TRIGGER_WORDS.split('|'))}"
# A trigger longer than one character: not a numeral, so a word, and not one of the two
# one-character words 周 and 週.
_LONG_TRIGGER = rf"(?!{_TRIGGER_NUMERAL})[^周週]"
# Most triggers are digits of a phone number, an amount or a link, or 逾期 in a threat. What a
# mention starting with a numeral has right after its first number (at most 4 digits, or 5
# Chinese numerals): 年/月/日/号, 点/时/":", a date separator and a digit, or a unit of _UNITS
# and 内/前/后…; after 逾期, a number. Checked before the whole master pattern is tried. (Keep
# this in step with _MASTER_BODY.)
_MENTION_CAN_START = (
    rf"\d{{1,4}}(?:[年月日号点时:]|[\-/.]\d|\ \d\d\ \d\d|(?:{_DUR_UNIT})[之以内前后]|个半)"
    rf"|[{_CN}千][{_CN}千个半]{{0,4}}(?:[年月日号点时:]|(?:{_DUR_UNIT})[之以内前后])"
    rf"|逾期(?:已|已经)?(?:达)?[\d{_CN}]"
    rf"|(?![\d{_CN}千逾])"
)
_SCAN_ZH = re.compile(
    rf"[\d{_CN}千半逾农正腊冬大本这当下上每月年今周星礼週禮明次后昨前中晚凌早傍夜午]"
    rf"(?<=(?=(?P<_trigger>{_TRIGGER}))"
    rf"(?:(?={_MENTION_CAN_START})(?={_MASTER_BODY})|(?={_LONG_TRIGGER}))(?s:.))",
    re.VERBOSE,
)
_SUFFIX = re.compile(r"(?:之前|以前|前|之内|以内|内|为止|止)")
# After a window (3分钟内, 1-3个工作日内): the sender's own step, an estimate and not the reader's
# deadline: money arriving, a refund going back, a review finished, a reply. (Not 送达, 寄出, 生效
# or 联系您: "传票将于24小时内送达", "诉讼将在24小时内生效" are the threats deadlines are read for.)
_ETA = re.compile(
    r"[,，]?\s?(?:即可|将|会)?(?:到账|到帐|入账|入帐|原路退回|原路返还|退回|退还|返还|完成审核|审核完成|审核完毕|回复您(?![的家]))"
)
# An act asked for right after 今天/今日/当天/明天 (请今天处理, 当天必须还款).
_ACT_AFTER = re.compile(
    r"(?:请|务必|必须|须|需|要|尽快|全额|一次性){0,2}"
    r"(?:处理|还款|还清|结清|缴清|缴纳|付款|支付|转账|联系|回电|还上|办理|归还|偿还)"
)
_GAP_TIME = re.compile(r" ?(?:的)?")

# Role words and the role they name, in the order they are tried at a position (a plain
# alternation of literals: ``re`` skips in C to where one can start).
_ROLE_WORDS_ZH = {
    "due": ("到期还款日", "最后还款日", "还款日", "到期日", "还款期限", "还款截止日"),
    "hear": ("开庭", "出庭", "到庭", "传唤", "到案", "到场", "听证"),
    "tx": ("消费", "交易", "账单日", "出账日", "支出", "扣款", "入账", "转账", "刷卡"),
    "dl": ("截止", "截至", "最迟", "最晚", "务必", "须于", "需于", "请于", "请在", "必须", "限期"),
    "dueafter": ("为到期还款日", "为还款日", "到期"),
    # a scheduled deduction: 将于12月20日…自动扣款, 本月20日扣款 (the due date, not one to act by)
    "will": ("将于", "将在", "预计于", "预计在", "拟于"),
    "autodebit": ("自动扣款", "自动还款", "自动划扣", "代扣", "划扣"),
}
_ROLE_OF_WORD = {w: name for name, words in _ROLE_WORDS_ZH.items() for w in words}
_ROLE_RE_ZH = re.compile("|".join(_ROLE_OF_WORD))


# Case numbers defend themselves even when the case extractor has not claimed them.
_TITLE = re.compile(r"《[^》]{0,40}》")
_CASE_SHAPE = re.compile(r"[(（〔\[]\d{4}[)）〕\]][^\s,，。;；]{0,16}?\d{1,12}号")
# A day-only 号/日 preceded by these is a number of something else (3号楼 is checked after).
_BAD_BEFORE_DAY = re.compile(r"[\dA-Za-z第初字编卡账单尾号.\-/:]$")
_BAD_AFTER_HAO = re.compile(r"[楼线店房门窗口院机位床码文令卡字台车馆厅栋座室仓库]")

_PARTS = {
    "上午": (6, 12), "早上": (6, 12), "早晨": (6, 12), "早间": (6, 12), "今早": (6, 12),
    "今晨": (6, 12), "明早": (6, 12), "中午": (11, 13), "下午": (12, 18), "午后": (12, 18),
    "傍晚": (17, 19), "晚上": (18, 24), "晚间": (18, 24), "夜里": (18, 24), "夜间": (18, 24),
    "今晚": (18, 24), "明晚": (18, 24), "昨晚": (18, 24), "今夜": (18, 24), "tonight": (18, 24),
    "凌晨": (0, 6), "半夜": (0, 6),
}  # fmt: skip
_PM_PARTS = frozenset(
    {
        "下午",
        "午后",
        "傍晚",
        "晚上",
        "晚间",
        "夜里",
        "夜间",
        "今晚",
        "明晚",
        "昨晚",
        "今夜",
        "tonight",
    }
)

Role = DateRole


class _Item:
    """A mention being built: its range and what it resolves to.

    The defaults are class attributes, so a new item sets only its range and kind.
    """

    day: date | None = None  # a whole day, when known
    moment: datetime | None = None
    tod: timedelta | None = None  # time of day of a moment (24点 = 24 hours)
    start: datetime | None = None
    end: datetime | None = None
    part: str | None = None
    kind: Literal["absolute", "relative"] = "absolute"
    role: Role = "other"
    past_debit = False  # 本月5日扣款 read on the 13th: a deduction made, not one to come

    def __init__(self, a: int, b: int, who: str) -> None:
        self.a, self.b, self.who = a, b, who


@byte_cache(1 << 19)
def _int(s: str | None) -> int | None:
    if s is None:
        return None
    if s[0] == "初":
        return parse_small_int(s[1:])
    if s == "正":
        return 1
    if s in ("腊", "冬"):
        return 12 if s == "腊" else 11
    return parse_small_int(s)


def _year(s: str) -> int | None:
    y = _int(s)
    if y is None:
        return None
    if len(s) == 2 and s.isdigit():
        return 2000 + y if y < 50 else 1900 + y
    return y


def _make(y: int, m: int, d: int) -> date | None:
    if not (1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _pick(cands: list[date], today: date, role: Role) -> date | None:
    if not cands:
        return None
    if role in ("deadline", "due_date", "hearing"):
        future = [c for c in cands if c >= today]
        return min(future) if future else None
    if role in ("transaction", "overdue_since"):
        past = [c for c in cands if c <= today]
        return max(past) if past else None
    return min(cands, key=lambda c: (abs((c - today).days), c < today))


@lru_cache(maxsize=2048)
def _month_day(m: int, d: int, today: date, role: Role) -> date | None:
    cands = [x for y in (today.year - 1, today.year, today.year + 1) if (x := _make(y, m, d))]
    return _pick(cands, today, role)


@lru_cache(maxsize=2048)
def _day_only(d: int, today: date, role: Role, month_shift: int | None) -> date | None:
    cands = []
    shifts = (month_shift,) if month_shift is not None else (-1, 0, 1)
    for k in shifts:
        y, m = divmod(today.year * 12 + today.month - 1 + k, 12)
        x = _make(y, m + 1, d)
        if x:
            cands.append(x)
    return _pick(cands, today, role)


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _role_of(index: KeywordIndex, a: int, b: int, suffix: bool, text: str = "") -> Role:
    # A Chinese hit is its word (named by _ROLE_OF_WORD), an English one its group's name.
    names = {_ROLE_OF_WORD.get(h[2], h[2]) for h in index.before(a, 20)}
    if "due" in names:
        return "due_date"
    hit = index.after(b, 12)
    after = _ROLE_OF_WORD.get(hit[2], hit[2]) if hit is not None else None
    if "hear" in names or after == "hear":
        return "hearing"
    if suffix or "dl" in names or (after == "dl" and hit is not None and not hit[2].isascii()):
        return (
            "deadline"  # 12月20日前, 请于…, 当天必须还款 (English "today by wire" is no deadline)
        )
    if text and _scheduled_debit(text, a, b, hit, "will" in names):
        return "due_date"
    if "tx" in names or after in ("tx", "autodebit"):  # 12月10日自动扣款成功
        return "transaction"
    if after == "dueafter":
        return "due_date"
    return "other"


def extract_dates(ctx: Context) -> tuple[DateMention, ...]:
    """Find dates, times and deadlines and resolve them against ``ctx.received_at``.

    Returns:
        Mentions in text order; each one's normalised range is claimed with tag ``"date"``.

    >>> from datetime import datetime
    >>> from smscheck._text import normalize
    >>> from smscheck.parser._context import Context, SHANGHAI
    >>> t = "应还1,234.56元，请于12月20日前还款"
    >>> c = Context(normalize(t), "zh-CN", datetime(2024, 12, 13, 9, tzinfo=SHANGHAI), SHANGHAI)
    >>> [(d.text, d.role, d.end.isoformat()) for d in extract_dates(c)]
    [('12月20日前', 'deadline', '2024-12-21T00:00:00+08:00')]
    """
    try:
        return _extract(ctx)
    except (ValueError, OverflowError):  # an absurd value that slipped past the checks
        return ()


def _extract(ctx: Context) -> tuple[DateMention, ...]:
    text = ctx.text
    english = ctx.locale == "en-US"
    matches = _matches(text, english)
    if not matches:
        return ()
    now = ctx.received_at.astimezone(ctx.tz)
    today = now.date()
    cases = [m.span() for m in _CASE_SHAPE.finditer(text)] if "号" in text else []
    if "《" in text:
        cases += [m.span() for m in _TITLE.finditer(text)]  # 《明日之后》 is a title
    items: list[_Item] = []
    index = KeywordIndex(role_re_en() if english else _ROLE_RE_ZH, text)
    mask = ctx.mask(_FOREIGN_TAGS)
    for x, y in cases:
        mask[x:y] = b"\x01" * (y - x)
    for m, who, a, b in matches:
        if mask.find(1, a, b) != -1:
            continue
        if _glued(text, a, b, who):
            continue
        item = _Item(a, b, who)
        if not _read(ctx, index, m, item, today, now):
            continue
        items.append(item)
        if len(items) >= MAX_ITEMS:
            break
    items = [it for it in _merge_times(text, items, now) if it.who != "weak_time"]
    out: list[DateMention] = []
    nt = ctx.nt
    for it in items:
        _finish(ctx, index, it, now)
        if it.start is None or it.end is None:
            continue
        sa, sb = nt.span(it.a, it.b)
        fields = {
            "text": nt.original[sa:sb],
            "start": it.start,
            "end": it.end,
            "kind": it.kind,
            "role": it.role,
            "span": make_span(sa, sb),
        }
        out.append(trusted(DateMention, fields, set(_MENTION_FIELDS)))
        ctx.claim(it.a, it.b, "date")
    return tuple(out)


_MENTION_FIELDS = ("text", "start", "end", "kind", "role", "span")


def _matches(text: str, english: bool) -> list[tuple[re.Match[str], str, int, int]]:
    """Mentions in text order as ``(match, kind, start, end)``, none overlapping."""
    out = []
    if english:
        pos = 0
        search = scan_en().search
        while (m := search(text, pos)) is not None:
            who = m.lastgroup
            assert who is not None  # the lookahead that made the match has one group
            a, b = m.span(who)
            if b == a:  # pragma: no cover - no alternative matches empty
                pos = a + 1
                continue
            out.append((m, who, a, b))
            pos = b
        return out
    pos = done = 0
    search = _SCAN_ZH.search
    while (m := search(text, pos)) is not None:
        pos = m.end("_trigger")  # the scan walks from trigger to trigger
        who = m.lastgroup
        if who != "_trigger" and m.start() >= done:  # a mention starts at this trigger
            assert who is not None
            a, b = m.span(who)
            if b > a:
                out.append((m, who, a, b))
                done = b
    return out


def _glued(text: str, a: int, b: int, who: str) -> bool:
    """A match that is part of a longer number or word is not a date."""
    p = text[a - 1] if a else " "
    n = text[b] if b < len(text) else " "
    if (p.isdigit() and text[a].isdigit()) or (n.isdigit() and text[b - 1].isdigit()):
        return True
    if p.isascii() and p.isalpha() and text[a].isascii() and text[a].isalnum():
        return True
    return who in ("md", "tri", "iso") and (
        p in "/.-" or n in "/%" or (n in ".-:" and b + 1 < len(text) and text[b + 1].isdigit())
    )


def _read(
    ctx: Context, index: KeywordIndex, m: re.Match[str], it: _Item, today: date, now: datetime
) -> bool:
    """Fill ``it`` from the match; False when the match is not a date after all."""
    text = ctx.text
    g = m.group
    who = it.who
    if who == "od":
        n = _int(g("odn"))
        if n is None or n > 3650:
            return False
        it.kind, it.role = "relative", "overdue_since"
        it.start, it.end = now - timedelta(days=n), now
        return True
    if who == "dur":
        if g("du") == "日" and g("dd") in ("前", "之前", "以前"):
            # 20日前 is "by the 20th" (a day of the month), not "20 days ago".
            d = _int(g("dn"))
            if d is None or not 1 <= d <= 31:
                return False
            it.who, it.b = "day", m.end("du")
            it.role = _role_of(index, it.a, it.b, True, text)
            it.day = _day_only(d, today, it.role, None)
            return it.day is not None
        if g("du") == "月" and g("dd") in ("前", "之前", "以前"):
            # 6月之前 is "by the end of June" (6个月之前 is six months ago).
            mo = _int(g("dn"))
            if mo is None or not 1 <= mo <= 12:
                return False
            it.who, it.b, it.role = "end", m.end("du"), "deadline"
            year = today.year if mo >= today.month else today.year + 1
            if it.a >= 2 and text[it.a - 2 : it.a] in ("今年", "明年"):  # 明年6月之前
                year = today.year + (text[it.a - 2 : it.a] == "明年")
                it.a -= 2
            it.day = date(year, mo, calendar.monthrange(year, mo)[1])
            return True
        if not _duration(it, g("dn"), _UNITS[g("du")], g("dd"), now):
            return False
        if it.role == "deadline" and _ETA.match(text, it.b):
            it.role = "other"  # 预计3分钟内到账: when the sender's side will be done, not yours
        return True
    if who == "en_dur":
        n = EN_WORDNUM.get(fold_lower(g("en"))) or _int(g("en"))
        unit = _UNITS.get(fold_lower(g("eu")))
        if unit is None or not _duration(it, str(n), unit, "内", now):
            return False
        if fold_lower(g("edir")) == "within":
            it.role = "deadline"
        else:  # in 24 hrs: a deadline after by/before/until, a due date after "due"
            it.role = _role_of(index, it.a, it.b, False)
            if it.role == "other" and en_act_near(text, it.a, it.b):
                it.role = "deadline"  # suspended in 24 hrs, pay in 3 days
        return True
    if who == "en_eod":
        it.kind, it.day, it.role = "relative", today, "deadline"
        return True
    if _NEEDS_ROLE.get(who, False) and not (g("y") if who == "ymd" else False):
        # The role picks the year (or month, or week) of a date that does not give it.
        it.role = _role_of(index, it.a, it.b, _SUFFIX.match(text, it.b) is not None, text)
    if who == "ymd":
        if g("d").startswith("初") or "农历" in text[max(0, it.a - 8) : it.a]:
            return (
                False  # a lunar date: no lunar calendar table, so no date rather than a wrong one
            )
        if not g("y") and it.a >= 2 and text[it.a - 1] == "年" and text[it.a - 2].isdigit():
            return False  # 99999年1月1日: the year was unreadable, so the date is too
        if g("ds") is None and not _bare_day_ok(g("m"), g("d"), text, it.b):
            return False
        mo, d = _int(g("m")), _int(g("d"))
        if mo is None or d is None:
            return False
        if g("y"):
            y = _year(g("y"))
            it.day = _make(y, mo, d) if y else None
        else:
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                return False
            it.day = _month_day(mo, d, today, it.role)
    elif who == "iso":
        if g("iy"):
            it.day = _make(int(g("iy")), int(g("im")), int(g("id")))
        else:
            it.day = _make(int(g("iy2")), int(g("im2")), int(g("id2")))
    elif who == "tri":
        it.day = _tri(int(g("ta")), int(g("tb")), g("tc"), ctx.locale)
    elif who == "md":
        it.day = _month_day(int(g("mm")), int(g("mdd")), today, it.role)
    elif who in ("en_md", "en_dm"):
        mon = MONTHS_EN.get(fold_lower((g("emon") or g("emon2"))[:3]))
        if mon is None:
            return False
        d = int(g("eday") or g("eday2"))
        eyear = g("eyear") or g("eyear2")
        it.day = _make(int(eyear), mon, d) if eyear else _month_day(mon, d, today, it.role)
    elif who == "day":
        if _BAD_BEFORE_DAY.search(text, max(0, it.a - 1), it.a):
            return False
        if g("dsx") == "号" and _BAD_AFTER_HAO.match(text, it.b):
            return False
        if g("dsx") == "日" and text.startswith(("内", "以内", "之内", "后"), it.b):
            return False
        d = _int(g("dn2"))
        if d is None:
            return False
        prefix = g("day")[: -len(g("dn2")) - 1]
        shift = {"本月": 0, "这个月": 0, "当月": 0, "下月": 1, "下个月": 1}.get(prefix)
        it.day = _day_only(d, today, it.role, shift)
        if it.day is None and it.role == "due_date" and shift == 0:
            it.role = "transaction"  # 本月5日扣款 on the 13th: a deduction already made
            it.past_debit = True
            it.day = _day_only(d, today, it.role, shift)
    elif who == "rel":
        word = fold_lower(g("rel"))
        days = _DAY_WORDS.get(word)
        if days is None:
            return False
        it.kind = "relative"
        it.day = today + timedelta(days=days)
        it.part = word if word in _PARTS else None
    elif who == "week" or who == "wkonly":
        it.kind = "relative"
        _week(
            it, g("wk") if who == "week" else g("wkonly"), g("wd") if who == "week" else None, today
        )
    elif who == "end":
        it.kind = "relative"
        w = g("end")
        if g("endm"):  # 12月底, 明年6月底, 2025年3月末: the month's last day
            it.kind = "absolute"
            mo = _int(g("endm"))
            if mo is None or not 1 <= mo <= 12:
                return False
            ys = g("endy")
            if ys is None:
                year = (
                    today.year if (today.year, mo) >= (today.year, today.month) else today.year + 1
                )
            else:
                year = today.year + (ys == "明年") if ys in ("今年", "明年") else int(ys[:4])
            if not 1 <= year <= 9999:
                return False
            it.day = date(year, mo, calendar.monthrange(year, mo)[1])
        elif "年" in w:
            it.day = date(today.year + (g("endny") == "明年"), 12, 31)
        elif "周" in w:
            it.day = today + timedelta(days=6 - today.weekday())
        else:
            it.day = date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    elif who == "en_wd":
        it.kind = "relative"
        it.role = _role_of(index, it.a, it.b, False)
        it.day = en_weekday(g("ewd"), g("ewn"), today, it.role)
    elif who == "en_mid":
        it.kind = "absolute"
        noon = fold_lower(g("en_mid")) != "midnight"
        return _set_time(it, 12 if noon else 24, 0, 0, today)
    elif who in ("time", "en_time"):
        return _time(it, g, today, text)
    elif who == "lunar":
        return False  # no lunar calendar table: better no date than a wrong one
    else:
        return False
    return it.day is not None or it.start is not None


# A deduction word after a date, and what makes it one still to come.
_DEBIT_AFTER = re.compile(
    r"[^,，。;；!！?？\n]{0,24}?(?:扣款|扣除|划扣|代扣|自动还款)(?!成功|失败|完成|了)"
)
_MONTH_PREFIX = ("本月", "下月", "下个月", "每月", "当月")


def _scheduled_debit(
    text: str, a: int, b: int, hit: tuple[int, int, str] | None, will: bool
) -> bool:
    """A deduction still to come: 将于X月X日从您尾号…的卡自动扣款, 本月X日扣款, X日自动还款."""
    if hit is not None and _ROLE_OF_WORD.get(hit[2]) == "autodebit":
        return not text.startswith(("成功", "失败", "完成", "了"), hit[1])
    if will or text.startswith(_MONTH_PREFIX, a):
        return _DEBIT_AFTER.match(text, b) is not None
    return False


_NEEDS_ROLE = {"ymd": True, "md": True, "day": True, "week": True, "en_md": True, "en_dm": True}


def _bare_day_ok(mon: str, day: str, text: str, b: int) -> bool:
    """八月十五 / 三月初一 without 日: only Chinese numerals, not followed by more digits or units."""
    if day.startswith("初"):
        return True
    if day.isdigit():
        return text.startswith(("前", "之前"), b)
    return not mon.isdigit() and not (b < len(text) and text[b] in "天个号日年月元万千百点时")


def _tri(x: int, y: int, zs: str, locale: str) -> date | None:
    """12/20/2024 (US: month first), 20/12/2024 and 3-7-2017 (day first), 12-11-10 (yy-mm-dd)."""
    if x >= 10 and len(zs) <= 2:
        d = _make(_year(f"{x:02d}") or 0, y, int(zs))
        if d or len(zs) == 1:
            return d
    if len(zs) == 1:
        return None
    z = _year(zs) if len(zs) == 2 else int(zs)
    if z is None:
        return None
    first = (x, y) if locale == "en-US" else (y, x)  # (month, day)
    return _make(z, *first) or _make(z, first[1], first[0])


def _week(it: _Item, which: str | None, wd: str | None, today: date) -> None:
    monday = today - timedelta(days=today.weekday())
    which = (which or "").replace("个", "").replace("星期", "周")
    shift = {"上上": -2, "上": -1, "下下": 2, "下": 1, "本": 0, "这": 0, "本周": 0, "这周": 0,
             "下周": 1}.get(which)  # fmt: skip
    if wd is None:  # a whole week
        base = monday + timedelta(weeks=shift or 0)
        tz = None
        it.day = base
        it.start = datetime.combine(base, time(0), tz)
        it.end = datetime.combine(base + timedelta(days=7), time(0), tz)
        return
    k = _WEEKDAYS[wd]
    if shift is not None:
        it.day = monday + timedelta(weeks=shift, days=k)
        return
    cands = [monday + timedelta(weeks=w, days=k) for w in (-1, 0, 1)]
    it.day = _pick(cands, today, it.role)


_DUR_MULT = {"h": timedelta(hours=1), "min": timedelta(minutes=1), "d": timedelta(days=1),
             "w": timedelta(weeks=1)}  # fmt: skip


def _duration(it: _Item, ns: str, unit: str, direction: str, now: datetime) -> bool:
    it.kind = "relative"
    n: float
    if ns == "半":
        n = 0.5
    elif ns.endswith("个半"):  # 两个半月: 2.5
        whole = _int(ns[:-2])
        if whole is None:
            return False
        n = whole + 0.5
    else:
        v = _int(ns)
        if v is None:
            return False
        n = v
    if n <= 0 or n > 3650:
        return False
    if direction in ("内", "之内", "以内"):
        it.role = "deadline"
        it.start = now
        it.end = _shift(now, n, unit)
        return True
    sign = -1 if direction in ("前", "之前", "以前") else 1
    when = _shift(now, sign * n, unit)
    if unit in ("h", "min"):
        it.start = it.end = when
    else:
        it.day = when.date()
    return True


def _shift(now: datetime, n: float, unit: str) -> datetime:
    if unit in _DUR_MULT:
        return now + _DUR_MULT[unit] * n
    if unit == "wd":
        d, left, step = now.date(), abs(int(n)), 1 if n > 0 else -1
        while left:  # at most 3650 steps: n is bounded above
            d += timedelta(days=step)
            if d.weekday() < 5:
                left -= 1
        return datetime.combine(d + timedelta(days=1), time(0), now.tzinfo)
    months = n * (12 if unit == "y" else 1)
    whole = int(months)
    # 半个月 is 15 days, 两个半月 two months and 15 days (not 0 and 2 months)
    extra = timedelta(days=round(30 * abs(months - whole))) * (1 if months >= 0 else -1)
    return datetime.combine(_add_months(now.date(), whole), now.timetz()) + extra


def _time(it: _Item, grp: Callable[[str], Any], today: date, text: str) -> bool:
    if it.who == "en_time":
        if grp("eh24"):
            h, mi = int(grp("eh24")), int(grp("emi24"))
        else:
            h, mi = int(grp("eh")), int(grp("emi") or 0)
            pm = fold_lower(grp("eap")).startswith("p")
            h = (h % 12) + (12 if pm else 0)
        it.kind = "absolute"
        return _set_time(it, h, mi, 0, today)
    hs, ap = grp("h"), grp("ap")
    mins, half = grp("mi") or grp("mi2"), grp("half")
    if grp("hsep") is None and grp("mi2") is None:
        return False
    if (
        not hs.isdigit()
        and ap is None
        and not _SUFFIX.match(text, it.b)
        and not half
        and not mins
        and not text.startswith(("钟", "整"), it.b)
    ):
        it.who = "weak_time"  # 一点 is "a bit": kept only right after a date
    hour = _int(hs)
    minute = _int(mins) if mins else {"半": 30, "一刻": 15, "三刻": 45}.get(half or "", 0)
    secs = grp("se") or grp("se2")
    se = _int(secs) if secs else 0
    if hour is None or minute is None or se is None or minute > 59 or se > 59:
        return False
    if (ap in _PM_PARTS and hour < 12) or (ap == "中午" and hour < 6):
        hour += 12
    it.part = ap
    return _set_time(it, hour, minute, se, today)


def _set_time(it: _Item, h: int, mi: int, se: int, today: date) -> bool:
    if h > 24 or (h == 24 and (mi or se)):
        return False
    it.tod = timedelta(hours=h, minutes=mi, seconds=se)
    it.moment = datetime.combine(today, time(0)) + it.tod
    it.day = None
    return True


def _merge_times(text: str, items: list[_Item], now: datetime) -> list[_Item]:
    """Join a day and the time next to it (明天下午5点, 12月20日17:00, Dec 20 5 PM, 5 PM today)."""
    out: list[_Item] = []
    for it in items:
        prev = out[-1] if out else None
        if prev is None:
            out.append(it)
            continue
        gap = text[prev.b : it.a]
        if (
            it.who == "week"
            and prev.day is not None
            and prev.who != "week"
            and gap in (",", " ", ", ", "")
        ):
            prev.b = it.b  # 10月12号,星期一: the weekday only confirms the date
            continue
        if _GAP_TIME.fullmatch(gap) is None and gap.strip().lower() not in ("at", "by", ",", ""):
            out.append(it)
            continue
        day, clock = (prev, it) if it.tod is not None else (it, prev)
        if (
            clock.tod is None
            or clock.who not in ("time", "en_time", "en_mid", "weak_time")
            or day.day is None
            or day.tod is not None
            or day.start is not None
        ):
            out.append(it)
            continue
        tod = clock.tod
        if day.part in _PM_PARTS and tod < timedelta(hours=12) and clock.part is None:
            tod += timedelta(hours=12)
        prev.moment = datetime.combine(day.day, time(0)) + tod
        prev.tod = tod
        prev.kind = day.kind
        prev.b = it.b
        prev.part = None
        prev.day = None
        prev.who = "merged"
    return out


# A clock time just passed ("by 5pm" read at 5:20 pm) is still today's: sent before, delivered after.
_GRACE = timedelta(hours=1)


def _finish(ctx: Context, index: KeywordIndex, it: _Item, now: datetime) -> None:
    """Add a 前/内 suffix to the range, fix the role, and turn the item into datetimes."""
    text = ctx.text
    tz = ctx.tz
    if it.who not in ("dur", "od", "en_dur", "en_eod"):
        sm = _SUFFIX.match(text, it.b) if ctx.locale != "en-US" else SUFFIX_EN.match(text, it.b)
        if sm is not None:
            it.b = sm.end()
        it.role = _role_of(index, it.a, it.b, sm is not None, text)
        if it.past_debit and it.role == "due_date":
            it.role = "transaction"
        if (
            it.role == "other"
            and it.who == "rel"
            and _DAY_WORDS.get(fold_lower(text[it.a : it.b]), -1) >= 0
            and _ACT_AFTER.match(text, it.b)
        ):
            it.role = "deadline"  # 今天处理, 今日务必还清, 明天还款: the day to act by
    if it.moment is not None:
        t = it.moment.replace(tzinfo=tz)
        if (
            it.who in ("en_time", "en_mid")
            and it.role in ("deadline", "due_date")
            and t < now - _GRACE
        ):
            t += timedelta(days=1)  # "by 5pm" read at 8:46 pm, with no day: tomorrow's 5 pm
        it.start = it.end = t
        return
    if it.start is not None and it.end is not None:
        if it.start.tzinfo is None:
            it.start = it.start.replace(tzinfo=tz)
            it.end = it.end.replace(tzinfo=tz)
        return
    if it.day is None:
        return
    start = datetime.combine(it.day, time(0), tz)
    if it.part in _PARTS:
        lo, hi = _PARTS[it.part]
        it.start, it.end = start + timedelta(hours=lo), start + timedelta(hours=hi)
        return
    it.start, it.end = start, start + timedelta(days=1)


def pick_deadline(dates: tuple[DateMention, ...]) -> datetime | None:
    """The latest moment the reader must act by: the latest ``end`` among deadlines and due dates.

    Returns:
        That moment, or ``None`` when no mention is a deadline or due date.

    >>> pick_deadline(())
    """
    ends = [d.end for d in dates if d.role in ("deadline", "due_date")]
    return max(ends) if ends else None
