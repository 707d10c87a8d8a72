"""Models built without validation (``models.trusted``, used on hot paths) are exactly the
objects validation builds: same ``__dict__`` (order included), same set of given fields."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from _cases import load_cases
from _models_helpers import assert_as_validated
from pydantic import BaseModel

import smscheck
from smscheck.models import Evidence, Span, trusted

AT = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))
CASES = [c for name in ("zh-CN.yaml", "en-US.yaml") for c in load_cases(name)]


def _models(obj: Any) -> list[BaseModel]:
    found: list[BaseModel] = []
    if isinstance(obj, BaseModel):
        found.append(obj)
        for name in type(obj).model_fields:
            found.extend(_models(getattr(obj, name)))
    elif isinstance(obj, tuple):
        for item in obj:
            found.extend(_models(item))
    return found


def test_models_trusted_equals_validated() -> None:
    span = trusted(Span, {"start": 1, "end": 3}, {"start", "end"})
    assert span == Span(start=1, end=3)
    fields = {"leaf": "text.keywords", "text": "律师", "span": span, "field": None,
              "value": None, "pattern": "律师", "org_id": None}  # fmt: skip
    ev = trusted(Evidence, fields, {"leaf", "text", "span", "pattern"})
    assert_as_validated(ev)
    assert ev.model_dump_json() == Evidence(leaf="text.keywords", text="律师", span=span,
                                            pattern="律师").model_dump_json()  # fmt: skip
    with pytest.raises(Exception, match="frozen"):
        ev.leaf = "x"  # type: ignore[misc]


@pytest.mark.parametrize("case", CASES, ids=[str(c["name"]) for c in CASES])
def test_models_every_model_of_a_verdict_is_as_validated(case: dict[str, Any]) -> None:
    v = smscheck.check(case["text"], sender=case.get("sender"), received_at=AT)
    for item in _models(v):
        assert_as_validated(item)
