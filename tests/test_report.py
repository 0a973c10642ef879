"""The text and JSON reporters: pure functions of a report, checked against exact expected output."""

from __future__ import annotations

import json

from conftest import JSON_FINDING_KEYS, finding_of, stand_in_rule

from mimc_lint.engine import FileError, FileReport, Report
from mimc_lint.findings import Finding
from mimc_lint.model import Span
from mimc_lint.report import json as json_report
from mimc_lint.report import text as text_report


def finding(
    rule: str, severity: str, line: int, evidence: str, articles: tuple[str, ...] = ("137", "137(3)")
) -> Finding:
    return finding_of(
        stand_in_rule(rule, severity, articles), Span("bill.txt", line, 5, line + 1, 12), evidence=evidence
    )


BILL = FileReport(
    path="bill.txt",
    kind="statute-text",
    title="Border Bill 2026",
    jurisdiction="Freedonia",
    findings=(
        finding("DET001", "error", 3, "must  detain\n  the person"),
        finding("CHD001", "info", 9, "", articles=()),
        finding("NR001", "warning", 12, "é" * 200),
    ),
    errors=(),
)
BROKEN = FileReport("broken.yaml", "policy-yaml", "", "", (), (FileError("broken.yaml", 2, 7, "invalid YAML: x"),))


def test_text_report() -> None:
    assert text_report.render(Report((BILL, BROKEN))) == (
        "bill.txt:3:5: DET001 error s 3 says so. [MIMC art. 137, 137(3)]\n"
        '    > "must detain the person"\n'
        "bill.txt:9:5: CHD001 info s 9 says so.\n"
        "bill.txt:12:5: NR001 warning s 12 says so. [MIMC art. 137, 137(3)]\n"
        f'    > "{"é" * 159}…"\n'
        "\n"
        "3 findings (1 error, 1 warning, 1 info) in 2 files\n"
        "1 file could not be read or checked\n"
    )


def test_text_report_when_clean() -> None:
    clean = FileReport("a.yaml", "policy-yaml", "A", "", (), ())
    assert text_report.render(Report((clean, clean))) == "No findings in 2 files.\n"
    assert text_report.render(Report((BROKEN,))) == "No findings in 1 file.\n1 file could not be read or checked\n"


def test_json_report_follows_the_version_1_contract() -> None:
    rendered = json_report.render(Report((BILL, BROKEN)))
    document = json.loads(rendered)

    assert rendered.endswith("}\n") and "é" in rendered  # ensure_ascii=False, trailing newline
    assert list(document) == ["version", "tool", "files", "summary"]
    assert document["version"] == 1 and document["tool"] == {"name": "mimc-lint", "version": "0.1.0"}
    assert document["summary"] == {"files": 2, "findings": 3, "errors": 1}
    bill, broken = document["files"]
    assert list(bill) == ["path", "kind", "instrument", "findings", "errors"]
    assert bill["instrument"] == {"title": "Border Bill 2026", "jurisdiction": "Freedonia"}
    assert bill["findings"][0] == {
        "rule": "DET001",
        "title": "title of DET001",
        "severity": "error",
        "articles": ["137", "137(3)"],
        "related": ["ICCPR art. 9(1)"],
        "level": "binding",
        "message": "s 3 says so.",
        "provision": "s 3",
        "line": 3,
        "column": 5,
        "end_line": 4,
        "end_column": 12,
        "evidence": "must  detain\n  the person",
        "fingerprint": "det0013",
        "chapters": [],
    }
    assert list(bill["findings"][0]) == JSON_FINDING_KEYS
    assert broken == {
        "path": "broken.yaml",
        "kind": "policy-yaml",
        "instrument": {"title": "", "jurisdiction": ""},
        "findings": [],
        "errors": [{"line": 2, "column": 7, "message": "invalid YAML: x"}],
    }
