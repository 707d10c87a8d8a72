"""``smscheck demo``: check two built-in messages, a forged "lawyer SMS" and a real reminder."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from typing import Any

CST = timezone(timedelta(hours=8))

# The seed's scenario: a "lawyer SMS" about an overdue 京东白条, from a personal mobile,
# demanding a fee to a personal account; and a genuine JD Finance reminder from 95118.
EXAMPLES: tuple[tuple[str, str, str], ...] = (
    (
        "a forged lawyer's SMS",
        "13912345678",
        "【京东法务部】您的京东白条已严重逾期，我所已受京东委托出具律师涵，"
        "如24小时内不缴纳500元撤诉费至个人账户6222021234567890123（户名：张伟），"
        "将上报司法调查程序并通知您的家人和单位。详询微信jdfw2024。",
    ),
    (
        "a real JD Finance reminder",
        "95118",
        "【京东金融】您的白条已逾期3天，应还1,234.56元，请于12月20日前登录京东金融App还款，"
        "详询95118。",
    ),
)


def add_parser(sub: Any) -> None:
    """Register the sub-command."""
    p = sub.add_parser(
        "demo",
        help="check two built-in messages: a forged lawyer's SMS and a real reminder",
        description="Show what smscheck says about a forged and a genuine message.",
    )
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the reasons")


def run(args: argparse.Namespace) -> int:
    """Run the sub-command."""
    from ..checker import default_checker
    from .check import render

    checker = default_checker()
    colour = sys.stdout.isatty()
    when = datetime(2024, 12, 13, 20, 46, tzinfo=CST)
    for i, (title, sender, text) in enumerate(EXAMPLES):
        if i:
            print()
        print(f"=== {title} (from {sender}) ===")
        verdict = checker.check(text, sender=sender, received_at=when)
        print(render(verdict, args.lang, colour))
    return 0
