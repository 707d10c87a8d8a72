"""Memory of a long-running service: RSS while checking messages with distinct senders.

Every message of ``bench/corpus.jsonl`` is checked in turn, each time from a sender never seen
before (a distinct 11-digit mobile, or with ``--sender-digits N`` a distinct N-digit number),
and the resident set size is printed every ``--every`` checks. A service that keeps per-input
caches must stay flat: caches are bounded in bytes, so after they fill nothing may grow.

``--cheap`` runs only the sender path (``classify_sender`` and the registry's sender lookups,
what a distinct sender costs) instead of the whole ``check``, fast enough for 10^7 senders.

``--trace`` also starts ``tracemalloc`` after the first report and prints the lines that
allocated the most memory still held at the end (slow: use small counts).

    python bench/memory.py --count 300000 --every 25000
    python bench/memory.py --cheap --count 10000000 --every 1000000
    python bench/memory.py --count 10000 --every 1000 --sender-digits 10000
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Resident set size of this process, in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _sender(i: int, digits: int) -> str:
    if digits <= 11:
        return str(13_000_000_000 + i)
    s = str(i)
    return "1" + "0" * (digits - 1 - len(s)) + s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--count", type=int, default=300_000, help="checks to run")
    ap.add_argument("--every", type=int, default=25_000, help="report RSS every N checks")
    ap.add_argument("--sender-digits", type=int, default=11, help="length of each sender")
    ap.add_argument("--cheap", action="store_true", help="only the sender and registry path")
    ap.add_argument("--trace", action="store_true", help="tracemalloc: what is still held")
    args = ap.parse_args(argv)

    import smscheck
    from smscheck.parser.sender import classify_sender
    from smscheck.registry import Registry

    with (ROOT / "bench" / "corpus.jsonl").open(encoding="utf-8") as f:
        msgs = [json.loads(line) for line in f]
    times = [datetime.fromisoformat(m["received_at"]) for m in msgs]
    reg = Registry.default()
    orgs = [e.id for e in reg.entries[:20]]

    def one(i: int) -> None:
        sender = _sender(i, args.sender_digits)
        if args.cheap:
            info = classify_sender(sender)
            reg.sender_orgs(info)
            for oid in orgs[i % 5 :: 5]:
                reg.is_official_sender(info, oid)
            return
        k = i % len(msgs)
        smscheck.check(msgs[k]["text"], sender=sender, received_at=times[k])

    one(0)  # load everything before the first figure
    gc.collect()
    mode = "sender path only" if args.cheap else "check"
    print(f"{mode}, {args.count:,} distinct {args.sender_digits}-digit senders")
    print(f"{'checks':>12} {'RSS MB':>8} {'s':>8}")
    print(f"{0:>12,} {rss_mb():8.1f} {0:8.1f}", flush=True)
    snap = None
    t0 = time.perf_counter()
    for i in range(1, args.count + 1):
        one(i)
        if i % args.every == 0:
            gc.collect()
            print(f"{i:>12,} {rss_mb():8.1f} {time.perf_counter() - t0:8.1f}", flush=True)
            if args.trace and snap is None:
                tracemalloc.start(12)
                snap = tracemalloc.take_snapshot()
    if args.trace and snap is not None:
        gc.collect()
        for st in tracemalloc.take_snapshot().compare_to(snap, "traceback")[:6]:
            print(st)
            for line in st.traceback.format()[-10:]:
                print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
