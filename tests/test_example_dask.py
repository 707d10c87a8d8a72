"""The documented Dask example runs on a small local input and matches check_many."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import smscheck

pytest.importorskip("dask.bag")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dask_bag.py"


def test_dask_example_matches_serial_check(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("dask_bag_example", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)

    rows = [
        {
            "id": "a",
            "text": "【京东金融】您的白条已逾期3天，应还1,234.56元，请登录京东金融App还款。",
            "sender": "95118",
            "received_at": "2024-12-13T20:46:00+08:00",
        },
        {
            "id": "b",
            "text": "我是法院，速转保证金到个人账户6222021234567890123",
            "sender": "13812345678",
            "received_at": "2024-12-13T20:46:00+08:00",
        },
        {"id": "c", "text": "你好", "received_at": "2024-12-13T20:46:00+08:00"},
    ] * 4
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )

    counts = example.run(str(src), str(dst), scheduler="synchronous", partitions=3)

    got = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    want = list(smscheck.check_many(rows, workers=1))
    assert [g["id"] for g in got] == [r["id"] for r in rows]
    assert [g["label"] for g in got] == [v.label.value for v in want]
    assert sum(counts.values()) == len(rows)
