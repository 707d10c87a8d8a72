"""Load, validate and evaluate rule packs.

A :class:`RuleSet` holds one :class:`Pack` per locale (``zh-CN``, ``en-US``), each with its
settings (thresholds, caps, categories, advice) and its compiled rules, plus the registry of
official channels. It is immutable once built and safe to share between threads: evaluation
keeps all per-message state in a fresh :class:`~smscheck.matchers.EvalContext`.

Loading collects every problem in every file, then raises one :class:`RuleSetError` whose
lines read ``path:line: rule-id: message``. See ``docs/rules.md`` for the format.

The package is split by concept: :mod:`.templates` (reason and advice texts), :mod:`.pack`
(compiled rules and packs), :mod:`.deps` (dependency order), :mod:`.loader` (reading and
compiling files) with :mod:`.settings` (pack settings and overrides), and :mod:`.core` (the
:class:`RuleSet`). Every name is re-exported here.
"""

from .core import (
    _BUILD_LOCK,
    _DEFAULT,
    _DEFAULT_LOCK,
    _HIT_SET,
    _JOIN,
    _UNKNOWN,
    Evaluation,
    RuleSet,
    _add_shipped,
    _compile_shipped,
    _default_registry,
    _example_problem,
    _no_pack,
    _path_value,
    _shipped_folders,
    _shown,
)
from .deps import (
    _closure,
    _cycles,
    _dependencies_first,
    _order,
)
from .loader import (
    _Loader,
    _loc,
    _Source,
)
from .pack import (
    DEFAULT_THRESHOLDS,
    EXAMPLE_TIME,
    MAX_FILES,
    Example,
    Pack,
    PackSettings,
    Rule,
    _union,
)
from .settings import (
    _replace,
    _Settings,
)
from .templates import (
    _PLACEHOLDER,
    ADVICE_PLACEHOLDERS,
    EVIDENCE_PLACEHOLDERS,
    Template,
    _advice_placeholder,
    _evidence_texts,
    _reason_placeholder,
)

__all__ = [
    "ADVICE_PLACEHOLDERS",
    "DEFAULT_THRESHOLDS",
    "EVIDENCE_PLACEHOLDERS",
    "EXAMPLE_TIME",
    "MAX_FILES",
    "_BUILD_LOCK",
    "_DEFAULT",
    "_DEFAULT_LOCK",
    "_HIT_SET",
    "_JOIN",
    "_PLACEHOLDER",
    "_UNKNOWN",
    "Evaluation",
    "Example",
    "Pack",
    "PackSettings",
    "Rule",
    "RuleSet",
    "Template",
    "_Loader",
    "_Settings",
    "_Source",
    "_add_shipped",
    "_advice_placeholder",
    "_closure",
    "_compile_shipped",
    "_cycles",
    "_default_registry",
    "_dependencies_first",
    "_evidence_texts",
    "_example_problem",
    "_loc",
    "_no_pack",
    "_order",
    "_path_value",
    "_reason_placeholder",
    "_replace",
    "_shipped_folders",
    "_shown",
    "_union",
]
