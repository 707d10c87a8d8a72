"""Benchmark: the rule engine alone (everything ``check`` does after ``parse``), one core.

    python bench/bench_engine.py [--rounds 5] [--reps 3]

The corpus is parsed once up front; then each round times, per message,
``RuleSet.evaluate_detailed`` + ``score`` + advice + the ``Verdict`` model, exactly as
``Checker.check`` does after parsing. CPU time (``time.process_time``), best of ``--rounds``.
Use it to measure engine changes apart from parser changes.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from profile_check import load  # noqa: E402

from smscheck.checker import Checker  # noqa: E402
from smscheck.models import Verdict  # noqa: E402
from smscheck.parser import parse_with_text  # noqa: E402
from smscheck.scoring import score  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Print µs per message for the engine."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {0})
    rows = load(HERE / "corpus.jsonl")
    parsed = [parse_with_text(t, sender=s, received_at=a) for t, s, a in rows]
    rs = Checker().rules

    def one(msg, nt):  # type: ignore[no-untyped-def]
        ev = rs.evaluate_detailed(msg, nt)
        scored = score(ev.hits, caps=ev.caps, thresholds=ev.thresholds)
        advice, advice_en = rs.advice(ev, scored.label.value)
        return Verdict(label=scored.label, score=scored.score, hits=scored.hits, parsed=msg,
                       advice=advice, advice_en=advice_en, warnings=ev.warnings,
                       thresholds=ev.thresholds)  # fmt: skip

    for msg, nt in parsed:
        one(msg, nt)
    best = float("inf")
    for _ in range(args.rounds):
        t = time.process_time()
        for _ in range(args.reps):
            for msg, nt in parsed:
                one(msg, nt)
        best = min(best, time.process_time() - t)
    n = len(parsed) * args.reps
    print(f"engine: {best / n * 1e6:.1f} µs/message ({len(parsed)} messages, best of "
          f"{args.rounds} x {args.reps} passes, CPU time)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
