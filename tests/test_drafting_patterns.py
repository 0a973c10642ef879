"""Drafting patterns the example statutes brought to light, each read as a careful reader reads it.

Each case is a short statute in one tradition and what extraction must make of one provision. The patterns
are general (they recur across laws), so each is tested apart from the examples that first showed it.
"""

from __future__ import annotations

import pytest

from mimc_lint.extract import extract
from mimc_lint.model import Instrument, Provision
from mimc_lint.readers.statute import parse_statute
from mimc_lint.source import SourceText


def read(text: str) -> Instrument:
    return extract(parse_statute(SourceText("statute.txt", text)))


def provision(instrument: Instrument, ref: str) -> Provision:
    found = [p for top in instrument.provisions for p in top.walk() if p.ref == ref]
    assert found, f"no provision {ref}"
    return found[0]


def measures(text: str, ref: str) -> list[tuple[str, str, list[str]]]:
    """(action, modality, classes of persons) of each measure of provision `ref`."""
    return [
        (m.action.value, m.modality.value, sorted(p.cls.value for p in m.persons))
        for m in provision(read(text), ref).measures
    ]


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        pytest.param(
            "14 Children\n(1) A child must not be detained except as a measure of last resort.\n",
            "s 14(1)",
            [("detain", "may", ["child"])],
            id="prohibition lifted only as a last resort is a limited power",
        ),
        pytest.param(
            "14 Children\n(1) A child must not be detained unless an officer so directs.\n",
            "s 14(1)",
            [("detain", "must-not", ["child"])],
            id="prohibition lifted on another ground stays a prohibition",
        ),
        pytest.param(
            "Article 10\nMinors\n1. Minors shall be detained only as a measure of last resort.\n",
            "Article 10(1)",
            [("detain", "may", ["child"])],
            id="shall be detained only as a last resort is a power",
        ),
        pytest.param(
            "Article 9\nGuarantees\n1. An applicant shall be detained only for as short a period as possible.\n",
            "Article 9(1)",
            [],
            id="shall be detained only for as short a period is a time limit",
        ),
        pytest.param(
            "40 Entry\n(1) A non-citizen who enters Arcadia otherwise than at a proclaimed port commits an offence.\n",
            "s 40(1)",
            [("penalise-irregular-entry", "must", ["non-national"])],
            id="an offence created in the present tense",
        ),
        pytest.param(
            "40 Entry\n(1) A non-citizen who commits an offence of unlawful entry may be removed.\n",
            "s 40(1)",
            [("remove", "may", ["non-national"])],
            id="who commits an offence describes the person",
        ),
        pytest.param(
            "Article 5\nBorders\n2. No person shall be rejected at the border of a Member State where he would "
            "face torture.\n",
            "Article 5(2)",
            [("reject-at-frontier", "must-not", ["any-person"])],
            id="the border of a Member State is no third-country destination",
        ),
        pytest.param(
            "Article 7\nExtradition\n2. Member States may extradite an applicant to a third country.\n",
            "Article 7(2)",
            [("extradite", "may", [])],
            id="extradition to a third country stays extradition",
        ),
        pytest.param(
            "§ 1232. Children\n(b) An unaccompanied alien child shall not be placed in a secure facility.\n",
            "§ 1232(b)",
            [("detain", "must-not", ["unaccompanied-child"])],
            id="alien inside unaccompanied alien child is no class of its own",
        ),
        pytest.param(
            "§ 1325. Improper entry\n(a) Any alien who enters at a place other than as designated by immigration "
            "officers shall be fined or imprisoned.\n(b) Subsection (a) shall not apply to an alien who applies for "
            "asylum.\n",
            "§ 1325(b)",
            [("penalise-irregular-entry", "must-not", ["asylum-seeker"])],
            id="an offence disapplied for asylum seekers spares them the penalty",
        ),
        pytest.param(
            "20 Removal\n(1) An officer's duty to remove an unlawful non-citizen arises when the claim is refused.\n",
            "s 20(1)",
            [("remove", "must", ["irregular-entrant"])],
            id="a duty to act is a must",
        ),
        pytest.param(
            "3 Orders\n(2) Orders made under this section may provide that the foreigner—\n(g) shall be arrested and "
            "detained;\n",
            "s 3(2)(g)",
            [("detain", "may", ["non-national"])],
            id="what orders may provide shall be done is a power",
        ),
        pytest.param(
            "20 Removal\n(1) For the purposes of section 21, it is irrelevant whether Arcadia has non-refoulement "
            "obligations.\n21 Duty\nAn officer must remove an unlawful non-citizen.\n",
            "s 20(1)",
            [("remove", "may", [])],
            id="non-refoulement named as irrelevant to a removal power is no bar on removal",
        ),
    ],
)
def test_measure(text: str, ref: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert measures(text, ref) == expected


def test_a_time_limit_clause_is_a_safeguard_of_detention() -> None:
    text = "Article 9\nGuarantees\n1. An applicant shall be detained only for as short a period as possible.\n"
    (safeguard,) = provision(read(text), "Article 9(1)").safeguards
    assert (safeguard.kind.value, safeguard.concerns and safeguard.concerns.value) == ("last-resort", "detain")


def test_review_at_intervals_is_periodic_and_a_release_clause_guards_detention() -> None:
    text = (
        "§ 1226. Detention\n(d) An alien detained under this section shall be brought before a judge within 72 "
        "hours, and the court shall review the detention at intervals of not more than 30 days and shall order "
        "the release of the alien if the detention is not lawful.\n"
    )
    (release,) = provision(read(text), "§ 1226(d)").measures
    found = {(s.kind.value, s.value, s.concerns and s.concerns.value) for s in release.safeguards}
    assert found == {("judicial-review", None, "detain"), ("periodic-review", 30.0, "detain")}


def test_a_sentence_naming_no_one_constrains_the_power_of_its_unit() -> None:
    text = (
        "Article 10\nMinors\n1. Minors shall be detained only as a measure of last resort. Such detention shall be "
        "for the shortest period of time.\n"
    )
    unit = provision(read(text), "Article 10(1)")
    (detain,) = unit.measures
    assert unit.safeguards == ()
    assert [(s.evidence, s.children_only) for s in detain.safeguards] == [
        ("last resort", True),
        ("shortest period", True),
    ]


def test_an_item_is_scoped_by_the_references_of_its_lead_in() -> None:
    text = (
        "§ 1225. Inspection\n(b) Detention\n(A) An alien may be detained pending the interview.\n"
        "(B) Before detaining an alien under subparagraph (A), the officer shall consider release of the alien on—\n"
        "(i) bond of at least $500; or\n(ii) conditional parole.\n"
    )
    item = provision(read(text), "§ 1225(b)(B)(i)")
    assert [x.target_ref for x in item.cross_refs] == ["§ 1225(b)(A)"]


def test_preambles_and_notes_enact_nothing() -> None:
    text = (
        "Regulation 2026/1\n\nTHE COUNCIL,\nWhereas:\n(1) Detention of children should be a last resort.\n"
        "HAS ADOPTED THIS REGULATION:\n\nArticle 1\nDetention\n1. Member States may detain an applicant.\n"
        "Note: Article 2 limits the detention of children.\n"
    )
    instrument = read(text)
    said = [p for top in instrument.provisions for p in top.walk() if p.measures or p.safeguards]
    assert [(p.ref, [m.action.value for m in p.measures]) for p in said] == [("Article 1(1)", ["detain"])]
    assert "child" not in {p.cls.value for p in provision(instrument, "Article 1(1)").measures[0].persons}


@pytest.mark.parametrize(
    ("lead", "excepted"),
    [
        pytest.param("Subsection (1) does not apply in the case of a person", ["serious-crime"], id="no punctuation"),
        pytest.param("Subsection (1) does not apply to a person—", ["serious-crime"], id="a dash"),
        pytest.param("Subsection (1) does not apply to a person.", [], id="a full stop ends the sentence"),
    ],
)
def test_a_lead_in_runs_on_into_items_that_start_in_lower_case(lead: str, excepted: list[str]) -> None:
    """Some drafters end a lead-in with no dash or colon ("in the case of a person (a) who is ..."): items that
    start in lower case carry on its sentence, unless it ends with a full stop."""
    text = (
        "115 Protection\n(1) A refugee shall not be removed to a country where the refugee would be at risk of "
        f"torture.\n(2) {lead}\n(a) who is inadmissible on grounds of serious criminality; or\n"
        "(b) who is named in the register.\n"
    )
    (bar,) = provision(read(text), "s 115(1)").measures
    assert [e.kind.value for e in bar.exceptions] == excepted
