"""Result models: everything the parser finds and everything the checker concludes.

Every model is a frozen pydantic v2 model with ``extra="forbid"``; collections are tuples,
so results are hashable-in-spirit, immutable and round-trip through JSON unchanged.

Lone surrogates (U+D800–U+DFFF not in a pair: what ``surrogateescape`` decoding or a broken
UTF-16 source leaves in a ``str``) cannot be written as UTF-8 or JSON. Every string the
library is given (the text, the sender, a batch id) has each of them replaced by U+FFFD, one
character for one (:func:`smscheck._text.clean_input`), before anything else sees it, so lengths and offsets are unchanged.
:attr:`ParsedMessage.text` is that cleaned text (the input itself when it held no lone
surrogate), and every extracted item and every :class:`Evidence` carries ``text`` (exactly
``ParsedMessage.text[span.start:span.end]``) and a half-open ``span`` into it, which is also
the span in the caller's original string.

Datetimes keep their UTC offset through JSON, offsets with seconds or microseconds
included (``+01:00:01``, ``-23:59:59.999999``, which pydantic alone writes to the minute).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

# An ISO 8601 datetime whose offset has seconds (and maybe microseconds): Python writes these
# (isoformat) but neither pydantic nor, for fractions, Python 3.11's fromisoformat reads them.
_OFFSET_WITH_SECONDS = re.compile(r"([+-])(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?\Z", re.ASCII)


def parse_datetime(value: str) -> datetime:
    """Read an ISO 8601 datetime, ``Z`` and offsets with seconds included.

    Raises:
        ValueError: not ISO 8601, or an offset of 24 hours or more.

    >>> parse_datetime("2024-01-01T00:00:00-23:59:59.999999").utcoffset()
    datetime.timedelta(days=-1, microseconds=1)
    """
    m = _OFFSET_WITH_SECONDS.search(value)
    if m is None:
        return datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    local = datetime.fromisoformat(value[: m.start()])
    if local.tzinfo is not None:
        raise ValueError(f"{value!r} has two UTC offsets")
    sign, hh, mm, ss, frac = m.groups()
    off = timedelta(
        hours=int(hh),
        minutes=int(mm),
        seconds=int(ss),
        microseconds=int((frac or "0").ljust(6, "0")),
    )
    return local.replace(tzinfo=timezone(-off if sign == "-" else off))


def _read_offset_seconds(value: Any) -> Any:
    if isinstance(value, str) and _OFFSET_WITH_SECONDS.search(value):
        return parse_datetime(value)
    return value  # everything else: pydantic's own parsing


def _keep_offset_seconds(
    model: BaseModel, data: Any, info: SerializationInfo, names: tuple[str, ...]
) -> Any:
    """Rewrite the ``names`` datetimes of ``data`` (``model`` dumped to JSON) whose UTC offset
    has seconds: pydantic writes those offsets to the minute, a different instant."""
    if not info.mode_is_json() or not isinstance(data, dict):
        return data
    for name in names:
        value = getattr(model, name)
        off = value.utcoffset() if isinstance(value, datetime) else None
        if off is not None and (off.seconds % 60 or off.microseconds) and name in data:
            data[name] = value.isoformat()
    return data


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


_M = TypeVar("_M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__


def trusted(cls: type[_M], fields: dict[str, Any], fields_set: set[str] | None = None) -> _M:
    """``cls(**given)`` for values already valid, without validation (a quarter of the cost).

    For the library's own hot paths only. ``fields`` holds EVERY field of ``cls`` in
    declaration order (defaults included), each value already of its field's type;
    ``fields_set`` names the ones given (all of them when None). The object is the one
    pydantic builds: same ``__dict__``, same set fields, so equality, ``repr`` and JSON are
    unchanged (``tests/test_models.py`` checks every model of the case verdicts).
    """
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    _set(obj, "__pydantic_fields_set__", set(fields) if fields_set is None else fields_set)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


class Span(_Frozen):
    """Half-open character offsets ``[start, end)`` into the original text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def slice(self, text: str) -> str:
        """Return the part of ``text`` this span covers."""
        return text[self.start : self.end]


SenderKind = Literal[
    "cn_mobile",
    "cn_bulk_106",
    "cn_service_95",
    "cn_court_12368",
    "cn_landline",
    "cn_400",
    "cn_virtual_170",
    "international",
    "short_code",
    "toll_free",  # North American 8XX toll-free number (en-US)
    "long_code",  # an ordinary 10-digit North American phone number (en-US)
    "alphanumeric",
    "email",
    "unknown",
]


class Sender(_Frozen):
    """Who sent the message, as classified from the sender string the caller passed."""

    raw: str | None = None
    kind: SenderKind = "unknown"
    digits: str | None = None  # the national number, digits only (no +86 / 0086 prefix)
    e164: str | None = None
    region: str | None = None  # ISO 3166 region code where the number has one
    embedded_service: str | None = None  # a 95xxx/96xxx/12368/100xx number embedded in a 106 code
    lookalike_of: str | None = None  # 100860 → 10086, 955880 → 95588
    name: str | None = None  # an alphanumeric or named sender ("微信公众号：京东白条")


class Signature(_Frozen):
    """A bracketed signature such as 【京东金融】 or [建设银行]."""

    name: str
    text: str
    position: Literal["start", "end", "middle"]
    bracket: Literal["【】", "[]", "〔〕", "［］"]
    neutral: bool = False
    span: Span


class Link(_Frozen):
    """A URL or a bare domain with a path, found in the body."""

    text: str
    url: str  # normalised form: scheme added when missing, host lower-cased, trailing dots dropped
    scheme: str | None = None  # as written; None when the message had no scheme
    host: str
    unicode_host: str | None = None  # decoded IDN host when the host is punycode or non-ASCII
    path: str = ""
    port: int | None = None
    registrable_domain: str | None = None  # eTLD+1 from the public-suffix list; None for IPs
    public_suffix: str | None = None
    is_ip: bool = False
    is_idn: bool = False
    shortener: bool = False  # a generic URL-shortening service or open redirector (bit.ly, t.cn…)
    obfuscated: bool = (
        False  # written to dodge filters: name(dot)com, bit[.]ly, hxxps://, "a . com"
    )
    redirect_target: str | None = None  # where an open redirector (google.com/url?q=…) forwards
    brand_named: bool = False  # the domain's name (costco in costco.com) is also a word of the text
    span: Span


PhoneRole = Literal["callback", "other"]


class PhoneNumber(_Frozen):
    """A phone number written in the body."""

    text: str
    digits: str
    kind: SenderKind
    e164: str | None = None
    region: str | None = None
    lookalike_of: str | None = None
    span: Span
    # "callback" when the body offers the number to call, text, reply to or contact (致电,
    # 拨打, 回电, 联系, 咨询, 热线, call, text, contact, dial, reach us at … just before it).
    role: PhoneRole = "other"


HandleKind = Literal["wechat", "qq", "alipay", "email", "telegram", "whatsapp", "other"]


class Handle(_Frozen):
    """A contact handle other than a phone number: a WeChat or QQ id, an e-mail address."""

    kind: HandleKind
    value: str
    text: str
    span: Span


PaymentKind = Literal[
    "bank_account",  # a card or account number
    "account_type",  # 个人账户 / 对公账户 / 安全账户 ...
    "account_holder",  # 户名 / 收款人
    "bank_name",  # 开户行
    "transfer",  # 转账 / 汇款 / 打款 / 扫码支付
    "qr_code",
    "official_app",  # repay through the creditor's own app or channel
    "screen_sharing",
    "gift_card",
    "wire",
    "zelle",
    "crypto",
    "other",
]

AccountType = Literal["personal", "corporate", "safe", "intermediate", "designated", "other"]
# A request asks the reader to pay or move money ("请转至", "pay to"); a record reports a movement
# that already happened ("支出", "对方户名", "was debited") or confirms one the reader started (a
# transfer code naming the payee). Unclear context reads as a request.
PaymentMood = Literal["request", "record"]


class PaymentInstruction(_Frozen):
    """A fact about how or where the reader is told to pay."""

    kind: PaymentKind
    text: str
    span: Span
    account_number: str | None = None  # digits, or with * kept when masked
    masked: bool = False
    luhn_ok: bool | None = None  # None when Luhn does not apply (masked or non-card)
    account_type: AccountType | None = None
    holder: str | None = None
    bank: str | None = None
    app: str | None = None
    mood: PaymentMood = Field(
        "request",
        description="request: the message asks the reader to pay (请转至, 缴纳, pay to). record: it "
        "reports a movement that happened (收入, 支出, 对方户名, was debited) or confirms one the "
        "reader started (a transfer code naming the payee, 请勿泄露). Read from the instruction's "
        "sentence; a sentence with no cue of its own (a bare 收款人/户名 line, a quoted 留言) takes "
        "the message's mood; unclear is a request.",
    )


CautionKind = Literal["warning", "negation"]


class Caution(_Frozen):
    """A clause the message warns against ("谨防…", "never share…") or denies ("不会要求…").

    ``text``/``span`` cover the governed clause only, not the cue word: in "我行不会要求您
    转账到安全账户" the span is "要求您转账到安全账户", in "凡要求共享屏幕的都是诈骗" it is
    "要求共享屏幕的". Text rules ignore matches lying inside a caution by default.
    """

    kind: CautionKind
    cue: str  # the warning or negating words, as written ("不会", "谨防", "都是诈骗", "never")
    text: str
    span: Span


class CaseNumber(_Frozen):
    """A court case number (案号) and what its parts say."""

    text: str
    span: Span
    year: int | None = None
    court_code: str | None = None
    type_code: str | None = None
    serial: str | None = None
    legacy: bool = False  # pre-2016 "字第" form
    valid: bool = False
    problems: tuple[str, ...] = ()


OrganisationKind = Literal[
    "court",
    "procuratorate",
    "police",
    "law_firm",
    "regulator",
    "credit_bureau",
    "arbitration",
    "government",
    "bank",
    "consumer_finance",
    "platform",
    "carrier",
    "anti_fraud",
    "collection_agency",
    "other",
]


class Organisation(_Frozen):
    """An organisation the message names."""

    name: str  # canonical short name when known (京东金融), else the matched name
    text: str
    kind: OrganisationKind
    span: Span


LegalKind = Literal["document", "threat", "procedure", "accusation"]


class LegalFact(_Frozen):
    """A legal document claimed, a threat made, an invented procedure or a criminal accusation."""

    kind: LegalKind
    name: str  # canonical term: 律师函, 传票, 拘留, 上门, 司法调查程序 …
    text: str
    span: Span


class Tail(_Frozen):
    """A card, account, order or phone tail (尾号1234)."""

    digits: str
    of: Literal["card", "account", "order", "phone", "other"] = "other"
    text: str
    span: Span


class OverdueDays(_Frozen):
    """逾期3天: how long the message says the debt has been overdue."""

    days: int
    text: str
    span: Span


class Product(_Frozen):
    """A credit product named in the message (白条, 金条, 信用卡, 借呗 …)."""

    name: str
    text: str
    span: Span


AmountRole = Literal[
    "due",
    "minimum",
    "fee",
    "penalty",
    "paid",
    "received",
    "balance",
    "credit_limit",
    "reward",
    "other",
]


class Amount(_Frozen):
    """A money amount."""

    text: str
    value: Decimal
    currency: str  # ISO 4217
    role: AmountRole = "other"
    range_part: Literal["low", "high"] | None = None
    span: Span


DateRole = Literal["deadline", "due_date", "overdue_since", "hearing", "transaction", "other"]


class DateMention(_Frozen):
    """A date, time or relative deadline, resolved to an interval of aware datetimes."""

    text: str
    start: datetime
    end: datetime
    kind: Literal["absolute", "relative"]
    role: DateRole = "other"
    span: Span

    # Offsets with seconds survive JSON (see the module docstring). Field annotations stay
    # plain ``datetime`` (the rule engine reads them) and the serializer is the model's (a
    # field serializer would drop date-time from the JSON Schema).
    @field_validator("start", "end", mode="before")
    @classmethod
    def _read_instant(cls, value: Any) -> Any:
        return _read_offset_seconds(value)

    # No return annotation: pydantic would take it for the JSON Schema of the whole model.
    @model_serializer(mode="wrap")
    def _write_instants(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo):  # type: ignore[no-untyped-def]
        return _keep_offset_seconds(self, handler(self), info, ("start", "end"))


Topic = Literal[
    "debt_collection", "legal_notice", "payment", "verification_code", "marketing", "other"
]


class ParsedMessage(_Frozen):
    """Everything the parser extracted from one message; the input to the rules."""

    text: str
    normalized: str
    locale: Literal["zh-CN", "en-US"]
    received_at: datetime
    sender: Sender = Field(default_factory=Sender)
    signatures: tuple[Signature, ...] = ()
    amounts: tuple[Amount, ...] = ()
    dates: tuple[DateMention, ...] = ()
    deadline: datetime | None = None
    payment_instructions: tuple[PaymentInstruction, ...] = ()
    links: tuple[Link, ...] = ()
    phone_numbers: tuple[PhoneNumber, ...] = ()
    handles: tuple[Handle, ...] = ()
    case_numbers: tuple[CaseNumber, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    legal: tuple[LegalFact, ...] = ()
    tails: tuple[Tail, ...] = ()
    overdue_days: tuple[OverdueDays, ...] = ()
    products: tuple[Product, ...] = ()
    creditor: str | None = None
    topics: tuple[Topic, ...] = ()
    cautions: tuple[Caution, ...] = ()

    # Offsets with seconds survive JSON (see the module docstring). Field annotations stay
    # plain ``datetime`` (the rule engine reads them) and the serializer is the model's (a
    # field serializer would drop date-time from the JSON Schema).
    @field_validator("received_at", "deadline", mode="before")
    @classmethod
    def _read_instant(cls, value: Any) -> Any:
        return _read_offset_seconds(value)

    # No return annotation: pydantic would take it for the JSON Schema of the whole model.
    @model_serializer(mode="wrap")
    def _write_instants(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo):  # type: ignore[no-untyped-def]
        return _keep_offset_seconds(self, handler(self), info, ("received_at", "deadline"))


class Label(str, Enum):
    """The verdict's label."""

    LEGITIMATE = "legitimate"
    SUSPICIOUS = "suspicious"
    FORGED = "forged"

    def __str__(self) -> str:
        return self.value


class Localized(_Frozen):
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """Return the text for ``lang`` ("zh"/"zh-CN" or "en"/"en-US")."""
        return self.zh if lang.lower().startswith("zh") else self.en


class Evidence(_Frozen):
    """Why a leaf condition matched: the matched text and span, or the field and value tested.

    ``text`` is exactly ``parsed.text[span.start:span.end]``: the caller's text with lone
    surrogates as U+FFFD (see the module docstring); the span is the same in both.
    """

    leaf: str  # e.g. "text.keywords", "field:sender.kind", "registry.sender"
    text: str | None = None
    span: Span | None = None
    field: str | None = None
    value: str | None = None
    pattern: str | None = None  # which keyword or regex of a list matched
    org_id: str | None = None  # registry leaves: the organisation the evidence is about


class Hit(_Frozen):
    """A rule that fired."""

    rule_id: str
    category: str
    weight: float
    reason: Localized
    evidence: tuple[Evidence, ...] = ()
    absorbed: tuple[str, ...] = ()  # ids of rules this composite absorbed
    full_weight: float | None = None  # the rule's weight when a category cap reduced it
    status: Literal["stable", "testing", "deprecated"] = "stable"  # testing rules weigh 0


class Verdict(_Frozen):
    """The checker's conclusion about one message."""

    label: Label
    score: float
    hits: tuple[Hit, ...] = ()
    parsed: ParsedMessage
    advice: tuple[str, ...] = ()
    advice_en: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    thresholds: tuple[float, float] = (3.0, 6.0)  # (suspicious, forged)

    def explain(self, lang: str = "zh") -> str:
        """Return a human-readable, multi-line explanation in ``lang`` ("zh" or "en").

        >>> from datetime import datetime, timezone
        >>> p = ParsedMessage(text="hi", normalized="hi", locale="en-US",
        ...                   received_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
        >>> print(Verdict(label=Label.LEGITIMATE, score=0.0, parsed=p).explain("en"))
        Verdict: legitimate (score 0; suspicious at 3, forged at 6)
        No rule fired.
        """
        zh = lang.lower().startswith("zh")
        names = {
            Label.LEGITIMATE: ("未发现伪造迹象", "legitimate"),
            Label.SUSPICIOUS: ("可疑", "suspicious"),
            Label.FORGED: ("伪造/诈骗", "forged"),
        }
        s, f = self.thresholds
        if zh:
            lines = [
                f"结论：{names[self.label][0]}（得分 {self.score:g}；{s:g} 分起可疑，{f:g} 分起伪造）"
            ]
        else:
            lines = [
                f"Verdict: {names[self.label][1]} (score {self.score:g}; "
                f"suspicious at {s:g}, forged at {f:g})"
            ]
        if not self.hits:
            lines.append("没有规则命中。" if zh else "No rule fired.")
        for hit in self.hits:
            lines.append(f"  {hit.weight:+g}  {hit.reason.get(lang)}")
        advice = self.advice if zh else self.advice_en
        if advice:
            lines.append("建议：" if zh else "Advice:")
            lines.extend(f"  - {a}" for a in advice)
        lines.extend(f"! {w}" for w in self.warnings)
        return "\n".join(lines)


class Summary(_Frozen):
    """A verdict without evidence, reasons or advice (:meth:`Checker.summarize`).

    Label, score, warnings and thresholds are exactly those of the :class:`Verdict` that
    :meth:`Checker.check` returns for the same message, and ``rule_ids`` lists its hits in the
    same order. Building evidence, reasons and advice takes about a fifth of ``check``'s
    time; a batch that stores labels and scores does not need them.
    """

    label: Label
    score: float
    rule_ids: tuple[str, ...] = ()  # the hits' rule ids, in Verdict.hits order
    parsed: ParsedMessage
    warnings: tuple[str, ...] = ()
    thresholds: tuple[float, float] = (3.0, 6.0)  # (suspicious, forged)
