"""Grounds of protection a law expressly leaves out (MIMC art. 125).

Three drafting patterns do it: a clause that denies a protection status to people who fled for a reason ("a person
is not a refugee by reason only that the person has fled generalised violence or natural disaster"), a rule that
an armed-conflict claim succeeds only on proof of being individually targeted, which leaves indiscriminate
violence out (Qualification Directive art. 15(c), as Elgafaji C-465/07 reads it), and a demand that the risk be
one "not faced generally by other individuals" in the country, which does the same without naming the violence.
definitions.py turns each into a `Definition` whose `excludes` names the grounds, so YAML and text meet in one
model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mimc_lint.extract.vocabulary import Match
from mimc_lint.model import Ground

if TYPE_CHECKING:
    from mimc_lint.extract.measures import ClauseReader

#: Grounds of flight a law may leave out. Persecution and serious harm are what protection is for: a clause that
#: names them beside a denial is about perpetrators or cessation, not about who flees.
_EXCLUDABLE = frozenset(Ground) - {Ground.CONVENTION, Ground.SERIOUS_HARM}
_PROTECTION_WORDS = frozenset({"protection", "asylum"})


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A clause (tokens [start, end)) that leaves grounds out, and the words that do it."""

    start: int
    end: int
    cue: Match
    grounds: tuple[Ground, ...]
    term: Match | None  # the protection term the clause denies, when it names one


def exclusions(reader: ClauseReader) -> Iterator[Exclusion]:
    """Every clause of the unit's own words that leaves a ground of flight out of protection."""
    own_start, own_end = reader.own
    clauses: dict[int, tuple[int, Match, list[Ground]]] = {}
    for match in reader.in_clause("grounds", own_start, own_end):
        ground = Ground(match.value)
        if ground not in _EXCLUDABLE:
            continue
        start, end = reader.clause(match.start)
        cue = _denial(reader, match, start, end)
        if cue is None and ground is Ground.GENERALIZED_VIOLENCE:
            cue = _targeting(reader, start, end)
        if cue is None:
            continue
        grounds = clauses.setdefault(start, (end, cue, []))[2]
        if ground not in grounds:
            grounds.append(ground)
    for cue in reader.in_clause("general-risk-exclusions", own_start, own_end):  # "not faced generally by others"
        start, end = reader.clause(cue.start)
        if reader.in_clause("targeting-waivers", start, end):
            continue
        grounds = clauses.setdefault(start, (end, cue, []))[2]
        if Ground.GENERALIZED_VIOLENCE not in grounds:
            grounds.append(Ground.GENERALIZED_VIOLENCE)
    for start, (end, cue, grounds) in clauses.items():
        terms = reader.in_clause("protection-terms", start, end)
        yield Exclusion(start, end, cue, tuple(sorted(grounds, key=list(Ground).index)), terms[0] if terms else None)


def _denial(reader: ClauseReader, ground: Match, start: int, end: int) -> Match | None:
    """The words denying protection that reach `ground`: no perpetrator in the clause, protection named, and no
    break ("but", "not limited to") between the denial and the ground."""
    if reader.in_clause("perpetration", start, end):
        return None
    if not _names_protection(reader, start, end):
        return None
    breaks = reader.in_clause("exclusion-breaks", start, end)
    for cue in reader.in_clause("protection-exclusions", start, end):
        first, last = min(cue.start, ground.start), max(cue.end, ground.end)
        if any(first <= b.start and b.end <= last for b in breaks):
            continue
        if any(b.start >= cue.end and _names_protection(reader, b.end, end) for b in breaks):
            continue  # "is not eligible for refugee status but is eligible for humanitarian protection"
        return cue
    return None


def _names_protection(reader: ClauseReader, start: int, end: int) -> bool:
    return bool(reader.in_clause("protection-terms", start, end) or _PROTECTION_WORDS & set(reader.lower[start:end]))


def _targeting(reader: ClauseReader, start: int, end: int) -> Match | None:
    """A demand that the person show they were singled out, unless the law waives it ("need not show")."""
    cues = reader.in_clause("individual-targeting", start, end)
    if not cues or reader.in_clause("targeting-waivers", start, end):
        return None
    return cues[0]
