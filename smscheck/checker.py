"""The checker: parse → rules → score → :class:`Verdict`. The only module joining all three."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from .errors import RuleFileError
from .models import Summary, Verdict, trusted
from .parser import parse_with_text
from .ruleset import EXAMPLE_TIME, Example, RuleSet
from .scoring import cap_weights, label_for, score


class Checker:
    """Check messages against a compiled :class:`RuleSet`. Immutable and thread-safe.

    ``Checker()`` uses the shipped packs and registry (:meth:`RuleSet.default`).

    >>> from datetime import datetime, timezone, timedelta
    >>> rules = RuleSet.from_yaml('''
    ... rules:
    ...   - id: unfreeze-fee
    ...     category: upfront_fee
    ...     weight: 4
    ...     description: {zh: 要求先交解冻费, en: Demands an unfreezing fee}
    ...     when: {text: {keywords: [解冻费]}}
    ... ''')
    >>> v = Checker(rules).check("请先缴纳解冻费500元", received_at=datetime(2024, 12, 13, tzinfo=timezone.utc))
    >>> v.label.value, v.score, v.hits[0].evidence[0].text
    ('suspicious', 4.0, '解冻费')
    """

    __slots__ = ("_rules",)

    def __init__(self, rules: RuleSet | None = None) -> None:
        """Use ``rules``, or the shipped default rule set."""
        if rules is not None and not isinstance(rules, RuleSet):
            raise TypeError(
                f"rules must be a RuleSet (e.g. RuleSet.load('my_rules/')), not {type(rules).__name__}"
            )
        self._rules = rules if rules is not None else RuleSet.default()

    @property
    def rules(self) -> RuleSet:
        """The rule set this checker uses."""
        return self._rules

    def __reduce__(self) -> tuple[Any, ...]:
        return (Checker, (self._rules,))

    def check(
        self,
        text: str,
        *,
        sender: str | None = None,
        received_at: datetime | None = None,
        locale: str | None = None,
    ) -> Verdict:
        """Parse ``text``, evaluate the rules of its locale's pack, score the hits.

        Returns:
            A :class:`Verdict`: label, score (the exact sum of the hits' weights after category
            caps), hits with evidence, advice, and warnings (e.g. no pack for the locale).

        Raises:
            TypeError: ``text`` is not a ``str``, ``sender`` not a ``str``/``None``.
            ValueError: ``received_at`` is naive, or ``locale`` unknown.
        """
        msg, nt = parse_with_text(text, sender=sender, received_at=received_at, locale=locale)
        ev = self._rules.evaluate_detailed(msg, nt)
        scored = score(ev.hits, caps=ev.caps, thresholds=ev.thresholds)
        advice, advice_en = self._rules.advice(ev, scored.label.value)
        low, high = ev.thresholds
        fields = {"label": scored.label, "score": float(scored.score), "hits": scored.hits,
                  "parsed": msg, "advice": advice, "advice_en": advice_en,
                  "warnings": ev.warnings, "thresholds": (float(low), float(high))}  # fmt: skip
        # every value already has its field's type (what Verdict(**fields) would check)
        return trusted(Verdict, fields, set(_VERDICT_FIELDS))

    def summarize(
        self,
        text: str,
        *,
        sender: str | None = None,
        received_at: datetime | None = None,
        locale: str | None = None,
    ) -> Summary:
        """Like :meth:`check`, without building evidence, reasons or advice.

        The label, score, warnings and thresholds are exactly those :meth:`check` gives, and
        ``rule_ids`` are its hits' ids in the same order; ``parsed`` is the same message.
        Evidence, reasons and advice take about a fifth of :meth:`check`'s time: use this
        where only the outcome is kept (``smscheck batch`` does).

        Raises:
            TypeError, ValueError: as :meth:`check`.

        >>> from datetime import datetime, timezone
        >>> s = Checker().summarize("我是法院，速转保证金到个人账户", sender="13812345678",
        ...                         received_at=datetime(2024, 12, 13, tzinfo=timezone.utc))
        >>> s.label.value, s.score, s.rule_ids
        ('forged', 12.0, ('pay-to-personal-account', 'legal-notice-from-personal-mobile', 'fee-before-settlement'))
        """
        msg, nt = parse_with_text(text, sender=sender, received_at=received_at, locale=locale)
        items, warnings, thresholds, caps = self._rules.summarize(msg, nt)
        shown = cap_weights(items, caps)
        total = float(sum(w for _, w in shown))
        return Summary(
            label=label_for(total, thresholds),
            score=total,
            rule_ids=tuple(items[i][0] for i, _ in shown),
            parsed=msg,
            warnings=warnings,
            thresholds=thresholds,
        )


_VERDICT_FIELDS = frozenset(
    {"label", "score", "hits", "parsed", "advice", "advice_en", "warnings", "thresholds"}
)

_default: Checker | None = None
_lock = threading.Lock()


def default_checker() -> Checker:
    """The shared checker over the shipped rules, built on first use."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Checker()
    return _default


def check(
    text: str,
    *,
    sender: str | None = None,
    received_at: datetime | None = None,
    locale: str | None = None,
) -> Verdict:
    """Check one message with the shipped rules (see :meth:`Checker.check`).

    >>> from datetime import datetime, timezone, timedelta
    >>> v = check("【京东金融】您的白条已逾期3天，应还1,234.56元，请登录京东金融App还款。",
    ...           sender="95118", received_at=datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8))))
    >>> v.score == sum(h.weight for h in v.hits)
    True
    """
    return default_checker().check(text, sender=sender, received_at=received_at, locale=locale)


def full_pack_problem(checker: Checker, rule_id: str, example: Example) -> str | None:
    """Check one example through the whole checker: a ``hit`` example must show the rule
    among the verdict's hits (or absorbed by one), a ``miss`` example must not.

    Returns the problem, or None. Disabled and deprecated rules are skipped (None).
    """
    rule = checker.rules.rule(rule_id)
    if not rule.active:
        return None
    v = checker.check(
        example.text,
        sender=example.sender,
        received_at=example.received_at or EXAMPLE_TIME,
        locale=example.locale or rule.locale,
    )
    shown = {h.rule_id for h in v.hits} | {a for h in v.hits for a in h.absorbed}
    where = f"examples.{example.kind}[{example.index}] with the full pack"
    text = example.text if len(example.text) <= 40 else example.text[:39] + "…"
    if example.kind == "hit" and rule_id not in shown:
        return f"{where}: the rule is not among the hits for {text!r}"
    if example.kind == "miss" and rule_id in shown:
        return f"{where}: the rule fires on {text!r}"
    return None


def example_failures(rules: RuleSet, rule_ids: list[str] | None = None) -> list[RuleFileError]:
    """Run the examples of ``rule_ids`` (default: all) alone and with the full pack."""
    ids = [r.id for r in rules.rules] if rule_ids is None else rule_ids
    out = list(rules.check_examples(ids))
    checker = Checker(rules)
    for rid in ids:
        rule = rules.rule(rid)
        for ex in rule.examples:
            problem = full_pack_problem(checker, rid, ex)
            if problem:
                out.append(RuleFileError(rule.path, ex.line, rid, problem))
    return out
