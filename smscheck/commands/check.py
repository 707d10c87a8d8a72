"""``smscheck check TEXT``: the verdict, each hit with its evidence highlighted, and advice."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import add_message_args, read_text

_RED, _YELLOW, _GREEN, _BOLD, _RESET = "\033[31m", "\033[33m", "\033[32m", "\033[1m", "\033[0m"


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "check",
        help="check one message: label, score, reasons with evidence, advice",
        description="Check one message and explain the verdict. Exit code 0 (whatever the label).",
    )
    add_message_args(p)
    p.add_argument("--rules", action="append", metavar="PATH",
                   help="extra rule file or pack folder (repeatable)")  # fmt: skip
    p.add_argument("--no-default", action="store_true", help="do not load the shipped packs")
    p.add_argument("--overrides", metavar="PATH", help="overrides file (disable/reweight rules)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help="language of the explanation (default: the message's)")  # fmt: skip
    p.add_argument("--verbose", "-v", action="store_true",
                   help="under each hit, list every piece of evidence (leaf, text, span, pattern)")  # fmt: skip


def build_checker(args: argparse.Namespace) -> Any:
    """The checker the options ask for (raises RuleSetError on bad rules)."""
    from ..checker import Checker, default_checker
    from ..ruleset import RuleSet

    if not args.rules and not args.no_default and not args.overrides:
        return default_checker()
    rules = RuleSet.load(
        args.rules or [], include_default=not args.no_default, overrides=args.overrides
    )
    return Checker(rules)


def highlight(
    text: str,
    spans: list[tuple[int, int]],
    colour: bool,
    good: frozenset[tuple[int, int]] = frozenset(),
) -> str:
    """Mark the evidence in the message: ANSI colour on a tty (green for evidence of a genuine
    message, red otherwise), ⟦…⟧ when not a terminal."""
    out, pos = [], 0
    for a, b in sorted(set(spans)):
        if a < pos:
            continue
        out.append(text[pos:a])
        paint = _GREEN if (a, b) in good else _RED
        out.append(f"{paint}{_BOLD}{text[a:b]}{_RESET}" if colour else f"⟦{text[a:b]}⟧")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def render(verdict: Any, lang: str, colour: bool, verbose: bool = False) -> str:
    """The human-readable report: one line per hit; with ``verbose`` every piece of evidence."""
    zh = lang == "zh"
    text = verdict.parsed.text
    label = verdict.label.value
    paint = {"legitimate": _GREEN, "suspicious": _YELLOW, "forged": _RED}[label]
    head = verdict.explain(lang).splitlines()[0]
    lines = [f"{paint}{_BOLD}{head}{_RESET}" if colour else head]
    # Highlight what the rules matched; one-character context words (您, 欠) would be noise.
    spans = [
        (e.span.start, e.span.end)
        for h in verdict.hits
        if h.weight or h.full_weight
        for e in h.evidence
        if e.span and e.span.end - e.span.start >= 2
    ]
    good = frozenset(
        (e.span.start, e.span.end)
        for h in verdict.hits
        if h.weight < 0
        for e in h.evidence
        if e.span
    )
    lines.append(("短信：" if zh else "Message: ") + highlight(text, spans, colour, good))
    if not verdict.hits:
        lines.append("没有规则命中。" if zh else "No rule fired.")
    for h in verdict.hits:
        extra = ""
        if h.status == "testing":
            extra = "（测试中，不计分）" if zh else " (testing, not counted)"
        elif h.full_weight is not None:
            extra = (
                f"（类别封顶，原 {h.full_weight:+g}）"
                if zh
                else f" (category cap; full weight {h.full_weight:+g})"
            )
        lines.append(f"  {h.weight:+g}  [{h.rule_id}] {h.reason.get(lang)}{extra}")
        if not verbose:
            continue
        for e in h.evidence:
            what = e.text if e.text is not None else e.value
            where = f" @{e.span.start}-{e.span.end}" if e.span else ""
            fld = f" {e.field}=" if e.field and e.text is None else " "
            via = f" ({e.pattern})" if e.pattern and e.pattern != what else ""
            lines.append(f"        {e.leaf}:{fld}{what!r}{where}{via}")
        if h.absorbed:
            lines.append(("        吸收：" if zh else "        absorbs: ") + ", ".join(h.absorbed))
    advice = verdict.advice if zh else verdict.advice_en
    if advice:
        lines.append("建议：" if zh else "Advice:")
        lines.extend(f"  - {a}" for a in advice)
    lines.extend(f"! {w}" for w in verdict.warnings)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    from ..errors import RuleSetError

    try:
        checker = build_checker(args)
    except RuleSetError as exc:
        print(exc, file=sys.stderr)
        print("fix the rule files above (smscheck lint PATH shows the same list)", file=sys.stderr)
        return 1
    text = read_text(args.text)
    verdict = checker.check(
        text, sender=args.sender, received_at=args.received_at, locale=args.locale
    )
    if args.format == "json":
        print(verdict.model_dump_json(indent=2))
        return 0
    lang = args.lang or ("zh" if verdict.parsed.locale == "zh-CN" else "en")
    print(render(verdict, lang, sys.stdout.isatty(), args.verbose))
    return 0
