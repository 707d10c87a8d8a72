"""smscheck batch and smscheck eval: order, formats, error records, exit codes, messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from smscheck.cli import main

AT = "2024-12-13T20:46:00+08:00"
REAL = "【京东金融】您的白条已逾期3天，应还1,234.56元，请于12月20日前登录京东金融App还款。"
FAKE = "【京东法务部】你已逾期，律师函已发出，请2小时内缴纳保证金3000元至个人账户，否则上门"


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "".join(
            (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows
        ),
        encoding="utf-8",
    )
    return path


def test_cli_batch_jsonl_keeps_order_ids_and_reports_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": REAL, "sender": "95118", "received_at": AT},
            "{not json",
            {"id": "c", "text": FAKE, "sender": "13812345678", "received_at": AT},
            {"id": "d", "body": "no text field"},
            {"id": "e", "text": REAL, "received_at": "2024-12-13T20:46:00"},
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "--out", str(out), "--workers", "1"]) == 1
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in recs] == [1, 2, 3, 4, 5]
    assert [r.get("id") for r in recs] == ["a", None, "c", "d", "e"]
    assert recs[0]["label"] == "legitimate"
    assert recs[0]["amounts"] == ["1234.56 CNY"]
    assert recs[0]["deadline"] == "2024-12-21T00:00:00+08:00"
    assert recs[2]["label"] == "forged"
    assert recs[2]["hits"]
    assert recs[1]["error"].startswith("not valid JSON")
    assert recs[3]["error"] == "no field 'text' (fields: id, body); use --text-field"
    assert "has no time zone" in recs[4]["error"]
    err = capsys.readouterr().err
    assert f"{src}:2: not valid JSON" in err
    assert "checked 5 lines: legitimate 1, suspicious 0, forged 1, error 3" in err


def test_cli_batch_csv_in_and_out_with_other_field_names(tmp_path: Path) -> None:
    src = tmp_path / "log.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["msg_id", "body", "from", "when"])
        w.writerow(["1", FAKE, "13812345678", AT])
        w.writerow(["2", REAL, "95118", AT])
    out = tmp_path / "out.csv"
    args = ["batch", str(src), "--out", str(out), "--format", "csv", "--text-field", "body",
            "--sender-field", "from", "--time-field", "when", "--workers", "1"]  # fmt: skip
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["msg_id"], r["label"]) for r in rows] == [("1", "forged"), ("2", "legitimate")]
    assert rows[1]["amounts"] == "1234.56 CNY"


def test_cli_batch_missing_file_names_the_problem(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "no/such/file.jsonl"]) == 1
    assert "input file 'no/such/file.jsonl' does not exist" in capsys.readouterr().err


def test_cli_batch_bad_workers_is_a_usage_error(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"text": REAL}])
    assert main(["batch", str(src), "--workers", "0"]) == 2


def test_cli_eval_reports_flagged_rates_and_rule_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(
        tmp_path / "corpus.jsonl",
        [
            {"text": REAL, "sender": "95118", "received_at": AT, "label": "ham"},
            {"text": FAKE, "sender": "13812345678", "received_at": AT, "label": "scam"},
        ],
    )
    assert main(["eval", str(src), "--map", "scam=forged,ham=legitimate", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["flagged_rate"] == {"forged": 1.0, "legitimate": 0.0}
    assert report["binary"]["recall"] == 1.0
    assert report["binary"]["false_positive_rate"] == 0.0
    assert all(
        "forged" in counts for rule, counts in report["rule_hits"].items() if counts.get("forged")
    )


def test_cli_eval_bad_map_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(tmp_path / "c.jsonl", [{"text": REAL, "label": "ham"}])
    assert main(["eval", str(src), "--map", "ham=fine"]) == 2
    assert "'fine' is not one of legitimate, suspicious, forged" in capsys.readouterr().err


def out_size(path: Path) -> int:
    """The size of a file being written, 0 before it exists."""
    return path.stat().st_size if path.exists() else 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_batch_ctrl_c_leaves_a_valid_complete_so_far_file(tmp_path: Path, workers: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    rows = [{"id": i, "text": FAKE if i % 2 else REAL, "received_at": AT} for i in range(40_000)]
    src = _jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    # A test runner started in the background by a non-interactive shell (nohup, CI) ignores
    # SIGINT, and a child inherits that: Python then never raises KeyboardInterrupt. The child
    # gets the default disposition back, as an interactive user's process has it.
    proc = subprocess.Popen(
        [sys.executable, "-m", "smscheck", "batch", str(src), "--out", str(out), "--workers", workers],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    # Interrupt once some records are out (the handler is installed by then). The wait is a
    # guard against a hang only: generous enough for any loaded machine, and reported plainly.
    deadline = time.monotonic() + 600
    while out_size(out) < 20_000 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert out_size(out) >= 20_000, f"no output after waiting (exit {proc.poll()})"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 130, err
    assert "interrupted after" in err
    lines = out.read_text(encoding="utf-8").splitlines()
    recs = [json.loads(line) for line in lines]  # every line whole: no torn record
    assert 0 < len(recs) < len(rows)
    assert [r["line"] for r in recs] == list(range(1, len(recs) + 1))
    assert [r["id"] for r in recs] == list(range(len(recs)))
    assert all(r["label"] == ("forged" if r["id"] % 2 else "legitimate") for r in recs)
    assert f"interrupted after {len(recs)} lines" in err


# ---- issue 13: nothing lost in batch


def _bad_byte_inputs(tmp_path: Path) -> dict[str, Path]:
    """1,000 messages with one byte that is not UTF-8 on message 500, as JSONL and CSV."""
    texts = [f"您的白条已逾期{i}天" for i in range(1, 1001)]
    jsonl = [
        json.dumps({"id": i, "text": t}, ensure_ascii=False).encode()
        for i, t in enumerate(texts, 1)
    ]
    jsonl[499] = jsonl[499].replace("天".encode(), b"\xff")
    rows = [b"id,text"] + [f"{i},{t}".encode() for i, t in enumerate(texts, 1)]
    rows[500] = rows[500].replace("天".encode(), b"\xff")
    (tmp_path / "in.jsonl").write_bytes(b"\n".join(jsonl) + b"\n")
    (tmp_path / "in.csv").write_bytes(b"\n".join(rows) + b"\n")
    return {"jsonl": tmp_path / "in.jsonl", "csv": tmp_path / "in.csv"}


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("via_stdin", [False, True])
def test_cli_batch_a_bad_byte_costs_its_line_only(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workers: str,
    fmt: str,
    via_stdin: bool,
) -> None:
    """Before: one `line: -1` record, and only the lines before the decoder's chunk came out."""
    src = _bad_byte_inputs(tmp_path)[fmt]
    out = tmp_path / "out.jsonl"
    args = ["batch", str(src), "--out", str(out), "--workers", workers]
    if via_stdin:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(src.read_bytes())))
        args[1:2] = ["-", "--input-format", fmt]
    assert main(args) == 1
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    first = 2 if fmt == "csv" else 1  # the CSV header is line 1
    assert [r["line"] for r in recs] == list(range(first, first + 1000))
    bad = [r for r in recs if r["error"]]
    assert [r["line"] for r in bad] == [first + 499]
    assert bad[0]["error"].startswith("not UTF-8 (byte 0xff at column ")
    assert [str(r["id"]) for r in recs if not r["error"]] == [
        str(i) for i in range(1, 1001) if i != 500
    ]
    assert "legitimate 999, suspicious 0, forged 0, error 1" in capsys.readouterr().err


@pytest.mark.parametrize("out_fmt", ["jsonl", "csv"])
def test_cli_batch_lone_surrogate_in_an_id_is_written(tmp_path: Path, out_fmt: str) -> None:
    """`{"id": "\\ud800", "text": "x"}` crashed the run with UnicodeEncodeError."""
    src = _jsonl(
        tmp_path / "in.jsonl",
        ['{"id": "\\ud800a", "text": "x", "sender": "\\udcff"}', {"id": "b", "text": "y"}],
    )
    out = tmp_path / f"out.{out_fmt}"
    assert main(["batch", str(src), "--out", str(out), "--format", out_fmt, "--workers", "1"]) == 0
    written = out.read_text(encoding="utf-8")
    if out_fmt == "jsonl":
        ids = [json.loads(line)["id"] for line in written.splitlines()]
    else:
        ids = [r["id"] for r in csv.DictReader(io.StringIO(written))]
    assert ids == ["\ufffda", "b"]  # the models' policy: U+FFFD, one for one


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_batch_blank_lines_are_skipped_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """README: blank lines get no record; the summary says how many were skipped."""
    if fmt == "jsonl":
        src = _jsonl(
            tmp_path / "in.jsonl", ["", {"id": 1, "text": "x"}, "   ", "\t", {"id": 2, "text": "y"}]
        )
        lines = [2, 5]
    else:
        src = tmp_path / "in.csv"
        src.write_text("id,text\n\n1,x\n , \n2,y\n", encoding="utf-8")
        lines = [3, 5]
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "--out", str(out), "--workers", "1"]) == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["id"]) for r in recs] == [
        (lines[0], 1 if fmt == "jsonl" else "1"),
        (lines[1], 2 if fmt == "jsonl" else "2"),
    ]
    err = capsys.readouterr().err
    blanks = 3 if fmt == "jsonl" else 2
    assert (
        f"checked 2 lines: legitimate 2, suspicious 0, forged 0, error 0; {blanks} blank lines skipped"
        in err
    )


def test_cli_batch_csv_bad_rows_do_not_end_the_run(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        'id,text\n1,a\n2,"' + "x" * 200_000 + '"\n3,b\n4,c,extra\n5,"two\nlines"\n6,d\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "--out", str(out), "--workers", "1"]) == 1
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r.get("id"), bool(r["error"])) for r in recs] == [
        (2, "1", False), (3, None, True), (4, "3", False), (5, None, True), (6, "5", False),
        (8, "6", False),
    ]  # fmt: skip
    assert "field larger than field limit" in recs[1]["error"]
    assert recs[3]["error"] == "3 fields, the header has 2"


def test_cli_check_sender_that_is_not_utf8_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`--sender $'\\xff' --format json` printed a traceback (argv decodes 0xff to U+DCFF)."""
    assert main(["check", "逾期3天", "--sender", "\udcff", "--format", "json",
                 "--received-at", "2024-12-13T20:46:00+01:00:01"]) == 0  # fmt: skip
    got = json.loads(capsys.readouterr().out)
    assert got["parsed"]["sender"]["raw"] == "\ufffd"
    assert got["parsed"]["received_at"] == "2024-12-13T20:46:00+01:00:01"


def test_cli_batch_reads_offsets_with_seconds(tmp_path: Path) -> None:
    src = _jsonl(
        tmp_path / "in.jsonl",
        [
            {"text": REAL, "received_at": "2024-12-13T20:46:00+08:00:30"},
            {"text": REAL, "received_at": "2024-12-13T20:46:00+24:00:00"},
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "--out", str(out), "--workers", "1"]) == 1
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert recs[0]["error"] is None
    assert recs[0]["deadline"] == "2024-12-21T00:00:00+08:00"  # zh-CN dates are Shanghai time
    assert "is not ISO 8601" in recs[1]["error"]
