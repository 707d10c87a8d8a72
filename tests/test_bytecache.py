"""Caches keyed by input are bounded in bytes (smscheck._bytecache and its users)."""

from __future__ import annotations

import sys

import pytest

from smscheck import _text
from smscheck._bytecache import ENTRY_OVERHEAD, ByteLRU, byte_cache, weigh
from smscheck.parser import amounts, dates, legal, links, sender
from smscheck.registry import Registry
from smscheck.registry._domains import DOMAIN_CACHE_BYTES
from smscheck.registry._senders import SENDER_CACHE_BYTES


def _accounted(cache: ByteLRU[object, object]) -> int:
    return sum(weigh(k) + weigh(v) + ENTRY_OVERHEAD for k, (v, _) in cache._data.items())


def test_byte_lru_drops_least_recently_used_to_stay_within_its_bytes() -> None:
    c: ByteLRU[str, str] = ByteLRU(4000, max_item_bytes=1000)
    for i in range(100):
        c.put(f"k{i}", "v" * 50)
        assert c.nbytes == _accounted(c) <= 4000  # type: ignore[arg-type]
    kept = len(c)
    assert 0 < kept < 100
    assert c.get("k99") == "v" * 50
    assert c.get("k0") is None
    c.get(f"k{100 - kept}")  # the oldest, now the most recent: survives the next put
    c.put("new", "v" * 50)
    assert c.get(f"k{100 - kept}") is not None
    assert c.get(f"k{101 - kept}") is None
    assert not c.put("huge", "x" * 5000)  # heavier than max_item_bytes: not kept
    assert c.get("huge") is None
    assert c.nbytes == _accounted(c)
    c.put("new", "w")  # replacing an entry accounts its new size
    assert c.nbytes == _accounted(c)  # type: ignore[arg-type]
    c.clear()
    assert c.nbytes == 0
    assert len(c) == 0


def test_byte_cache_memoises_none_and_bounds_bytes() -> None:
    calls: list[str] = []

    @byte_cache(10_000)
    def f(s: str) -> str | None:
        calls.append(s)
        return None if s == "none" else s * 2

    assert f("none") is None
    assert f("none") is None
    assert calls == ["none"]
    for i in range(1000):
        f(str(i) * 10)
    cache = f.cache  # type: ignore[attr-defined]
    assert cache.nbytes <= 10_000
    assert cache.nbytes == _accounted(cache)


@pytest.mark.parametrize(
    ("fn", "arg"),
    [
        (sender.classify_digits, lambda i: "1" + str(i).zfill(9999)),
        (sender._classify_number, lambda i: "+86 1" + str(i).zfill(9999)),
        (sender.classify_nanp_number, lambda i: "1" + str(i).zfill(9999)),
        (sender._international, lambda i: "44" + str(i).zfill(9999)),
        (amounts._parse_number, lambda i: "1," + str(i).zfill(9999)),
        (links.split_domain, lambda i: "a" * 9000 + str(i) + ".com"),
        (legal._classify_org_name, lambda i: "银行" * 3000 + str(i)),
        (dates._int, lambda i: str(i).zfill(9999)),
    ],
)
def test_parser_caches_keyed_by_input_are_bounded_in_bytes(fn: object, arg: object) -> None:
    # 300 distinct 10,000-character keys would hold several MB each in an entry-bounded cache.
    cache = fn.cache  # type: ignore[attr-defined]
    for i in range(300):
        fn(arg(i))  # type: ignore[operator]
    assert cache.nbytes == _accounted(cache) <= cache.max_bytes <= 1 << 21


def test_registry_sender_and_domain_caches_are_bounded_in_bytes() -> None:
    reg = Registry.load()
    for i in range(2000):
        reg.sender_orgs("1" + str(i).zfill(9999))
        reg.domain_orgs("a" * 5000 + str(i) + ".cn")
    for i in range(30_000):
        reg.sender_orgs(str(13_000_000_000 + i))
    sc, dc = reg._senders._sender_cache, reg._domains._domain_cache
    assert sc.nbytes == _accounted(sc) <= SENDER_CACHE_BYTES  # type: ignore[arg-type]
    assert dc.nbytes == _accounted(dc) <= DOMAIN_CACHE_BYTES  # type: ignore[arg-type]
    assert len(sc) > 1000  # ordinary senders are still cached
    assert reg.sender_orgs("106980095533") == ("ccb",)  # and answers are unchanged


def test_text_fold_cache_is_bounded_in_bytes() -> None:
    # Keys are single characters or runs of at most 8; entries are capped: a byte bound.
    for cp in range(0x0100, 0x0100 + 3 * _text._FOLD_CACHE_MAX):
        _text._fold_str(chr(cp) + chr(cp + 1))
    used = sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in _text._FOLD_CACHE.items())
    assert len(_text._FOLD_CACHE) <= _text._FOLD_CACHE_MAX
    assert used <= _text.FOLD_CACHE_BYTES
