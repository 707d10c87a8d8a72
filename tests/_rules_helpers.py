"""Shared helpers for the rule-engine tests: a tiny fake registry and a rule builder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar

from smscheck import Checker, RuleSet
from smscheck.models import Link, ParsedMessage, Sender, Span

T = datetime(2024, 12, 13, 20, 46, tzinfo=timezone(timedelta(hours=8)))


@dataclass(frozen=True)
class Mention:
    org_id: str
    name: str
    kind: str
    text: str
    span: Span


@dataclass(frozen=True)
class Org:
    name: str
    kind: str
    hotline: str | None


class FakeRegistry:
    """Knows 京东金融 (95118, jd.com) and 最高人民法院 (12368, court.gov.cn), by name in the text."""

    ORGS: ClassVar[dict[str, tuple[Org, tuple[str, ...], tuple[str, ...]]]] = {
        "jd-finance": (
            Org("京东金融", "consumer_finance", "95118"),
            ("95118",),
            ("jd.com", "3.cn"),
        ),
        "court": (Org("人民法院", "court", "12368"), ("12368",), ("court.gov.cn",)),
    }
    NAMES: ClassVar[dict[str, str]] = {
        "京东金融": "jd-finance",
        "京东": "jd-finance",
        "法院": "court",
    }

    def named_in(self, msg: ParsedMessage, nt: Any = None) -> tuple[Mention, ...]:
        out: dict[str, Mention] = {}
        for name, oid in self.NAMES.items():
            i = msg.text.find(name)
            if i >= 0 and oid not in out:
                org = self.ORGS[oid][0]
                out[oid] = Mention(oid, org.name, org.kind, name, Span(start=i, end=i + len(name)))
        return tuple(out.values())

    def is_official_sender(self, sender: Sender | str | None, org_id: str) -> bool:
        raw = sender.raw if isinstance(sender, Sender) else sender
        return raw in self.ORGS[org_id][1]

    def is_official_link(self, link: Link | str, org_id: str) -> bool:
        host = link.host if isinstance(link, Link) else link
        return any(host == d or host.endswith("." + d) for d in self.ORGS[org_id][2])

    def get(self, org_id: str) -> Org | None:
        entry = self.ORGS.get(org_id)
        return entry[0] if entry else None


def rule(
    rid: str, when: str, *, category: str = "threats", weight: float = 2, extra: str = ""
) -> str:
    """One rule as YAML text (``when`` is a flow mapping)."""
    return (
        f"  - id: {rid}\n    category: {category}\n    weight: {weight}\n"
        f"    description: {{zh: {rid}, en: {rid}}}\n    when: {when}\n{extra}"
    )


def ruleset(*rules: str, pack: str = "", overrides: Any = None, registry: Any = None) -> RuleSet:
    text = (pack + "\n" if pack else "") + "rules:\n" + "".join(rules)
    return RuleSet.from_yaml(text, overrides=overrides, registry=registry or FakeRegistry())


def check(rs: RuleSet, text: str, sender: str | None = None, **kw: Any) -> Any:
    return Checker(rs).check(text, sender=sender, received_at=kw.pop("received_at", T), **kw)
