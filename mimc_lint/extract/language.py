"""Is the statute in English? Rule-based extraction reads English only: say so rather than guess."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Common function words of the languages statutes reach us in, to name what we cannot read.
_OTHERS = {
    "es": {"el", "la", "los", "las", "de", "del", "que", "y", "en", "por", "para", "con", "se", "será", "podrá"},
    "fr": {"le", "la", "les", "de", "des", "du", "et", "en", "est", "par", "pour", "une", "un", "ne", "pas"},
    "pt": {"o", "a", "os", "as", "de", "do", "da", "dos", "que", "e", "em", "por", "para", "com", "não"},
    "de": {"der", "die", "das", "und", "ist", "von", "zu", "mit", "den", "des", "nicht", "eine", "ein", "wird"},
    "it": {"il", "lo", "la", "gli", "le", "di", "del", "che", "e", "in", "per", "con", "non", "è"},
}
_SAMPLE_WORDS = 3000
#: Below this, a text that is neither clearly English nor clearly another language is taken as English.
_MIN_WORDS = 40
#: Function words of another language a text needs before it is named that language: a short article
#: in French is still French, but two stray words are no evidence.
_MIN_HITS = 3
_SHARE = 0.12


def language(text: str, english: frozenset[str]) -> str:
    """ "en", another ISO 639-1 code, or "und" when the text is not English and not recognised."""
    words = [w.lower() for w in _WORD.findall(text[:40000])][:_SAMPLE_WORDS]
    if not words:
        return "en"
    share = sum(w in english for w in words) / len(words)
    if share >= _SHARE:
        return "en"
    hits = {code: sum(w in vocabulary for w in words) for code, vocabulary in _OTHERS.items()}
    best = max(hits, key=lambda code: hits[code])
    if hits[best] >= _MIN_HITS and hits[best] / len(words) >= _SHARE:
        return best
    return "und" if len(words) >= _MIN_WORDS else "en"
