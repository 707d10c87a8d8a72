"""``smscheck rules``: list the loaded rules (id, category, weight, description)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "rules",
        help="list rules: id, category, weight, description",
        description="List the rules of the shipped packs (and of --rules PATH).",
    )
    p.add_argument("--rules", action="append", metavar="PATH", help="extra rule file or folder")
    p.add_argument("--no-default", action="store_true", help="do not load the shipped packs")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    from ..errors import RuleSetError
    from ..ruleset import RuleSet

    try:
        if args.rules or args.no_default:
            rs = RuleSet.load(
                args.rules or [], include_default=not args.no_default, check_examples=False
            )
        else:
            rs = RuleSet.default()
    except RuleSetError as exc:
        print(exc, file=sys.stderr)
        return 1
    rows: list[dict[str, Any]] = [
        {
            "id": r.id,
            "locale": r.locale,
            "category": r.category,
            "weight": r.weight,
            "status": "disabled" if r.disabled else r.status,
            "description": {"zh": r.description.zh, "en": r.description.en},
            "tags": list(r.tags),
            "path": r.path,
            "line": r.line,
        }
        for r in rs.rules
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no rules loaded")
        return 0
    width = max(len(r["id"]) for r in rows)
    cat_w = max(len(r["category"]) for r in rows)
    for r in rows:
        status = "" if r["status"] == "stable" else f" [{r['status']}]"
        print(f"{r['id']:<{width}}  {r['locale']}  {r['category']:<{cat_w}}  {r['weight']:+6.1f}  "
              f"{r['description'][args.lang]}{status}")  # fmt: skip
    print(f"{len(rows)} rules")
    return 0
