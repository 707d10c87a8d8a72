"""Load times of hostile rule files (issue 13). Not a test: figures are printed, not asserted.

    python bench/hostile_rules.py

Each file is written to a temporary folder and loaded alone (``RuleSet.load``, no shipped
packs, no examples); the time and the outcome (loaded, or the first error) are printed. Load
time must grow linearly with the file, or the file must be refused with a limit named.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from smscheck import RuleSet, RuleSetError  # noqa: E402

HEAD = "rules:\n"


def rule(rid: str, when: str) -> str:
    return (f"  - id: {rid}\n    category: threats\n    weight: 1\n"
            f"    description: {{zh: {rid}, en: {rid}}}\n    when: {when}\n")  # fmt: skip


def keywords(n: int) -> str:
    return HEAD + rule(
        "many", "{text: {keywords: [" + ", ".join(f"ab{i}" for i in range(n)) + "]}}"
    )


def alternation(n_bytes: int) -> str:
    words: list[str] = []
    size = 0
    while size < n_bytes:
        words.append(f"w{len(words):06d}")
        size += 8
    return HEAD + rule("alt", "{text: {regex: '(?:" + "|".join(words) + ")'}}")


def heavy(n: int) -> str:
    slow = "[^。]{0,20}(?:xa|yb)[^。]{0,20}(?:xa|yb)[^。]{0,20}"
    return HEAD + "".join(rule(f"slow-{i}", f"{{text: {{regex: '{slow}z{i}'}}}}") for i in range(n))


CASES = [
    ("15,000 keywords sharing 'ab'", keywords(15_000)),
    ("50,000 keywords sharing 'ab'", keywords(50_000)),
    ("150,000 keywords sharing 'ab'", keywords(150_000)),
    ("160 KB alternation", alternation(160_000)),
    ("1.6 MB alternation", alternation(1_600_000)),
    ("a{2147483648}", HEAD + rule("huge", "{text: {regex: 'a{2147483648}'}}")),
    ("(?:a{65535}){65535}", HEAD + rule("huge", "{text: {regex: '(?:a{65535}){65535}'}}")),
    ("200 heavy regex rules", heavy(200)),
    ("NUL byte", HEAD + rule("nul", "{text: {keywords: [a\x00b]}}")),
    ("unclosed [ at the end", HEAD + "  - id: open\n    tags: [a, b\n"),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in CASES:
            path = Path(tmp) / "r.yaml"
            path.write_text(text, encoding="utf-8")
            t0 = time.perf_counter()
            try:
                RuleSet.load(str(path), include_default=False, check_examples=False)
                outcome = "loaded"
            except RuleSetError as exc:
                outcome = "refused: " + str(exc.errors[0]).replace(str(path), "r.yaml")[:150]
            dt = time.perf_counter() - t0
            print(f"{name:32} {path.stat().st_size:>11,} bytes {dt:7.2f} s  {outcome}")
        if hasattr(os, "mkfifo"):
            folder = Path(tmp) / "pipe"
            folder.mkdir()
            os.mkfifo(folder / "x.yaml")
            result: list[str] = []

            def load() -> None:
                try:
                    RuleSet.load(str(folder), include_default=False)
                    result.append("loaded")
                except RuleSetError as exc:
                    result.append("refused: " + str(exc.errors[0]).replace(str(folder), "pipe"))

            t0 = time.perf_counter()
            th = threading.Thread(target=load, daemon=True)
            th.start()
            th.join(30)
            dt = time.perf_counter() - t0
            print(f"{'named pipe x.yaml':32} {'':>17} {dt:7.2f} s  "
                  f"{result[0] if result else 'STILL BLOCKED after 30 s'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
