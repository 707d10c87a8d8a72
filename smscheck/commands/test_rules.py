"""``smscheck test-rules PATH...``: run every rule's examples, alone and with the full pack."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "test-rules",
        help="run every rule's hit/miss examples, alone and with the full pack",
        description="Run each example of the rules in PATH twice: with the rule alone (and the "
        "rules it refers to), and through the full checker with every loaded pack. Exit 1 on "
        "any failure.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="rule files or folders (default: shipped)"
    )
    p.add_argument("--no-default", action="store_true", help="do not load the shipped packs")


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    import os

    from ..checker import example_failures
    from ..errors import RuleSetError
    from ..ruleset import RuleSet

    try:
        rs = RuleSet.load(args.paths, include_default=not args.no_default, check_examples=False)
    except RuleSetError as exc:
        print(exc)
        return 1
    given = [os.path.realpath(p) for p in args.paths]
    rules = [
        r
        for r in rs.rules
        if not given or any(os.path.realpath(r.path).startswith(g) for g in given)
    ]
    failures = example_failures(rs, [r.id for r in rules])
    n = sum(len(r.examples) for r in rules)
    for f in failures:
        print(f)
    if failures:
        print(f"{len(failures)} of {2 * n} example checks failed", file=sys.stderr)
        return 1
    print(f"ok: {n} examples of {len(rules)} rules, alone and with the full pack")
    return 0
