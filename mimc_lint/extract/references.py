"""Cross-references as the law writes them, resolved to the units of this instrument.

"subsection (1)" is found from the referring unit upward; "section 12", "Article 8",
"§ 1226(c)" and "paragraph 16" from the top. "section 77 of the Nationality ... Act 2002"
or "section 3521 of title 18" name another law and stay unresolved; "of this title",
"of this Act" name this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mimc_lint.extract.clauses import own_runs
from mimc_lint.readers.statute import Unit
from mimc_lint.source import SourceText

_KIND = (
    r"(?:sub-?sections?|sections?|ss?\.|sub-?paragraphs?|paragraphs?|paras?\.?|articles?|art\.|§§?|clauses?|points?)"
)
_NUMBER = r"(?:\d+[A-Za-z]*(?:\([A-Za-z0-9]+\))*|\([A-Za-z0-9]+\)(?:\([A-Za-z0-9]+\))*)"
REFERENCE = re.compile(
    rf"(?P<kind>{_KIND})\s*(?P<num>{_NUMBER})(?P<external>\s+(?:of|to)\s+(?:the|that|title)\b[^,;]*)?",
    re.IGNORECASE,
)
SELF = re.compile(r"\bthis (?P<kind>section|subsection|paragraph|sub-paragraph|subparagraph|article)\b", re.IGNORECASE)
_RELATION = (
    (re.compile(r"subject to\s*$", re.IGNORECASE), "subject-to"),
    (re.compile(r"(notwithstanding|despite|nothing in)\s*$", re.IGNORECASE), "overrides"),
    (re.compile(r"(shall not apply|does not apply|does not prevent)\s*$", re.IGNORECASE), "applies"),
)


@dataclass(frozen=True, slots=True)
class Reference:
    text: str
    start: int  # offset in the text it was found in
    end: int
    relation: str
    target: Unit | None


def _number_parts(num: str) -> list[str]:
    """`16(1)(a)` -> ["16", "(1)", "(a)"]; `(2)(A)` -> ["(2)", "(A)"]."""
    return re.findall(r"\([A-Za-z0-9]+\)|[^()]+", num)


def _bare(num: str) -> str:
    return num.strip().strip("§").strip().rstrip(".").strip().lower()


class Resolver:
    """Finds the unit a reference names, from a given unit of the same instrument."""

    def __init__(self, units: tuple[Unit, ...], source: SourceText) -> None:
        self._source = source
        self._numbered: dict[str, list[Unit]] = {}
        self._parents: dict[int, Unit] = {}
        for top in units:
            for unit in top.walk():
                for child in unit.children:
                    self._parents[id(child)] = unit
                if unit.num and not unit.num.startswith("("):
                    self._numbered.setdefault(_bare(unit.num), []).append(unit)

    def text_of(self, unit: Unit) -> str:
        """The words of `unit` and everything under it."""
        return " ".join(self._source.text[s:e] for u in unit.walk() for s, e in own_runs(u, self._source))

    def ancestors(self, unit: Unit) -> Iterator[Unit]:
        parent = self._parents.get(id(unit))
        while parent is not None:
            yield parent
            parent = self._parents.get(id(parent))

    @staticmethod
    def _descend(unit: Unit, parts: list[str]) -> Unit | None:
        for part in parts:
            unit = next((c for c in unit.children if _bare(c.num) == part.lower()), None)
            if unit is None:
                return None
        return unit

    def resolve(self, kind: str, num: str, at: Unit) -> Unit | None:
        parts = _number_parts(num)
        if not parts:
            return None
        if parts[0].startswith("("):
            for scope in (at, *self.ancestors(at)):
                found = self._descend(scope, parts)
                if found is not None:
                    return found
            return None
        candidates = self._numbered.get(_bare(parts[0]), [])
        chain = {id(a) for a in self.ancestors(at)}
        # a "paragraph 16" inside a schedule means the schedule's own paragraph 16
        candidates = sorted(candidates, key=lambda u: 0 if any(id(a) in chain for a in self.ancestors(u)) else 1)
        for candidate in candidates:
            found = self._descend(candidate, parts[1:])
            if found is not None:
                return found
        return None

    def self_reference(self, kind: str, at: Unit) -> Unit | None:
        """The unit "this section" or "this paragraph" names: `at` or its nearest ancestor of that kind."""
        wanted = kind.lower().replace("-", "")
        for unit in (at, *self.ancestors(at)):
            if unit.kind.replace("-", "") == wanted or (wanted == "section" and unit.kind in {"article"}):
                return unit
        return None

    def references(self, text: str, at: Unit) -> Iterator[Reference]:
        """Every reference in `text` (the words of unit `at`), resolved where it names this instrument."""
        for match in REFERENCE.finditer(text):
            external = match.group("external") or ""
            internal = re.match(r"\s+of\s+this\b", external, re.IGNORECASE) is not None
            outside = bool(external) and not internal
            target = None if outside else self.resolve(match.group("kind"), match.group("num"), at)
            yield Reference(match.group(0), match.start(), match.end(), _relation(text, match.start()), target)
        for match in SELF.finditer(text):
            target = self.self_reference(match.group("kind"), at)
            yield Reference(match.group(0), match.start(), match.end(), _relation(text, match.start()), target)


def _relation(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    for pattern, relation in _RELATION:
        if pattern.search(before):
            return relation
    return "refers"
