"""The registry's file schema (what an organisation entry may say, each fact with its source)
and the compiled entries and mentions the rest of the package uses."""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..models import Span
from ._patterns import check_pattern

OrgKind = Literal[
    "bank",
    "consumer_finance",
    "platform",
    "court",
    "procuratorate",
    "regulator",
    "credit_bureau",
    "carrier",
    "anti_fraud",
    "police",
    "government",
    "courier",  # parcel carriers and lockers (顺丰, 中通, 菜鸟, 丰巢 …)
    "insurer",
]
Confidence = Literal["confirmed", "unverified"]
MentionVia = Literal["signature", "organisation", "text"]

COURTS_ID = "courts"

# A confirmed fact cites a URL, the vCards data set, or DOMAIN.md together with the URL it gives.
_CONFIRMED_SOURCE = regex.compile(r"https?://\S+|^vcards:data/\S+\.yaml$")
_ID = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NUMBER = regex.compile(r"^[0-9]{3,20}$")
_HOST = regex.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$"
)
# Service numbers that carriers embed at the end of 106 long codes.


# --------------------------------------------------------------------------- file schema


class Fact(BaseModel):
    """One official fact (a number, pattern, signature or domain) and where it was confirmed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: str
    source: tuple[str, ...] = Field(min_length=1)
    confidence: Confidence = "confirmed"

    @field_validator("value", mode="before")
    @classmethod
    def _value_is_text(cls, v: object) -> object:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            raise ValueError(f"write {v!r} in quotes so leading zeros and long codes survive")
        return v

    @field_validator("source", mode="before")
    @classmethod
    def _source_list(cls, v: object) -> object:
        return (v,) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _source_fits_confidence(self) -> Fact:
        for s in self.source:
            if not s.strip():
                raise ValueError("empty source")
            if s.startswith("unverified") and self.confidence != "unverified":
                raise ValueError("an 'unverified: …' source needs confidence: unverified")
        if self.confidence == "confirmed" and not any(
            _CONFIRMED_SOURCE.search(s) for s in self.source
        ):
            raise ValueError(
                "a confirmed fact must cite a URL or vcards:data/<path>.yaml; "
                "otherwise mark it confidence: unverified"
            )
        return self


class _OrgSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    kind: OrgKind
    aliases: tuple[str, ...] = ()
    exact_aliases: tuple[str, ...] = ()  # too ambiguous to search in free text (工行, 中行, 人行)
    not_aliases: tuple[str, ...] = ()  # longer words that contain an alias but name something else
    parent: str | None = None
    senders: tuple[Fact, ...] = ()  # SMS sender numbers
    numbers: tuple[Fact, ...] = ()  # other official numbers (voice hotlines, 400, landlines)
    sender_patterns: tuple[Fact, ...] = ()
    signatures: tuple[Fact, ...] = ()
    domains: tuple[Fact, ...] = ()
    short_domains: tuple[Fact, ...] = ()
    domain_patterns: tuple[Fact, ...] = ()
    lookalike_tokens: tuple[Fact, ...] = ()  # ASCII tokens a look-alike host uses (icbc, 95588)
    hotline: Fact | None = None
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _kebab(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"id {v!r} must be kebab-case (a-z, 0-9, single hyphens)")
        return v

    @field_validator("aliases", "exact_aliases", "not_aliases")
    @classmethod
    def _names(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for a in v:
            if len(a.strip()) < 2 or a != a.strip():
                raise ValueError(f"alias {a!r} must have at least 2 characters and no padding")
        return v

    @field_validator("senders", "numbers")
    @classmethod
    def _digits(cls, v: tuple[Fact, ...]) -> tuple[Fact, ...]:
        for f in v:
            if not _NUMBER.match(f.value):
                raise ValueError(f"number {f.value!r} must be 3-20 digits, nothing else")
        return v

    @field_validator("hotline")
    @classmethod
    def _hotline(cls, v: Fact | None) -> Fact | None:
        if v is not None and not _NUMBER.match(v.value):
            raise ValueError(f"hotline {v.value!r} must be 3-20 digits, nothing else")
        return v

    @field_validator("domains", "short_domains")
    @classmethod
    def _hosts(cls, v: tuple[Fact, ...]) -> tuple[Fact, ...]:
        for f in v:
            if not _HOST.match(f.value):
                raise ValueError(
                    f"domain {f.value!r} must be a lower-case host name (no scheme, path or dot at the end)"
                )
        return v

    @field_validator("sender_patterns", "domain_patterns")
    @classmethod
    def _patterns(cls, v: tuple[Fact, ...]) -> tuple[Fact, ...]:
        for f in v:
            check_pattern(f.value)
        return v

    @field_validator("lookalike_tokens")
    @classmethod
    def _tokens(cls, v: tuple[Fact, ...]) -> tuple[Fact, ...]:
        from ._lookalike import token_problem

        for f in v:
            problem = token_problem(f.value)
            if problem:
                raise ValueError(problem)
        return v

    @field_validator("signatures")
    @classmethod
    def _signatures(cls, v: tuple[Fact, ...]) -> tuple[Fact, ...]:
        for f in v:
            if not f.value or any(c in f.value for c in "【】[]［］〔〕"):
                raise ValueError(f"signature {f.value!r} is written without its brackets")
        return v


class _RegistryFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    organisations: tuple[_OrgSpec, ...] = ()


# --------------------------------------------------------------------------- public models


class OrgEntry(BaseModel):
    """One organisation, compiled: plain values for fast use plus the facts with their sources."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    name_en: str
    kind: OrgKind
    aliases: tuple[str, ...] = ()
    exact_aliases: tuple[str, ...] = ()
    parent: str | None = None
    senders: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    sender_patterns: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    short_domains: tuple[str, ...] = ()
    domain_patterns: tuple[str, ...] = ()
    lookalike_tokens: tuple[str, ...] = ()
    hotline: str | None = None
    facts: tuple[tuple[str, Fact], ...] = ()  # (field, fact) for every sourced fact
    path: str = "<string>"
    line: int | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """Every distinct source this entry cites, in order of first use."""
        return tuple(dict.fromkeys(s for _, f in self.facts for s in f.source))


class OrgMention(BaseModel):
    """An organisation a message names, and where."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    org_id: str
    name: str
    kind: OrgKind
    text: str
    span: Span
    via: MentionVia
