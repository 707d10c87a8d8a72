"""Pack settings (``pack.yaml`` or a file's ``pack:``) and overrides, merged into the packs
being loaded."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from .._yaml import Lines
from ..errors import RuleFileError
from ..models import Localized
from ..schema import (
    OverridesSpec,
    PackSpec,
    did_you_mean,
    translate,
)
from .pack import Pack, PackSettings, Rule
from .templates import Template, _advice_placeholder

_Path = tuple[str | int, ...]


class _Settings:
    """The part of the loader that merges pack settings and overrides into its packs."""

    errors: list[RuleFileError]
    packs: dict[str, Pack]

    def error(self, path: str, line: int | None, rule_id: str | None, message: str) -> None:
        self.errors.append(RuleFileError(path, line, rule_id, message))

    def read(self, path: str) -> tuple[Any, Lines] | None:
        """Read and parse one YAML file (see the loader)."""
        raise NotImplementedError

    def pack_for(self, locale: str) -> Pack:
        if locale not in self.packs:
            self.packs[locale] = Pack(PackSettings(name=locale, locale=locale))
        return self.packs[locale]

    def apply_pack(self, path: str, data: Any, lines: Lines, base: _Path = ()) -> str | None:
        """Validate pack settings and merge them into the pack of their locale."""
        if not isinstance(data, dict):
            self.error(
                path,
                lines.line(base),
                None,
                "pack settings must be a mapping (name, locale, thresholds, caps …)",
            )
            return None
        try:
            spec = PackSpec.model_validate(data)
        except ValidationError as exc:
            for loc, msg in translate(exc, PackSpec):
                self.error(path, lines.line((*base, *loc)), None, msg)
            return None
        pack = self.pack_for(spec.locale)
        s = pack.settings
        s.path, s.line = path, lines.line(base)
        given = spec.model_fields_set
        if "name" in given:
            s.name = spec.name
        if "regex_timeout_ms" in given:
            s.timeout_ms = spec.regex_timeout_ms
        for name, loc_text in spec.categories.items():
            s.categories[name] = Localized(zh=loc_text.zh, en=loc_text.en)
        if "thresholds" in given:
            s.thresholds = (spec.thresholds.suspicious, spec.thresholds.forged)
            self.check_thresholds(path, lines.line((*base, "thresholds")), s.thresholds)
        for cat, cap in spec.caps.items():
            if cat not in s.categories:
                self.error(path, lines.line((*base, "caps", cat)), None,
                           f"caps: unknown category {cat!r}{did_you_mean(cat, s.categories)}")  # fmt: skip
            elif cap <= 0:
                self.error(
                    path, lines.line((*base, "caps", cat)), None, f"caps.{cat}: must be above 0"
                )
            else:
                s.caps[cat] = cap
        for label in ("legitimate", "suspicious", "forged"):
            lst = getattr(spec.advice, label)
            if lst is not None:
                s.advice[label] = (lst.zh, lst.en)
        if spec.advice.hotline is not None:
            tpls = []
            for lang in ("zh", "en"):
                tpl, problems = Template.parse(
                    getattr(spec.advice.hotline, lang), _advice_placeholder
                )
                for pr in problems:
                    self.error(
                        path,
                        lines.line((*base, "advice", "hotline", lang)),
                        None,
                        f"advice.hotline.{lang}: {pr}",
                    )
                tpls.append(tpl)
            s.hotline = (tpls[0], tpls[1])
        return spec.locale

    def check_thresholds(self, path: str, line: int | None, t: tuple[float, float]) -> None:
        if not t[0] < t[1]:
            self.error(path, line, None,
                       f"thresholds: suspicious ({t[0]:g}) must be below forged ({t[1]:g})")  # fmt: skip

    def apply_overrides(self, overrides: Any) -> None:
        if overrides is None:
            return
        path = "<overrides>"
        lines = Lines()
        data = overrides
        if isinstance(overrides, (str, os.PathLike)):
            path = os.fspath(overrides)
            got = self.read(path)
            if got is None:
                return
            data, lines = got
        if not isinstance(data, Mapping):
            self.error(
                path,
                lines.line(()),
                None,
                "overrides must be a mapping (disable, weights, thresholds, caps)",
            )
            return
        try:
            spec = OverridesSpec.model_validate(dict(data))
        except ValidationError as exc:
            for loc, msg in translate(exc, OverridesSpec):
                self.error(path, lines.line(loc), None, msg)
            return
        ids = {rid: pack for pack in self.packs.values() for rid in pack.rules}
        for k, rid in enumerate(spec.disable):
            if rid not in ids:
                self.error(
                    path,
                    lines.line(("disable", k)),
                    rid,
                    f"disable: unknown rule{did_you_mean(rid, ids)}",
                )
            else:
                pack = ids[rid]
                pack.rules[rid] = _replace(pack.rules[rid], disabled=True)
        for rid, w in spec.weights.items():
            if rid not in ids:
                self.error(
                    path,
                    lines.line(("weights", rid)),
                    rid,
                    f"weights: unknown rule{did_you_mean(rid, ids)}",
                )
            elif not -100 <= w <= 100 or w != w:
                self.error(
                    path,
                    lines.line(("weights", rid)),
                    rid,
                    "weights: must be a number from -100 to 100",
                )
            else:
                pack = ids[rid]
                pack.rules[rid] = _replace(pack.rules[rid], weight=float(w))
        targets = (
            [self.packs[spec.locale]] if spec.locale in self.packs else list(self.packs.values())
        )
        if spec.locale is not None and spec.locale not in self.packs:
            self.error(
                path, lines.line(("locale",)), None, f"locale: no pack for {spec.locale} is loaded"
            )
        if not targets and (spec.thresholds or spec.caps):
            targets = [self.pack_for("zh-CN")]
        for pack in targets:
            s = pack.settings
            if spec.thresholds is not None:
                s.thresholds = (spec.thresholds.suspicious, spec.thresholds.forged)
                self.check_thresholds(path, lines.line(("thresholds",)), s.thresholds)
            for cat, cap in spec.caps.items():
                if cat not in s.categories:
                    self.error(
                        path,
                        lines.line(("caps", cat)),
                        None,
                        f"caps: unknown category {cat!r}{did_you_mean(cat, s.categories)}",
                    )
                elif cap <= 0:
                    self.error(
                        path, lines.line(("caps", cat)), None, f"caps.{cat}: must be above 0"
                    )
                else:
                    s.caps[cat] = cap
            if (
                spec.thresholds is not None
                and self.errors
                and self.errors[-1].message.startswith("thresholds:")
            ):
                break  # report a bad threshold once, not once per pack


def _replace(rule: Rule, **changes: Any) -> Rule:
    from dataclasses import replace

    return replace(rule, **changes)
