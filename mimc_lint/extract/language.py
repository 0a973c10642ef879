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
_MIN_WORDS = 40


def language(text: str, english: frozenset[str]) -> str:
    """ "en", another ISO 639-1 code, or "und" when the text is not English and not recognised."""
    words = [w.lower() for w in _WORD.findall(text[:40000])][:_SAMPLE_WORDS]
    if len(words) < _MIN_WORDS:
        return "en"
    share = sum(w in english for w in words) / len(words)
    if share >= 0.12:
        return "en"
    scores = {code: sum(w in vocabulary for w in words) / len(words) for code, vocabulary in _OTHERS.items()}
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] >= 0.12 else "und"
