"""Links in the body: URLs with a scheme, ``www.`` hosts, and bare domains with a known suffix.

The registrable domain (eTLD+1) comes from the ``publicsuffixlist`` package. Its list is parsed
once, on the first link, into a module-level instance: ~12 ms with ``accept_encoded_idn=False``
(the default pre-encodes every IDN rule and costs ~50 ms); punycode hosts are decoded here
before the lookup instead.

A URL ends at whitespace, a CJK character, Chinese punctuation or a bracket; trailing dots and
punctuation are dropped. Hosts are taken from the ORIGINAL text when the normaliser changed
them, so a homoglyph host (``јd.com`` with a Cyrillic ``ј``) is reported as the IDN it really
is, not as the ``jd.com`` the normalised text shows.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

import regex

from .._bytecache import byte_cache
from ..models import Link
from ._context import Context, make_span
from .sender import prebuilt

__all__ = ["MAX_LINKS", "extract_links", "public_suffix_list", "split_domain"]

# More links than this in one message is junk or an attack: stop rather than build them all.
MAX_LINKS = 256

# Generic URL-shortening services: they hide the real destination. Companies' own short
# domains (3.cn for JD, cmbt.cn for CMB, u.10010.cn) are NOT here: they are official links.
SHORTENERS = frozenset(
    {
        "t.cn", "dwz.cn", "url.cn", "suo.im", "suo.nz", "mrw.so", "6du.in", "dwz.mk",
        "sohu.gg", "c7.gg", "kks.me", "rrd.me", "0x3.me", "tb.am", "985.so", "u.nu",
        "bit.ly", "tinyurl.com", "t.co", "is.gd", "v.gd", "goo.gl", "ow.ly", "buff.ly",
        "rebrand.ly", "cutt.ly", "s.id", "rb.gy", "tiny.cc", "shorturl.at", "t.ly",
        "bl.ink", "short.io", "clck.ru", "qr.net", "lnkd.in", "tiny.one", "reurl.cc",
        "lihi.cc", "ppt.cc", "0rz.tw", "pse.is",
    }
)  # fmt: skip

# Last labels that are common file extensions as well as TLDs: "合同.zip" is a file name.
_FILE_TLDS = frozenset({"zip", "mov", "app", "exe", "doc", "pdf", "txt", "apk", "jpg", "png"})


@functools.cache
def _url() -> regex.Pattern[str]:
    """Compiled on first use: most messages have no link."""
    return regex.compile(
        r"""
    (?:
      (?P<scheme>(?i:https?|ftp))://                  # an explicit scheme
      (?P<host1>
         \[[0-9A-Fa-f:.]{2,45}\]                      # [IPv6]
       | (?:[\p{L}\p{N}\-]{1,63}\.){1,10}             # an IDN host: only with a scheme and
         (?:中国|中國|公司|网络|網絡|在线|网址|网店|商城|集团|移动|香港|台湾|台灣|新加坡)
         (?![\p{L}\p{N}])                            # an IDN TLD (a CJK run ends other URLs)
       | [A-Za-z0-9\-_.]{1,253}(?![A-Za-z0-9\-_.])    # host name or IPv4 (checked later)
      )
    |
      (?<![A-Za-z0-9@_\-/%])(?<![A-Za-z0-9_\-]\.)    # not inside a word, e-mail or path
      (?:
        (?P<host2>
          (?:(?!-)[A-Za-z0-9\-]{1,63}(?<!-)\.){1,10} # labels
          (?:[A-Za-z]{2,63}|xn--[A-Za-z0-9\-]{1,59})  # a TLD (checked against the PSL)
        )
        (?![A-Za-z0-9\-]|\.[A-Za-z0-9]|@)            # maximal, and not an e-mail's local part
      |
        (?P<host3>(?:\d{1,3}\.){3}\d{1,3})(?=[:/])   # a bare IPv4 host, only with port or path
      )
    )
    (?P<port>:\d{1,5}(?!\d))?
    (?P<path>[/?\#][A-Za-z0-9\-._~:/?\#@!$&'*+,;=%]*)?
    """,
        regex.VERBOSE,
    )


@functools.cache
def _ipv4() -> regex.Pattern[str]:
    """Compiled on first use: few hosts are IP addresses."""
    return regex.compile(r"(?:\d{1,3}\.){3}\d{1,3}")


_HINT = regex.compile(r"\.[A-Za-z]|://|\.\d{1,3}[:/]")
_RUN = regex.compile(r"[!-~]*")
_RUN_BACK = regex.compile(r"[!-~]*", regex.REVERSE)


@functools.cache
def _format() -> regex.Pattern[str]:
    """Compiled on first use: few hosts were changed by the normaliser."""
    return regex.compile(r"[\p{Cf}\p{Cc}\s]+")


_TRAILING = ".,;:!?'\"*~-"
_LINK_FIELDS = frozenset(Link.model_fields)

_psl: Any = None


def public_suffix_list() -> Any:
    """The shared :class:`publicsuffixlist.PublicSuffixList`, built on first use."""
    global _psl
    if _psl is None:
        from publicsuffixlist import PublicSuffixList

        _psl = PublicSuffixList(accept_unknown=False, accept_encoded_idn=False)
    return _psl


def _to_unicode(host: str) -> str | None:
    """Decode the punycode labels of ``host``; None when one does not decode."""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                labels.append(label[4:].encode("ascii").decode("punycode"))
            except (UnicodeError, ValueError):
                return None
        else:
            labels.append(label)
    return ".".join(labels)


def _to_ascii(host: str) -> str:
    """Punycode-encode the non-ASCII labels of ``host`` (IDNA-style, without the checks)."""
    out = []
    for label in host.split("."):
        if label.isascii():
            out.append(label)
        else:
            try:
                out.append("xn--" + label.encode("punycode").decode("ascii"))
            except UnicodeError:
                out.append(label)
    return ".".join(out)


@byte_cache(1 << 20)
def split_domain(host: str) -> tuple[str | None, str | None]:
    """Return ``(public_suffix, registrable_domain)`` of an ASCII host, or Nones if unknown.

    >>> split_domain("jd.com.xyz-pay.cn")
    ('cn', 'xyz-pay.cn')
    >>> split_domain("zxfw.court.gov.cn")
    ('gov.cn', 'court.gov.cn')
    """
    psl = public_suffix_list()
    lookup = host
    if "xn--" in host:
        decoded = _to_unicode(host)
        if decoded is None:
            return None, None
        lookup = decoded
    suffix = psl.publicsuffix(lookup)
    if suffix is None:
        return None, None
    labels = host.split(".")
    n_suffix = suffix.count(".") + 1
    ascii_suffix = ".".join(labels[-n_suffix:])
    if len(labels) <= n_suffix:
        return ascii_suffix, None
    return ascii_suffix, ".".join(labels[-n_suffix - 1 :])


def _is_ip(host: str) -> bool:
    if host.startswith("["):
        import ipaddress  # only for the rare [IPv6] host: the module costs ~2 ms to import

        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return False
        return True
    if _ipv4().fullmatch(host):
        return all(int(p) <= 255 for p in host.split("."))
    return False


def _original_host(ctx: Context, a: int, b: int, host: str) -> str:
    """The host as the sender wrote it, NFKC-folded but without homoglyph folding."""
    orig = ctx.original(a, b)
    if orig == host:
        return host
    # Zero-width and format characters are dropped, as IDNA mapping does.
    return _format().sub("", unicodedata.normalize("NFKC", orig)).lower()


def _make_link(ctx: Context, m: regex.Match[str]) -> tuple[Link, int, int] | None:
    scheme = m.group("scheme")
    group = "host1" if scheme else ("host2" if m.group("host2") else "host3")
    h_start = m.start(group)
    written_host = m.group(group).rstrip(".")
    host = written_host.lower()
    if not host:
        return None
    port_text = m.group("port")
    path = m.group("path") or ""
    end = m.end()
    # Trailing punctuation belongs to the sentence, not the URL.
    while path and path[-1] in _TRAILING:
        path = path[:-1]
        end -= 1
    if not path:
        end = m.end("port") if port_text else h_start + len(written_host)
    port = int(port_text[1:]) if port_text else None
    if port is not None and port > 65535:
        return None

    is_ip = _is_ip(host)
    suffix: str | None = None
    registrable: str | None = None
    unicode_host: str | None = None
    is_idn = False
    bad_host = host.startswith((".", "-")) or ".." in host or ("." not in host and not scheme)
    if not is_ip and (group == "host3" or bad_host):
        return None
    if not is_ip:
        written = _original_host(ctx, h_start, h_start + len(written_host), host)
        if not written.isascii():
            # The original host has non-Latin letters (an IDN, or a homoglyph spoof that the
            # normaliser folded to Latin): report what a browser would really visit.
            is_idn = True
            unicode_host = written
            host = _to_ascii(written)
        elif "xn--" in host:
            decoded = _to_unicode(host)
            if decoded is not None and decoded != host:
                is_idn = True
                unicode_host = decoded
        suffix, registrable = split_domain(host)
        if not scheme:
            if suffix is None or registrable is None:
                return None  # a bare "x.y" needs a known public suffix
            if not path and port is None and not host.startswith("www."):
                tld = written_host.rsplit(".", 1)[-1]
                if tld.lower() in _FILE_TLDS or (tld[:1].isupper() and tld[1:].islower()):
                    return None  # "合同.zip", "Hello.World"

    start = m.start()
    url = f"{(scheme or 'http').lower()}://{host}"
    if port is not None:
        url += f":{port}"
    url += path
    x, y = ctx.nt.span(start, end)
    fields = {
        "text": ctx.nt.original[x:y],
        "url": url,
        "scheme": scheme.lower() if scheme else None,
        "host": host,
        "unicode_host": unicode_host,
        "path": path,
        "port": port,
        "registrable_domain": registrable,
        "public_suffix": suffix,
        "is_ip": is_ip,
        "is_idn": is_idn,
        "shortener": (registrable in SHORTENERS or host in SHORTENERS),
        "span": make_span(x, y),
    }
    return prebuilt(Link, fields, set(_LINK_FIELDS)), start, end


def extract_links(ctx: Context) -> tuple[Link, ...]:
    """Find the links in the message and claim their ranges (tag ``"link"``).

    Returns:
        The links in order of appearance.

    >>> from datetime import datetime, timezone
    >>> from smscheck._text import normalize
    >>> ctx = Context(nt=normalize("请登录3.cn/1t8Xd-pB还款"), locale="zh-CN",
    ...               received_at=datetime(2024, 1, 1, tzinfo=timezone.utc), tz=timezone.utc)
    >>> [(x.url, x.registrable_domain) for x in extract_links(ctx)]
    [('http://3.cn/1t8Xd-pB', '3.cn')]
    """
    text = ctx.text
    if "." not in text and "://" not in text:
        return ()
    out: list[Link] = []
    n = len(text)
    pos = 0
    # Scanning every position of a mostly-CJK text with the URL pattern is slow: scan only the
    # run of printable ASCII around each ".x" or "://" (a run ending in a dot is scanned to the
    # end, where an IDN TLD such as .中国 may continue the host).
    while (hint := _HINT.search(text, pos)) is not None:
        i = hint.start()
        back = _RUN_BACK.match(text, pos, i)
        a = back.start() if back is not None else i
        fwd = _RUN.match(text, i)
        b = fwd.end() if fwd is not None else i + 1
        if text[b - 1] == "." and b < n:
            b = n
        for m in _url().finditer(text, a, b):
            made = _make_link(ctx, m)
            if made is not None:
                link, start, end = made
                ctx.claim(start, end, "link")
                out.append(link)
                if len(out) >= MAX_LINKS:
                    return tuple(out)
        pos = max(b, i + 1)
    return tuple(out)
