"""The registry of official channels: who an organisation is and how it really talks.

``rules/registry/*.yaml`` lists organisations (banks, consumer-finance firms, platforms, the
courts, regulators, the credit-reference centre, carriers, anti-fraud lines) with their names
and aliases, official SMS senders and sender patterns, signatures, official domains and
short-link domains, the hotline to advise, and a source for every fact.

Everything is compiled at load time; lookups are dict and set operations plus one precompiled
alternation over the message for the organisations it names.

Missing from the registry is NOT evidence of fraud: the data is incomplete by nature. A sender
that contradicts the organisation a message names is.

Rules for senders (documented here because the rule engine relies on them):

- an exact number listed under ``senders`` is official for its organisations;
- a number matching one of an organisation's ``sender_patterns`` is official for it;
- otherwise a 106 code (``106…``) whose last 5–6 digits are an organisation's listed service
  number (95xxx(x), 96xxx(x), 12xxx, 100xx) is official for it: carriers assign 106 long codes
  that embed the service number (106980095533 → 95533, 中国建设银行). An exact listing wins over
  this inference, so a listed 106 code is never re-attributed by its suffix;
- a court organisation accepts the senders of the ``courts`` entry (12368, 106…12368).

Rules for domains: a host is official for an organisation when the host, or any parent domain
of it, is listed under ``domains`` or ``short_domains`` (so ``jr.jd.com`` and ``a.b.jd.com`` are
official for ``jd.com``; ``jd.com.xyz-pay.cn`` is not), or when it matches one of the
organisation's anchored ``domain_patterns`` (the courts' ``*.gov.cn`` rule).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import regex
import yaml

try:
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover - no wheel for this platform: the regex
    _ahocorasick = None
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ._paths import rules_dir
from ._text import Normalized, fold_lower, normalize
from .errors import RuleFileError, RuleSetError
from .matchers import lower_same_length
from .models import Link, ParsedMessage, PhoneNumber, Sender, Span

__all__ = ["Fact", "OrgEntry", "OrgMention", "Registry"]

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
_EMBEDDABLE = regex.compile(r"^(?:9[56][0-9]{3,4}|12[0-9]{3}|100[0-9]{2})$")
_NON_DIGIT = regex.compile(r"[^0-9]+")
# Adversarial inputs every pattern must survive within the time limit (catastrophic backtracking).
_PROBES = ("1" * 3000 + "x", "106" + "9" * 3000 + "x", "a." * 1500 + "!", "a-" * 1500 + ".gov.cn!")
_PATTERN_TIMEOUT = 0.05  # seconds, per match


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
            _check_pattern(f.value)
        return v

    @field_validator("signatures")
    @classmethod
    def _signatures(cls, v: tuple[Fact, ...]) -> tuple[Fact, ...]:
        for f in v:
            if not f.value or any(c in f.value for c in "【】[]［］〔〕"):
                raise ValueError(f"signature {f.value!r} is written without its brackets")
        return v


def _check_pattern(p: str) -> None:
    if not (p.startswith("^") and p.endswith("$")) or p.endswith("\\$"):
        raise ValueError(f"pattern {p!r} must be anchored with ^ and $")
    if len(p) > 300:
        raise ValueError("pattern longer than 300 characters")
    try:
        rx = regex.compile(p)
    except regex.error as e:
        raise ValueError(f"pattern {p!r} does not compile: {e}") from None
    for probe in _PROBES:
        try:
            rx.match(probe, timeout=_PATTERN_TIMEOUT)
        except TimeoutError:
            raise ValueError(f"pattern {p!r} backtracks catastrophically") from None


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


# --------------------------------------------------------------------------- YAML with lines


class _Located:
    """Plain data built from a YAML node tree, with the line of every path."""

    def __init__(self) -> None:
        self.lines: dict[tuple[str | int, ...], int] = {}
        self.errors: list[tuple[int | None, str]] = []
        self._scalar = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for k, v in node.value:
                key = self.build(k, (*path, "<key>"))
                if not isinstance(key, (str, int)):
                    self.errors.append(
                        (k.start_mark.line + 1, "mapping keys must be plain scalars")
                    )
                    continue
                if key in out:
                    self.errors.append((k.start_mark.line + 1, f"duplicate key {key!r}"))
                    continue
                out[key] = self.build(v, (*path, key))
                # The key's line is more telling than the value's for a nested block.
                self.lines[(*path, key)] = k.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(v, (*path, i)) for i, v in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:str":  # what the constructor returns, directly
            return node.value
        return self._scalar.construct_object(node)

    def line(self, loc: Sequence[str | int]) -> int | None:
        for n in range(len(loc), -1, -1):
            hit = self.lines.get(tuple(loc[:n]))
            if hit is not None:
                return hit
        return None


# libyaml's composer is ~10x faster than the pure-Python one and gives the same nodes, tags
# and line marks. Its error texts differ, so a document it rejects is composed again by the
# pure-Python loader, whose message is the one reported (the same as without libyaml).
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _parse(text: str, path: str) -> tuple[Any, _Located, list[RuleFileError]]:
    loc = _Located()
    try:
        node = _compose(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        return None, loc, [RuleFileError(path, line, None, f"invalid YAML: {problem}")]
    if node is None:
        return {}, loc, []
    data = loc.build(node, ())
    errors = [RuleFileError(path, line, None, msg) for line, msg in loc.errors]
    return data, loc, errors


def _org_id_at(data: Any, loc: Sequence[str | int]) -> str | None:
    if len(loc) >= 2 and loc[0] == "organisations" and isinstance(loc[1], int):
        try:
            oid = data["organisations"][loc[1]]["id"]
        except (KeyError, IndexError, TypeError):
            return None
        return oid if isinstance(oid, str) else None
    return None


def _validate(
    text: str, path: str
) -> tuple[list[tuple[_OrgSpec, int | None]], list[RuleFileError]]:
    data, loc, errors = _parse(text, path)
    if errors:
        return [], errors
    if not isinstance(data, dict):
        return [], [
            RuleFileError(path, 1, None, "the file must be a mapping with 'organisations:'")
        ]
    try:
        parsed = _RegistryFile.model_validate(data)
    except ValidationError as e:
        out = []
        for err in e.errors():
            where = err["loc"]
            # Inner error locations of a fact list point at the fact; drop pydantic's
            # internal tags such as 'function-after[...]'.
            clean = [p for p in where if not (isinstance(p, str) and "[" in p)]
            field = (
                ".".join(str(p) for p in clean[2:]) if len(clean) > 2 else ".".join(map(str, clean))
            )
            msg = err["msg"].removeprefix("Value error, ")
            out.append(
                RuleFileError(path, loc.line(clean), _org_id_at(data, clean), f"{field}: {msg}")
            )
        return [], out
    specs = [(o, loc.line(("organisations", i))) for i, o in enumerate(parsed.organisations)]
    return specs, []


# --------------------------------------------------------------------------- helpers


def _sender_digits(sender: Sender | str | None) -> str:
    """National digits of a sender: ``Sender.digits``, else the raw string without +86/0086."""
    if sender is None:
        return ""
    if isinstance(sender, Sender):
        if sender.digits:
            return sender.digits
        raw = sender.raw or ""
    else:
        raw = sender
    return _national(raw)


def _national(raw: str) -> str:
    s = raw.strip()
    digits = _NON_DIGIT.sub("", s)
    if s.startswith("+86") or s.startswith("0086"):
        digits = digits[2:] if s.startswith("+") else digits[4:]
    elif s.startswith("+"):
        return ""  # a foreign number is never one of these organisations' SMS channels
    return digits


def _clean_host(host: str) -> str:
    h = host.strip().lower().rstrip(".")
    if "://" in h:
        h = h.split("://", 1)[1]
    h = h.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "@" in h:
        h = h.rsplit("@", 1)[1]
    if h.startswith("[") or ":" in h:  # IPv6 literal or a port
        h = h.split("]", 1)[0].lstrip("[") if h.startswith("[") else h.split(":", 1)[0]
    return h


def _parents(host: str) -> Iterable[str]:
    labels = host.split(".")
    for i in range(len(labels) - 1):
        yield ".".join(labels[i:])


def _trie_regex(words: Iterable[str]) -> str:
    """One regex for ``words`` built as a trie (shared prefixes factored out), longest first.

    A flat alternation of ~300 names costs the regex engine one attempt per name per position;
    the trie tries one branch per distinct next character, several times faster.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [regex.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy optional: a longer name wins over its prefix (中国建设银行 over 建设银行 is
        # handled by position; 京东金融 over 京东 by this).
        return f"(?:{body})?" if end else body

    return build(trie)


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first; Latin words need letter boundaries."""
    words = set(words)
    cjk = [w for w in words if not w.isascii()]
    latin = sorted((w for w in words if w.isascii()), key=lambda s: (-len(s), s))
    parts = []
    if cjk:
        parts.append(_trie_regex(cjk))
    if latin:
        alt = "|".join(regex.escape(w) for w in latin)
        parts.append(rf"(?<![A-Za-z0-9])(?i:{alt})(?![A-Za-z0-9])")
    return "|".join(parts)


_WORDCHAR = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


class _NameFinder:
    """Finds the registry's names in a text, as ``regex.finditer(_alternation(words))`` does:
    scanning left to right, at each position the longest non-ASCII name (case as written),
    else the longest ASCII name (any case, not inside a run of letters or digits), then on
    after it. With ``pyahocorasick``, two automata find every candidate in one pass each
    (about a fifth of the regex's time, and no 20 ms compile); without it, the regex.
    """

    __slots__ = ("_cjk", "_latin", "_rx")

    def __init__(self, words: Iterable[str]) -> None:
        words = set(words)
        self._rx: regex.Pattern[str] | None = None
        self._cjk: Any = None
        self._latin: Any = None
        if _ahocorasick is None:
            self._rx = regex.compile(_alternation(words))
            return
        cjk = [w for w in words if not w.isascii()]
        latin = [w for w in words if w.isascii()]
        if cjk:
            self._cjk = _ahocorasick.Automaton()
            for w in cjk:
                self._cjk.add_word(w, len(w) - 1)
            self._cjk.make_automaton()
        if latin:
            self._latin = _ahocorasick.Automaton()
            for w in latin:
                self._latin.add_word(w.lower(), len(w) - 1)
            self._latin.make_automaton()

    def find(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each name found, left to right, never overlapping."""
        if self._rx is not None:
            return [m.span() for m in self._rx.finditer(text)]
        # (start, 0 for non-ASCII / 1 for ASCII, -length): the first at each start wins
        found: list[tuple[int, int, int]] = []
        if self._cjk is not None:
            for end, back in self._cjk.iter(text):
                found.append((end - back, 0, -back - 1))
        if self._latin is not None:
            n = len(text)
            for end, back in self._latin.iter(lower_same_length(text)):
                start = end - back
                if (start == 0 or text[start - 1] not in _WORDCHAR) and (
                    end + 1 == n or text[end + 1] not in _WORDCHAR
                ):
                    found.append((start, 1, -back - 1))
        if not found:
            return []
        found.sort()
        out: list[tuple[int, int]] = []
        pos = 0
        for start, _, neg in found:
            if start >= pos:
                pos = start - neg
                out.append((start, pos))
        return out


# --------------------------------------------------------------------------- the registry


class Registry:
    """The compiled registry of official channels. Immutable and thread-safe once built.

    >>> r = Registry.default()
    >>> r.get("ccb").name
    '建设银行'
    >>> r.sender_orgs("106980095533")
    ('ccb',)
    >>> r.domain_orgs("jr.jd.com")
    ('jd-finance',)
    """

    def __init__(self, entries: Sequence[OrgEntry], not_aliases: Sequence[str] = ()) -> None:
        """Build lookups from validated entries (use :meth:`load` or :meth:`from_yaml`).

        ``not_aliases`` are words that contain an alias but name something else (京东方 is
        not 京东, 中国银行业协会 is not 中国银行): found in a text, they are skipped.
        """
        self.entries: tuple[OrgEntry, ...] = tuple(entries)
        self._by_id: dict[str, OrgEntry] = {e.id: e for e in self.entries}
        self._by_sender: dict[str, tuple[str, ...]] = {}
        self._by_number: dict[str, tuple[str, ...]] = {}
        self._embeddable: dict[str, tuple[str, ...]] = {}
        self._by_domain: dict[str, tuple[str, ...]] = {}
        self._by_name: dict[str, str] = {}
        self._sender_patterns: list[tuple[regex.Pattern[str], str]] = []
        self._domain_patterns: list[tuple[regex.Pattern[str], str]] = []
        self._official_senders: dict[str, frozenset[str]] = {}
        self._official_domains: dict[str, frozenset[str]] = {}
        # Facts of confidence "unverified" are kept apart so callers can ask for confirmed only.
        self._unverified: set[tuple[str, str, str]] = set()

        def add(index: dict[str, tuple[str, ...]], key: str, oid: str) -> None:
            if oid not in index.get(key, ()):
                index[key] = (*index.get(key, ()), oid)

        text_words: dict[str, str | None] = {}
        for e in self.entries:
            for fld, fact in e.facts:
                if fact.confidence == "unverified":
                    self._unverified.add((e.id, fld, fact.value))
            for n in e.senders:
                add(self._by_sender, n, e.id)
                add(self._by_number, n, e.id)
                if _EMBEDDABLE.match(n):
                    add(self._embeddable, n, e.id)
            for n in e.numbers:
                add(self._by_number, n, e.id)
            if e.hotline:
                add(self._by_number, e.hotline, e.id)
            for d in (*e.domains, *e.short_domains):
                add(self._by_domain, d, e.id)
            for p in e.sender_patterns:
                self._sender_patterns.append((regex.compile(p), e.id))
            for p in e.domain_patterns:
                self._domain_patterns.append((regex.compile(p), e.id))
            for nm in (e.name, *e.aliases, *e.exact_aliases, *e.signatures):
                self._by_name.setdefault(nm.casefold(), e.id)
            for nm in (e.name, *e.aliases, *e.signatures):
                text_words.setdefault(nm, e.id)
        for word in not_aliases:
            text_words.setdefault(word, None)  # a real alias of another org wins
        self._text_words = text_words
        self._text_keys: dict[str, str | None] = {w.casefold(): o for w, o in text_words.items()}
        # The finder of every name waits for the first message that needs it: loading the
        # registry alone (lint, lookups) never pays for it.
        self._names_built = False
        self._names_value: _NameFinder | None = None
        self._sender_cache: dict[str, tuple[str, ...]] = {}
        self._domain_cache: dict[str, tuple[str, ...]] = {}
        self._cache_lock = threading.Lock()
        self._last_nt: Normalized | None = None

    # -- pickling (the on-disk cache, process pools): lookups travel, per-process state does not

    _TRANSIENT = ("_cache_lock", "_last_nt", "_sender_cache", "_domain_cache", "_names_value",
                  "_names_built")  # fmt: skip

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in self._TRANSIENT}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._names_built = False
        self._names_value = None
        self._sender_cache = {}
        self._domain_cache = {}
        self._cache_lock = threading.Lock()
        self._last_nt = None

    @property
    def _names(self) -> _NameFinder | None:
        """The finder of every name, alias and signature (and not-alias), built once."""
        if not self._names_built:
            with self._cache_lock:
                if not self._names_built:
                    words = self._text_words
                    self._names_value = _NameFinder(words) if words else None
                    self._names_built = True
        return self._names_value

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, paths: str | Path | Sequence[str | Path] | None = None) -> Registry:
        """Load a registry from YAML files or folders of them (default: the shipped registry).

        Returns:
            The compiled :class:`Registry`.

        Raises:
            RuleSetError: listing every problem in every file as ``path:line: org-id: message``.

        >>> Registry.load().get("courts").hotline
        '12368'
        """
        if paths is None:
            paths = [rules_dir() / "registry"]
        elif isinstance(paths, (str, Path)):
            paths = [paths]
        files: list[Path] = []
        errors: list[RuleFileError] = []
        for p in paths:
            p = Path(p)
            if p.is_dir():
                files.extend(sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml")))
            elif p.is_file():
                files.append(p)
            else:
                errors.append(RuleFileError(str(p), None, None, "no such file or folder"))
        docs: list[tuple[str, str]] = []
        for f in files:
            try:
                docs.append((f.read_text(encoding="utf-8"), str(f)))
            except (OSError, UnicodeDecodeError) as e:
                errors.append(RuleFileError(str(f), None, None, f"cannot read: {e}"))
        return cls._build(docs, errors)

    @classmethod
    def from_yaml(cls, text: str, path: str = "<string>") -> Registry:
        """Load a registry from one YAML document.

        Raises:
            RuleSetError: every problem, as ``path:line: org-id: message``.

        >>> r = Registry.from_yaml('''
        ... organisations:
        ...   - id: demo-bank
        ...     name: 演示银行
        ...     name_en: Demo Bank
        ...     kind: bank
        ...     senders: [{value: "95999", source: "https://example.org/demo"}]
        ... ''')
        >>> r.sender_orgs("10690095999")
        ('demo-bank',)
        """
        return cls._build([(text, path)], [])

    @classmethod
    def _build(cls, docs: Sequence[tuple[str, str]], errors: list[RuleFileError]) -> Registry:
        specs: list[tuple[_OrgSpec, str, int | None]] = []
        for text, path in docs:
            got, errs = _validate(text, path)
            errors.extend(errs)
            specs.extend((s, path, line) for s, line in got)
        seen: dict[str, tuple[str, int | None]] = {}
        names: dict[str, str] = {}
        for s, path, line in specs:
            if s.id in seen:
                p0, l0 = seen[s.id]
                errors.append(
                    RuleFileError(path, line, s.id, f"duplicate id (first defined at {p0}:{l0})")
                )
                continue
            seen[s.id] = (path, line)
        for s, path, line in specs:
            for nm in dict.fromkeys((s.name, *s.aliases, *s.exact_aliases)):
                other = names.setdefault(nm.casefold(), s.id)
                if other != s.id:
                    errors.append(
                        RuleFileError(path, line, s.id, f"alias {nm!r} already names {other!r}")
                    )
        for s, path, line in specs:
            if s.parent is not None and s.parent not in seen:
                errors.append(
                    RuleFileError(path, line, s.id, f"parent {s.parent!r} is not defined")
                )
        if errors:
            raise RuleSetError(errors)
        entries = []
        not_aliases: list[str] = []
        firsts = {oid: where for oid, where in seen.items()}
        for s, path, line in specs:
            if firsts.get(s.id) != (path, line):
                continue
            facts: list[tuple[str, Fact]] = []
            for fld in ("senders", "numbers", "sender_patterns", "signatures", "domains",
                        "short_domains", "domain_patterns"):  # fmt: skip
                facts.extend((fld, f) for f in getattr(s, fld))
            if s.hotline is not None:
                facts.append(("hotline", s.hotline))
            not_aliases.extend(s.not_aliases)
            entries.append(
                OrgEntry(
                    id=s.id,
                    name=s.name,
                    name_en=s.name_en,
                    kind=s.kind,
                    aliases=s.aliases,
                    exact_aliases=s.exact_aliases,
                    parent=s.parent,
                    senders=tuple(dict.fromkeys(f.value for f in s.senders)),
                    numbers=tuple(dict.fromkeys(f.value for f in s.numbers)),
                    sender_patterns=tuple(f.value for f in s.sender_patterns),
                    signatures=tuple(dict.fromkeys(f.value for f in s.signatures)),
                    domains=tuple(dict.fromkeys(f.value for f in s.domains)),
                    short_domains=tuple(dict.fromkeys(f.value for f in s.short_domains)),
                    domain_patterns=tuple(f.value for f in s.domain_patterns),
                    hotline=s.hotline.value if s.hotline else None,
                    facts=tuple(facts),
                    path=path,
                    line=line,
                )
            )
        return cls(entries, not_aliases)

    @classmethod
    def default(cls) -> Registry:
        """The shipped registry, loaded once on first use and shared (it is immutable)."""
        return _default_registry()

    # ------------------------------------------------------------------ lookups

    def get(self, org_id: str) -> OrgEntry | None:
        """Return the entry with id ``org_id``, or ``None``."""
        return self._by_id.get(org_id)

    def by_name(self, name: str) -> OrgEntry | None:
        """Return the entry a name, alias or signature exactly denotes (case-insensitive)."""
        oid = self._by_name.get(name.strip().casefold())
        return self._by_id[oid] if oid else None

    def signature_orgs(self, name: str) -> tuple[str, ...]:
        """Orgs a bracketed signature's name (without brackets) denotes exactly."""
        oid = self._by_name.get(name.strip().casefold())
        return (oid,) if oid else ()

    def hotline(self, org_id: str) -> str | None:
        """The number to advise people to call for ``org_id`` (``None`` when unknown)."""
        e = self._by_id.get(org_id)
        return e.hotline if e else None

    def is_unverified(self, org_id: str, field: str, value: str) -> bool:
        """True when the fact ``field``/``value`` of ``org_id`` is marked confidence: unverified."""
        return (org_id, field, value) in self._unverified

    # ------------------------------------------------------------------ senders and numbers

    def sender_orgs(self, sender: Sender | str | None) -> tuple[str, ...]:
        """The organisations for which ``sender`` is an official SMS channel.

        >>> Registry.default().sender_orgs("13812345678")
        ()
        """
        digits = _sender_digits(sender)
        embedded = sender.embedded_service if isinstance(sender, Sender) else None
        key = f"{digits}|{embedded or ''}"
        hit = self._sender_cache.get(key)
        if hit is not None:
            return hit
        out = self._compute_sender_orgs(digits, embedded)
        with self._cache_lock:
            if len(self._sender_cache) > 50_000:
                self._sender_cache.clear()
            self._sender_cache[key] = out
        return out

    def _compute_sender_orgs(self, digits: str, embedded: str | None) -> tuple[str, ...]:
        if not digits:
            return ()
        out = list(self._by_sender.get(digits, ()))
        for rx, oid in self._sender_patterns:
            if oid not in out and rx.match(digits, timeout=_PATTERN_TIMEOUT):
                out.append(oid)
        if digits not in self._by_sender and digits.startswith("106"):
            candidates = [embedded] if embedded else []
            candidates += [digits[-n:] for n in (6, 5) if len(digits) >= n + 4]
            for c in candidates:
                orgs = self._embeddable.get(c) if c else None
                if orgs:
                    out.extend(o for o in orgs if o not in out)
                    break
        return tuple(out)

    def is_official_sender(
        self, sender: Sender | str | None, org_id: str, *, confirmed_only: bool = False
    ) -> bool:
        """True when ``sender`` is an official SMS channel of ``org_id``.

        Every court accepts the senders of the ``courts`` entry (12368, 106…12368).
        With ``confirmed_only``, an exactly listed number marked unverified does not count.

        >>> Registry.default().is_official_sender("95533", "ccb")
        True
        """
        orgs = self.sender_orgs(sender)
        e = self._by_id.get(org_id)
        ok = org_id in orgs or (
            e is not None and e.kind == "court" and COURTS_ID in orgs and org_id != COURTS_ID
        )
        if ok and confirmed_only:
            digits = _sender_digits(sender)
            target = org_id if org_id in orgs else COURTS_ID
            return not self.is_unverified(target, "senders", digits)
        return ok

    def number_orgs(self, number: PhoneNumber | str) -> tuple[str, ...]:
        """Orgs for which ``number`` (a sender or a number written in the body) is official."""
        digits = number.digits if isinstance(number, PhoneNumber) else _national(number)
        if not digits:
            return ()
        out = list(self._by_number.get(digits, ()))
        if not digits.startswith("0"):  # a landline written without its trunk 0 (+86 21 …)
            out.extend(o for o in self._by_number.get("0" + digits, ()) if o not in out)
        out.extend(o for o in self.sender_orgs(digits) if o not in out)
        return tuple(out)

    def is_official_number(self, number: PhoneNumber | str, org_id: str) -> bool:
        """True when ``number`` is one of ``org_id``'s official numbers or SMS senders."""
        return org_id in self.number_orgs(number)

    # ------------------------------------------------------------------ domains

    def domain_orgs(self, domain: str) -> tuple[str, ...]:
        """Orgs for which the host ``domain`` (or a parent domain of it) is official.

        >>> Registry.default().domain_orgs("jd.com.xyz-pay.cn")
        ()
        """
        hit = self._domain_cache.get(domain)
        if hit is not None:
            return hit
        host = _clean_host(domain)
        if not host:
            return ()
        out: list[str] = []
        for cand in _parents(host):
            for oid in self._by_domain.get(cand, ()):
                if oid not in out:
                    out.append(oid)
        timed_out = False
        for rx, oid in self._domain_patterns:
            if oid not in out:
                try:
                    if rx.match(host, timeout=_PATTERN_TIMEOUT):
                        out.append(oid)
                except TimeoutError:
                    timed_out = True
                    continue
        found = tuple(out)
        if not timed_out:  # an answer cut short by a timeout is not kept
            with self._cache_lock:
                if len(self._domain_cache) > 50_000:
                    self._domain_cache.clear()
                self._domain_cache[domain] = found
        return found

    def is_official_link(self, link: Link | str, org_id: str) -> bool:
        """True when the link's host is an official (short-)domain of ``org_id`` or under one.

        Every court accepts the domains of the ``courts`` entry.
        """
        host = link.host if isinstance(link, Link) else link
        orgs = self.domain_orgs(host)
        if org_id in orgs:
            return True
        e = self._by_id.get(org_id)
        return e is not None and e.kind == "court" and COURTS_ID in orgs

    # ------------------------------------------------------------------ mentions

    def named_in(self, msg: ParsedMessage, nt: Normalized | None = None) -> tuple[OrgMention, ...]:
        """The organisations a message names: signatures, parsed organisations, then the text.

        Deduplicated by org id, keeping the first mention. Spans point into ``msg.text``.
        Pass ``nt`` (``normalize(msg.text)``) when you have it, to save normalising again.
        """
        out: dict[str, OrgMention] = {}

        def put(oid: str | None, text: str, span: Span, via: MentionVia) -> None:
            if oid is None or oid in out:
                return
            e = self._by_id[oid]
            out[oid] = OrgMention(
                org_id=oid, name=e.name, kind=e.kind, text=text, span=span, via=via
            )

        for sig in msg.signatures:
            put(self._lookup_name(sig.name), sig.text, sig.span, "signature")
        for org in msg.organisations:
            oid = self._lookup_name(org.name)
            if oid is None:
                oid = self._lookup_name(org.text)
            if oid is None:
                oid = self._first_in(org.name)
            put(oid, org.text, org.span, "organisation")
        finder = self._names
        if finder is None:
            return tuple(out.values())
        text = msg.normalized
        identity = text == msg.text
        mapper: Normalized | None = nt if nt is not None and nt.text == text else None
        keys = self._text_keys
        for a, b in finder.find(text):
            oid = keys.get(fold_lower(text[a:b]).casefold())
            if oid is None or oid in out:
                continue
            if not identity:
                if mapper is None:
                    # Normalise only when a new organisation needs its original offsets.
                    mapper = self._normalized(msg.text)
                    if mapper.text != text:  # a hand-built message: trust only the real map
                        return self._named_in_text(msg, out, mapper)
                a, b = mapper.span(a, b)
            put(oid, msg.text[a:b], Span(start=a, end=b), "text")
        return tuple(out.values())

    def _named_in_text(
        self, msg: ParsedMessage, out: dict[str, OrgMention], nt: Normalized
    ) -> tuple[OrgMention, ...]:
        finder = self._names
        assert finder is not None
        for start, end in finder.find(nt.text):
            oid = self._text_keys.get(fold_lower(nt.text[start:end]).casefold())
            if oid is None or oid in out:
                continue
            a, b = nt.span(start, end)
            e = self._by_id[oid]
            out[oid] = OrgMention(
                org_id=oid,
                name=e.name,
                kind=e.kind,
                text=msg.text[a:b],
                span=Span(start=a, end=b),
                via="text",
            )
        return tuple(out.values())

    def _normalized(self, text: str) -> Normalized:
        # Rules ask about the same message several times in a row: keep the last map.
        last = self._last_nt
        if last is not None and last.original == text:
            return last
        nt = normalize(text)
        self._last_nt = nt  # one reference assignment: safe to share between threads
        return nt

    def _lookup_name(self, name: str) -> str | None:
        return self._by_name.get(name.strip().casefold())

    def _first_in(self, name: str) -> str | None:
        finder = self._names
        if finder is None:
            return None
        for a, b in finder.find(name):
            oid = self._text_keys.get(fold_lower(name[a:b]).casefold())
            if oid is not None:
                return oid
        return None


_DEFAULT_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default_registry() -> Registry:
    from ._cache import load_or_build

    with _DEFAULT_LOCK:
        folder = rules_dir() / "registry"
        files = [f for f in folder.iterdir() if f.suffix in (".yaml", ".yml")]
        return load_or_build("registry", files, Registry.load, Registry)
