"""Run smscheck's amount and date extractors against Microsoft Recognizers-Text's Chinese specs.

Usage: ``python bench/conformance.py [--peers PATH] [--failures N]``

``PATH`` defaults to ``../shared/peers`` next to the repository (the folder holding
``Recognizers-Text/``). See that folder's README for the file formats.

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
import sys
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from smscheck._text import normalize
from smscheck.parser._context import SHANGHAI, Context
from smscheck.parser.amounts import extract_amounts
from smscheck.parser.dates import extract_dates

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


def main(argv: list[str] | None = None) -> int:
    """Print pass rates per spec file and the failing cases."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "peers"
    ap.add_argument("--peers", type=Path, default=default, help=f"peers folder (default {default})")
    ap.add_argument("--failures", type=int, default=100, help="failing cases to list per file")
    args = ap.parse_args(argv)
    root = args.peers / "Recognizers-Text"
    if not root.is_dir():
        print(f"no Recognizers-Text folder under {args.peers}", file=sys.stderr)
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
