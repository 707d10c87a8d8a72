"""``smscheck batch IN``: check every message of a JSONL or CSV file, one verdict per line."""

from __future__ import annotations

import argparse
import collections
import csv
import io
import itertools
import json
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .._text import clean_input

ID_FIELDS = ("id", "msg_id", "message_id", "uuid", "key")
OUT_FIELDS = ("line", "label", "score", "hits", "deadline", "amounts", "error")


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "batch",
        help="check every message of a JSONL or CSV file (or stdin)",
        description=(
            "Check every message of IN (JSONL or CSV, or - for stdin) and write one verdict per "
            "non-blank input line, in order. Malformed lines become error records with their line "
            "numbers and every other line is checked; blank lines are skipped and counted. "
            "Ctrl-C leaves a valid output holding every record finished so far."
        ),
    )
    p.add_argument("input", metavar="IN", help="a .jsonl or .csv file, or - for stdin")
    p.add_argument("--out", "-o", metavar="OUT", help="output file (default: stdout)")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="output format")
    p.add_argument(
        "--input-format",
        choices=["jsonl", "csv"],
        help="input format (default: from the file name; jsonl for stdin)",
    )
    p.add_argument("--text-field", default="text", help="field holding the message text")
    p.add_argument("--sender-field", default="sender", help="field holding the sender")
    p.add_argument("--time-field", default="received_at", help="field holding the ISO time")
    p.add_argument(
        "--id-field",
        action="append",
        default=None,
        help="input field to copy into each output record (repeatable; default: id-like fields)",
    )
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: cores)")
    p.add_argument("--rules", action="append", metavar="PATH", help="extra rule pack or file")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")


# Input is decoded with surrogateescape: a byte that is not UTF-8 becomes one lone surrogate
# U+DC80-U+DCFF instead of ending the run, and is found again per line (a UTF-8 text never
# decodes to a surrogate), so only the lines holding one become error records.
_BAD_BYTE = re.compile("[\udc80-\udcff]")


def _not_utf8(raw: str) -> str | None:
    """The error message for a line holding bytes that are not UTF-8, or None."""
    m = _BAD_BYTE.search(raw)
    if m is None:
        return None
    byte = ord(m.group()) - 0xDC00
    return f"not UTF-8 (byte 0x{byte:02x} at column {m.start() + 1}); re-encode the file as UTF-8"


Record = dict[str, Any] | str | None  # a record, an error message, or None for a blank line


def _records(stream: IO[str], fmt: str) -> Iterator[tuple[int, Record]]:
    """Yield ``(line number, record, error message or None for a blank line)`` for every
    line of the input: nothing is left out, a bad line never ends the run."""
    if fmt == "csv":
        yield from _csv_records(stream)
        return
    for n, line in enumerate(stream, 1):
        if not line.strip():
            yield n, None
            continue
        bad = _not_utf8(line)
        if bad:
            yield n, bad
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, f"not valid JSON ({exc.msg} at column {exc.colno})"
            continue
        except RecursionError:
            yield n, "not valid JSON (nested too deeply)"
            continue
        if not isinstance(rec, dict):
            yield n, f"expected a JSON object, got {type(rec).__name__}"
            continue
        yield n, rec


def _csv_records(stream: IO[str]) -> Iterator[tuple[int, Record]]:
    """CSV rows as dicts keyed by the header, each numbered by the line it starts on."""
    reader = csv.reader(stream)
    header: list[str] | None = None
    while True:
        first = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the reader resumes at the next line
            if reader.line_num < first:
                return
            yield first, f"unreadable CSV: {exc}"
            continue
        if not row or not any(cell.strip() for cell in row):
            yield first, None
            continue
        if header is None:
            header = row
            bad = _not_utf8("".join(row))
            if bad:
                yield first, f"header {bad}"
            continue
        bad = _not_utf8("".join(row))
        if bad:
            yield first, bad
        elif len(row) > len(header):
            yield first, f"{len(row)} fields, the header has {len(header)}"
        else:
            yield first, dict(itertools.zip_longest(header, row))


def _open_input(path: str, fmt: str | None) -> tuple[IO[str], str]:
    if path == "-":
        # utf-8-sig: CSV exported from spreadsheets often starts with a BOM.
        wrapped = io.TextIOWrapper(
            sys.stdin.buffer, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        return wrapped, fmt or "jsonl"
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(
            f"input file {path!r} does not exist (give a .jsonl or .csv file, or -)"
        )
    guess = fmt or ("csv" if p.suffix.lower() in (".csv", ".tsv") else "jsonl")
    return p.open(encoding="utf-8-sig", errors="surrogateescape", newline=""), guess


def _clean(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD (ids are copied
    from the input as they are; the one policy of :mod:`smscheck.models`)."""
    if isinstance(value, str):
        return clean_input(value)
    if isinstance(value, dict):
        return {clean_input(str(k)): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


class _Writer:
    def __init__(self, out: IO[str], fmt: str, id_fields: list[str]) -> None:
        self.out = out
        self.fmt = fmt
        self.fields = [*id_fields, *OUT_FIELDS]
        self.csv: Any = None
        if fmt == "csv":
            self.csv = csv.DictWriter(out, fieldnames=self.fields, extrasaction="ignore")
            self.csv.writeheader()

    def write(self, rec: dict[str, Any]) -> None:
        rec = _clean(rec)
        if self.csv is not None:
            row = dict(rec)
            for key in ("hits", "amounts"):
                if isinstance(row.get(key), list):
                    row[key] = " ".join(row[key])
            self.csv.writerow(row)
        else:
            self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    from ..batch import batch_records, item_args
    from ..checker import Checker, default_checker
    from ..errors import RuleSetError
    from ..ruleset import RuleSet

    if args.workers is not None and args.workers < 1:
        print("smscheck batch: --workers must be at least 1", file=sys.stderr)
        return 2
    try:
        checker = Checker(rules=RuleSet.load(args.rules)) if args.rules else default_checker()
    except RuleSetError as exc:
        print(
            f"smscheck batch: the rules in {', '.join(args.rules)} have problems:\n{exc}",
            file=sys.stderr,
        )
        return 1
    try:
        stream, fmt = _open_input(args.input, args.input_format)
    except FileNotFoundError as exc:
        print(f"smscheck batch: {exc}", file=sys.stderr)
        return 1

    pending: collections.deque[tuple[int, dict[str, Any], str | None]] = collections.deque()
    id_fields: list[str] = list(args.id_field or [])
    seen_text_field = False
    detected_ids = bool(id_fields)
    errors = 0
    blank = 0

    def items() -> Iterator[dict[str, Any]]:
        nonlocal seen_text_field, detected_ids, blank
        for line, rec in _records(stream, fmt):
            if rec is None:
                blank += 1
                continue
            if isinstance(rec, str):
                pending.append((line, {}, rec))
                continue
            if not detected_ids:
                id_fields.extend(k for k in rec if k in ID_FIELDS or k.endswith("_id"))
                detected_ids = True
            ids = {k: rec.get(k) for k in id_fields}
            if args.text_field not in rec:
                cols = ", ".join(map(str, rec)) or "none"
                pending.append(
                    (
                        line,
                        ids,
                        f"no field {args.text_field!r} (fields: {cols}); use --text-field",
                    )
                )
                continue
            seen_text_field = True
            item = {
                "text": rec.get(args.text_field),
                "sender": rec.get(args.sender_field),
                "received_at": rec.get(args.time_field),
            }
            try:
                text, kwargs = item_args(item, line)
            except (TypeError, ValueError) as exc:
                pending.append((line, ids, str(exc).replace(f"item {line}: ", "")))
                continue
            pending.append((line, ids, None))
            yield {"text": text, **kwargs}

    out: IO[str] = (
        open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout  # noqa: SIM115
    )
    counts: collections.Counter[str] = collections.Counter()
    progress: Any = None
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(unit="msg", file=sys.stderr, dynamic_ncols=True)
    started = time.perf_counter()
    interrupted = False
    writer: _Writer | None = None

    def flush_errors() -> None:
        nonlocal errors, writer
        while pending and pending[0][2] is not None:
            line, ids, message = pending.popleft()
            if writer is None:
                writer = _Writer(out, args.format, id_fields)
            print(clean_input(f"{args.input}:{line}: {message}"), file=sys.stderr)
            writer.write({**ids, "line": line, "error": message})
            errors += 1
            counts["error"] += 1

    # Ctrl-C: the default handler raises KeyboardInterrupt wherever the main thread is, and an
    # exception raised inside a finaliser (``__del__``) is printed and dropped, so a run could
    # ignore the interrupt and go on to the end. The handler also sets a flag, read after
    # every record, so an interrupt is never lost.
    stop = threading.Event()

    def on_sigint(signum: int, frame: Any) -> None:
        stop.set()
        raise KeyboardInterrupt

    previous: Any = None
    # A process started to ignore SIGINT (a background job of a non-interactive shell) keeps
    # ignoring it; elsewhere (not the main thread) signals are left alone.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        try:
            previous = signal.signal(signal.SIGINT, on_sigint)
        except ValueError:
            previous = None
    try:
        for rec in batch_records(items(), checker=checker, workers=args.workers):
            if stop.is_set():
                raise KeyboardInterrupt
            flush_errors()
            line, ids, _ = pending.popleft()
            if writer is None:
                writer = _Writer(out, args.format, id_fields)
            writer.write({**ids, "line": line, **rec, "error": None})
            counts[rec["label"]] += 1
            if progress is not None:
                progress.update(1)
        flush_errors()
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        interrupted = interrupted or stop.is_set()
        if writer is None:
            writer = _Writer(out, args.format, id_fields)
        out.flush()
        if out is not sys.stdout:
            out.close()
        if progress is not None:
            progress.close()
        stream.close()
    elapsed = max(time.perf_counter() - started, 1e-9)
    done = sum(counts.values())
    summary = ", ".join(f"{k} {counts[k]}" for k in ("legitimate", "suspicious", "forged", "error"))
    skipped = f"; {blank} blank line{'s' * (blank != 1)} skipped" if blank else ""
    print(
        f"{'interrupted after' if interrupted else 'checked'} {done} lines: {summary}{skipped} "
        f"({done / elapsed:,.0f} messages/s)",
        file=sys.stderr,
    )
    if done and not seen_text_field:
        print(f"hint: no record had a {args.text_field!r} field; use --text-field", file=sys.stderr)
    if interrupted:
        return 130
    return 1 if errors else 0
