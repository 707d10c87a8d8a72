"""Bracketed signatures: 【京东金融】, [建设银行], 〔…〕, ［…］, at the start, the end or buried.

Commercial SMS must carry a registered signature naming the sender; carrier-direct bank SMS
often put it at the end, some carry two (DOMAIN.md §1.2). A signature counts as at the end
when only whitespace, punctuation or an unsubscribe tail (回T退订, 拒收请回复R) follows it.
Neutral names that identify nobody (客服通知, 温馨提示, 系统通知) are flagged ``neutral``.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

import regex

from ..models import Signature
from ._context import Context, make_span
from .sender import prebuilt

__all__ = ["MAX_SIGNATURES", "extract_signatures", "is_neutral_name"]

# A message carries one or two signatures; past this many brackets the input is junk.
MAX_SIGNATURES = 64

# 〔〕 survive NFKC; ［］ become [] (the original bracket is read back from the original text).
# Plain classes and literals: the standard ``re`` scans them faster than ``regex``.
_SIG = re.compile(r"【([^【】\n]{1,24})】|\[([^\[\]\n]{1,24})\]|〔([^〔〕\n]{1,24})〕")
_BRACKETS: dict[str, Literal["【】", "[]", "〔〕", "［］"]] = {
    "【": "【】",
    "[": "[]",
    "［": "［］",
    "〔": "〔〕",
}
_FILLER = regex.compile(r"[\s\p{P}\p{S}]*")
_FILLER_END = regex.compile(r"[\s\p{P}\p{S}]*$")
# An unsubscribe tail after an end signature: 回T退订, 退订回T, 拒收请回复R, 回复TD退订.


@functools.cache
def _tail() -> regex.Pattern[str]:
    """Compiled on first use: only an end signature followed by more than punctuation needs it."""
    return regex.compile(
        r"""
    [\s\p{P}\p{S}]*
    (?:
      (?:回复?|发送?|短信)?\s?(?i:td|t|n|r|0|00)\s?(?:退订|拒收|退)
    | (?:退订|拒收)\s?(?:请)?(?:回复?|发送?)\s?(?i:td|t|n|r|0|00)
    )
    [\s\p{P}\p{S}]*$
    """,
        regex.VERBOSE,
    )


# Words that say nothing about who sends: a name made only of these is neutral.
_GENERIC = (
    "通知|提醒|提示|公告|告知|中心|服务|客服|客户|系统|温馨|友情|友好|短信|信息|消息|重要|紧急|"
    "最新|官方|账单|还款|逾期|到期|催收|催告|法务|安全|风控|审核|贷后|资产|处置|分期|金融|银行|"
    "平台|部门|部|处|人民法院|法院|律师|调解|通告|警示|预警|核实|专员|团队|小组"
)
_NEUTRAL = regex.compile(rf"(?:{_GENERIC})+")
_NEUTRAL_EN = frozenset(
    {
        "notice", "notification", "alert", "reminder", "info", "information", "service",
        "customer service", "system", "warning", "important", "official", "support", "sms",
    }
)  # fmt: skip
# Placeholders that chat apps and SMS exports write in brackets: not signatures.
_NOT_NAMES = frozenset(
    {
        "图片", "表情", "语音", "视频", "链接", "附件", "文件", "红包", "位置", "动画表情",
        "转账", "名片", "彩信", "图片消息", "撤回", "引用", "image", "photo", "link", "emoji",
    }
)  # fmt: skip
_HAS_WORD = regex.compile(r"[\p{L}]")
_SIGNATURE_FIELDS = frozenset(Signature.model_fields)


def is_neutral_name(name: str) -> bool:
    """True for a signature name that identifies nobody (客服通知, 温馨提示, 系统通知).

    >>> is_neutral_name("温馨提示"), is_neutral_name("京东金融")
    (True, False)
    """
    return bool(_NEUTRAL.fullmatch(name)) or name.lower() in _NEUTRAL_EN


def _valid_name(name: str) -> bool:
    if not 1 <= len(name) <= 20 or name.lower() in _NOT_NAMES:
        return False
    if not _HAS_WORD.search(name):
        return False  # [1], 〔2022〕, [***]
    return not (name.isascii() and len(name) < 2)


# (valid, neutral) of each name met so far: a few hundred in real traffic; bounded so that
# junk input cannot grow it without limit.
_NAMES: dict[str, tuple[bool, bool]] = {}
_NAMES_MAX = 4096


def _name_info(name: str) -> tuple[bool, bool]:
    info = _NAMES.get(name)
    if info is None:
        valid = _valid_name(name)
        info = (valid, valid and is_neutral_name(name))
        if len(_NAMES) < _NAMES_MAX:
            _NAMES[name] = info
    return info


def extract_signatures(ctx: Context) -> tuple[Signature, ...]:
    """Find the bracketed signatures and where each sits: ``start``, ``end`` or ``middle``.

    Returns:
        The signatures in order of appearance.

    >>> from datetime import datetime, timezone
    >>> from smscheck._text import normalize
    >>> ctx = Context(nt=normalize("【广东农信】您尾号1234的账户入账100元。【河源农商银行】回T退订"),
    ...               locale="zh-CN", received_at=datetime(2024, 1, 1, tzinfo=timezone.utc),
    ...               tz=timezone.utc)
    >>> [(s.name, s.position) for s in extract_signatures(ctx)]
    [('广东农信', 'start'), ('河源农商银行', 'end')]
    """
    text = ctx.text
    if "【" not in text and "[" not in text and "〔" not in text:
        return ()
    found: list[tuple[int, int, str]] = []
    for m in _SIG.finditer(text):
        raw = m.group(1) or m.group(2) or m.group(3) or ""
        name = raw.strip()
        if _name_info(name)[0]:
            found.append((m.start(), m.end(), name))
            if len(found) >= MAX_SIGNATURES:
                break
    if not found:
        return ()

    positions: list[Literal["start", "end", "middle"]] = ["middle"] * len(found)
    # Signatures chained at the start, with only punctuation or spaces before each.
    pos = 0
    for i, (a, b, _) in enumerate(found):
        if a != pos:  # (right after the previous one, or at 0, it is chained)
            f = _FILLER.match(text, pos)
            if f is None or f.end() < a:
                break
        positions[i] = "start"
        pos = b
    # Signatures chained at the end, followed only by punctuation, spaces or an unsubscribe tail.
    end = len(text)
    for i in range(len(found) - 1, -1, -1):
        a, b, _ = found[i]
        if positions[i] == "start":
            break
        rest = text[b:end]
        if rest and not (_FILLER_END.fullmatch(rest) or _tail().fullmatch(rest)):
            break
        positions[i] = "end"
        end = a

    out = []
    nt = ctx.nt
    for (a, b, name), position in zip(found, positions, strict=True):
        x, y = nt.span(a, b)
        original = nt.original[x:y]
        fields = {
            "name": name,
            "text": original,
            "position": position,
            "bracket": _BRACKETS.get(original[:1], "[]"),
            "neutral": _name_info(name)[1],
            "span": make_span(x, y),
        }
        out.append(prebuilt(Signature, fields, set(_SIGNATURE_FIELDS)))
    return tuple(out)
