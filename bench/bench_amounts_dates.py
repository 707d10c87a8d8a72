"""Benchmark: amount + date extraction together on typical messages, one core.

Usage: ``python bench/bench_amounts_dates.py [--seconds 3]``. Normalisation is done once up
front (it belongs to the parser as a whole); each timed round builds a fresh ``Context`` and
runs ``extract_amounts`` then ``extract_dates``, as ``parse()`` does. Goal: ≥ 20,000 messages/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smscheck._text import normalize
from smscheck.parser._context import SHANGHAI, Context
from smscheck.parser.amounts import extract_amounts
from smscheck.parser.dates import extract_dates

# Written for this benchmark in the shapes of DOMAIN.md: bank, JD, court and scam messages.
MESSAGES = [
    "【京东金融】尊敬的用户，您本期白条应还1,234.56元，最低还款123.46元，请于12月20日前还款，逾期将影响信用。",
    "【招商银行】您尾号1234的信用卡自动还款失败，本期应还人民币3,456.78元，已还0.00元，请于到期还款日12月25日前存入足额款项。",
    "【中信银行】微账单：账单日12月5日，本期账单金额RMB 5,210.30，最低还款额RMB 521.03，到期还款日12月25日。",
    "【建设银行】您尾号6789的储蓄卡12月10日14:23消费支出人民币268.00元，可用余额10,321.45元。",
    "【京东金融】您的账户已被冻结，请在3小时内缴纳保证金5000元，逾期将上报征信。",
    "【北京市人民法院】您涉嫌恶意拖欠，已立案，请于3日内联系处理，否则强制执行。案号(2024)京0105民初12345号",
    "您的白条已逾期15天，欠款金额8,888.00元，今日24点前未处理将移交律师事务所，律师费3000元由您承担。",
    "【某消费金融】您申请的借款50,000.00元已放款至尾号3344的银行卡，首期还款日2025年1月15日。",
    "恭喜您获得京东白条提额机会，额度最高可达20万元，点击 t.cn/abc 领取，回T退订",
    "您好，您的网贷利率过高需注销学生账户，否则影响征信，请今天下午5点前联系客服处理。",
    "【工商银行】您尾号0001卡12月13日09:15入账工资8,500.00元，余额9,120.88元。",
    "缴纳撤诉费人民币伍仟元整即可撤销起诉，请于明天上午10点前转账至指定账户。",
    "本院定于2025年1月8日上午9点开庭审理您与京东的借款合同纠纷一案，请准时到庭。",
    "【平安银行】您的信用卡本期账单1,520.00元，最低还款152.00元，到期还款日2024-12-28。",
    "Your payment of $1,234.56 is overdue. Pay within 24 hours to avoid a late fee of $35.",
    "验证码123456，5分钟内有效，请勿泄露。",
]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print messages per second."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args(argv)
    when = datetime(2024, 12, 13, 20, 46, tzinfo=SHANGHAI)
    prepared = [(normalize(m), "en-US" if m.isascii() else "zh-CN") for m in MESSAGES]
    for nt, loc in prepared:  # warm up (regex compilation is at import, caches here)
        ctx = Context(nt, loc, when, SHANGHAI)
        extract_amounts(ctx)
        extract_dates(ctx)
    done = 0
    t0, c0 = time.perf_counter(), time.process_time()
    deadline = t0 + args.seconds
    while time.perf_counter() < deadline:
        for nt, loc in prepared:
            ctx = Context(nt, loc, when, SHANGHAI)
            extract_amounts(ctx)
            extract_dates(ctx)
        done += len(prepared)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU time is the figure for "one core": on a shared machine wall time also counts the
    # time other processes held the core.
    print(
        f"{done} messages: {done / cpu:,.0f} messages/s of CPU time on one core "
        f"({cpu / done * 1e6:.1f} µs each, amounts + dates); wall clock {done / wall:,.0f}/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
