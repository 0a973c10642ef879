"""Token patterns (spaCy `Matcher` rules from lexicon.yaml), tried only where they can match.

spaCy's Matcher tries every pattern at every token. With a few hundred patterns (the verb-object
cross products of the rights) that cost more than the rest of the extraction together. Most
patterns cannot match without certain words: such a pattern is tried only in a window around each
occurrence of one of them (its anchor), wide enough to hold any match through it, and only when
the window holds all the words the pattern requires. The matches are the same, found in a fraction
of the tokens. A pattern that requires no word, or of unbounded length, is tried everywhere.
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
    """Patterns sharing a key and an anchor: how far a match may reach before and after the anchor word,
    and, for each pattern, the sets of words of which it needs one each (a bit per set, a mask per pattern)."""

    matcher: Matcher
    anchor: frozenset[str]
    before: int = 0
    after: int = 0
    requires: set[int] = field(default_factory=set)

    def possible(self, present: int) -> bool:
        """Whether some pattern of the group has a word of each set it needs among words holding `present`."""
        return any(mask & present == mask for mask in self.requires)


@dataclass(frozen=True, slots=True)
class Patterns:
    """Matcher patterns added by key, as to a spaCy `Matcher`; called on a doc with its lower-case words."""

    vocab: Vocab
    common: frozenset[str] = frozenset()  # frequent words, poor anchors
    _anchored: dict[tuple[str, frozenset[str]], _Group] = field(default_factory=dict)
    _everywhere: dict[str, Matcher] = field(default_factory=dict)
    _by_word: dict[str, list[_Group]] = field(default_factory=dict)
    _needs: dict[frozenset[str], int] = field(default_factory=dict)  # a set of words some pattern needs -> its bit
    _bits: dict[str, int] = field(default_factory=dict)  # a word -> the bits of the sets that hold it

    def add(self, key: str, patterns: list[Pattern]) -> None:
        for pattern in patterns:
            bounds = [_repeats(spec) for spec in pattern]
            required = [(index, words) for index, spec in enumerate(pattern) if (words := _required_words(spec))]
            if not required or any(most is None for _, most in bounds):
                self._everywhere.setdefault(key, Matcher(self.vocab)).add(key, [pattern])
                continue
            index, anchor = min(required, key=lambda r: (len(r[1] & self.common), len(r[1])))
            group = self._anchored.get((key, anchor))
            if group is None:
                group = self._anchored[(key, anchor)] = _Group(Matcher(self.vocab), anchor)
                for word in anchor:
                    self._by_word.setdefault(word, []).append(group)
            group.matcher.add(key, [pattern])
            longest = sum(most for _, most in bounds)  # type: ignore[misc]
            group.before = max(group.before, sum(most for _, most in bounds[:index]))  # type: ignore[misc]
            group.after = max(group.after, longest - sum(least for least, _ in bounds[:index]))
            group.requires.add(self._mask([words for _, words in required]))

    def __call__(self, doc: Doc, lower: list[str]) -> list[tuple[int, int, int]]:
        """Every (match id, start, end) the patterns have in `doc`, as `Matcher(doc)` gives them, in order."""
        found: set[tuple[int, int, int]] = set()
        for matcher in self._everywhere.values():
            found.update(matcher(doc))
        words = set(lower)
        present = self._present(words)
        by_word = self._by_word
        groups = {id(g): g for word in words if word in by_word for g in by_word[word]}
        groups = {key: group for key, group in groups.items() if group.possible(present)}
        if groups:
            anchors = frozenset().union(*(group.anchor for group in groups.values()))
            at: dict[str, list[int]] = {}
            for i, word in enumerate(lower):
                if word in anchors:
                    at.setdefault(word, []).append(i)
            for group in groups.values():
                for start, end in _windows(group, at, len(lower)):
                    if group.possible(self._present(set(lower[start:end]))):
                        found.update((key, s + start, e + start) for key, s, e in group.matcher(doc[start:end]))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))

    def _mask(self, sets: list[frozenset[str]]) -> int:
        mask = 0
        for words in sets:
            if words not in self._needs:
                bit = self._needs[words] = 1 << len(self._needs)
                for word in words:
                    self._bits[word] = self._bits.get(word, 0) | bit
            mask |= self._needs[words]
        return mask

    def _present(self, words: set[str]) -> int:
        """The bits of the needed sets that `words` hold a word of."""
        present = 0
        bits = self._bits
        for word in words:  # not `words.intersection(bits)`: that walks every key of `bits`
            if word in bits:
                present |= bits[word]
        return present


def _windows(group: _Group, at: dict[str, list[int]], size: int) -> list[list[int]]:
    """The token ranges around the group's anchor words that can hold a match, overlapping ones merged."""
    windows: list[list[int]] = []
    for i in sorted(i for word in group.anchor for i in at.get(word, ())):
        start, end = max(i - group.before, 0), min(i + group.after, size)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return windows


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
