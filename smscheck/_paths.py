"""Where the shipped rule packs and registry live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def rules_dir() -> Path:
    """Return the shipped ``rules/`` folder (``smscheck/_rules`` in a wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"smscheck's rules folder is missing next to {here}")
