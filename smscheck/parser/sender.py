"""Stub: replaced by the real sender classifier."""

from __future__ import annotations

from ..models import Sender


def classify_sender(raw: str | None) -> Sender:
    return Sender(raw=raw)
