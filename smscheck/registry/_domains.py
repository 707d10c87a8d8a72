"""Link and domain ownership: which organisations a host is official for (listed domains and
short-link domains, any parent of them, anchored domain patterns)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .._bytecache import ByteLRU
from ._patterns import compile_pattern, matches
from ._schema import OrgEntry


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


# What the cache of answers per host may hold (hosts are input: bounded in bytes).
DOMAIN_CACHE_BYTES = 1 << 20


class DomainIndex:
    """The registry's domains, short-link domains and domain patterns."""

    def __init__(self, entries: Sequence[OrgEntry]) -> None:
        self._by_domain: dict[str, tuple[str, ...]] = {}
        self._domain_patterns: list[tuple[Any, str]] = []
        for e in entries:
            for d in (*e.domains, *e.short_domains):
                if e.id not in self._by_domain.get(d, ()):
                    self._by_domain[d] = (*self._by_domain.get(d, ()), e.id)
            for p in e.domain_patterns:
                self._domain_patterns.append((compile_pattern(p), e.id))
        self._domain_cache: ByteLRU[str, tuple[str, ...]] = ByteLRU(DOMAIN_CACHE_BYTES)

    # -- pickling: the lookups travel, the per-process cache and lock do not

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_domain_cache"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._domain_cache = ByteLRU(DOMAIN_CACHE_BYTES)

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
        for rx, oid in self._domain_patterns:
            if oid not in out and matches(rx, host):
                out.append(oid)
        found = tuple(out)
        self._domain_cache.put(domain, found)
        return found
