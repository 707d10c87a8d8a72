"""Benchmark: ``smscheck.parse`` per extractor and as a whole on ``bench/corpus.jsonl``, one core.

Usage: ``python bench/bench_parse.py [--rounds 5] [--reps 3]``.

Figures are CPU time (``time.process_time``), best of ``--rounds`` runs of ``--reps`` passes over
the corpus each, so a busy shared machine inflates them less than wall time would. Printed:

- per extractor, µs per message (normalise, then each ``extract_*`` in ``parse()``'s order on a
  fresh ``Context``);
- the whole ``parse`` (argument checks, locale, sender, model building included): µs per
  message and messages per second. Goal: ≥ 10,000/s (≤ 100 µs), ideally ≤ 60 µs.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from smscheck import parse
from smscheck._text import clean_input, normalize
from smscheck.parser import resolve_locale
from smscheck.parser._context import SHANGHAI, Context
from smscheck.parser.amounts import extract_amounts
from smscheck.parser.contacts import extract_handles, extract_phone_numbers
from smscheck.parser.dates import extract_dates, pick_deadline
from smscheck.parser.debt import (
    classify_topics,
    extract_overdue_days,
    extract_products,
    extract_tails,
    find_creditor,
)
from smscheck.parser.legal import extract_case_numbers, extract_legal, extract_organisations
from smscheck.parser.links import extract_links
from smscheck.parser.payments import extract_payments
from smscheck.parser.sender import classify_sender
from smscheck.parser.signatures import extract_signatures

CORPUS = Path(__file__).resolve().parent / "corpus.jsonl"

_STEPS: tuple[tuple[str, Callable[[Context], Any]], ...] = (
    ("links", extract_links),
    ("case_numbers", extract_case_numbers),
    ("handles", extract_handles),
    ("phones", extract_phone_numbers),
    ("tails", extract_tails),
    ("payments", extract_payments),
    ("amounts", extract_amounts),
    ("dates", extract_dates),
    ("organisations", extract_organisations),
    ("signatures", extract_signatures),
    ("legal", extract_legal),
    ("overdue", extract_overdue_days),
    ("products", extract_products),
)


def load() -> list[tuple[str, str | None, datetime]]:
    """The corpus as (text, sender, received_at)."""
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        when = rec.get("received_at")
        at = datetime.fromisoformat(when) if when else datetime(2024, 12, 13, tzinfo=SHANGHAI)
        rows.append((rec["text"], rec.get("sender"), at))
    return rows


def per_extractor(
    rows: list[tuple[str, str | None, datetime]], rounds: int, reps: int
) -> dict[str, float]:
    """Best-of-rounds CPU µs per message for normalisation and each extractor."""
    names = ["normalise", *(n for n, _ in _STEPS), "sender", "creditor+topics"]
    best = dict.fromkeys(names, float("inf"))
    pc = time.process_time
    for _ in range(rounds):
        acc = dict.fromkeys(names, 0.0)
        for _ in range(reps):
            for text, sender, at in rows:
                loc = resolve_locale(text, None)
                t = pc()
                nt = normalize(clean_input(text))
                acc["normalise"] += pc() - t
                ctx = Context(nt=nt, locale=loc, received_at=at, tz=SHANGHAI)
                out: dict[str, Any] = {}
                for name, fn in _STEPS:
                    t = pc()
                    out[name] = fn(ctx)
                    acc[name] += pc() - t
                t = pc()
                classify_sender(sender)
                acc["sender"] += pc() - t
                fields = {
                    "signatures": out["signatures"],
                    "amounts": out["amounts"],
                    "dates": out["dates"],
                    "deadline": pick_deadline(out["dates"]),
                    "payment_instructions": out["payments"],
                    "links": out["links"],
                    "phone_numbers": out["phones"],
                    "handles": out["handles"],
                    "case_numbers": out["case_numbers"],
                    "organisations": out["organisations"],
                    "legal": out["legal"],
                    "tails": out["tails"],
                    "overdue_days": out["overdue"],
                    "products": out["products"],
                }
                t = pc()
                find_creditor(ctx, out["organisations"], out["signatures"], out["products"])
                classify_topics(ctx, fields)
                acc["creditor+topics"] += pc() - t
        n = len(rows) * reps
        for k in names:
            best[k] = min(best[k], acc[k] / n * 1e6)
    return best


def whole(rows: list[tuple[str, str | None, datetime]], rounds: int, reps: int) -> float:
    """Best-of-rounds CPU µs per message for the whole ``parse``."""
    best = float("inf")
    for _ in range(rounds):
        t = time.process_time()
        for _ in range(reps):
            for text, sender, at in rows:
                parse(text, sender=sender, received_at=at)
        best = min(best, (time.process_time() - t) / (len(rows) * reps) * 1e6)
    return best


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--rounds", type=int, default=5, help="runs; the best is kept")
    ap.add_argument("--reps", type=int, default=3, help="passes over the corpus per run")
    args = ap.parse_args(argv)
    rows = load()
    for text, sender, at in rows:  # warm up: lazy imports, caches
        parse(text, sender=sender, received_at=at)
    ext = per_extractor(rows, args.rounds, args.reps)
    total = whole(rows, args.rounds, args.reps)
    print(f"{len(rows)} messages, CPU time, best of {args.rounds} x {args.reps} passes")
    for name, us in ext.items():
        print(f"  {name:<16} {us:7.1f} µs")
    print(f"  {'sum of steps':<16} {sum(ext.values()):7.1f} µs")
    print(f"parse(): {total:.1f} µs/message = {1e6 / total:,.0f} messages/s (goal ≥ 10,000/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
