"""Compose the text a clause is read from: a unit's own words with the lead-in they continue.

Statutes split one sentence across units: "the Attorney General— (1) may continue to detain
the arrested alien". A unit is read with the lead-ins of the units above it, and a unit that
is itself a lead-in ("shall not—") is read together with the items under it. Every character
of the composed text maps back to its offset in the source, so spans stay exact.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter

from mimc_lint.readers.statute import Unit
from mimc_lint.source import SourceText

#: A unit whose own text ends like this continues into the units under it.
_LEAD_IN = re.compile(
    r"(?:[—–:]|\s-|-|\b(?:may|shall|must|not|that|who|which|where|if|unless|when|to|of|on|upon|be|are|is))\s*$",
    re.IGNORECASE,
)


_START = attrgetter("start")

#: The kind of unit the statute reader gives an explanatory note ("Note: Section 14 limits ...").
NOTE = "note"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of source text placed at `start` in the composed text."""

    start: int
    source_start: int
    length: int
    role: str  # lead | own | tail
    unit: Unit


@dataclass(frozen=True, slots=True)
class Composition:
    unit: Unit
    text: str
    pieces: tuple[Piece, ...]

    def piece_at(self, offset: int) -> Piece:
        index = bisect_right(self.pieces, offset, key=_START) - 1
        return self.pieces[max(index, 0)]

    def source_offset(self, offset: int) -> int:
        piece = self.piece_at(offset)
        return piece.source_start + min(max(offset - piece.start, 0), piece.length - 1)

    def own_range(self) -> tuple[int, int]:
        own = [p for p in self.pieces if p.role == "own"]
        return (own[0].start, own[-1].start + own[-1].length) if own else (0, 0)


def own_runs(unit: Unit, source: SourceText) -> list[tuple[int, int]]:
    """The unit's own text as (start, end) source offsets, one run per line, trimmed."""
    runs = []
    for segment in unit.segments:
        offset = segment.start
        for line in source.text[segment.start : segment.end].split("\n"):
            stripped = line.strip()
            if stripped:
                lead = len(line) - len(line.lstrip())
                runs.append((offset + lead, offset + lead + len(stripped)))
            offset += len(line) + 1
    return runs


def is_lead_in(runs: list[tuple[int, int]], source: SourceText, following: int) -> bool:
    """Do the words in `runs` run on into the text at offset `following`? They do when they end as a lead-in
    does ("shall not—", "where:", "the officer shall"), or stop short of a full stop or semicolon before words
    that start in lower case: "Subsection (1) does not apply in the case of a person (a) who is inadmissible"."""
    if not runs:
        return False
    words = source.text[runs[-1][0] : runs[-1][1]]
    if _LEAD_IN.search(words):
        return True
    text = source.text
    return following < len(text) and text[following].islower() and not words.endswith((".", ";"))


def _descendant_runs(unit: Unit, source: SourceText) -> list[tuple[int, int, Unit]]:
    return [
        (s, e, u) for child in unit.children for u in child.walk() if u.kind != NOTE for s, e in own_runs(u, source)
    ]


def compose(unit: Unit, ancestors: list[Unit], source: SourceText) -> Composition | None:
    """The composed text for `unit` (None when it has no words of its own); `ancestors` nearest first."""
    own = own_runs(unit, source)
    if not own:
        return None
    runs: list[tuple[int, int, str, Unit]] = []
    first = own[0][0]
    for ancestor in ancestors:
        before = [r for r in own_runs(ancestor, source) if r[0] < first]
        if not before or not is_lead_in(before, source, first):
            break
        runs[:0] = [(s, e, "lead", ancestor) for s, e in before]
        first = before[0][0]
    body = [(s, e, "own", unit) for s, e in own]
    if unit.children:
        first_child = _first_offset(unit.children[0], source)
        if is_lead_in([r for r in own if r[0] < first_child], source, first_child):
            body += [(s, e, "tail", u) for s, e, u in _descendant_runs(unit, source)]
    runs += sorted(body, key=lambda r: r[0])
    pieces: list[Piece] = []
    parts: list[str] = []
    position = 0
    for start, end, role, owner in runs:
        pieces.append(Piece(position, start, end - start, role, owner))
        parts.append(source.text[start:end])
        position += end - start + 1
    return Composition(unit, " ".join(parts), tuple(pieces))


def _first_offset(unit: Unit, source: SourceText) -> int:
    """Where the first words of `unit` or of its first descendant with words stand."""
    for descendant in unit.walk():
        runs = own_runs(descendant, source)
        if runs:
            return runs[0][0]
    return len(source.text)


def compositions(units: tuple[Unit, ...], source: SourceText) -> Iterator[Composition]:
    """Every unit's composition, in document order; explanatory notes enact nothing and are left out."""

    def visit(unit: Unit, ancestors: list[Unit]) -> Iterator[Composition]:
        if unit.kind == NOTE:
            return
        composition = compose(unit, ancestors, source)
        if composition is not None:
            yield composition
        for child in unit.children:
            yield from visit(child, [unit, *ancestors])

    for unit in units:
        yield from visit(unit, [])
