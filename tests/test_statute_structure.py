"""The statute structure reader: units, references and positions on real statutes and drafting traps."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from regen_golden_parse import CORPUS, GOLDEN, statutes, tree

from mimc_lint.readers import decode
from mimc_lint.readers.numbering import Marker, resolve
from mimc_lint.readers.statute import Document, Unit, parse_statute
from mimc_lint.report.tree import render_tree
from mimc_lint.source import SourceText

CORPUS_FILES = sorted(CORPUS.glob("*.txt"))
#: The statutes we wrote for examples/statutes, one per drafting tradition.
EXAMPLE_FILES = [path for path in statutes() if path not in CORPUS_FILES]

#: Where each labelled case of the dev corpus starts: (file, label line) -> the unit it is about.
LABELLED = {
    ("uk-immigration-act-1971.txt", 3): "Sch 2 para 16",
    ("uk-immigration-act-1971.txt", 12): "Sch 2 para 21",
    ("uk-immigration-and-asylum-act-1999.txt", 3): "s 11(1)",
    ("uk-immigration-and-asylum-act-1999.txt", 7): "s 11(2)",
    ("uk-immigration-and-asylum-act-1999.txt", 10): "s 11(3)",
    ("uk-immigration-and-asylum-act-1999.txt", 16): "s 12",
    ("uk-nationality-immigration-and-asylum-act-2002.txt", 3): "s 62",
    ("uk-nationality-immigration-and-asylum-act-2002.txt", 16): "s 77",
    ("uk-nationality-immigration-and-asylum-act-2002.txt", 23): "s 93",
    ("uk-nationality-immigration-and-asylum-act-2002.txt", 28): "s 94",
    ("uk-nationality-immigration-and-asylum-act-2002.txt", 31): "s 94(3)",
    ("uk-nationality-immigration-and-asylum-act-2002.txt", 61): "s 115",
    ("uk-asylum-and-immigration-treatment-of-claimants-act-2004.txt", 3): "Sch 3 para 3",
    ("uk-asylum-and-immigration-treatment-of-claimants-act-2004.txt", 15): "Sch 3 para 10",
    ("uk-safety-of-rwanda-act-2024.txt", 3): "s 1",
    ("uk-safety-of-rwanda-act-2024.txt", 18): "s 2",
    ("uk-safety-of-rwanda-act-2024.txt", 23): "s 2(3)",
    ("uk-safety-of-rwanda-act-2024.txt", 33): "s 4",
    ("uk-safety-of-rwanda-act-2024.txt", 37): "s 4(2)",
    ("us-immigration-and-nationality-act-8-usc.txt", 3): "§ 1101(a)(42)",
    ("us-immigration-and-nationality-act-8-usc.txt", 6): "§ 1159",
    ("us-immigration-and-nationality-act-8-usc.txt", 22): "§ 1182(d)(5)",
    ("us-immigration-and-nationality-act-8-usc.txt", 27): "§ 1226",
    ("us-immigration-and-nationality-act-8-usc.txt", 37): "§ 1226(c)",
    ("us-immigration-and-nationality-act-8-usc.txt", 47): "§ 1226(e)",
    ("us-immigration-and-nationality-act-8-usc.txt", 49): "§ 1226a",
    ("us-tvpra-2008-8-usc-1232.txt", 3): "§ 1232(a)(2)",
    ("us-tvpra-2008-8-usc-1232.txt", 20): "§ 1232(a)(3)",
    ("us-tvpra-2008-8-usc-1232.txt", 24): "§ 1232(a)(5)(D)",
    ("us-tvpra-2008-8-usc-1232.txt", 30): "§ 1232(b)",
    ("us-tvpra-2008-8-usc-1232.txt", 39): "§ 1232(c)(2)",
    ("us-tvpra-2008-8-usc-1232.txt", 45): "§ 1232(c)(5)",
    ("eu-return-directive-2008-115.txt", 3): "Article 5",
    ("eu-return-directive-2008-115.txt", 9): "Article 16",
    ("eu-return-directive-2008-115.txt", 16): "Article 17",
    ("ghana-refugee-law-1992.txt", 3): "s 1(1)",
    ("ghana-refugee-law-1992.txt", 8): "s 1(2)",
    ("ghana-refugee-law-1992.txt", 12): "s 2",
    ("ghana-refugee-law-1992.txt", 17): "s 3",
    ("ghana-refugee-law-1992.txt", 19): "s 10",
    ("ghana-refugee-law-1992.txt", 25): "s 11",
    ("malaysia-immigration-act-1959-63.txt", 3): "s 5",
    ("malaysia-immigration-act-1959-63.txt", 8): "s 6",
}
#: Kinds that group provisions or name them, rather than being provisions.
GROUPING = {"part", "chapter", "division", "schedule", "heading", "text"}


def parse(text: str, path: str = "bill.txt") -> Document:
    return parse_statute(SourceText(path, text))


def corpus(name: str) -> Document:
    path = CORPUS / name
    return parse(path.read_text(encoding="utf-8"), name)


def by_ref(document: Document) -> dict[str, Unit]:
    return {unit.ref: unit for unit in document.walk() if unit.ref}


def shape(document: Document) -> list[tuple[int, str, str, str, str]]:
    """What a reader sees of each unit, columns aside: line, ref, kind, heading, own text."""
    return [(u.span.line, u.ref, u.kind, u.heading, u.text(document.source)) for u in document.walk()]


def own_texts(document: Document) -> dict[str, str]:
    return {unit.ref: unit.text(document.source) for unit in document.walk() if unit.ref}


# -- the dev corpus ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS_FILES + EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_statute_has_structure_and_exact_segments(path: Path) -> None:
    document = parse(path.read_text(encoding="utf-8"), path.name)
    text = document.source.text
    assert document.title == text.splitlines()[0]
    assert any(unit.kind in {"section", "article", "paragraph"} for unit in document.walk())
    assert not [n for n in document.notices if n.rule == "STR002"]
    for unit in document.walk():
        for segment in unit.segments:
            words = text[segment.start : segment.end]
            assert words and words == words.strip() and "\n" not in words
            assert not (unit.num and words.startswith(unit.num))  # the number is not own text


def test_labels_cover_every_case() -> None:
    cases = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))["cases"]
    assert {(case["file"], case["line"]) for case in cases} == set(LABELLED)


@pytest.mark.parametrize(("name", "line", "ref"), [(*key, ref) for key, ref in LABELLED.items()])
def test_labelled_provision_starts_at_its_label(name: str, line: int, ref: str) -> None:
    """The label's line is the unit's first line, or only headings and its ancestors stand between."""
    document = corpus(name)
    unit = by_ref(document)[ref]
    assert line <= unit.span.line
    ancestors = {u.ref for u in document.walk() if any(d is unit for d in u.walk())}
    between = [u for u in document.walk() if line <= u.span.line < unit.span.line and u.kind not in GROUPING]
    assert {u.ref for u in between} <= ancestors


def test_refs_as_the_law_writes_them() -> None:
    refs = set(by_ref(corpus("uk-nationality-immigration-and-asylum-act-2002.txt")))
    assert {"s 62", "s 62(1)(a)", "s 77", "s 93", "s 94", "s 115"} <= refs
    refs = set(by_ref(corpus("uk-immigration-act-1971.txt")))
    assert {"Sch 2", "Sch 2 Part I", "Sch 2 para 16", "Sch 2 para 16(1)", "Sch 2 para 21"} <= refs
    assert "§ 1226(c)(1)(A)" in by_ref(corpus("us-immigration-and-nationality-act-8-usc.txt"))
    refs = set(by_ref(corpus("eu-return-directive-2008-115.txt")))
    assert {"Article 5", "Article 5(a)", "Chapter IV", "Article 16", "Article 17", "Article 17(1)"} <= refs


def test_kinds_follow_the_drafting_tradition() -> None:
    kinds = {u.ref: u.kind for u in corpus("uk-immigration-act-1971.txt").walk()}
    assert (kinds["Sch 2"], kinds["Sch 2 Part I"], kinds["Sch 2 para 16"]) == ("schedule", "part", "paragraph")
    assert kinds["Sch 2 para 16(1)"] == "subparagraph"
    kinds = {u.ref: u.kind for u in corpus("us-immigration-and-nationality-act-8-usc.txt").walk()}
    assert [kinds[r] for r in ("§ 1226", "§ 1226(c)", "§ 1226(c)(1)", "§ 1226(c)(1)(A)")] == [
        "section",
        "subsection",
        "paragraph",
        "subparagraph",
    ]
    kinds = {u.ref: u.kind for u in corpus("eu-return-directive-2008-115.txt").walk()}
    assert [kinds[r] for r in ("Chapter IV", "Article 16", "Article 16(1)", "Article 5(a)")] == [
        "chapter",
        "article",
        "paragraph",
        "point",
    ]


def test_i_after_h_is_a_letter_in_2002_act_s_94_4() -> None:
    units = by_ref(corpus("uk-nationality-immigration-and-asylum-act-2002.txt"))
    letters = [child.num for child in units["s 94(4)"].children]
    assert letters == [f"({chr(c)})" for c in range(ord("a"), ord("x") + 1)]
    assert {child.kind for child in units["s 94(4)"].children} == {"paragraph"}


def test_i_under_a_capital_is_a_roman_numeral_in_8_usc_1232() -> None:
    units = by_ref(corpus("us-tvpra-2008-8-usc-1232.txt"))
    clauses = units["§ 1232(a)(2)(A)"].children
    assert [(c.ref, c.kind) for c in clauses] == [
        ("§ 1232(a)(2)(A)(i)", "clause"),
        ("§ 1232(a)(2)(A)(ii)", "clause"),
        ("§ 1232(a)(2)(A)(iii)", "clause"),
    ]
    assert not corpus("us-tvpra-2008-8-usc-1232.txt").notices


@pytest.mark.parametrize("path", CORPUS_FILES + EXAMPLE_FILES, ids=lambda p: p.stem)
def test_indentation_is_not_needed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    flush = re.sub(r"(?m)^[ \t]+", "", text)
    assert shape(parse(flush)) == shape(parse(text))


def test_us_code_headings_bodies_and_flush_text() -> None:
    document = corpus("us-immigration-and-nationality-act-8-usc.txt")
    units, texts = by_ref(document), own_texts(document)
    assert units["§ 1226(a)"].heading == "Arrest, detention, and release"
    assert texts["§ 1226(a)"].startswith("On a warrant issued by the Attorney General")
    assert units["§ 1226(c)(1)"].heading == "Custody"
    assert texts["§ 1226(c)(1)"].startswith("The Attorney General shall take into custody any alien who—")
    assert texts["§ 1226(c)(1)"].endswith("imprisoned again for the same offense.")  # flush text after (D)
    assert texts["§ 1226(c)(1)(D)"].endswith("section 1227(a)(4)(B) of this title,")
    assert texts["§ 1159(b)"].endswith("before the date of the approval of the application.")
    assert units["§ 1182(d)(5)"].segments == ()  # "(5)" alone, its text in (A) and (B)


def test_flush_text_in_an_article_returns_to_the_article() -> None:
    document = corpus("eu-return-directive-2008-115.txt")
    article = by_ref(document)["Article 5"]
    assert len(article.segments) == 2
    assert article.text(document.source).endswith("due account of: and respect the principle of non-refoulement.")


def test_cross_heading_becomes_the_heading_of_a_bare_paragraph() -> None:
    document = corpus("uk-immigration-act-1971.txt")
    paragraph = by_ref(document)["Sch 2 para 21"]
    assert paragraph.heading == "Temporary admission or release of persons liable to detention"
    assert (paragraph.num, paragraph.span.line, paragraph.segments) == ("21", 12, ())


def test_repealed_and_deleted_units() -> None:
    units = by_ref(corpus("uk-asylum-and-immigration-treatment-of-claimants-act-2004.txt"))
    assert units["Sch 3 para 10(2)"].segments == () and units["Sch 3 para 10(2)"].heading == ""
    document = corpus("malaysia-immigration-act-1959-63.txt")
    assert own_texts(document)["s 6(2)"] == "(Deleted by Act 27 of 1963)."


def test_unnumbered_section_text_and_hyphen_lead_ins() -> None:
    document = corpus("ghana-refugee-law-1992.txt")
    units, texts = by_ref(document), own_texts(document)
    assert units["s 3"].heading == "" and texts["s 3"].startswith("A refugee may be detained")
    assert [c.ref for c in units["s 11"].children] == ["s 11(a)", "s 11(b)", "s 11(c)"]
    assert units["s 1"].heading == "Prohibition of expulsion or return of refugees, etc."
    assert [c.ref for c in units["s 1(2)"].children] == ["s 1(2)(a)", "s 1(2)(b)", "s 1(2)(c)"]


@pytest.mark.parametrize("path", statutes(), ids=lambda p: p.stem)
def test_golden_tree(path: Path) -> None:
    expected = GOLDEN / f"{path.stem}.txt"
    assert expected.is_file(), f"no golden tree; run python tests/regen_golden_parse.py ({expected.name})"
    assert tree(path) == expected.read_text(encoding="utf-8")


# -- drafting forms beyond the corpus ---------------------------------------------------------------------------------

COMMONWEALTH = """\
Migration Act 2026

PART 2—CONTROL OF ARRIVAL
Division 7—Detention
189 Detention of unlawful non-citizens
(1) If an officer knows that a person is an unlawful non-citizen, the officer must detain the person.
(2A) The officer may release the person.
Subdivision A—Children
Children in detention
190
The Minister may—
(a) place the child in the community; or
(b) release the child,
whichever is in the best interests of the child.
PART 3 Review
200 Review of detention
(1) A court may review a detention.
SCHEDULE 1
Forms
1
(1) A form must be used.
"""


def test_containers_nest_as_they_appear_and_a_schedule_starts_afresh() -> None:
    document = parse(COMMONWEALTH)
    assert [u.ref for u in document.units] == ["Part 2", "Part 3", "Sch 1"]
    part = document.units[0]
    assert (part.heading, [c.ref for c in part.children]) == ("CONTROL OF ARRIVAL", ["Division 7"])
    division = part.children[0]
    assert [c.ref for c in division.children] == ["s 189", "Subdivision A"]
    section = division.children[1].children[0]
    assert (section.ref, section.heading, section.span.line) == ("s 190", "Children in detention", 9)
    texts = own_texts(document)
    assert texts["s 190"] == "The Minister may— whichever is in the best interests of the child."
    assert by_ref(document)["s 189(2A)"].kind == "subsection"
    assert by_ref(document)["Sch 1"].heading == "Forms"
    assert texts["Sch 1 para 1(1)"] == "A form must be used."


def test_run_in_forms() -> None:
    document = parse(
        "16.—(1) A person who may be required to submit may be detained.\n"
        "(2) A person on board a ship may be removed.\n"
        "12. (1) Text of a run-in subsection.\n"
        "(2) More text.\n"
        "5. Short title.—(1) This Act may be cited as the Migration Act 2026.\n"
        "6. Definitions.—In this Act, child means a person under 18.\n"
        "7 (5)(A) The Attorney General may parole an alien.\n"
    )
    units, texts = by_ref(document), own_texts(document)
    assert [u.ref for u in document.units] == ["s 16", "s 12", "s 5", "s 6", "s 7"]
    assert texts["s 16(1)"] == "A person who may be required to submit may be detained."
    assert [c.ref for c in units["s 12"].children] == ["s 12(1)", "s 12(2)"]
    assert units["s 5"].heading == "Short title" and texts["s 5(1)"].startswith("This Act may be cited")
    assert units["s 6"].heading == "Definitions" and texts["s 6"].startswith("In this Act, child means")
    assert texts["s 7(5)"] == "" and texts["s 7(5)(A)"] == "The Attorney General may parole an alien."


def test_article_heading_on_its_own_line_and_civil_law_paragraphs() -> None:
    document = parse(
        "CHAPTER III\nRemoval\nArticle 8\nRemoval\n1. Member States shall take all necessary measures—\n"
        "(a) to enforce the return decision;\n(b) to remove the person, where—\n(i) no period has been granted;\n"
        "(ii) the obligation has not been complied with.\n2. Coercive measures shall be proportionate.\n"
        "Art. 21.\nMember States shall apply this Directive.\n"
        "Art. 5º Dos direitos.\n§ 1º As normas têm aplicação imediata.\n§ 2º Os direitos não excluem outros.\n"
    )
    units = by_ref(document)
    assert (units["Chapter III"].heading, units["Article 8"].heading) == ("Removal", "Removal")
    assert units["Article 8(1)(b)(ii)"].kind == "point"
    assert own_texts(document)["Article 21"] == "Member States shall apply this Directive."
    assert [c.ref for c in units["Article 5º"].children] == ["Article 5º § 1º", "Article 5º § 2º"]


def test_sections_group_articles_in_an_eu_act() -> None:
    document = parse("SECTION 1\nGeneral principles\nArticle 1\nSubject matter\n1. This Regulation applies.\n")
    section = document.units[0]
    assert (section.kind, section.ref, section.heading) == ("division", "Section 1", "General principles")
    assert [c.ref for c in section.children] == ["Article 1"]


def test_markdown_headings() -> None:
    document = parse(
        "# Border Integrity Bill 2026\n\n## PART 2 — Detention\n\n### 12 Mandatory detention\n\n"
        "(1) An officer must detain every irregular entrant.\n\n#### (a) Custody\nThe Minister may detain.\n",
        "bill.md",
    )
    assert document.title == "Border Integrity Bill 2026"
    units = by_ref(document)
    assert units["Part 2"].heading == "Detention" and units["s 12"].heading == "Mandatory detention"
    assert units["s 12(1)(a)"].heading == "Custody"
    assert own_texts(document)["s 12(1)(a)"] == "The Minister may detain."


def test_a_cross_heading_before_a_headed_section_stays_a_heading_unit() -> None:
    document = parse("Aliens Act\n\nDetention\n189 Detention of unlawful non-citizens\n(1) An officer must detain.\n")
    assert [(u.kind, u.heading) for u in document.units] == [
        ("heading", "Detention"),
        ("section", "Detention of unlawful non-citizens"),
    ]


def test_a_note_is_a_unit_of_the_provision_it_follows_not_a_cross_heading() -> None:
    document = parse(
        "10 Detention\n(1) An officer must detain the person.\n(2) The person must be kept until—\n"
        "(a) removed; or\n(b) granted a visa.\nNote: Section 14 limits the detention of children.\n\n"
        "11 Release\nThe Minister may release the person.\nExample: release on a bridging visa.\n"
    )
    units = by_ref(document)
    assert [u.ref for u in document.units] == ["s 10", "s 11"]
    (note,) = units["s 10(2)"].children[2:]
    assert (note.kind, note.text(document.source)) == ("note", "Note: Section 14 limits the detention of children.")
    assert own_texts(document)["s 10(2)"] == "The person must be kept until—"
    assert [c.kind for c in units["s 11"].children] == ["note"]


def test_recitals_belong_to_the_preamble_that_announces_them() -> None:
    document = parse(
        "Regulation 2026/1\n\nTHE COUNCIL,\nWhereas:\n(1) Detention should be a last resort.\n"
        "(2) Children should not be detained.\nHAS ADOPTED THIS REGULATION:\n\nArticle 1\nSubject matter\n"
        "This Regulation applies.\n"
    )
    preamble, article = document.units
    assert (preamble.kind, [c.ref for c in preamble.children]) == ("text", ["(1)", "(2)"])
    assert preamble.text(document.source) == "THE COUNCIL, Whereas: HAS ADOPTED THIS REGULATION:"
    assert (article.ref, article.heading) == ("Article 1", "Subject matter")


def test_lines_that_only_start_like_structure_are_text() -> None:
    lines = [
        "The Minister may detain a person.",
        "Part 3 does not apply to children.",
        "Part 2 The Minister may act.",
        "2 or more officers may act together.",
        "(within the meaning of section 5)",
    ]
    document = parse("1 Powers\n" + "\n".join(lines) + "\n")
    assert [u.ref for u in document.walk()] == ["s 1"]
    assert document.units[0].text(document.source) == " ".join(lines)


def test_no_structure_gives_one_text_unit_and_a_notice() -> None:
    text = "The Minister may detain any person.\nThe person may be removed at any time.\n\nNo appeal lies.\n"
    document = parse(text)
    assert [unit.kind for unit in document.units] == ["text"]
    assert document.units[0].text(document.source) == text.replace("\n\n", " ").replace("\n", " ").strip()
    assert [n.rule for n in document.notices] == ["STR002"]
    assert (document.title, parse("").units, [n.rule for n in parse("").notices]) == ("", (), ["STR002"])


def test_ambiguous_marker_gets_a_notice() -> None:
    letters = "".join(f"({c}) item {c}\n" for c in "abcdefghi")
    document = parse(f"5 Powers\n(1) The Minister may\n{letters}(2) Other\n")
    assert [c.num for c in by_ref(document)["s 5(1)"].children][-1] == "(i)"
    (notice,) = document.notices
    assert (notice.rule, notice.span.line, notice.span.column) == ("STR001", 11, 1)
    assert "s 5(1)(i)" in notice.message and "roman numeral" in notice.message


def test_crlf_input_gives_the_same_tree() -> None:
    path = CORPUS / "us-immigration-and-nationality-act-8-usc.txt"
    data = path.read_bytes()
    crlf = parse_statute(decode(data.replace(b"\n", b"\r\n"), path.name))
    assert render_tree(crlf) == render_tree(parse_statute(decode(data, path.name)))


def test_any_text_parses() -> None:
    pieces = ["PART", "Part 2", "§", "Article", "Art.", "(1)", "(i)", "(ii)", "a)", "1.", "16.—", "#", "## ", "—"]
    pieces += ["SCHEDULE", "text", " ", "\t", "\n", "\n\n", "(", ")", ".", "3", "IV", "º", "é", "\u00a0", "\x0c"]
    generator = random.Random(7)
    for _ in range(300):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 40)))
        document = parse(text)
        for unit in document.walk():
            assert all(0 <= s.start < s.end <= len(text) for s in unit.segments)


def test_numbering_resolves_v_and_x_by_what_came_before() -> None:
    def styles(*labels: str) -> list[str]:
        return [reading.style for reading in resolve([Marker(label) for label in labels]).readings]

    assert styles("(a)", "(u)", "(v)", "(w)", "(x)")[-3:] == ["lower", "lower", "lower"]
    assert styles("(1)", "(iv)", "(v)", "(vi)", "(vii)", "(viii)", "(ix)", "(x)")[1:] == ["roman"] * 7
    assert styles("(a)", "(b)", "(i)", "(ii)", "(c)") == ["lower", "lower", "roman", "roman", "lower"]
    assert styles("(a)", "(aa)", "(b)") == ["lower"] * 3
    assert styles("(z)", "(aa)") == ["lower", "lower"]


def test_lead_in_decides_an_ambiguous_i() -> None:
    after_lead_in = resolve([Marker("(h)"), Marker("(i)", opens=True)])
    after_item = resolve([Marker("(h)"), Marker("(i)", opens=False)])
    assert [r.style for r in after_lead_in.readings] == ["lower", "roman"]
    assert [r.style for r in after_item.readings] == ["lower", "lower"]
    assert not after_lead_in.ambiguities and not after_item.ambiguities


def lines_lost(document: Document) -> list[int]:
    """Non-blank lines that are not the title, a unit's first line, a line of own text, a heading or a number."""
    source = document.source
    kept = {document.title_span.line} if document.title else set()
    kept |= {unit.span.line for unit in document.walk()}
    kept |= {source.position(s.start)[0] for unit in document.walk() for s in unit.segments}
    headings = {unit.heading for unit in document.walk()} | {unit.num for unit in document.walk()}
    lines = source.text.split("\n")
    return [n for n, line in enumerate(lines, 1) if line.strip() and n not in kept and line.strip() not in headings]


@pytest.mark.parametrize("text", [COMMONWEALTH, *(p.read_text(encoding="utf-8") for p in CORPUS_FILES + EXAMPLE_FILES)])
def test_no_line_is_lost(text: str) -> None:
    assert lines_lost(parse(text)) == []
