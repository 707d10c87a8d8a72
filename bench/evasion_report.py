"""Print the evasion suite's rates per trick (tests/test_evasion.py asserts them).

    python bench/evasion_report.py

For every forged or suspicious case in tests/cases/zh-CN.yaml that the checker flags, each
trick makes a variant; "kept" is the share of variants still flagged. For legitimate cases,
"→ forged" counts variants the trick turned into forged (must be 0).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from evasion import TRICKS  # noqa: E402

import smscheck  # noqa: E402


def main() -> int:
    cases = yaml.safe_load((ROOT / "tests" / "cases" / "zh-CN.yaml").read_text(encoding="utf-8"))[
        "cases"
    ]
    checker = smscheck.Checker()

    def label(case: dict[str, object], text: str) -> str:
        sender = case.get("sender")
        when = datetime.fromisoformat(str(case["received_at"]))
        return checker.check(
            text, sender=sender if isinstance(sender, str) else None, received_at=when
        ).label.value

    flagged = [
        c
        for c in cases
        if c["expect"]["label"] != "legitimate" and label(c, c["text"]) != "legitimate"
    ]
    legit = [
        c
        for c in cases
        if c["expect"]["label"] == "legitimate" and label(c, c["text"]) == "legitimate"
    ]
    print(f"{len(flagged)} flagged cases, {len(legit)} legitimate cases\n")
    print("| trick | variants | still flagged | rate | legitimate variants | → forged |")
    print("|---|---|---|---|---|---|")
    total = kept_all = 0
    for name, fn in TRICKS.items():
        tried = kept = 0
        for c in flagged:
            v = fn(c["text"])
            if v != c["text"]:
                tried += 1
                kept += label(c, v) != "legitimate"
        lt = lf = 0
        for c in legit:
            v = fn(c["text"])
            if v != c["text"]:
                lt += 1
                lf += label(c, v) == "forged"
        total += tried
        kept_all += kept
        rate = f"{100 * kept / tried:.1f} %" if tried else "n/a"
        print(f"| {name} | {tried} | {kept} | {rate} | {lt} | {lf} |")
    print(
        f"\nall tricks: {kept_all}/{total} = {100 * kept_all / max(total, 1):.1f} % still flagged"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
