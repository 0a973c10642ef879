"""Cross-references resolve to the unit they name, whatever the drafting tradition numbers it with."""

from __future__ import annotations

import pytest

from mimc_lint.extract.references import Resolver
from mimc_lint.readers.statute import parse_statute
from mimc_lint.source import SourceText

EU = """\
Regulation (MU) 2026/12 of the Union of Meridia on the reception of applicants

Article 15
Definitions
1. In this Regulation, an applicant is a person who has made an application.

Article 16
Detention
1. An applicant may be detained only where necessary, on the grounds listed in paragraph 3.
2. Detention shall be ordered in writing:
a) by a judicial authority; or
b) by an administrative authority, subject to review under paragraph 4.
3. An applicant may be detained:
(a) to determine their identity;
(b) when protection of national security so requires.
4. The review referred to in point (b) of paragraph 2 shall take place within 72 hours.
5. Point (a) of Article 16(3) and paragraph 2 of Article 15 shall not apply to children.

Article 17
Guarantees
1. Article 16(1) applies subject to Article 15(1), to Article 16(2)(a) and to point (b) of Article 16(3).
2. Paragraph 1 and paragraph 9 apply to every applicant.
"""

COMMONWEALTH = """\
Migration Act 2026 (Commonwealth of Arcadia)

12 Detention
(1) An officer may detain an unlawful non-citizen.
(2) A person detained under subsection (1) must be told the reasons, as paragraph (a) of subsection (3) requires.
(3) The officer must—
(a) give the reasons in writing; and
(b) tell the person of the right to apply under section 14.

14 Review
(1) A person detained under section 12(1) may apply to a court.

SCHEDULE 2
2
(1) An officer may examine a person arriving in Arcadia.
16
(1) A person who may be examined under paragraph 2 may be detained pending examination.
(2) Sub-paragraph (1) is subject to paragraph 2(1).
"""

US_CODE = """\
Columbia Code, Title 8 — Aliens and Nationality

§ 1225. Inspection by immigration officers
(a) Inspection
(1) An alien who arrives in the Federated States shall be inspected.
(2) An alien described in paragraph (1) may be detained, subject to subsection (b)(1).
(b) Review
(1) Detention under subsection (a)(2) shall be reviewed by a judge within 48 hours, as section 1226(a) provides.

§ 1226. Apprehension and detention
(a) Arrest
An alien may be arrested and detained pending a decision, as provided in section 1225(a) of this title.
"""


def resolved(text: str) -> dict[tuple[str, str], str | None]:
    """(referring unit, words of the reference) -> reference of the unit it names, or None."""
    document = parse_statute(SourceText("law.txt", text))
    resolver = Resolver(document.units, document.source)
    return {
        (unit.ref, ref.text): ref.target.ref if ref.target else None
        for unit in document.walk()
        for ref in resolver.references(unit.text(document.source), unit)
    }


@pytest.mark.parametrize(
    ("at", "words", "target"),
    [
        # a bare paragraph number is the referring article's own paragraph, numbered "3."
        ("Article 16(1)", "paragraph 3", "Article 16(3)"),
        ("Article 16(2)(b)", "paragraph 4", "Article 16(4)"),
        # "(1)" in a citation names the paragraph numbered "1."; "(a)" the point lettered "a)"
        ("Article 17(1)", "Article 16(1)", "Article 16(1)"),
        ("Article 17(1)", "Article 15(1)", "Article 15(1)"),
        ("Article 17(1)", "Article 16(2)(a)", "Article 16(2)(a)"),
        # compound references, from the outermost inward
        ("Article 16(4)", "point (b) of paragraph 2", "Article 16(2)(b)"),
        ("Article 16(5)", "Point (a) of Article 16(3)", "Article 16(3)(a)"),
        ("Article 17(1)", "point (b) of Article 16(3)", "Article 16(3)(b)"),
        ("Article 17(2)", "Paragraph 1", "Article 17(1)"),
        # what is not there stays unresolved, rather than landing on another article's paragraph
        ("Article 16(5)", "paragraph 2 of Article 15", None),
        ("Article 17(2)", "paragraph 9", None),
    ],
)
def test_eu_numbering(at: str, words: str, target: str | None) -> None:
    assert resolved(EU)[at, words] == target


@pytest.mark.parametrize(
    ("at", "words", "target"),
    [
        ("s 12(2)", "subsection (1)", "s 12(1)"),
        ("s 12(2)", "paragraph (a) of subsection (3)", "s 12(3)(a)"),
        ("s 12(3)(b)", "section 14", "s 14"),
        ("s 14(1)", "section 12(1)", "s 12(1)"),
        # in a schedule, "paragraph 2" is the schedule's paragraph 2, never a sub-paragraph (2)
        ("Sch 2 para 16(1)", "paragraph 2", "Sch 2 para 2"),
        ("Sch 2 para 16(2)", "Sub-paragraph (1)", "Sch 2 para 16(1)"),
        ("Sch 2 para 16(2)", "paragraph 2(1)", "Sch 2 para 2(1)"),
    ],
)
def test_commonwealth_numbering(at: str, words: str, target: str | None) -> None:
    assert resolved(COMMONWEALTH)[at, words] == target


@pytest.mark.parametrize(
    ("at", "words", "target"),
    [
        ("§ 1225(a)(2)", "paragraph (1)", "§ 1225(a)(1)"),
        ("§ 1225(a)(2)", "subsection (b)(1)", "§ 1225(b)(1)"),
        ("§ 1225(b)(1)", "subsection (a)(2)", "§ 1225(a)(2)"),
        ("§ 1225(b)(1)", "section 1226(a)", "§ 1226(a)"),
        ("§ 1226(a)", "section 1225(a)", "§ 1225(a)"),
    ],
)
def test_us_code_numbering(at: str, words: str, target: str | None) -> None:
    assert resolved(US_CODE)[at, words] == target


def test_a_reference_to_another_law_stays_unresolved() -> None:
    text = "Border Act 2026\n\n3 Removal\n(1) Section 12 of the Nationality Act 2002 applies.\n\n12 Detention\n"
    assert resolved(text)["s 3(1)", "Section 12 of the Nationality Act 2002 applies."] is None


def test_a_list_of_numbers_names_each_unit_it_lists() -> None:
    text = (
        "Border Act 2026\n\n"
        "16\n(1) An officer may detain a person.\n(1A) An officer may detain a child.\n"
        "(2) An officer may detain a crew member.\n"
        "21\n(1) A person detained under paragraph 16(1), (1A) or (2) may be released.\n"
        "(2) This paragraph is subject to sections 16 and 22.\n"
        "(3) The person must be heard under section 16, 22 days after release.\n"
        "(4) Sections 16 and 22 of the Aliens Act apply.\n"
        "(5) A person removed under section 16 or 22 must report.\n"
        "22\nA person released under paragraph 21 must report.\n"
    )
    found = resolved(text)
    listed = [found["s 21(1)", words] for words in ("paragraph 16(1)", "(1A)", "(2)")]
    assert listed == ["s 16(1)", "s 16(1A)", "s 16(2)"]
    assert [found["s 21(2)", words] for words in ("sections 16", "22")] == ["s 16", "s 22"]
    assert ("s 21(3)", "22") not in found  # "22 days", not section 22: only a plural lists
    assert [found["s 21(4)", words] for words in ("Sections 16", "22")] == [None, None]  # another law's
    assert [found["s 21(5)", words] for words in ("section 16", "22")] == ["s 16", "s 22"]  # "or" lists too


def test_a_number_after_a_singular_is_listed_only_when_joined_by_and_or_or_and_not_a_quantity() -> None:
    text = "Border Act 2026\n\n16\nAn officer may detain a person.\n22\nA person may be released.\n30\n(1) Text.\n"
    document = parse_statute(SourceText("law.txt", text))
    resolver = Resolver(document.units, document.source)
    (unit,) = [u for u in document.walk() if u.ref == "s 30(1)"]
    for words, listed in [
        ("under section 16 or 22 may", ["section 16", "22"]),
        ("under section 16 and 22 may", ["section 16", "22"]),
        ("under section 16 or 22 days after", ["section 16"]),
        ("under section 16, 22 may", ["section 16"]),
    ]:
        assert [r.text for r in resolver.references(words, unit)] == listed, words
