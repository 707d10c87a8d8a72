"""Stub: replaced by the real extractor."""

from __future__ import annotations

from typing import Any

from ._context import Context


def extract_overdue_days(ctx: Context) -> tuple[Any, ...]:
    return ()


def extract_products(ctx: Context) -> tuple[Any, ...]:
    return ()


def extract_tails(ctx: Context) -> tuple[Any, ...]:
    return ()


def find_creditor(ctx: Context, *args: Any) -> str | None:
    return None


def classify_topics(ctx: Context, fields: dict[str, Any]) -> tuple[Any, ...]:
    return ("other",)
