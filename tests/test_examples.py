"""Every example in examples/statutes/ linted with the real command line against its golden reports.

A changed finding shows up as a diff of a golden file; `python tests/regen_golden_examples.py` rewrites
them once the change is judged right. The examples also carry promises of their own: the compliant act
lints clean, and the border bill fails with findings under each of MIMC arts. 137, 137(3) and 138(3).
Statute texts and their YAML twins are compared in tests/test_equivalence.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from regen_golden_examples import EXAMPLES, FORMATS, POLICY_SUFFIXES, examples, golden, run_cli

#: The exit code each example must give with the default `--fail-on warning`.
EXIT_CODES = {
    "compliant-protection-act.yaml": 0,
    "border-bill-violations.yaml": 1,
    "mixed-child-last-resort.yaml": 1,
    "mixed-broad-exceptions.yaml": 1,
    "arcadia-migration-act-2026.txt": 1,
    "arcadia-migration-act-2026.yaml": 1,
    "columbia-code-title-8.txt": 1,
    "columbia-code-title-8.yaml": 1,
    "meridia-reception-and-return-regulation.txt": 1,
    "meridia-reception-and-return-regulation.yaml": 1,
}
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../mimc_lint/schema/policy.schema.json"


def test_every_example_has_an_expected_exit_code() -> None:
    assert sorted(path.name for path in examples()) == sorted(EXIT_CODES)


@pytest.mark.parametrize("report_format", FORMATS)
@pytest.mark.parametrize("example", examples(), ids=lambda path: path.name)
def test_report_matches_golden(example: Path, report_format: str) -> None:
    result = run_cli(example, report_format)
    assert result.stderr == ""
    assert result.returncode == EXIT_CODES[example.name]
    expected = golden(example, report_format)
    assert expected.is_file(), f"no golden report; run python tests/regen_golden_examples.py ({expected.name})"
    assert result.stdout == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("example", [p for p in examples() if p.suffix in POLICY_SUFFIXES], ids=lambda p: p.name)
def test_example_opens_with_what_it_illustrates_and_its_schema(example: Path) -> None:
    lines = example.read_text(encoding="utf-8").splitlines()
    comments = lines[: lines.index("mimc-lint: 1")]
    assert comments[0].startswith("# ") and all(line.startswith("#") for line in comments)
    assert SCHEMA_COMMENT in comments


def _report(name: str) -> dict:
    result = run_cli(EXAMPLES / f"{name}.yaml", "json")
    return json.loads(result.stdout) | {"exit": result.returncode}


def test_compliant_example_has_no_findings() -> None:
    report = _report("compliant-protection-act")
    assert report["exit"] == 0
    assert report["summary"] == {"files": 1, "findings": 0, "errors": 0}


def test_violations_example_cites_the_detention_child_and_refoulement_articles() -> None:
    report = _report("border-bill-violations")
    assert report["exit"] == 1
    cited = {article for finding in report["files"][0]["findings"] for article in finding["articles"]}
    assert {"137", "137(3)", "138(3)"} <= cited
