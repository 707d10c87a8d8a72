"""Stub: replaced by the real extractor."""

from __future__ import annotations

from typing import Any

from ._context import Context


def extract_case_numbers(ctx: Context) -> tuple[Any, ...]:
    return ()


def extract_legal(ctx: Context) -> tuple[Any, ...]:
    return ()


def extract_organisations(ctx: Context) -> tuple[Any, ...]:
    return ()
