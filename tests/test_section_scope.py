"""Safeguards and absences are scoped by the section or article, not by the Part or Chapter that groups it.

A lawyer cites section 11, not Part 2: a guarantee in section 12 says nothing of a power in section 11 merely
because both stand in Part 2, and a Part with two sections that lack a time limit has two gaps, not one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mimc_lint.engine import lint
from mimc_lint.extract import extract
from mimc_lint.model import Instrument, PolicyModel, Provision, Span, UnitKind
from mimc_lint.readers.statute import parse_statute
from mimc_lint.selection import Selection
from mimc_lint.source import SourceText

SPAN = Span("law", 1, 1, 1, 1)

#: Part 2 holds two detention powers and, in a third section, a hearing before a judge that names no power.
STATUTE = """\
Border Control Act 2026

PART 2—DETENTION

Division 1—Powers

11 Detention on arrival
An officer may detain a non-citizen who arrives without a visa.

12 Detention pending removal
An officer may detain a non-citizen who is liable to removal.

13 Hearings
The applicant must be brought before a judge within 7 days after the application is filed.
"""

TWIN = """\
instrument: {title: Border Control Act 2026}
provisions:
  - ref: Part 2
    provisions:
      - ref: Division 1
        provisions:
          - ref: s 11
            measures:
              - {action: detain, modality: may, evidence: may detain a non-citizen, persons: [non-national]}
          - ref: s 12
            measures:
              - {action: detain, modality: may, evidence: may detain a non-citizen, persons: [non-national]}
          - ref: s 13
            safeguards:
              - {kind: judicial-review, value: 7, unit: days, evidence: brought before a judge within 7 days}
"""
#: The same hearing, stated for every person detained.
GENERAL_STATUTE = STATUTE.replace("The applicant must", "A person detained under this Act must")
GENERAL_TWIN = TWIN.replace("{kind: judicial-review,", "{kind: judicial-review, concerns: detain,")


def found(tmp_path: Path, name: str, text: str, rule: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = lint([str(path)], Selection((), ()))
    assert not list(report.errors)
    return sorted(f.provision for f in report.findings if f.rule == rule)


@pytest.mark.parametrize(("name", "text"), [("act.txt", STATUTE), ("act.yaml", TWIN)])
def test_a_hearing_in_one_section_of_a_part_does_not_reach_the_others(tmp_path: Path, name: str, text: str) -> None:
    """The hearing of s 13 names no power: within s 13 it would answer one, beside it in Part 2 it does not; and
    each section that lacks it is reported, not the Part once."""
    assert found(tmp_path, name, text, "DET006") == ["s 11", "s 12"]


@pytest.mark.parametrize(("name", "text"), [("act.txt", GENERAL_STATUTE), ("act.yaml", GENERAL_TWIN)])
def test_a_safeguard_that_says_what_it_is_about_still_reaches_every_section(
    tmp_path: Path, name: str, text: str
) -> None:
    """ "A person detained under this Act must be brought before a judge" is a rule for every detention power."""
    assert found(tmp_path, name, text, "DET006") == []


def test_top_of_is_the_highest_unit_that_is_not_a_grouping() -> None:
    subsection = Provision("s 11(1)", SPAN, kind=UnitKind.SUBSECTION)
    section = Provision("s 11", SPAN, kind=UnitKind.SECTION, children=(subsection,))
    division = Provision("Division 1", SPAN, kind=UnitKind.DIVISION, children=(section,))
    part = Provision("Part 2", SPAN, kind=UnitKind.PART, children=(division,))
    loose = Provision("Commitment 1", SPAN)  # a kind the reader could not tell stands for itself
    model = PolicyModel.of(Instrument("Act", "law", SPAN, provisions=(part, loose)))
    assert [model.top_of(p).ref for p in model.provisions()] == ["Part 2", "Division 1", "s 11", "s 11", "Commitment 1"]
    assert [p.ref for p in model.provisions()] == ["Part 2", "Division 1", "s 11", "s 11(1)", "Commitment 1"]


def test_statute_units_keep_their_kind() -> None:
    instrument = extract(parse_statute(SourceText("act.txt", STATUTE)))
    kinds = {p.ref: p.kind for top in instrument.provisions for p in top.walk()}
    assert kinds["Part 2"] is UnitKind.PART
    assert kinds["Division 1"] is UnitKind.DIVISION
    assert kinds["s 11"] is UnitKind.SECTION


def test_a_dispensation_goes_with_the_powers_of_its_own_section_only() -> None:
    text = (
        "Border Control Act 2026\n\nPART 3—REMOVAL\n\n"
        "20 Removal\nThe Minister may order the removal of a non-citizen. No reasons need be given for an order"
        " under this section.\n\n"
        "21 Removal of family members\nThe Minister may order the removal of a member of the family of a person"
        " removed under section 20.\n"
    )
    instrument = extract(parse_statute(SourceText("act.txt", text)))
    without = {
        p.ref: [w.kind.value for m in p.measures for w in m.without] for p in PolicyModel.of(instrument).provisions()
    }
    assert without["s 20"] == ["reasoned-decision"]
    assert without["s 21"] == []
