"""Loading: find and read rule files, validate them, compile their rules into packs."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .. import matchers as m
from .._yaml import MAX_BYTES, Lines, load_yaml
from ..errors import RuleFileError, RuleSetError
from ..models import Localized
from ..schema import (
    ExampleSpec,
    LocalizedSpec,
    RuleFileSpec,
    RuleSpec,
    did_you_mean,
    dotted,
    translate,
)
from .deps import _cycles
from .pack import Example, Pack, Rule
from .settings import _replace, _Settings
from .templates import Template, _reason_placeholder

if TYPE_CHECKING:
    from .core import RuleSet

_Path = tuple[str | int, ...]
MAX_FILES = 5_000


@dataclass
class _Source:
    path: str
    data: Any
    lines: Lines
    pack_locale: str | None  # set for files of a pack folder
    user: bool


class _Loader(_Settings):
    """Collects sources, then validates and compiles them, accumulating every problem."""

    def __init__(self, registry: m.RegistryLike, *, lazy_shipped: bool = False) -> None:
        self.registry = registry
        # Compile the shipped packs' text regexes on first use (RuleSet.default only).
        self.lazy_shipped = lazy_shipped
        self.errors: list[RuleFileError] = []
        self.notes: list[RuleFileError] = []
        self.packs: dict[str, Pack] = {}
        self.pack_sources: list[tuple[str, Any, Lines]] = []  # pack.yaml, in order
        self.rule_sources: list[_Source] = []
        self.seen_real: set[str] = set()
        self.n_files = 0
        # Rules with `evidence_against` leaves: (pack, rule id, leaves with their paths, source, base).
        self.against: list[
            tuple[Pack, str, list[tuple[m.EvidenceAgainstNode, _Path]], _Source, _Path]
        ] = []

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
            raw = _read_regular(path)
        except _NotRegular as exc:
            self.error(path, None, None, str(exc))
            return None
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

    # -- rules --

    def finish(self, overrides: Any, check_examples: bool) -> RuleSet:
        from .core import RuleSet

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
        self.fill_evidence_against()
        if self.errors:
            raise RuleSetError(self.errors)
        for pack in self.packs.values():
            pack.prepare()
            self.check_cost(pack)
        if self.errors:
            raise RuleSetError(self.errors)
        rs = RuleSet(self.packs, self.registry, notes=self.notes)
        if check_examples:
            user_rules = [r.id for _, r, _, src, _ in pending if src.user]
            self.errors.extend(rs.check_examples(user_rules))
            if self.errors:
                raise RuleSetError(self.errors)
        return rs

    def check_cost(self, pack: Pack) -> None:
        """Refuse a pack whose cost per message could exceed the limit (a rule file of many
        heavy regexes would otherwise make every check slow)."""
        if pack.cost <= m.MAX_PACK_COST:
            return
        top = [(c, rid) for c, rid in pack.rule_costs[:3] if c]
        worst = pack.rules[top[0][1]]
        shown = ", ".join(f"{rid} ({c:,})" for c, rid in top)
        self.error(worst.path, worst.line, worst.id,
                   f"the {pack.settings.locale} pack may cost up to {pack.cost:,} steps per "
                   f"character of a message, above the limit of {m.MAX_PACK_COST:,}; the "
                   f"costliest rules: {shown}; use keywords or simpler regexes")  # fmt: skip

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
                comp = m.Compiler(pack.index, rid or "")
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
            rid,
            interned=pack.interned,
            lazy=self.lazy_shipped and not src.user,
        )
        node = comp.compile(spec.when, ("when",))
        for p, msg in comp.problems:
            self.error(path, lines.line((*base, *p)), rid, msg)
        for p, msg in comp.notes:
            self.note(path, lines.line((*base, *p)), rid, msg)
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
        if comp.against:
            self.against.append((pack, rid, comp.against, src, base))

    def fill_evidence_against(self) -> None:
        """Fill every ``evidence_against`` leaf: a ``rule:`` reference to each stable rule of
        its pack with a positive weight (overrides applied), except the listed ones and the
        rules that use ``evidence_against`` themselves. Unknown ids in ``except`` and the cycles
        the new references close are errors."""
        users = {(id(pack), rid) for pack, rid, _, _, _ in self.against}
        touched: dict[int, Pack] = {}
        for pack, rid, leaves, src, base in self.against:
            against = [
                r.id
                for r in pack.rules.values()
                if r.status == "stable" and r.weight > 0 and (id(pack), r.id) not in users
            ]
            refs: list[str] = []
            for node, p in leaves:
                for k, x in enumerate(node.exempt):
                    if x not in pack.rules:
                        where = (*base, *p, "except", k)
                        self.error(src.path, src.lines.line(where), rid,
                                   f"{dotted(where[2:])}: unknown rule {x!r}{did_you_mean(x, pack.rules)}")  # fmt: skip
                ids = [r for r in against if r not in node.exempt]
                if not node.items:
                    node.fill(ids)
                refs.extend(ids)
            rule = pack.rules[rid]
            pack.rules[rid] = _replace(rule, refs=tuple(dict.fromkeys((*rule.refs, *refs))))
            touched[id(pack)] = pack
        if self.errors:
            return
        for pack in touched.values():
            for cycle in _cycles(pack):
                first = pack.rules[cycle[0]]
                self.error(first.path, first.line, first.id,
                           "rule reference cycle through evidence_against (a scoring rule that "
                           "refers to a rule using it): " + " → ".join((*cycle, cycle[0])))  # fmt: skip

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


def _loc(spec: LocalizedSpec) -> Localized:
    return Localized(zh=spec.zh, en=spec.en)


class _NotRegular(Exception):
    pass


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_regular(path: str) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``MAX_BYTES``.

    Opened without blocking and checked on the open descriptor: a named pipe (or a device,
    or a socket) called ``x.yaml`` is refused instead of blocking the load forever, even if
    it replaced a file between a check and the open."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _NotRegular(
                "not a regular file (a named pipe, socket or device); only regular files are read"
            )
        if st.st_size > MAX_BYTES:
            raise _NotRegular(
                f"file is {st.st_size:,} bytes, above the {MAX_BYTES:,}-byte limit; split it"
            )
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read(MAX_BYTES + 1)
    finally:
        if fd >= 0:
            os.close(fd)
