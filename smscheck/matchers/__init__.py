"""Compile rule conditions (``when:``) into matcher trees that produce :class:`Evidence`.

A condition is a mapping whose first key names its kind (see :data:`schema.CONDITION_KINDS`):
``all``/``any``/``not``/``at_least`` combine; ``text`` leaves look at the normalised text;
``field`` leaves test a :class:`ParsedMessage` path; ``registry`` leaves ask the registry of
official channels; ``rule`` leaves ask whether another rule's condition held.

Evaluation is two-valued and involves no clock: every regex runs in time linear in the text
(the ``regex`` module when the analysis proves it, RE2 otherwise, see :mod:`.engines`), so a
verdict never depends on the machine's speed or load.

Speed: every literal a pack uses (keywords, ``near`` terms, the literal a regex cannot match
without, the pieces of a fuzzy term) goes into one :class:`TermIndex`, scanned once per message
at a cost that hardly depends on how many terms there are. Keyword, near and most regex leaves
then cost a dictionary lookup; a regex runs only when its required literal occurs.

The package is split by concept: :mod:`.terms` (the term index), :mod:`.base` (the
evaluation context, node base and combinators), :mod:`.text`, :mod:`.fields` (with
:mod:`.paths`) and :mod:`.registry_leaf` (the leaves), :mod:`.regex_analysis` (load-time
facts about patterns), :mod:`.compiler` and :mod:`.triggers` (pre-filters). Every name is
re-exported here.
"""

from .base import (
    _MAX_EVIDENCE,
    _MISS,
    _NO,
    AllNode,
    AnyNode,
    AtLeastNode,
    EvalContext,
    Node,
    NotNode,
    Result,
    RuleRefNode,
    State,
    _Combinator,
    _dedupe,
    _test_order,
)
from .compiler import (
    _BAD,
    Compiler,
    _Bad,
    _label,
)
from .engines import GuardedRe2, compile_re2, to_re2
from .fields import (
    _ITEM_EVIDENCE_SET,
    CompareTest,
    ContainsTest,
    CountTest,
    ExistsTest,
    FieldNode,
    FieldTest,
    HoursTest,
    ItemsTest,
    MatchesTest,
    _cmp,
    _fmt,
    _item_evidence,
    _present,
    _summary,
)
from .paths import (
    _MODEL_FIELDS,
    FType,
    ftype_of,
    model_fields,
    resolve_path,
)
from .regex_analysis import (
    _ANY,
    _FACTS,
    _FLAGS,
    _MAX_FILTERS,
    _MAX_WORK,
    _ODD_BRACE,
    _REPEATS,
    _STD_FLAGS,
    MAX_EXPANDED,
    MAX_PATTERN_CHARS,
    MAX_REPEAT,
    RegexFacts,
    _all_literal_sets,
    _alt_set,
    _ambiguous,
    _backtracking_risk,
    _literal_sets,
    _overlap,
    _overlapping_alternatives,
    _required_literals,
    _risk,
    _score,
    _seq,
    _single_set,
    _std_parse,
    _work,
    backtracking_risk,
    is_linear,
    pattern_limit,
    regex_facts,
    required_literals,
)
from .registry_api import (
    ORG_KINDS,
    NullRegistry,
    OrgLike,
    OrgMentionLike,
    RegistryLike,
)
from .registry_leaf import (
    RegistryNode,
)
from .terms import (
    _MAX_OCCURRENCES,
    TermIndex,
    _find_all,
    lower_same_length,
)
from .text import (
    KeywordsNode,
    NearNode,
    RegexNode,
)
from .triggers import (
    MAX_PACK_COST,
    Clauses,
    Fact,
    clause_score,
    clauses,
    field_present,
    leaf_cost,
    pack_cost,
    requirement,
    trigger,
    walk,
)

__all__ = [
    "MAX_EXPANDED",
    "MAX_PACK_COST",
    "MAX_PATTERN_CHARS",
    "MAX_REPEAT",
    "ORG_KINDS",
    "_ANY",
    "_BAD",
    "_FACTS",
    "_FLAGS",
    "_ITEM_EVIDENCE_SET",
    "_MAX_EVIDENCE",
    "_MAX_FILTERS",
    "_MAX_OCCURRENCES",
    "_MAX_WORK",
    "_MISS",
    "_MODEL_FIELDS",
    "_NO",
    "_ODD_BRACE",
    "_REPEATS",
    "_STD_FLAGS",
    "AllNode",
    "AnyNode",
    "AtLeastNode",
    "Clauses",
    "CompareTest",
    "Compiler",
    "ContainsTest",
    "CountTest",
    "EvalContext",
    "ExistsTest",
    "FType",
    "Fact",
    "FieldNode",
    "FieldTest",
    "GuardedRe2",
    "HoursTest",
    "ItemsTest",
    "KeywordsNode",
    "MatchesTest",
    "NearNode",
    "Node",
    "NotNode",
    "NullRegistry",
    "OrgLike",
    "OrgMentionLike",
    "RegexFacts",
    "RegexNode",
    "RegistryLike",
    "RegistryNode",
    "Result",
    "RuleRefNode",
    "State",
    "TermIndex",
    "_Bad",
    "_Combinator",
    "_all_literal_sets",
    "_alt_set",
    "_ambiguous",
    "_backtracking_risk",
    "_cmp",
    "_dedupe",
    "_find_all",
    "_fmt",
    "_item_evidence",
    "_label",
    "_literal_sets",
    "_overlap",
    "_overlapping_alternatives",
    "_present",
    "_required_literals",
    "_risk",
    "_score",
    "_seq",
    "_single_set",
    "_std_parse",
    "_summary",
    "_test_order",
    "_work",
    "backtracking_risk",
    "clause_score",
    "clauses",
    "compile_re2",
    "field_present",
    "ftype_of",
    "is_linear",
    "leaf_cost",
    "lower_same_length",
    "model_fields",
    "pack_cost",
    "pattern_limit",
    "regex_facts",
    "required_literals",
    "requirement",
    "resolve_path",
    "to_re2",
    "trigger",
    "walk",
]
