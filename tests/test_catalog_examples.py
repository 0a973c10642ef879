"""The catalog's examples are true: each rule's violating example, read as statute text, gives a finding of that
rule, and its compliant example gives none.

docs/rules.md, `mimc-lint explain` and SARIF rule help show these clauses as what each rule means; an example the
linter reads otherwise would teach the wrong thing. Rules of the input family describe the text itself and have
no examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mimc_lint import catalog
from mimc_lint.engine import lint
from mimc_lint.readers.statute import parse_statute
from mimc_lint.selection import Selection
from mimc_lint.source import SourceText

INPUT_FAMILY = "input"
RULES = [rule for rule in catalog.load().rules.values() if rule.family != INPUT_FAMILY]
EXPECTATIONS = ("violating", "compliant")


def statute(example: str) -> str:
    """The example as a statute file. A first line that reads as a title would not be read as law, so such an
    example is put under a title line of its own; any other is written as it stands."""
    if parse_statute(SourceText("example.txt", example)).title:
        return f"Catalog Example Act\n\n{example}\n"
    return f"{example}\n"


def test_every_rule_but_the_input_notices_has_examples() -> None:
    assert [rule.id for rule in RULES if not (rule.violating_example and rule.compliant_example)] == []


@pytest.mark.parametrize(
    ("rule", "expect"),
    [pytest.param(rule, expect, id=f"{rule.id}-{expect}") for rule in RULES for expect in EXPECTATIONS],
)
def test_example(rule: catalog.Rule, expect: str, tmp_path: Path) -> None:
    example = rule.violating_example if expect == "violating" else rule.compliant_example
    path = tmp_path / f"{rule.id}-{expect}.txt"
    path.write_text(statute(example), encoding="utf-8")
    report = lint([str(path)], Selection((), ()))
    assert not list(report.errors), [str(error) for error in report.errors]
    found = [f"{f.provision}: {f.message}" for f in report.findings if f.rule == rule.id]
    if expect == "violating":
        assert found, f"{rule.id} does not fire on its violating example: {example!r}"
    else:
        assert not found, f"{rule.id} fires on its compliant example: {found}"


def test_an_example_whose_first_line_reads_as_a_title_is_put_under_a_title_of_its_own() -> None:
    clause = "Temporary protection permits\n33. The Minister may grant a temporary protection permit."
    assert statute(clause) == f"Catalog Example Act\n\n{clause}\n"
    assert statute("33. The Minister may grant a temporary protection permit.").startswith("33. ")
