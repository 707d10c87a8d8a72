"""Helpers shared by the CLI sub-commands: reading TEXT, parsing --received-at."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime


def read_text(value: str) -> str:
    """Return TEXT, or standard input when TEXT is ``-`` (bytes that are not UTF-8 become
    U+FFFD, as lone surrogates in TEXT do: see :mod:`smscheck.models`)."""
    if value == "-":
        buf = getattr(sys.stdin, "buffer", None)
        raw = sys.stdin.read() if buf is None else buf.read().decode("utf-8", "replace")
        return raw.rstrip("\n")
    return value


def parse_time(value: str | None) -> datetime | None:
    """Parse ``--received-at`` (ISO 8601 with an offset); usage errors are argparse errors."""
    if value is None:
        return None
    from ..models import parse_datetime  # imported on use: `smscheck --help` stays quick

    try:
        when = parse_datetime(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--received-at {value!r} is not an ISO 8601 time; use e.g. 2024-12-13T20:46:00+08:00"
        ) from None
    if when.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"--received-at {value!r} has no time zone; add one, e.g. {value}+08:00"
        )
    return when


def add_message_args(p: argparse.ArgumentParser) -> None:
    """Add TEXT, --sender, --received-at and --locale."""
    p.add_argument("text", metavar="TEXT", help="the message text, or - to read it from stdin")
    p.add_argument("--sender", "-s", help="the sender number or name, e.g. 95118 or 13812345678")
    p.add_argument(
        "--received-at",
        type=parse_time,
        metavar="ISO",
        help="when the message arrived, ISO 8601 with offset (default: now)",
    )
    p.add_argument("--locale", choices=["zh-CN", "en-US"], help="default: guessed from the script")
