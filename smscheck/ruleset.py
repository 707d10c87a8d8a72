"""Load, validate and evaluate rule packs.

A :class:`RuleSet` holds one :class:`Pack` per locale (``zh-CN``, ``en-US``), each with its
settings (thresholds, caps, categories, advice) and its compiled rules, plus the registry of
official channels. It is immutable once built and safe to share between threads: evaluation
keeps all per-message state in a fresh :class:`~smscheck.matchers.EvalContext`.

Loading collects every problem in every file, then raises one :class:`RuleSetError` whose
lines read ``path:line: rule-id: message``. See ``docs/rules.md`` for the format.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import regex
from pydantic import ValidationError

from . import matchers as m
from ._text import Normalized, normalize
from ._yaml import MAX_BYTES, Lines, load_yaml
from .errors import RuleFileError, RuleSetError
from .models import Evidence, Hit, Localized, ParsedMessage, trusted
from .schema import (
    BUILTIN_CATEGORIES,
    ExampleSpec,
    LocalizedSpec,
    OverridesSpec,
    PackSpec,
    RuleFileSpec,
    RuleSpec,
    did_you_mean,
    dotted,
    translate,
)

log = logging.getLogger(__name__)

_Path = tuple[str | int, ...]

# Examples without `received_at` are checked as if received at this moment, so they never
# depend on the wall clock.
EXAMPLE_TIME = datetime(2025, 1, 15, 10, 0, tzinfo=timezone(timedelta(hours=8)))
DEFAULT_THRESHOLDS = (3.0, 6.0)
MAX_FILES = 5_000
_UNKNOWN = {"zh": "（未知）", "en": "(unknown)"}
_JOIN = {"zh": "、", "en": ", "}

# Placeholders a reason may use besides ParsedMessage paths ({sender.raw}, {creditor} …).
EVIDENCE_PLACEHOLDERS: dict[str, str] = {
    "match": "the text the first piece of evidence matched (or the value it tested)",
    "matches": "every matched text, joined",
    "pattern": "the keyword or regex that matched",
    "field": "the field the first field test looked at",
    "value": "the value the first field test found",
    "org": "the organisation the evidence is about (registry leaves), else the one the message names",
    "hotline": "that organisation's official hotline, from the registry",
}
ADVICE_PLACEHOLDERS = ("org", "hotline")

_PLACEHOLDER = regex.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def _evidence_texts(ev: tuple[Evidence, ...]) -> list[str]:
    """What {match}/{matches} show: pieces of the message first; tested values only when no
    leaf matched text. Evidence of ``not`` leaves (an absence) is never shown as a match."""
    spans = [e.text for e in ev if e.span is not None and e.text]
    if spans:
        return list(dict.fromkeys(spans))
    return list(dict.fromkeys(e.value for e in ev if e.value and e.leaf != "not"))


# ---- templates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A reason or advice text with ``{placeholder}`` slots (``{{``/``}}`` for braces)."""

    parts: tuple[tuple[bool, str], ...]  # (is placeholder, text or name)
    names: tuple[str, ...] = field(init=False, compare=False, repr=False)  # placeholders used

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(t for is_ph, t in self.parts if is_ph))

    @classmethod
    def parse(cls, text: str, allowed: Any) -> tuple[Template, list[str]]:
        """Split ``text``; return the template and a problem per unknown placeholder.

        ``allowed(name)`` returns None when ``name`` is fine, else the problem.
        """
        parts: list[tuple[bool, str]] = []
        problems: list[str] = []
        pos = 0
        for mt in _PLACEHOLDER.finditer(text):
            if mt.start() > pos:
                parts.append((False, text[pos : mt.start()]))
            tok = mt.group()
            if tok in ("{{", "}}"):
                parts.append((False, tok[0]))
            elif mt.group(1) is None:
                problems.append(f"unmatched {tok!r}; write {tok * 2} for a literal brace")
            else:
                name = mt.group(1).strip()
                err = allowed(name)
                if err:
                    problems.append(err)
                parts.append((True, name))
            pos = mt.end()
        if pos < len(text):
            parts.append((False, text[pos:]))
        return cls(tuple(parts)), problems

    def render(self, values: Mapping[str, str]) -> str:
        """Fill the slots."""
        return "".join([values.get(t, t) if is_ph else t for is_ph, t in self.parts])


def _reason_placeholder(name: str) -> str | None:
    if name in EVIDENCE_PLACEHOLDERS:
        return None
    found = m.resolve_path(ParsedMessage, name, through_lists=True)
    if isinstance(found, str) and name.split(".")[0] in ParsedMessage.model_fields:
        return f"placeholder {{{name}}}: {found}"
    if isinstance(found, str):
        choices = [*EVIDENCE_PLACEHOLDERS, *ParsedMessage.model_fields]
        return (
            f"unknown placeholder {{{name}}}{did_you_mean(name, choices)}; use "
            + ", ".join(f"{{{c}}}" for c in EVIDENCE_PLACEHOLDERS)
            + " or a message field such as {sender.raw}"
        )
    return None


def _advice_placeholder(name: str) -> str | None:
    if name in ADVICE_PLACEHOLDERS:
        return None
    return f"unknown placeholder {{{name}}}{did_you_mean(name, ADVICE_PLACEHOLDERS)}; advice may use {{org}} and {{hotline}}"


# ---- compiled rules and packs --------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One example message of a rule, with where it was written."""

    kind: str  # "hit" or "miss"
    index: int
    text: str
    sender: str | None
    received_at: datetime | None
    locale: str | None
    line: int | None


@dataclass(frozen=True)
class Rule:
    """A compiled rule."""

    id: str
    category: str
    weight: float
    description: Localized
    reason: dict[str, Template]
    when: m.Node
    status: str = "stable"
    tags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    absorb: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()  # rule ids its condition refers to
    examples: tuple[Example, ...] = ()
    path: str = "<string>"
    line: int | None = None
    locale: str = "zh-CN"
    disabled: bool = False

    @property
    def active(self) -> bool:
        """Produces hits (not deprecated, not disabled by an override)."""
        return not self.disabled and self.status != "deprecated"


@dataclass
class PackSettings:
    """A pack's settings (from pack.yaml, a rule file's ``pack:``, or defaults)."""

    name: str
    locale: str
    thresholds: tuple[float, float] = DEFAULT_THRESHOLDS
    caps: dict[str, float] = field(default_factory=dict)
    categories: dict[str, Localized | None] = field(default_factory=dict)
    advice: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    hotline: tuple[Template, Template] | None = None
    timeout_ms: float = 50.0
    path: str = "<defaults>"
    line: int | None = None

    def __post_init__(self) -> None:
        for c in BUILTIN_CATEGORIES:
            self.categories.setdefault(c, None)


@dataclass
class Pack:
    """Settings, rules (in evaluation order) and the shared term index of one locale."""

    settings: PackSettings
    rules: dict[str, Rule] = field(default_factory=dict)
    index: m.TermIndex = field(default_factory=m.TermIndex)
    order: tuple[Rule, ...] = ()  # dependency order, only rules that need evaluating
    always: tuple[int, ...] = ()  # positions in `order` of rules without a trigger
    by_term: dict[str, tuple[int, ...]] = field(default_factory=dict)  # term -> positions
    # identical conditions compiled once (see matchers.Compiler.interned)
    interned: dict[Any, m.Node] = field(default_factory=dict)
    nodes: dict[str, m.Node] = field(default_factory=dict)  # rule id -> condition, `order` only
    _always_mask: int = 0  # `always` and `by_term` as bit masks over positions in `order`
    _term_masks: dict[str, int] = field(default_factory=dict)
    # Second filter (see matchers.requirement): rules in _free pass; the others need one of
    # their facts (a term, or a field that is present) to hold.
    _free_mask: int = 0
    _fact_masks: dict[Any, int] = field(default_factory=dict)
    _field_facts: tuple[tuple[str, int], ...] = ()

    def prepare(self) -> None:
        """Fix the evaluation order and index the rules by the terms that can trigger them."""
        self.order = _order(self)
        self.nodes = {r.id: r.when for r in self.order}
        triggers: dict[str, frozenset[str] | None] = {}
        always: list[int] = []
        by_term: dict[str, list[int]] = {}
        for i, rule in enumerate(self.order):
            t = m.trigger(rule.when, triggers)
            triggers[rule.id] = t
            if t is None:
                always.append(i)
            else:
                for term in t:
                    by_term.setdefault(term, []).append(i)
        self.always = tuple(always)
        self.by_term = {k: tuple(v) for k, v in by_term.items()}
        self._always_mask = sum(1 << i for i in self.always)
        self._term_masks = {k: sum(1 << i for i in v) for k, v in self.by_term.items()}
        reqs: dict[str, frozenset[m.Fact] | None] = {}
        free = 0
        facts: dict[Any, int] = {}
        for i, rule in enumerate(self.order):
            req = reqs[rule.id] = m.requirement(rule.when, reqs)
            # A rule that can warn keeps the trigger alone: skipping it would drop its warning.
            if req is None or rule.when.warns:
                free |= 1 << i
            else:
                for f in req:
                    facts[f] = facts.get(f, 0) | 1 << i
        self._free_mask = free
        self._fact_masks = {f: b for f, b in facts.items() if isinstance(f, str)}
        self._field_facts = tuple((f[1], b) for f, b in facts.items() if not isinstance(f, str))

    def candidates(
        self, occurrences: Mapping[str, object], msg: ParsedMessage | None = None
    ) -> list[Rule]:
        """Rules that can hold given the terms found (and, with ``msg``, the fields present),
        in evaluation order."""
        picked = self._always_mask | _union(self._term_masks, occurrences)
        if msg is not None:
            allowed = self._free_mask | _union(self._fact_masks, occurrences)
            for path, bits in self._field_facts:
                if bits & ~allowed and m.field_present(msg, path):
                    allowed |= bits
            picked &= allowed
        order = self.order
        out = []
        while picked:
            low = picked & -picked
            out.append(order[low.bit_length() - 1])
            picked ^= low
        return out


def _union(masks: Mapping[Any, int], present: Mapping[str, object]) -> int:
    """OR of the masks of the keys present (iterating over the smaller side)."""
    out = 0
    if len(present) < len(masks):
        for key in present:
            bits = masks.get(key)
            if bits:
                out |= bits
    else:
        for key, bits in masks.items():
            if key in present:
                out |= bits
    return out


@dataclass(frozen=True)
class Evaluation:
    """What evaluating one message produced, before scoring."""

    hits: tuple[Hit, ...]
    warnings: tuple[str, ...]
    locale: str
    thresholds: tuple[float, float]
    caps: Mapping[str, float]
    orgs: tuple[tuple[str, str, str | None], ...]  # (org id, name, hotline) named, evidence first


# ---- the rule set --------------------------------------------------------------------------


class RuleSet:
    """Compiled rule packs plus the registry; immutable, thread-safe, picklable.

    >>> rs = RuleSet.from_yaml('''
    ... rules:
    ...   - id: fee-demand
    ...     category: upfront_fee
    ...     weight: 4
    ...     description: {zh: 要求先交费, en: Demands a fee first}
    ...     when: {text: {keywords: [解冻费, 保证金]}}
    ...     examples: {hit: [请先缴纳解冻费500元], miss: [您的白条已逾期3天]}
    ... ''')
    >>> [r.id for r in rs.rules]
    ['fee-demand']
    """

    def __init__(
        self, packs: Mapping[str, Pack], registry: m.RegistryLike, *, is_default: bool = False
    ) -> None:
        """Use :meth:`load`, :meth:`from_yaml` or :meth:`default` instead."""
        self._built = dict(packs)
        self._registry = registry
        self._is_default = is_default
        # RuleSet.default only: shipped pack folders not built yet, by locale (folder name).
        self._pending: dict[str, str] = {}
        self._order: tuple[str, ...] = ()  # the folders' order, which the packs keep

    # -- construction --

    @classmethod
    def default(cls) -> RuleSet:
        """The shipped packs (``rules/zh-CN``, ``rules/en-US``) and registry, built once.

        The shipped examples are checked by the test suite, not at every start-up, and so are
        their regexes: here each is compiled on its first use (``load`` compiles them all).
        Each pack is built when first needed: checking a zh-CN message does not build the
        en-US pack. (A broken shipped pack, which the test suite would catch, is therefore
        reported then, not here.)
        """
        with _DEFAULT_LOCK:
            global _DEFAULT
            if _DEFAULT is None:
                rs = cls({}, _default_registry(), is_default=True)
                rs._pending = _shipped_folders()
                rs._order = tuple(rs._pending)
                _DEFAULT = rs
            return _DEFAULT

    @property
    def _packs(self) -> dict[str, Pack]:
        """Every pack (built now if some are pending)."""
        if self._pending:
            self._build(None)
        return self._built

    def _pack(self, locale: str) -> Pack | None:
        """The pack for ``locale``, building only that one when it is pending."""
        pack = self._built.get(locale)
        if pack is None and self._pending:
            self._build(locale)
            pack = self._built.get(locale)
        return pack

    def _build(self, locale: str | None) -> None:
        """Build the pending shipped pack of ``locale`` (all of them for None or another locale)."""
        with _BUILD_LOCK:
            pending = self._pending
            if not pending:
                return
            todo = {locale: pending[locale]} if locale in pending else dict(pending)
            built = dict(self._built)
            for loc, folder in todo.items():
                got = _compile_shipped(self._registry, loc, folder)
                if list(got) != [loc]:
                    # A pack.yaml naming another locale than its folder: load every shipped
                    # folder together, exactly as RuleSet.load does.
                    loader = _Loader(self._registry, lazy_shipped=True)
                    _add_shipped(loader)
                    self._built = loader.finish(None, False)._built
                    self._pending = {}
                    return
                built.update(got)
            self._built = {k: built[k] for k in self._order if k in built}
            self._pending = {k: v for k, v in pending.items() if k not in todo}

    @classmethod
    def load(
        cls,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        *,
        include_default: bool = True,
        overrides: str | os.PathLike[str] | Mapping[str, Any] | None = None,
        registry: m.RegistryLike | None = None,
        check_examples: bool = True,
    ) -> RuleSet:
        """Load rule files and pack folders, validate everything, compile.

        ``paths``: rule files, or folders (a folder with ``pack.yaml`` is a pack; other folders
        are searched for ``*.yaml``). ``include_default`` adds the shipped packs first.
        ``overrides``: a YAML file or a dict (see docs/rules.md). ``registry``: defaults to the
        shipped registry. ``check_examples``: run every rule's examples and report those that do
        not behave as declared.

        Raises:
            RuleSetError: with one ``path:line: rule-id: message`` per problem, all of them.

        >>> RuleSet.load("no/such/folder", include_default=False)
        Traceback (most recent call last):
        ...
        smscheck.errors.RuleSetError: no/such/folder: no such file or folder
        """
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        loader = _Loader(registry if registry is not None else _default_registry())
        if include_default:
            _add_shipped(loader)
        for p in paths:
            loader.add_path(os.fspath(p), user=True)
        return loader.finish(overrides, check_examples)

    @classmethod
    def from_yaml(
        cls,
        text: str,
        *,
        path: str = "<string>",
        include_default: bool = False,
        overrides: str | os.PathLike[str] | Mapping[str, Any] | None = None,
        registry: m.RegistryLike | None = None,
        check_examples: bool = True,
    ) -> RuleSet:
        """Build a rule set from the text of one rule file (``pack:`` settings allowed in it).

        Raises:
            RuleSetError: as :meth:`load`; lines refer to ``path``.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        loader = _Loader(
            registry
            if registry is not None
            else (_default_registry() if include_default else m.NullRegistry())
        )
        if include_default:
            _add_shipped(loader)
        loader.add_text(text, path)
        return loader.finish(overrides, check_examples)

    # -- pickling: the default set is rebuilt by name; others pickle their compiled state --

    def __reduce__(self) -> tuple[Any, ...]:
        if self._is_default:
            return (RuleSet.default, ())
        return (RuleSet, (self._packs, self._registry))

    # -- inspection --

    @property
    def registry(self) -> m.RegistryLike:
        """The registry of official channels."""
        return self._registry

    @property
    def locales(self) -> tuple[str, ...]:
        """Locales with a pack."""
        return tuple(self._packs)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule of every pack, in load order."""
        return tuple(r for p in self._packs.values() for r in p.rules.values())

    def rule(self, rule_id: str) -> Rule:
        """The rule with ``rule_id``; ``KeyError`` if unknown."""
        for p in self._packs.values():
            if rule_id in p.rules:
                return p.rules[rule_id]
        raise KeyError(rule_id)

    def settings(self, locale: str) -> PackSettings:
        """The settings of the pack for ``locale`` (defaults when there is none)."""
        pack = self._pack(locale)
        return pack.settings if pack else PackSettings(name=locale, locale=locale)

    def __len__(self) -> int:
        return sum(len(p.rules) for p in self._packs.values())

    def __repr__(self) -> str:
        packs = ", ".join(f"{k}: {len(p.rules)} rules" for k, p in self._packs.items())
        return f"RuleSet({packs})"

    # -- evaluation --

    def evaluate(self, msg: ParsedMessage) -> tuple[Hit, ...]:
        """Return the hits for ``msg`` (absorption applied, before category caps)."""
        return self.evaluate_detailed(msg).hits

    def evaluate_detailed(self, msg: ParsedMessage, nt: Normalized | None = None) -> Evaluation:
        """Evaluate the pack for ``msg.locale``; ``nt`` is ``normalize(msg.text)`` if you have it."""
        decided = self._decide(msg, nt)
        if decided is None:
            return _no_pack(msg.locale)
        pack, ctx, fired = decided
        hits = self._hits(fired, ctx)
        return Evaluation(
            hits=hits,
            warnings=tuple(dict.fromkeys(ctx.warnings)),
            locale=msg.locale,
            thresholds=pack.settings.thresholds,
            caps=pack.settings.caps,
            orgs=self._orgs(hits, ctx),
        )

    def summarize(
        self, msg: ParsedMessage, nt: Normalized | None = None
    ) -> tuple[
        tuple[tuple[str, str, float], ...],
        tuple[str, ...],
        tuple[float, float],
        Mapping[str, float],
    ]:
        """What :meth:`evaluate_detailed` decides, without evidence, reasons or organisations:
        ``(rule id, category, weight)`` of each hit (in the same order), the warnings, the
        thresholds and the caps."""
        decided = self._decide(msg, nt)
        if decided is None:
            ev = _no_pack(msg.locale)
            return (), ev.warnings, ev.thresholds, ev.caps
        pack, ctx, fired = decided
        shown, _ = _shown(fired)
        items = tuple(
            (r.id, r.category, 0.0 if r.status == "testing" else float(r.weight)) for r in shown
        )
        settings = pack.settings
        return items, tuple(dict.fromkeys(ctx.warnings)), settings.thresholds, settings.caps

    def _decide(
        self, msg: ParsedMessage, nt: Normalized | None
    ) -> tuple[Pack, m.EvalContext, list[Rule]] | None:
        """The first pass: the pack, the context and the active rules that fired (dependency
        order); None when there is no pack for the message's locale."""
        if nt is None:
            nt = normalize(msg.text)
        pack = self._built.get(msg.locale) or self._pack(msg.locale)
        if pack is None:
            return None
        ctx = m.EvalContext(msg, nt, pack.index, self._registry, pack.nodes)
        active: list[Rule] = []
        states = ctx.rule_states
        # Rules not among the candidates cannot hold; rule leaves read them as False.
        for rule in pack.candidates(ctx.occurrences, msg):
            state = states[rule.id] = rule.when.test(ctx)
            if state and rule.active:
                active.append(rule)
        return pack, ctx, active

    def _hits(self, fired: list[Rule], ctx: m.EvalContext) -> tuple[Hit, ...]:
        """Hits of the rules that fired (dependency order), absorption applied. Evidence is
        built here, only for the rules shown, from what deciding them found."""
        shown, absorbed = _shown(fired)
        out = []
        for rule in shown:
            ev = ctx.rule_result(rule.id)[1]
            testing = rule.status == "testing"
            fields = {
                "rule_id": rule.id,
                "category": rule.category,
                "weight": 0.0 if testing else float(rule.weight),
                "reason": self._reason(rule, ev, ctx),
                "evidence": ev,
                "absorbed": absorbed.get(rule.id, ()),
                "full_weight": float(rule.weight) if testing else None,
                "status": rule.status,
            }
            out.append(trusted(Hit, fields, set(_HIT_SET)))
        return tuple(out)

    def _reason(self, rule: Rule, ev: tuple[Evidence, ...], ctx: m.EvalContext) -> Localized:
        if not rule.reason:
            return rule.description
        zh, en = rule.reason["zh"], rule.reason["en"]
        fields = {
            "zh": zh.render({n: self._value(n, ev, ctx, "zh") for n in zh.names}),
            "en": en.render({n: self._value(n, ev, ctx, "en") for n in en.names}),
        }
        return trusted(Localized, fields, {"zh", "en"})

    def _org(self, ev: tuple[Evidence, ...], ctx: m.EvalContext) -> tuple[str | None, str | None]:
        for e in ev:
            if e.org_id:
                entry = self._registry.get(e.org_id)
                return e.org_id, entry.name if entry else (e.pattern or e.value)
        for mention in ctx.mentions:
            return mention.org_id, mention.name
        return None, ctx.msg.creditor

    def _value(self, name: str, ev: tuple[Evidence, ...], ctx: m.EvalContext, lang: str) -> str:
        unknown = _UNKNOWN[lang]
        if name in ("match", "matches"):
            texts = _evidence_texts(ev)
            if name == "match":
                return texts[0] if texts else unknown
            return _JOIN[lang].join(texts) or unknown
        if name in ("pattern", "field", "value"):
            for e in ev:
                if e.leaf == "not":  # an absence has no pattern, field or value to show
                    continue
                v = getattr(e, name)
                if v:
                    return str(v)
            return unknown
        if name in ("org", "hotline"):
            org_id, org_name = self._org(ev, ctx)
            if name == "org":
                return org_name or unknown
            entry = self._registry.get(org_id) if org_id else None
            return (entry.hotline if entry else None) or unknown
        return _path_value(ctx.msg, name, lang) or unknown

    def _orgs(
        self, hits: tuple[Hit, ...], ctx: m.EvalContext
    ) -> tuple[tuple[str, str, str | None], ...]:
        seen: dict[str, tuple[str, str, str | None]] = {}
        ids = [e.org_id for h in hits for e in h.evidence if e.org_id]
        if not ids:
            ids = [mm.org_id for mm in ctx.mentions]
        for oid in ids:
            if oid and oid not in seen:
                entry = self._registry.get(oid)
                if entry is not None:
                    seen[oid] = (oid, entry.name, entry.hotline)
        return tuple(seen.values())

    def advice(self, evaluation: Evaluation, label: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Advice lines (zh, en) for a verdict: the pack's lines for ``label`` plus one line per
        organisation named that has a hotline (at most two), deduplicated."""
        settings = self.settings(evaluation.locale)
        zh, en = settings.advice.get(str(label), ((), ()))
        zh_l: list[str] = []
        en_l: list[str] = []
        if settings.hotline is not None:  # hotlines first, in the order the organisations came
            for _, name, hotline in evaluation.orgs[:2]:
                if hotline:
                    vals = {"org": name, "hotline": hotline}
                    zh_l.append(settings.hotline[0].render(vals))
                    en_l.append(settings.hotline[1].render(vals))
        zh_l += zh
        en_l += en
        return tuple(dict.fromkeys(zh_l)), tuple(dict.fromkeys(en_l))

    # -- examples --

    def condition(self, rule_id: str, msg: ParsedMessage, nt: Normalized | None = None) -> m.Result:
        """Evaluate one rule's condition alone (with the rules it refers to)."""
        rule = self.rule(rule_id)
        pack = self._packs[rule.locale]
        ctx = m.EvalContext(
            msg,
            nt or normalize(msg.text),
            pack.index,
            self._registry,
            {r.id: r.when for r in pack.rules.values()},
        )
        for dep in _closure(pack, rule):
            ctx.set_rule(dep.id, dep.when.test(ctx))
        return ctx.rule_result(rule_id)

    def check_examples(self, rule_ids: Iterable[str] | None = None) -> list[RuleFileError]:
        """Run examples alone; return one error per example that does not behave as declared."""
        from .parser import parse_with_text

        errors = []
        for rule in self.rules if rule_ids is None else [self.rule(i) for i in rule_ids]:
            for ex in rule.examples:
                msg, nt = parse_with_text(
                    ex.text, sender=ex.sender, received_at=ex.received_at or EXAMPLE_TIME,
                    locale=ex.locale or rule.locale,
                )  # fmt: skip
                if msg.locale != rule.locale:
                    errors.append(RuleFileError(rule.path, ex.line, rule.id,
                        f"examples.{ex.kind}[{ex.index}]: the message is {msg.locale}, the rule is in the {rule.locale} pack; set locale: {rule.locale}"))  # fmt: skip
                    continue
                state, ev = self.condition(rule.id, msg, nt)
                problem = _example_problem(ex, state, ev)
                if problem:
                    errors.append(RuleFileError(rule.path, ex.line, rule.id, problem))
        return errors


_HIT_SET = frozenset(
    {"rule_id", "category", "weight", "full_weight", "status", "reason", "evidence", "absorbed"}
)


def _no_pack(locale: str) -> Evaluation:
    return Evaluation(
        (), (f"no rule pack for locale {locale}",), locale, DEFAULT_THRESHOLDS, {}, ()
    )


def _shown(fired: list[Rule]) -> tuple[list[Rule], dict[str, tuple[str, ...]]]:
    """The fired rules that are shown (not absorbed by a composite that fired, dependency
    order kept) and, per composite, the rules it absorbed."""
    ids = {r.id for r in fired}
    absorbed: dict[str, tuple[str, ...]] = {}
    for rule in fired:  # dependency order: parts before the composites that absorb them
        if rule.absorb and rule.status != "testing":
            got: list[str] = []
            for a in rule.absorb:
                if a in ids:
                    got.append(a)
                    got.extend(absorbed.get(a, ()))
            absorbed[rule.id] = tuple(dict.fromkeys(got))
    gone = {a for v in absorbed.values() for a in v}
    return [r for r in fired if r.id not in gone], absorbed


def _example_problem(ex: Example, state: m.State, ev: tuple[Evidence, ...]) -> str | None:
    where = f"examples.{ex.kind}[{ex.index}]"
    text = ex.text if len(ex.text) <= 40 else ex.text[:39] + "…"
    if state is None:
        return f"{where}: undecided (a regex timed out) on {text!r}"
    if ex.kind == "hit" and not state:
        return f"{where}: the rule does not fire on {text!r}"
    if ex.kind == "miss" and state:
        shown = next((e.text or e.value for e in ev if e.text or e.value), None)
        why = f" (matched {shown!r})" if shown else ""
        return f"{where}: the rule fires on {text!r}{why}"
    return None


def _closure(pack: Pack, rule: Rule) -> list[Rule]:
    """``rule`` and every rule it depends on, dependencies first."""
    return _dependencies_first(pack, [rule])


def _dependencies_first(pack: Pack, roots: Iterable[Rule]) -> list[Rule]:
    """``roots`` and every rule they refer to, each after the rules it refers to (a reference
    to a rule the pack does not have is skipped: the loader has reported it already)."""
    out: list[Rule] = []
    seen: set[str] = set()

    def visit(r: Rule) -> None:
        if r.id in seen:
            return
        seen.add(r.id)
        for dep in r.refs:
            if dep in pack.rules:
                visit(pack.rules[dep])
        out.append(r)

    for root in roots:
        visit(root)
    return out


def _path_value(msg: ParsedMessage, path: str, lang: str) -> str:
    values: list[Any] = [msg]
    for part in path.split("."):
        nxt: list[Any] = []
        for v in values:
            v = getattr(v, part, None)
            if isinstance(v, tuple):
                nxt.extend(v)
            elif v is not None:
                nxt.append(v)
        values = nxt
    return _JOIN[lang].join(dict.fromkeys(m._fmt(v) for v in values))


_DEFAULT: RuleSet | None = None
_DEFAULT_LOCK = threading.Lock()
_BUILD_LOCK = threading.Lock()  # building a pending shipped pack (see RuleSet._build)


def _shipped_folders() -> dict[str, str]:
    """The shipped pack folders that exist, by locale: ``rules/zh-CN``, ``rules/en-US``."""
    from ._paths import rules_dir

    base = rules_dir()
    return {loc: str(base / loc) for loc in ("zh-CN", "en-US") if (base / loc).is_dir()}


def _compile_shipped(registry: m.RegistryLike, locale: str, folder: str) -> dict[str, Pack]:
    """The shipped pack in ``folder``, compiled (taken from the on-disk cache when there is one
    for these exact files and this code, see :mod:`smscheck._cache`)."""

    def build() -> dict[str, Pack]:
        loader = _Loader(registry, lazy_shipped=True)
        loader.add_path(folder)
        return loader.finish(None, False)._built

    from .registry import Registry

    if type(registry) is not Registry or registry is not Registry.default():
        return build()  # a pack is checked against its registry: cache only the shipped pair
    from ._cache import load_or_build
    from ._paths import rules_dir

    base = rules_dir()
    files = [f for f in Path(folder).rglob("*") if f.suffix in (".yaml", ".yml")]
    files += [f for f in (base / "registry").iterdir() if f.suffix in (".yaml", ".yml")]
    return load_or_build(f"pack-{locale}", files, build, dict)


def _add_shipped(loader: _Loader) -> None:
    """Add the shipped packs to ``loader``."""
    for folder in _shipped_folders().values():
        loader.add_path(folder)


def _default_registry() -> m.RegistryLike:
    try:
        from .registry import Registry
    except ImportError:  # the registry module is optional for the engine
        return m.NullRegistry()
    return Registry.default()


# ---- loading -------------------------------------------------------------------------------


@dataclass
class _Source:
    path: str
    data: Any
    lines: Lines
    pack_locale: str | None  # set for files of a pack folder
    user: bool


class _Loader:
    """Collects sources, then validates and compiles them, accumulating every problem."""

    def __init__(self, registry: m.RegistryLike, *, lazy_shipped: bool = False) -> None:
        self.registry = registry
        # Compile the shipped packs' text regexes on first use (RuleSet.default only).
        self.lazy_shipped = lazy_shipped
        self.errors: list[RuleFileError] = []
        self.packs: dict[str, Pack] = {}
        self.pack_sources: list[tuple[str, Any, Lines]] = []  # pack.yaml, in order
        self.rule_sources: list[_Source] = []
        self.seen_real: set[str] = set()
        self.n_files = 0

    def error(self, path: str, line: int | None, rule_id: str | None, message: str) -> None:
        self.errors.append(RuleFileError(path, line, rule_id, message))

    # -- collecting --

    def add_path(self, path: str, user: bool = False) -> None:
        p = Path(path)
        if not p.exists():
            self.error(
                path,
                None,
                None,
                "no such file or folder" + (" (a broken symlink?)" if p.is_symlink() else ""),
            )
            return
        if p.is_dir():
            real = os.path.realpath(p)
            if real in self.seen_real:
                return  # the same pack given twice (e.g. `lint rules/zh-CN` with the defaults)
            self.seen_real.add(real)
            pack_file = p / "pack.yaml"
            locale = None
            if pack_file.is_file():
                got = self.read(str(pack_file))
                # A broken pack.yaml is reported; "?" keeps its rules out of other packs.
                locale = "?"
                if got is not None:
                    self.pack_sources.append((str(pack_file), got[0], got[1]))
                    found = got[0].get("locale") if isinstance(got[0], dict) else None
                    if found in ("zh-CN", "en-US"):
                        locale = found
            for f in self.walk(p, [real]):
                if f.is_dir():  # a pack inside a plain folder (`lint rules/`): load it as a pack
                    self.add_path(str(f), user=user)
                    continue
                if f.name == "pack.yaml" and f.parent == p:
                    continue
                self.add_file(str(f), locale, user)
            return
        self.add_file(path, None, user)

    def walk(self, folder: Path, stack: list[str]) -> Iterable[Path]:
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            self.error(str(folder), None, None, f"cannot read folder: {exc.strerror or exc}")
            return
        for e in entries:
            if e.is_dir() and e.name == "registry":
                continue  # registry files (organisations), not rules: see smscheck.registry
            if e.is_dir() and (e / "pack.yaml").is_file():
                yield e  # a pack of its own: the caller loads it as one
                continue
            if e.is_dir():
                real = os.path.realpath(e)
                if real in stack or (os.path.islink(e) and real in self.seen_real):
                    self.error(
                        str(e),
                        None,
                        None,
                        f"symlink loop: {e} leads back to {real}; remove the link",
                    )
                    continue
                if len(stack) > 20:
                    self.error(str(e), None, None, "folders nested more than 20 deep")
                    continue
                yield from self.walk(e, [*stack, real])
            elif e.suffix in (".yaml", ".yml") and not e.name.startswith("."):
                yield e

    def read(self, path: str) -> tuple[Any, Lines] | None:
        """Read and parse one YAML file; None when it had problems (already reported)."""
        self.n_files += 1
        if self.n_files > MAX_FILES:
            if self.n_files == MAX_FILES + 1:
                self.error(path, None, None, f"more than {MAX_FILES} rule files; stopping here")
            return None
        try:
            size = os.path.getsize(path)
            if size > MAX_BYTES:
                self.error(
                    path,
                    None,
                    None,
                    f"file is {size:,} bytes, above the {MAX_BYTES:,}-byte limit; split it",
                )
                return None
            with open(path, "rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            self.error(path, None, None, f"cannot read: {exc.strerror or exc}")
            return None
        return self.parse(raw, path)

    def parse(self, raw: bytes | str, path: str) -> tuple[Any, Lines] | None:
        data, lines, problems = load_yaml(raw)
        for pr in problems:
            self.error(path, pr.line, None, pr.message)
        if problems:
            return None  # a file with YAML problems is not validated further
        return data, lines

    def add_file(self, path: str, pack_locale: str | None, user: bool) -> None:
        got = self.read(path)
        if got is not None:
            self.rule_sources.append(_Source(path, got[0], got[1], pack_locale, user))

    def add_text(self, text: str, path: str) -> None:
        got = self.parse(text, path)
        if got is not None:
            self.rule_sources.append(_Source(path, got[0], got[1], None, True))

    # -- packs --

    def pack_for(self, locale: str) -> Pack:
        if locale not in self.packs:
            self.packs[locale] = Pack(PackSettings(name=locale, locale=locale))
        return self.packs[locale]

    def apply_pack(self, path: str, data: Any, lines: Lines, base: _Path = ()) -> str | None:
        """Validate pack settings and merge them into the pack of their locale."""
        if not isinstance(data, dict):
            self.error(
                path,
                lines.line(base),
                None,
                "pack settings must be a mapping (name, locale, thresholds, caps …)",
            )
            return None
        try:
            spec = PackSpec.model_validate(data)
        except ValidationError as exc:
            for loc, msg in translate(exc, PackSpec):
                self.error(path, lines.line((*base, *loc)), None, msg)
            return None
        pack = self.pack_for(spec.locale)
        s = pack.settings
        s.path, s.line = path, lines.line(base)
        given = spec.model_fields_set
        if "name" in given:
            s.name = spec.name
        if "regex_timeout_ms" in given:
            s.timeout_ms = spec.regex_timeout_ms
        for name, loc_text in spec.categories.items():
            s.categories[name] = Localized(zh=loc_text.zh, en=loc_text.en)
        if "thresholds" in given:
            s.thresholds = (spec.thresholds.suspicious, spec.thresholds.forged)
            self.check_thresholds(path, lines.line((*base, "thresholds")), s.thresholds)
        for cat, cap in spec.caps.items():
            if cat not in s.categories:
                self.error(path, lines.line((*base, "caps", cat)), None,
                           f"caps: unknown category {cat!r}{did_you_mean(cat, s.categories)}")  # fmt: skip
            elif cap <= 0:
                self.error(
                    path, lines.line((*base, "caps", cat)), None, f"caps.{cat}: must be above 0"
                )
            else:
                s.caps[cat] = cap
        for label in ("legitimate", "suspicious", "forged"):
            lst = getattr(spec.advice, label)
            if lst is not None:
                s.advice[label] = (lst.zh, lst.en)
        if spec.advice.hotline is not None:
            tpls = []
            for lang in ("zh", "en"):
                tpl, problems = Template.parse(
                    getattr(spec.advice.hotline, lang), _advice_placeholder
                )
                for pr in problems:
                    self.error(
                        path,
                        lines.line((*base, "advice", "hotline", lang)),
                        None,
                        f"advice.hotline.{lang}: {pr}",
                    )
                tpls.append(tpl)
            s.hotline = (tpls[0], tpls[1])
        return spec.locale

    def check_thresholds(self, path: str, line: int | None, t: tuple[float, float]) -> None:
        if not t[0] < t[1]:
            self.error(path, line, None,
                       f"thresholds: suspicious ({t[0]:g}) must be below forged ({t[1]:g})")  # fmt: skip

    # -- rules --

    def finish(self, overrides: Any, check_examples: bool) -> RuleSet:
        for path, data, lines in self.pack_sources:
            self.apply_pack(path, data, lines)
        where: dict[str, tuple[str, int | None]] = {}
        pending: list[tuple[Pack, Rule, list[tuple[str, _Path]], _Source, _Path]] = []
        for src in self.rule_sources:
            self.rules_of(src, where, pending)
        self.check_refs(pending)
        self.apply_overrides(overrides)
        if self.errors:
            raise RuleSetError(self.errors)
        for pack in self.packs.values():
            pack.prepare()
        rs = RuleSet(self.packs, self.registry)
        if check_examples:
            user_rules = [r.id for _, r, _, src, _ in pending if src.user]
            self.errors.extend(rs.check_examples(user_rules))
            if self.errors:
                raise RuleSetError(self.errors)
        return rs

    def rules_of(
        self,
        src: _Source,
        where: dict[str, tuple[str, int | None]],
        pending: list[tuple[Pack, Rule, list[tuple[str, _Path]], _Source, _Path]],
    ) -> None:
        data, lines, path = src.data, src.lines, src.path
        if src.pack_locale == "?":
            return
        if not isinstance(data, dict):
            kind = (
                "empty"
                if data is None
                else ("a list" if isinstance(data, list) else f"a single value ({data!r:.30})")
            )
            self.error(path, lines.line(()) or 1, None,
                       f"a rule file must be a mapping with a `rules:` list, but this file is {kind}")  # fmt: skip
            return
        locale = src.pack_locale
        if "pack" in data:
            if src.pack_locale is not None:
                self.error(
                    path,
                    lines.line(("pack",)),
                    None,
                    "pack settings of a pack folder belong in its pack.yaml",
                )
                return
            locale = self.apply_pack(path, data["pack"], lines, ("pack",))
            if locale is None:
                return
        body = {k: v for k, v in data.items() if k != "pack"}
        try:
            spec = RuleFileSpec.model_validate(body)
        except ValidationError as exc:
            for loc, msg in translate(exc, RuleFileSpec):
                if loc[:1] == ("rules",) and len(loc) > 1:
                    msg = f"{dotted(loc)}: each rule must be a mapping of id, category, weight …"
                if msg.startswith("unknown key") and not loc[1:]:
                    msg += "; a rule file has `rules:` (and optionally `pack:` or `locale:`)"
                self.error(path, lines.line(loc), None, msg)
            return
        if spec.locale is not None:
            if src.pack_locale is not None and spec.locale != src.pack_locale:
                self.error(path, lines.line(("locale",)), None,
                           f"locale {spec.locale} differs from its pack's locale {src.pack_locale}")  # fmt: skip
                return
            if locale is not None and spec.locale != locale:
                self.error(
                    path,
                    lines.line(("locale",)),
                    None,
                    f"locale {spec.locale} differs from pack.locale {locale}",
                )
                return
            locale = spec.locale
        pack = self.pack_for(locale or "zh-CN")
        for i, raw in enumerate(spec.rules):
            self.rule(pack, src, i, raw, where, pending)

    def rule(
        self,
        pack: Pack,
        src: _Source,
        i: int,
        raw: dict[str, Any],
        where: dict[str, tuple[str, int | None]],
        pending: list[tuple[Pack, Rule, list[tuple[str, _Path]], _Source, _Path]],
    ) -> None:
        path, lines = src.path, src.lines
        base: _Path = ("rules", i)
        rid = raw.get("id") if isinstance(raw.get("id"), str) else None
        line = lines.line(base)
        n_errors = len(self.errors)
        try:
            spec = RuleSpec.model_validate(raw)
        except ValidationError as exc:
            for loc, msg in translate(exc, RuleSpec):
                self.error(path, lines.line((*base, *loc)), rid, msg)
            spec = None
        if spec is None or "when" not in raw:
            # Still check the condition, so one run reports its problems too.
            if "when" in raw:
                comp = m.Compiler(pack.index, pack.settings.timeout_ms, rid or "")
                comp.compile(raw["when"], ("when",))
                for p, msg in comp.problems:
                    self.error(path, lines.line((*base, *p)), rid, msg)
            return
        assert rid is not None
        if spec.category not in pack.settings.categories:
            self.error(path, lines.line((*base, "category")), rid,
                       f"category: unknown category {spec.category!r}{did_you_mean(spec.category, pack.settings.categories)}"
                       "; declare new ones under `categories:` in pack.yaml")  # fmt: skip
        if rid in where:
            other_path, other_line = where[rid]
            self.error(
                path,
                line,
                rid,
                f"duplicate rule id (first defined at {other_path}:{other_line}); ids must be unique across all packs",
            )
            return
        where[rid] = (path, line)
        comp = m.Compiler(
            pack.index,
            pack.settings.timeout_ms,
            rid,
            interned=pack.interned,
            lazy=self.lazy_shipped and not src.user,
        )
        node = comp.compile(spec.when, ("when",))
        for p, msg in comp.problems:
            self.error(path, lines.line((*base, *p)), rid, msg)
        reason: dict[str, Template] = {}
        if spec.reason is not None:
            for lang in ("zh", "en"):
                tpl, problems = Template.parse(getattr(spec.reason, lang), _reason_placeholder)
                for pr in problems:
                    self.error(
                        path, lines.line((*base, "reason", lang)), rid, f"reason.{lang}: {pr}"
                    )
                reason[lang] = tpl
        examples = []
        for kind in ("hit", "miss"):
            for j, ex in enumerate(getattr(spec.examples, kind)):
                e = ex if isinstance(ex, ExampleSpec) else ExampleSpec(text=ex)
                examples.append(Example(kind, j, e.text, e.sender, e.received_at, e.locale,
                                        lines.line((*base, "examples", kind, j))))  # fmt: skip
        if node is None or len(self.errors) > n_errors:
            return
        rule = Rule(
            id=rid,
            category=spec.category,
            weight=spec.weight,
            description=_loc(spec.description),
            reason=reason,
            when=node,
            status=spec.status,
            tags=spec.tags,
            references=spec.references,
            absorb=spec.absorb,
            refs=tuple(dict.fromkeys(r for r, _ in comp.refs)),
            examples=tuple(examples),
            path=path,
            line=line,
            locale=pack.settings.locale,
        )
        pack.rules[rid] = rule
        pending.append((pack, rule, comp.refs, src, base))

    def check_refs(
        self, pending: list[tuple[Pack, Rule, list[tuple[str, _Path]], _Source, _Path]]
    ) -> None:
        all_ids = {rid: p.settings.locale for p in self.packs.values() for rid in p.rules}
        for pack, rule, refs, src, base in pending:
            targets = [(r, p) for r, p in refs] + [
                (a, ("absorb", k)) for k, a in enumerate(rule.absorb)
            ]
            for target, p in targets:
                line = src.lines.line((*base, *p))
                if target == rule.id:
                    self.error(
                        src.path, line, rule.id, f"{dotted(p)}: a rule cannot refer to itself"
                    )
                elif target not in pack.rules:
                    if target in all_ids:
                        msg = f"{dotted(p)}: rule {target!r} is in the {all_ids[target]} pack; rules refer only to rules of their own pack"
                    else:
                        msg = f"{dotted(p)}: unknown rule {target!r}{did_you_mean(target, pack.rules)}"
                    self.error(src.path, line, rule.id, msg)
        for pack in self.packs.values():
            for cycle in _cycles(pack):
                first = pack.rules[cycle[0]]
                self.error(
                    first.path,
                    first.line,
                    first.id,
                    "rule reference cycle: " + " → ".join((*cycle, cycle[0])),
                )

    def apply_overrides(self, overrides: Any) -> None:
        if overrides is None:
            return
        path = "<overrides>"
        lines = Lines()
        data = overrides
        if isinstance(overrides, (str, os.PathLike)):
            path = os.fspath(overrides)
            got = self.read(path)
            if got is None:
                return
            data, lines = got
        if not isinstance(data, Mapping):
            self.error(
                path,
                lines.line(()),
                None,
                "overrides must be a mapping (disable, weights, thresholds, caps)",
            )
            return
        try:
            spec = OverridesSpec.model_validate(dict(data))
        except ValidationError as exc:
            for loc, msg in translate(exc, OverridesSpec):
                self.error(path, lines.line(loc), None, msg)
            return
        ids = {rid: pack for pack in self.packs.values() for rid in pack.rules}
        for k, rid in enumerate(spec.disable):
            if rid not in ids:
                self.error(
                    path,
                    lines.line(("disable", k)),
                    rid,
                    f"disable: unknown rule{did_you_mean(rid, ids)}",
                )
            else:
                pack = ids[rid]
                pack.rules[rid] = _replace(pack.rules[rid], disabled=True)
        for rid, w in spec.weights.items():
            if rid not in ids:
                self.error(
                    path,
                    lines.line(("weights", rid)),
                    rid,
                    f"weights: unknown rule{did_you_mean(rid, ids)}",
                )
            elif not -100 <= w <= 100 or w != w:
                self.error(
                    path,
                    lines.line(("weights", rid)),
                    rid,
                    "weights: must be a number from -100 to 100",
                )
            else:
                pack = ids[rid]
                pack.rules[rid] = _replace(pack.rules[rid], weight=float(w))
        targets = (
            [self.packs[spec.locale]] if spec.locale in self.packs else list(self.packs.values())
        )
        if spec.locale is not None and spec.locale not in self.packs:
            self.error(
                path, lines.line(("locale",)), None, f"locale: no pack for {spec.locale} is loaded"
            )
        if not targets and (spec.thresholds or spec.caps):
            targets = [self.pack_for("zh-CN")]
        for pack in targets:
            s = pack.settings
            if spec.thresholds is not None:
                s.thresholds = (spec.thresholds.suspicious, spec.thresholds.forged)
                self.check_thresholds(path, lines.line(("thresholds",)), s.thresholds)
            for cat, cap in spec.caps.items():
                if cat not in s.categories:
                    self.error(
                        path,
                        lines.line(("caps", cat)),
                        None,
                        f"caps: unknown category {cat!r}{did_you_mean(cat, s.categories)}",
                    )
                elif cap <= 0:
                    self.error(
                        path, lines.line(("caps", cat)), None, f"caps.{cat}: must be above 0"
                    )
                else:
                    s.caps[cat] = cap
            if (
                spec.thresholds is not None
                and self.errors
                and self.errors[-1].message.startswith("thresholds:")
            ):
                break  # report a bad threshold once, not once per pack


def _replace(rule: Rule, **changes: Any) -> Rule:
    from dataclasses import replace

    return replace(rule, **changes)


def _loc(spec: LocalizedSpec) -> Localized:
    return Localized(zh=spec.zh, en=spec.en)


def _cycles(pack: Pack) -> list[tuple[str, ...]]:
    """Each reference cycle once, starting at its first rule in load order."""
    color: dict[str, int] = {}
    found: list[tuple[str, ...]] = []
    stack: list[str] = []

    def visit(rid: str) -> None:
        color[rid] = 1
        stack.append(rid)
        for dep in pack.rules[rid].refs:
            if dep not in pack.rules:
                continue
            if color.get(dep) == 1:
                found.append(tuple(stack[stack.index(dep) :]))
            elif dep not in color:
                visit(dep)
        stack.pop()
        color[rid] = 2

    for rid in pack.rules:
        if rid not in color:
            visit(rid)
    return found


def _order(pack: Pack) -> tuple[Rule, ...]:
    """Rules to evaluate, dependencies first: active rules and whatever they refer to."""
    return tuple(_dependencies_first(pack, (r for r in pack.rules.values() if r.active)))
