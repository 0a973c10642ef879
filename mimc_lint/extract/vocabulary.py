"""The spaCy pipeline and matchers built from lexicon.yaml (no model download: `spacy.blank("en")`)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from operator import add
from pathlib import Path
from typing import Any, NamedTuple

import spacy
import yaml
from spacy.attrs import IDX, IS_PUNCT, LENGTH, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

from mimc_lint.extract.patterns import Patterns

LEXICON = Path(__file__).with_name("lexicon.yaml")

#: Categories whose phrases are matched; each match is labelled "CATEGORY|value".
_CATEGORIES = (
    "actions",
    "persons",
    "safeguards",
    "risks",
    "exceptions",
    "grounds",
    "concerns",
    "distinctions",
    "dispensations",
)
_LISTS = (
    "safety-objects",
    "not-removal-after",
    "third-country-destinations",
    "non-refoulement-principle",
    "disregard",
    "exception-connectors",
    "disapplication",
    "offence-declarations",
    "duration-limits",
    "derogation",
    "overrides-before",
    "overrides-after",
    "overrides-by",
    "protection-claim",
    "protection-terms",
    "entry-words",
    "entry-irregularity",
    "conviction-words",
    "danger-words",
    "condition-connectors",
    "condition-waivers",
    "permission-words",
    "permission-verbs",
    "labour-market-test",
    "lawful-status",
    "cessation",
    "distinction-guards",
    "country-designations",
    "distinction-holders",
    "application-nouns",
    "application-words",
    "application-verbs",
    "application-handling",
    "application-stages",
    "application-suspension",
    "subsequent-words",
    "place-limits",
    "application-places",
    "application-caps",
    "third-country-grounds",
    "pending-remedy",
    "remedy-words",
    "group-words",
    "group-quantifiers",
    "arrival-circumstances",
    "arrival-verbs",
    "irregular-manner",
    "not-dispensations",
    "safe-origin",
    "protection-exclusions",
    "exclusion-breaks",
    "perpetration",
    "individual-targeting",
    "targeting-waivers",
    "general-risk-exclusions",
    "renewal-words",
    "bounded-renewal",
    "endless-renewal",
    "total-renewal",
    "zero-quota",
)
UNITS = ("hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years")
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty-eight": 48,
    "seventy-two": 72,
    "ninety": 90,
}


class Match(NamedTuple):
    """A lexicon phrase found in a doc: its category, value and token span (a tuple: one is made for every match)."""

    category: str
    value: str
    start: int  # token index
    end: int  # token index, exclusive


@dataclass(frozen=True, slots=True)
class Vocabulary:
    nlp: Language
    phrases: PhraseMatcher
    patterns: Patterns
    lexicon: dict[str, Any]
    modals: dict[str, str]  # first token of a modal phrase -> modality, for single-token modals
    bridges: frozenset[str]
    #: a match id -> its category, its value, and whether the longest of overlapping matches wins
    _labels: dict[int, tuple[str, str, bool]] = field(default_factory=dict)

    def index(self, doc: Doc, lower: list[str] | None = None) -> MatchIndex:
        """Every lexicon match in `doc`, indexed; `lower` is `lowers(doc)`, when the caller has it already."""
        found: dict[int, list[tuple[int, int]]] = {}
        for match_id, start, end in self.phrases(doc):
            found.setdefault(match_id, []).append((start, end))
        for match_id, start, end in self.patterns(doc, lowers(doc) if lower is None else lower):
            found.setdefault(match_id, []).append((start, end))
        labels = self._labels
        by_category: dict[str, list[tuple[str, bool, list[tuple[int, int]]]]] = {}
        for match_id, spans in found.items():
            category, value, longest = labels.get(match_id) or self._label(match_id)
            by_category.setdefault(category, []).append((value, longest, spans))
        return MatchIndex(by_category)

    def _label(self, match_id: int) -> tuple[str, str, bool]:
        """What a match id stands for; read once, as the string store decodes the label on every lookup."""
        category, _, value = self.nlp.vocab.strings[match_id].partition("|")
        label = self._labels[match_id] = category, value, category in {"actions", "persons", "safeguards", "rights"}
        return label


class MatchIndex:
    """A doc's matches by category and position, so that a clause finds its own without a scan of them all.

    A clause asks for a few of the categories it has matches of: a category's `Match` tuples are made, and put
    in doc order, when it is first asked for. Within a category the longest of overlapping matches wins, for the
    categories whose label says so (`Vocabulary._label`)."""

    __slots__ = ("_by_category", "_covering", "_found", "_starts")

    def __init__(self, found: dict[str, list[tuple[str, bool, list[tuple[int, int]]]]]) -> None:
        self._found = found  # category -> (value, whether the longest wins, the (start, end) of each match)
        self._by_category: dict[str, list[Match]] = {}
        self._starts: dict[str, list[int]] = {}
        self._covering: dict[str, dict[int, Match]] = {}

    def of(self, category: str) -> list[Match]:
        """Every match of `category`, in doc order (by start, the longer first, then by value)."""
        matches = self._by_category.get(category)
        if matches is None:
            ordered = [
                (start, -end, value)
                for value, longest, spans in self._found.get(category, ())
                for start, end in (_longest(spans) if longest else spans)
            ]
            ordered.sort()
            matches = self._by_category[category] = [Match(category, v, s, -e) for s, e, v in ordered]
            self._starts[category] = [s for s, _, _ in ordered]
        return matches

    def within(self, category: str, start: int, end: int) -> list[Match]:
        """Matches of `category` that lie in tokens [start, end), in doc order."""
        if category not in self._found:
            return []  # most categories have no match in a clause: the common answer, at once
        found = self.of(category)
        starts = self._starts[category]
        within = []
        for index in range(bisect_left(starts, start), len(found)):
            match = found[index]
            if match.start >= end:
                break
            if match.end <= end:
                within.append(match)
        return within

    def starting(self, category: str, start: int, end: int) -> list[Match]:
        """Matches of `category` that start in tokens [start, end), wherever they end, in doc order."""
        if category not in self._found:
            return []
        found = self.of(category)
        starts = self._starts[category]
        return found[bisect_left(starts, start) : bisect_left(starts, end)]

    def covering(self, category: str, token: int) -> Match | None:
        """The first match of `category` (in doc order) whose tokens include `token`."""
        if category not in self._covering:
            index: dict[int, Match] = {}
            for match in self.of(category):
                for position in range(match.start, match.end):
                    index.setdefault(position, match)
            self._covering[category] = index
        return self._covering[category].get(token)


def _longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spacy.util.filter_spans` on (start, end) pairs: of overlapping spans the (first) longest wins."""
    if len(spans) == 1:
        return spans  # the usual case: nothing overlaps
    kept: list[tuple[int, int]] = []
    taken: set[int] = set()
    for start, end in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if start not in taken and end - 1 not in taken:
            kept.append((start, end))
            taken.update(range(start, end))
    return sorted(kept)


#: Words by their hash, as the string store gives them: it decodes a new string on every lookup.
_WORDS: dict[int, str] = {}


def lowers(doc: Doc) -> list[str]:
    """Each token's lower-case form; read from the doc's arrays, as a Token object per token costs more."""
    return _spelled(doc.to_array(LOWER).tolist(), doc)


#: The tokens after which spaCy's sentencizer starts a sentence (by the hash of their text); all are punctuation.
_SENTENCE_ENDS = frozenset(get_string_id(c) for c in Sentencizer.default_punct_chars)


def token_table(doc: Doc) -> tuple[list[str], list[int], list[int], list[int]]:
    """Each token's lower-case form, the character offsets where it starts and ends (before any space), and
    the tokens that start the sentences the sentencizer finds, in one read of the doc's arrays.

    The sentencizer starts a sentence at the first word after a sentence-ending mark (`_SENTENCE_ENDS`), other
    punctuation between them or not; here that is found from the punctuation alone, so the doc need not go
    through it token by token. The marks have no case, so their lower-case form is their spelling."""
    size = len(doc)
    if not size:
        return [], [], [], []
    keys, starts, lengths, punct = doc.to_array([LOWER, IDX, LENGTH, IS_PUNCT]).T.tolist()
    sentences = [0]
    for i, mark in enumerate(punct):
        if mark and keys[i] in _SENTENCE_ENDS:
            word = i + 1
            while word < size and punct[word]:
                word += 1
            if word < size and word != sentences[-1]:
                sentences.append(word)
    return _spelled(keys, doc), starts, list(map(add, starts, lengths)), sentences


def _spelled(keys: list[int], doc: Doc) -> list[str]:
    words = _WORDS
    try:
        return list(map(words.__getitem__, keys))
    except KeyError:  # a word not seen before
        for key in set(keys).difference(words):
            words[key] = doc.vocab.strings[key]
        return list(map(words.__getitem__, keys))


def _duration_patterns() -> list[list[dict[str, Any]]]:
    number = {"LIKE_NUM": True}
    unit = {"LOWER": {"IN": list(UNITS)}}
    return [
        [{"LOWER": {"IN": ["exceed", "exceeds", "exceeding"]}}, {"LOWER": "a", "OP": "?"}, number, unit],
        [{"LOWER": {"IN": ["more", "longer"]}}, {"LOWER": "than"}, number, unit],
        [{"LOWER": "maximum"}, {"LOWER": {"IN": ["period", "duration"]}, "OP": "?"}, {"LOWER": "of"}, number, unit],
        [
            {"LOWER": "up"},
            {"LOWER": "to"},
            number,
            unit,
            {"LOWER": {"IN": ["in", "at"]}},
            {"LOWER": {"IN": ["total", "most"]}},
        ],
    ]


def _split_patterns(entry: dict[str, list[str]]) -> list[list[dict[str, Any]]]:
    """ "keep that person in detention": the verb, one to four words naming whom, then the place."""
    verb = {"LOWER": {"IN": entry["verbs"]}}
    whom = {"IS_PUNCT": False, "LOWER": {"NOT_IN": entry["not-between"]}, "OP": "{1,4}"}
    return [[verb, whom, *({"LOWER": word} for word in place.split())] for place in entry["places"]]


def _words(nlp: Language, phrases: list[str]) -> list[list[dict[str, Any]]]:
    """Token specs for each phrase, tokenized as texts are ("self-employment" is three tokens); one-token
    phrases share one spec, so patterns stay few."""
    tokens = [[t.lower_ for t in nlp.make_doc(p)] for p in phrases]
    single = [t[0] for t in tokens if len(t) == 1]
    specs = [[{"LOWER": {"IN": single}}]] if single else []
    return specs + [[{"LOWER": word} for word in t] for t in tokens if len(t) > 1]


def _object_patterns(nlp: Language, entry: dict[str, list[str]]) -> list[list[dict[str, Any]]]:
    """ "engage in paid employment", "enrolled in a government school": a verb, up to four words, its object."""
    between = {"IS_PUNCT": False, "OP": "{0,4}"}
    objects = _words(nlp, entry["objects"])
    return [[*verb, between, *obj] for verb in _words(nlp, entry["verbs"]) for obj in objects]


def _waiting_patterns(nlp: Language, entry: dict[str, list[str]]) -> list[list[dict[str, Any]]]:
    """ "during the first six months", "nine months after the application": a period with the words that start it."""
    period = [{"LIKE_NUM": True}, {"LOWER": {"IN": list(UNITS)}}]
    return [[*words, *period] for words in _words(nlp, entry["before"])] + [
        [*period, *words] for words in _words(nlp, entry["after"])
    ]


@cache
def load() -> Vocabulary:
    """Build the pipeline once per process; loading it is what makes statute text slower to start than YAML."""
    lexicon = yaml.load(LEXICON.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    nlp = spacy.blank("en")  # no sentencizer: `token_table` finds the sentences it would
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for category in _CATEGORIES:
        for value, terms in lexicon[category].items():
            phrases.add(f"{category}|{value}", [nlp.make_doc(t) for t in terms])
    for name in _LISTS:
        phrases.add(f"{name}|", [nlp.make_doc(t) for t in lexicon[name]])
    modals: dict[str, str] = {}
    for modality, terms in lexicon["modals"].items():
        phrases.add(f"modals|{modality}", [nlp.make_doc(t) for t in terms])
        modals.update({t: modality for t in terms if " " not in t})
    patterns = Patterns(nlp.vocab, frozenset(nlp.Defaults.stop_words) | frozenset(lexicon["english"]))
    patterns.add("safeguards|max-duration", _duration_patterns())
    for value, entry in lexicon["split-actions"].items():
        patterns.add(f"actions|{value}", _split_patterns(entry))
    for value, entry in lexicon["rights"].items():
        patterns.add(f"rights|{value}", _object_patterns(nlp, entry))
        if entry["phrases"]:
            phrases.add(f"rights|{value}", [nlp.make_doc(t) for t in entry["phrases"]])
    patterns.add("waiting-period|", _waiting_patterns(nlp, lexicon["waiting-period"]))
    return Vocabulary(nlp, phrases, patterns, lexicon, modals, frozenset(lexicon["bridges"]))


def number_value(text: str) -> float | None:
    """`6`, `six`, `48`, `forty-eight` -> a number; None when it is not one."""
    lowered = text.lower()
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    try:
        return float(lowered.replace(",", ""))
    except ValueError:
        return None
