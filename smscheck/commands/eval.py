"""``smscheck eval CORPUS.jsonl``: precision, recall, confusion matrix, per-rule counts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

LABELS = ("legitimate", "suspicious", "forged")


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "eval",
        help="measure the checker on a labelled JSONL corpus",
        description=(
            "Check every line of CORPUS (JSONL with text, label, optional sender and received_at) "
            "and report, per true label, how many were flagged (not legitimate); precision and "
            "recall where labels are legitimate/suspicious/forged; the confusion matrix; which "
            "rules fired on which true labels; and the worst misses."
        ),
    )
    p.add_argument("corpus", metavar="CORPUS.jsonl")
    p.add_argument("--label-field", default="label", help="field holding the true label")
    p.add_argument(
        "--map",
        metavar="A=B,...",
        help="map corpus labels to verdict labels, e.g. spam=forged,ham=legitimate",
    )
    p.add_argument("--only", metavar="LABEL", action="append", help="keep only these true labels")
    p.add_argument("--text-regex", metavar="RE", help="keep only texts matching this regex")
    p.add_argument("--rules", action="append", metavar="PATH", help="extra rule pack or file")
    p.add_argument("--worst", type=int, default=10, help="how many misses to show (default 10)")
    p.add_argument("--format", choices=["text", "json"], default="text")


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}%"


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    import regex

    from ..checker import Checker, default_checker
    from ..errors import RuleSetError
    from ..evaluate import evaluate, parse_label_map, read_corpus
    from ..ruleset import RuleSet

    try:
        label_map = parse_label_map(args.map)
    except ValueError as exc:
        print(f"smscheck eval: {exc}", file=sys.stderr)
        return 2
    try:
        pattern = regex.compile(args.text_regex) if args.text_regex else None
    except regex.error as exc:
        print(f"smscheck eval: --text-regex does not compile: {exc}", file=sys.stderr)
        return 2
    try:
        checker = Checker(rules=RuleSet.load(args.rules)) if args.rules else default_checker()
    except RuleSetError as exc:
        print(f"smscheck eval: the rules have problems:\n{exc}", file=sys.stderr)
        return 1
    only = set(args.only or ())

    def records() -> Any:
        for line, rec in read_corpus(args.corpus):
            if only and str(rec.get(args.label_field)) not in only:
                continue
            text = rec.get("text")
            if pattern is not None and not (isinstance(text, str) and pattern.search(text)):
                continue
            yield line, rec

    try:
        report = evaluate(
            records(), checker=checker, label_field=args.label_field, label_map=label_map
        )
    except FileNotFoundError:
        print(f"smscheck eval: corpus {args.corpus!r} does not exist", file=sys.stderr)
        return 1
    except (ValueError, TypeError) as exc:
        print(f"smscheck eval: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(report.to_dict(args.worst), ensure_ascii=False, indent=2))
        return 0
    out = [f"{report.total} messages ({report.skipped} skipped: no text or no label)", ""]
    out.append(
        f"{'true label':<40} {'n':>6} {'flagged':>8}  " + " ".join(f"{x:>10}" for x in LABELS)
    )
    for truth in sorted(report.confusion):
        row = report.confusion[truth]
        n = sum(row.values())
        cells = " ".join(f"{row[x]:>10}" for x in LABELS)
        out.append(f"{truth:<40} {n:>6} {_pct(report.flagged_rate(truth)):>8}  {cells}")
    present = [lab for lab in LABELS if lab in report.confusion]
    if present:
        out += ["", "label        precision  recall"]
        for lab in present:
            p, r = report.precision_recall(lab)
            out.append(f"{lab:<12} {_pct(p):>9} {_pct(r):>7}")
        b = report.binary()
        out.append(
            f"flagged      {_pct(b['precision']):>9} {_pct(b['recall']):>7}   "
            f"false-positive rate {_pct(b['false_positive_rate'])}"
        )
    out += ["", "rule hits by true label:"]
    for rule, counts in sorted(report.rule_hits.items(), key=lambda kv: -sum(kv[1].values())):
        parts = ", ".join(f"{k} {v}" for k, v in counts.most_common())
        out.append(f"  {rule:<44} {sum(counts.values()):>6}  ({parts})")
    for title, rows in (
        ("worst misses", report.missed),
        ("worst false alarms", report.false_alarms),
    ):
        if rows:
            out += ["", f"{title}:"]
            for m in rows[: args.worst]:
                text = m.text if len(m.text) <= 120 else m.text[:117] + "..."
                out.append(
                    f"  line {m.line}: {m.truth} → {m.predicted} ({m.score:g}) {list(m.hits)}"
                )
                out.append(f"    {text}")
    print("\n".join(out))
    return 0
