"""Record every verdict on a fixed set of messages, or compare against a recording.

    python bench/snapshot.py --write /tmp/before.jsonl     # before a speed change
    python bench/snapshot.py --compare /tmp/before.jsonl   # after it: lists every difference

A refactoring for speed must not change a single verdict. This records the whole verdict JSON
(label, score, hits with evidence and reasons, advice, warnings, and the parsed message) for
the benchmark corpus, the message-level test cases and, when ``../shared/datasets`` is present,
every message of the public data sets (read at run time, never copied anywhere). Not a test:
the recording is local and never committed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from smscheck.checker import Checker  # noqa: E402

CST = timezone(timedelta(hours=8))
WHEN = datetime(2024, 12, 13, 20, 46, tzinfo=CST)
DATASETS = ROOT.parent / "shared" / "datasets"


def messages(limit: int) -> Iterator[tuple[str, str, str | None, datetime]]:
    """(key, text, sender, received_at) of every message recorded."""
    for i, line in enumerate((HERE / "corpus.jsonl").read_text(encoding="utf-8").splitlines()):
        if line.strip():
            rec = json.loads(line)
            at = rec.get("received_at")
            yield (f"corpus:{i}", rec["text"], rec.get("sender"),
                   datetime.fromisoformat(at) if at else WHEN)  # fmt: skip
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data.get("cases", []) if isinstance(data, dict) else []):
            if isinstance(case, dict) and isinstance(case.get("text"), str):
                at = case.get("received_at")
                yield (f"{path.name}:{i}", case["text"], case.get("sender"),
                       datetime.fromisoformat(str(at)) if at else WHEN)  # fmt: skip
    for path in sorted(DATASETS.glob("*/*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                rec = json.loads(line)
                sender = (rec.get("meta") or {}).get("sender")
                yield (f"{path.name}:{i}", rec["text"],
                       sender if isinstance(sender, str) else None, WHEN)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Write or compare the recording."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="FILE")
    group.add_argument("--compare", type=Path, metavar="FILE")
    ap.add_argument("--limit", type=int, default=3000, help="messages per data set file")
    ap.add_argument("--show", type=int, default=5, help="differences to print in full")
    args = ap.parse_args(argv)
    checker = Checker()
    got = {}
    for key, text, sender, at in messages(args.limit):
        got[key] = checker.check(text, sender=sender, received_at=at).model_dump_json()
    if args.write:
        with args.write.open("w", encoding="utf-8") as fh:
            for key, dumped in got.items():
                fh.write(json.dumps({"key": key, "verdict": dumped}, ensure_ascii=False) + "\n")
        print(f"recorded {len(got)} verdicts in {args.write}")
        return 0
    want = {}
    for line in args.compare.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        want[rec["key"]] = rec["verdict"]
    diff = [k for k in want if got.get(k) != want[k]]
    missing = [k for k in got if k not in want]
    print(f"{len(want)} recorded, {len(diff)} differ, {len(missing)} new")
    for key in diff[: args.show]:
        a, b = json.loads(want[key]), json.loads(got[key]) if key in got else {}
        print(f"\n{key}:")
        for field in sorted(set(a) | set(b)):
            if a.get(field) != b.get(field):
                print(f"  {field}:\n    was {json.dumps(a.get(field), ensure_ascii=False)[:600]}"
                      f"\n    now {json.dumps(b.get(field), ensure_ascii=False)[:600]}")  # fmt: skip
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
