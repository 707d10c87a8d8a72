"""Command-line interface: ``smscheck COMMAND ...``. Only the CLI prints.

Exit codes: 0 ok, 1 rule or input problems (or a check that found something when asked to
fail on it), 2 usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each command lives in smscheck/commands/<name>.py with ``add_parser(subparsers)`` and
# ``run(args) -> int``. Listed explicitly, in the order ``--help`` shows them.
COMMANDS: tuple[str, ...] = (
    "check",
    "demo",
    "parse",
    "batch",
    "eval",
    "schema",
    "lint",
    "test_rules",
    "rules",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every sub-command."""
    from . import __version__

    parser = _Parser(
        prog="smscheck",
        description="Tell genuine creditor, lawyer and court SMS from forgeries.",
        epilog="Exit codes: 0 ok, 1 rule or input problems, 2 usage errors.",
    )
    parser.add_argument("--version", action="version", version=f"smscheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f".commands.{name}", __package__)
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code.

    >>> main(["parse", "--help"]) == 0  # doctest: +ELLIPSIS
    usage: smscheck parse ...
    True
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and usage errors
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    # Module names use "_" where command names use "-" (test-rules → commands/test_rules.py).
    module = importlib.import_module(f".commands.{args.command.replace('-', '_')}", __package__)
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
