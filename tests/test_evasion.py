"""Evasion suite: cosmetic tricks must not talk the checker out of a verdict, or into one.

For every forged or suspicious case in tests/cases/zh-CN.yaml, each trick in tests/evasion.py
makes a variant; at least 95 % of the variants of each trick must still be flagged (label not
legitimate). The same tricks on legitimate cases must never produce ``forged``.
bench/evasion_report.py prints the rates per trick.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml
from evasion import TRICKS

import smscheck

CASES = yaml.safe_load(
    (Path(__file__).parent / "cases" / "zh-CN.yaml").read_text(encoding="utf-8")
)["cases"]
CHECKER = smscheck.Checker()


def _label(case: dict[str, object], text: str) -> str:
    when = datetime.fromisoformat(str(case["received_at"]))
    sender = case.get("sender")
    return CHECKER.check(
        text, sender=sender if isinstance(sender, str) else None, received_at=when
    ).label.value


def _variants(want: set[str]) -> list[tuple[dict[str, object], str]]:
    out = []
    for case in CASES:
        if case.get("xfail") or case["expect"]["label"] not in want:  # type: ignore[index]
            continue
        # Only cases the checker gets right to begin with measure the trick, not the rules.
        if _label(case, str(case["text"])) not in want:
            continue
        out.append((case, str(case["text"])))
    return out


FLAGGED = _variants({"forged", "suspicious"})
LEGIT = _variants({"legitimate"})


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_evasion_trick_keeps_flagged_label(trick: str) -> None:
    fn = TRICKS[trick]
    tried = kept = 0
    lost: list[str] = []
    for case, text in FLAGGED:
        variant = fn(text)
        if variant == text:
            continue
        tried += 1
        if _label(case, variant) != "legitimate":
            kept += 1
        else:
            lost.append(str(case["name"]))
    if tried == 0:
        pytest.skip(f"{trick} changes none of the flagged cases")
    assert kept / tried >= 0.95, f"{trick}: {kept}/{tried} kept; lost: {lost[:10]}"


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_evasion_trick_does_not_make_legitimate_forged(trick: str) -> None:
    fn = TRICKS[trick]
    forged = [
        str(case["name"])
        for case, text in LEGIT
        if fn(text) != text and _label(case, fn(text)) == "forged"
    ]
    assert not forged, f"{trick} turned legitimate cases into forged: {forged}"
