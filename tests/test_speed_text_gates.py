"""Rewritten patterns of the speed pass find what the originals found (payments, contacts)."""

from __future__ import annotations

import random
import re

from smscheck.parser import payments

_OLD_APP_CONTEXT = re.compile(
    r"还款|还清|结清|还|缴|支付|付款|查看|查询|处理|办理|账单|[Pp]ay|[Rr]epay|[Bb]ill"
)


def test_app_context_says_the_same_as_the_original() -> None:
    alphabet = list("还款清结缴支付查看询处理办账单PpaRreyBbil京东App ")
    rnd = random.Random(7)
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        lo = rnd.randint(0, len(text))
        hi = rnd.randint(lo, len(text))
        old = _OLD_APP_CONTEXT.search(text, lo, hi) is None
        assert (payments._APP_CONTEXT_RE.search(text, lo, hi) is None) == old, (text, lo, hi)


def test_english_gate_is_three_letters() -> None:
    for text, found in (("ab1c", False), ("abc", True), ("中A文bc", False), ("xYz", True)):
        assert (payments._EN_GATE.search(text) is not None) == found
