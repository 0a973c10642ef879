"""The spaCy pipeline and matchers built from lexicon.yaml (no model download: `spacy.blank("en")`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

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
)
_LISTS = (
    "safety-objects",
    "not-removal-after",
    "third-country-destinations",
    "non-refoulement-principle",
    "exception-connectors",
    "disapplication",
    "overrides-before",
    "overrides-after",
    "protection-claim",
    "protection-terms",
    "entry-words",
    "entry-irregularity",
    "conviction-words",
    "danger-words",
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


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon phrase found in a doc: its category, value and token span."""

    category: str
    value: str
    start: int  # token index
    end: int  # token index, exclusive


@dataclass(frozen=True, slots=True)
class Vocabulary:
    nlp: Language
    phrases: PhraseMatcher
    patterns: Matcher
    lexicon: dict[str, Any]
    modals: dict[str, str]  # first token of a modal phrase -> modality, for single-token modals
    bridges: frozenset[str]

    def matches(self, doc: Doc) -> list[Match]:
        """Every lexicon match in `doc`; within a category, the longest of overlapping matches wins."""
        by_category: dict[str, list[Span]] = {}
        strings = self.nlp.vocab.strings
        for match_id, start, end in self.phrases(doc):
            by_category.setdefault(strings[match_id], []).append(doc[start:end])
        for match_id, start, end in self.patterns(doc):
            by_category.setdefault(strings[match_id], []).append(doc[start:end])
        found: list[Match] = []
        for label, spans in by_category.items():
            family = label.split("|", 1)[0]
            for span in filter_spans(spans) if family in {"actions", "persons", "safeguards"} else spans:
                category, _, value = label.partition("|")
                found.append(Match(category, value, span.start, span.end))
        found.sort(key=lambda m: (m.start, -m.end, m.category, m.value))
        return found


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


@cache
def load() -> Vocabulary:
    """Build the pipeline once per process; loading it is what makes statute text slower to start than YAML."""
    lexicon = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
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
    patterns = Matcher(nlp.vocab)
    patterns.add("safeguards|max-duration", _duration_patterns())
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
