"""Field paths of :class:`ParsedMessage` and their types, for load-time checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..schema import (
    did_you_mean,
)


@dataclass(frozen=True)
class FType:
    """What a ParsedMessage path holds, for load-time checks."""

    kind: Literal["model", "tuple", "scalar"]
    model: type[BaseModel] | None = None  # for model, and tuple of models
    item: FType | None = None  # for tuple
    py: type | None = None  # for scalar: str, int, float, Decimal, bool, datetime
    choices: tuple[str, ...] | None = None  # Literal values

    def describe(self) -> str:
        """Human name of the type."""
        if self.kind == "model":
            return "an object"
        if self.kind == "tuple":
            return "a list"
        if self.choices:
            return "one of " + ", ".join(self.choices)
        return {str: "text", int: "a whole number", float: "a number", Decimal: "a number",
                bool: "true/false", datetime: "a date and time"}.get(self.py or str, "a value")  # fmt: skip


def ftype_of(annotation: Any) -> FType:
    """Describe a pydantic field annotation."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin in (Union, getattr(__import__("types"), "UnionType", Union)):
        non_none = [a for a in args if a is not type(None)]
        if len(non_none) == 1:
            return ftype_of(non_none[0])
    if origin is tuple:
        return FType(kind="tuple", item=ftype_of(args[0]))
    if origin is Literal:
        return FType(kind="scalar", py=str, choices=tuple(str(a) for a in args))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FType(kind="model", model=annotation)
    if isinstance(annotation, type):
        return FType(kind="scalar", py=annotation)
    return FType(kind="scalar", py=str)


_MODEL_FIELDS: dict[type[BaseModel], dict[str, FType]] = {}


def model_fields(model: type[BaseModel]) -> dict[str, FType]:
    """Field name → type of a model (computed once per model; do not modify the result)."""
    got = _MODEL_FIELDS.get(model)
    if got is None:
        got = _MODEL_FIELDS[model] = {
            name: ftype_of(f.annotation) for name, f in model.model_fields.items()
        }
    return got


def resolve_path(model: type[BaseModel], path: str, *, through_lists: bool = False) -> FType | str:
    """Return the type at ``path`` from ``model``, or an error message.

    Without ``through_lists`` a path may not step into a list (use ``any``/``all``/``count``).
    """
    current = FType(kind="model", model=model)
    walked: list[str] = []
    for part in path.split("."):
        if current.kind == "tuple":
            if not through_lists:
                where = ".".join(walked)
                return (
                    f"{where} is a list; test its items with `field: {where}` and "
                    f"`any: {{{part}: ...}}` (or all/count)"
                )
            assert current.item is not None
            current = current.item
        if current.kind != "model" or current.model is None:
            return f"{'.'.join(walked)} is {current.describe()} and has no field {part!r}"
        fields = model_fields(current.model)
        if part not in fields:
            where = ".".join(walked) or "the message"
            return f"unknown field {path!r}: {where} has no {part!r}{did_you_mean(part, fields)}"
        walked.append(part)
        current = fields[part]
    return current
