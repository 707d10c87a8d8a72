"""Link and domain ownership: which organisations a host is official for (listed domains and
short-link domains, any parent of them, anchored domain patterns)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from ._schema import _PATTERN_TIMEOUT, OrgEntry


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


class DomainIndex:
    """The registry's domains, short-link domains and domain patterns."""

    def __init__(self, entries: Sequence[OrgEntry]) -> None:
        self._by_domain: dict[str, tuple[str, ...]] = {}
        self._domain_patterns: list[tuple[regex.Pattern[str], str]] = []
        for e in entries:
            for d in (*e.domains, *e.short_domains):
                if e.id not in self._by_domain.get(d, ()):
                    self._by_domain[d] = (*self._by_domain.get(d, ()), e.id)
            for p in e.domain_patterns:
                self._domain_patterns.append((regex.compile(p), e.id))
        self._domain_cache: dict[str, tuple[str, ...]] = {}
        self._cache_lock = threading.Lock()

    # -- pickling: the lookups travel, the per-process cache and lock do not

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_domain_cache", "_cache_lock")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._domain_cache = {}
        self._cache_lock = threading.Lock()

    def domain_orgs(self, domain: str) -> tuple[str, ...]:
        """Orgs for which the host ``domain`` (or a parent domain of it) is official."""
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
