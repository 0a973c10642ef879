"""Every rule's cases, run by one generic test: tests are data (STYLE.md, after sqlfluff and proselint).

`tests/cases/<RULE>.yaml` lists cases `{name, rule, expect, line, policy | text + tradition}`: an inline
policy YAML, or an inline statute text written in one drafting tradition (`commonwealth`, `us-code`, `eu`).
A `violating` case must give a finding of its rule at `line` of the inline input; a `compliant` case must give
none. The meta-tests keep the registry, the catalog and the case files in step: no check without a catalog
entry, no entry without a check, and no check without a must-flag and a must-pass case in each input kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from mimc_lint import catalog, checks
from mimc_lint.engine import lint
from mimc_lint.selection import Selection

CASES_DIR = Path(__file__).parent / "cases"
#: Rules of this family describe the input itself and come from the readers, not from checks.
INPUT_FAMILY = "input"
_KEYS = {"name", "rule", "expect", "line", "policy", "text", "tradition"}
TRADITIONS = ("commonwealth", "us-code", "eu")


@dataclass(frozen=True, slots=True)
class Case:
    file: str
    name: str
    rule: str
    expect: str  # violating | compliant
    source: str  # the inline policy YAML or statute text
    tradition: str | None  # drafting tradition of a statute text; None for a policy
    line: int | None = None  # where a violating case's finding must be

    @property
    def filename(self) -> str:
        return "policy.yaml" if self.tradition is None else "statute.txt"


def _case(path: Path, entry: dict) -> Case:
    """One entry of a case file, refused loudly when malformed so a broken case cannot pass silently."""
    where = f"{path.name}: {entry.get('name', entry)!r}"
    assert isinstance(entry, dict) and set(entry) <= _KEYS, f"{where}: keys must be among {sorted(_KEYS)}"
    assert entry.get("rule") == path.stem, f"{where}: a case in {path.name} must be about {path.stem}"
    assert entry.get("expect") in ("violating", "compliant"), f"{where}: expect must be violating or compliant"
    assert ("policy" in entry) != ("text" in entry), f"{where}: give either policy or text"
    source = entry.get("policy", entry.get("text"))
    assert isinstance(source, str), f"{where}: policy or text must be a block string"
    tradition = entry.get("tradition")
    if "text" in entry:
        assert tradition in TRADITIONS, f"{where}: a text case names its tradition, one of {TRADITIONS}"
    else:
        assert tradition is None, f"{where}: only a text case has a tradition"
    if entry["expect"] == "violating":
        assert isinstance(entry.get("line"), int), f"{where}: a violating case needs the line of its finding"
    else:
        assert "line" not in entry, f"{where}: a compliant case has no finding, so no line"
    return Case(path.name, entry["name"], entry["rule"], entry["expect"], source, tradition, entry.get("line"))


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(entries, list) and entries, f"{path.name} must be a non-empty list of cases"
        cases.extend(_case(path, entry) for entry in entries)
    return cases


CASES = load_cases()


@pytest.mark.parametrize(
    "case", CASES, ids=lambda case: f"{case.rule}-{case.expect}-{case.tradition or 'yaml'}-{case.name}"
)
def test_case(case: Case, tmp_path: Path) -> None:
    path = tmp_path / case.filename
    path.write_text(case.source, encoding="utf-8")
    report = lint([str(path)], Selection((), ()))
    assert not list(report.errors), f"the input of the case does not read: {[str(e) for e in report.errors]}"
    found = [finding for finding in report.findings if finding.rule == case.rule]
    lines = [finding.span.line for finding in found]
    if case.expect == "violating":
        assert case.line in lines, f"{case.rule} expected at line {case.line}; found at lines {lines}"
    else:
        assert not found, f"{case.rule} must not fire; it did: {[f'{f.span.line}: {f.message}' for f in found]}"


def test_every_check_has_a_catalog_entry_and_every_entry_a_check() -> None:
    entries = {rule_id for rule_id, rule in catalog.load().rules.items() if rule.family != INPUT_FAMILY}
    assert sorted(set(checks.REGISTRY) - entries) == [], "checks with no entry in rules/*.yaml"
    assert sorted(entries - set(checks.REGISTRY)) == [], "catalog entries with no check"


def test_every_check_has_a_violating_and_a_compliant_case_in_yaml_and_in_text() -> None:
    expected = {
        (rule_id, expect, kind)
        for rule_id in checks.REGISTRY
        for expect in ("violating", "compliant")
        for kind in ("yaml", "text")
    }
    found = {(case.rule, case.expect, "yaml" if case.tradition is None else "text") for case in CASES}
    assert sorted(expected - found) == []


def test_every_check_fires_on_statute_text_of_at_least_two_drafting_traditions() -> None:
    traditions: dict[str, set[str]] = {rule_id: set() for rule_id in checks.REGISTRY}
    for case in CASES:
        if case.expect == "violating" and case.tradition is not None:
            traditions[case.rule].add(case.tradition)
    assert sorted(rule_id for rule_id, found in traditions.items() if len(found) < 2) == []


def test_every_case_file_is_about_a_registered_rule() -> None:
    assert sorted({path.stem for path in CASES_DIR.glob("*.yaml")} - set(checks.REGISTRY)) == []
