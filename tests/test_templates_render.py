"""Reason templates render the same whichever way they are joined."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smscheck.ruleset.templates import Template

PIECES = st.sampled_from(
    ["{match}", "{org}", "{{", "}}", "短信", " text ", "（", "）", "{sender.raw}"]
)


def _joined(t: Template, values: dict[str, str]) -> str:
    return "".join([values.get(x, x) if ph else x for ph, x in t.parts])


@given(st.lists(PIECES, max_size=8), st.sampled_from(["", "v", "{0}", "}{"]))
def test_template_render_is_the_parts_joined(pieces: list[str], value: str) -> None:
    t, problems = Template.parse("".join(pieces), lambda name: None)
    assert not problems
    for values in ({}, {n: value + n for n in t.names}):
        assert t.render(values) == _joined(t, values)
