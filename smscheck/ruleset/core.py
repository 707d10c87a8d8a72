"""The compiled :class:`RuleSet`: evaluation, reasons, advice, examples, the shipped default."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import matchers as m
from .._text import Normalized, normalize
from ..errors import RuleFileError
from ..models import Evidence, Hit, Localized, ParsedMessage, trusted
from .deps import _closure
from .loader import _Loader
from .pack import DEFAULT_THRESHOLDS, EXAMPLE_TIME, Example, Pack, PackSettings, Rule
from .templates import _evidence_texts

_UNKNOWN = {"zh": "（未知）", "en": "(unknown)"}
_JOIN = {"zh": "、", "en": ", "}


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
        self,
        packs: Mapping[str, Pack],
        registry: m.RegistryLike,
        *,
        is_default: bool = False,
        notes: Sequence[RuleFileError] = (),
    ) -> None:
        """Use :meth:`load`, :meth:`from_yaml` or :meth:`default` instead."""
        self._built = dict(packs)
        # Warnings found while loading that did not stop it (deprecated keys), for `lint`.
        self.notes: tuple[RuleFileError, ...] = tuple(notes)
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

    def cost(self, locale: str) -> tuple[int, tuple[tuple[int, str], ...]]:
        """The most steps per character of a message the pack for ``locale`` may take (see
        :func:`smscheck.matchers.pack_cost`), and each rule's share, costliest first."""
        pack = self._pack(locale)
        return (pack.cost, pack.rule_costs) if pack else (0, ())

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
        for rule in pack.candidates(ctx.occurrences, msg, ctx):
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
        memo: dict[str, Any] = {}  # what both languages read alike, worked out once
        fields = {
            "zh": zh.render({n: self._value(n, ev, ctx, "zh", memo) for n in zh.names}),
            "en": en.render({n: self._value(n, ev, ctx, "en", memo) for n in en.names}),
        }
        return trusted(Localized, fields, {"zh", "en"})

    def _org(
        self, ev: tuple[Evidence, ...], ctx: m.EvalContext, lang: str = "zh"
    ) -> tuple[str | None, str | None]:
        """The organisation a hit is about: its id and its name in ``lang`` (the registry's
        English name for "en", so an English reason does not show a Chinese name)."""
        for e in ev:
            if e.org_id:
                entry = self._registry.get(e.org_id)
                if entry is None:
                    return e.org_id, e.pattern or e.value
                return e.org_id, _name_in(entry, lang)
        for mention in ctx.mentions:
            if lang == "en":
                entry = self._registry.get(mention.org_id)
                if entry is not None:
                    return mention.org_id, _name_in(entry, lang)
            return mention.org_id, mention.name
        return None, ctx.msg.creditor

    def _value(
        self,
        name: str,
        ev: tuple[Evidence, ...],
        ctx: m.EvalContext,
        lang: str,
        memo: dict[str, Any] | None = None,
    ) -> str:
        unknown = _UNKNOWN[lang]
        if name in ("match", "matches"):
            texts = memo.get(" texts") if memo is not None else None
            if texts is None:
                texts = _evidence_texts(ev)
                if memo is not None:
                    memo[" texts"] = texts
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
            org_id, org_name = self._org(ev, ctx, lang)
            if name == "org":
                return org_name or unknown
            entry = self._registry.get(org_id) if org_id else None
            return (entry.hotline if entry else None) or unknown
        values = memo.get(name) if memo is not None else None
        if values is None:
            values = _path_values(ctx.msg, name)
            if memo is not None:
                memo[name] = values
        return _JOIN[lang].join(values) or unknown

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
            for oid, name, hotline in evaluation.orgs[:2]:
                if hotline:
                    zh_l.append(settings.hotline[0].render({"org": name, "hotline": hotline}))
                    entry = self._registry.get(oid)
                    name_en = _name_in(entry, "en") if entry is not None else name
                    en_l.append(settings.hotline[1].render({"org": name_en, "hotline": hotline}))
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
        from ..parser import parse_with_text

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
    if ex.kind == "hit" and not state:
        return f"{where}: the rule does not fire on {text!r}"
    if ex.kind == "miss" and state:
        shown = next((e.text or e.value for e in ev if e.text or e.value), None)
        why = f" (matched {shown!r})" if shown else ""
        return f"{where}: the rule fires on {text!r}{why}"
    return None


def _path_value(msg: ParsedMessage, path: str, lang: str) -> str:
    return _JOIN[lang].join(_path_values(msg, path))


def _path_values(msg: ParsedMessage, path: str) -> list[str]:
    """The values at ``path`` (through lists), formatted, each once, in order."""
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
    return list(dict.fromkeys(m._fmt(v) for v in values))


_DEFAULT: RuleSet | None = None
_DEFAULT_LOCK = threading.Lock()
_BUILD_LOCK = threading.Lock()  # building a pending shipped pack (see RuleSet._build)


def _shipped_folders() -> dict[str, str]:
    """The shipped pack folders that exist, by locale: ``rules/zh-CN``, ``rules/en-US``."""
    from .._paths import rules_dir

    base = rules_dir()
    return {loc: str(base / loc) for loc in ("zh-CN", "en-US") if (base / loc).is_dir()}


def _compile_shipped(registry: m.RegistryLike, locale: str, folder: str) -> dict[str, Pack]:
    """The shipped pack in ``folder``, compiled (taken from the on-disk cache when there is one
    for these exact files and this code, see :mod:`smscheck._cache`)."""

    def build() -> dict[str, Pack]:
        loader = _Loader(registry, lazy_shipped=True)
        loader.add_path(folder)
        return loader.finish(None, False)._built

    from ..registry import Registry

    if type(registry) is not Registry or registry is not Registry.default():
        return build()  # a pack is checked against its registry: cache only the shipped pair
    from .._cache import load_or_build
    from .._paths import rules_dir

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
        from ..registry import Registry
    except ImportError:  # the registry module is optional for the engine
        return m.NullRegistry()
    return Registry.default()


def _name_in(entry: m.OrgLike, lang: str) -> str:
    """An organisation's name for a reason in ``lang``: the registry's English name in English
    when the entry has one (a custom registry's entries may not)."""
    if lang == "en":
        name_en = getattr(entry, "name_en", None)
        if isinstance(name_en, str) and name_en:
            return name_en
    return entry.name
