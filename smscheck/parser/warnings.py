"""Cautions: the clauses a message warns against or denies.

Banks, platforms and the police quote the very phrases scammers use ("我行不会以任何理由收取
解冻费", "凡要求共享屏幕的都是诈骗", "never share this code"). Those phrases are not evidence
against the message. This module marks the clause each warning or denial governs, so that every
text rule can skip a match lying inside one (:mod:`smscheck.matchers`), instead of each rule
carrying its own "not a warning" regex.

Eight kinds of shape are recognised (the words are listed with each constant below):

- a cue before the clause: 谨防 / 警惕 / 切勿 / 请勿 / 不要 (+ an action) / 不会·从不·绝不会 (+ a
  demand verb) / 不存在·更没有·无需·不含 (what they deny exists, is due or is held); "beware of",
  "do not share", "we will never ask/call";
- the scammer as the subject: 不法分子 / 犯罪分子 / 骗子冒充 / 有人冒充 / 对方会 … (or the victims in
  the passive: 被冒充 / 被诱导 …), governing the rest of
  the sentence, clause by clause and quoted speech included, up to the advice to the reader
  (…，请提高警惕);
- a verdict after it: "凡要求…的都是诈骗", "任何人索要验证码均为诈骗", "anyone asking … is a scam",
  and a sender's disclaimer: "任何要求转账至个人账户的均非本司行为";
- a list of things not to do: "不共享屏幕、不转账" (an anti-fraud slogan's shape);
- the scammer's script quoted: "骗子话术：①'…'②'…'", "骗子常说：'…'", "对方若说'…'", "常见说法有'…'",
  and a scam call or text reported by its words ("接到'…'的电话");
- a list of 凡是 clauses ("凡是自称公检法要求汇款的，凡是…的——都是诈骗"), each warned, when a verdict
  or a hang-up follows;
- "如接到…（来电）请挂断": what to hang up on;
- "（如…）看到/收到 X，请勿…": what the reader may come across, before the cue that says not to
  act (with or without 如: "收到'换号了'这类短信请勿理会").

The span covers the governed clause only, never the cue, so a rule that looks for the cue
itself (an anti-fraud legitimacy rule matching 谨防, "never share") still sees it.

One literal scan finds the cues; each cue then looks at most ``_WINDOW`` characters around it (a
verdict's 凡是/若有人 lead ``_LEAD_WINDOW``, a quoted script ``_ZH_SCRIPT_REACH``), and three more
scans (the don'ts, the scripts, the 凡是 clauses) each run once over the text with bounded
patterns and at most ``_MAX_CUES`` matches, so the work is linear in the length of the text.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

from ..models import Caution, CautionKind
from ._context import MAX_ITEMS, Context, make_model

__all__ = ["Warned", "WarnedIndex", "extract_cautions", "warned_ranges"]

# How far a clause may reach from its cue, either way: an English clause, and a Chinese one
# (whose words are shorter: a real warning's governed clause, "以任何理由收取解冻费" or "凡是
# 自称公检法，要求转账到安全账户", fits easily; unpunctuated text must not run on into the next
# demand).
_WINDOW = 60
_ZH_WINDOW = 26
# How far back a verdict looks for the 凡是 / 任何 / 若有人 that opens its clause (a list of what
# is a scam can be long: "若有人说'…'，或'…'，然后让你…——这就是诈骗！")
_LEAD_WINDOW = 120

# ---- Chinese cues ---------------------------------------------------------------------------

# A cue that warns whatever follows it.
_ZH_WARN_ANY = ("谨防", "警惕", "切勿", "请勿", "千万不要", "千万别", "严防", "提防", "当心")
# The scammer named as the subject: what follows is what they do ("近期有不法分子冒充公检法要求
# 将资金转入安全账户"), described to warn, not asked of the reader.
_ZH_WARN_ACTOR = (
    "不法分子", "犯罪分子", "诈骗分子", "骗子冒充", "骗子假冒", "骗子谎称", "有人冒充", "有人假冒",
    "有人自称", "有人利用", "骗子称", "骗子会", "骗子常", "骗子通常", "骗子混入", "骗子利用",
    "对方会", "对方常", "对方谎称", "对方自称",
    # the victims' story, told in the passive: "多名群众被冒充'客服'以…为由，要求…后转走存款"
    "被冒充", "被诱导", "被骗子",
)  # fmt: skip
# Where a warning's advice to the reader begins: the scammer's deeds end there.
_ZH_ADVICE = re.compile("请|如|若|切勿|谨防|千万|不要|敬请|务必|一旦|凡|您可|可拨打|提醒")
# 不要 / 别 warn only when an action follows: "不要告诉他人" warns, "不要犹豫" does not matter.
_ZH_WARN_ACT = ("不要", "请不要", "不能")
# What 无需/无须/不含 deny is a short noun or verb ("赔付", "担保物或抵押品", "任何链接"): past
# it, run-on text without punctuation is no longer what they govern.
_ZH_NOT_DUE = ("无需", "无须", "不含", "不包含", "不附带", "不涉及", "不收取", "不收任何")
# A denial that needs no demand verb: "不存在付费消除逾期记录的渠道", "没有所谓安全账户" say no
# such thing exists; "无需赔付", "无须退订" say it is not due (a carrier's order confirmation
# says its data pack needs no compensation on expiry: that is no refund on offer).
# 不含/不包含/不附带 deny what the message holds: "本短信不含任何链接" (a traffic police notice),
# "还款金额不含手续费".
# 更没有/根本没有/从来没有 deny that a thing exists ("更没有'安全账户'").
_ZH_NEG_ANY = (
    "不存在", "没有所谓", "并无所谓", "更没有", "没有任何", "根本没有", "从来没有", *_ZH_NOT_DUE,
)  # fmt: skip
# Denials need a demand or contact verb after them: "不会要求您转账" denies, "不会影响征信" is a
# plain statement (and can be a scam's own reassurance); those of _ZH_NEG_ANY need none.
_ZH_NEG = ("不会", "绝不会", "决不会", "永远不会", "从不", "从未", "绝不", "不需要", *_ZH_NEG_ANY)
# 绝不 before an action is an imperative ("绝不扫陌生人发来的二维码"), not only a denial
_ZH_NEG_IMPERATIVE = ("绝不",)
# Denials of a channel: "学校不通过个人账户收取任何费用", "本院不以个人账户收取诉讼费", "本公司没有
# 委托任何人代收话费". They deny only when a person, a private account or a third party follows
# ("审核不通过，需缴纳…" and "不以为然" deny nothing).
_ZH_NEG_CHANNEL = ("不通过", "不以", "没有委托", "未委托", "不委托")
_ZH_CHANNEL_OBJ = re.compile(
    "(?:任何)?(?:个人|私人|第三方|他人|任何人|任何机构|其他人|陌生人|非官方|班级群|微信群|QQ群|群)"
)
_ZH_NOT_DUE_WINDOW = 8
_ZH_ACTIONS = re.compile(
    "透露|泄露|泄漏|告诉|告知|提供|转账|汇款|转给|点击|相信|轻信|回复|下载|扫码|扫描|扫|共享|打开|登录|"
    "填写|输入|理会|添加|接听|回拨|拨打|购买|参与|透漏|转发|给|向|把|将"
)
_ZH_DEMANDS = re.compile(
    "要求|索取|索要|收取|询问|让您|让你|要您|要你|通过|致电|打电话|来电|发送|收费|提供|转账|汇款|"
    '冻结|注销|以任何|主动|私下|代为|安全账户|监管账户|设立|设置|发布|下发|发[“"「]'
)
# Scams demand secrecy from family, friends and the bank ("不要告诉家人你转账到安全账户的事");
# real warnings never do (they say "转账前先告诉家人"), so such a clause is not a caution and
# what it names stays visible to the rules.
_ZH_SECRECY = re.compile(
    r"(?:告诉|告知|透露给?|说给|通知)(?:你的|您的)?"
    r"(?:家人|家属|亲友|亲人|朋友|亲戚|父母|爸妈|配偶|老公|老婆|丈夫|妻子|子女|同事|领导|银行|民警|警察)"
)
_EN_SECRECY = re.compile(
    r"(?i)(?:tell|inform|notify|contact)\s+(?:your\s+|the\s+|any\s+)?"
    r"(?:family|relatives?|friends?|spouse|wife|husband|parents?|bank|teller|police|employer)"
)
# The verdict after the clause: 都是诈骗, 均为诈骗, 是骗子 …
# A bare 为/属 is not enough: "您的账户涉嫌为诈骗团伙洗钱" is an accusation, not a warning. A few
# characters may name the kind of scam after 都是/均为 ("均为伪基站诈骗短信"), never after a bare 是
# ("你曾是一起诈骗案件的受害者" is no verdict).
_ZH_VERDICT = re.compile(
    r"(?:(?:都|均|一律|一定|必然|全|就|必)(?:是|为|属于?)[\u4e00-\u9fff]{0,4}?|是(?:电信|网络)?)"
    r"(?:诈骗|骗子|骗局)"
)
# "…先转保证金就是骗！", "…都是骗人的": 骗 alone, closing its sentence or quote
_ZH_VERDICT_BARE = re.compile(r"(?:就|都|全|均|一律)是骗(?:人的?)?(?=[！!。，,”\"」\s]|$)")
_ZH_VERDICT_BARE_CUES = ("就是骗", "都是骗", "全是骗", "均是骗")
_ZH_LEAD = re.compile("凡是|凡|任何|所有|一切|只要是|只要|如有人|若有人")
# A sender's disclaimer after the clause: "任何要求转账至个人账户的均非本司行为", "…的，均与我行
# 无关". Its cue words (非本, 不是我, 与本 …) also occur in plain speech ("这不是我发的"); the
# disclaimer needs a sender after them (本司, 我行, 本平台 …).
_ZH_SENDER = "(?:司|行|公司|平台|院|局|中心|单位|所|校|部门|集团|机构)"
_ZH_DISCLAIM = re.compile(
    rf"(?:都|均|皆|一律|概|全)?(?:(?:非|不是|并非|不属于)(?:本|我){_ZH_SENDER}"
    r"(?:的)?(?:行为|所为|人员|工作人员|员工|客服|官方人员|所发|发出)?|与(?:本|我)"
    rf"{_ZH_SENDER}无关)(?=[，,。！!？?；;\s]|$)"
)
_ZH_DISCLAIM_CUES = (
    "非本",
    "非我",
    "不是本",
    "不是我",
    "并非本",
    "并非我",
    "不属于本",
    "不属于我",
    "与本",
    "与我",
)
# "不共享屏幕、不转账、不透露验证码": a list of two or more don'ts, opening its clause. Not a
# condition: "如不还款、不配合，将…" starts with 如, and "不还款、不配合的将…" ends in 的/者/将.
_ZH_DONT_LIST = re.compile(
    r"(?:^|(?<=[，,。！!？?；;：:\s“”\"「」]))(?:请)?不[^、，,。！!？?；;：:\s]{1,7}"
    r"(?:、(?:请)?不[^、，,。！!？?；;：:\s]{1,7})+"
)
_ZH_DONT_ITEM = re.compile(r"(?:请)?不(?:要)?")
# The scammer's script, quoted: a speaker who is the scammer (or "对方", "有人" in a warning) and a
# verb of saying, or a label for the script; what follows, quote after quote (①②③ and 、，或
# between them), is theirs.
_ZH_SCRIPT = re.compile(
    "(?:骗子|对方|不法分子|犯罪分子|诈骗分子|若有人|如有人|有人)(?:常常|通常|往往|常|会|若|如果|如|一般)?"
    "(?:说|称|问|讲|表示|谎称)|(?:骗子|诈骗)?话术|常见(?:说法|话术|借口|套路)(?:有|是|如|包括)?|常用(?:说辞|话术)"
)
_ZH_QUOTE_OPEN = "“「\"'"
_ZH_QUOTE_CLOSE = {"“": "”", "「": "」", '"': '"', "'": "'"}
_ZH_SCRIPT_GAP = re.compile(r"[\s:：，,、；;。!！?？或和及以及①②③④⑤⑥⑦⑧⑨⑩\d.、)）(（]{0,4}")
_ZH_SCRIPT_REACH = 200  # characters of quoted script one cue may govern
_ZH_REPORTED_CALL = re.compile(
    '(?:接到|收到|接听)[^“「"。，,]{0,6}[“「"]([^”」"]{2,80})[”」"](?:等|之类)?的?(?:电话|来电|短信|信息|消息)'
)
# 凡是 clauses of a list: "凡是X的，凡是Y的，…——都是诈骗" / "…，一律挂掉"
_ZH_FANSHI = re.compile(r"凡是?[^。！!？?；;，,：:]{1,40}?的(?=[，,；;、—\s]|都|均|一律|全)")
_ZH_FANSHI_VERDICT = re.compile("诈骗|骗子|骗局|挂断|挂掉|不要相信|切勿|请勿")
_ZH_CONDITION_AFTER = re.compile("的|者|将|就|则|会|便")
_ZH_CONDITION_IN = re.compile("[的者](?:将|则|就|会|便)|将|则|就|便")
_ZH_COMMA = re.compile("[，,：:]")
_ZH_HANGUP = re.compile(r"(?:请|务必)?(?:立即|马上|直接)?(?:挂断|挂掉)")
_ZH_HANGUP_FROM = re.compile("接到|收到|遇到|遇有|有人|来电|凡是|凡")
# "如在群里看到以我名义的收款码，请勿支付", "收到…这类短信请勿理会": what the reader may come
# across, before a 请勿/切勿/不要 that tells them not to act on it, is warned against too. (A
# scam that writes "您已收到退款，请勿…" hides only what lies wholly inside the clause; a rule's
# match that reaches past it still counts.)
_ZH_IF_SEEN = re.compile(
    "(?:(?:如|若|如果|一旦|万一)[^，,。！!？?；;]{0,6}?)?(?:看到|收到|接到|遇到|碰到|发现|有人)"
)

# ---- English cues ---------------------------------------------------------------------------

_EN_WARN_ANY = re.compile(
    r"(?i)\b(?:beware of|be wary of|be aware of|watch out for|look out for|be alert (?:to|for))\b"
)
_EN_NEG = re.compile(
    r"(?i)\b(?:(?:will|would|'ll|shall|do(?:es)?|did)\s+never|never|will\s+not|won't|would\s+not|"
    r"does\s+not|doesn't|do\s+not|don't|should\s+not|shouldn't|"
    # "no agency will ever ask", "no one should ask": the subject denies
    r"(?:no\s+one|nobody|no-one|no\s+(?:[a-z]+\s+){1,2}?(?:will|would|should|shall|can|may))"
    r"(?:\s+(?:will|would|should|shall|can|may))?(?:\s+ever)?)\s+"
)
_EN_ACTIONS = re.compile(
    r"(?i)\b(?:ask|request|call|text|e-?mail|message|contact|demand|require|share|give|send|"
    r"provide|disclose|reveal|tell|click|reply|respond|pay|transfer|wire|buy|forward|read|accept|"
    r"take|collect|threaten|arrest|issue|use)\w*\b"
)
_EN_VERDICT = re.compile(r"(?i)\b(?:is|are)\s+(?:an?\s+)?(?:scam|fraud|phishing)\w*\b")

_CUE_RE = re.compile(
    "|".join(
        sorted(
            {
                *_ZH_WARN_ANY,
                *_ZH_WARN_ACTOR,
                *_ZH_WARN_ACT,
                *_ZH_NEG,
                *_ZH_NEG_CHANNEL,
                "挂断",
                "挂掉",
                "诈骗",
                "骗子",
                "骗局",
                *_ZH_DISCLAIM_CUES,
                *_ZH_VERDICT_BARE_CUES,
            },
            key=len,
            reverse=True,
        )
    )
)
# Cheap gates, on the lower-cased text, before each English scan (their case-insensitive
# alternations cost ~10 µs per message otherwise).
_EN_LETTERS = re.compile("[A-Za-z][A-Za-z]")
_EN_WARN_WORDS = re.compile("beware|wary|aware|watch out|look out|alert")
_EN_NEG_WORDS = re.compile("no|never|n't")  # also "not", "nobody", "won't", "don't" …
_EN_VERDICT_WORDS = re.compile("scam|fraud|phish")
# Past this many cue words a text is junk or an attack: the rest is not looked at. A warning
# missed makes the checker stricter, never more lenient.
_MAX_CUES = 256

# A clause ends at these; a sentence only at the second set.
_CLAUSE_END = re.compile(r"[，,。！!？?；;：:\n【】\[\]()（）…]|\.(?=\s|$)")
# A new clause starts at these even without punctuation: "不会要求您向个人账户转账而是通过官方
# 渠道支付", "不会被他人听到同时我们要求你下载…".
_ZH_BREAK = re.compile(
    "而是|但是|但|同时|然后|接着|随后|因此|所以|另外|此外|而且|并且|我们|请您|请你|您需要|你需要|需要您|需要你"
)
_SENTENCE_END = re.compile(r"[。！!？?；;\n【】]|\.(?=\s|$)")
_LAST_SENTENCE_END = re.compile(r"(?s:.*)(?:[。！!？?；;\n【】]|\.(?=\s))")


class Warned(NamedTuple):
    """A caution in normalised offsets: ``[start, end)`` is the governed clause."""

    start: int
    end: int
    kind: CautionKind
    cue_start: int
    cue_end: int


class WarnedIndex:
    """Merged warned ranges, to ask in O(log n) whether a range lies inside one.

    >>> ix = WarnedIndex([Warned(2, 6, "warning", 0, 2), Warned(5, 9, "warning", 9, 11)])
    >>> ix.covers(3, 8), ix.covers(0, 3), bool(ix)
    (True, False, True)
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, ranges: Iterable[Warned]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for r in sorted(ranges):
            if starts and r.start <= ends[-1]:
                ends[-1] = max(ends[-1], r.end)
            else:
                starts.append(r.start)
                ends.append(r.end)
        self._starts, self._ends = starts, ends

    def __bool__(self) -> bool:
        return bool(self._starts)

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one (merged) warned range."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self._ends[i]


def _clause_end(text: str, start: int, window: int = _WINDOW) -> int:
    stop = min(len(text), start + window)
    m = _CLAUSE_END.search(text, start, stop)
    return m.start() if m is not None else stop


def _sentence_start(text: str, end: int, window: int = _WINDOW) -> int:
    lo = max(0, end - window)
    m = _LAST_SENTENCE_END.match(text, lo, end) if end > lo else None
    return m.end() if m is not None else lo


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " ，,、:：的":
        a += 1
    while b > a and text[b - 1] in " ，,、的—":
        b -= 1
    return a, b


def _zh_prefix(text: str, cue: str, a: int, b: int) -> Warned | None:
    if a > 0 and text[a - 1] == cue[-1] and cue[0] == "不":
        # An A-not-A question ("能不能借我点钱", "要不要", "会不会") asks; it warns nothing.
        return None
    end = _clause_end(text, b, _ZH_NOT_DUE_WINDOW if cue in _ZH_NOT_DUE else _ZH_WINDOW)
    brk = _ZH_BREAK.search(text, b, end)
    if brk is not None:
        end = brk.start()
    if end <= b:
        return None
    if cue in _ZH_NEG_CHANNEL:
        if _ZH_CHANNEL_OBJ.match(text, b) is None:
            return None
        s, e = _strip(text, b, end)
        return Warned(s, e, "negation", a, b) if e > s else None
    if cue not in _ZH_NEG and _ZH_SECRECY.match(text, b) is not None:
        return None  # a scam's own "don't tell your family", not a warning
    if cue in _ZH_NEG:
        kind: CautionKind = "negation"
        if cue not in _ZH_NEG_ANY and _ZH_DEMANDS.search(text, b, min(end, b + 16)) is None:
            # "绝不扫陌生人发来的二维码": an imperative, when an action follows at once
            if (
                cue not in _ZH_NEG_IMPERATIVE
                or _ZH_ACTIONS.search(text, b, min(end, b + 4)) is None
            ):
                return None
            kind = "warning"
    elif cue in _ZH_WARN_ACT:
        if (
            _ZH_ACTIONS.match(text, b) is None
            and _ZH_ACTIONS.search(text, b, min(end, b + 3)) is None
        ):
            return None
        kind = "warning"
    else:
        kind = "warning"
        if cue in _ZH_WARN_ACTOR:
            # the scammer is the subject: what follows in the sentence is what they do or say,
            # quoted speech included ("近期有人冒充'平台客服'，称您误开通了会员…，要求您借款'刷
            # 流水'才能关闭。", "冒充我行客服，称'您的信用卡被盗刷，需要转到监管账户'。"), clause
            # by clause up to the advice that follows ("，请提高警惕", "，如…请挂断")
            stop = min(len(text), b + _WINDOW)
            while end < stop and text[end] in "，,、" and _ZH_ADVICE.match(text, end + 1) is None:
                nxt = _CLAUSE_END.search(text, end + 1, stop)
                end = nxt.start() if nxt is not None else stop
    s, e = _strip(text, b, end)
    return Warned(s, e, kind, a, b) if e > s else None


def _zh_verdict(text: str, a: int, b: int) -> Warned | None:
    """``a``: where 诈骗/骗子/骗局 starts. The clause before the verdict verb is the warned one."""
    lo = max(0, a - 6)
    vm = None
    for m in _ZH_VERDICT.finditer(text, lo, b):
        if m.end() == b:
            vm = m
            break
    if vm is None:
        return None
    return _before_verdict(text, vm.start(), vm.end())


def _zh_verdict_bare(text: str, a: int, b: int) -> Warned | None:
    """``a``: where 就是骗/都是骗 starts: "…先转保证金就是骗！"."""
    vm = _ZH_VERDICT_BARE.match(text, a) or _ZH_VERDICT.match(text, a)  # or "都是骗子/骗局"
    return _before_verdict(text, vm.start(), vm.end()) if vm is not None else None


def _zh_scripts(text: str, out: list[Warned], cues: list[tuple[int, int]]) -> None:
    """The scammer's quoted script after 骗子常说 / 对方若说 / 话术 / 常见说法有: every quote that
    follows (with ①②, 、 or 或 between them), up to ``_ZH_SCRIPT_REACH`` characters; and a scam
    call or text reported by its quoted words ("接到'…'的电话")."""
    n = len(text)
    for m in itertools.islice(_ZH_SCRIPT.finditer(text), _MAX_CUES):
        pos = m.end()
        stop = min(n, pos + _ZH_SCRIPT_REACH)
        start = end = -1
        while pos < stop:
            g = _ZH_SCRIPT_GAP.match(text, pos, stop)
            q = g.end() if g is not None else pos
            if q >= stop or text[q] not in _ZH_QUOTE_OPEN:
                break
            close = text.find(_ZH_QUOTE_CLOSE[text[q]], q + 1, stop)
            if close < 0:
                break
            if start < 0:
                start = q + 1
            end = close
            pos = close + 1
        if start >= 0 and end > start:
            cues.append(m.span())
            out.append(Warned(start, end, "warning", m.start(), m.end()))
        if len(out) >= MAX_ITEMS:
            return
    for m in itertools.islice(_ZH_REPORTED_CALL.finditer(text), _MAX_CUES):
        if len(out) >= MAX_ITEMS:
            return
        out.append(Warned(m.start(1), m.end(1), "warning", m.start(), m.start(1)))


def _zh_fanshi_list(text: str, out: list[Warned], cues: list[tuple[int, int]]) -> None:
    """ "凡是X的，凡是Y的，…都是诈骗": each 凡是 clause is warned when a verdict or a hang-up
    follows it in the text (a verdict too far back for :func:`_zh_verdict`'s reach)."""
    verdicts = itertools.islice(_ZH_FANSHI_VERDICT.finditer(text), _MAX_CUES)
    last = max((m.start() for m in verdicts), default=-1)
    if last < 0:
        return
    for m in itertools.islice(_ZH_FANSHI.finditer(text), _MAX_CUES):
        if m.end() > last:
            break
        lead = 2 if text.startswith("凡是", m.start()) else 1
        s, e = _strip(text, m.start() + lead, m.end() - 1)
        if e > s:
            cues.append((m.start(), m.start() + lead))
            out.append(Warned(s, e, "warning", m.start(), m.start() + lead))
        if len(out) >= MAX_ITEMS:
            return


def _zh_disclaimer(text: str, a: int, b: int) -> Warned | None:
    """``a``: where a disclaimer's cue (非本, 不是我, 与本 …) starts. "…的均非本司行为": the
    clause before is the warned one, when it ends in 的 or a 凡/任何/所有 opens it."""
    vm = None
    for m in _ZH_DISCLAIM.finditer(text, max(0, a - 2), min(len(text), b + 8)):
        if m.start() <= a < m.end():
            vm = m
            break
    if vm is None:
        return None
    v = vm.start()
    e = v
    while e > 0 and text[e - 1] in " ，,":
        e -= 1
    if not (e > 0 and text[e - 1] == "的") and (
        _ZH_LEAD.search(text, _sentence_start(text, v, _WINDOW), v) is None
    ):
        return None
    return _before_verdict(text, v, vm.end())


def _before_verdict(text: str, v: int, v_end: int) -> Warned | None:
    """The clause a verdict or disclaimer starting at ``v`` (ending at ``v_end``) judges."""
    lo = max(0, v - _ZH_WINDOW)
    s = _sentence_start(text, v, _ZH_WINDOW)
    # "凡是…的，都是诈骗": a 凡/任何/所有 opens the clause, further back than a plain clause
    # reaches (the list of what is a scam can be long), within its sentence
    leads = [m.start() for m in _ZH_LEAD.finditer(text, _sentence_start(text, v, _LEAD_WINDOW), v)]
    if leads:  # "…，凡要求共享屏幕的都是诈骗": the clause starts at its 凡/任何/所有
        s = leads[-1]
    elif s == lo and lo > 0 and _SENTENCE_END.match(text, lo - 1) is None:
        # no sentence start in reach: start at a clause start, not mid-word (and not at the
        # comma of "…的，都是诈骗", which would leave the clause empty)
        commas = [
            m.end() for m in _ZH_COMMA.finditer(text, lo, v) if text[m.end() : v].strip("的 ")
        ]
        if commas:
            s = commas[-1]
    breaks = [m.end() for m in _ZH_BREAK.finditer(text, s, v)]
    if breaks:  # "…我们发现…凡要求…的都是诈骗": the verdict's clause starts after the last one
        s = breaks[-1]
    s, e = _strip(text, s, v)
    return Warned(s, e, "warning", v, v_end) if e > s else None


def _zh_dont_list(text: str, out: list[Warned], cues: list[tuple[int, int]]) -> None:
    """ "不共享屏幕、不转账": each don't of the list warns against what follows its 不."""
    for m in itertools.islice(_ZH_DONT_LIST.finditer(text), _MAX_CUES):
        items = text[m.start() : m.end()].split("、")
        if (
            _ZH_CONDITION_AFTER.match(text, m.end()) is not None
            or _ZH_CONDITION_IN.search(items[-1]) is not None
        ):
            continue  # "不还款、不配合的将…": a condition, not advice
        pos = m.start()
        for item in items:
            im = _ZH_DONT_ITEM.match(item)
            if im is not None:
                a, b = pos, pos + im.end()
                cues.append((a, b))
                s, e = _strip(text, b, pos + len(item))
                if e > s:
                    out.append(Warned(s, e, "warning", a, b))
            pos += len(item) + 1
        if len(out) >= MAX_ITEMS:
            return


def _zh_if_seen(text: str, a: int, b: int) -> Warned | None:
    """``a``: where a 请勿/切勿/不要 cue starts. "如…看到 X（，）请勿…": X is warned against."""
    s = _sentence_start(text, a, _WINDOW)
    found = None
    for m in _ZH_IF_SEEN.finditer(text, s, a):
        found = m  # the last one before the cue
    if found is None:
        return None
    s, e = _strip(text, found.end(), a)
    while e > s and text[e - 1] in "请，,":
        e -= 1
    return Warned(s, e, "warning", a, b) if e > s else None


def _zh_hangup(text: str, a: int, b: int) -> Warned | None:
    # "如接到…的电话，请挂断": the clause sits before the verb, and can list a whole script
    s = _sentence_start(text, a, _WINDOW)
    found = None
    for m in _ZH_HANGUP_FROM.finditer(text, s, a):
        found = m
        break
    if found is None:
        return None
    hm = _ZH_HANGUP.search(text, max(found.end(), a - 4), b)
    e = hm.start() if hm is not None else a
    s, e = _strip(text, found.end(), e)
    while e > s and text[e - 1] in "请，,":
        e -= 1
    return Warned(s, e, "warning", a, b) if e > s else None


def _en(text: str, out: list[Warned]) -> None:
    low = text.lower()
    if _EN_WARN_WORDS.search(low) is not None:
        _en_warn(text, out)
    if len(out) < MAX_ITEMS and _EN_NEG_WORDS.search(low) is not None:
        _en_neg(text, out)
    if len(out) < MAX_ITEMS and _EN_VERDICT_WORDS.search(low) is not None:
        _en_verdict(text, out)


def _en_warn(text: str, out: list[Warned]) -> None:
    for m in itertools.islice(_EN_WARN_ANY.finditer(text), _MAX_CUES):
        s, e = _strip(text, m.end(), _clause_end(text, m.end()))
        if e > s:
            out.append(Warned(s, e, "warning", m.start(), m.end()))
        if len(out) >= MAX_ITEMS:
            return


def _en_neg(text: str, out: list[Warned]) -> None:
    for m in itertools.islice(_EN_NEG.finditer(text), _MAX_CUES):
        b = m.end()
        end = _clause_end(text, b)
        am = _EN_ACTIONS.search(text, b, min(end, b + 40))
        if am is None:
            continue
        # Only a few words may come between the cue and the action ("never ASK", "will never
        # call you", "do not share").
        if text.count(" ", b, am.start()) > 3:
            continue
        if _EN_SECRECY.match(text, am.start()) is not None:
            continue  # "do not tell your bank": a scam's secrecy demand
        # "Do not share", "never reply" (an imperative) warn; "we will never ask" denies.
        cue = m.group().lower()
        lo = _sentence_start(text, m.start())
        comma = max(text.rfind(",", lo, m.start()), text.rfind("，", lo, m.start()))
        before = text[max(lo, comma + 1) : m.start()].strip().lower()
        imperative = cue.startswith(("do not", "don't", "never")) and before in ("", "please")
        if cue.startswith("no"):
            imperative = False
        kind: CautionKind = "warning" if imperative else "negation"
        s, e = _strip(text, b, end)
        if e > s:
            out.append(
                Warned(s, e, kind, m.start(), b - (len(m.group()) - len(m.group().rstrip())))
            )
        if len(out) >= MAX_ITEMS:
            return


def _en_verdict(text: str, out: list[Warned]) -> None:
    for m in itertools.islice(_EN_VERDICT.finditer(text), _MAX_CUES):
        s, e = _strip(text, _sentence_start(text, m.start()), m.start())
        if e > s:
            out.append(Warned(s, e, "warning", m.start(), m.end()))
        if len(out) >= MAX_ITEMS:
            return


# The last text read and its cautions: the parser reads the normalised text, then the rules
# ask again for the same string (EvalContext.in_warning). One entry: one message's worth.
_LAST: tuple[str, tuple[Warned, ...]] | None = None


def warned_ranges(text: str) -> list[Warned]:
    """Every caution in ``text`` (normalised), in order of start (the same string asked
    twice in a row is read once).

    >>> t = "我行不会以任何理由收取解冻费，谨防诈骗。"
    >>> [(t[w.start:w.end], w.kind) for w in warned_ranges(t)]
    [('以任何理由收取解冻费', 'negation'), ('诈骗', 'warning')]
    >>> t = "凡要求共享屏幕、转账到安全账户的都是诈骗"
    >>> [t[w.start:w.end] for w in warned_ranges(t)]
    ['凡要求共享屏幕、转账到安全账户']
    """
    global _LAST
    last = _LAST
    if last is not None and last[0] is text:
        return list(last[1])
    out = _warned_ranges(text)
    _LAST = (text, tuple(out))
    return out


def _warned_ranges(text: str) -> list[Warned]:
    out: list[Warned] = []
    if not text:
        return out
    cues: list[tuple[int, int]] = []  # every cue word, used or not: a clause ends at the next one
    for m in itertools.islice(_CUE_RE.finditer(text), _MAX_CUES):
        if len(out) >= MAX_ITEMS:
            break
        cue = m.group()
        a, b = m.span()
        if cue in _ZH_DISCLAIM_CUES:
            # common words ("与我联系", "这不是我"): a cue, ending other clauses, only when they
            # disclaim
            w = _zh_disclaimer(text, a, b)
            if w is not None:
                cues.append((a, b))
                out.append(w)
            continue
        cues.append((a, b))
        if cue in ("诈骗", "骗子", "骗局"):
            w = _zh_verdict(text, a, b)
        elif cue in _ZH_VERDICT_BARE_CUES:
            w = _zh_verdict_bare(text, a, b)
        elif cue in ("挂断", "挂掉"):
            w = _zh_hangup(text, a, b)
        else:
            w = _zh_prefix(text, cue, a, b)
            if cue in _ZH_WARN_ANY or cue in _ZH_WARN_ACT:
                seen = _zh_if_seen(text, a, b)
                if seen is not None:
                    out.append(seen)
        if w is not None:
            out.append(w)
    if len(out) < MAX_ITEMS and "、" in text:
        _zh_dont_list(text, out, cues)
    if len(out) < MAX_ITEMS and any(q in text for q in _ZH_QUOTE_OPEN):
        _zh_scripts(text, out, cues)
    if len(out) < MAX_ITEMS and text.count("凡") >= 2:
        _zh_fanshi_list(text, out, cues)
    if len(out) < MAX_ITEMS and _EN_LETTERS.search(text) is not None:
        _en(text, out)
    if not out:
        return out
    out = _cut_at_cues(text, out, cues)
    out.sort()
    return out[:MAX_ITEMS]


def _cut_at_cues(text: str, out: list[Warned], cues: list[tuple[int, int]]) -> list[Warned]:
    """End each clause at the next cue word (start it after the previous one, for a clause
    before its cue): "不能告诉任何人…请不要点击" is two warnings, and the second cue word is no
    part of the first clause. Text without punctuation would otherwise run one clause over the
    next cue, hiding it from the rules that look for cue words."""
    cues = sorted({*cues, *((w.cue_start, w.cue_end) for w in out)})
    starts = [a for a, _ in cues]
    ends = sorted(b for _, b in cues)
    cut = []
    for w in out:
        s, e = w.start, w.end
        if w.cue_start >= e:  # the clause comes before its cue
            i = bisect_right(ends, e) - 1
            if i >= 0 and ends[i] > s:
                s = ends[i]
        else:
            i = bisect_right(starts, s)
            if i < len(starts) and starts[i] < e:
                e = starts[i]
        s, e = _strip(text, s, e)
        if e > s:
            cut.append(w._replace(start=s, end=e))
    return cut


def extract_cautions(ctx: Context, found: list[Warned] | None = None) -> tuple[Caution, ...]:
    """The cautions of ``ctx``'s text as :class:`Caution` items (spans into the original)."""
    ranges = warned_ranges(ctx.text) if found is None else found
    out = []
    for w in ranges:
        text, span = ctx.item(w.start, w.end)
        cue = ctx.original(w.cue_start, w.cue_end)
        fields = {"kind": w.kind, "cue": cue, "text": text, "span": span}
        out.append(make_model(Caution, fields))
    return tuple(out)
