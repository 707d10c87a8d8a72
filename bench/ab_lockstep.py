"""A/B the CPU time of ``check`` on two source trees, in lockstep (for a shared, noisy machine).

    python bench/ab_lockstep.py TREE_A TREE_B [ROUNDS] [--pairs N]

Each tree runs in its own process (its own ``smscheck``, imported from the tree), warmed up on
``bench/corpus.jsonl`` of this tree; then the two run one pass over the corpus each, in turn
(A B, B A, ...), so both see the same load from moment to moment. Printed: each tree's best
and median CPU µs per message, and the median of the per-round ratios B/A, which varies far
less under load than two best-of-N runs taken minutes apart. A measurement, not a test.

``--pairs N`` (default 1) repeats that with N fresh pairs of processes, the first-started
process alternating between the trees: one process's memory layout and string-hash seed can
make it a few per cent faster or slower for its whole life (measured: the same tree against
itself gave 1.002 and 1.015, the same two trees 1.024 and 1/1.059 in two 60-80-round runs), so
the median over pairs is the figure to report, with the spread of the pairs' medians.

Both trees load their compiled packs from a private cache folder (a temporary one, filled
before the first pair), as any process after the first does: the shared one (``~/.cache``)
keeps only the four newest entries of a kind, so with other trees being tested one tree could
silently compile in-process while the other loads its pickle, and the two run different
instruction counts per message (f91a60a: 3.54 M compiled, 3.59 M loaded).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
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

WARM = "import sys; sys.path.insert(0, sys.argv[1]); import smscheck; smscheck.check('x')"


def _pair(a: str, b: str, rounds: int, env: dict[str, str]) -> dict[str, list[float]]:
    """One pair of fresh processes, ``a`` started first; µs per message of each round."""
    procs = {
        tree: subprocess.Popen(
            [sys.executable, "-c", WORKER, tree, str(CORPUS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
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
    return times


def main() -> None:
    args = sys.argv[1:]
    pairs = 1
    if "--pairs" in args:
        i = args.index("--pairs")
        pairs = int(args[i + 1])
        del args[i : i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    a, b = args[0], args[1]
    rounds = int(args[2]) if len(args) > 2 else 20
    with tempfile.TemporaryDirectory(prefix="smscheck-ab-") as cache:
        os.chmod(cache, 0o700)
        env = {**os.environ, "SMSCHECK_CACHE_DIR": cache}
        for tree in (a, b):  # compile once, store: every worker then loads its packs
            subprocess.run([sys.executable, "-c", WARM, tree], env=env, check=True)
        times: dict[str, list[float]] = {a: [], b: []}
        pair_ratios: list[float] = []
        ratios: list[float] = []
        for n in range(pairs):
            got = _pair(a, b, rounds, env) if n % 2 == 0 else _pair(b, a, rounds, env)
            mine = [y / x for x, y in zip(got[a], got[b], strict=True)]
            ratios += mine
            pair_ratios.append(statistics.median(mine))
            times[a] += got[a]
            times[b] += got[b]
    for tree in (a, b):
        print(
            f"{tree}: best {min(times[tree]):.0f}, median {statistics.median(times[tree]):.0f} µs/msg"
        )
    ratios.sort()
    q = len(ratios) // 4
    print(
        f"B/A per round: median {statistics.median(ratios):.3f} "
        f"(quartiles {ratios[q]:.3f}-{ratios[-1 - q]:.3f}); best B / best A "
        f"{min(times[b]) / min(times[a]):.3f}"
    )
    if pairs > 1:
        print(
            f"B/A by pair of processes: median {statistics.median(pair_ratios):.3f} "
            f"(pairs: {', '.join(f'{r:.3f}' for r in pair_ratios)})"
        )


if __name__ == "__main__":
    main()
