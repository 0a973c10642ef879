"""Defined terms (`"refugee" means ...`, `The term “refugee” means ...`, `visa decision means ...`).

For a protection status, the grounds its definition covers, and those the law expressly leaves out
(exclusions.py), decide MIMC art. 125.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mimc_lint.extract.exclusions import exclusions
from mimc_lint.extract.measures import ClauseReader
from mimc_lint.model import Definition, Ground, PersonClass

#: A quoted term and the word that defines it ("The term “refugee” means" is found at its quote: the words before
#: it add nothing, and a pattern that starts with the quote is looked for only where one stands).
_QUOTED = re.compile(r"[“\"‘']([^”\"’']{1,80})[”\"’']\s+(?:means|includes|has the meaning)\b", re.IGNORECASE)
_BARE = re.compile(r"^\s*(?:In this [^—:\-]{1,40}[—:\-]\s*)?(?P<term>[a-z][a-z \-]{1,40}?)\s+means\b")
#: A status defined by the conditions for it: "A person qualifies for refugee status ... if that person— (a) ...",
#: "shall be recognised as a refugee where". The term is the status; its definition runs through the items.
_QUALIFIES = re.compile(
    r"\b(?:qualif(?:y|ies) for|(?:shall|is to|must) be (?:recognised as|recognized as|regarded as|deemed to be)"
    r"|shall be|is)\s+(?:a |an )?(?P<term>refugee status|refugee|protected person|forced migrant"
    r"|person in need of (?:international )?protection|beneficiary of (?:international|subsidiary) protection"
    r"|(?:subsidiary|complementary) protection)\b[^.;:—]{0,80}?\b(?:if|where)\b",
    re.IGNORECASE,
)
#: A status defined as a kind of person: "A Convention refugee is a person who ...", "A person in need of protection
#: is a person in Canada whose removal ...".
_IS_A_PERSON = re.compile(
    r"\b(?:an?|the)\s+(?P<term>(?:convention\s+)?refugee|protected person|forced migrant"
    r"|person in need of (?:international )?protection|beneficiary of (?:international|subsidiary) protection)"
    r"\s+(?:is|shall be)\s+(?:a|any)\s+person\b",
    re.IGNORECASE,
)
_PROTECTION_CLASSES = {
    "refugee": PersonClass.REFUGEE,
    "forced migrant": PersonClass.FORCED_MIGRANT,
    "protected person": PersonClass.FORCED_MIGRANT,
    "person in need of protection": PersonClass.FORCED_MIGRANT,
    "beneficiary of international protection": PersonClass.FORCED_MIGRANT,
}


def definitions(reader: ClauseReader) -> Iterator[Definition]:
    """Definitions made by the reader's unit, with the grounds of protection their words cover; a clause that
    leaves grounds out is a definition of its own, and the grounds it names are not covered."""
    excluded = list(exclusions(reader))
    own_first, own_last = reader.comp.own_range()
    text = reader.comp.text  # the doc's text, without rebuilding it token by token
    found = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(text, own_first, own_last)]
    own = text[own_first:own_last]
    if "efugee" in own or "rotect" in own or "igrant" in own:  # the status words below, less the case of the first
        found += [
            (m.start("term"), m.end("term"))
            for m in _QUALIFIES.finditer(text, own_first, own_last)
            if "not" not in text[max(own_first, m.start() - 12) : m.start()].lower().split()  # "does not qualify"
        ]
        found += [(m.start("term"), m.end("term")) for m in _IS_A_PERSON.finditer(text, own_first, own_last)]
        found.sort()
    if not found and "means" in text:  # unquoted terms, one to a line: "In this Act: / protection claim means ..."
        for piece in (p for p in reader.comp.pieces if p.role == "own"):
            before = text[: piece.start].rstrip()
            if piece.start != own_first and before and before[-1] not in ":;.":
                continue  # a line that carries on a sentence, not one that starts a definition
            bare = _BARE.match(text[piece.start : piece.start + piece.length])
            if bare:
                found.append((piece.start + bare.start("term"), piece.start + bare.end("term")))
    for index, (start, end) in enumerate(found):
        term = text[start:end].strip()
        first, last = reader.token_at(start), reader.token_at(end - 1) + 1
        body_start = last
        # a definition runs to the next one made in the same words ("In this Act: "refugee" means ... "Tribunal" ...)
        body_end = reader.token_at(found[index + 1][0]) if index + 1 < len(found) else len(reader.doc)
        grounds = sorted(
            {
                Ground(m.value)
                for m in reader.in_clause("grounds", body_start, body_end)
                if not any(x.start <= m.start < x.end for x in excluded)
            },
            key=list(Ground).index,
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
    for exclusion in excluded:
        term = reader.words(exclusion.term.start, exclusion.term.end) if exclusion.term else "protection"
        yield Definition(
            term=term,
            span=reader.span(exclusion.cue.start, exclusion.cue.end),
            text=reader.words(exclusion.start, exclusion.end).rstrip(" .;"),
            covers=tuple(cls for key, cls in _PROTECTION_CLASSES.items() if key in term.lower()),
            excludes=exclusion.grounds,
            provision=reader.comp.unit.ref,
        )
