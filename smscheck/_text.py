"""Text normalisation with an offset map back to the original text.

Extractors and rules see :attr:`Normalized.text`; every span they find is mapped back with
:meth:`Normalized.span` so evidence always points into the ORIGINAL message.

Steps, in order (each keeps the map):

1. lone surrogates are replaced by U+FFFD one for one (so the text can be JSON-encoded and
   offsets are unchanged; done by :func:`clean_input` before anything else sees the text);
2. NFKC per character (full-width → half-width, ①→1, ㊣…), combining marks, zero-width and
   bidi controls and other control characters removed, Latin/Cyrillic/Greek homoglyphs folded
   to Latin, traditional characters common in these messages folded to simplified;
3. whitespace and decorative separators between CJK characters removed (微 信, 微❤信, 律 师 函),
   other whitespace runs collapsed to one space;
4. look-alike spellings folded (薇信/威信/徽信/V信/vx/加V/➕V/V❤ → 微信, 扣扣/加Q/q群 → QQ) and runs of
   Chinese digits written out (一三八…) turned into ASCII digits.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Callable

import regex

_SURROGATE = re.compile(r"[\ud800-\udfff]")

# Characters removed outright: zero-width, bidi controls, soft hyphen, BOM, variation selectors.
_INVISIBLE = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # LRE … RLO
    + [chr(c) for c in range(0x2060, 0x2070)]  # word joiner, invisible operators, isolates
    + [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
    + ["\u00ad", "\ufeff", "\u180e", "\u034f", "\u061c", "\u115f", "\u1160", "\u3164", "\uffa0"]
)

# Latin look-alikes from Cyrillic and Greek (the ones fraudsters actually use in words and hosts).
_HOMOGLYPHS = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ɡ": "g", "ո": "n",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "υ": "u", "κ": "k", "ι": "i",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip

# Traditional → simplified, one character for one, limited to characters that occur in
# debt, legal, bank and scam vocabulary. A full converter (OpenCC) would cost ~100 ms of
# import and several MB for no gain in keyword matching.
_TRAD = (
    "師师 貸贷 還还 費费 凍冻 結结 訴诉 證证 徵征 號号 帳账 賬账 戶户 轉转 匯汇 險险 傳传 執执 "
    "達达 電电 話话 聯联 繫系 係系 關关 於于 務务 處处 時时 內内 間间 會会 員员 區区 門门 當当 "
    "為为 請请 舉举 報报 網网 額额 單单 錢钱 擔担 責责 監监 獄狱 黃黄 華华 東东 國国 農农 業业 "
    "興兴 發发 廣广 據据 歷历 審审 決决 書书 議议 調调 記记 錄录 寶宝 銀银 鐵铁 庫库 備备 "
    "紀纪 違违 規规 辦办 構构 購购 貨货 財财 產产 項项 屬属 確确 認认 碼码 無无 効效 後后 "
    "將将 對对 與与 讓让 應应 該该 並并 們们 們们 個个 這这 們们 麼么 從从 來来 點点 過过 "
    "進进 運运 還还 遲迟 郵邮 寄寄 級级 縣县 鄉乡 鎮镇 區区 營营 衛卫 惡恶 詐诈 騙骗 罰罚 "
    "刑刑 獲获 嚴严 厲厉 償偿 債债 務务 倉仓 濟济 訊讯 簡简 訂订 閱阅 續续 終终 斷断 "
    "開开 實实 際际 態态 狀状 況况 響响 損损 壞坏 簽签 託托 幣币 務务 貼贴 準准 臺台 灣湾 "
    "們们 線线 絡络 絲丝 紅红 樣样 請请 稅税 據据 鑒鉴 鑑鉴 懲惩 護护 積积 歸归 醫医 療疗 "
    "學学 習习 親亲 屬属 鄰邻 居居 團团 夥伙 處处 辭辞 職职 況况 據据 檢检 察察 訟讼 狀状 "
    "罪罪 檔档 案案 拘拘 捕捕 緝缉 凍冻 帳账 戶户 資资 訊讯 給给 優优 惠惠 領领 獎奖 勵励 "
    "額额 數数 萬万 億亿 圓圆 塊块 條条 額额 餘余 總总 計计 張张 卡卡 綁绑 驗验 證证 碼码 "
    "於于 衆众 眾众 體体 齊齐 龍龙 貝贝 頁页 頭头 題题 類类 顯显 風风 飛飞 馬马 魚鱼 鳥鸟 "
    "攜携 帶带 標标 準准 專专 業业 範范 圍围 園园 陽阳 陰阴 陳陈 隊队 階阶 際际 險险 "
    "詢询 謝谢 識识 講讲 證证 評评 試试 詳详 說说 誤误 讀读 譽誉 變变 讓让 認认 話话 "
    "罷罢 熱热 問问 閉闭 閃闪 閘闸 開开 關关 門门 問问 間间 悶闷 聞闻 閣阁 闆板 "
    # lures written in traditional characters (prizes, jobs, fees, medical insurance)
    "暫暂 銷销 價价 諮咨 動动 週周 遞递 機机 擊击 連连 買买 賣卖 錯错 齡龄 輸输 掃扫 "
    "鏈链 載载 註注 廳厅 場场 幫帮 憑凭 櫃柜 補补 繳缴 納纳 稱称 趕赶 緊紧 現现 啟启 "
    "啓启 權权 薦荐 傭佣 寬宽 擇择 選选 極极 屆届 獨独 戲戏 視视 觀观 聽听 導导 長长 "
    "經经 歲岁 樂乐 歡欢 節节 贈赠 禮礼 筆笔 腦脑 蘋苹 氣气 車车 輛辆 駕驾 駛驶 養养 "
    "賠赔 勞劳 歷历 簡简 邊边 製制 複复 雙双 實实 絕绝 須须 維维 護护 異异 常常 "
    # points-for-cash, e-token, landlord and prize lures quoted in traditional script (issue 11)
    "兌兑 換换 滿满 妳你 陸陆 復复 愛爱 慶庆 賀贺 撥拨 諒谅 獻献 災灾 樓楼 協协 顧顾 寫写 "
)
_TRAD_MAP = {pair[0]: pair[1] for pair in _TRAD.split()}

_CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
)


def is_cjk(ch: str) -> bool:
    """Return True for a CJK unified ideograph."""
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _CJK_RANGES)


# Step 3: separators between CJK characters (whitespace, decorative symbols, emoji, dots).
_CJK = r"[\p{Han}]"
# One class (not "class | \p{Emoji_Presentation}": most emoji are also So, so a run of them
# could be split two ways per character).
_SEP_BETWEEN_CJK_PATTERN = rf"(?<={_CJK})(?:[\s\p{{So}}\p{{Sk}}\p{{Co}}\p{{Emoji_Presentation}}·•・*~_|/\\.'\"`^])+(?={_CJK})"
# Whitespace next to a CJK character on one side only (律师 函, 加 V, 逾期 3 天). A run is
# only tried from its first character ((?<!\s)): a later start ends where the run does, so it
# matches when the first start did, and retrying it at every character of a long run not
# followed by CJK was quadratic ("开户行:" + " \t" * 2000: 0.4 s).
_SPACE_NEXT_TO_CJK = regex.compile(rf"(?<={_CJK})\s+|(?<!\s)\s+(?={_CJK})")
_SPACE_RUN = regex.compile(r"\s{2,}|[\t\n\r\f\v\u2028\u2029\x85]")

# Step 4: look-alike spellings of contact channels. Longest forms first.
_FOLDS: tuple[tuple[str, str], ...] = (
    (r"(?:加|\+|➕)\s*(?:[vVＶ](?![a-zA-Z])|[vV]\s*信|薇|微|威|徽)(?:信|芯)?", "加微信"),
    (r"[薇徽溦嶶]\s*[信芯]", "微信"),
    (r"威信(?!县|市|镇|力|望|扫地)", "微信"),
    (r"维信(?!金科|卡卡|县)", "微信"),
    # (not the first label of a host: "wx-jf.cc/a" is a link, not 微信-jf.cc)
    (
        r"(?<![a-zA-Z])[vVwW]\s*(?:[/\\|.\-_*]\s*)?[xX](?![a-zA-Z])(?![\-_]?[A-Za-z0-9\-]{0,63}\.[A-Za-z]{2})",
        "微信",
    ),
    (r"(?<![a-zA-Z])[vV]\s*信", "微信"),
    # V plus a heart, star or emoji, then a colon, a CJK character or a handle (V❤: ab12,
    # v❤领红包): the decoration stands for 信 (blind set 24: spam that dodges keyword filters).
    (
        r"(?<![a-zA-Z])[vV]\s?[\p{So}\p{Emoji_Presentation}]{1,3}(?=\s?[:：\p{Han}A-Za-z0-9])",
        "微信",
    ),
    (r"加卫星", "加微信"),
    (r"扣扣|企鹅号|[Qq]\s*[Qq](?=号|:|：|群|\d|\s*\d)", "QQ"),
    # one Q for two: 加Q 3318…, q群 7382… (a QQ number or group the reader is to add)
    (r"(?<=加)\s?[Qq](?![A-Za-z])(?=\s?[:：]?\s?\d|群)|(?<![A-Za-z])[Qq](?=群)", "QQ"),
)
_FOLD_PATTERN = "|".join(f"({p})" for p, _ in _FOLDS)
_FOLD_OUT = tuple(out for _, out in _FOLDS)

_CN_DIGITS = {"〇": "0", "零": "0", "一": "1", "幺": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
              # the financial (capital) forms, used to write a phone or WeChat number past
              # filters (加薇：壹叁玖…); 貳/叄/陸 are their traditional and variant spellings
              "壹": "1", "贰": "2", "貳": "2", "叁": "3", "叄": "3", "肆": "4", "伍": "5",
              "陆": "6", "陸": "6", "柒": "7", "捌": "8", "玖": "9"}  # fmt: skip


@functools.cache
def _sep_between_cjk() -> regex.Pattern[str]:
    """Step 3's pattern, compiled on first use: few messages need it (its gate is _MAYBE_…)."""
    return regex.compile(_SEP_BETWEEN_CJK_PATTERN)


@functools.cache
def _fold_re() -> regex.Pattern[str]:
    """Step 4's pattern, compiled on first use: few messages need it (its gate is _MAYBE_…)."""
    return regex.compile(_FOLD_PATTERN)


class Normalized:
    """Normalised text plus a map from its offsets to the original's.

    ``starts[i]``/``ends[i]`` are the original offsets of the characters that produced
    ``text[i]``; ``None`` means identity (no character was added or removed, so offsets are
    unchanged even when characters were replaced one for one).
    """

    __slots__ = ("_clamp", "_ends", "_starts", "original", "text")

    def __init__(
        self,
        original: str,
        text: str,
        starts: list[int] | None,
        ends: list[int] | None,
    ) -> None:
        self.original = original
        self.text = text
        self._starts = starts
        self._ends = ends
        # Identity map over a changed text (characters replaced one for one): offsets are
        # unchanged but, like a real map, ranges are clamped to the text.
        self._clamp = starts is None and text is not original and text != original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open range ``[start, end)`` of :attr:`text` to the original text."""
        starts = self._starts
        if starts is None:
            if not self._clamp:
                return start, end
            # Same length, characters replaced one for one: clamp like a real map would.
            n = len(self.text)
            if start >= n:
                return n, n
            if end <= start:
                return start, start
            return start, min(end, n)
        n = len(self.text)
        if start >= n:
            return len(self.original), len(self.original)
        if end <= start:
            s = starts[start]
            return s, s
        assert self._ends is not None
        return starts[start], self._ends[min(end, n) - 1]

    def original_slice(self, start: int, end: int) -> str:
        """Return the original text behind ``text[start:end]``."""
        a, b = self.span(start, end)
        return self.original[a:b]


def fold_lower(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets must hold), with İ (U+0130)
    and ı (U+0131) as ``i``: a case-insensitive pattern, ``re`` or ``regex``, equates them
    with i or I, and they are the only such letters a normalised text still holds (NFKC has
    made ſ, K, ﬁ … plain). So a word a pattern matched, lower-cased here, is a dictionary key.

    >>> fold_lower("Pay tonİght, wıthin 2 DAYS")
    'pay tonight, within 2 days'
    """
    low = text.lower()
    if len(low) != len(text):  # only İ lower-cases to two characters
        low = text.replace("\u0130", "i").lower()
    if "\u0131" in low:
        low = low.replace("\u0131", "i")
    return low


def clean_input(text: str) -> str:
    """Replace lone surrogates by U+FFFD (same length, so offsets hold)."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


_Map = tuple[str, list[int] | None, list[int] | None]


def _rewrite(
    text: str,
    starts: list[int] | None,
    ends: list[int] | None,
    pattern: regex.Pattern[str] | re.Pattern[str],
    repl: Callable[[regex.Match[str]], str],
) -> _Map:
    """Replace every match of ``pattern``; each new character maps to the whole match.

    ``starts is None`` means the identity map. Replacements of the same length keep the
    per-character offsets, so the map is only built (or copied) when a length changes.
    """
    edits: list[tuple[int, int, str]] = []
    same_length = True
    for m in pattern.finditer(text):
        new = repl(m)  # type: ignore[arg-type]
        old = m.group()
        if new == old:
            continue
        a, b = m.span()
        edits.append((a, b, new))
        if len(new) != b - a:
            same_length = False
    if not edits:
        return text, starts, ends
    out: list[str] = []
    pos = 0
    for a, b, new in edits:
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:])
    if same_length:
        return "".join(out), starts, ends
    if starts is None or ends is None:
        starts = list(range(len(text)))
        ends = list(range(1, len(text) + 1))
    ns: list[int] = []
    ne: list[int] = []
    pos = 0
    for a, b, new in edits:
        ns.extend(starts[pos:a])
        ne.extend(ends[pos:a])
        if new:
            if len(new) == b - a:  # one for one: keep per-character offsets
                ns.extend(starts[a:b])
                ne.extend(ends[a:b])
            else:
                ns.extend([starts[a]] * len(new))
                ne.extend([ends[b - 1]] * len(new))
        pos = b
    ns.extend(starts[pos:])
    ne.extend(ends[pos:])
    return "".join(out), ns, ne


def _delete(
    text: str,
    starts: list[int] | None,
    ends: list[int] | None,
    pattern: regex.Pattern[str],
) -> _Map:
    """``_rewrite`` with an empty replacement: delete every match, in one pass."""
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return text, starts, ends
    pieces: list[str] = []
    ns: list[int] = []
    ne: list[int] = []
    pos = 0
    if starts is None or ends is None:  # the identity map: kept offsets are their own
        for a, b in spans:
            if a < b:
                pieces.append(text[pos:a])
                ns.extend(range(pos, a))
                ne.extend(range(pos + 1, a + 1))
                pos = b
        if pos == 0:  # only empty matches: nothing changes
            return text, starts, ends
        n = len(text)
        ns.extend(range(pos, n))
        ne.extend(range(pos + 1, n + 1))
    else:
        for a, b in spans:
            if a < b:
                pieces.append(text[pos:a])
                ns.extend(starts[pos:a])
                ne.extend(ends[pos:a])
                pos = b
        if pos == 0:
            return text, starts, ends
        ns.extend(starts[pos:])
        ne.extend(ends[pos:])
    pieces.append(text[pos:])
    return "".join(pieces), ns, ne


def _char_fold(ch: str) -> str:
    if ch in _INVISIBLE:
        return ""
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf") or (cat == "Cc" and ch not in "\t\n\r\f\v"):
        return ""
    if ch in _HOMOGLYPHS:
        return _HOMOGLYPHS[ch]
    out = unicodedata.normalize("NFKC", ch)
    if len(out) > 1:
        # Keep NFKC's expansions (½ → 1⁄2, ㍻ …) but drop marks they decompose into.
        out = "".join(c for c in out if unicodedata.category(c) not in ("Mn", "Me"))
    out = "".join(_HOMOGLYPHS.get(c, c) for c in out)
    return _TRAD_MAP.get(out, out)


# Runs of characters that may change under step 2. ASCII and CJK ideographs are stable,
# so most of a message is skipped at C speed (a plain class: the standard ``re`` is faster).
# A run is also the unit of the offset map when a fold changes lengths.
# Compiled on first use: only texts that _STEP2_ANY finds something in need it.
@functools.cache
def _unstable() -> re.Pattern[str]:
    return re.compile(r"([^\x20-\x7e\u4e00-\u9fff]+)")  # a group: also for ``split``


# For the quick test only (_STEP2_ANY): the common CJK punctuation that folds to itself is
# stable too (each extra is checked against the fold itself) ...
_STABLE_EXTRA = "".join(
    f"\\u{ord(c):04x}" for c in "。【】、¥“”‘’《》「」『』〔〕〈〉—·" if _char_fold(c) == c
)
# ... and the commonest unstable characters, which fold one for one, are replaced in C first.
_PRE_FOLD = tuple((c, f) for c in "，：" if len(f := _char_fold(c)) == 1)


# Folded form of every character met so far (a few hundred distinct ones in real traffic) and
# of short runs. Keys are input: what keys and values weigh (``sys.getsizeof``) is counted and
# bounded, so adversarial input with every code point cannot grow it without limit. Once full it
# keeps what it has (real traffic fills it with the common characters first).
FOLD_CACHE_BYTES = 1 << 21
_FOLD_CACHE: dict[str, str] = {}
_FOLD_CACHE_MAX = 1 << 14
_fold_bytes = 0  # counted before insertion: a race can only over-count


def _keep_fold(key: str, out: str) -> bool:
    global _fold_bytes
    size = sys.getsizeof(key) + sys.getsizeof(out)
    if _fold_bytes + size > FOLD_CACHE_BYTES or len(_FOLD_CACHE) >= _FOLD_CACHE_MAX:
        return False
    _fold_bytes += size
    _FOLD_CACHE[key] = out
    return True


def _fold_char(ch: str) -> str:
    out = _FOLD_CACHE.get(ch)
    if out is None:
        out = _char_fold(ch)
        _keep_fold(ch, out)
    return out


# The subset of short runs whose fold keeps their length (the common case, tested in one go).
_FOLD_SAME: dict[str, str] = {}


def _fold_str(run: str) -> str:
    """Step 2 for one run of unstable characters (short runs are cached whole)."""
    out = _FOLD_CACHE.get(run)
    if out is None:
        out = "".join([_fold_char(c) for c in run])
        if len(run) <= 8 and _keep_fold(run, out) and len(out) == len(run):
            _FOLD_SAME[run] = out
    return out


def _fold_lookalike(m: regex.Match[str]) -> str:
    idx = m.lastindex
    return _FOLD_OUT[idx - 1] if idx else m.group()


def _cn_digits(m: regex.Match[str]) -> str:
    return "".join(_CN_DIGITS[c] for c in m.group())


def _space(m: regex.Match[str]) -> str:
    return " "


# Fast pre-scans with the standard ``re`` module (a plain character class is several times
# faster there than in ``regex``). Each either IS the step's pattern (same semantics: plain
# code-point classes) or finds a superset of the places the step's pattern can match, so
# skipping the step when it finds nothing changes nothing.
# Traditional → simplified is one character for one, so it is a plain translate (offsets kept).
_TRAD_TABLE = {ord(k): v for k, v in _TRAD_MAP.items() if k != v}


@functools.cache
def _trad_any() -> re.Pattern[str]:
    """Any traditional character; compiled on first use (only texts that step 2 changes, or
    that hold a traditional character, need it)."""
    return re.compile("[" + "".join(sorted(chr(c) for c in _TRAD_TABLE)) + "]")


# A superset of \p{Han}: everything from the radicals up (a class that compiles fast).
_HAN_ANY = r"^\x00-\u2e7f"
# Characters that are surely not separators of step 3: ASCII letters, digits and punctuation
# outside its list, CJK brackets and punctuation, dashes and quotes, ¥ ...
_NOT_SEP_PUNCT = (
    r"!#-&()+,\-0-9:-@A-Z\[\]a-z{}\u00a5\u2010-\u201f\u3001-\u3003\u3008-\u3011\u3014-\u301f"
)
# ... and the Han ideographs of the main block.
_NOT_SEP = _NOT_SEP_PUNCT + r"\u4e00-\u9fff"
# A Han character, a run of possible separators, a Han character: a superset of step 3's
# matches. Written from the first separator (a rare character in Chinese text, so ``re``
# skips to candidates at C speed), with the Han character before it as a look-behind. The rest
# of the run may also hold ideographs (a smaller class, faster to compile): the first ideograph
# after the separators then ends a match anyway. Linear: a start fails only when no later
# character of its run could end a match, and such a run holds no other start.
_MAYBE_SEP_BETWEEN_CJK = re.compile(
    rf"[^{_NOT_SEP}](?<=[{_HAN_ANY}][\s\S])[^{_NOT_SEP_PUNCT}]*[{_HAN_ANY}]"
)
# Exactly str.isspace (a superset of regex's \s), spelled out: faster than ``\s`` in ``re``.
_WS = r" \t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_ANY_SPACE = re.compile(f"[{_WS}]")
# Two spaces, or one of the odd ones: a superset of _SPACE_RUN's matches.
_MAYBE_SPACE_RUN = re.compile(rf"[{_WS}](?:[{_WS}]|(?<=[\t\n\r\f\v\u2028\u2029\x85]))")
# _FOLD_PATTERN without its look-aheads and with a wider \s: a superset of its matches. One class
# first (the first characters of _FOLD_PATTERN), so ``re`` skips to candidates at C speed. Runs of
# whitespace are single by the time it runs (_SPACE_RUN); ``\s*(?:[/…]\s*)?`` is also written
# so that a run splits one way only (tests/test_properties.py checks every parser pattern).
_MAYBE_FOLD = re.compile(
    r"[加+➕薇徽溦嶶威维vVwW扣企Qq](?:(?<=[加+➕])\s*[vVＶ薇微威徽]|(?<=加)卫星"
    r"|(?<=[薇徽溦嶶])\s*[信芯]|(?<=[威维])信|(?<=[vVwW])\s*(?:[/\\|.\-_*]\s*)?[xX]|(?<=[vV])\s*信"
    r"|(?<=扣)扣|(?<=企)鹅号|(?<=[Qq])\s*[Qq]|(?<=[Qq])群|(?<=加)\s?[Qq]"
    r"|(?<=[vV])\s?[\u2190-\u2bff\u3297\u3299\U0001f000-\U0001faff])"
)
# Five or more written-out digits in a row is a phone or account number, never prose. (Not
# ``[…]{5,}``: with a leading class ``re`` scans for candidates at C speed.)
_CN_DIGIT_CLASS = "[" + "".join(_CN_DIGITS) + "]"
_CN_DIGIT_RUN_FAST = re.compile(f"{_CN_DIGIT_CLASS}{_CN_DIGIT_CLASS}{{4,}}")


def _stable_class() -> str:
    """Step 2's stable characters minus the traditional ones, as the inside of a class."""
    trad = sorted(_TRAD_TABLE)
    parts = [r"\x20-\x7e", _STABLE_EXTRA]
    lo = 0x4E00
    for c in trad:  # ideographs as themselves: the parser reads them faster than escapes
        if lo < c:
            parts.append(f"{chr(lo)}-{chr(c - 1)}")
        lo = c + 1
    parts.append(f"{chr(lo)}-\u9fff")
    return "".join(parts)


# Any character that step 2 or the traditional fold may change: one scan for both.
_STEP2_ANY = re.compile(f"[^{_stable_class()}]")


def _fold_parts(parts: list[str]) -> tuple[list[str], bool]:
    """Fold the runs (odd items) of a ``split`` result; True when each keeps its length."""
    runs = parts[1::2]
    cached = list(map(_FOLD_SAME.get, runs))
    if None not in cached:
        return cached, True  # type: ignore[return-value]  # no None left
    folded = [_fold_str(run) for run in runs]
    return folded, all(len(f) == len(r) for f, r in zip(folded, runs, strict=True))


def _runs_map(parts: list[str], folded: list[str]) -> _Map:
    """The folded text and its map, each run of ``parts`` replaced by its fold.

    The same as ``_rewrite`` over these runs from the identity map: a run that keeps its length
    keeps per-character offsets, each character of one that does not maps to the whole run.
    """
    out: list[str] = []
    ns: list[int] = []
    ne: list[int] = []
    pos = 0
    for k, piece in enumerate(parts):
        n = len(piece)
        new = folded[k >> 1] if k & 1 else piece
        out.append(new)
        if len(new) == n:
            ns.extend(range(pos, pos + n))
            ne.extend(range(pos + 1, pos + n + 1))
        elif new:
            ns.extend([pos] * len(new))
            ne.extend([pos + n] * len(new))
        pos += n
    return "".join(out), ns, ne


def _step2(original: str, text: str) -> _Map:
    """Step 2 and the traditional fold; ``text`` is ``original`` with _PRE_FOLD applied."""
    starts: list[int] | None = None
    ends: list[int] | None = None
    # Every run keeps its length: offsets are unchanged, only the text is rebuilt. The runs of
    # ``text`` are pieces of those of ``original`` (_PRE_FOLD made some characters ASCII, one
    # for one), so when each piece keeps its length so does each run. When one does not, the
    # map is built over the runs of the original text.
    unstable = _unstable()
    parts = unstable.split(text)
    folded, same = _fold_parts(parts)
    if not same and text is not original and text != original:
        parts = unstable.split(original)
        folded, same = _fold_parts(parts)
    if same:
        parts[1::2] = folded
        text = "".join(parts)
    else:
        text, starts, ends = _runs_map(parts, folded)
    if _trad_any().search(text) is not None:
        text = text.translate(_TRAD_TABLE)
    return text, starts, ends


def normalize(original: str) -> Normalized:
    """Normalise ``original`` for matching and keep the map back to it.

    >>> n = normalize("请加薇 信：ab12，【京東金融】")
    >>> n.text
    '请加微信:ab12,【京东金融】'
    >>> a = n.text.index("微信"); n.original_slice(a, a + 2)
    '薇 信'
    """
    text = original
    starts: list[int] | None = None
    ends: list[int] | None = None
    if not text.isascii():
        for c, f in _PRE_FOLD:
            text = text.replace(c, f)
    if _STEP2_ANY.search(text) is not None:
        text, starts, ends = _step2(original, text)
    if _MAYBE_SEP_BETWEEN_CJK.search(text) is not None:
        text, starts, ends = _delete(text, starts, ends, _sep_between_cjk())
    if _ANY_SPACE.search(text) is not None:
        if not text.isascii():
            text, starts, ends = _delete(text, starts, ends, _SPACE_NEXT_TO_CJK)
        if _MAYBE_SPACE_RUN.search(text) is not None:
            text, starts, ends = _rewrite(text, starts, ends, _SPACE_RUN, _space)
    if _MAYBE_FOLD.search(text) is not None:
        text, starts, ends = _rewrite(text, starts, ends, _fold_re(), _fold_lookalike)
        # again: a fold may have made a neighbour CJK (加V ab → 加微信ab)
        if _ANY_SPACE.search(text) is not None and not text.isascii():
            text, starts, ends = _delete(text, starts, ends, _SPACE_NEXT_TO_CJK)
    if _CN_DIGIT_RUN_FAST.search(text) is not None:
        text, starts, ends = _rewrite(text, starts, ends, _CN_DIGIT_RUN_FAST, _cn_digits)
    if text == original:
        return Normalized(original, original, None, None)
    return Normalized(original, text, starts, ends)
