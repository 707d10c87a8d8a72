"""Reason and advice templates: ``{placeholder}`` slots and what each may name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from .. import matchers as m
from ..models import Evidence, ParsedMessage
from ..schema import (
    did_you_mean,
)

# Placeholders a reason may use besides ParsedMessage paths ({sender.raw}, {creditor} …).
EVIDENCE_PLACEHOLDERS: dict[str, str] = {
    "match": "the text the first piece of evidence matched (or the value it tested)",
    "matches": "every matched text, joined",
    "pattern": "the keyword or regex that matched",
    "field": "the field the first field test looked at",
    "value": "the value the first field test found",
    "org": "the organisation the evidence is about (registry leaves), else the one the message names",
    "hotline": "that organisation's official hotline, from the registry",
}
ADVICE_PLACEHOLDERS = ("org", "hotline")

_PLACEHOLDER = regex.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def _evidence_texts(ev: tuple[Evidence, ...]) -> list[str]:
    """What {match}/{matches} show: pieces of the message first; tested values only when no
    leaf matched text. Evidence of ``not`` leaves (an absence) is never shown as a match."""
    spans = [e.text for e in ev if e.span is not None and e.text]
    if spans:
        return list(dict.fromkeys(spans))
    return list(dict.fromkeys(e.value for e in ev if e.value and e.leaf != "not"))


# ---- templates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A reason or advice text with ``{placeholder}`` slots (``{{``/``}}`` for braces)."""

    parts: tuple[tuple[bool, str], ...]  # (is placeholder, text or name)
    names: tuple[str, ...] = field(init=False, compare=False, repr=False)  # placeholders used
    # with at most one placeholder (most reasons): the text before it and after it, joined
    # around the value without a pass over the parts
    _around: tuple[str, str] | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(t for is_ph, t in self.parts if is_ph))
        around = None
        if len(self.names) <= 1:
            at = next((i for i, (is_ph, _) in enumerate(self.parts) if is_ph), len(self.parts))
            around = (
                "".join(t for _, t in self.parts[:at]),
                "".join(t for _, t in self.parts[at + 1 :]),
            )
        object.__setattr__(self, "_around", around)

    @classmethod
    def parse(cls, text: str, allowed: Any) -> tuple[Template, list[str]]:
        """Split ``text``; return the template and a problem per unknown placeholder.

        ``allowed(name)`` returns None when ``name`` is fine, else the problem.
        """
        parts: list[tuple[bool, str]] = []
        problems: list[str] = []
        pos = 0
        for mt in _PLACEHOLDER.finditer(text):
            if mt.start() > pos:
                parts.append((False, text[pos : mt.start()]))
            tok = mt.group()
            if tok in ("{{", "}}"):
                parts.append((False, tok[0]))
            elif mt.group(1) is None:
                problems.append(f"unmatched {tok!r}; write {tok * 2} for a literal brace")
            else:
                name = mt.group(1).strip()
                err = allowed(name)
                if err:
                    problems.append(err)
                parts.append((True, name))
            pos = mt.end()
        if pos < len(text):
            parts.append((False, text[pos:]))
        return cls(tuple(parts)), problems

    def render(self, values: Mapping[str, str]) -> str:
        """Fill the slots."""
        around = self._around
        if around is not None:
            if not self.names:
                return around[0]
            name = self.names[0]
            return around[0] + values.get(name, name) + around[1]
        return "".join([values.get(t, t) if is_ph else t for is_ph, t in self.parts])


def _reason_placeholder(name: str) -> str | None:
    if name in EVIDENCE_PLACEHOLDERS:
        return None
    found = m.resolve_path(ParsedMessage, name, through_lists=True)
    if isinstance(found, str) and name.split(".")[0] in ParsedMessage.model_fields:
        return f"placeholder {{{name}}}: {found}"
    if isinstance(found, str):
        choices = [*EVIDENCE_PLACEHOLDERS, *ParsedMessage.model_fields]
        return (
            f"unknown placeholder {{{name}}}{did_you_mean(name, choices)}; use "
            + ", ".join(f"{{{c}}}" for c in EVIDENCE_PLACEHOLDERS)
            + " or a message field such as {sender.raw}"
        )
    return None


def _advice_placeholder(name: str) -> str | None:
    if name in ADVICE_PLACEHOLDERS:
        return None
    return f"unknown placeholder {{{name}}}{did_you_mean(name, ADVICE_PLACEHOLDERS)}; advice may use {{org}} and {{hotline}}"
