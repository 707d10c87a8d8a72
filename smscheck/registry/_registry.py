"""The compiled registry: lookups by id and name, senders, numbers, domains and the
organisations a message names, built from validated entries."""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._paths import rules_dir
from .._text import Normalized, fold_lower, normalize
from ..errors import RuleFileError
from ..models import Link, ParsedMessage, PhoneNumber, Sender, Span
from ._domains import DomainIndex
from ._load import compile_entries, read_files
from ._lookalike import LookalikeIndex
from ._names import _NameFinder
from ._schema import COURTS_ID, MentionVia, OrgEntry, OrgMention
from ._senders import SenderIndex, _sender_digits


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
        self._by_name: dict[str, str] = {}
        self._senders = SenderIndex(self.entries)
        self._domains = DomainIndex(self.entries)
        self._lookalikes = LookalikeIndex(self.entries)
        self._families = _families(self.entries)
        # Facts of confidence "unverified" are kept apart so callers can ask for confirmed only.
        self._unverified: set[tuple[str, str, str]] = set()

        text_words: dict[str, str | None] = {}
        for e in self.entries:
            for fld, fact in e.facts:
                if fact.confidence == "unverified":
                    self._unverified.add((e.id, fld, fact.value))
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
        self._cache_lock = threading.Lock()
        self._last_nt: Normalized | None = None

    # -- pickling (the on-disk cache, process pools): lookups travel, per-process state does not

    _TRANSIENT = ("_cache_lock", "_last_nt", "_names_value", "_names_built")

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in self._TRANSIENT}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._names_built = False
        self._names_value = None
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
        docs, errors = read_files(paths)
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
        entries, not_aliases = compile_entries(docs, errors)
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
        return self._senders.sender_orgs(sender)

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
        return self._senders.number_orgs(number)

    def is_official_number(self, number: PhoneNumber | str, org_id: str) -> bool:
        """True when ``number`` is one of ``org_id``'s official numbers or SMS senders, or one
        of its parent's or subsidiaries' (京东金融 and 京东); a court accepts the ``courts``
        entry's numbers (12368)."""
        orgs = self.number_orgs(number)
        return any(o in orgs for o in self._family(org_id))

    def has_numbers(self, org_id: str) -> bool:
        """True when ``org_id`` (or its family, as above) publishes numbers in the registry:
        senders, other numbers, a hotline or sender patterns."""
        for oid in self._family(org_id):
            e = self._by_id.get(oid)
            if e is not None and (e.senders or e.numbers or e.hotline or e.sender_patterns):
                return True
        return False

    def is_public_number(self, number: PhoneNumber | str) -> bool:
        """True when ``number`` is an official number of a public authority (anti-fraud lines,
        police, regulators, government, courts): any message may quote it (拨打96110, 12378)."""
        return any(
            (e := self._by_id.get(o)) is not None and e.kind in _PUBLIC_KINDS
            for o in self.number_orgs(number)
        )

    def _family(self, org_id: str) -> tuple[str, ...]:
        """``org_id``, its ancestors, its subsidiaries and, for a court, the ``courts`` entry."""
        fam = self._families.get(org_id)
        if fam is None:
            fam = (org_id,)
        return fam

    # ------------------------------------------------------------------ look-alike hosts

    def lookalike_orgs(self, host: str) -> tuple[tuple[str, str], ...]:
        """``(org_id, token)`` for each organisation that ``host`` imitates: one of its labels
        holds the organisation's token (see :mod:`smscheck.registry._lookalike`) while the host
        is official for no organisation at all.

        >>> Registry.default().lookalike_orgs("icbc-upgrade.com")
        (('icbc', 'icbc'),)
        >>> Registry.default().lookalike_orgs("www.icbc.com.cn")
        ()
        """
        if not host or self.domain_orgs(host):
            return ()
        return tuple(self._lookalikes.tokens_in(host))

    # ------------------------------------------------------------------ domains

    def domain_orgs(self, domain: str) -> tuple[str, ...]:
        """Orgs for which the host ``domain`` (or a parent domain of it) is official.

        >>> Registry.default().domain_orgs("jd.com.xyz-pay.cn")
        ()
        """
        return self._domains.domain_orgs(domain)

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


# Kinds of organisation whose numbers any message may quote without being suspect.
_PUBLIC_KINDS = frozenset({"anti_fraud", "police", "regulator", "government", "court"})


def _families(entries: Sequence[OrgEntry]) -> dict[str, tuple[str, ...]]:
    """Each organisation with its ancestors and descendants (and courts with ``courts``)."""
    by_id = {e.id: e for e in entries}
    children: dict[str, list[str]] = {}
    for e in entries:
        if e.parent is not None:
            children.setdefault(e.parent, []).append(e.id)
    out: dict[str, tuple[str, ...]] = {}
    for e in entries:
        fam: dict[str, None] = {e.id: None}
        p = e.parent
        while p is not None and p not in fam and p in by_id:
            fam[p] = None
            p = by_id[p].parent
        todo = list(children.get(e.id, ()))
        while todo:
            c = todo.pop()
            if c not in fam:
                fam[c] = None
                todo.extend(children.get(c, ()))
        if e.kind == "court" and COURTS_ID in by_id:
            fam[COURTS_ID] = None
        out[e.id] = tuple(fam)
    return out


_DEFAULT_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default_registry() -> Registry:
    from .._cache import load_or_build

    with _DEFAULT_LOCK:
        folder = rules_dir() / "registry"
        files = [f for f in folder.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file()]
        return load_or_build("registry", files, Registry.load, Registry)
