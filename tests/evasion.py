"""The cosmetic tricks fraudsters use to slip past filters, as functions text → variant.

Used by tests/test_evasion.py (the rates are asserted) and bench/evasion_report.py (the rates
are printed per trick). Each trick returns the message unchanged when it does not apply, and
the caller skips such variants.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from smscheck._text import _TRAD_MAP

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_PAIR = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")
_SIMPLIFIED_TO_TRAD: dict[str, str] = {}
for _t, _s in _TRAD_MAP.items():
    _SIMPLIFIED_TO_TRAD.setdefault(_s, _t)
_CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у",
                           "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "X": "Х", "T": "Т"})  # fmt: skip
_FULLWIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
_CN_DIGIT = str.maketrans("0123456789", "零一二三四五六七八九")
_CAPITAL_DIGIT = str.maketrans("0123456789", "零壹贰叁肆伍陆柒捌玖")
_CIRCLED = str.maketrans("0123456789", "⓪①②③④⑤⑥⑦⑧⑨")
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_SIG_START = re.compile(r"^\s*(【[^【】]{1,20}】)")
_URL_HOST = re.compile(
    r"((?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,})(/[^\s\u4e00-\u9fff，。]*)?", re.I
)


def spaces(text: str) -> str:
    """A space between every two Chinese characters: 律 师 函."""
    return _CJK_PAIR.sub(" ", text)


def symbols(text: str) -> str:
    """A decorative symbol between every two Chinese characters: 律❤师❤函."""
    return _CJK_PAIR.sub("❤", text)


def fullwidth(text: str) -> str:
    """Every ASCII letter, digit and symbol in its full-width form."""
    return text.translate(_FULLWIDTH)


def zero_width(text: str) -> str:
    """A zero-width space after every character."""
    return "\u200b".join(text)


def homoglyphs(text: str) -> str:
    """Latin letters replaced by Cyrillic look-alikes."""
    return text.translate(_CYRILLIC)


def wechat_spellings(text: str) -> str:
    """微信 → 薇信, 加微信 → 加V, QQ → 扣扣."""
    return text.replace("加微信", "加V").replace("微信", "薇信").replace("QQ", "扣扣")


def traditional(text: str) -> str:
    """Simplified characters replaced by their traditional forms."""
    return "".join(_SIMPLIFIED_TO_TRAD.get(c, c) for c in text)


def chinese_digits(text: str) -> str:
    """Phone numbers written out in Chinese digits (一三八…), other digits circled (①②③)."""
    text = _PHONE.sub(lambda m: m.group().translate(_CN_DIGIT), text)
    return text.translate(_CIRCLED)


def capital_digits(text: str) -> str:
    """Mobile numbers written in the capital (financial) numerals: 壹叁捌…."""
    return _PHONE.sub(lambda m: m.group().translate(_CAPITAL_DIGIT), text)


def heart_spellings(text: str) -> str:
    """微信 → V❤, QQ → 加Q / q群 style single Q."""
    return text.replace("微信", "V❤").replace("QQ群", "q群").replace("加QQ", "加Q")


def link_spelt_out(text: str) -> str:
    """A bare link (no scheme) spelt out one character at a time: a b c . c c / x."""

    def spell(m: re.Match[str]) -> str:
        if m.group().lower().startswith("http"):
            return m.group()
        return " " + " ".join(m.group()) + " "

    return _URL_HOST.sub(spell, text, count=1)


def signature_moved(text: str) -> str:
    """A leading 【signature】 moved to the end."""
    m = _SIG_START.match(text)
    return text[m.end() :] + m.group(1) if m else text


def signature_duplicated(text: str) -> str:
    """A leading 【signature】 repeated at the end."""
    m = _SIG_START.match(text)
    return text + m.group(1) if m else text


def link_disguised(text: str) -> str:
    """A link's host upper-cased with a trailing dot."""
    return _URL_HOST.sub(lambda m: m.group(1).upper() + "." + (m.group(2) or ""), text, count=1)


def combined(text: str) -> str:
    """Several tricks at once: 薇信, Chinese digits, symbols, traditional, zero-width, homoglyphs."""
    return zero_width(traditional(symbols(homoglyphs(chinese_digits(wechat_spellings(text))))))


TRICKS: dict[str, Callable[[str], str]] = {
    "spaces": spaces,
    "symbols": symbols,
    "fullwidth": fullwidth,
    "zero_width": zero_width,
    "homoglyphs": homoglyphs,
    "wechat_spellings": wechat_spellings,
    "traditional": traditional,
    "chinese_digits": chinese_digits,
    "signature_moved": signature_moved,
    "signature_duplicated": signature_duplicated,
    "link_disguised": link_disguised,
    "capital_digits": capital_digits,
    "heart_spellings": heart_spellings,
    "link_spelt_out": link_spelt_out,
    "combined": combined,
}
