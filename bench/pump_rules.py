"""Linear time of every shipped rule pattern, measured. Not a test: figures are printed.

    python bench/pump_rules.py [--top 10]

For each regex of the shipped packs (text leaves and field ``matches``), strings are built from
its own pieces (every literal, every alternative's text, a character of every class; each
alone and in pairs) and searched at about 2,000 and 20,000 characters, the way the engine
searches (up to 3 matches). Prints the slowest time per character and the largest growth of
the time per character from 2,000 to 20,000 (1.0 is flat: linear), CPU time, best of 5.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from smscheck import matchers as m  # noqa: E402
from smscheck.matchers.regex_analysis import _sc, _seq, _std_parse  # noqa: E402
from smscheck.ruleset import RuleSet  # noqa: E402


def patterns() -> dict[tuple[str, str], tuple[str, m.RegexNode]]:
    """(source, engine) -> (a rule using it, its node)."""
    rs = RuleSet.load([str(HERE.parent / "rules" / loc) for loc in ("zh-CN", "en-US")],
                      include_default=False, check_examples=False)  # fmt: skip
    out: dict[tuple[str, str], tuple[str, m.RegexNode]] = {}
    for r in rs.rules:
        for n in m.walk(r.when):
            found: list[m.RegexNode] = []
            if isinstance(n, m.RegexNode):
                found = [n]
            elif isinstance(n, m.FieldNode):
                found = [t.node for t in n.tests if isinstance(t, m.MatchesTest)]
                for t in n.tests:
                    if isinstance(t, m.ItemsTest):
                        found += [x.node for _, _, tests in t.tests for x in tests
                                  if isinstance(x, m.MatchesTest)]  # fmt: skip
            for node in found:
                out.setdefault((node.source, node.engine), (r.id, node))
    return out


def pieces(pattern: str) -> list[str]:
    """Literals, alternatives' texts and one character per class of ``pattern``."""
    out: set[str] = set()

    def walk(items: Any) -> None:
        for op, av in _seq(items):
            if op is _sc.LITERAL:
                out.add(chr(av))
            elif op is _sc.IN:
                for sop, sav in av:
                    if sop is _sc.LITERAL:
                        out.add(chr(sav))
                    elif sop is _sc.RANGE:
                        out.add(chr(sav[0]))
                    elif sop is _sc.CATEGORY:
                        out.update(["a", "1", " "])
                out.add("。")
            elif op is _sc.SUBPATTERN:
                walk(av[3])
            elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT):
                walk(av[2])
            elif op is _sc.BRANCH:
                for b in av[1]:
                    walk(b)
                    text = "".join(chr(a) for o, a in _seq(b) if o is _sc.LITERAL)
                    if text:
                        out.add(text)
            elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
                walk(av[1])
            elif op is _sc.ANY:
                out.add("x")

    tree = _std_parse(pattern, ())
    if tree is not None:
        walk(tree)
    else:
        out.update(c for c in pattern if c.isalnum())
    return sorted(out)[:40]


def per_char(rx: Any, text: str) -> float:
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()
        for _ in itertools.islice(rx.finditer(text), 3):
            pass
        best = min(best, time.process_time() - t0)
    return best / len(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    rows = []
    found = patterns()
    for (source, engine), (rid, node) in found.items():
        ps = pieces(source)
        for unit in ps + [a + b for a, b in itertools.combinations(ps[:12], 2)]:
            small = per_char(node.pattern, unit * max(1, 2_000 // len(unit)))
            large = per_char(node.pattern, unit * max(1, 20_000 // len(unit)))
            rows.append((large * 1e6, large / max(small, 1e-12), engine, rid, unit))
    print(f"{len(found)} patterns, {len(rows):,} pumped strings")
    print("slowest (µs per character at ~20,000 characters):")
    for us, growth, engine, rid, unit in sorted(rows, reverse=True)[: args.top]:
        print(f"  {us:6.3f} µs/char  growth x{growth:.2f}  {engine:5}  {rid}  unit {unit[:12]!r}")
    print("largest growth of the time per character, 2,000 -> 20,000 characters:")
    for us, growth, engine, rid, unit in sorted(rows, key=lambda r: -r[1])[: args.top]:
        print(f"  x{growth:.2f}  {us:6.3f} µs/char  {engine:5}  {rid}  unit {unit[:12]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
