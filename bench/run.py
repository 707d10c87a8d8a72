"""The benchmark suite: one command, one table. Not a test: figures are reported, not asserted.

    python bench/run.py            # full run (about a minute)
    python bench/run.py --quick    # fewer repetitions

Measures, on one core (the process is pinned to CPU 0 where the OS allows):
- parse and check throughput (messages/s) and p50/p99 latency on bench/corpus.jsonl,
- cold start: ``import smscheck`` plus the first ``check``, beyond a bare interpreter's start
  (from bytecode, with the compiled-pack cache warm, and with it off),
- peak memory (max RSS) of a process that imports, checks the corpus and exits,
- scaling with message length (1 KB … 1 MB: time per KB should stay flat),
- scaling with rule count (10, 100, 1,000 synthetic rules added to the default pack).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl"
CST = timezone(timedelta(hours=8))


def load_corpus() -> list[dict[str, object]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            when = rec.get("received_at")
            rec["received_at"] = (
                datetime.fromisoformat(when)
                if isinstance(when, str)
                else datetime(2024, 12, 13, 20, 46, tzinfo=CST)
            )
            rows.append(rec)
    return rows


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {0})
            return "pinned to CPU 0"
        except OSError:
            pass
    return "not pinned"


def throughput(fn, rows, repeat: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Return messages/s, p50 and p99 latency in ms."""
    for r in rows[:50]:
        fn(r)  # warm-up
    lat: list[float] = []
    t0 = time.perf_counter()
    for _ in range(repeat):
        for r in rows:
            a = time.perf_counter()
            fn(r)
            lat.append(time.perf_counter() - a)
    total = time.perf_counter() - t0
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1e3  # noqa: E731
    return len(lat) / total, p(0.5), p(0.99)


def cold_start(runs: int) -> tuple[float, float, float]:
    """Median seconds of a bare interpreter, of import + first check with the compiled-pack
    cache warm (every run after the first on a machine), and with no cache (the very first).

    As after ``pip install``, modules load from bytecode: writing it is allowed (the caller's
    PYTHONDONTWRITEBYTECODE is dropped) into a private PYTHONPYCACHEPREFIX, warmed once.
    Without bytecode every start would also compile the package's source (about 60 ms).
    """
    import tempfile

    code = (
        "import smscheck, datetime as d; smscheck.check('【京东金融】您的白条已逾期3天，应还1,234.56元', "
        "sender='95118', received_at=d.datetime(2024,12,13,20,46,tzinfo=d.timezone(d.timedelta(hours=8))))"
    )
    tmp = Path(tempfile.mkdtemp(prefix="smscheck-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    warm = {**env, "SMSCHECK_CACHE_DIR": str(tmp / "cache")}
    off = {**env, "SMSCHECK_CACHE_DIR": ""}

    def timed(args: list[str], env: dict[str, str]) -> float:
        best = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)
            best.append(time.perf_counter() - t)
        return statistics.median(best)

    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=warm)
    return timed(["-c", "pass"], env), timed(["-c", code], warm), timed(["-c", code], off)


def peak_memory() -> float:
    """Max RSS in MB of a process that imports smscheck and checks the whole corpus."""
    code = (
        "import resource, sys, json, smscheck\n"
        f"rows = [json.loads(l) for l in open({str(CORPUS)!r}, encoding='utf-8') if l.strip()]\n"
        "from smscheck.batch import check_many\n"
        "for v in check_many(rows, workers=1): pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def length_scaling(check) -> list[tuple[int, float]]:  # type: ignore[no-untyped-def]
    unit = "【京东金融】您的白条已逾期3天，应还1,234.56元，请于12月20日前登录京东金融App还款。加微信abc123，转账至个人账户6222021234567890123。"
    when = datetime(2024, 12, 13, 20, 46, tzinfo=CST)
    out = []
    for kb in (1, 10, 100, 1000):
        text = (unit * (kb * 1024 // len(unit.encode()) + 1))[: kb * 1024 // 3]
        t = time.perf_counter()
        check(text, sender="13812345678", received_at=when)
        out.append((kb, time.perf_counter() - t))
    return out


def synthetic_rules(n: int) -> str:
    lines = ["rules:"]
    for i in range(n):
        if i % 2:
            cond = f"    when: {{text: {{keywords: [合成词{i}甲, 合成词{i}乙, 测试{i}关键]}}}}"
        else:
            cond = f"    when: {{text: {{regex: '合成{i}[0-9]{{2,4}}号'}}}}"
        lines += [
            f"  - id: synthetic-rule-{i}",
            "    category: threats",
            "    weight: 0.1",
            f"    description: {{zh: 合成规则{i}, en: synthetic rule {i}}}",
            cond,
        ]
    return "\n".join(lines) + "\n"


def rule_scaling(rows, repeat: int) -> list[tuple[int, float]]:  # type: ignore[no-untyped-def]
    import smscheck
    from smscheck import Checker, RuleSet

    out = []
    base = Checker()
    rate, _, _ = throughput(
        lambda r: base.check(r["text"], sender=r.get("sender"), received_at=r["received_at"]),
        rows,
        repeat,
    )
    out.append((len(base.rules.rules) if hasattr(base.rules, "rules") else 0, 1e6 / rate))
    for n in (10, 100, 1000):
        rs = RuleSet.from_yaml(synthetic_rules(n), include_default=True)
        chk = smscheck.Checker(rules=rs)
        rate, _, _ = throughput(
            lambda r, c=chk: c.check(
                r["text"], sender=r.get("sender"), received_at=r["received_at"]
            ),
            rows,
            repeat,
        )
        out.append((n, 1e6 / rate))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    repeat = 2 if args.quick else 10
    pinned = pin_one_core()

    import smscheck

    rows = load_corpus()
    lengths = sorted(len(r["text"]) for r in rows)  # type: ignore[arg-type]
    print(
        f"smscheck {smscheck.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores ({pinned}), {datetime.now().date()}"
    )
    print(
        f"corpus: {len(rows)} messages, length {lengths[0]}–{lengths[-1]} (median {lengths[len(lengths) // 2]})\n"
    )

    parse_rate, pp50, pp99 = throughput(
        lambda r: smscheck.parse(r["text"], sender=r.get("sender"), received_at=r["received_at"]),
        rows,
        repeat,
    )
    check_rate, cp50, cp99 = throughput(
        lambda r: smscheck.check(r["text"], sender=r.get("sender"), received_at=r["received_at"]),
        rows,
        repeat,
    )
    bare, cold, uncached = cold_start(3 if args.quick else 7)
    mem = peak_memory()
    print("| measure | figure | goal |\n|---|---|---|")
    print(
        f"| parse throughput | {parse_rate:,.0f} msg/s (p50 {pp50:.3f} ms, p99 {pp99:.3f} ms) | ≥ 10,000 msg/s |"
    )
    print(f"| check throughput | {check_rate:,.0f} msg/s | ≥ 10,000 msg/s |")
    print(f"| check latency | p50 {cp50:.3f} ms, p99 {cp99:.3f} ms | p99 ≤ 1 ms |")
    print(
        f"| cold start (import + first check) | {1e3 * (cold - bare):.0f} ms beyond a bare interpreter ({1e3 * bare:.0f} ms); {1e3 * (uncached - bare):.0f} ms with no compiled-pack cache | ≤ 300 ms |"
    )
    print(f"| peak memory (import + check corpus) | {mem:.1f} MB max RSS | ≤ 80 MB |")
    print()
    print("| message length | check time | time per KB |\n|---|---|---|")
    for kb, secs in length_scaling(smscheck.check):
        print(f"| {kb:,} KB | {secs * 1e3:,.1f} ms | {secs * 1e3 / kb:.2f} ms |")
    print()
    print("| extra synthetic rules | µs per check |\n|---|---|")
    for i, (n, us) in enumerate(rule_scaling(rows, max(1, repeat // 2))):
        print(f"| {f'none (shipped packs: {n} rules)' if i == 0 else f'+{n:,}'} | {us:,.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
