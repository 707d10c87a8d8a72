"""Shared by the message-case tables' tests (tests/cases/<locale>.yaml)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import smscheck

CASES_DIR = Path(__file__).resolve().parent / "cases"


def load_cases(name: str) -> list[dict[str, Any]]:
    """The ``cases`` list of ``tests/cases/<name>``."""
    data = yaml.safe_load((CASES_DIR / name).read_text(encoding="utf-8"))
    cases = data["cases"]
    assert isinstance(cases, list)
    return cases


def param(case: dict[str, Any]) -> Any:
    """A pytest param named after the case; ``xfail: reason`` makes it a strict xfail."""
    marks = []
    if case.get("xfail"):
        marks.append(pytest.mark.xfail(reason=str(case["xfail"]), strict=True))
    return pytest.param(case, id=str(case["name"]), marks=marks)


def verdict(case: dict[str, Any]) -> smscheck.Verdict:
    """Check a case with its sender and time."""
    return smscheck.check(
        case["text"],
        sender=case.get("sender"),
        received_at=datetime.fromisoformat(case["received_at"]),
    )


def shown(v: smscheck.Verdict) -> set[str]:
    """Rule ids that fired, absorbed ones included."""
    return {h.rule_id for h in v.hits} | {a for h in v.hits for a in h.absorbed}


def assert_case(case: dict[str, Any]) -> smscheck.Verdict:
    """The shipped pack gives the case its expected label and every hit it lists."""
    v = verdict(case)
    expect = case["expect"]
    got = ", ".join(f"{h.rule_id} {h.weight:+g}" for h in v.hits) or "no hits"
    assert v.label.value == expect["label"], (
        f"{case['name']}: expected {expect['label']}, got {v.label.value} "
        f"(score {v.score:g}: {got})"
    )
    missing = set(expect.get("hits", ())) - shown(v)
    assert not missing, f"{case['name']}: rules {sorted(missing)} did not fire ({got})"
    return v
