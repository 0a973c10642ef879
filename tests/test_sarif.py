"""The SARIF reporter: every log validates against the OASIS SARIF 2.1.0 schema and reads back in sarif-tools.

The schema is the copy in ../shared/schemas beside the checkout (DESIGN.md; also there in CI). The
`uri` format is checked too: jsonschema does that only with rfc3986-validator installed (the [test]
extra), and a test fails when it is missing rather than let the check pass silently.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import finding_of
from regen_golden_examples import EXAMPLES, ROOT, run_cli
from sarif import loader

from mimc_lint import catalog as rules_catalog
from mimc_lint.engine import FileError, FileReport, Report, discover
from mimc_lint.findings import Finding, Severity, Waiver
from mimc_lint.model import Span
from mimc_lint.report import sarif

SHARED = ROOT.parent / "shared"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
CORPUS = SHARED / "corpus" / "dev"
CATALOG = rules_catalog.load()
#: Every policy and statute text in examples/statutes/, found as `mimc-lint examples/statutes/` finds them.
EXAMPLE_FILES = [item.path for item in discover([str(EXAMPLES)])]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    if not SCHEMA.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{SCHEMA} is missing: CI expects ../shared beside the checkout")
        pytest.skip(f"{SCHEMA} not found: run beside ../shared to validate SARIF")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid(validator: jsonschema.Draft4Validator, log: dict) -> None:
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert problems == []


def consumed(tmp_path: Path, text: str):
    """The log as sarif-tools reads it from disk."""
    path = tmp_path / "report.sarif"
    path.write_text(text, encoding="utf-8")
    return loader.load_sarif_file(str(path))


def finding(rule: str, line: int, *, waiver: Waiver | None = None, path: str = "bill.txt") -> Finding:
    return finding_of(CATALOG.rules[rule], Span(path, line, 5, line, 26), waiver=waiver)


WAIVED = FileReport(
    "bill.txt",
    "statute-text",
    "Border Bill 2026",
    "Republic of Freedonia",
    (
        finding("DET001", 3, waiver=Waiver("accepted by the committee, 12 May", "bill.txt:2")),
        finding("DET005", 3, waiver=Waiver("time limit set by regulation", ".mimc-lint-waivers.yaml:7")),
        finding("CHD004", 9),
    ),
    (),
)
BROKEN = FileReport(
    "drafts/broken, v2.yaml", "policy-yaml", "", "", (), (FileError("drafts/broken, v2.yaml", 2, 7, "x"),)
)


def test_the_uri_format_is_really_checked() -> None:
    assert "uri" in jsonschema.Draft4Validator.FORMAT_CHECKER.checkers, "install rfc3986-validator ([test] extra)"


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda path: path.name)
def test_every_example_gives_valid_sarif_that_sarif_tools_reads(validator, tmp_path: Path, example: Path) -> None:
    result = run_cli(example, "sarif")
    assert result.returncode in (0, 1) and result.stderr == ""
    log = json.loads(result.stdout)
    assert_valid(validator, log)

    expected = json.loads(run_cli(example, "json").stdout)["files"][0]
    records = consumed(tmp_path, result.stdout).get_records()
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [(r["Location"], int(r["Line"]), r["Severity"], r["Code"]) for r in records] == [
        (expected["path"], f["line"], levels[f["severity"]], f["rule"]) for f in expected["findings"]
    ]
    run = log["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert [r["partialFingerprints"]["mimcLint/v1"] for r in run["results"]] == [
        f["fingerprint"] for f in expected["findings"]
    ]


def test_statute_texts_of_the_dev_corpus_give_valid_sarif(validator, tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found")
    output = tmp_path / "corpus.sarif"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mimc_lint",
            "--format",
            "sarif",
            "--output",
            str(output),
            *map(str, sorted(CORPUS.glob("*.txt"))),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    text = output.read_text(encoding="utf-8")
    log = json.loads(text)
    assert_valid(validator, log)
    results = log["runs"][0]["results"]
    assert results and consumed(tmp_path, text).get_result_count() == len(results)
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///") for r in results)


def test_rule_descriptors_come_from_the_catalog(validator) -> None:
    log = json.loads(sarif.render(Report((WAIVED,)), CATALOG))
    assert_valid(validator, log)
    driver = log["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == list(CATALOG.rules)
    det001 = next(rule for rule in driver["rules"] if rule["id"] == "DET001")
    entry = CATALOG.rules["DET001"]
    assert det001["name"] == "MandatoryDetentionOfAClassOfPersons"
    assert det001["shortDescription"] == {"text": entry.title}
    assert det001["fullDescription"] == {"text": entry.summary}
    assert det001["defaultConfiguration"] == {"level": "error"}
    assert entry.compliant in det001["help"]["text"] and entry.compliant in det001["help"]["markdown"]
    assert "MIMC art. 137 (Administrative detention)" in det001["help"]["text"]
    assert det001["properties"]["mimcArticles"] == ["137"] and det001["properties"]["related"] == list(entry.related)
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in driver["rules"]}
    assert {levels[r.id] for r in CATALOG.rules.values() if r.severity is Severity.INFO} == {"note"}
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_help_names_an_anchor_that_docs_rules_md_has() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id in CATALOG.rules:
        assert sarif.anchor(rule_id) == f"docs/rules.md#{rule_id.lower()}"
        assert f'<a id="{rule_id.lower()}"></a>' in page


def test_a_result_carries_region_snippet_fingerprint_and_citation() -> None:
    run = json.loads(sarif.render(Report((WAIVED,)), CATALOG))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    chd004 = run["results"][2]
    assert chd004["ruleId"] == "CHD004" and chd004["level"] == "note"
    assert chd004["message"] == {"text": "s 9 says so. [MIMC art. 137(3)]"}
    assert chd004["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "bill.txt", "uriBaseId": "%SRCROOT%", "index": 0},
        "region": {
            "startLine": 9,
            "startColumn": 5,
            "endLine": 9,
            "endColumn": 27,  # our span ends on column 26, SARIF's end is the column after
            "snippet": {"text": "must detain the person"},
        },
    }
    assert chd004["partialFingerprints"] == {"mimcLint/v1": "chd0049"}
    assert chd004["properties"] == {
        "severity": "info",
        "level": "mimc-gap",
        "provision": "s 9",
        "mimcArticles": ["137(3)"],
        "mimcChapters": [],
        "related": list(CATALOG.rules["CHD004"].related),
    }
    assert "suppressions" not in chd004
    assert run["artifacts"][0]["description"] == {"text": "Border Bill 2026, Republic of Freedonia"}


def test_waived_findings_stay_with_a_suppression(validator, tmp_path: Path) -> None:
    text = sarif.render(Report((WAIVED,)), CATALOG)
    log = json.loads(text)
    assert_valid(validator, log)
    in_source, external, open_finding = log["runs"][0]["results"]
    assert in_source["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "accepted by the committee, 12 May",
            "location": {
                "physicalLocation": {
                    "artifactLocation": {"uri": "bill.txt", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 2},
                }
            },
            "properties": {"source": "bill.txt:2"},
        }
    ]
    assert external["suppressions"][0]["kind"] == "external"
    assert external["suppressions"][0]["justification"] == "time limit set by regulation"
    assert "suppressions" not in open_finding
    assert consumed(tmp_path, text).get_result_count() == 3  # a consumer still sees the waived ones


def test_a_file_that_could_not_be_read_is_a_tool_execution_notification(validator, tmp_path: Path) -> None:
    text = sarif.render(Report((BROKEN, WAIVED)), CATALOG)
    log = json.loads(text)
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "x"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": "drafts/broken%2C%20v2.yaml",
                                    "uriBaseId": "%SRCROOT%",
                                    "index": 0,
                                },
                                "region": {"startLine": 2, "startColumn": 7},
                            }
                        }
                    ],
                }
            ],
        }
    ]
    assert consumed(tmp_path, text).get_result_count() == 3


def test_an_absolute_path_becomes_a_file_uri(validator, tmp_path: Path) -> None:
    path = (tmp_path / "a bill.txt").as_posix()
    report = Report((FileReport(path, "statute-text", "A", "", (finding("CHD004", 1, path=path),), ()),))
    log = json.loads(sarif.render(report, CATALOG))
    assert_valid(validator, log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": Path(path).as_uri(), "index": 0}


def test_output_is_deterministic_and_ends_in_a_newline() -> None:
    report = Report((BROKEN, WAIVED))
    first = sarif.render(report, CATALOG)
    assert first == sarif.render(report, CATALOG) and first.endswith("}\n")
    assert json.loads(first)["version"] == "2.1.0" and json.loads(first)["$schema"] == sarif.SCHEMA
