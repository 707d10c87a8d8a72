"""``field: LIST, any: {...}`` read as combinations of values: the same answers as item by item."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from smscheck.matchers.fields import CompareTest, ExistsTest, FieldTest, ItemsTest

KINDS = ["threat", "fact", None]
NAMES = ["拘留", "逮捕", "坐牢", "上门", None]


def _ctx() -> Any:
    return SimpleNamespace(found={})


def _one_by_one(t: ItemsTest, items: tuple[Any, ...]) -> bool:
    each = (t._item_ok(v, _ctx(), "legal") for v in items)
    return any(each) if t.mode == "any" else all(each)


def _items_test(tests: list[tuple[str, tuple[FieldTest, ...]]], mode: str = "any") -> ItemsTest:
    return ItemsTest(mode, tests)


ITEM = st.builds(
    lambda k, n, o: SimpleNamespace(kind=k, name=n, org=SimpleNamespace(kind=o) if o else None),
    st.sampled_from(KINDS),
    st.sampled_from(NAMES),
    st.sampled_from(["bank", "court", None]),
)

TESTS = [
    [
        ("kind", (CompareTest("equals", "threat"),)),
        ("name", (CompareTest("in", frozenset({"拘留", "逮捕"})),)),
    ],
    [("name", (CompareTest("in", frozenset({"拘留", "坐牢"})), CompareTest("equals", "坐牢")))],
    [("org.kind", (CompareTest("equals", "court"),)), ("kind", (CompareTest("equals", "fact"),))],
    [("name", (CompareTest("in", frozenset({"逮捕"})),))],
]

# items, which of TESTS, mode: what both agreement tests draw
DRAWN = (
    st.lists(ITEM, min_size=1, max_size=6),
    st.sampled_from(range(len(TESTS))),
    st.sampled_from(["any", "all"]),
)


@given(*DRAWN)
def test_items_comparisons_agree_with_item_by_item(items: list[Any], which: int, mode: str) -> None:
    t = _items_test(TESTS[which], mode)
    assert t._combos is not None  # read as combinations
    got = tuple(items)
    assert t.ok(got, _ctx(), "legal") == _one_by_one(t, got)


def test_items_combinations_are_shared_per_message_and_paths() -> None:
    a = _items_test(TESTS[0])
    b = _items_test(
        [
            ("kind", (CompareTest("equals", "fact"),)),
            ("name", (CompareTest("in", frozenset({"上门"})),)),
        ]
    )
    items = (SimpleNamespace(kind="fact", name="上门", org=None),)
    ctx = _ctx()
    assert not a.ok(items, ctx, "legal")
    assert b.ok(items, ctx, "legal")
    assert len(ctx.found) == 1  # one set of (kind, name) values for both


def test_items_with_unhashable_values_are_tested_one_by_one() -> None:
    t = _items_test([("name", (CompareTest("in", frozenset({"拘留"})),))])
    items = (SimpleNamespace(name=["拘留"]), SimpleNamespace(name="拘留"))
    assert t.ok(items, _ctx(), "legal")
    assert not t.ok(items[:1], _ctx(), "legal")


def test_items_not_read_as_combinations() -> None:
    # other operators, or a comparison that a missing value could pass, stay item by item
    assert _items_test([("name", (ExistsTest(True),))])._combos is None
    assert _items_test([("name", (CompareTest("ge", 3),))])._combos is None
    assert _items_test([("name", (CompareTest("in", frozenset({"a", None})),))])._combos is None


@given(*DRAWN)
def test_items_evidence_agrees_with_item_by_item(items: list[Any], which: int, mode: str) -> None:
    t = _items_test(TESTS[which], mode)
    slow = _items_test(TESTS[which], mode)
    slow._combos = None
    got = tuple(items)
    assert t.run(got, _ctx(), "legal") == slow.run(got, _ctx(), "legal")


def test_empty_list_fails_both_modes() -> None:
    """`all` over an empty list is false (docs/rules.md), though the set test alone would say
    an empty set of values is within any set of combinations; `any` is false too."""
    for tests in TESTS:
        for mode in ("any", "all"):
            t = _items_test(tests, mode)
            assert t.ok((), _ctx(), "legal") is False
            assert t.run((), _ctx(), "legal")[0] is False
