"""``smscheck lint PATH...``: validate rule files; print every problem as path:line: id: message."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "lint",
        help="validate rule files and packs (every problem, with its line)",
        description="Load rule files or pack folders with the shipped packs, check everything "
        "(syntax, keys, types, field paths, categories, references, regexes, examples). "
        "Exit 1 and print one 'path:line: rule-id: message' per problem, or 0 and 'ok: N rules'.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="rule file or folder")
    p.add_argument("--no-default", action="store_true",
                   help="check the files alone, without the shipped packs")  # fmt: skip
    p.add_argument("--overrides", metavar="PATH", help="also check an overrides file")
    p.add_argument("--no-examples", action="store_true", help="skip running the rules' examples")


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    import os

    from ..errors import RuleSetError
    from ..ruleset import RuleSet

    try:
        rules = RuleSet.load(
            args.paths,
            include_default=not args.no_default,
            overrides=args.overrides,
            check_examples=not args.no_examples,
        )
    except RuleSetError as exc:
        print(exc)
        n = len(exc.errors)
        print(f"{n} problem{'s' if n != 1 else ''}", file=sys.stderr)
        return 1
    given = [os.path.realpath(p) for p in args.paths]
    mine = [r for r in rules.rules if any(os.path.realpath(r.path).startswith(g) for g in given)]
    print(f"ok: {len(mine)} rules")
    return 0
