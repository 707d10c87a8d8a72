"""Rule evaluation cost per message with 10, 100 and 1,000 synthetic rules.

Measures ``RuleSet.evaluate_detailed`` on already-parsed messages (the cost the rules add beyond
parsing), for a keyword-only mix and a keyword + regex mix, and prints microseconds per message.

    python bench/bench_rules.py [--repeat 300]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta, timezone

from smscheck import RuleSet
from smscheck._text import normalize
from smscheck.matchers import NullRegistry
from smscheck.parser import parse_with_text

T = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))
MESSAGES = [
    "【京东金融】您的白条已逾期3天，应还1,234.56元，请于12月20日前登录京东金融App还款。",
    "【法院通知】您因网贷逾期已被起诉，律师函已发出，请24小时内联系13812345678处理，否则将上门并通知家人",
    "您的账户因违规已冻结，需缴纳解冻费500元至安全账户，详情加微信abc123",
    "【建设银行】您尾号1234的信用卡本期账单已出，应还金额2,345.00元，到期还款日12月25日。",
]
CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设"


def synthetic(n: int, regex_share: float, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ["rules:"]
    for i in range(n):
        words = [
            "".join(rng.choice(CHARS) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(2, 5))
        ]
        if i < 5:  # a few real words so some rules fire
            words.append(["逾期", "律师函", "解冻费", "上门", "微信"][i])
        if rng.random() < regex_share:
            a, b = words[0], words[-1]
            when = f"{{text: {{regex: '{a}[^,。]{{0,10}}(?:{b}|{words[1]})'}}}}"
        else:
            when = f"{{text: {{keywords: [{', '.join(words)}]}}}}"
        out.append(
            f"  - id: r{i}\n    category: threats\n    weight: 1\n"
            f"    description: {{zh: r{i}, en: r{i}}}\n    when: {when}"
        )
    return "\n".join(out) + "\n"


def bench(n: int, regex_share: float, repeat: int) -> float:
    rs = RuleSet.from_yaml(synthetic(n, regex_share), registry=NullRegistry(), check_examples=False)
    parsed = [parse_with_text(m, received_at=T) for m in MESSAGES]
    for msg, nt in parsed:  # warm up
        rs.evaluate_detailed(msg, nt)
    start = time.perf_counter()
    for _ in range(repeat):
        for msg, nt in parsed:
            rs.evaluate_detailed(msg, nt)
    return (time.perf_counter() - start) / (repeat * len(parsed)) * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=300)
    args = ap.parse_args()
    parse_us = _parse_cost(args.repeat)
    print(f"parse alone: {parse_us:.1f} µs/message (for scale)")
    print(f"{'rules':>6}  {'keywords only':>14}  {'70% kw + 30% regex':>19}")
    for n in (10, 100, 1000):
        kw = bench(n, 0.0, args.repeat)
        mix = bench(n, 0.3, args.repeat)
        print(f"{n:>6}  {kw:>11.1f} µs  {mix:>16.1f} µs")


def _parse_cost(repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for m in MESSAGES:
            normalize(m)
            parse_with_text(m, received_at=T)
    return (time.perf_counter() - start) / (repeat * len(MESSAGES)) * 1e6


if __name__ == "__main__":
    main()
