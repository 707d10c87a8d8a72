"""Every example of every rule in the shipped packs, alone and with the full pack.

Generated from whatever ``rules/zh-CN`` and ``rules/en-US`` hold: a rule whose example stops
behaving as declared fails here, with its file and line.
"""

from __future__ import annotations

import pytest

from smscheck import Checker, RuleSet
from smscheck.checker import full_pack_problem
from smscheck.ruleset import Example

_RULES = RuleSet.default()
_CASES = [(r.id, ex) for r in _RULES.rules for ex in r.examples]


def _id(case: tuple[str, Example]) -> str:
    rid, ex = case
    return f"{rid}-{ex.kind}{ex.index}"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(_RULES)


def test_rule_examples_every_active_rule_has_hit_and_miss() -> None:
    for r in _RULES.rules:
        if r.active:
            kinds = {ex.kind for ex in r.examples}
            assert kinds == {"hit", "miss"}, (
                f"{r.path}:{r.line}: {r.id}: needs hit and miss examples"
            )


@pytest.mark.parametrize("case", _CASES, ids=[_id(c) for c in _CASES])
def test_rule_examples_alone(case: tuple[str, Example]) -> None:
    rid, _ = case
    errors = [e for e in _RULES.check_examples([rid]) if e.line == case[1].line]
    assert not errors, "\n".join(map(str, errors))


@pytest.mark.parametrize("case", _CASES, ids=[_id(c) for c in _CASES])
def test_rule_examples_with_full_pack(case: tuple[str, Example], checker: Checker) -> None:
    rid, ex = case
    rule = _RULES.rule(rid)
    problem = full_pack_problem(checker, rid, ex)
    assert problem is None, f"{rule.path}:{ex.line}: {rid}: {problem}"
