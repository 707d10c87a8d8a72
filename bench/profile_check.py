"""Where does the time of ``check`` go? Per-stage and per-rule CPU cost on the benchmark corpus.

    python bench/profile_check.py              # 3 passes over bench/corpus.jsonl
    python bench/profile_check.py --repeat 10 --top 30

Not a test. Times are CPU time of this thread (``time.thread_time_ns``), so other processes on
a busy machine inflate them less than wall-clock time would; the clock is read around every
stage and every rule, which adds a little to each figure (the "check" line, timed in one
piece, is the honest total).

Stages, in the order ``Checker.check`` runs them:
  parse      parse_with_text (normalise + extractors)
  context    the per-message EvalContext and the term scan (every literal of the pack, one pass)
  mentions   the registry's organisations named in the message
  candidates the rules one of whose trigger terms occurs (or that have no trigger)
  decide     each candidate rule's condition, decided without evidence (first pass)
  hits       absorption, evidence of the rules shown (second pass), reasons, Hit models
  verdict    scoring, caps, advice and the Verdict model

Per rule: CPU per message (over all messages), per decision, how often it was a candidate
and how often it fired. A condition shared by several rules (a YAML alias) is decided once
per message and charged to the first rule that needs it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from smscheck import matchers as m  # noqa: E402
from smscheck.checker import Checker  # noqa: E402
from smscheck.models import Verdict  # noqa: E402
from smscheck.parser import parse_with_text  # noqa: E402
from smscheck.ruleset import DEFAULT_THRESHOLDS, Evaluation, RuleSet  # noqa: E402
from smscheck.scoring import score  # noqa: E402

CST = timezone(timedelta(hours=8))
clock = time.thread_time_ns


def load(path: Path) -> list[tuple[str, str | None, datetime]]:
    """(text, sender, received_at) of every corpus line."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            when = rec.get("received_at")
            at = (
                datetime.fromisoformat(when)
                if isinstance(when, str)
                else datetime(2024, 12, 13, 20, 46, tzinfo=CST)
            )
            rows.append((rec["text"], rec.get("sender"), at))
    return rows


def staged(rs: RuleSet, row: tuple[str, str | None, datetime], st: Counter[str],
           per_rule: Counter[str], seen: Counter[str], fired: Counter[str]) -> Verdict:  # fmt: skip
    """One check, stage by stage, mirroring Checker.check and RuleSet.evaluate_detailed."""
    text, sender, at = row
    t0 = clock()
    msg, nt = parse_with_text(text, sender=sender, received_at=at)
    t1 = clock()
    st["parse"] += t1 - t0
    pack = rs._packs.get(msg.locale)
    if pack is None:
        ev = Evaluation((), (f"no rule pack for locale {msg.locale}",), msg.locale,
                        DEFAULT_THRESHOLDS, {}, ())  # fmt: skip
    else:
        ctx = m.EvalContext(msg, nt, pack.index, rs._registry, pack.nodes)
        occ = ctx.occurrences
        t2 = clock()
        st["context"] += t2 - t1
        ctx.mentions  # noqa: B018 - computed here so the registry's cost shows on its own
        t3 = clock()
        st["mentions"] += t3 - t2
        cands = pack.candidates(occ, msg)
        t4 = clock()
        st["candidates"] += t4 - t3
        active = []
        states = ctx.rule_states
        for rule in cands:
            a = clock()
            state = states[rule.id] = rule.when.test(ctx)
            per_rule[rule.id] += clock() - a
            seen[rule.id] += 1
            if state and rule.active:
                active.append(rule)
                fired[rule.id] += 1
        t5 = clock()
        st["decide"] += t5 - t4
        t6 = clock()
        hits = rs._hits(active, ctx)
        ev = Evaluation(hits, tuple(dict.fromkeys(ctx.warnings)), msg.locale,
                        pack.settings.thresholds, pack.settings.caps, rs._orgs(hits, ctx))  # fmt: skip
        t7 = clock()
        st["hits"] += t7 - t6  # with the evidence of the rules shown (built lazily)
        t1 = t7
    scored = score(ev.hits, caps=ev.caps, thresholds=ev.thresholds)
    advice, advice_en = rs.advice(ev, scored.label.value)
    v = Verdict(label=scored.label, score=scored.score, hits=scored.hits, parsed=msg,
                advice=advice, advice_en=advice_en, warnings=ev.warnings,
                thresholds=ev.thresholds)  # fmt: skip
    st["verdict"] += clock() - t1
    return v


def main(argv: list[str] | None = None) -> int:
    """Print the stage table, the top rules and the end-to-end figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "corpus.jsonl")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the corpus")
    ap.add_argument("--top", type=int, default=20, help="rules to list")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {0})
    rows = load(args.corpus)
    checker = Checker()
    rs = checker.rules
    for row in rows[:50]:  # warm-up: lazy imports, caches
        checker.check(row[0], sender=row[1], received_at=row[2])

    st: Counter[str] = Counter()
    per_rule: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    for _ in range(args.repeat):
        for row in rows:
            v = staged(rs, row, st, per_rule, seen, fired)
            want = checker.check(row[0], sender=row[1], received_at=row[2])
            if v != want:  # the staged copy must stay what Checker.check does
                raise SystemExit(f"staged verdict differs from Checker.check for {row[0]!r}")
    n = len(rows) * args.repeat

    lat: list[int] = []
    for _ in range(args.repeat):
        for text, sender, at in rows:
            a = clock()
            checker.check(text, sender=sender, received_at=at)
            lat.append(clock() - a)
    lat.sort()
    total = sum(lat)

    print(f"corpus: {args.corpus.name}, {len(rows)} messages x {args.repeat} passes; "
          f"{len(rs)} rules; CPU time of this thread\n")  # fmt: skip
    print(f"{'stage':<12}{'µs/msg':>9}{'share':>8}")
    staged_total = sum(st.values())
    for name in ("parse", "context", "mentions", "candidates", "decide", "hits", "verdict"):
        print(f"{name:<12}{st[name] / n / 1e3:9.1f}{st[name] / staged_total:8.0%}")
    print(f"{'(sum)':<12}{staged_total / n / 1e3:9.1f}")
    print(f"\ncheck, timed in one piece: {total / n / 1e3:.1f} µs/msg = "
          f"{n / (total / 1e9):,.0f} messages/s; p50 {lat[n // 2] / 1e3:.0f} µs, "
          f"p99 {lat[min(n - 1, int(0.99 * n))] / 1e3:.0f} µs, max {lat[-1] / 1e3:.0f} µs")  # fmt: skip
    cand = sum(seen.values()) / n
    print(f"candidate rules per message: {cand:.1f}; fired per message: "
          f"{sum(fired.values()) / n:.1f}\n")  # fmt: skip
    print(f"top {args.top} rules by decision cost")
    print(f"{'rule':<48}{'µs/msg':>8}{'µs/call':>9}{'cand.':>7}{'fired':>7}")
    for rid, c in per_rule.most_common(args.top):
        print(f"{rid:<48}{c / n / 1e3:8.2f}{c / seen[rid] / 1e3:9.1f}"
              f"{seen[rid] / args.repeat:7.0f}{fired[rid] / args.repeat:7.0f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
