"""The rule-file format as pydantic models (``extra="forbid"``), and error translation.

Three kinds of file:

- a *rule file*: ``rules: [...]`` (optionally ``locale: en-US`` when it is not in a pack
  folder), validated by :class:`RuleFileSpec`;
- ``pack.yaml``: the pack settings, :class:`PackSpec`;
- an *overrides* file or dict: :class:`OverridesSpec`.

The condition tree under ``when`` is not a pydantic union (union errors are unreadable);
:mod:`smscheck.matchers` dispatches on the condition's key and validates each leaf's body with
the small leaf models below, so every error names one key on one line.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_Path = tuple[str | int, ...]

# The categories every pack knows; a pack adds more under `categories:` in pack.yaml.
BUILTIN_CATEGORIES: tuple[str, ...] = (
    "informal_channel",
    "vague_details",
    "upfront_fee",
    "payment_channel",
    "formatting_errors",
    "impersonation",
    "threats",
    "legitimacy",
)

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WORD = re.compile(r"^[a-z][a-z0-9_]*$")


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class LocalizedSpec(_Spec):
    """``{zh: ..., en: ...}``: both languages are required."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class ExampleSpec(_Spec):
    """An example message: ``{text, sender, received_at, locale}``."""

    text: str
    sender: str | None = None
    received_at: datetime | None = None
    locale: Literal["zh-CN", "en-US"] | None = None

    @field_validator("received_at")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        if v is not None and v.utcoffset() is None:
            raise ValueError("needs a time zone, e.g. 2024-12-13T20:46:00+08:00")
        return v


class ExamplesSpec(_Spec):
    """``examples: {hit: [...], miss: [...]}``."""

    hit: tuple[str | ExampleSpec, ...] = ()
    miss: tuple[str | ExampleSpec, ...] = ()


class RuleSpec(_Spec):
    """One rule as written in YAML (``when`` is checked by :mod:`smscheck.matchers`)."""

    id: str
    category: str
    weight: float = Field(allow_inf_nan=False, ge=-100, le=100)
    description: LocalizedSpec
    reason: LocalizedSpec | None = None
    when: Any
    status: Literal["stable", "testing", "deprecated"] = "stable"
    tags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    absorb: tuple[str, ...] = ()
    examples: ExamplesSpec = Field(default_factory=ExamplesSpec)

    @field_validator("id")
    @classmethod
    def _kebab(cls, v: str) -> str:
        if not _KEBAB.match(v):
            raise ValueError(
                f"{v!r} is not kebab-case; use lower-case words joined by '-', "
                "e.g. 'upfront-unfreeze-fee'"
            )
        return v


class RuleFileSpec(_Spec):
    """A rule file: ``rules: [...]`` and, outside a pack folder, the pack's ``locale``."""

    rules: tuple[dict[str, Any], ...]
    locale: Literal["zh-CN", "en-US"] | None = None


class ThresholdsSpec(_Spec):
    """Label thresholds: ``score >= forged`` is forged, ``>= suspicious`` suspicious."""

    suspicious: float = Field(allow_inf_nan=False)
    forged: float = Field(allow_inf_nan=False)


class AdviceSpec(_Spec):
    """Advice lines per label, plus the template that names the organisation's hotline."""

    legitimate: LocalizedListSpec | None = None
    suspicious: LocalizedListSpec | None = None
    forged: LocalizedListSpec | None = None
    hotline: LocalizedSpec | None = None


class LocalizedListSpec(_Spec):
    """``{zh: [...], en: [...]}``."""

    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()


class PackSpec(_Spec):
    """``pack.yaml``."""

    name: str = Field(min_length=1)
    locale: Literal["zh-CN", "en-US"]
    thresholds: ThresholdsSpec = ThresholdsSpec(suspicious=3.0, forged=6.0)
    caps: dict[str, float] = Field(default_factory=dict)
    categories: dict[str, LocalizedSpec] = Field(default_factory=dict)
    advice: AdviceSpec = Field(default_factory=AdviceSpec)
    regex_timeout_ms: float | None = None  # deprecated, ignored (no clock): `lint` warns
    description: LocalizedSpec | None = None

    @field_validator("categories")
    @classmethod
    def _names(cls, v: dict[str, LocalizedSpec]) -> dict[str, LocalizedSpec]:
        for name in v:
            if not _WORD.match(name):
                raise ValueError(f"category {name!r} must be a lower_snake_case word")
        return v


class OverridesSpec(_Spec):
    """User overrides: disable or reweight rules by id, change thresholds and caps."""

    disable: tuple[str, ...] = ()
    weights: dict[str, float] = Field(default_factory=dict)
    thresholds: ThresholdsSpec | None = None
    caps: dict[str, float] = Field(default_factory=dict)
    locale: Literal["zh-CN", "en-US"] | None = None  # which pack thresholds/caps apply to


# ---- condition leaves ----------------------------------------------------------------------

RegexFlag = Literal["ignorecase", "multiline", "dotall", "verbose", "ascii"]


class RegexLeaf(_Spec):
    """``text: {regex: PATTERN, flags: [...]}``."""

    regex: str = Field(min_length=1)
    flags: tuple[RegexFlag, ...] = ()
    timeout_ms: float | None = None  # deprecated, ignored (no clock): `lint` warns
    in_warnings: bool = False  # also match inside warned-against or denied clauses


class KeywordsLeaf(_Spec):
    """``text: {keywords: [...], ignore_case: true}``."""

    keywords: tuple[str, ...] = Field(min_length=1)
    ignore_case: bool = True
    in_warnings: bool = False  # also match inside warned-against or denied clauses


class NearLeaf(_Spec):
    """``text: {near: [[A...], [B...]], within: N, ordered: false}``."""

    near: tuple[tuple[str, ...], tuple[str, ...]]
    within: int = Field(ge=0, le=10_000)
    ordered: bool = False
    ignore_case: bool = True
    in_warnings: bool = False  # also match inside warned-against or denied clauses


class FuzzyLeaf(_Spec):
    """``text: {fuzzy: [...], edits: 1}``."""

    fuzzy: tuple[str, ...] = Field(min_length=1)
    edits: int = Field(default=1, ge=1, le=3)
    ignore_case: bool = True
    in_warnings: bool = False  # also match inside warned-against or denied clauses


TEXT_LEAVES: dict[str, type[_Spec]] = {
    "regex": RegexLeaf,
    "keywords": KeywordsLeaf,
    "near": NearLeaf,
    "fuzzy": FuzzyLeaf,
}

RegistryCheck = Literal[
    "names_org",
    "sender_official",
    "sender_not_official",
    "link_official",
    "link_not_official",
    "link_lookalike",
    "phone_official",
    "phone_not_official",
]
REGISTRY_CHECKS: tuple[str, ...] = get_args(RegistryCheck)


class RegistryLeaf(_Spec):
    """``registry: CHECK, kinds: [...]``."""

    registry: RegistryCheck
    kinds: tuple[str, ...] = ()


# Every key a condition mapping may start with: the documentation test checks docs/rules.md
# describes each one.
CONDITION_KINDS: tuple[str, ...] = (
    "all",
    "any",
    "not",
    "at_least",
    "text",
    "field",
    "registry",
    "rule",
    "evidence_against",
)

# Field operators (keys next to `field:`), also usable inside `any:`/`all:` item tests.
FIELD_OPS: tuple[str, ...] = (
    "exists",
    "missing",
    "equals",
    "in",
    "contains",
    "matches",
    "gt",
    "ge",
    "lt",
    "le",
    "count",
    "any",
    "all",
    "hours_from_received",
)

COMPARISONS: tuple[str, ...] = ("equals", "gt", "ge", "lt", "le")


# ---- error translation ---------------------------------------------------------------------


def did_you_mean(word: str, choices: Any) -> str:
    """Return `` (did you mean 'x'?)`` for the closest of ``choices``, or ``""``."""
    import difflib  # only when a problem is reported: keeps it off the start-up path

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def dotted(loc: _Path) -> str:
    """``("examples", "hit", 0)`` → ``examples.hit[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _clean_loc(loc: tuple[Any, ...]) -> _Path:
    # Unions add the member type to loc ("str", "ExampleSpec", "function-after[...]");
    # they are not keys of the document.
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            out.append(part)
        elif isinstance(part, str) and (
            part in ("str", "ExampleSpec", "LocalizedSpec", "LocalizedListSpec")
            or part.startswith(("function-", "literal["))
        ):
            continue
        else:
            out.append(part)
    return tuple(out)


def translate(exc: ValidationError, model: type[BaseModel]) -> list[tuple[_Path, str]]:
    """Turn a pydantic error into ``(path, message)`` pairs, one per problem.

    Unknown keys get a did-you-mean from the model's fields; union alternatives that all fail
    are reported once.
    """
    out: list[tuple[_Path, str]] = []
    seen: set[_Path] = set()
    errors = exc.errors(include_url=False)
    locs = [_clean_loc(tuple(e["loc"])) for e in errors]
    for err, loc in zip(errors, locs, strict=True):
        if err["type"] in ("string_type", "model_type", "model_attributes_type") and any(
            len(o) > len(loc) and o[: len(loc)] == loc for o in locs
        ):
            continue  # `str | Model` union: the model branch's deeper error says what is wrong
        kind = err["type"]
        if kind == "extra_forbidden":
            key = loc[-1] if loc else "?"
            fields = _fields_at(model, loc[:-1])
            out.append((loc, f"unknown key {key!r}{did_you_mean(str(key), fields)}"))
            continue
        if loc in seen:  # the other branch of a union failing at the same place
            continue
        seen.add(loc)
        where = dotted(loc)
        if kind == "missing":
            parent, key = loc[:-1], loc[-1] if loc else "?"
            out.append(
                (parent, f"missing key {key!r}" + (f" in {dotted(parent)}" if parent else ""))
            )
            continue
        msg = str(err["msg"])
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        if kind == "literal_error":
            given = err.get("input")
            expected = err.get("ctx", {}).get("expected", "")
            choices = re.findall(r"'([^']*)'", str(expected))
            msg = f"{given!r} is not one of {', '.join(choices)}{did_you_mean(str(given), choices)}"
        elif kind in ("model_type", "dict_type") and loc and loc[-1] in ("description", "reason"):
            msg = "must be a mapping {zh: ..., en: ...}"
        out.append((loc, f"{where}: {msg}" if where else msg))
    return out


def _fields_at(model: type[BaseModel], loc: _Path) -> list[str]:
    """The field names of the model found by following ``loc`` (best effort)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _model_in(fields[part].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}) or [])


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


AdviceSpec.model_rebuild()
