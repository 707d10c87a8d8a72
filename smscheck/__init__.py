"""smscheck: tell genuine creditor, lawyer and court SMS from forgeries.

>>> import smscheck
>>> smscheck.parse("【京东金融】您的白条已逾期3天").signatures[0].name
'京东金融'
"""

from __future__ import annotations

from .batch import check_many
from .checker import Checker, check
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
    Tail,
    Verdict,
)
from .parser import parse
from .ruleset import RuleSet

__version__ = "0.1.0"

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
    "Tail",
    "Verdict",
    "__version__",
    "check",
    "check_many",
    "parse",
]
