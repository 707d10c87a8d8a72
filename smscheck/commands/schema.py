"""``smscheck schema``: print the JSON Schema of ``check --format json`` / ``parse`` output."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the Verdict (check --format json) or ParsedMessage",
        description="Print the JSON Schema generated from the result models.",
    )
    p.add_argument("--model", choices=["verdict", "parsed"], default="verdict")


def schema_text(model: str = "verdict") -> str:
    """Return the JSON Schema of a result model as stable, indented JSON."""
    from ..models import ParsedMessage, Verdict

    cls = Verdict if model == "verdict" else ParsedMessage
    return (
        json.dumps(
            cls.model_json_schema(mode="serialization"),
            ensure_ascii=False,
            indent=2,
            sort_keys=True,
        )
        + "\n"
    )


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    print(schema_text(args.model), end="")
    return 0
