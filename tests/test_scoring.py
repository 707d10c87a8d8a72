"""Scoring: caps, thresholds, exact sums (pure functions, no YAML)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smscheck.models import Hit, Label, Localized
from smscheck.scoring import apply_caps, label_for, score

R = Localized(zh="理由", en="reason")


def hit(rid: str, weight: float, category: str = "threats") -> Hit:
    return Hit(rule_id=rid, category=category, weight=weight, reason=R)


def test_scoring_cap_fills_strongest_first() -> None:
    hits = [hit("a", 1), hit("b", 3), hit("c", 2)]
    got = [(h.rule_id, h.weight, h.full_weight) for h in apply_caps(hits, {"threats": 4})]
    assert got == [("b", 3.0, None), ("c", 1.0, 2.0), ("a", 0.0, 1.0)]


def test_scoring_cap_applies_per_category_and_sign() -> None:
    hits = [
        hit("t1", 3),
        hit("t2", 3),
        hit("l1", -4, "legitimacy"),
        hit("l2", -4, "legitimacy"),
        hit("f", 5, "upfront_fee"),
    ]
    s = score(hits, caps={"threats": 4, "legitimacy": 5}, thresholds=(3, 6))
    assert {h.rule_id: h.weight for h in s.hits} == {"t1": 3, "t2": 1, "l1": -4, "l2": -1, "f": 5}
    assert s.score == 4.0
    assert s.label is Label.SUSPICIOUS


def test_scoring_uncapped_category_counts_fully() -> None:
    s = score(
        [hit("a", 5, "upfront_fee"), hit("b", 4, "upfront_fee")],
        caps={"threats": 1},
        thresholds=(3, 6),
    )
    assert s.score == 9
    assert s.label is Label.FORGED


@pytest.mark.parametrize(
    ("total", "label"),
    [(-2, Label.LEGITIMATE), (0, Label.LEGITIMATE), (2.99, Label.LEGITIMATE), (3, Label.SUSPICIOUS),
     (5.99, Label.SUSPICIOUS), (6, Label.FORGED), (40, Label.FORGED)],
)  # fmt: skip
def test_scoring_thresholds_are_inclusive(total: float, label: Label) -> None:
    assert label_for(total, (3, 6)) is label


def test_scoring_float_sum_at_threshold() -> None:
    s = score([hit("a", 1.1, "x"), hit("b", 1.9, "y")], caps={}, thresholds=(3, 6))
    assert s.label is Label.SUSPICIOUS


def test_scoring_order_strongest_first_legitimacy_last() -> None:
    s = score(
        [hit("l", -2, "legitimacy"), hit("a", 1), hit("b", 4, "upfront_fee")],
        caps={},
        thresholds=(3, 6),
    )
    assert [h.rule_id for h in s.hits] == ["b", "a", "l"]


weights = st.lists(
    st.tuples(
        st.sampled_from(["threats", "legitimacy", "upfront_fee"]),
        st.floats(-10, 10, allow_nan=False).map(lambda w: round(w, 2)),
    ),
    max_size=12,
)


@given(weights, st.floats(0.5, 8).map(lambda c: round(c, 2)))
def test_scoring_score_is_exact_sum_and_caps_hold(ws: list[tuple[str, float]], cap: float) -> None:
    hits = [hit(f"r{i}", w, c) for i, (c, w) in enumerate(ws)]
    s = score(hits, caps={"threats": cap, "legitimacy": cap}, thresholds=(3, 6))
    assert s.score == sum(h.weight for h in s.hits)
    assert sorted(h.rule_id for h in s.hits) == sorted(h.rule_id for h in hits)
    for cat in ("threats", "legitimacy"):
        pos = sum(h.weight for h in s.hits if h.category == cat and h.weight > 0)
        neg = sum(h.weight for h in s.hits if h.category == cat and h.weight < 0)
        assert pos <= cap + 1e-9
        assert -neg <= cap + 1e-9


def test_scoring_capped_hit_is_what_model_copy_makes() -> None:
    """apply_caps builds a capped hit without pydantic's copy: the same fields, in the same
    order, the same set of fields given, equal and dumped alike."""
    from smscheck.models import Evidence, Span
    from smscheck.scoring import _capped

    ev = (Evidence(leaf="text.keywords", text="解冻费", span=Span(start=0, end=3)),)
    for h in (
        hit("a", 3.0),
        Hit(rule_id="b", category="threats", weight=2, reason=R, evidence=ev, status="stable"),
    ):
        want = h.model_copy(update={"weight": 1.0, "full_weight": h.weight})
        got = _capped(h, 1.0)
        assert got == want
        assert list(got.__dict__.items()) == list(want.__dict__.items())
        assert got.model_fields_set == want.model_fields_set
        assert got.model_dump_json() == want.model_dump_json()
