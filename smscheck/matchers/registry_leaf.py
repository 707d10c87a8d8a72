"""``registry:`` leaves: ask the registry of official channels."""

from __future__ import annotations

from ..models import Evidence, Link, ParsedMessage, PhoneNumber
from .base import _MAX_EVIDENCE, _NO, EvalContext, Node, Result, State, _dedupe
from .registry_api import OrgMentionLike


class RegistryNode(Node):
    """``registry: CHECK``: ask the registry of official channels."""

    __slots__ = ("check", "kinds")
    cost = 2
    # tried early in all/any, with the field leaves: a question the context answers once
    # per message, or False at once without the sender, links or numbers it reads. Measured
    # on bench/corpus.jsonl: at 2 (after `near` leaves and nested `all`s) +0.5 % instructions
    # per check, at 0 (before field leaves) +0.05 %
    test_cost = 1

    def __init__(self, check: str, kinds: frozenset[str]) -> None:
        self.check = check
        self.kinds = kinds

    def _mentions(self, ctx: EvalContext) -> list[OrgMentionLike]:
        kinds = self.kinds
        return [m for m in ctx.mentions if not kinds or m.kind in kinds]

    def _test(self, ctx: EvalContext) -> State:
        check = self.check
        if check == "link_lookalike":  # needs no organisation named
            return bool(self._lookalikes(ctx))
        msg = ctx.msg
        # Without the sender, links or numbers a check reads it is False: decided before the
        # organisations named are looked for (the registry's costliest question).
        if check in ("sender_official", "sender_not_official"):
            if not msg.sender.raw:
                return False
        elif check in ("phone_official", "phone_not_official"):
            if not msg.phone_numbers:
                return False
        elif check != "names_org" and not msg.links:
            return False
        mentions = self._mentions(ctx)
        if not mentions:
            return False
        if check == "names_org":
            return True
        if check in ("phone_official", "phone_not_official"):
            return bool(self._phones(ctx, mentions))
        if check in ("sender_official", "sender_not_official"):
            official = any(ctx.official_sender(m.org_id) for m in mentions)
            return official if check == "sender_official" else not official
        for link in msg.links:
            owned = any(ctx.official_link(link, m.org_id) for m in mentions)
            if owned == (check == "link_official"):
                return True
        return False

    def _phones(
        self, ctx: EvalContext, mentions: list[OrgMentionLike]
    ) -> list[tuple[PhoneNumber, OrgMentionLike]]:
        """(number, organisation) pairs: for phone_official each body number official for a
        named organisation; for phone_not_official each number the body offers to call (role
        ``callback``) official for none of them (nor a public authority's), with the first
        named organisation that publishes numbers. A number merely mentioned (a branch's
        landline in an address, 110 in a warning) is not a callback and proves nothing."""
        reg = ctx.registry
        out: list[tuple[PhoneNumber, OrgMentionLike]] = []
        if self.check == "phone_official":
            for n in ctx.msg.phone_numbers:
                out.extend((n, m) for m in mentions if reg.is_official_number(n, m.org_id))
            return out
        publishing = [m for m in mentions if reg.has_numbers(m.org_id)]
        if not publishing:
            return out
        for n in ctx.msg.phone_numbers:
            if n.role != "callback":
                continue
            official = any(reg.is_official_number(n, m.org_id) for m in mentions)
            if not official and not reg.is_public_number(n):
                out.append((n, publishing[0]))
        return out

    def _lookalikes(self, ctx: EvalContext) -> list[tuple[Link, str, str, str]]:
        """(link, org id, org name, token) for each link whose host imitates an organisation
        (of the ``kinds`` asked for) without being official."""
        reg = ctx.registry
        out: list[tuple[Link, str, str, str]] = []
        for link in ctx.msg.links:
            for oid, token in reg.lookalike_orgs(link.host):
                e = reg.get(oid)
                if e is not None and (not self.kinds or e.kind in self.kinds):
                    out.append((link, oid, e.name, token))
        return out

    def eval(self, ctx: EvalContext) -> Result:
        """See docs/rules.md for each check's meaning."""
        if not self.test(ctx):
            return _NO
        leaf = f"registry.{self.check}"
        if self.check == "link_lookalike":
            return True, _dedupe(
                [
                    Evidence(leaf=leaf, text=link.text, span=link.span, field="links",
                             value=name, org_id=oid, pattern=token)
                    for link, oid, name, token in self._lookalikes(ctx)
                ][:_MAX_EVIDENCE]
            )  # fmt: skip
        mentions = self._mentions(ctx)
        msg = ctx.msg
        if self.check in ("phone_official", "phone_not_official"):
            return True, _dedupe(
                [
                    Evidence(leaf=leaf, text=n.text, span=n.span, field="phone_numbers",
                             value=m.name, org_id=m.org_id)
                    for n, m in self._phones(ctx, mentions)
                ][:_MAX_EVIDENCE]
            )  # fmt: skip
        if self.check == "names_org":
            return True, tuple(
                Evidence(leaf=leaf, text=m.text, span=m.span, value=m.name, org_id=m.org_id)
                for m in mentions[:_MAX_EVIDENCE]
            )
        if self.check in ("sender_official", "sender_not_official"):
            official = [m for m in mentions if ctx.official_sender(m.org_id)]
            # not official: the message names organisations and the sender is none of theirs
            picked = official if self.check == "sender_official" else ([] if official else mentions)
            return (
                (True, tuple(self._sender_ev(leaf, m, msg) for m in picked[:_MAX_EVIDENCE]))
                if picked
                else _NO
            )
        ev: list[Evidence] = []
        for link in msg.links:
            owners = [m for m in mentions if ctx.official_link(link, m.org_id)]
            if self.check == "link_official":
                ev.extend(
                    Evidence(leaf=leaf, text=link.text, span=link.span, field="links",
                             value=m.name, org_id=m.org_id)
                    for m in owners
                )  # fmt: skip
            elif not owners:
                m = mentions[0]
                ev.append(
                    Evidence(leaf=leaf, text=link.text, span=link.span, field="links",
                             value=m.name, org_id=m.org_id)
                )  # fmt: skip
        return (True, _dedupe(ev[:_MAX_EVIDENCE])) if ev else _NO

    @staticmethod
    def _sender_ev(leaf: str, m: OrgMentionLike, msg: ParsedMessage) -> Evidence:
        return Evidence(
            leaf=leaf, text=m.text, span=m.span, field="sender", value=msg.sender.raw,
            org_id=m.org_id, pattern=m.name,
        )  # fmt: skip
