"""Check a JSONL corpus with a Dask bag: one machine's cores now, a cluster with the same code.

    pip install "smscheck[dask]"
    python examples/dask_bag.py messages.jsonl verdicts.jsonl

Why Dask bag: it is plain pip (no JVM, unlike PySpark), reads partitions of JSONL from local
disk, S3 or HDFS, and runs the same graph on the local process scheduler or on a
``dask.distributed`` cluster. ``map_partitions`` hands a whole partition to one call, so each
worker builds its Checker once (the default Checker is created lazily per process and cached),
never per message.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any


def check_partition(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check one partition; the per-process default Checker is built once and reused."""
    from smscheck.batch import check_many

    records = list(records)
    verdicts = check_many(records, workers=1)  # Dask already runs partitions in parallel
    return [
        {
            "id": rec.get("id"),
            "label": v.label.value,
            "score": v.score,
            "hits": [h.rule_id for h in v.hits],
        }
        for rec, v in zip(records, verdicts, strict=True)
    ]


def run(src: str, dst: str, scheduler: str = "processes", partitions: int = 4) -> dict[str, int]:
    """Check every line of ``src`` into ``dst`` (JSONL) and return the counts per label."""
    import dask.bag as db

    bag = db.read_text(src).filter(str.strip).map(json.loads).repartition(partitions)
    results = bag.map_partitions(check_partition).compute(scheduler=scheduler)
    counts: dict[str, int] = {}
    with open(dst, "w", encoding="utf-8") as out:
        for rec in results:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts[rec["label"]] = counts.get(rec["label"], 0) + 1
    return counts


if __name__ == "__main__":
    print(run(sys.argv[1], sys.argv[2]))
