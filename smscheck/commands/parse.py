"""``smscheck parse TEXT``: print the ParsedMessage as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import add_message_args, read_text


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "parse",
        help="extract sender, amounts, dates, links… and print them as JSON",
        description="Extract the facts of one message and print the ParsedMessage as JSON.",
    )
    add_message_args(p)
    p.add_argument("--compact", action="store_true", help="one line of JSON instead of indented")


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    from ..parser import parse

    text = read_text(args.text)
    parsed = parse(text, sender=args.sender, received_at=args.received_at, locale=args.locale)
    print(parsed.model_dump_json(indent=None if args.compact else 2))
    return 0
