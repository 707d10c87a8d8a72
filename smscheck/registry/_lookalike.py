"""Look-alike hosts: a link whose host imitates an organisation without being official for it.

A host imitates an organisation when one of its labels, or a piece of a label (split at
``-``, ``_`` and between letters and digits), is one of the organisation's tokens:

* its ``lookalike_tokens`` (listed in the registry, each with a source);
* its ASCII names and aliases, written without spaces or dots (``ICBC`` → ``icbc``,
  ``Wells Fargo`` → ``wellsfargo``);
* the first label of each of its official domains (``icbc.com.cn`` → ``icbc``);
* its service numbers (95xxx(x), 96xxx(x), 12xxx, 100xx) among its senders and numbers.

so ``icbc-upgrade.com``, ``http-ccb.cc``, ``95588-icbc.top`` and ``www-icbc.com.cn-xyz.cn`` imitate
ICBC and CCB. A token of four letters or more also counts at the start or end of a piece when
the rest is a generic word (``icbcbank``, ``myicbc``). Tokens must be distinctive: at least three
characters, not a common word of host names (:data:`COMMON_WORDS`); derived tokens that are not
are skipped, listed ones are refused when the file loads.

A host official for any organisation of the registry is never a look-alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._schema import OrgEntry

# Words too common in host names to identify anyone (and the generic words a look-alike may
# glue to a token: icbcbank, myicbc).
GENERIC_WORDS = frozenset(
    [
        "www",
        "m",
        "wap",
        "my",
        "app",
        "apps",
        "bank",
        "online",
        "pay",
        "vip",
        "kefu",
        "service",
        "services",
        "secure",
        "login",
        "verify",
        "card",
        "cn",
        "com",
        "net",
        "help",
        "support",
        "update",
        "upgrade",
        "safe",
        "auth",
        "home",
        "center",
        "web",
        "mobile",
        "portal",
        "cloud",
    ]
)
_GENERIC_LENGTHS = tuple(sorted({len(g) for g in GENERIC_WORDS}))
COMMON_WORDS = GENERIC_WORDS | frozenset(
    [
        "abc",
        "api",
        "cdn",
        "gov",
        "edu",
        "org",
        "info",
        "news",
        "blog",
        "mail",
        "shop",
        "store",
        "link",
        "http",
        "https",
        "html",
        "top",
        "xyz",
        "club",
        "site",
        "pro",
        "biz",
        "one",
        "new",
        "the",
        "and",
        "for",
        "you",
        "official",
        "group",
        "china",
        "global",
        "world",
        "int",
        "ltd",
        "inc",
        "co",
        "bbs",
        "img",
        "static",
        "file",
        "files",
        "data",
        "user",
        "users",
        "account",
        "accounts",
    ]
)
_TOKEN = re.compile(r"^[a-z0-9]{3,40}$")
_SERVICE = re.compile(r"^(?:9[56][0-9]{3,4}|12[0-9]{3}|100[0-9]{2})$")
_PIECES = re.compile(r"[a-z]+|[0-9]+")
_MIN_GLUED = 4  # a token glued to a generic word must have at least this many characters


def token_problem(token: str) -> str | None:
    """Why ``token`` cannot identify an organisation in a host name, or ``None``."""
    if not _TOKEN.match(token):
        return f"token {token!r} must be 3-40 lower-case ASCII letters or digits"
    if token in COMMON_WORDS:
        return f"token {token!r} is a common word of host names, not distinctive"
    if token.isdigit() and not _SERVICE.match(token):
        return (
            f"token {token!r}: a number token must be a service number (95xxx, 96xxx, 12xxx, 100xx)"
        )
    return None


def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def derived_tokens(e: OrgEntry) -> list[str]:
    """The tokens of ``e``: listed ones, then those derived from its names, domains and
    service numbers (distinctive ones only)."""
    out = list(e.lookalike_tokens)
    names = [n for n in (e.name_en, *e.aliases, *e.exact_aliases) if n.isascii()]
    for n in names:
        out.append(_compact(n))
    for d in (*e.domains, *e.short_domains):
        out.append(d.split(".", 1)[0])
    for n in (*e.senders, *e.numbers, *((e.hotline,) if e.hotline else ())):
        if _SERVICE.match(n):
            out.append(n)
    return [t for t in dict.fromkeys(out) if token_problem(t) is None]


class LookalikeIndex:
    """Token → organisations, and the look-up of a host's tokens."""

    def __init__(self, entries: Sequence[OrgEntry]) -> None:
        self._by_token: dict[str, tuple[str, ...]] = {}
        for e in entries:
            for t in derived_tokens(e):
                if e.id not in self._by_token.get(t, ()):
                    self._by_token[t] = (*self._by_token.get(t, ()), e.id)

    def tokens_in(self, host: str) -> list[tuple[str, str]]:
        """``(org_id, token)`` for every organisation token in ``host``'s labels, in order."""
        by_token = self._by_token
        out: dict[tuple[str, str], None] = {}

        def hit(t: str) -> None:
            for oid in by_token.get(t, ()):
                out.setdefault((oid, t), None)

        for label in host.lower().split(".")[:64]:
            if label in by_token:
                hit(label)
            for piece in re.split(r"[-_]+", label)[:64]:
                for sub in (piece, *_PIECES.findall(piece)[:64]):
                    if sub in by_token:
                        hit(sub)
                        continue
                    if len(sub) <= _MIN_GLUED or not sub.isalpha():
                        continue
                    # icbcbank, myicbc: a generic word at either end, looked up by length
                    # (in the words' sorted order, suffix first: deterministic)
                    glued = []
                    for n in _GENERIC_LENGTHS:
                        if len(sub) - n < _MIN_GLUED:
                            break
                        if sub[-n:] in GENERIC_WORDS:
                            glued.append((sub[-n:], 0, sub[:-n]))
                        if sub[:n] in GENERIC_WORDS:
                            glued.append((sub[:n], 1, sub[n:]))
                    for _, _, rest in sorted(glued):
                        hit(rest)
        return list(out)
