"""Shape checks for the message tables: tests/cases/zh-CN.yaml and bench/corpus.jsonl.

These tests say nothing about what smscheck decides; they keep the data that the rule
pack, ``smscheck eval`` and the benchmark are measured on well-formed, so a typo in a
label or a naive timestamp fails here with the case's name instead of somewhere deeper.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "tests" / "cases" / "zh-CN.yaml"
CORPUS_FILE = ROOT / "bench" / "corpus.jsonl"

LABELS = {"legitimate", "suspicious", "forged"}
CASE_KEYS = {"name", "source", "sender", "received_at", "text", "expect", "xfail"}
CASE_REQUIRED = {"name", "source", "received_at", "text", "expect"}
CORPUS_KEYS = {"id", "text", "sender", "received_at", "label", "kind"}
CORPUS_REQUIRED = {"text", "sender", "received_at", "label"}
# STYLE.md: real-world | synthetic | bug-<n>; the test brief adds "modelled-on: <where>".
SOURCE = re.compile(r"^(synthetic|real-world|bug-\d+|modelled-on: \S.*)$")


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (PyYAML keeps the last one silently)."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_unique_mapping,  # type: ignore[arg-type]
)


def _load_cases() -> list[dict[str, Any]]:
    data = yaml.load(CASES_FILE.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    assert isinstance(data, dict), "top level must be a mapping with a 'cases' list"
    assert set(data) == {"cases"}, f"unexpected top-level keys: {sorted(set(data) - {'cases'})}"
    cases = data["cases"]
    assert isinstance(cases, list)
    return cases


def _load_corpus() -> list[tuple[int, Any]]:
    rows = []
    for lineno, line in enumerate(CORPUS_FILE.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"corpus.jsonl:{lineno}: blank line"
        rows.append((lineno, json.loads(line)))
    return rows


CASES = _load_cases()
CORPUS = _load_corpus()


def _squash(text: str) -> str:
    """Text with whitespace removed, for duplicate detection."""
    return re.sub(r"\s+", "", text)


def _bigrams(text: str) -> set[str]:
    t = _squash(text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _check_time(value: object, where: str) -> None:
    assert isinstance(value, str), f"{where}: received_at must be a quoted ISO 8601 string"
    moment = datetime.fromisoformat(value)
    assert moment.utcoffset() is not None, (
        f"{where}: received_at {value!r} is naive; give an offset such as +08:00"
    )


def _check_sender(value: object, where: str) -> None:
    # An unquoted 95118 in YAML becomes an int and a leading zero or '+' would be lost.
    assert isinstance(value, str), f"{where}: sender must be a quoted string, got {value!r}"
    assert value, f"{where}: sender must be non-empty"
    assert value == value.strip(), f"{where}: sender has outer whitespace"
    assert re.fullmatch(r"\+?[0-9A-Za-z@._-]+", value), f"{where}: odd sender {value!r}"


def _check_text(value: object, where: str, longest: int) -> None:
    assert isinstance(value, str), f"{where}: text must be a string"
    assert value == value.strip(), f"{where}: text has outer whitespace"
    assert 20 <= len(value) <= longest, f"{where}: text length {len(value)} not in 20..{longest}"


@pytest.mark.parametrize("case", CASES, ids=[str(c.get("name")) for c in CASES])
def test_cases_entry_shape(case: dict[str, Any]) -> None:
    """Every case has the required fields with the right types and an allowed label."""
    assert isinstance(case, dict)
    name = case.get("name")
    assert isinstance(name, str), f"name must be a string, got {name!r}"
    assert name, "name must be non-empty"
    assert name.strip() == name, f"{name!r}: name has outer whitespace"
    assert name.isascii(), f"{name}: names are readable English"
    missing = CASE_REQUIRED - set(case)
    assert not missing, f"{name}: missing {sorted(missing)}"
    extra = set(case) - CASE_KEYS
    assert not extra, f"{name}: unknown keys {sorted(extra)}"
    assert isinstance(case["source"], str), f"{name}: source must be a string"
    assert SOURCE.match(case["source"]), (
        f"{name}: source {case['source']!r} is not synthetic | real-world | bug-<n> | modelled-on: ..."
    )
    if "sender" in case:
        _check_sender(case["sender"], name)
    _check_time(case["received_at"], name)
    _check_text(case["text"], name, longest=300)
    expect = case["expect"]
    assert isinstance(expect, dict), f"{name}: expect must be a mapping"
    assert expect.get("label") in LABELS, f"{name}: label {expect.get('label')!r} not in {LABELS}"
    why = expect.get("why")
    assert isinstance(why, str), f"{name}: expect.why must be a string"
    assert why.strip(), f"{name}: expect.why must say why"
    if "xfail" in case:
        assert isinstance(case["xfail"], str), f"{name}: xfail must be a reason string"
        assert case["xfail"].strip(), f"{name}: xfail must give a reason"


def test_cases_names_unique() -> None:
    """No two cases share a name (names become test ids)."""
    counts = Counter(c.get("name") for c in CASES)
    assert [n for n, k in counts.items() if k > 1] == []


def test_cases_texts_not_duplicated() -> None:
    """No two cases carry the same text, nor texts that differ only in a few characters."""
    squashed = Counter(_squash(c["text"]) for c in CASES)
    assert [t for t, k in squashed.items() if k > 1] == []
    grams = [(c["name"], _bigrams(c["text"])) for c in CASES]
    near = []
    for i, (name_a, a) in enumerate(grams):
        for name_b, b in grams[i + 1 :]:
            if len(a & b) / len(a | b) >= 0.8:
                near.append((name_a, name_b))
    assert near == []


def test_cases_cover_every_label() -> None:
    """The table is big enough for the issue's closing note and holds every label."""
    labels = Counter(c["expect"]["label"] for c in CASES)
    assert len(CASES) >= 150
    assert set(labels) == LABELS, labels


@pytest.mark.parametrize(("lineno", "row"), CORPUS, ids=[f"line{n}" for n, _ in CORPUS])
def test_corpus_row_shape(lineno: int, row: Any) -> None:
    """Each corpus line is an object with text, sender, received_at and an allowed label."""
    where = f"corpus.jsonl:{lineno}"
    assert isinstance(row, dict), f"{where}: not a JSON object"
    missing = CORPUS_REQUIRED - set(row)
    assert not missing, f"{where}: missing {sorted(missing)}"
    extra = set(row) - CORPUS_KEYS
    assert not extra, f"{where}: unknown keys {sorted(extra)}"
    _check_text(row["text"], where, longest=500)
    if row["sender"] is not None:
        _check_sender(row["sender"], where)
    _check_time(row["received_at"], where)
    assert row["label"] in LABELS, f"{where}: label {row['label']!r} not in {LABELS}"


def test_corpus_unique_texts_and_ids() -> None:
    """The benchmark corpus has no repeated text or id and is the promised size."""
    rows = [r for _, r in CORPUS]
    assert len(rows) >= 300
    texts = Counter(_squash(r["text"]) for r in rows)
    assert [t for t, k in texts.items() if k > 1] == []
    ids = Counter(r["id"] for r in rows if "id" in r)
    assert [i for i, k in ids.items() if k > 1] == []


def test_corpus_mixes_lengths_and_labels() -> None:
    """The corpus spans short and long messages and every label, as the benchmark needs."""
    lengths = [len(r["text"]) for _, r in CORPUS]
    assert min(lengths) < 40
    assert max(lengths) > 400
    assert sum(length >= 200 for length in lengths) >= 30
    assert set(Counter(r["label"] for _, r in CORPUS)) == LABELS
