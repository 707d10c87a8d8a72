"""The on-disk cache of compiled shipped packs and registry (smscheck._cache)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from smscheck import _cache
from smscheck.registry import Registry


class Built:
    """A cacheable object that records how often it was built."""

    count = 0

    def __init__(self, value: str) -> None:
        Built.count += 1
        self.value = value


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SMSCHECK_CACHE_DIR", str(folder))
    Built.count = 0
    return folder


@pytest.fixture
def rule_file(tmp_path: Path) -> Path:
    f = tmp_path / "rules.yaml"
    f.write_text("rules: []\n", encoding="utf-8")
    return f


def _get(rule_file: Path, value: str = "v") -> Built:
    return _cache.load_or_build("demo", [rule_file], lambda: Built(value), Built)


def test_cache_second_load_reads_the_file_instead_of_building(cache: Path, rule_file: Path) -> None:
    first = _get(rule_file)
    second = _get(rule_file)
    assert Built.count == 1
    assert second is not first
    assert second.value == "v"
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["demo"]


def test_cache_changed_file_builds_again_and_keeps_the_four_newest_entries(
    cache: Path, rule_file: Path
) -> None:
    import os

    for i in range(6):
        rule_file.write_text(f"rules: [] # version {i}\n", encoding="utf-8")
        assert _get(rule_file, f"v{i}").value == f"v{i}"
        for n, entry in enumerate(sorted(cache.glob("demo-*.pickle"))):  # distinct mtimes
            os.utime(entry, (1_000_000 + n, 1_000_000 + n))
        newest = cache / f"demo-{_cache.fingerprint([rule_file])[:32]}.pickle"
        os.utime(newest, (2_000_000 + i, 2_000_000 + i))
    assert Built.count == 6
    assert len(list(cache.glob("demo-*.pickle"))) == 4
    assert _get(rule_file).value == "v5"  # the newest is still there and read
    assert Built.count == 6


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps({"another": "type"})],
    ids=["empty", "junk", "wrong-type"],
)
def test_cache_unreadable_entry_is_rebuilt_without_error(
    cache: Path, rule_file: Path, content: bytes
) -> None:
    _get(rule_file)
    (entry,) = cache.glob("demo-*.pickle")
    entry.write_bytes(content)
    assert _get(rule_file).value == "v"
    assert Built.count == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_cache_entry_others_may_write_is_never_loaded(cache: Path, rule_file: Path) -> None:
    _get(rule_file)
    (entry,) = cache.glob("demo-*.pickle")
    entry.chmod(0o666)
    _get(rule_file)
    assert Built.count == 2


def test_cache_empty_setting_turns_it_off(
    tmp_path: Path, rule_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMSCHECK_CACHE_DIR", "")
    Built.count = 0
    _get(rule_file)
    _get(rule_file)
    assert Built.count == 2
    assert _cache.cache_dir() is None


def test_cache_folder_that_cannot_be_created_only_costs_time(
    tmp_path: Path, rule_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SMSCHECK_CACHE_DIR", str(blocker / "cache"))
    Built.count = 0
    assert _get(rule_file).value == "v"
    assert _get(rule_file).value == "v"
    assert Built.count == 2


def test_cache_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SMSCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _cache.cache_dir() == tmp_path / "smscheck"


def test_cache_registry_pickles_without_its_per_process_state() -> None:
    from datetime import datetime, timezone

    from smscheck import parse

    reg = Registry.load()
    msg = parse("【建设银行】您的信用卡已逾期，请致电95533。京东金融提醒您还款。", sender="95533",
                received_at=datetime(2024, 12, 13, tzinfo=timezone.utc))  # fmt: skip
    reg.named_in(msg)  # fills the per-process caches, which must not travel
    back = pickle.loads(pickle.dumps(reg))
    assert "_cache_lock" in vars(back)
    assert back._last_nt is None
    assert back.sender_orgs("106980095533") == reg.sender_orgs("106980095533") == ("ccb",)
    assert back.domain_orgs("jr.jd.com") == reg.domain_orgs("jr.jd.com")
    assert [m.org_id for m in back.named_in(msg)] == [m.org_id for m in reg.named_in(msg)]
    assert [m.org_id for m in reg.named_in(msg)][:2] == ["ccb", "jd-finance"]


_SCRIPT = """
import json, datetime as d, smscheck
when = d.datetime(2024, 12, 13, 20, 46, tzinfo=d.timezone(d.timedelta(hours=8)))
texts = [
    ("【京东金融】您的白条已逾期3天，应还1,234.56元，请登录京东金融App还款。", "95118"),
    ("【法院】你已被起诉，请加微信fy12368缴纳保证金5000元撤诉，否则冻结名下账户。", "13912345678"),
    ("Final notice: your account is in collection. Pay $300 in gift cards today.", "+12025550123"),
]
print(json.dumps([smscheck.check(t, sender=s, received_at=when).model_dump(mode="json")
                  for t, s in texts]))
"""


def test_cache_verdicts_are_identical_when_compiled_and_when_loaded(tmp_path: Path) -> None:
    env = {**os.environ, "SMSCHECK_CACHE_DIR": str(tmp_path / "c")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    names = sorted(
        p.name.split("-")[0] + "-" + p.name.split("-")[1] for p in (tmp_path / "c").iterdir()
    )
    assert names == ["pack-en", "pack-zh", "registry-" + names[2].split("-")[1]]
    first, second = (json.loads(r) for r in runs)
    assert first == second
    assert [v["label"] for v in first] == ["legitimate", "forged", "suspicious"]


def test_cache_a_moved_rule_file_is_a_new_entry(cache: Path, tmp_path: Path) -> None:
    a = tmp_path / "a" / "rules.yaml"
    b = tmp_path / "b" / "rules.yaml"
    for f in (a, b):
        f.parent.mkdir()
        f.write_text("rules: []\n", encoding="utf-8")
    assert _cache.fingerprint([a]) != _cache.fingerprint([b])  # same bytes, another place
    _get(a)
    _get(b)
    assert Built.count == 2


def test_cache_compiled_rules_and_packs_have_no_instance_dict() -> None:
    """Rules, examples and packs keep their fields in slots, also once unpickled from the cache:
    an unpickled object with a ``__dict__`` reads its attributes through the dict (measured
    +1.2 % instructions per check when the packs came from the cache)."""
    from smscheck import RuleSet

    rs = RuleSet.load([], include_default=True, check_examples=False)
    pack = rs._pack("zh-CN")
    rule = pack.order[0]
    loaded = pickle.loads(pickle.dumps(pack))
    for obj in (pack, pack.settings, rule, loaded, loaded.settings, loaded.order[0]):
        assert not hasattr(obj, "__dict__"), type(obj).__name__
    assert (loaded.order[0].id, loaded.order[0].weight) == (rule.id, rule.weight)
    assert [r.id for r in loaded.order] == [r.id for r in pack.order]
    assert rule.examples
    assert pickle.loads(pickle.dumps(rule.examples[0])) == rule.examples[0]
