"""Exception types. Few classes; details live in attributes."""

from __future__ import annotations


class SmscheckError(Exception):
    """Base class for every error smscheck raises on purpose."""


class RuleFileError(SmscheckError):
    """One problem in one rule file, located by path and 1-based line."""

    def __init__(self, path: str, line: int | None, rule_id: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.rule_id = rule_id
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        loc = self.path if self.line is None else f"{self.path}:{self.line}"
        rid = f" {self.rule_id}:" if self.rule_id else ""
        return f"{loc}:{rid} {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        return (RuleFileError, (self.path, self.line, self.rule_id, self.message))


class RuleSetError(SmscheckError):
    """Every problem found while loading rules; ``str()`` is one ``path:line: id: message`` a line."""

    def __init__(self, errors: list[RuleFileError] | tuple[RuleFileError, ...]) -> None:
        self.errors: tuple[RuleFileError, ...] = tuple(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

    def __reduce__(self) -> tuple[object, ...]:
        return (RuleSetError, (self.errors,))
