"""Caches keyed by input, bounded in bytes.

A cache keyed by what a message contains (a sender, a host, a number as written) meets
adversarial keys: 10,000 distinct 10,000-digit senders would hold 100 MB in a cache bounded only
by its number of entries. :class:`ByteLRU` accounts every entry's bytes (its key and value,
their strings and containers, as :func:`weigh` counts them) and drops the least recently used
entries to stay within ``max_bytes``; an entry larger than ``max_item_bytes`` is not kept at all
(it is computed again when asked again). :func:`byte_cache` is the decorator form, for pure
functions of hashable positional arguments.

Thread-safe: every read and write takes the cache's lock.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar, cast

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])

# A dict slot plus the (value, size) pair the cache stores with every entry.
ENTRY_OVERHEAD = 120
_MISSING: Any = object()


def weigh(obj: object, _depth: int = 0) -> int:
    """Bytes of ``obj`` with its strings and containers (objects' ``__dict__`` included),
    down to four levels; shared objects are counted each time (an over-estimate). The same
    object always weighs the same, so the running total stays exact."""
    if isinstance(obj, str):
        # Not sys.getsizeof, which grows once CPython caches a string's UTF-8 form: a fixed
        # upper bound (an ASCII string is its own UTF-8; others hold up to 4 + 4 bytes a char).
        return 49 + len(obj) if obj.isascii() else 80 + 8 * len(obj)
    n = sys.getsizeof(obj)
    if _depth >= 4 or isinstance(obj, (bytes, int, float, bool)) or obj is None:
        return n
    if isinstance(obj, (tuple, list, frozenset, set)):
        return n + sum(weigh(x, _depth + 1) for x in obj)
    if isinstance(obj, dict):
        return n + sum(weigh(k, _depth + 1) + weigh(v, _depth + 1) for k, v in obj.items())
    d = getattr(obj, "__dict__", None)
    if isinstance(d, dict):
        n += weigh(d, _depth + 1)
    return n


class ByteLRU(Generic[K, V]):
    """A least-recently-used mapping whose entries never weigh more than ``max_bytes``."""

    def __init__(self, max_bytes: int, *, max_item_bytes: int | None = None) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.max_bytes = max_bytes
        self.max_item_bytes = min(max_bytes, max_item_bytes or max(max_bytes // 64, 1024))
        self.nbytes = 0  # what the entries weigh, kept exactly in step with them
        self._data: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: K, default: V | None = None) -> V | None:
        """The value for ``key`` (now the most recently used), else ``default``."""
        with self._lock:
            hit = self._data.get(key)
            if hit is None:
                return default
            self._data.move_to_end(key)
            return hit[0]

    def put(self, key: K, value: V) -> bool:
        """Keep ``value`` for ``key`` unless it alone weighs more than ``max_item_bytes``;
        drop the least recently used entries to make room. True when kept."""
        size = weigh(key) + weigh(value) + ENTRY_OVERHEAD
        if size > self.max_item_bytes:
            return False
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self.nbytes -= old[1]
            while self._data and self.nbytes + size > self.max_bytes:
                _, (_, dropped) = self._data.popitem(last=False)
                self.nbytes -= dropped
            self._data[key] = (value, size)
            self.nbytes += size
        return True

    def clear(self) -> None:
        """Drop every entry."""
        with self._lock:
            self._data.clear()
            self.nbytes = 0


def byte_cache(max_bytes: int, *, max_item_bytes: int | None = None) -> Callable[[F], F]:
    """Memoise a pure function of hashable positional arguments in a :class:`ByteLRU`
    (reachable as ``fn.cache``; ``fn.cache_clear()`` empties it)."""

    def deco(fn: F) -> F:
        cache: ByteLRU[tuple[Any, ...], Any] = ByteLRU(max_bytes, max_item_bytes=max_item_bytes)

        @functools.wraps(fn)
        def wrapper(*args: Any) -> Any:
            hit = cache.get(args, _MISSING)
            if hit is not _MISSING:
                return hit
            value = fn(*args)
            cache.put(args, value)
            return value

        wrapper.cache = cache  # type: ignore[attr-defined]
        wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
        return cast(F, wrapper)

    return deco
