"""Every ``>>>`` example in the package's docstrings runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import smscheck

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(smscheck.__path__, "smscheck.")
    if m.name != "smscheck.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests_in_module(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
