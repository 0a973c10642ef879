"""Cross-references as the law writes them, resolved to the units of this instrument.

"subsection (1)" is found from the referring unit upward; "section 12", "Article 8",
"§ 1226(c)" and "paragraph 16" from the top. "section 77 of the Nationality ... Act 2002"
or "section 3521 of title 18" name another law and stay unresolved; "of this title",
"of this Act" name this one.

A number is matched whatever its marker style, so "Article 16(1)" names the paragraph
numbered "1." and "point (a)" the point "a)". An EU "paragraph 2" is first looked for in the
referring provision, as EU acts mean the article's own paragraph 2; "point (a) of paragraph 2"
and "paragraph 2 of Article 16" are resolved from the outermost reference inward.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mimc_lint.extract.clauses import own_runs
from mimc_lint.readers.statute import Unit
from mimc_lint.source import SourceText

#: The words that name a kind of unit (alternatives, each starting with a plain character) and the kind named.
_KINDS = (
    (r"sub-?sections?", "subsection"),
    (r"sections?|ss?\.|§§?", "section"),
    (r"sub-?paragraphs?", "subparagraph"),
    (r"paragraphs?|paras?\.?", "paragraph"),
    (r"articles?|art\.", "article"),
    (r"clauses?", "clause"),
    (r"points?", "point"),
)
_KIND = "(?:" + "|".join(pattern for pattern, _ in _KINDS) + ")"
#: The letters a reference can start with: the scan tries only the positions that hold one.
_FIRST = "(?=[" + "".join(sorted({word[0] for pattern, _ in _KINDS for word in pattern.split("|")})) + "])"
_NUMBER = r"(?:\d+[A-Za-z]*(?:\([A-Za-z0-9]+\))*|\([A-Za-z0-9]+\)(?:\([A-Za-z0-9]+\))*)"
_ONE = re.compile(rf"(?P<kind>{_KIND})\s*(?P<num>{_NUMBER})", re.IGNORECASE)
REFERENCE = re.compile(
    rf"{_FIRST}(?P<kind>{_KIND})\s*(?P<num>{_NUMBER})(?P<within>(?:\s+of\s+{_KIND}\s*{_NUMBER})*)"
    r"(?P<external>\s+(?:of|to)\s+(?:the|that|title)\b[^,;]*)?",
    re.IGNORECASE,
)
#: A further number of the same list: "paragraph 16(1), (1A) or (2)", "sections 21 and 22".
_MORE = re.compile(rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?P<num>{_NUMBER})")
_CHAINED = re.compile(rf"\s+of\s+{_KIND}", re.IGNORECASE)
_FOREIGN = re.compile(r"\s+(?:of|to)\s+(?:the|that|title)\b", re.IGNORECASE)
_THIS = re.compile(r"\s+of\s+this\b", re.IGNORECASE)
#: Words after a number that make it a quantity, not a unit's number: "section 12 or 14 days".
_QUANTITIES = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "per", "percent", "%"}
)
#: Kinds that name a unit inside a provision even when the number is bare ("paragraph 2", "point 3").
_INNER_KINDS = frozenset({"paragraph", "subparagraph", "point"})
#: Units that group provisions: a number under them is a provision's, not a list item's.
_GROUPS = frozenset({"part", "chapter", "division", "schedule", "heading", "text"})
_WORD_KINDS = tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in _KINDS)
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


_PART = re.compile(r"\([A-Za-z0-9]+\)|[^()]+")


def _number_parts(num: str) -> list[str]:
    """`16(1)(a)` -> ["16", "(1)", "(a)"]; `(2)(A)` -> ["(2)", "(A)"]."""
    return _PART.findall(num)


def _key(num: str) -> str:
    """A number whatever its marker style: "(1)", "1." and "1)" -> "1"; "§ 1226." -> "1226"."""
    return num.strip().strip("§").strip().strip("().").strip().lower()


def _unit_kind(word: str) -> str:
    """The unit kind a reference word names: "ss." -> "section", "Art." -> "article", "paras" -> "paragraph"."""
    return next((kind for pattern, kind in _WORD_KINDS if pattern.fullmatch(word)), "")


class Resolver:
    """Finds the unit a reference names, from a given unit of the same instrument."""

    def __init__(self, units: tuple[Unit, ...], source: SourceText) -> None:
        self._source = source
        self._numbered: dict[str, list[Unit]] = {}  # provisions (sections, articles, schedule paragraphs) by number
        self._parents: dict[int, Unit] = {}
        for top in units:
            for unit in top.walk():
                for child in unit.children:
                    self._parents[id(child)] = unit
                parent = self._parents.get(id(unit))
                if (
                    unit.num
                    and not unit.num.startswith("(")
                    and unit.kind not in _GROUPS
                    and (parent is None or parent.kind in _GROUPS)
                ):
                    self._numbered.setdefault(_key(unit.num), []).append(unit)

    def text_of(self, unit: Unit) -> str:
        """The words of `unit` and everything under it."""
        return " ".join(self._source.text[s:e] for u in unit.walk() for s, e in own_runs(u, self._source))

    def ancestors(self, unit: Unit) -> Iterator[Unit]:
        parent = self._parents.get(id(unit))
        while parent is not None:
            yield parent
            parent = self._parents.get(id(parent))

    @staticmethod
    def _descend(unit: Unit, parts: list[str], kind: str = "") -> Unit | None:
        """The unit `parts` names below `unit`; `kind`, when given, is the kind of the first one."""
        for index, part in enumerate(parts):
            key = _key(part)
            fits = (c for c in unit.children if _key(c.num) == key and (index or not kind or c.kind == kind))
            unit = next(fits, None)
            if unit is None:
                return None
        return unit

    def _upward(self, parts: list[str], at: Unit, kind: str = "") -> Unit | None:
        """The first unit `parts` names below `at` or an ancestor; with a `kind`, only within the provision."""
        for scope in (at, *self.ancestors(at)):
            if kind and scope.kind in _GROUPS:
                return None
            found = self._descend(scope, parts, kind)
            if found is not None:
                return found
        return None

    def resolve(self, kind: str, num: str, at: Unit) -> Unit | None:
        parts = _number_parts(num)
        if not parts:
            return None
        if parts[0].startswith("("):
            return self._upward(parts, at)
        wanted = _unit_kind(kind)
        if wanted in _INNER_KINDS:  # EU "paragraph 2": the referring article's own paragraph first
            found = self._upward(parts, at, wanted)
            if found is not None:
                return found
        chain = {id(a) for a in self.ancestors(at)}

        def preference(unit: Unit) -> tuple[bool, bool]:
            # a "paragraph 16" inside a schedule means the schedule's own paragraph 16
            return not any(id(a) in chain for a in self.ancestors(unit)), unit.kind != wanted

        for candidate in sorted(self._numbered.get(_key(parts[0]), []), key=preference):
            found = self._descend(candidate, parts[1:])
            if found is not None:
                return found
        return None

    def resolve_chain(self, match: re.Match[str], at: Unit) -> Unit | None:
        """ "point (a) of paragraph 2 of Article 16": Article 16, then its paragraph 2, then its point (a)."""
        named = [(match.group("kind"), match.group("num"))]
        named += [(m.group("kind"), m.group("num")) for m in _ONE.finditer(match.group("within") or "")]
        target = self.resolve(*named[-1], at)
        for _, num in reversed(named[:-1]):
            if target is None:
                return None
            target = self._descend(target, _number_parts(num))
        return target

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
            internal = _THIS.match(external) is not None
            listed, foreign = _listed(text, match)
            outside = (bool(external) and not internal) or foreign
            target = None if outside else self.resolve_chain(match, at)
            relation = _relation(text, match.start())
            yield Reference(match.group(0), match.start(), match.end(), relation, target)
            for more, num in listed:
                target = None if outside else self.resolve(match.group("kind"), num, at)
                yield Reference(more.group("num"), more.start("num"), more.end(), relation, target)
        if "this" not in text and "This" not in text and "THIS" not in text:
            return  # no "this section" to look for: most texts, found at once
        for match in SELF.finditer(text):
            target = self.self_reference(match.group("kind"), at)
            yield Reference(match.group(0), match.start(), match.end(), _relation(text, match.start()), target)


def _listed(text: str, match: re.Match[str]) -> tuple[list[tuple[re.Match[str], str]], bool]:
    """The further numbers a reference lists, each as a full number, and whether the list names another law.

    After "paragraph 16(1)", ", (1A) or (2)" name 16(1A) and 16(2); after "sections 21", " and 22" names 22 (only
    after a plural, so that "section 12, 14 days" names no section 14); "sections 3 and 4 of the Aliens Act" name
    another law's. Nothing is listed after a compound or external reference, or before a compound one ("(b) and
    (c) of subsection (2)"), where each number would need the reference that follows the list."""
    if match.group("within") or match.group("external"):
        return [], False
    head = _number_parts(match.group("num"))
    word = match.group("kind").lower().rstrip(".")
    plural = word != "s" and word.endswith(("s", "§§"))  # "s. 12" is one section
    found, at = [], match.end()
    while (more := _MORE.match(text, at)) is not None:
        parts = _number_parts(more.group("num"))
        if parts[0].startswith("("):
            found.append((more, "".join(head[: max(len(head) - len(parts), 0)] + parts)))
        elif plural or _joined(text, more):
            found.append((more, more.group("num")))
        else:
            break
        at = more.end()
    if found and _CHAINED.match(text, at):
        return [], False
    return found, bool(found) and _FOREIGN.match(text, at) is not None


def _joined(text: str, more: re.Match[str]) -> bool:
    """ "section 198 or 199": after a singular, a number joined by "and" or "or" alone, and not a quantity ("section
    12 or 14 days"), is one more of the same kind."""
    if "," in text[more.start() : more.start("num")]:
        return False
    following = text[more.end() : more.end() + 12].split()
    return not (following and following[0].lower().rstrip(".,;") in _QUANTITIES)


def _relation(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    for pattern, relation in _RELATION:
        if pattern.search(before):
            return relation
    return "refers"
