"""smscheck: tell genuine creditor, lawyer and court SMS from forgeries.

>>> import smscheck
>>> smscheck.parse("【京东金融】您的白条已逾期3天").signatures[0].name
'京东金融'
"""

from __future__ import annotations

import typing as _typing

from .errors import RuleFileError, RuleSetError, SmscheckError
from .models import (
    Amount,
    CaseNumber,
    DateMention,
    Evidence,
    Handle,
    Hit,
    Label,
    LegalFact,
    Link,
    Localized,
    Organisation,
    OverdueDays,
    ParsedMessage,
    PaymentInstruction,
    PhoneNumber,
    Product,
    Sender,
    Signature,
    Span,
    Summary,
    Tail,
    Verdict,
)
from .parser import parse

if _typing.TYPE_CHECKING:
    from .batch import check_many
    from .checker import Checker, check
    from .ruleset import RuleSet

__version__ = "0.1.0"

# The rule engine (rule-file schema, YAML, matchers) is imported on first use of one of these
# names, so `import smscheck` plus a first `parse` does not pay for it.
_LAZY = {"Checker": "checker", "check": "checker", "RuleSet": "ruleset", "check_many": "batch"}


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Amount",
    "CaseNumber",
    "Checker",
    "DateMention",
    "Evidence",
    "Handle",
    "Hit",
    "Label",
    "LegalFact",
    "Link",
    "Localized",
    "Organisation",
    "OverdueDays",
    "ParsedMessage",
    "PaymentInstruction",
    "PhoneNumber",
    "Product",
    "RuleFileError",
    "RuleSet",
    "RuleSetError",
    "Sender",
    "Signature",
    "SmscheckError",
    "Span",
    "Summary",
    "Tail",
    "Verdict",
    "__version__",
    "check",
    "check_many",
    "parse",
]
