"""Which rules run: `--select` and `--ignore` by rule ID or ID prefix, as flake8 does.

The longest matching prefix decides, so `--ignore DET --select DET001` runs DET001 alone of the
detention family; on a tie `--ignore` wins. An empty `--select` selects every rule.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass


class UnknownRule(ValueError):
    """A `--select`/`--ignore` value that matches no rule in the catalog (a usage error)."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


_FAMILY = re.compile(r"^[A-Z]+")


def _longest(prefixes: tuple[str, ...], rule_id: str) -> int:
    """Length of the longest prefix of `rule_id` among `prefixes`, or -1 when none matches."""
    return max((len(p) for p in prefixes if rule_id.startswith(p)), default=-1)


@dataclass(frozen=True, slots=True)
class Selection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def selects(self, rule_id: str) -> bool:
        selected = _longest(self.select or ("",), rule_id)
        return selected >= 0 and selected > _longest(self.ignore, rule_id)

    @classmethod
    def parse(cls, select: Iterable[str], ignore: Iterable[str], known: Iterable[str]) -> Selection:
        """Split comma-separated values, upper-case them and refuse any that matches no known rule."""
        rule_ids = sorted(set(known))
        chosen = cls(_split(select), _split(ignore))
        for option, values in (("--select", chosen.select), ("--ignore", chosen.ignore)):
            for value in values:
                if not any(rule_id.startswith(value) for rule_id in rule_ids):
                    raise UnknownRule(option, f"no rule ID starts with '{value}'{_suggestion(value, rule_ids)}")
        return chosen


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip().upper() for value in values for part in value.split(",") if part.strip())


def _suggestion(value: str, rule_ids: list[str]) -> str:
    families = sorted({m.group() for rule_id in rule_ids if (m := _FAMILY.match(rule_id))})
    close = difflib.get_close_matches(value, families + rule_ids, n=3, cutoff=0.5)
    if close:
        return f" (did you mean {' or '.join(close)}?)"
    return " (`mimc-lint rules` lists them)"
