"""Token patterns (spaCy `Matcher` rules from lexicon.yaml), tried only where they can match.

spaCy's Matcher tries every pattern at every token. With a few hundred patterns (the verb-object
cross products of the rights) that cost more than the rest of the extraction together. Most
patterns cannot match without one of a few words, their anchor: such a pattern is tried only in a
window around each occurrence of an anchor word, wide enough to hold any match through it. The
matches are the same, found in a fraction of the tokens. A pattern with no anchor, or of unbounded
length, is tried everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

Pattern = list[dict[str, Any]]


@dataclass(slots=True)
class _Group:
    """Patterns sharing a key and an anchor, and how far a match may reach before and after the anchor word."""

    matcher: Matcher
    before: int = 0
    after: int = 0


@dataclass(frozen=True, slots=True)
class Patterns:
    """Matcher patterns added by key, as to a spaCy `Matcher`; called on a doc with its lower-case words."""

    vocab: Vocab
    common: frozenset[str] = frozenset()  # frequent words, a poor anchor
    _anchored: dict[tuple[str, frozenset[str]], _Group] = field(default_factory=dict)
    _everywhere: dict[str, Matcher] = field(default_factory=dict)
    _by_word: dict[str, list[_Group]] = field(default_factory=dict)

    def add(self, key: str, patterns: list[Pattern]) -> None:
        for pattern in patterns:
            anchor = self._anchor(pattern)
            if anchor is None:
                self._everywhere.setdefault(key, Matcher(self.vocab)).add(key, [pattern])
                continue
            words, before, after = anchor
            group = self._anchored.get((key, words))
            if group is None:
                group = self._anchored[(key, words)] = _Group(Matcher(self.vocab))
                for word in words:
                    self._by_word.setdefault(word, []).append(group)
            group.matcher.add(key, [pattern])
            group.before, group.after = max(group.before, before), max(group.after, after)

    def __call__(self, doc: Doc, lower: list[str]) -> list[tuple[int, int, int]]:
        """Every (match id, start, end) the patterns have in `doc`, as `Matcher(doc)` gives them, in order."""
        found: set[tuple[int, int, int]] = set()
        for matcher in self._everywhere.values():
            found.update(matcher(doc))
        windows: dict[int, tuple[_Group, list[list[int]]]] = {}
        size = len(doc)
        for i, word in enumerate(lower):
            for group in self._by_word.get(word, ()):
                start, end = max(i - group.before, 0), min(i + group.after, size)
                spans = windows.setdefault(id(group), (group, []))[1]
                if spans and start <= spans[-1][1]:
                    spans[-1][1] = end
                else:
                    spans.append([start, end])
        for group, spans in windows.values():
            for start, end in spans:
                found.update((key, s + start, e + start) for key, s, e in group.matcher(doc[start:end]))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))

    def _anchor(self, pattern: Pattern) -> tuple[frozenset[str], int, int] | None:
        """The words a match cannot do without, and how many tokens a match may run before and after one."""
        bounds = [_repeats(spec) for spec in pattern]
        if any(most is None for _, most in bounds):
            return None
        longest = sum(most for _, most in bounds)  # type: ignore[misc]
        best: tuple[tuple[int, int], frozenset[str], int, int] | None = None
        for index, spec in enumerate(pattern):
            words = _required_words(spec)
            if words is None:
                continue
            rank = (len(words & self.common), len(words))
            if best is None or rank < best[0]:
                fewest = sum(least for least, _ in bounds[:index])
                most = sum(most for _, most in bounds[:index])  # type: ignore[misc]
                best = (rank, words, most, longest - fewest)
        return None if best is None else best[1:]


def _upper(spec: dict[str, Any]) -> dict[str, Any]:
    return {key.upper(): value for key, value in spec.items() if isinstance(key, str)}


def _repeats(spec: dict[str, Any]) -> tuple[int, int | None]:
    """How many tokens a token spec matches at least and at most (None: no limit), by its operator."""
    op = _upper(spec).get("OP")
    if op is None or op == "1":
        return 1, 1
    if op in ("?", "!"):
        return 0, 1
    if op in ("*", "+"):
        return (0 if op == "*" else 1), None
    least, comma, most = op[1:-1].partition(",")
    if not comma:
        return int(least), int(least)
    return int(least or 0), int(most) if most else None


def _required_words(spec: dict[str, Any]) -> frozenset[str] | None:
    """The lower-case words a spec that must match once accepts, when it names them."""
    spec = _upper(spec)
    if spec.get("OP", "1") != "1":
        return None
    value = spec.get("LOWER")
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(value["IN"])
    return None
