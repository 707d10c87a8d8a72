"""The registry of official channels: who an organisation is and how it really talks.

``rules/registry/*.yaml`` lists organisations (banks, consumer-finance firms, platforms, the
courts, regulators, the credit-reference centre, carriers, anti-fraud lines) with their names
and aliases, official SMS senders and sender patterns, signatures, official domains and
short-link domains, the hotline to advise, and a source for every fact.

Everything is compiled at load time; lookups are dict and set operations plus one precompiled
alternation over the message for the organisations it names.

Missing from the registry is NOT evidence of fraud: the data is incomplete by nature. A sender
that contradicts the organisation a message names is.

Rules for senders (documented here because the rule engine relies on them):

- an exact number listed under ``senders`` is official for its organisations;
- a number matching one of an organisation's ``sender_patterns`` is official for it;
- otherwise a 106 code (``106…``) whose last 5–6 digits are an organisation's listed service
  number (95xxx(x), 96xxx(x), 12xxx, 100xx) is official for it: carriers assign 106 long codes
  that embed the service number (106980095533 → 95533, 中国建设银行). An exact listing wins over
  this inference, so a listed 106 code is never re-attributed by its suffix;
- a court organisation accepts the senders of the ``courts`` entry (12368, 106…12368).

Rules for domains: a host is official for an organisation when the host, or any parent domain
of it, is listed under ``domains`` or ``short_domains`` (so ``jr.jd.com`` and ``a.b.jd.com`` are
official for ``jd.com``; ``jd.com.xyz-pay.cn`` is not), or when it matches one of the
organisation's anchored ``domain_patterns`` (the courts' ``*.gov.cn`` rule).
"""

from ._registry import Registry, _default_registry
from ._schema import COURTS_ID, Fact, OrgEntry, OrgKind, OrgMention

__all__ = [
    "COURTS_ID",
    "Fact",
    "OrgEntry",
    "OrgKind",
    "OrgMention",
    "Registry",
    "_default_registry",
]
