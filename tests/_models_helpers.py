"""Shared by the tests of models built without validation (``models.trusted``)."""

from __future__ import annotations

from pydantic import BaseModel


def assert_as_validated(item: BaseModel) -> None:
    """``item`` is exactly the object validation builds from the fields it says were given:
    equal, same ``__dict__`` in field order, same set fields, no extra or private state, and
    a JSON round trip gives it back."""
    cls = type(item)
    given = item.model_fields_set
    rebuilt = cls(**{k: getattr(item, k) for k in given})
    assert rebuilt == item
    assert list(item.__dict__) == list(cls.model_fields)
    assert item.__dict__ == rebuilt.__dict__
    assert given == rebuilt.model_fields_set
    assert item.__pydantic_extra__ is None
    assert item.__pydantic_private__ is None
    assert cls.model_validate_json(item.model_dump_json()) == item
