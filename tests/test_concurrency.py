"""One Checker shared by threads and processes gives exactly the serial results."""

from __future__ import annotations

import pickle
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

import smscheck
from smscheck.batch import check_many

AT = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))
CASES = Path(__file__).parent / "cases" / "zh-CN.yaml"


def _messages() -> list[tuple[str, str | None]]:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [(c["text"], c.get("sender")) for c in data["cases"]][:120]


_CHECKER = smscheck.Checker()


def _check(msg: tuple[str, str | None]) -> str:
    return _CHECKER.check(msg[0], sender=msg[1], received_at=AT).model_dump_json()


def test_checker_threads_match_serial() -> None:
    msgs = _messages() * 3
    serial = [_check(m) for m in msgs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(_check, msgs))
    assert threaded == serial


def test_checker_process_pool_matches_serial() -> None:
    msgs = _messages()
    serial = [_check(m) for m in msgs]
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(_check, msgs, chunksize=16)) == serial


def test_check_many_with_workers_keeps_order_and_results() -> None:
    msgs = _messages()
    items = [{"text": t, "sender": s, "received_at": AT} for t, s in msgs]
    serial = [_CHECKER.check(t, sender=s, received_at=AT) for t, s in msgs]
    assert list(check_many(items, checker=_CHECKER, workers=2)) == serial
    assert list(check_many(items, checker=_CHECKER, workers=1)) == serial


def test_checker_pickles_small_and_round_trips() -> None:
    data = pickle.dumps(_CHECKER)
    # Compiled patterns and the registry are rebuilt on the other side, not shipped.
    assert len(data) < 20_000, len(data)
    again = pickle.loads(data)
    text, sender = _messages()[0]
    assert again.check(text, sender=sender, received_at=AT) == _CHECKER.check(
        text, sender=sender, received_at=AT
    )


def test_loading_rules_writes_no_files(tmp_path: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in smscheck_rules().rglob("*")}
    smscheck.RuleSet.load(smscheck_rules() / "zh-CN")
    after = {p: p.stat().st_mtime_ns for p in smscheck_rules().rglob("*")}
    assert before == after


def test_no_module_state_changes_after_import() -> None:
    mods = {
        name: set(vars(m)) for name, m in list(sys.modules.items()) if name.startswith("smscheck")
    }
    _check(_messages()[0])
    for name, names in mods.items():
        assert set(vars(sys.modules[name])) == names, name


def smscheck_rules() -> Path:
    from smscheck._paths import rules_dir

    return rules_dir()
