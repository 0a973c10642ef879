"""The policy YAML reader: the model it builds, the positions it keeps, every input it refuses, and its schema."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from mimc_lint.errors import InputError
from mimc_lint.model import (
    Action,
    Condition,
    ConditionKind,
    CrossRef,
    Definition,
    Exception_,
    ExceptionKind,
    Ground,
    Instrument,
    InstrumentKind,
    Measure,
    Modality,
    Override,
    PersonClass,
    Persons,
    Provision,
    Risk,
    Safeguard,
    SafeguardKind,
    Span,
    UnitKind,
)
from mimc_lint.readers import policy_yaml, read_source
from mimc_lint.readers.policy_yaml import MAX_DEPTH, RELATIONS, UNITS, read_policy
from mimc_lint.schema import SCHEMA_PATH, schema_text
from mimc_lint.source import SourceText

ROOT = Path(__file__).resolve().parents[1]
BAD = Path(__file__).parent / "fixtures" / "yaml-bad"
PATH = "policy.yaml"

VALID = """\
# yaml-language-server: $schema=../mimc_lint/schema/policy.schema.json
mimc-lint: 1
instrument:
  title: Border Integrity Bill 2026
  jurisdiction: Freedonia
  kind: bill
definitions:
  - term: refugee
    text: "a person who has a well-founded fear of persecution"
    covers: [refugee]
    grounds: [convention, generalized-violence]
    provision: s 2
provisions:
  - ref: s 12
    heading: Detention of irregular entrants
    text: An officer must detain every irregular entrant.
    measures:
      - action: detain
        modality: must
        evidence: "must detain every irregular entrant"
        persons: [irregular-entrant, {class: child, term: "person under 18"}]
        conditions: ["pending a decision on removal"]
        exceptions: [national-security, {kind: any-crime, evidence: "convicted of any offence"}]
        risks: [persecution, torture]
        overrides: ["section 77", {target: "section 14", ref: s 14, evidence: "notwithstanding section 14"}]
        safeguards:
          - max-duration
          - {kind: max-duration, value: 6, unit: months, evidence: "not exceeding six months"}
          - {kind: best-interests, children-only: true}
    safeguards:
      - kind: judicial-review
        concerns: detain
        value: 48
        unit: hours
        evidence: |
          brought before a court
          within 48 hours
    cross-refs: ["s 14", {text: "subject to section 14", target: s 14, relation: subject-to}]
    provisions:
      - ref: s 12(1)
        text: The officer may release the person on bail.
        measures:
          - {action: release, modality: may}
  - ref: s 14
    measures:
      - action: remove
        modality: must-not
        risks: [serious-harm]
        concerns: grant-protection
    cross-refs: ["section 99"]
  - ref: 15
"""

HEAD = "instrument: {title: T}\nprovisions:\n"  # two lines; the provisions of each bad case start on line 3


# libyaml when PyYAML has it, and always the pure-Python parser it falls back to: same model, same positions.
LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])]


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy_yaml, "_Loader", request.param)


def at(line: int, column: int, end_line: int, end_column: int) -> Span:
    return Span(PATH, line, column, end_line, end_column)


def read(text: str) -> Instrument:
    return read_policy(SourceText(PATH, text))


def error(text: str) -> str:
    with pytest.raises(InputError) as caught:
        read(text)
    return str(caught.value)


def measure_yaml(*lines: str) -> str:
    """A policy whose one measure (in s 1, from line 5) has the given extra lines."""
    body = "".join(f"        {line}\n" for line in lines)
    return HEAD + "  - ref: s 1\n    measures:\n      - action: detain\n        modality: must\n" + body


EXPECTED = Instrument(
    title="Border Integrity Bill 2026",
    path=PATH,
    span=at(4, 3, 6, 12),
    jurisdiction="Freedonia",
    kind=InstrumentKind.BILL,
    definitions=(
        Definition(
            term="refugee",
            span=at(8, 5, 12, 18),
            text="a person who has a well-founded fear of persecution",
            covers=(PersonClass.REFUGEE,),
            grounds=(Ground.CONVENTION, Ground.GENERALIZED_VIOLENCE),
            provision="s 2",
        ),
    ),
    provisions=(
        Provision(
            ref="s 12",
            span=at(14, 5, 43, 44),
            heading="Detention of irregular entrants",
            text="An officer must detain every irregular entrant.",
            measures=(
                Measure(
                    action=Action.DETAIN,
                    modality=Modality.MUST,
                    evidence="must detain every irregular entrant",
                    span=at(20, 19, 20, 55),
                    persons=(
                        Persons(PersonClass.IRREGULAR_ENTRANT, "irregular-entrant", at(21, 19, 21, 35)),
                        Persons(PersonClass.CHILD, "person under 18", at(21, 38, 21, 76)),
                    ),
                    conditions=(Condition("pending a decision on removal", at(22, 22, 22, 52)),),
                    exceptions=(
                        Exception_(ExceptionKind.NATIONAL_SECURITY, "national-security", at(23, 22, 23, 38)),
                        Exception_(ExceptionKind.ANY_CRIME, "convicted of any offence", at(23, 41, 23, 95)),
                    ),
                    safeguards=(
                        Safeguard(
                            SafeguardKind.MAX_DURATION, "max-duration", at(27, 13, 27, 24), concerns=Action.DETAIN
                        ),
                        Safeguard(
                            SafeguardKind.MAX_DURATION,
                            "not exceeding six months",
                            at(28, 13, 28, 94),
                            value=6.0,
                            unit="months",
                            concerns=Action.DETAIN,
                        ),
                        Safeguard(
                            SafeguardKind.BEST_INTERESTS,
                            "best-interests",
                            at(29, 13, 29, 55),
                            concerns=Action.DETAIN,
                            children_only=True,
                        ),
                    ),
                    overrides=(
                        Override("section 77", "section 77", at(25, 21, 25, 32)),
                        Override("section 14", "notwithstanding section 14", at(25, 35, 25, 107), target_ref="s 14"),
                    ),
                    risks=(Risk.PERSECUTION, Risk.TORTURE),
                ),
            ),
            safeguards=(
                Safeguard(
                    SafeguardKind.JUDICIAL_REVIEW,
                    "brought before a court\nwithin 48 hours",
                    at(31, 9, 37, 25),
                    value=48.0,
                    unit="hours",
                    concerns=Action.DETAIN,
                ),
            ),
            cross_refs=(
                CrossRef("s 14", at(38, 18, 38, 23), target_ref="s 14"),
                CrossRef("subject to section 14", at(38, 26, 38, 92), target_ref="s 14", relation="subject-to"),
            ),
            children=(
                Provision(
                    ref="s 12(1)",
                    span=at(40, 9, 43, 44),
                    text="The officer may release the person on bail.",
                    measures=(
                        Measure(
                            action=Action.RELEASE,
                            modality=Modality.MAY,
                            evidence="The officer may release the person on bail.",
                            span=at(43, 22, 43, 28),
                        ),
                    ),
                ),
            ),
        ),
        Provision(
            ref="s 14",
            span=at(44, 5, 50, 30),
            measures=(
                Measure(
                    action=Action.REMOVE,
                    modality=Modality.MUST_NOT,
                    evidence="remove (must-not)",
                    span=at(46, 17, 46, 22),
                    risks=(Risk.SERIOUS_HARM,),
                    concerns=Action.GRANT_PROTECTION,
                ),
            ),
            cross_refs=(CrossRef("section 99", at(50, 18, 50, 29)),),
        ),
        Provision(ref="15", span=at(51, 5, 51, 11)),
    ),
)


# -- the model


def test_complete_policy_reads_into_the_expected_instrument(loader: None) -> None:
    assert read(VALID) == EXPECTED


def test_spans_point_at_the_words_in_the_file() -> None:
    instrument = read(VALID)
    lines = VALID.splitlines()

    def quoted(span: Span) -> str:
        assert span.line == span.end_line
        return lines[span.line - 1][span.column - 1 : span.end_column]

    measure = instrument.provisions[0].measures[0]
    assert quoted(measure.span) == '"must detain every irregular entrant"'
    assert quoted(measure.persons[1].span) == '{class: child, term: "person under 18"}'
    assert quoted(instrument.provisions[0].children[0].measures[0].span) == "release"
    assert quoted(instrument.provisions[0].cross_refs[0].span) == '"s 14"'


def test_the_file_path_is_the_one_given_to_the_source() -> None:
    instrument = read_policy(SourceText("drafts/bill.yaml", VALID))
    assert instrument.path == "drafts/bill.yaml"
    assert instrument.provisions[0].span.path == "drafts/bill.yaml"


def test_defaults_of_a_minimal_policy() -> None:
    instrument = read("instrument:\n  title: Minimal Act\nprovisions: []\n")
    assert instrument == Instrument(title="Minimal Act", path=PATH, span=at(2, 3, 2, 20))
    assert instrument.kind is InstrumentKind.ACT
    assert instrument.language == "en"


def test_empty_provisions_are_valid() -> None:
    assert read(HEAD + "  []\n").provisions == ()


def test_references_resolve_forward_and_backward_but_not_outside_the_file() -> None:
    text = HEAD + (
        "  - ref: s 1\n"
        "    cross-refs: [s 2, s 9, {text: under that section, target: s 2}]\n"
        "    measures:\n"
        "      - {action: detain, modality: may, overrides: [s 2, any other law, {target: section 2, ref: s 2}]}\n"
        "  - ref: s 2\n"
        "    cross-refs: [s 1]\n"
    )
    first, second = read(text).provisions
    assert [x.target_ref for x in first.cross_refs] == ["s 2", None, "s 2"]
    assert [o.target_ref for o in first.measures[0].overrides] == ["s 2", None, "s 2"]
    assert second.cross_refs[0].target_ref == "s 1"


def test_a_provision_is_a_grouping_by_its_kind_or_by_a_ref_only_a_grouping_has() -> None:
    text = HEAD + (
        "  - {ref: Part 2, provisions: [{ref: s 10, provisions: [{ref: s 10(1)}]}]}\n"
        "  - {ref: Sch 2, provisions: [{ref: Sch 2 para 1}, {ref: Sch 2 Part 1}]}\n"
        "  - {ref: Chapter III, kind: section}\n"
        "  - {ref: Section 1, kind: division}\n"
        "  - {ref: Section 2}\n"
        "  - {ref: Commitment 1}\n"
    )
    kinds = {p.ref: p.kind for top in read(text).provisions for p in top.walk()}
    assert kinds == {
        "Part 2": UnitKind.PART,
        "s 10": None,
        "s 10(1)": None,
        "Sch 2": UnitKind.SCHEDULE,
        "Sch 2 para 1": None,
        "Sch 2 Part 1": UnitKind.PART,
        "Chapter III": UnitKind.SECTION,
        "Section 1": UnitKind.DIVISION,
        "Section 2": None,
        "Commitment 1": None,
    }


def test_a_long_text_is_stripped_of_surrounding_space_but_keeps_its_lines() -> None:
    text = HEAD + "  - ref: s 1\n    text: >\n      An officer may\n      detain.\n\n    heading: '  Powers  '\n"
    provision = read(text).provisions[0]
    assert provision.text == "An officer may detain."
    assert provision.heading == "Powers"
    assert provision.span == at(3, 5, 8, 25)


def test_yaml_number_syntax_is_read_as_yaml_reads_it() -> None:
    safeguards = read(HEAD + "  - ref: s 1\n    safeguards: [{kind: max-duration, value: 1_000, unit: hours}]\n")
    assert safeguards.provisions[0].safeguards[0].value == 1000.0


def test_windows_line_ends_and_a_byte_order_mark_do_not_move_positions(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    assert read_policy(read_source(path, PATH)) == EXPECTED


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_bytes(VALID.encode("utf-16"))
    assert read_policy(read_source(path, PATH)) == EXPECTED


def test_columns_count_code_points_not_bytes() -> None:
    text = 'instrument: {title: "Загранпаспорт 😀"}\nprovisions: [{ref: "§ 1", heading: Über, bad: 1}]\n'
    assert error(text) == "policy.yaml:2:42: unknown key 'bad' (expected one of: " + (
        "ref, kind, heading, text, measures, safeguards, cross-refs, provisions)"
    )
    assert read('instrument: {title: "Загранпаспорт 😀"}\nprovisions: []\n').span == at(1, 13, 1, 38)


def test_a_300_provision_policy_is_read_whole_and_in_order() -> None:
    """Scale, not speed: every pass is linear, so this stays fast without a timed assertion."""
    provisions = "".join(
        f"  - ref: s {i}\n"
        f"    text: An officer may detain a person under section {i}.\n"
        "    measures:\n"
        f"      - {{action: detain, modality: may, safeguards: [{{kind: max-duration, value: {i + 1}, unit: days}}]}}\n"
        f"    cross-refs: [s {(i + 1) % 300}]\n"
        f"    provisions: [{{ref: 's {i}(1)'}}]\n"
        for i in range(300)
    )
    instrument = read(HEAD + provisions)
    assert [p.ref for p in instrument.provisions] == [f"s {i}" for i in range(300)]
    assert all(p.cross_refs[0].target_ref == f"s {(i + 1) % 300}" for i, p in enumerate(instrument.provisions))
    last = instrument.provisions[-1]
    assert last.span == at(3 + 6 * 299, 5, 3 + 6 * 299 + 5, 35)
    assert last.children[0].ref == "s 299(1)"
    assert last.measures[0].safeguards[0].value == 300.0


def test_reading_a_policy_does_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from mimc_lint.readers.policy_yaml import read_policy\n"
        "from mimc_lint.source import SourceText\n"
        f"read_policy(SourceText('p.yaml', {VALID!r}))\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


# -- bad input: one line, the right place


BAD_CASES = [
    # malformed YAML (PyYAML's own problem text is tested below, as it depends on libyaml being present)
    ('instrument: {title: "a\x07"}\nprovisions: []\n', "1:23: character U+0007 is not allowed in YAML"),
    # documents and the top level
    (HEAD + "  []\n---\n", "4:1: more than one YAML document in a policy file"),
    (
        "- instrument\n- provisions\n",
        "1:1: a policy file must be a mapping with 'instrument' and 'provisions', got a list",
    ),
    ("just a sentence\n", "1:1: a policy file must be a mapping with 'instrument' and 'provisions', got a string"),
    ("---\n", "2:1: a policy file must be a mapping with 'instrument' and 'provisions', got an empty value"),
    # missing keys, at the mapping that lacks them
    ("instrument: {title: T}\n", "1:1: missing required key 'provisions'"),
    ("instrument: {jurisdiction: Freedonia}\nprovisions: []\n", "1:13: missing required key 'title'"),
    (HEAD + "  - heading: Detention\n", "3:5: missing required key 'ref'"),
    (HEAD + "  - ref: s 1\n    measures:\n      - modality: must\n", "5:9: missing required key 'action'"),
    (HEAD + "  - ref: s 1\n    measures:\n      - action: detain\n", "5:9: missing required key 'modality'"),
    (measure_yaml("persons: [{term: minor}]"), "7:19: missing required key 'class'"),
    (measure_yaml("safeguards: [{value: 6, unit: months}]"), "7:22: missing required key 'kind'"),
    (
        measure_yaml("safeguards: [{kind: max-duration, value: 6}]"),
        "7:22: missing required key 'unit' (a 'value' needs a 'unit')",
    ),
    (
        measure_yaml("safeguards: [{kind: max-duration, unit: days}]"),
        "7:22: missing required key 'value' (a 'unit' needs a 'value')",
    ),
    (measure_yaml("overrides: [{evidence: notwithstanding}]"), "7:21: missing required key 'target'"),
    (HEAD + "  - ref: s 1\n    cross-refs: [{target: s 1}]\n", "4:18: missing required key 'text'"),
    ("instrument: {title: T}\ndefinitions: [{text: a person}]\nprovisions: []\n", "2:15: missing required key 'term'"),
    # wrong types
    (measure_yaml("persons: {class: child}"), "7:18: 'persons' must be a list, got a mapping"),
    ("instrument: [T]\nprovisions: []\n", "1:13: 'instrument' must be a mapping, got a list"),
    ("instrument: {title: T}\nprovisions:\n", "2:12: 'provisions' must be a list, got an empty value"),
    ("instrument:\n  title:\nprovisions: []\n", "2:9: 'title' must be a string, got an empty value"),
    ("instrument: {title: ''}\nprovisions: []\n", "1:21: 'title' must not be empty"),
    ("instrument: {title: yes}\nprovisions: []\n", "1:21: 'title' must be a string, got a boolean"),
    (HEAD + "  - s 1\n", "3:5: each item of 'provisions' must be a mapping, got a string"),
    (measure_yaml("persons: [12]"), "7:19: each item of 'persons' must be a string or a mapping, got a number"),
    (
        measure_yaml("conditions: [[pending removal]]"),
        "7:22: each item of 'conditions' must be a string or a mapping, got a list",
    ),
    (
        measure_yaml("conditions: [{text: holds a visa, kind: lawful}]"),
        "7:49: unknown condition kind 'lawful' (did you mean 'lawful-status'?)",
    ),
    (
        HEAD + "  - ref: s 1\n    cross-refs: [[s 2]]\n",
        "4:18: each item of 'cross-refs' must be a string or a mapping, got a list",
    ),
    (measure_yaml("risks: [{kind: torture}]"), "7:17: each item of 'risks' must be a string, got a mapping"),
    (
        measure_yaml("safeguards: [{kind: max-duration, value: six, unit: months}]"),
        "7:50: 'value' must be a number, got a string",
    ),
    (
        measure_yaml("safeguards: [{kind: max-duration, value: 0, unit: months}]"),
        "7:50: 'value' must be a positive number",
    ),
    (
        measure_yaml("safeguards: [{kind: max-duration, value: .inf, unit: months}]"),
        "7:50: 'value' must be a positive number",
    ),
    (
        measure_yaml("safeguards: [{kind: best-interests, children-only: always}]"),
        "7:60: 'children-only' must be true or false, got a string",
    ),
    (HEAD + "  - ref: s 1\n    ? [a, b]\n    : c\n", "4:7: a key must be a name, got a list"),
    # unknown keys, with the closest valid one
    (HEAD + "  - ref: s 1\n    safegaurds: []\n", "4:5: unknown key 'safegaurds' (did you mean 'safeguards'?)"),
    ("instrument: {title: T}\nprovisons: []\n", "2:1: unknown key 'provisons' (did you mean 'provisions'?)"),
    (
        measure_yaml("safeguards: [{kind: last-resort, concerns: remove}]"),
        "7:42: unknown key 'concerns' (expected one of: kind, evidence, value, unit, children-only)",
    ),
    (
        "$schema: policy.schema.json\n" + HEAD,
        "1:1: unknown key '$schema' (expected one of: mimc-lint, instrument, definitions, provisions)",
    ),
    # unknown enum values, with the closest valid one
    (
        HEAD + "  - ref: s 1\n    measures:\n      - action: detian\n        modality: must\n",
        "5:17: unknown action 'detian' (did you mean 'detain'?)",
    ),
    (
        HEAD + "  - ref: s 1\n    measures:\n      - action: detain\n        modality: shall\n",
        "6:19: unknown modality 'shall' (expected one of: must, may, must-not)",
    ),
    (
        measure_yaml("persons: [unacompanied-child]"),
        "7:19: unknown person class 'unacompanied-child' (did you mean 'unaccompanied-child'?)",
    ),
    (
        measure_yaml("safeguards: [{kind: max-duration, value: 1, unit: month}]"),
        "7:59: unknown unit 'month' (did you mean 'months'?)",
    ),
    (
        measure_yaml("exceptions: [nationalsecurity]"),
        "7:22: unknown exception kind 'nationalsecurity' (did you mean 'national-security'?)",
    ),
    (measure_yaml("risks: [torure]"), "7:17: unknown risk 'torure' (did you mean 'torture'?)"),
    (measure_yaml("concerns: detention"), "7:19: unknown action 'detention' (did you mean 'detain'?)"),
    (
        "instrument: {title: T, kind: statute}\nprovisions: []\n",
        "1:30: unknown instrument kind 'statute' (expected one of: act, bill, regulation, policy, directive)",
    ),
    (
        "instrument: {title: T}\ndefinitions: [{term: refugee, grounds: [climate]}]\nprovisions: []\n",
        "2:41: unknown ground 'climate' (did you mean 'climate-change'?)",
    ),
    (
        HEAD + "  - ref: s 1\n    cross-refs: [{text: under s 1, relation: subject}]\n",
        "4:46: unknown relation 'subject' (did you mean 'subject-to'?)",
    ),
    (HEAD + "  - {ref: Part 1, kind: chaptre}\n", "3:25: unknown provision kind 'chaptre' (did you mean 'chapter'?)"),
    # duplicates
    (
        "instrument: {title: T}\nprovisions: []\ninstrument: {title: U}\n",
        "3:1: duplicate key 'instrument' (first at line 1)",
    ),
    (HEAD + "  - ref: s 1\n    heading: A\n    heading: B\n", "5:5: duplicate key 'heading' (first at line 4)"),
    (HEAD + "  - ref: s 1\n  - ref: s 1\n", "4:10: duplicate provision ref 's 1' (first at line 3)"),
    (HEAD + "  - provisions: [{ref: s 1}]\n    ref: s 1\n", "4:10: duplicate provision ref 's 1' (first at line 3)"),
    # references that must exist
    (
        measure_yaml("overrides: [{target: section 2, ref: s 2}]"),
        "7:46: 'ref' names no provision in this file: 's 2' (did you mean 's 1'?)",
    ),
    # anchors, aliases, tags, depth, versions
    (HEAD + "  - &first {ref: s 1}\n  - *first\n", "3:5: YAML anchors and aliases are not allowed in a policy file"),
    ("instrument: {title: T}\nprovisions: *none\n", "2:13: YAML anchors and aliases are not allowed in a policy file"),
    (HEAD + "  - ref: !!str 12\n", "3:10: YAML tags are not allowed in a policy file (found '!!str')"),
    (
        HEAD + "  - !!python/object/apply:os.system [ls]\n",
        "3:5: YAML tags are not allowed in a policy file (found '!!python/object/apply:os.system')",
    ),
    (
        "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
        f"1:{3 + MAX_DEPTH}: YAML nested deeper than {MAX_DEPTH} levels",
    ),
    ("mimc-lint: 2\n" + HEAD, "1:12: unsupported format version 2 (this mimc-lint reads version 1)"),
    ("mimc-lint: '1'\n" + HEAD, "1:12: 'mimc-lint' (the format version) must be a number, got a string"),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CASES, ids=[expected for _, expected in BAD_CASES])
def test_bad_input_is_one_line_at_the_offending_node(loader: None, text: str, expected: str) -> None:
    assert error(text) == f"{PATH}:{expected}"


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("instrument:\n  title: [Bill\nprovisions: []\n", "3:11", "']'"),
        ('instrument: {title: "Bill}\nprovisions: []\n', "3:1", "quoted scalar at line 1, column 21"),
        ("instrument: {title: T}\nprovisions: [\n  - ref: s 1\n", "3:3", "node content"),
    ],
)
def test_malformed_yaml_reports_the_problem_and_its_mark(loader: None, text: str, where: str, problem: str) -> None:
    message = error(text)
    assert message.startswith(f"{PATH}:{where}: invalid YAML: ")
    assert problem in message
    assert "\n" not in message


FIXTURES = {
    "bad-indentation.yaml": "6:4: invalid YAML: ",  # then PyYAML's words, which depend on libyaml
    "tab-indent.yaml": "2:1: invalid YAML: tab character (YAML indents with spaces, not tabs)",
    "two-documents.yaml": "4:1: more than one YAML document in a policy file",
    "billion-laughs.yaml": "2:4: YAML anchors and aliases are not allowed in a policy file",
    "duplicate-ref.yaml": "11:14: duplicate provision ref 's 12(1)' (first at line 7)",
    "docker-compose.yaml": "1:1: not a mimc-lint policy: it has none of the keys 'instrument', 'provisions' (it has",
    "comments-only.yaml": "1:1: no YAML document in the file (it holds only comments)",
    "empty.yaml": "1:1: empty file",
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_bad_fixture_files_end_to_end(name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_policy(read_source(BAD / name, name))
    assert str(caught.value).startswith(f"{name}:{FIXTURES[name]}")


def test_every_fixture_file_is_exercised() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(FIXTURES)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"instrument: {title: Caf\xe9}\nprovisions: []\n",
            "1:24: not valid UTF-8 (byte 0xE9); re-save the file as UTF-8",
        ),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "1:1: binary file, not a statute or a policy (it contains NUL bytes)"),
        (b"  \n\n", "1:1: empty file"),
    ],
    ids=["not-utf8", "binary", "blank"],
)
def test_undecodable_files_are_refused_before_the_reader(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "policy.yaml"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_policy(read_source(path, PATH))
    assert str(caught.value) == f"{PATH}:{expected}"


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    """Nine levels of nine aliases would be 387 million strings; refusal comes at the first anchor."""
    with pytest.raises(InputError) as caught:
        read_policy(read_source(BAD / "billion-laughs.yaml", "bomb.yaml"))
    assert (caught.value.line, caught.value.column) == (2, 4)


# -- the schema


def schema() -> dict:
    return json.loads(schema_text())


def test_schema_is_a_valid_draft_7_schema_with_an_id() -> None:
    document = schema()
    jsonschema.Draft7Validator.check_schema(document)
    assert document["$id"]
    assert schema_text() == SCHEMA_PATH.read_text(encoding="utf-8")


ENUMS = {
    "action": [m.value for m in Action],
    "modality": [m.value for m in Modality],
    "personClass": [m.value for m in PersonClass],
    "safeguardKind": [m.value for m in SafeguardKind],
    "risk": [m.value for m in Risk],
    "exceptionKind": [m.value for m in ExceptionKind],
    "conditionKind": [m.value for m in ConditionKind],
    "ground": [m.value for m in Ground],
    "instrumentKind": [m.value for m in InstrumentKind],
    "unit": list(UNITS),
    "relation": list(RELATIONS),
    "provisionKind": [m.value for m in UnitKind],
}


@pytest.mark.parametrize("name", sorted(ENUMS))
def test_schema_enums_match_the_model(name: str) -> None:
    definition = schema()["definitions"][name]
    assert definition["enum"] == ENUMS[name]
    assert len(definition["enumDescriptions"]) == len(ENUMS[name])


def test_every_enum_in_the_schema_is_checked_against_the_model() -> None:
    assert {name for name, d in schema()["definitions"].items() if "enum" in d} == set(ENUMS)


def test_every_schema_property_has_a_title_and_a_description() -> None:
    missing = []

    def visit(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, prop in node.get("properties", {}).items():
                if not (prop.get("title") and prop.get("description")):
                    missing.append(f"{where}/{key}")
            for key, value in node.items():
                visit(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, f"{where}/{i}")

    visit(schema(), "")
    assert missing == []


def test_schema_and_reader_agree_on_which_keys_each_mapping_takes() -> None:
    definitions = schema()["definitions"]
    pairs = {
        "instrument": policy_yaml._INSTRUMENT_KEYS,
        "definition": policy_yaml._DEFINITION_KEYS,
        "provision": policy_yaml._PROVISION_KEYS,
        "measure": policy_yaml._MEASURE_KEYS,
    }
    for name, keys in pairs.items():
        assert list(definitions[name]["properties"]) == list(keys), name
    assert list(schema()["properties"]) == list(policy_yaml._TOP_KEYS)
    assert list(definitions["safeguard"]["oneOf"][1]["properties"]) == list(policy_yaml._SAFEGUARD_KEYS)
    assert list(definitions["standaloneSafeguard"]["oneOf"][1]["properties"]) == list(
        policy_yaml._STANDALONE_SAFEGUARD_KEYS
    )


@pytest.mark.parametrize(
    ("element", "keys", "renamed"),
    [
        (Measure, policy_yaml._MEASURE_KEYS, {}),
        (Safeguard, policy_yaml._STANDALONE_SAFEGUARD_KEYS, {}),
        (Definition, policy_yaml._DEFINITION_KEYS, {}),
        (Persons, policy_yaml._PERSONS_KEYS, {"cls": "class"}),
        (Exception_, policy_yaml._EXCEPTION_KEYS, {}),
        (Condition, policy_yaml._CONDITION_KEYS, {}),
        (Override, policy_yaml._OVERRIDE_KEYS, {"target_ref": "ref"}),
        (CrossRef, policy_yaml._CROSS_REF_KEYS, {"target_ref": "target"}),
        (Provision, policy_yaml._PROVISION_KEYS, {"children": "provisions"}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_every_field_of_the_model_can_be_written(element: type, keys: tuple[str, ...], renamed: dict) -> None:
    """A field added to the model without a key in the format fails here, not silently in a check."""
    written = {renamed.get(f.name, f.name).replace("_", "-") for f in dataclasses.fields(element)} - {"span"}
    assert written == set(keys)


# Samples on which the schema and the reader must agree. Left out on purpose: what only the reader can
# see (duplicate keys and refs, anchors, tags, a `ref:` naming no provision of the file).
SAMPLES = [
    (VALID, True),
    ("instrument: {title: Minimal Act}\nprovisions: []\n", True),
    ("instrument: {title: T}\ndefinitions: [{term: refugee, excludes: [climate-change]}]\nprovisions: []\n", True),
    ("instrument: {title: T}\ndefinitions: [{term: refugee, excludes: [poverty]}]\nprovisions: []\n", False),
    ("mimc-lint: 1\ninstrument: {title: 2026}\nprovisions: [{ref: 12, heading: 1.10}]\n", True),
    (
        measure_yaml(
            "persons: [child, {class: family}]", "safeguards: [{kind: periodic-review, value: 0.5, unit: days}]"
        ),
        True,
    ),
    (
        HEAD
        + "  - ref: s 1\n    safeguards:\n"
        + "      - {kind: max-duration, value: 28, unit: days, concerns: detain, children-only: false}\n",
        True,
    ),
    ("instrument: {title: T}\n", False),
    ("instrument: {title: T}\nprovisions: []\nextra: 1\n", False),
    ("mimc-lint: 2\n" + HEAD + "  []\n", False),
    ("instrument: {title: ' '}\nprovisions: []\n", False),
    ("instrument: {title: T, kind: statute}\nprovisions: []\n", False),
    (measure_yaml("persons: {class: child}"), False),
    (measure_yaml("persons: [{class: child, age: 17}]"), False),
    (measure_yaml("risks: [torure]"), False),
    (measure_yaml("conditions: [pending removal, {text: holds a visa, kind: lawful-status}]"), True),
    (measure_yaml("conditions: [{text: holds a visa, kind: visa}]"), False),
    (measure_yaml("conditions: [{kind: nationality}]"), False),
    (measure_yaml("safeguards: [{kind: max-duration, value: 6}]"), False),
    (measure_yaml("safeguards: [{kind: max-duration, value: -6, unit: days}]"), False),
    (measure_yaml("safeguards: [{kind: last-resort, concerns: detain}]"), False),
    (measure_yaml("overrides: [true]"), False),
    (measure_yaml("conditions: [null]"), False),
    (HEAD + "  - ref: s 1\n    cross-refs: [{text: s 2, relation: cites}]\n", False),
    (HEAD + "  - {ref: Part 1, kind: part, provisions: [{ref: s 1, kind: section}]}\n", True),
    (HEAD + "  - {ref: Part 1, kind: group}\n", False),
]


@pytest.mark.parametrize(("text", "valid"), SAMPLES)
def test_reader_accepts_exactly_what_the_schema_accepts(text: str, valid: bool) -> None:
    schema_accepts = jsonschema.Draft7Validator(schema()).is_valid(yaml.safe_load(text))
    try:
        read(text)
        reader_accepts = True
    except InputError:
        reader_accepts = False
    assert (schema_accepts, reader_accepts) == (valid, valid)


# -- the documentation


DOC = ROOT / "docs" / "policy-format.md"


def doc_example() -> str:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- complete example -->\n```yaml\n(.*?)```", text, re.S)
    assert match, "docs/policy-format.md has no block marked <!-- complete example -->"
    return match.group(1)


def test_the_documented_example_is_valid_for_schema_and_reader() -> None:
    example = doc_example()
    jsonschema.Draft7Validator(schema()).validate(yaml.safe_load(example))
    instrument = read(example)
    assert instrument.provisions


def test_the_documentation_explains_every_enum_value() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [f"{name}: {value}" for name, values in ENUMS.items() for value in values if f"| `{value}` |" not in text]
    assert missing == []
