"""Hard-wrapped statutes read like the same statute unwrapped.

Statutes arrive with a line break every 60 to 80 characters, inside sentences and headings, with or
without indentation. Every statute text we have (the dev corpus and examples/statutes) is re-wrapped
the way a publisher does it: each line of the original is a paragraph whose first line starts as it
did (a unit's number is never cut from it), and whose further lines are indented under its words
(a hanging indent), at its own indentation, or not at all. The tree (references, kinds, headings,
notices) and the findings (rule, provision, severity) must be those of the original; only line
numbers move, and every word stays own text of some unit.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from regen_golden_parse import statutes

from mimc_lint.engine import lint
from mimc_lint.readers.statute import Document, parse_statute
from mimc_lint.selection import Selection
from mimc_lint.source import SourceText

#: (measure, how continuation lines are indented): under the unit's words, at the line's own indentation, or
#: flush left with all indentation dropped.
LAYOUTS = [(60, "own"), (78, "hanging"), (60, "none"), (78, "none")]
#: What a line starts with that a hanging indent goes under: "(a) ", "16.—(1) ", "§ 1226. ", "Article 5 ".
_NUMBER = re.compile(r"(?:(?:§+|Article|Art\.|PART|Part|CHAPTER)\s+)?(?:\(\w{1,4}\)|\d+\w*\.?(?:—\(\d+\))?)\s+")


def rewrap(text: str, width: int, indentation: str) -> str:
    """`text` with each line wrapped at `width` columns, as a publisher sets it."""
    out = []
    for line in text.splitlines():
        words = line.strip()
        if not words:
            out.append("")
            continue
        indent = "" if indentation == "none" else line[: len(line) - len(line.lstrip())]
        number = _NUMBER.match(words)
        under = indent + " " * number.end() if indentation == "hanging" and number else indent
        out.extend(
            textwrap.wrap(
                words,
                width,
                initial_indent=indent,
                subsequent_indent=under,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out) + "\n"


def tree(document: Document) -> list[tuple[str, ...]]:
    """What the reader made of the text, positions aside."""
    units = [(unit.ref, unit.kind, unit.heading) for unit in document.walk()]
    notices = [(notice.rule, notice.message) for notice in document.notices]
    return [("title", document.title), *units, *notices]


def words(document: Document) -> Counter[str]:
    return Counter(word for unit in document.walk() for word in unit.text(document.source).split())


@cache
def findings(path: Path) -> Counter[tuple[str, str, str]]:
    (report,) = lint([str(path)], Selection()).files
    assert report.errors == ()
    return Counter((f.rule, f.provision, f.severity.value) for f in report.findings)


@pytest.mark.parametrize(("width", "indentation"), LAYOUTS, ids=[f"{w}-{i}" for w, i in LAYOUTS])
@pytest.mark.parametrize("path", statutes(), ids=lambda p: p.stem)
def test_a_wrapped_statute_reads_as_the_original(path: Path, width: int, indentation: str, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    wrapped = rewrap(text, width, indentation)
    lines = wrapped.splitlines()
    assert len(lines) > len(text.splitlines()) and max(len(line) for line in lines) <= width
    original, document = parse_statute(SourceText(path.name, text)), parse_statute(SourceText(path.name, wrapped))
    assert tree(document) == tree(original)
    assert words(document) == words(original)
    (tmp_path / path.name).write_text(wrapped, encoding="utf-8")
    assert findings(tmp_path / path.name) == findings(path)


def test_rewrapping_keeps_each_unit_start_and_wraps_inside_sentences() -> None:
    text = "  (1) The Minister may detain a person under section 12 of the Act, and must then notify the court.\n"
    assert rewrap(text, 40, "hanging").splitlines() == [
        "  (1) The Minister may detain a person",
        "      under section 12 of the Act, and",
        "      must then notify the court.",
    ]
    assert rewrap(text, 40, "none").splitlines()[1] == "under section 12 of the Act, and must"


# -- the misreadings a wrapped line used to cause, each in a fictional statute set at a measure ------------------


def parse(text: str) -> Document:
    return parse_statute(SourceText("bill.txt", text))


def units(text: str) -> dict[str, tuple[str, str]]:
    """Each unit's heading and own text, by reference."""
    document = parse(text)
    return {unit.ref: (unit.heading, unit.text(document.source)) for unit in document.walk() if unit.ref}


def test_a_comma_at_a_line_end_inside_an_item_does_not_close_it() -> None:
    read = units(
        "Migration Act 2026\n\n62 Detention by the Minister\n"
        "(1) A person may be detained under the authority of the Minister\n"
        "pending—\n"
        "(a) a decision by the Minister whether to give directions in\n"
        "respect of the person under any of paragraphs 8, 9, 10,\n"
        "10A or 14 of Schedule 2 (control of entry: removal), or\n"
        "(b) removal of the person from Arcadia in pursuance of\n"
        "directions given by the Minister under those paragraphs.\n"
        "(2) A person detained under subsection (1) must be brought\n"
        "before a judge of the Federal Court within 7 days.\n"
    )
    assert read["s 62(1)"][1] == "A person may be detained under the authority of the Minister pending—"
    assert read["s 62(1)(a)"][1].endswith(
        "paragraphs 8, 9, 10, 10A or 14 of Schedule 2 (control of entry: removal), or"
    )


def test_flush_text_after_the_last_item_still_returns_to_the_unit_above() -> None:
    read = units(
        "Columbia Code, Title 8\n\n§ 1226. Apprehension and detention of aliens\n"
        "(a) Detention of criminal aliens\n"
        "The Secretary shall take into custody any alien who—\n"
        "(1) has been convicted of an aggravated felony within the\n"
        "meaning of section 1101(a)(43) of this title; or\n"
        "(2) is deportable by reason of any offense,\n"
        "when the alien is released from criminal custody, and shall\n"
        "not release the alien until the alien is removed.\n"
    )
    assert read["§ 1226(a)"][1].endswith(
        "who— when the alien is released from criminal custody, and shall not release "
        "the alien until the alien is removed."
    )
    assert read["§ 1226(a)(2)"][1] == "is deportable by reason of any offense,"


def test_a_marker_or_number_that_a_wrapped_line_starts_with_is_a_citation() -> None:
    read = units(
        "Migration Act 2026\n\n5 Detention and review\n"
        "(1) A person in immigration detention may apply for review of the\n"
        "detention to the Federal Court or to the tribunal under subsection\n"
        "(2) of section 10 at any time, and a person detained under section\n"
        "12. The court must decide the application within 7 days.\n"
        "(2) The Minister may release the person at any time under paragraph\n"
        "12(3)(b) of Schedule 1 or under the regulations made under section\n"
        "14. The Minister must then notify the court in writing.\n"
    )
    assert list(read) == ["s 5", "s 5(1)", "s 5(2)"]
    assert read["s 5(1)"][1].endswith(
        "under subsection (2) of section 10 at any time, and a person detained under "
        "section 12. The court must decide the application within 7 days."
    )


def test_a_paragraph_whose_first_line_has_no_verb_is_no_heading() -> None:
    read = units(
        "Regulation (MU) 2026/451 of the Council of the Union of Meridia\n\nArticle 30\nTemporary protection\n"
        "1. In the event of a mass influx of displaced persons from a third country the Member\n"
        "States shall grant temporary protection to the persons concerned for a period of\n"
        "one year, which may be extended by six-monthly periods for one further year.\n"
        "2. Persons enjoying temporary protection shall be entitled to apply for international\n"
        "protection at any time, in accordance with the procedure laid down in Article\n"
        "8(3) and Article 24(2).\n"
    )
    assert list(read) == ["Article 30", "Article 30(1)", "Article 30(2)"]
    assert read["Article 30(1)"] == ("", read["Article 30(1)"][1])
    assert read["Article 30(1)"][1].startswith(
        "In the event of a mass influx of displaced persons from a third country"
    )


def test_a_capitalised_word_that_a_wrapped_line_starts_with_is_no_heading() -> None:
    read = units(
        "Migration Act 2026\n\n20 Removal of unlawful non-citizens\n"
        "(1) An officer must remove an unlawful non-citizen from Arcadia as soon as\n"
        "reasonably practicable after any protection claim has been determined.\n"
        "(2) Nothing in this section affects the powers of the Minister for Home\n"
        "Affairs under the Border Force Act 2015 or the Migration Act 2026 to\n"
        "detain a person pending removal.\n"
    )
    assert read["s 20(2)"] == (
        "",
        "Nothing in this section affects the powers of the Minister for Home Affairs under the Border Force Act 2015 "
        "or the Migration Act 2026 to detain a person pending removal.",
    )


def test_a_wrapped_heading_is_one_heading_and_its_body_is_not_part_of_it() -> None:
    read = units(
        "Columbia Code, Title 8\n\n§ 1232. Unaccompanied alien children\n"
        "(a) Aliens transferred from the Department of Health and Human Services to\n"
        "Department of Homeland Security custody\n"
        "If a minor described in subsection (b) reaches 18 years of age and is\n"
        "transferred to the custody of the Secretary, the Secretary shall consider\n"
        "placement in the least restrictive setting available.\n"
        "(b) Care and custody\n"
        "Consistent with section 279 of title 6, the care and custody of all\n"
        "unaccompanied alien children shall be the responsibility of the Secretary.\n"
    )
    heading, body = read["§ 1232(a)"]
    assert heading == (
        "Aliens transferred from the Department of Health and Human Services to Department of Homeland Security custody"
    )
    assert body.startswith("If a minor described in subsection (b)")
    assert read["§ 1232(b)"][0] == "Care and custody"
