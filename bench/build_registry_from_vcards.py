"""Draft and check the registry facts derived from the vCards data set.

The committed YAML in ``rules/registry/`` is the source of truth. This script records how its
vCards-derived part was made and checks it stays honest:

    python bench/build_registry_from_vcards.py --check [VCARDS_DIR]
        every fact sourced ``vcards:data/<path>.yaml`` must appear in that vCards file
        (a number, after reducing to digits and dropping +86; a domain, as the url's host
        or a parent of it). Exit 1 on any mismatch.

    python bench/build_registry_from_vcards.py --draft NAME [VCARDS_DIR]
        print YAML fact lines (senders, numbers, domains, hotline) for one vCards organisation,
        to paste into a registry file by hand.

Data from metowolf/vCards (https://github.com/metowolf/vCards), MIT licence,
© metowolf and contributors.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VCARDS = Path("/work/shared/data/vcards")

# Service numbers and short codes send SMS; 400/800 numbers and landlines are voice lines.
SENDER = re.compile(r"^(?:9[56][0-9]{3,6}|1[0-2][0-9]{3,}|106[0-9]+)$")


def national(raw: str) -> str | None:
    """Digits of a Chinese number (+86 dropped, landline trunk 0 restored); None for foreign."""
    s = raw.strip()
    digits = re.sub(r"[^0-9]", "", s)
    if s.startswith("+86"):
        digits = digits[2:]
        if digits[:1] in "2345678" and not digits.startswith(("400", "800")):
            digits = "0" + digits
    elif s.startswith("+"):
        return None
    return digits


def host_of(url: str) -> str:
    h = urlsplit(url).hostname or ""
    return h[4:] if h.startswith("www.") else h


def load_vcards(folder: Path) -> dict[str, dict[str, object]]:
    """Rows of numbers.jsonl keyed by their source_path."""
    rows = {}
    for line in (folder / "numbers.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[row["source_path"]] = row
    return rows


def draft(name: str, folder: Path) -> str:
    """YAML fact lines for the vCards organisation called ``name``."""
    rows = [r for r in load_vcards(folder).values() if r["name"] == name]
    if not rows:
        raise SystemExit(f"no vCards organisation named {name!r}")
    row = rows[0]
    src = f"vcards:{row['source_path']}"
    out = {"senders": [], "numbers": []}
    for raw in row["numbers"]:  # type: ignore[union-attr]
        d = national(raw)
        if d:
            out["senders" if SENDER.match(d) else "numbers"].append(d)
    lines = []
    for fld in ("senders", "numbers"):
        if out[fld]:
            lines.append(f"    {fld}:")
            lines.extend(f'      - {{value: "{d}", source: "{src}"}}' for d in out[fld])
    if row.get("url"):
        lines.append("    domains:")
        lines.append(f'      - {{value: "{host_of(str(row["url"]))}", source: "{src}"}}')
    first = (out["senders"] or out["numbers"] or [None])[0]
    if first:
        lines.append(f'    hotline: {{value: "{first}", source: "{src}"}}')
    return "\n".join(lines)


def check(folder: Path) -> list[str]:
    """Problems with vCards-sourced facts in the committed registry."""
    rows = load_vcards(folder)
    problems = []
    for f in sorted((ROOT / "rules" / "registry").glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for org in data.get("organisations", []):
            facts = []
            for fld in ("senders", "numbers", "domains", "short_domains"):
                facts += [(fld, x) for x in org.get(fld, [])]
            if org.get("hotline"):
                facts.append(("hotline", org["hotline"]))
            for fld, fact in facts:
                srcs = fact["source"] if isinstance(fact["source"], list) else [fact["source"]]
                for s in srcs:
                    if not s.startswith("vcards:"):
                        continue
                    row = rows.get(s[len("vcards:") :])
                    where = f"{f.name}: {org['id']}: {fld} {fact['value']}"
                    if row is None:
                        problems.append(f"{where}: no vCards file {s}")
                    elif fld in ("domains", "short_domains"):
                        host = host_of(str(row.get("url", "")))
                        v = fact["value"]
                        if not (host == v or host.endswith("." + v) or v.endswith("." + host)):
                            problems.append(f"{where}: vCards url host is {host!r}")
                    elif fact["value"] not in {national(n) for n in row["numbers"]}:  # type: ignore[union-attr]
                        problems.append(f"{where}: not among {row['numbers']}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "--check":
        folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_VCARDS
        problems = check(folder)
        print("\n".join(problems) or "ok: every vcards-sourced fact matches the data")
        return 1 if problems else 0
    if len(argv) >= 2 and argv[0] == "--draft":
        folder = Path(argv[2]) if len(argv) > 2 else DEFAULT_VCARDS
        print(draft(argv[1], folder))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
