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
import re
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
        # seen in U.S. smishing (DOMAIN-en.md §3.7; smishtank) and common public services
        "bit.do", "bre.is", "bitly.com", "twtr.to", "risu.io", "n6u.me", "x.gd", "surl.li",
        "shorturl.asia", "urlz.fr", "qrco.de", "gg.gg", "u.to", "tny.im", "2u.pw", "ln.run",
        "cli.re", "spoo.me", "tinu.be", "shrtco.de", "0.gp", "cutt.us", "go2l.ink", "ouo.io",
        "adf.ly", "shorte.st", "vo.la", "hyperurl.co", "tr.im", "snip.ly", "linkr.bio",
        "l.ead.me", "rebrand.link", "t2m.io", "lnk.to", "han.gl", "me2.kr", "zpr.io",
        "page.link", "app.link", "goo.su", "inx.lv", "did.li", "shrtm.nu",
    }
)  # fmt: skip

# Redirect services whose own host is a sub-domain of the service (acme.page.link).
_SHORTENER_PARENTS = ("page.link", "app.link", "ead.me", "lnk.to")

# Open redirectors: a big site's path that forwards to any URL given in the query
# (google.com/url?q=…), used to put a trusted name in front of a phishing link.
_REDIRECT_PATHS = {
    "google.com": ("/url", "/amp/s/"),
    "bing.com": ("/ck/a",),
    "facebook.com": ("/l.php",),
    "l.facebook.com": ("/l.php",),
    "youtube.com": ("/redirect",),
    "linkedin.com": ("/redir/redirect", "/slink"),
    "instagram.com": ("/linkshim",),
    "href.li": ("/",),
}
_REDIRECT_KEYS = ("q", "url", "u", "target", "dest", "redirect", "link")

# In English text a bare "word.tld" (no scheme, path or www.) is a link only on these suffixes;
# sentences typed without a space after the full stop ("her.my", "soon.xxx", "days.so") are not.
_BARE_TLDS_EN = frozenset(
    {
        "com", "net", "org", "info", "biz", "us", "co", "io", "me", "ly", "cc", "tv", "uk",
        "ca", "sg", "au", "in", "de", "fr", "cn", "ru", "top", "xyz", "site", "online", "shop",
        "vip", "icu", "live", "app", "club", "link", "gov", "edu", "mil", "id", "gd", "gl",
        "to", "ai", "store", "cloud", "click", "win", "tk", "pw", "ws", "cfd", "sbs", "bond",
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


# Links written to dodge filters (DOMAIN-en.md §3.7): ``name(dot)com``, ``bit[.]ly``,
# ``hxxps://``, ``name . com``. A host is labels joined by separators of which at least one is
# written oddly, or any host after a defanged scheme. Space-broken and spelt-out dots count only
# before a common TLD (they are otherwise ordinary sentences: "home. net" is rare, "ok. see" is not).
_DEFANG_TLDS = (
    "com|net|org|info|top|xyz|co|us|io|me|ly|gd|gl|link|site|online|live|shop|vip|cc|icu|biz"
    "|app|club|in|cn|uk|ru|tk|pw|ws|win|life|store|cloud|click|support|help|today|mobi|gov"
)


@functools.cache
def _defanged() -> regex.Pattern[str]:
    """Compiled on first use: few messages have defanged links."""
    label = r"[A-Za-z0-9][A-Za-z0-9\-]{0,62}+"
    odd = r"(?:\s?[(\[{<]\s?(?i:dot|\.)\s?[)\]}>]\s?)"
    spaced = rf"(?:[ \t]\.[ \t]?|\.[ \t]|[ \t](?i:dot)[ \t])(?=(?:{_DEFANG_TLDS})(?![A-Za-z0-9\-]))"
    return regex.compile(
        rf"""
        (?<![A-Za-z0-9\-.@/])
        (?:(?P<scheme>(?i:h(?:xx|XX|tt|TT)ps?))(?:\[:\]|:)//?)?
        (?P<host>{label}(?:(?:{odd}|{spaced}|\.){label}){{1,8}})
        (?P<port>:\d{{1,5}}(?!\d))?
        (?P<path>/[A-Za-z0-9\-._~:/?\#@!$&'*+,;=%]*)?
        """,
        regex.VERBOSE,
    )


_DEFANG_HINT = regex.compile(
    rf"[(\[{{<]\s?(?i:dot|\.)\s?[)\]}}>]|(?i:hxxp)|(?i:https?):/(?!/)|\s\.\s?(?:{_DEFANG_TLDS})\b"
    rf"|\.\s(?:{_DEFANG_TLDS})\b|\s(?i:dot)\s(?:{_DEFANG_TLDS})\b"
)
# _DEFANG_HINT's alternatives apart, each tried only when what its matches contain occurs
# (tested in C): _defanged_hint(text) is _DEFANG_HINT.search(text) is not None, without
# trying a class at every position of every text with a bracket or a link (8.8 -> 2 µs an
# English message). A dot next to white space is found from the dot: a literal first
# character the engine seeks fast.
_HINT_BRACKET = regex.compile(r"[(\[{<]\s?(?i:dot|\.)\s?[)\]}>]")
_HINT_SCHEME = regex.compile(r"(?i:hxxp)|(?i:https?):/(?!/)")
_HINT_DOT = regex.compile(rf"\.(?:(?<=\s\.)\s?(?:{_DEFANG_TLDS})|\s(?:{_DEFANG_TLDS}))\b")
_HINT_DOT_WORD = regex.compile(rf"\s(?i:dot)\s(?:{_DEFANG_TLDS})\b")
# A dot next to white space (stdlib \s: a superset of `regex`'s, checked for every code
# point), what _HINT_DOT's matches contain, tested first
_DOT_BY_SPACE = re.compile(r"\s\.|\.\s")


def _single_slash(text: str) -> bool:
    """Is some ":/" not followed by another "/" (what ``https?:/(?!/)`` needs)?"""
    i = text.find(":/")
    while i >= 0:
        if text[i + 2 : i + 3] != "/":
            return True
        i = text.find(":/", i + 2)
    return False


def _defanged_hint(text: str) -> bool:
    """``_DEFANG_HINT.search(text) is not None``, each alternative tried only when what it
    needs occurs (a bracket and a dot or "dot"; "hxxp" or a single-slash ":/"; a dot by white
    space; "dot"), all tested in C first."""
    low = text.lower()
    dot = "." in text
    word = "dot" in low
    if (
        (dot or word)
        and ("(" in text or "[" in text or "{" in text or "<" in text)
        and _HINT_BRACKET.search(text) is not None
    ):
        return True
    if ("hxxp" in low or _single_slash(text)) and _HINT_SCHEME.search(text) is not None:
        return True
    if dot and _DOT_BY_SPACE.search(text) is not None and _HINT_DOT.search(text) is not None:
        return True
    return word and _HINT_DOT_WORD.search(text) is not None


_BRACKETED = regex.compile(r"[(\[{<]")
_SPACE_BEFORE_DOT = regex.compile(r"[ \t](?:\.|(?i:dot)[ \t])")
_SEPARATOR = regex.compile(
    r"\s?[(\[{<]\s?(?i:dot|\.)\s?[)\]}>]\s?|[ \t]?\.[ \t]?|[ \t](?i:dot)[ \t]"
)

_TRAILING = ".,;:!?'\"*~-"
_USERINFO_HOST = regex.compile(
    r"(?P<host>(?:[A-Za-z0-9\-]{1,63}\.){1,10}[A-Za-z]{2,63})(?P<path>[/?\#][A-Za-z0-9\-._~:/?\#@!$&'*+,;=%]*)?"
)
_LINK_FIELDS = frozenset(Link.model_fields)
_LINK_TAG = frozenset({"link"})

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
    userinfo = False
    text = ctx.text
    if scheme and not path and end < len(text) and text[end] == "@":
        # "https://usps.com@bit.ly/3Yy": everything before "@" is a user name; the browser
        # goes to bit.ly. Read the host (and path) after the "@" (a well-known disguise).
        after = _USERINFO_HOST.match(text, end + 1)
        if after is not None:
            host = written_host = after.group("host").rstrip(".").lower()
            h_start = after.start("host")
            path = after.group("path") or ""
            end = after.end()
            while path and path[-1] in _TRAILING:
                path = path[:-1]
                end -= 1
            if not path:
                end = h_start + len(written_host)
            userinfo = True

    is_ip = _is_ip(host)
    suffix: str | None = None
    registrable: str | None = None
    unicode_host: str | None = None
    is_idn = False
    bad_host = host.startswith((".", "-")) or ".." in host or ("." not in host and not scheme)
    if not is_ip and (group == "host3" or bad_host):
        return None
    disguised = False
    if not is_ip:
        written = _original_host(ctx, h_start, h_start + len(written_host), host)
        folded = host
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
        if suffix is None and is_idn and folded != host:
            # Look-alike letters in the top-level domain too ("rq-jf.сс" in Cyrillic): no such
            # domain exists, and the reader is meant to see rq-jf.cc. Report the host the
            # reader sees, marked as written to dodge filters (unicode_host keeps the letters).
            f_suffix, f_registrable = split_domain(folded)
            if f_suffix is not None:
                host, suffix, registrable, disguised = folded, f_suffix, f_registrable, True
        if not scheme:
            if suffix is None or registrable is None:
                return None  # a bare "x.y" needs a known public suffix
            if not path and port is None and not host.startswith("www."):
                tld = written_host.rsplit(".", 1)[-1]
                if tld.lower() in _FILE_TLDS or (tld[:1].isupper() and tld[1:].islower()):
                    return None  # "合同.zip", "Hello.World"
                if ctx.locale == "en-US" and tld.lower() not in _BARE_TLDS_EN:
                    return None  # English chat without spaces: "drinks 2 nite.xxx", "her.my"

    start = m.start()
    obfuscated = userinfo or disguised
    target = _redirect_target(registrable, host, path)
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
        "shortener": _is_shortener(host, registrable) or target is not None,
        "obfuscated": obfuscated,
        "redirect_target": target,
        "brand_named": False,
        "span": make_span(x, y),
    }
    return prebuilt(Link, fields, set(_LINK_FIELDS)), start, end


def _is_shortener(host: str, registrable: str | None) -> bool:
    if registrable in SHORTENERS or host in SHORTENERS:
        return True
    return host.endswith(_SHORTENER_PARENTS) and any(
        host.endswith("." + p) for p in _SHORTENER_PARENTS
    )


def _redirect_target(registrable: str | None, host: str, path: str) -> str | None:
    """The URL an open redirector's link forwards to (``google.com/url?q=…``), else None."""
    if not path or ("?" not in path and not path.startswith("/amp/s/")):
        return None
    key = host if host in _REDIRECT_PATHS else registrable
    prefixes = _REDIRECT_PATHS.get(key or "")
    if not prefixes or not path.startswith(prefixes):
        return None
    from urllib.parse import parse_qs, unquote, urlsplit  # only for the rare redirect link

    if path.startswith("/amp/s/"):
        return "https://" + unquote(path[len("/amp/s/") :])
    query = parse_qs(urlsplit(path).query)
    for k in _REDIRECT_KEYS:
        for v in query.get(k, ()):
            if "." in v:
                return v if "://" in v else "http://" + v
    return None


def _defanged_links(ctx: Context) -> list[Link]:
    """Links written to dodge filters (``usps(dot)com-track(dot)top``), claimed first."""
    text = ctx.text
    out: list[Link] = []
    if not _defanged_hint(text):  # its own C-level tests come first
        return out
    for m in _defanged().finditer(text):
        scheme_written = m.group("scheme")
        written_host = m.group("host")
        host_labels = _SEPARATOR.split(written_host)
        odd = len(host_labels) - 1 != written_host.count(".") or any(
            c in written_host for c in " \t([{<"
        )
        # "http:/host" (one slash) gets past filters that look for "://".
        single_slash = scheme_written is not None and text[m.start("host") - 2] != "/"
        if (
            not odd
            and not single_slash
            and not (scheme_written and scheme_written[1:3].lower() == "xx")
        ):
            continue  # an ordinary link: the main pass reads it
        host = ".".join(host_labels).lower()
        if any(not lab or lab.startswith("-") or lab.endswith("-") for lab in host_labels):
            continue
        path = m.group("path") or ""
        if not scheme_written and not _BRACKETED.search(written_host):
            # Only spaces or "dot" words: a sentence ("I am fine. net") unless the host has a
            # path, a hyphen or digit, or a space before the dot ("chase . com", "chase .com").
            if not (path or _SPACE_BEFORE_DOT.search(written_host)) and not any(
                c == "-" or c.isdigit() for c in host
            ):
                continue
            if not any(c.isalpha() for c in host_labels[-2]):
                continue  # "555-0199. com": a number ending a sentence
        is_ip = _is_ip(host)
        suffix, registrable = (None, None) if is_ip else split_domain(host)
        if not is_ip and (suffix is None or registrable is None):
            continue
        end = m.end()
        while path and path[-1] in _TRAILING:
            path = path[:-1]
            end -= 1
        port_text = m.group("port")
        port = int(port_text[1:]) if port_text else None
        if port is not None and port > 65535:
            continue
        if not path:
            end = m.end("port") if port_text else m.end("host")
        start = m.start()
        if ctx.overlaps(start, end):
            continue
        scheme = None
        if scheme_written:
            scheme = "https" if scheme_written.lower().endswith("s") else "http"
        out.append(
            _obfuscated_link(
                ctx, start, end, host, path, registrable, suffix,
                scheme=scheme, port=port, port_text=port_text or "", is_ip=is_ip,
            )
        )  # fmt: skip
        if len(out) >= MAX_LINKS:
            break
    return out


def _obfuscated_link(
    ctx: Context,
    start: int,
    end: int,
    host: str,
    path: str,
    registrable: str | None,
    suffix: str | None,
    *,
    scheme: str | None = None,
    port: int | None = None,
    port_text: str = "",
    is_ip: bool = False,
) -> Link:
    """A link read from a disguised spelling (defanged or spelt out), claimed over
    ``[start, end)`` of the normalised text and marked ``obfuscated``."""
    x, y = ctx.nt.span(start, end)
    target = _redirect_target(registrable, host, path)
    fields = {
        "text": ctx.nt.original[x:y],
        "url": f"{scheme or 'http'}://{host}{port_text}{path}",
        "scheme": scheme,
        "host": host,
        "unicode_host": None,
        "path": path,
        "port": port,
        "registrable_domain": registrable,
        "public_suffix": suffix,
        "is_ip": is_ip,
        "is_idn": False,
        "shortener": _is_shortener(host, registrable) or target is not None,
        "obfuscated": True,
        "redirect_target": target,
        "brand_named": False,
        "span": make_span(x, y),
    }
    ctx.claim(start, end, "link")
    return prebuilt(Link, fields, set(_LINK_FIELDS))


# A link spelt out one character at a time ("p d d - b t . c c / 8 8", with 复制到浏览器打开):
# single characters each followed by one space, a spaced dot among them. Only from the first
# character of a run (the look-behinds), so each run is tried once: linear.
_SPACED_RUN = regex.compile(
    r"(?<![A-Za-z0-9\-./])(?<![A-Za-z0-9\-./] )"
    r"[A-Za-z0-9](?: [A-Za-z0-9\-./]){4,120}(?![A-Za-z0-9\-./])"
)
_SPACED_HINT = regex.compile(r"[A-Za-z0-9] \. [A-Za-z]")


def _spaced_links(ctx: Context) -> list[Link]:
    """Links written one character at a time, claimed first (marked ``obfuscated``).

    The characters joined must make a whole host with a known suffix among the common
    top-level domains of defanged links (_DEFANG_TLDS), with an optional path: "a b c. d" is
    no link, and neither is a spelt-out word ("V I P . 会员").
    """
    text = ctx.text
    out: list[Link] = []
    if " . " not in text or _SPACED_HINT.search(text) is None:
        return out
    tlds = frozenset(_DEFANG_TLDS.split("|"))
    for m in _SPACED_RUN.finditer(text):
        joined = m.group().replace(" ", "")
        u = _url().fullmatch(joined)
        if u is None or u.group("host2") is None or u.group("port"):
            continue
        host = u.group("host2").lower()
        if host.rsplit(".", 1)[-1] not in tlds:
            continue
        suffix, registrable = split_domain(host)
        if suffix is None or registrable is None:
            continue
        path = (u.group("path") or "").rstrip(_TRAILING)
        start, end = m.span()
        if path != (u.group("path") or ""):  # trailing punctuation: give it back
            cut = len(u.group("path")) - len(path)
            end -= 2 * cut
        if ctx.overlaps(start, end):
            continue
        out.append(_obfuscated_link(ctx, start, end, host, path, registrable, suffix))
        if len(out) >= MAX_LINKS:
            break
    return out


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
    spaced = _spaced_links(ctx)
    defanged = _defanged_links(ctx)
    if spaced:
        defanged = sorted(spaced + defanged, key=lambda link: link.span.start)
    if "." not in text and "://" not in text:
        return _brand_names(ctx.nt.original, defanged)
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
            if defanged and ctx.overlaps(m.start(), m.end(), _LINK_TAG):
                continue
            made = _make_link(ctx, m)
            if made is not None:
                link, start, end = made
                ctx.claim(start, end, "link")
                out.append(link)
                if len(out) + len(defanged) >= MAX_LINKS:
                    return _brand_names(ctx.nt.original, _merged(out, defanged))
        pos = max(b, i + 1)
    return _brand_names(ctx.nt.original, _merged(out, defanged))


def _merged(out: list[Link], defanged: list[Link]) -> list[Link]:
    if not defanged:
        return out
    return sorted(out + defanged, key=lambda link: link.span.start)[:MAX_LINKS]


_WORD = regex.compile(r"[^\W_]+")
# What brands put around their name in their own domains (mysynchrony.com, getchime.com).
_NAME_PREFIXES = ("my", "get", "go", "the", "e", "i")
_NAME_SUFFIXES = ("app", "online", "inc", "hq", "us", "usa", "card", "cards", "bank", "pay")


def _cores(name: str) -> list[str]:
    """``name`` and what is left of it without one brand prefix or suffix (mysynchrony → synchrony)."""
    out = [name]
    out += [name[len(p) :] for p in _NAME_PREFIXES if name.startswith(p) and len(name) > len(p) + 2]
    out += [name[: -len(x)] for x in _NAME_SUFFIXES if name.endswith(x) and len(name) > len(x) + 2]
    return out


def _brand_names(text: str, links: list[Link]) -> tuple[Link, ...]:
    """Mark the links whose domain name is also written as a word (or 2–3 words run together)
    outside the links: "Costco: … costco.com/x" or "Wells Fargo … wellsfargo.com" but not
    "Costco: … f2gpy.info". Linear: each word starts at most three joins.
    """
    names = set()
    for link in links:
        if link.registrable_domain and not link.is_ip:
            name = link.registrable_domain.split(".", 1)[0]
            # A hyphenated name is how look-alikes are built (amazon-verify.com): never "named".
            if len(name) >= 3 and "-" not in name:
                names.add(name)
    if not names:
        return tuple(links)
    parts = []
    pos = 0
    for link in links:
        parts.append(text[pos : link.span.start])
        pos = link.span.end
    parts.append(text[pos:])
    # Each name and its core without a brand prefix or suffix ("Synchrony" names
    # mysynchrony.com, "Venmo" names venmoapp.com), looked up once per word join.
    cores = {core: name for name in names for core in _cores(name)}
    # Cheap test first: some core must occur in the letters and digits outside the links.
    squashed = "".join(w.casefold() for part in parts for w in _WORD.findall(part))
    if not any(core in squashed for core in cores):
        return tuple(links)
    found: set[str] = set()
    for part in parts:
        words = [w.casefold() for w in _WORD.findall(part)]
        for i in range(len(words)):
            joined = ""
            for w in words[i : i + 3]:
                joined += w
                named = cores.get(joined)
                if named is not None:
                    found.add(named)
    if not found:
        return tuple(links)
    out = []
    for link in links:
        name = (link.registrable_domain or "").split(".", 1)[0]
        if name in found and not link.is_ip:
            out.append(link.model_copy(update={"brand_named": True}))
        else:
            out.append(link)
    return tuple(out)
