"""Stub: replaced by the real extractor."""

from __future__ import annotations

from typing import Any

from ._context import Context


def extract_dates(ctx: Context) -> tuple[Any, ...]:
    return ()


def pick_deadline(dates: tuple[Any, ...]) -> Any:
    return None
