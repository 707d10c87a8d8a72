"""A/B the CPU time of ``check`` on two source trees, in lockstep (for a shared, noisy machine).

    python bench/ab_lockstep.py TREE_A TREE_B [ROUNDS]

Each tree runs in its own process (its own ``smscheck``, imported from the tree), warmed up on
``bench/corpus.jsonl`` of this tree; then the two run one pass over the corpus each, in turn
(A B, B A, ...), so both see the same load from moment to moment. Printed: each tree's best
and median CPU µs per message, and the median of the per-round ratios B/A, which varies far
less under load than two best-of-N runs taken minutes apart. A measurement, not a test.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus.jsonl"

WORKER = """
import gc, json, sys, time
from datetime import datetime, timedelta, timezone
sys.path.insert(0, sys.argv[1])
import smscheck
at = datetime(2025, 3, 12, 10, 20, tzinfo=timezone(timedelta(hours=8)))
msgs = [(d["text"], d.get("sender")) for d in map(json.loads, open(sys.argv[2], encoding="utf-8"))]
for _ in range(2):
    for t, s in msgs:
        smscheck.check(t, sender=s, received_at=at)
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() != "go":
        break
    gc.collect()
    t0 = time.process_time()
    for t, s in msgs:
        smscheck.check(t, sender=s, received_at=at)
    print((time.process_time() - t0) / len(msgs) * 1e6, flush=True)
"""


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    a, b = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    procs = {
        tree: subprocess.Popen(
            [sys.executable, "-c", WORKER, tree, str(CORPUS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for tree in (a, b)
    }
    for tree, p in procs.items():
        if p.stdout is None or p.stdout.readline().strip() != "ready":
            sys.exit(f"{tree}: the worker did not start")
    times: dict[str, list[float]] = {a: [], b: []}
    for i in range(rounds):
        for tree in (a, b) if i % 2 == 0 else (b, a):
            p = procs[tree]
            if p.stdin is None or p.stdout is None:
                sys.exit(f"{tree}: the worker has no pipes")
            p.stdin.write("go\n")
            p.stdin.flush()
            times[tree].append(float(p.stdout.readline()))
    for p in procs.values():
        if p.stdin is not None:
            p.stdin.write("stop\n")
            p.stdin.flush()
        p.wait()
    for tree in (a, b):
        print(
            f"{tree}: best {min(times[tree]):.0f}, median {statistics.median(times[tree]):.0f} µs/msg"
        )
    ratios = sorted(y / x for x, y in zip(times[a], times[b], strict=True))
    q = len(ratios) // 4
    print(
        f"B/A per round: median {statistics.median(ratios):.3f} "
        f"(quartiles {ratios[q]:.3f}-{ratios[-1 - q]:.3f}); best B / best A "
        f"{min(times[b]) / min(times[a]):.3f}"
    )


if __name__ == "__main__":
    main()
