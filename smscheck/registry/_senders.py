"""Sender matching: which organisations a sender, or a number written in a message, is an
official channel of (exact listings, sender patterns, 106 codes embedding a service number)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from .._bytecache import ByteLRU
from ..models import PhoneNumber, Sender
from ._patterns import compile_pattern, matches
from ._schema import OrgEntry

# What the cache of answers per sender may hold (senders are input: bounded in bytes).
SENDER_CACHE_BYTES = 1 << 21

# Service numbers that carriers embed at the end of 106 long codes.
_EMBEDDABLE = regex.compile(r"^(?:9[56][0-9]{3,4}|12[0-9]{3}|100[0-9]{2})$")
_NON_DIGIT = regex.compile(r"[^0-9]+")


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


def _add(index: dict[str, tuple[str, ...]], key: str, oid: str) -> None:
    if oid not in index.get(key, ()):
        index[key] = (*index.get(key, ()), oid)


class SenderIndex:
    """The registry's numbers: SMS senders, other official numbers, sender patterns."""

    def __init__(self, entries: Sequence[OrgEntry]) -> None:
        self._by_sender: dict[str, tuple[str, ...]] = {}
        self._by_number: dict[str, tuple[str, ...]] = {}
        self._embeddable: dict[str, tuple[str, ...]] = {}
        self._sender_patterns: list[tuple[Any, str]] = []
        for e in entries:
            for n in e.senders:
                _add(self._by_sender, n, e.id)
                _add(self._by_number, n, e.id)
                if _EMBEDDABLE.match(n):
                    _add(self._embeddable, n, e.id)
            for n in e.numbers:
                _add(self._by_number, n, e.id)
            if e.hotline:
                _add(self._by_number, e.hotline, e.id)
            for p in e.sender_patterns:
                self._sender_patterns.append((compile_pattern(p), e.id))
        self._sender_cache: ByteLRU[str, tuple[str, ...]] = ByteLRU(SENDER_CACHE_BYTES)

    # -- pickling: the lookups travel, the per-process cache and lock do not

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_sender_cache"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._sender_cache = ByteLRU(SENDER_CACHE_BYTES)

    def sender_orgs(self, sender: Sender | str | None) -> tuple[str, ...]:
        """The organisations for which ``sender`` is an official SMS channel."""
        digits = _sender_digits(sender)
        embedded = sender.embedded_service if isinstance(sender, Sender) else None
        key = f"{digits}|{embedded or ''}"
        hit = self._sender_cache.get(key)
        if hit is not None:
            return hit
        out = self._compute_sender_orgs(digits, embedded)
        self._sender_cache.put(key, out)
        return out

    def _compute_sender_orgs(self, digits: str, embedded: str | None) -> tuple[str, ...]:
        if not digits:
            return ()
        out = list(self._by_sender.get(digits, ()))
        for rx, oid in self._sender_patterns:
            if oid not in out and matches(rx, digits):
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

    def number_orgs(self, number: PhoneNumber | str) -> tuple[str, ...]:
        """Orgs for which ``number`` (a sender or a number written in the body) is official."""
        digits = number.digits if isinstance(number, PhoneNumber) else _national(number)
        if not digits:
            return ()
        out = list(self._by_number.get(digits, ()))
        e164 = number.e164 if isinstance(number, PhoneNumber) else None
        if e164 and not e164.startswith("+86"):
            # A foreign number may be listed with its country code (18668675568 for
            # +1 866 867 5568) or, in the UK, with its trunk 0 (020 7946 …).
            for alt in (e164[1:], "0" + digits if e164.startswith("+44") else ""):
                out.extend(o for o in self._by_number.get(alt, ()) if o not in out)
            return tuple(out)
        if not digits.startswith("0"):  # a landline written without its trunk 0 (+86 21 …)
            out.extend(o for o in self._by_number.get("0" + digits, ()) if o not in out)
        out.extend(o for o in self.sender_orgs(digits) if o not in out)
        return tuple(out)
