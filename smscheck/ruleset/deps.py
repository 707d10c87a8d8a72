"""Dependency order of a pack's rules (``rule:`` references and ``absorb``): closures,
cycles, evaluation order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pack import Pack, Rule


def _closure(pack: Pack, rule: Rule) -> list[Rule]:
    """``rule`` and every rule it depends on, dependencies first."""
    return _dependencies_first(pack, [rule])


def _dependencies_first(pack: Pack, roots: Iterable[Rule]) -> list[Rule]:
    """``roots`` and every rule they refer to, each after the rules it refers to (a reference
    to a rule the pack does not have is skipped: the loader has reported it already)."""
    out: list[Rule] = []
    seen: set[str] = set()

    def visit(r: Rule) -> None:
        if r.id in seen:
            return
        seen.add(r.id)
        for dep in r.refs:
            if dep in pack.rules:
                visit(pack.rules[dep])
        out.append(r)

    for root in roots:
        visit(root)
    return out


def _cycles(pack: Pack) -> list[tuple[str, ...]]:
    """Each reference cycle once, starting at its first rule in load order."""
    color: dict[str, int] = {}
    found: list[tuple[str, ...]] = []
    stack: list[str] = []

    def visit(rid: str) -> None:
        color[rid] = 1
        stack.append(rid)
        for dep in pack.rules[rid].refs:
            if dep not in pack.rules:
                continue
            if color.get(dep) == 1:
                found.append(tuple(stack[stack.index(dep) :]))
            elif dep not in color:
                visit(dep)
        stack.pop()
        color[rid] = 2

    for rid in pack.rules:
        if rid not in color:
            visit(rid)
    return found


def _order(pack: Pack) -> tuple[Rule, ...]:
    """Rules to evaluate, dependencies first: active rules and whatever they refer to."""
    return tuple(_dependencies_first(pack, (r for r in pack.rules.values() if r.active)))
