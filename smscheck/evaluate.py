"""Measure a checker on a labelled corpus: flagged rates, precision, recall, per-rule counts."""

from __future__ import annotations

import collections
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .checker import Checker

LABELS = ("legitimate", "suspicious", "forged")


@dataclass
class Miss:
    """A message the checker got wrong, with what it saw."""

    line: int
    truth: str
    predicted: str
    score: float
    hits: tuple[str, ...]
    text: str


@dataclass
class Report:
    """The result of :func:`evaluate`."""

    total: int = 0
    skipped: int = 0
    confusion: dict[str, collections.Counter[str]] = field(default_factory=dict)
    rule_hits: dict[str, collections.Counter[str]] = field(default_factory=dict)
    missed: list[Miss] = field(default_factory=list)  # flagged truth, predicted legitimate
    false_alarms: list[Miss] = field(default_factory=list)  # legitimate truth, predicted flagged

    def flagged_rate(self, truth: str) -> float:
        """Share of messages with this true label that were not labelled legitimate."""
        row = self.confusion.get(truth, collections.Counter())
        n = sum(row.values())
        return (n - row["legitimate"]) / n if n else 0.0

    def precision_recall(self, label: str) -> tuple[float | None, float | None]:
        """Precision and recall of ``label`` over rows whose truth is one of the three labels."""
        tp = self.confusion.get(label, collections.Counter())[label]
        predicted = sum(row[label] for t, row in self.confusion.items() if t in LABELS)
        actual = sum(self.confusion.get(label, collections.Counter()).values())
        return (tp / predicted if predicted else None, tp / actual if actual else None)

    def binary(self) -> dict[str, float | None]:
        """Flagged (not legitimate) against truth in {suspicious, forged}, over the three labels."""
        tp = fp = fn = tn = 0
        for truth, row in self.confusion.items():
            if truth not in LABELS:
                continue
            flagged = sum(v for k, v in row.items() if k != "legitimate")
            if truth == "legitimate":
                fp += flagged
                tn += row["legitimate"]
            else:
                tp += flagged
                fn += row["legitimate"]
        return {
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "false_positive_rate": fp / (fp + tn) if fp + tn else None,
        }

    def to_dict(self, worst: int = 10) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "total": self.total,
            "skipped": self.skipped,
            "flagged_rate": {t: self.flagged_rate(t) for t in sorted(self.confusion)},
            "confusion": {t: dict(row) for t, row in sorted(self.confusion.items())},
            "precision_recall": {
                lab: dict(zip(("precision", "recall"), self.precision_recall(lab), strict=True))
                for lab in LABELS
                if lab in self.confusion
            },
            "binary": self.binary(),
            "rule_hits": {r: dict(c) for r, c in sorted(self.rule_hits.items())},
            "worst_misses": [m.__dict__ for m in self.missed[:worst]],
            "worst_false_alarms": [m.__dict__ for m in self.false_alarms[:worst]],
        }


def parse_label_map(spec: str | None) -> dict[str, str]:
    """Read ``scam=forged,ham=legitimate`` into a dict.

    >>> parse_label_map("spam=forged, ham=legitimate")
    {'spam': 'forged', 'ham': 'legitimate'}
    """
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise ValueError(
                f"--map entry {part.strip()!r} needs the form corpus_label=verdict_label"
            )
        k, v = (x.strip() for x in part.split("=", 1))
        if v not in LABELS:
            raise ValueError(f"--map {k}={v}: {v!r} is not one of {', '.join(LABELS)}")
        out[k] = v
    return out


def read_corpus(path: str | Path) -> Iterable[tuple[int, dict[str, Any]]]:
    """Yield ``(line, record)`` from a JSONL corpus; raise ValueError naming a bad line."""
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise ValueError(f"{path}:{n}: expected a JSON object")
            yield n, rec


def evaluate(
    records: Iterable[tuple[int, Mapping[str, Any]]],
    *,
    checker: Checker | None = None,
    label_field: str = "label",
    label_map: Mapping[str, str] | None = None,
    keep: int = 50,
) -> Report:
    """Check every record and compare the verdict with its (mapped) label.

    >>> r = evaluate([(1, {"text": "我是法院，速转保证金到个人账户13812345678", "label": "scam"})],
    ...              label_map={"scam": "forged"})
    >>> r.flagged_rate("forged")
    1.0
    """
    from .batch import item_args
    from .checker import default_checker

    chk = checker if checker is not None else default_checker()
    mapping = dict(label_map or {})
    report = Report()
    for line, rec in records:
        truth_raw = rec.get(label_field)
        if not isinstance(rec.get("text"), str) or truth_raw is None:
            report.skipped += 1
            continue
        truth = mapping.get(str(truth_raw), str(truth_raw))
        text, kwargs = item_args(rec, line)
        verdict = chk.check(text, **kwargs)
        predicted = verdict.label.value
        report.total += 1
        report.confusion.setdefault(truth, collections.Counter())[predicted] += 1
        for hit in verdict.hits:
            report.rule_hits.setdefault(hit.rule_id, collections.Counter())[truth] += 1
        miss = Miss(
            line, truth, predicted, verdict.score, tuple(h.rule_id for h in verdict.hits), text
        )
        if truth in ("forged", "suspicious") and predicted == "legitimate":
            report.missed.append(miss)
        elif truth == "legitimate" and predicted != "legitimate":
            report.false_alarms.append(miss)
    report.missed.sort(key=lambda m: m.score)
    report.false_alarms.sort(key=lambda m: -m.score)
    del report.missed[keep:], report.false_alarms[keep:]
    return report
