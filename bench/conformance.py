"""Run smscheck's amount and date extractors against peers' Chinese cases: Microsoft
Recognizers-Text's specs and JioNLP's money and time parser cases.

Usage: ``python bench/conformance.py [--peers PATH] [--failures N]``

``PATH`` defaults to ``../shared/peers`` next to the repository (the folder holding
``Recognizers-Text/`` and ``JioNLP/``). See that folder's README for the file formats.

JioNLP (``JioNLP/jionlp_money.jsonl``, ``JioNLP/jionlp_time.jsonl``)
---------------------------------------------------------------------
Money: each input is a money expression alone. A case passes when our amounts are exactly the
expected one (``range_part`` none) or the expected two (``low`` then ``high``), each with the
expected value (ours cut to two decimals, as JioNLP writes it) and currency (JioNLP's Chinese
name mapped to ISO 4217). "Explicit" cases are those with no vague or bounding word (约, 近,
左右, 上下, 多, 几, 数, 至少, 以上, 不到, 小于, 含) and not a run of two digits (三五百): an SMS
states those amounts, while the others are estimates we do not turn into numbers. All 54 are
also counted.

Time: the deadline-form cases that are deadlines, i.e. ``deadline_form`` is set, the type is
``time_span`` and the span starts at the reference time (padded with zeros when the reference
is partial). A case passes when :func:`pick_deadline` of our mentions equals JioNLP's end (an
exact instant) or the second after it (JioNLP's ends are inclusive at one-second granularity).
A second, looser count accepts an end up to a day before that: the right day, read with a
different end convention (JioNLP ends ``60日内`` and ``下午6点前`` at the end of the day or the
hour, we at ``received_at + 60 days`` and at 18:00).

Which cases, and how they are compared
--------------------------------------
Money (``Specs/NumberWithUnit/Chinese/CurrencyModel.json``): all 35 tests. A test passes when
our amounts and the expected results are the same set, each compared on

- span: our half-open span equals ``[Start, End + 1)`` (``End`` is inclusive in the spec);
- text: equal after NFKC (the spec sometimes writes the text normalised);
- value: ``Decimal`` equality; a value the spec writes in scientific notation
  (``2.02107211321364E+23``) is compared at the precision it is written with; a ``null``
  value (a bare ``人民币`` with no number) cannot be matched, since an ``Amount`` always has one;
- currency: our ISO code equals ``isoCurrency`` when the spec gives one (``$20`` has none).

Dates (``Specs/DateTime/Chinese``): the tests that are dates or deadlines, i.e.

- ``DateParser.json`` and ``DateTimeParser.json``: every test whose results are all of type
  ``date`` or ``datetime``;
- ``DateTimeModel.json``: every test whose results are all ``datetimeV2.date`` or
  ``datetimeV2.datetime``, plus the tests that expect no result at all (negatives);
  tests whose ``NotSupportedByDesign`` names python are skipped, as the README says.

Ranges, durations, sets, bare times and time ranges are not selected: they are not dates or
deadlines an SMS states. A test passes when every expected result has a mention of ours
with the same span and a resolved value equal to one of the values the spec accepts (its
future or past resolution: the day of our ``start`` for a ``date``, our ``start`` to the second
for a ``datetime``), and we report nothing else. ``ReferenceDateTime`` is ``received_at`` in
Asia/Shanghai.

The Python port's figure on the same selection is the number of selected tests not marked
``NotSupported`` for python (the README: treat it as "the port fails this test").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smscheck._text import normalize  # noqa: E402
from smscheck.parser._context import SHANGHAI, Context  # noqa: E402
from smscheck.parser.amounts import extract_amounts  # noqa: E402
from smscheck.parser.dates import extract_dates, pick_deadline  # noqa: E402

_REF = datetime(2024, 12, 13, 12, 0, tzinfo=SHANGHAI)
_DATE_FILES = ("DateParser.json", "DateTimeParser.json", "DateTimeModel.json")
_DATE_TYPES = frozenset({"date", "datetime", "datetimeV2.date", "datetimeV2.datetime"})


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip()


def _load(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8-sig"))
    return data


def _port_fails(test: dict[str, Any]) -> bool:
    return "python" in str(test.get("NotSupported", "")).lower()


def _ctx(text: str, ref: datetime) -> Context:
    return Context(normalize(text), "zh-CN", ref, SHANGHAI)


def _ref(test: dict[str, Any]) -> datetime:
    raw = (test.get("Context") or {}).get("ReferenceDateTime")
    return datetime.fromisoformat(raw).replace(tzinfo=SHANGHAI) if raw else _REF


def _value_equal(ours: Decimal, expected: str) -> bool:
    if "E" in expected.upper():
        mantissa = expected.upper().split("E")[0]
        digits = len(mantissa.replace(".", "").replace("-", "").lstrip("0"))
        q = Decimal(expected)
        return f"{ours:.{digits - 1}E}" == f"{q:.{digits - 1}E}"
    return ours == Decimal(expected)


def run_currency(root: Path) -> tuple[int, int, int, list[str]]:
    """Return (passed, total, port_passed, failure lines) for CurrencyModel.json."""
    tests = _load(root / "Specs/NumberWithUnit/Chinese/CurrencyModel.json")
    passed = port = 0
    failures: list[str] = []
    for t in tests:
        port += not _port_fails(t)
        ours = extract_amounts(_ctx(t["Input"], _REF))
        got = {(a.span.start, a.span.end, _nfkc(a.text)): a for a in ours}
        ok = len(got) == len(t["Results"])
        for r in t["Results"]:
            key = (r["Start"], r["End"] + 1, _nfkc(r["Text"]))
            a = got.get(key)
            res = r["Resolution"]
            if (
                a is None
                or res.get("value") is None
                or not _value_equal(a.value, res["value"])
                or (res.get("isoCurrency") and res["isoCurrency"] != a.currency)
            ):
                ok = False
        passed += ok
        if not ok:
            mine = [f"{a.text}={a.value} {a.currency}" for a in ours]
            want = [
                f"{r['Text']}={r['Resolution'].get('value')} {r['Resolution'].get('isoCurrency', '-')}"
                for r in t["Results"]
            ]
            failures.append(f"  {t['Input']!r}: want {want}, got {mine}")
    return passed, len(tests), port, failures


def _expected_dates(t: dict[str, Any], model: bool) -> list[tuple[int, int, str, set[str]]] | None:
    """(start, end, type, accepted values) per expected result, or None when not selected."""
    out = []
    for r in t["Results"]:
        kind = r["TypeName"] if model else r["Type"]
        if kind not in _DATE_TYPES:
            return None
        if model:
            end = r["End"] + 1
            values = {v.get("value", "") for v in r["Resolution"]["values"]}
        else:
            end = r["Start"] + r["Length"]
            v = r["Value"]
            values = {
                x for res in (v["FutureResolution"], v["PastResolution"]) for x in res.values()
            }
        short = "datetime" if kind.endswith("datetime") else "date"
        out.append((r["Start"], end, short, values))
    return out


def _selected(
    tests: Iterable[dict[str, Any]], model: bool
) -> Iterable[tuple[dict[str, Any], list[Any]]]:
    for t in tests:
        if model and "python" in str(t.get("NotSupportedByDesign", "")).lower():
            continue
        exp = _expected_dates(t, model)
        if exp is not None:
            yield t, exp


def run_dates(root: Path, name: str) -> tuple[int, int, int, list[str]]:
    """Return (passed, selected, port_passed, failure lines) for one DateTime spec file."""
    model = "Model" in name
    tests = _load(root / "Specs/DateTime/Chinese" / name)
    passed = total = port = 0
    failures: list[str] = []
    for t, exp in _selected(tests, model):
        total += 1
        port += not _port_fails(t)
        ours = extract_dates(_ctx(t["Input"], _ref(t)))
        by_span = {(d.span.start, d.span.end): d for d in ours}
        ok = len(ours) == len(exp)
        for start, end, kind, values in exp:
            d = by_span.get((start, end))
            if d is None:
                ok = False
                continue
            local = d.start.astimezone(SHANGHAI).replace(tzinfo=None)
            mine = f"{local.year:04d}-{local.month:02d}-{local.day:02d}"
            if kind == "datetime":
                mine += f" {local.hour:02d}:{local.minute:02d}:{local.second:02d}"
            if mine not in values:
                ok = False
        passed += ok
        if not ok:
            got = [f"{d.text}@{d.span.start}:{d.start.strftime('%Y-%m-%d %H:%M')}" for d in ours]
            want = [f"{t['Input'][s:e]}@{s}:{sorted(v)}" for s, e, _, v in exp]
            failures.append(f"  {t['Input']!r}: want {want}, got {got}")
    return passed, total, port, failures


_JIO_CURRENCY = {
    "元": "CNY", "港元": "HKD", "日元": "JPY", "泰铢": "THB", "欧元": "EUR", "美元": "USD",
    "新台币": "TWD", "卢布": "RUB", "澳元": "AUD", "韩元": "KRW",
}  # fmt: skip
_VAGUE = re.compile("约|近|左右|上下|多|几|数|至少|以上|不到|小于|含")


def _jio_explicit(case: dict[str, Any]) -> bool:
    return _VAGUE.search(case["input"]) is None and case["section"] != "连续金额"


def run_jio_money(root: Path) -> tuple[int, int, int, int, list[str]]:
    """(explicit passed, explicit total, all passed, all total, failure lines) for JioNLP money."""
    ok_exp = n_exp = ok_all = n_all = 0
    failures: list[str] = []
    for line in (root / "jionlp_money.jsonl").read_text("utf-8").splitlines():
        case = json.loads(line)
        want = case["expected"]
        nums = want["num"] if isinstance(want["num"], list) else [want["num"]]
        parts: list[str | None] = ["low", "high"] if len(nums) == 2 else [None]
        cur = _JIO_CURRENCY[want["case"]]
        ours = extract_amounts(_ctx(case["input"], _REF))
        ok = len(ours) == len(nums) and all(
            a.value.quantize(Decimal("0.01"), ROUND_DOWN) == Decimal(n)
            and a.currency == cur
            and a.range_part == part
            for a, n, part in zip(ours, nums, parts, strict=False)
        )
        explicit = _jio_explicit(case)
        n_all += 1
        ok_all += ok
        n_exp += explicit
        ok_exp += ok and explicit
        if not ok:
            mine = [f"{a.text}={a.value} {a.currency} {a.range_part or ''}".strip() for a in ours]
            tag = "explicit" if explicit else "vague"
            failures.append(f"  [{tag}] {case['input']!r}: want {nums} {cur}, got {mine}")
    return ok_exp, n_exp, ok_all, n_all, failures


def _jio_reference(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    parts = raw.split("T")
    day = [*parts[0].split("-"), "01", "01"]
    text = "-".join(day[:3])
    if len(parts) > 1:
        clock = parts[1][:8]
        if "+" in parts[1]:
            clock = parts[1].split("+")[0]
        fields = [*clock.split(":"), "00", "00"]
        text += "T" + ":".join(f.zfill(2) for f in fields[:3])
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def run_jio_deadlines(root: Path) -> tuple[int, int, int, list[str]]:
    """(passed, loosely passed, selected, failure lines) for JioNLP's deadline cases."""
    passed = loose = total = 0
    failures: list[str] = []
    for line in (root / "jionlp_time.jsonl").read_text("utf-8").splitlines():
        case = json.loads(line)
        want = case["expected"]
        ref = _jio_reference(case["reference_time"])
        if not case["deadline_form"] or want["type"] != "time_span" or ref is None:
            continue
        if want["time"][0] != ref.strftime("%Y-%m-%d %H:%M:%S"):
            continue
        total += 1
        end = datetime.fromisoformat(want["time"][1]).replace(tzinfo=SHANGHAI)
        dates = extract_dates(_ctx(case["input"], ref))
        got = pick_deadline(dates)
        ok = got is not None and got in (end, end + timedelta(seconds=1))
        passed += ok
        loose += got is not None and timedelta(0) <= end + timedelta(seconds=1) - got <= timedelta(
            days=1
        )
        if not ok:
            mine = [f"{d.text}:{d.role}:{d.end.strftime('%Y-%m-%d %H:%M:%S')}" for d in dates]
            failures.append(
                f"  {case['input']!r} (ref {ref:%Y-%m-%d %H:%M:%S}): want end {want['time'][1]}, "
                f"got {got.strftime('%Y-%m-%d %H:%M:%S') if got else None} {mine}"
            )
    return passed, loose, total, failures


def main(argv: list[str] | None = None) -> int:
    """Print pass rates per spec file and the failing cases."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "peers"
    ap.add_argument("--peers", type=Path, default=default, help=f"peers folder (default {default})")
    ap.add_argument("--failures", type=int, default=100, help="failing cases to list per file")
    args = ap.parse_args(argv)
    root = args.peers / "Recognizers-Text"
    jio = args.peers / "JioNLP"
    if not root.is_dir() or not jio.is_dir():
        print(f"no Recognizers-Text or JioNLP folder under {args.peers}", file=sys.stderr)
        return 2
    rows = [("CurrencyModel.json", *run_currency(root))]
    rows += [(name, *run_dates(root, name)) for name in _DATE_FILES]
    date_pass = date_total = date_port = 0
    for name, ok, total, port, failures in rows:
        print(f"{name}: {ok}/{total} ({ok / max(total, 1):.1%}); python port {port}/{total}")
        for line in failures[: args.failures]:
            print(line)
        if name != "CurrencyModel.json":
            date_pass, date_total, date_port = date_pass + ok, date_total + total, date_port + port
    print(
        f"dates overall: {date_pass}/{date_total} ({date_pass / max(date_total, 1):.1%}); "
        f"python port {date_port}/{date_total} ({date_port / max(date_total, 1):.1%})"
    )
    ok_exp, n_exp, ok_all, n_all, failures = run_jio_money(jio)
    print(f"JioNLP money: explicit {ok_exp}/{n_exp}; all {ok_all}/{n_all}")
    for line in failures[: args.failures]:
        print(line)
    ok, loose, total, failures = run_jio_deadlines(jio)
    print(f"JioNLP deadlines: {ok}/{total}; within a day (end convention aside) {loose}/{total}")
    for line in failures[: args.failures]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
