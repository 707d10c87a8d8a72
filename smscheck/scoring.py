"""Hits → score and label. Pure: knows nothing about YAML, rules or messages.

Category caps keep one kind of evidence from deciding alone (ten threat words are one sign,
not ten). A cap bounds the absolute sum of a category's weights. When a category goes over,
its hits are filled greedily, strongest first: each keeps its full weight while the running
sum stays within the cap, the one that crosses it keeps the remainder, the rest weigh 0. Every
hit stays listed (with ``full_weight`` set when it was cut), so the evidence is never hidden,
and ``score == sum(h.weight for h in hits)`` holds exactly, by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .models import Hit, Label, trusted


@dataclass(frozen=True)
class Scored:
    """The outcome of scoring: the hits as shown (caps applied), their sum, the label."""

    hits: tuple[Hit, ...]
    score: float
    label: Label


def cap_weights(
    items: Sequence[tuple[str, str, float]], caps: Mapping[str, float]
) -> list[tuple[int, float]]:
    """The caps on ``(rule id, category, weight)`` items: ``(index, weight shown)`` pairs in
    the order shown (strongest first, then by id). :func:`apply_caps` is this on hits.

    >>> cap_weights([("a", "threats", 3.0), ("b", "threats", 2.0), ("c", "fees", 1.0)],
    ...             {"threats": 4})
    [(0, 3.0), (1, 1.0), (2, 1.0)]
    """
    order = sorted(range(len(items)), key=lambda i: (-items[i][2], items[i][0]))
    budget: dict[str, float] = {}
    out: list[tuple[int, float]] = []
    for i in order:
        _, category, weight = items[i]
        cap = caps.get(category)
        if cap is None or weight == 0:
            out.append((i, weight))
            continue
        sign = 1.0 if weight > 0 else -1.0
        key = f"{category}{'+' if sign > 0 else '-'}"
        left = budget.get(key, cap)
        size = abs(weight)
        if size <= left:
            budget[key] = left - size
            out.append((i, weight))
            continue
        budget[key] = 0.0
        out.append((i, sign * left))
    # Strongest evidence first, legitimacy last: the order explain() shows.
    out.sort(key=lambda p: (-p[1], items[p[0]][0]))
    return out


def apply_caps(hits: Iterable[Hit], caps: Mapping[str, float]) -> tuple[Hit, ...]:
    """Return ``hits`` with per-category caps applied (order: strongest first, then by id).

    >>> from smscheck.models import Localized
    >>> r = Localized(zh="x", en="x")
    >>> hs = [Hit(rule_id=i, category="threats", weight=w, reason=r) for i, w in [("a", 3), ("b", 2)]]
    >>> [(h.rule_id, h.weight, h.full_weight) for h in apply_caps(hs, {"threats": 4})]
    [('a', 3.0, None), ('b', 1.0, 2.0)]
    """
    hits = list(hits)
    shown = cap_weights([(h.rule_id, h.category, h.weight) for h in hits], caps)
    return tuple(hits[i] if w == hits[i].weight else _capped(hits[i], w) for i, w in shown)


def _capped(hit: Hit, weight: float) -> Hit:
    """``hit.model_copy(update={"weight": weight, "full_weight": hit.weight})``: the same
    object (fields, their order, the set of fields given), without pydantic's generic copy."""
    fields = dict(hit.__dict__)
    fields["weight"] = weight
    fields["full_weight"] = hit.weight
    return trusted(Hit, fields, hit.__pydantic_fields_set__ | {"weight", "full_weight"})


def label_for(score: float, thresholds: tuple[float, float]) -> Label:
    """``forged`` at or above the second threshold, ``suspicious`` at or above the first.

    >>> label_for(3.0, (3.0, 6.0)), label_for(2.9, (3.0, 6.0)), label_for(6.0, (3.0, 6.0))
    (<Label.SUSPICIOUS: 'suspicious'>, <Label.LEGITIMATE: 'legitimate'>, <Label.FORGED: 'forged'>)
    """
    suspicious, forged = thresholds
    score += 1e-9  # 2.9999999999 from a float sum of 1.1 + 1.9 still reaches 3
    if score >= forged:
        return Label.FORGED
    if score >= suspicious:
        return Label.SUSPICIOUS
    return Label.LEGITIMATE


def score(
    hits: Iterable[Hit], *, caps: Mapping[str, float], thresholds: tuple[float, float]
) -> Scored:
    """Apply caps, sum the weights shown, pick the label.

    Positive and negative weights of one category are capped separately, so a cap on
    ``legitimacy`` bounds how much reassurance can offset, and evidence for a message never
    eats the budget of evidence against it.
    """
    shown = apply_caps(hits, caps)
    total = float(sum(h.weight for h in shown))
    return Scored(hits=shown, score=total, label=label_for(total, thresholds))
