"""Defined terms (`"refugee" means ...`, `The term “refugee” means ...`, `visa decision means ...`).

For a protection status, the grounds its definition covers decide MIMC art. 125.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mimc_lint.extract.measures import ClauseReader
from mimc_lint.model import Definition, Ground, PersonClass

_QUOTED = re.compile(
    r"(?:the (?:term|expression)\s+)?[“\"‘']([^”\"’']{1,80})[”\"’']\s+(?:means|includes|has the meaning)\b",
    re.IGNORECASE,
)
_BARE = re.compile(r"^\s*(?:In this [^—:\-]{1,40}[—:\-]\s*)?(?P<term>[a-z][a-z \-]{1,40}?)\s+means\b")
_PROTECTION_CLASSES = {
    "refugee": PersonClass.REFUGEE,
    "forced migrant": PersonClass.FORCED_MIGRANT,
    "protected person": PersonClass.FORCED_MIGRANT,
    "person in need of protection": PersonClass.FORCED_MIGRANT,
    "beneficiary of international protection": PersonClass.FORCED_MIGRANT,
}


def definitions(reader: ClauseReader) -> Iterator[Definition]:
    """Definitions made by the reader's unit, with the grounds of protection their words cover."""
    own_first, own_last = reader.comp.own_range()
    text = reader.doc.text
    found = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(text, own_first, own_last)]
    bare = _BARE.match(text[own_first:own_last])
    if bare and not found:
        found.append((own_first + bare.start("term"), own_first + bare.end("term")))
    for start, end in found:
        term = text[start:end].strip()
        first, last = reader.token_at(start), reader.token_at(end - 1) + 1
        body_start = last
        body_end = len(reader.doc)
        grounds = sorted(
            {Ground(m.value) for m in reader.in_clause("grounds", body_start, body_end)}, key=list(Ground).index
        )
        covers = tuple(cls for key, cls in _PROTECTION_CLASSES.items() if key in term.lower())
        yield Definition(
            term=term,
            span=reader.span(first, last),
            text=reader.words(first, min(body_end, last + 40)),
            covers=covers,
            grounds=tuple(grounds),
            provision=reader.comp.unit.ref,
        )
