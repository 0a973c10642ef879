"""What the words at the edges of a line say about its role: a heading, a lead-in, a complete list item,
or text that cannot end where the line does.

The statute reader (statute.py) uses these to place lines in the tree, and the unwrapping of hard-wrapped
text (wrapping.py) to tell a line the publisher only wrapped from one that ends a heading or a sentence.
"""

from __future__ import annotations

import re

#: Words of a sentence, not a title. Headings are noun phrases: "Detention of criminal aliens",
#: "Temporary admission or release of persons liable to detention".
CLAUSE_WORDS = frozenset({"shall", "must", "may", "is", "are", "was", "were", "has", "have", "will", "does"})
CLAUSE_WORDS |= {"means", "applies", "includes", "should"}  # "should": a recital, never a heading
#: Verbs that, after the last item of a list, take up the sentence its lead-in began ("Any alien who— (1) ...,
#: (2) ..., shall be fined ...").
MODALS = frozenset({"shall", "may", "must"})
#: Conjunctions that end a list item ("...; or") or, with no comma or semicolon before them, join words.
ITEM_ENDINGS = frozenset({"and", "or", "but", "nor", "and/or"})
#: Last words that announce a list without a dash ("... certifies that").
LEAD_IN_WORDS = frozenset({"that", "who", "which", "if", "unless", "where", "whether"})
#: Last words that leave a sentence open ("... under section 12 of"): no heading or sentence ends on them.
OPEN_ENDINGS = ITEM_ENDINGS | LEAD_IN_WORDS | {"whom", "whose", "to", "of", "the", "a", "an", "by", "for", "with"}
OPEN_ENDINGS |= {"in", "on", "as", "than", "from", "into", "upon", "under", "within", "without", "between", "at"}
OPEN_ENDINGS |= {"against", "any", "each", "every", "such", "its", "his", "her", "their", "not", "be", "been"}
OPEN_ENDINGS |= {"this", "these", "those", "no", "other", "all", "both", "either", "neither", "including"}
#: Words that a number follows when the law cites itself or another law ("under section" / "12(2) of ...").
REFERENCE_WORDS = frozenset({"section", "sections", "subsection", "subsections", "paragraph", "paragraphs"})
REFERENCE_WORDS |= {"subparagraph", "subparagraphs", "sub-paragraph", "sub-paragraphs", "article", "articles"}
REFERENCE_WORDS |= {"point", "points", "part", "parts", "chapter", "chapters", "schedule", "schedules", "title"}
REFERENCE_WORDS |= {"clause", "clauses", "item", "items", "regulation", "regulations", "rule", "rules", "annex"}
REFERENCE_WORDS |= {"appendix", "act", "law", "directive", "code", "§", "§§", "no.", "nos.", "s.", "ss.", "art."}
REFERENCE_WORDS |= {"arts.", "para.", "paras.", "sch.", "reg.", "regs."}
#: A number or a marker as the law cites it: "12", "1971", "16(1)", "(1A)", "1227(a)(2)".
_CITED_NUMBER = re.compile(r"\(?\d+[A-Za-z]{0,3}\)?(?:\([^()\s]+\))*|\([^()\s]{1,6}\)")
_ROMAN = re.compile(r"[IVXLC]+")
#: An annotation labelled with a colon ("Note:", "Note 2:", "Example:", "Penalty:") belongs to the provision above.
LABELLED = re.compile(r"\w+(?:\s+\d+)?:\s")

# How a text ends, for deciding whether the next line continues it.
CLOSED = "closed"  # a sentence, item or lead-in is complete: ".", ";", ":", "—", "... not-"
LISTED = "listed"  # a list item may be complete: "...,", "...; or", "..., and"
DANGLING = "dangling"  # the text cannot end here: an open bracket, "... of", "... the", "... bond or"
LEAD = "lead"  # "... certifies that": a lead-in to a list, or a sentence going on
REFERENCE = "reference"  # "... under section", "... paragraph 16(1)": a citation whose number may follow
OPEN = "open"  # a word: the end of a heading, or a sentence going on


def heading_like(text: str, max_words: int = 20, strict: bool = True) -> bool:
    """A title rather than a sentence: short, capitalised, no closing punctuation, open ending or open bracket.

    "Detention of persons liable to examination or removal", "Custody", "Prohibition of expulsion
    or return of refugees, etc." are headings; "(a) the best interests of the child;", "... who—"
    and "The Minister may" are not. `strict=False` accepts a verb ("Persons who may be detained"),
    for a heading beside a section number, where the only other reading is run-in text.
    """
    words = text.split(None, max_words)  # at most one word too many: statute paragraphs are long
    if not words or len(words) > max_words or LABELLED.match(text) or text.count("(") > text.count(")"):
        return False
    first = next((c for c in text if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()) or text[-1] in ",;:—–-":
        return False
    last = words[-1].lower()
    if last in OPEN_ENDINGS:
        return False
    verbs = {w.lower().strip(",;:()") for w in words} & CLAUSE_WORDS
    if text[-1] in ".!?":
        return last == "etc." or (len(words) <= 8 and not verbs)
    return not verbs if strict else not verbs & {"shall", "must"}


def lead_in(text: str) -> bool:
    """The text announces a list: "... pending—", "... of:", "... where -", "... who"."""
    text = text.rstrip()
    if not text:
        return False
    return text[-1] in "—–:-" or text.rsplit(None, 1)[-1].lower() in LEAD_IN_WORDS


def closes_item(text: str) -> bool:
    """The text ends a list item: "...;", "...,", "... and", "....", "...; but"."""
    text = text.rstrip()
    return bool(text) and (text[-1] in ",;." or text.rsplit(None, 1)[-1].lower() in ITEM_ENDINGS)


def opens(text: str) -> bool | None:
    """What the text before a marker says of it: a list starts (True), an item is complete (False), or neither."""
    if lead_in(text):
        return True
    if closes_item(text):
        return False
    return None


def ending(text: str) -> str:
    """How `text` ends: CLOSED, LISTED, DANGLING, LEAD, REFERENCE or OPEN (see their comments).

    An open bracket keeps any ending open: "(8 U.S.C." and "(c." end no sentence.
    """
    words = text.split()
    if not words:
        return CLOSED
    if text.count("(") > text.count(")") or text.count("[") > text.count("]"):
        return DANGLING
    last = words[-1].lower()
    if last in REFERENCE_WORDS:
        return REFERENCE
    if last[-1] == ",":
        return LISTED
    if last[-1] in ".;:—–-!?":
        return CLOSED
    if last in ITEM_ENDINGS:
        return LISTED if len(words) > 1 and words[-2][-1] in ",;" else DANGLING
    if last in LEAD_IN_WORDS:
        return LEAD
    if last in OPEN_ENDINGS:
        return DANGLING
    if _CITED_NUMBER.fullmatch(words[-1]):
        return REFERENCE
    return OPEN


def cites(text: str) -> bool:
    """The text starts with a number as the law cites it: "12(2) of", "III of the Schedule", "(4) of Schedule 2"."""
    words = text.split(None, 1)
    return bool(words) and bool(_CITED_NUMBER.fullmatch(words[0].rstrip(",;.")) or _ROMAN.fullmatch(words[0]))


def cited_marker(text: str) -> str:
    """The last marker of a citation the text ends with ("(1)" of "... paragraph 16(1),"), or ""."""
    words = text.rstrip(",").split()
    if not words:
        return ""
    found = re.search(r"\([^()\s]+\)$", words[-1])
    return found.group() if found and _CITED_NUMBER.fullmatch(words[-1]) else ""
