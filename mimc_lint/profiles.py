"""Jurisdiction profiles: which binding instruments a State is party to, and what that does to findings.

A rule's level `binding` assumes that the State is party to the treaties the rule cites in `related`
(domain/obligations.md, verdict levels). A profile says which instruments in fact bind the State. With one
configured, every finding

- lists in `related_binding` those of its `related` provisions that belong to an instrument the State is
  party to, and
- is reported at level `mimc-gap` instead of `binding` when every one of its `related` provisions belongs to
  an instrument the State is not party to: the text falls short of the MIMC, but of no treaty that binds it.

A profile never raises a level, never changes a severity or the exit code, and counts a citation of an
instrument it does not know as binding. It weighs treaties only: customary law, non-refoulement above all,
binds a State whatever it has ratified. Instruments and named profiles are data, in profiles.yaml.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml

from mimc_lint.findings import Finding, Level


class UnknownName(ValueError):
    """An instrument or profile name that profiles.yaml does not define."""


@dataclass(frozen=True, slots=True)
class _Data:
    names: dict[str, str]  # lower-cased name or alias -> the instrument's name as rules cite it
    instruments: tuple[str, ...]  # longest first, so "RCD 2013/33/EU" is tried before a shorter name
    profiles: dict[str, frozenset[str]]


@cache
def _data() -> _Data:
    document = yaml.safe_load((Path(__file__).parent / "profiles.yaml").read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for entry in document["instruments"]:
        for name in (entry["name"], *entry.get("aliases", ())):
            names[name.lower()] = entry["name"]
    instruments = tuple(sorted({entry["name"] for entry in document["instruments"]}, key=len, reverse=True))
    profiles = {name: frozenset(members) for name, members in document["profiles"].items()}
    return _Data(names, instruments, profiles)


def instrument_of(citation: str) -> str | None:
    """The instrument a `related` citation belongs to (`ICCPR art. 9(1)` -> `ICCPR`), or None when unknown."""
    return next((name for name in _data().instruments if citation.startswith(f"{name} ")), None)


def instrument(name: str) -> str:
    """The instrument a configuration names, by its name or an alias in any case."""
    data = _data()
    if name.lower() in data.names:
        return data.names[name.lower()]
    close = difflib.get_close_matches(name, list(data.instruments), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(sorted(data.instruments))})"
    raise UnknownName(f"unknown instrument '{name}'{hint}")


def named(name: str) -> frozenset[str]:
    """The instruments of a named profile."""
    profiles = _data().profiles
    if name in profiles:
        return profiles[name]
    close = difflib.get_close_matches(name, list(profiles), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(profiles)})"
    raise UnknownName(f"unknown profile '{name}'{hint}")


@dataclass(frozen=True, slots=True)
class Profile:
    """The instruments that bind the State whose law is linted, by the names rules cite them by."""

    parties: frozenset[str]

    def binds(self, citation: str) -> bool:
        """False only for a citation of a known instrument the State is not party to."""
        name = instrument_of(citation)
        return name is None or name in self.parties

    def apply(self, finding: Finding) -> Finding:
        binding = tuple(citation for citation in finding.related if self.binds(citation))
        level = finding.level
        if level is Level.BINDING and finding.related and not binding:
            level = Level.MIMC_GAP
        return replace(finding, level=level, related_binding=binding)
