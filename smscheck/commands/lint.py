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
        "Exit 1 and print one 'path:line: rule-id: message' per problem, or 0 and 'ok: N rules' "
        "(after a 'warning:' line per deprecated key) and each pack's cost per message: the "
        "steps per character a message may take at most, against the limit.",
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
    from .. import matchers as m

    given = [os.path.realpath(p) for p in args.paths]
    mine = [r for r in rules.rules if any(os.path.realpath(r.path).startswith(g) for g in given)]
    for note in rules.notes:  # loaded, but worth fixing (deprecated keys)
        print(f"{note.path}:{note.line or 0}: {note.rule_id + ': ' if note.rule_id else ''}"
              f"warning: {note.message}")  # fmt: skip
    print(f"ok: {len(mine)} rules")
    for locale in sorted({r.locale for r in mine}):
        cost, shares = rules.cost(locale)
        top = ", ".join(f"{rid} ({c:,})" for c, rid in shares[:3] if c)
        print(f"cost: {locale} pack, at most {cost:,} steps per character of a message "
              f"(limit {m.MAX_PACK_COST:,}){'; costliest: ' + top if top else ''}")  # fmt: skip
    return 0
