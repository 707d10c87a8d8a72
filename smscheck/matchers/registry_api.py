"""The registry of official channels as the rule engine sees it (duck-typed: :class:`smscheck.registry.Registry` or a test fake)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .._text import Normalized
from ..models import Link, ParsedMessage, PhoneNumber, Sender, Span


class OrgMentionLike(Protocol):
    """What :meth:`RegistryLike.named_in` returns for each organisation named."""

    @property
    def org_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def span(self) -> Span: ...


class OrgLike(Protocol):
    """A registry entry."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def hotline(self) -> str | None: ...


class RegistryLike(Protocol):
    """The registry of official channels, as the rule engine uses it."""

    def named_in(
        self, msg: ParsedMessage, nt: Normalized | None = None
    ) -> Sequence[OrgMentionLike]:
        """Organisations the message names."""
        ...

    def is_official_sender(self, sender: Sender | str | None, org_id: str) -> bool:
        """Is ``sender`` an official channel of ``org_id``?"""
        ...

    def is_official_link(self, link: Link | str, org_id: str) -> bool:
        """Is the link's registrable domain official for ``org_id``?"""
        ...

    def get(self, org_id: str) -> OrgLike | None:
        """The entry for ``org_id``."""
        ...

    def is_official_number(self, number: PhoneNumber, org_id: str) -> bool:
        """Is the body's ``number`` one of ``org_id``'s published numbers?"""
        ...

    def has_numbers(self, org_id: str) -> bool:
        """Does ``org_id`` publish numbers in the registry?"""
        ...

    def is_public_number(self, number: PhoneNumber) -> bool:
        """Is ``number`` a public authority's (96110, 12378), quotable by any message?"""
        ...

    def lookalike_orgs(self, host: str) -> Sequence[tuple[str, str]]:
        """``(org_id, token)`` of each organisation the host imitates without being official."""
        ...


class NullRegistry:
    """A registry that knows no organisation (used when none is available)."""

    def named_in(
        self, msg: ParsedMessage, nt: Normalized | None = None
    ) -> tuple[OrgMentionLike, ...]:
        """Nothing is ever named."""
        return ()

    def is_official_sender(self, sender: Sender | str | None, org_id: str) -> bool:
        """Never official."""
        return False

    def is_official_link(self, link: Link | str, org_id: str) -> bool:
        """Never official."""
        return False

    def get(self, org_id: str) -> OrgLike | None:
        """No entry."""
        return None

    def is_official_number(self, number: PhoneNumber, org_id: str) -> bool:
        """Never official."""
        return False

    def has_numbers(self, org_id: str) -> bool:
        """No organisation, no numbers."""
        return False

    def is_public_number(self, number: PhoneNumber) -> bool:
        """Never."""
        return False

    def lookalike_orgs(self, host: str) -> tuple[tuple[str, str], ...]:
        """No organisation to imitate."""
        return ()


ORG_KINDS: tuple[str, ...] = (
    "court", "procuratorate", "police", "law_firm", "regulator", "credit_bureau", "arbitration",
    "government", "bank", "consumer_finance", "platform", "carrier", "anti_fraud",
    "collection_agency", "courier", "insurer", "other",
)  # fmt: skip
