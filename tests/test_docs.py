"""The README's sample output and the JSON Schema files cannot drift from the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smscheck.cli import main
from smscheck.commands.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent


def test_readme_sample_output_is_what_demo_prints(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## What it says.*?```text\n(.*?)```", readme, re.S)
    assert block is not None
    assert main(["demo"]) == 0
    printed = capsys.readouterr().out.splitlines()
    shown = [line for line in block.group(1).splitlines() if line.strip() and line.strip() != "..."]
    missing = [line for line in shown if line not in printed]
    assert not missing, "README shows lines `smscheck demo` no longer prints:\n" + "\n".join(
        missing
    )


# Decorations that differ between pydantic releases (a Decimal's string pattern, titles);
# the contract is the shape: fields, types, required keys, enums.
_DECORATIONS = {"pattern", "title", "description", "default", "examples"}


def _shape(node: object, names: bool = False) -> object:
    """The schema without decorations; ``names``: keys are field or definition names, kept."""
    if isinstance(node, dict):
        return {
            k: _shape(v, names=k in ("properties", "$defs") and not names)
            for k, v in node.items()
            if names or k not in _DECORATIONS
        }
    if isinstance(node, list):
        return [_shape(x) for x in node]
    return node


@pytest.mark.parametrize(("model", "path"), [("verdict", "verdict"), ("parsed", "parsed")])
def test_json_schema_file_is_current(model: str, path: str) -> None:
    committed = json.loads((ROOT / "docs" / f"{path}.schema.json").read_text(encoding="utf-8"))
    assert _shape(committed) == _shape(json.loads(schema_text(model))), (
        f"regenerate: smscheck schema --model {model} > docs/{path}.schema.json"
    )
