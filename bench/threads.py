"""Determinism under load: the same verdicts from 8 threads as from one. Not a test.

    python bench/threads.py                    # 8 threads x 20,000 messages
    python bench/threads.py --busy 1           # the same with another core kept busy
    python bench/threads.py --threads 8 --messages 40000 --rounds 2

Every message of bench/corpus.jsonl and tests/cases/*.yaml is checked once serially; then the
list is repeated to ``--messages`` and checked by ``--threads`` threads sharing one checker
(``smscheck.check``), optionally while ``--busy`` processes spin on other cores. Each threaded
verdict (the whole JSON: label, score, hits, evidence, warnings) is compared with the serial
one. Prints the differences and the exceptions (there should be none of either) and the
throughput.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import smscheck  # noqa: E402

CST = timezone(timedelta(hours=8))
WHEN = datetime(2024, 12, 13, 20, 46, tzinfo=CST)

Message = tuple[str, str | None, datetime]


def messages() -> list[Message]:
    """(text, sender, received_at) of the corpus and the message-level test cases."""
    out: list[Message] = []
    for line in (HERE / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            at = rec.get("received_at")
            out.append((rec["text"], rec.get("sender"), datetime.fromisoformat(at) if at else WHEN))
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data.get("cases", []) if isinstance(data, dict) else []:
            if isinstance(case, dict) and isinstance(case.get("text"), str):
                at = case.get("received_at")
                sender = case.get("sender")
                out.append((case["text"], sender if isinstance(sender, str) else None,
                            datetime.fromisoformat(str(at)) if at else WHEN))  # fmt: skip
    return out


def verdict(msg: Message) -> str:
    text, sender, at = msg
    return smscheck.check(text, sender=sender, received_at=at).model_dump_json()


def _spin(stop: Any) -> None:  # pragma: no cover - runs in a child process
    x = 0
    while not stop.is_set():
        for _ in range(100_000):
            x = (x * 31 + 7) % 1_000_003


def run(n_threads: int, n_messages: int, rounds: int, busy: int) -> int:
    distinct = messages()
    t0 = time.perf_counter()
    serial = [verdict(m) for m in distinct]
    t_serial = time.perf_counter() - t0
    print(f"{len(distinct)} distinct messages checked serially in {t_serial:.2f} s "
          f"({len(distinct) / t_serial:,.0f}/s)")  # fmt: skip

    work = [i % len(distinct) for i in range(n_messages)]
    stop = multiprocessing.Event()
    spinners = [multiprocessing.Process(target=_spin, args=(stop,), daemon=True)
                for _ in range(busy)]  # fmt: skip
    for p in spinners:
        p.start()
    diffs: Counter[int] = Counter()
    errors: Counter[str] = Counter()
    first_error: dict[str, str] = {}
    total = 0
    try:
        for r in range(rounds):

            def one(i: int) -> tuple[int, str | None, str | None]:
                try:
                    return i, verdict(distinct[i]), None
                except Exception as exc:  # counted and reported
                    key = f"{type(exc).__name__}: {exc}"[:200]
                    first_error.setdefault(key, traceback.format_exc())
                    return i, None, key

            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=n_threads) as pool:
                results = list(pool.map(one, work, chunksize=64))
            dt = time.perf_counter() - t0
            n_diff = n_err = 0
            for i, got, err in results:
                if err is not None:
                    errors[err] += 1
                    n_err += 1
                elif got != serial[i]:
                    diffs[i] += 1
                    n_diff += 1
            total += len(results)
            print(f"round {r + 1}: {len(results):,} checks on {n_threads} threads"
                  f"{f' with {busy} busy process(es)' if busy else ''} in {dt:.2f} s "
                  f"({len(results) / dt:,.0f}/s): {n_diff} differ from serial, "
                  f"{n_err} exceptions")  # fmt: skip
    finally:
        stop.set()
        for p in spinners:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
    for i, n in diffs.most_common(10):
        text = distinct[i][0]
        print(f"  differs {n}x: {text[:60]!r}")
    for key, n in errors.most_common(10):
        print(f"  exception {n}x: {key}")
        print("    " + first_error[key].strip().splitlines()[-3])
    print(f"total: {total:,} checks, {sum(diffs.values())} differences, "
          f"{sum(errors.values())} exceptions")  # fmt: skip
    return 1 if diffs or errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--messages", type=int, default=20_000, help="checks per round")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--busy", type=int, default=0,
                    help="processes spinning on other cores meanwhile (e.g. 1 on 2 cores)")  # fmt: skip
    a = ap.parse_args()
    return run(a.threads, a.messages, a.rounds, a.busy)


if __name__ == "__main__":
    sys.exit(main())
