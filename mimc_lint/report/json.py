"""The JSON report, version 1 (DESIGN.md section 4): a contract other tools rely on; extend only by adding."""

from __future__ import annotations

import json

from mimc_lint import __version__, catalog
from mimc_lint.engine import FileReport, Report
from mimc_lint.findings import Finding
from mimc_lint.scorecard import scorecard

VERSION = 1


def render(report: Report) -> str:
    summary = report.summary
    document = {
        "version": VERSION,
        "tool": {"name": "mimc-lint", "version": __version__},
        "files": [_file(file) for file in report.files],
        "summary": {"files": summary.files, "findings": summary.findings, "errors": summary.errors},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _file(file: FileReport) -> dict:
    document = {
        "path": file.path,
        "kind": file.kind,
        "instrument": {"title": file.title, "jurisdiction": file.jurisdiction},
        "findings": [_finding(finding) for finding in file.findings],
        "errors": [{"line": e.line, "column": e.column, "message": e.message} for e in file.errors],
    }
    if file.addressed is not None:  # added in 0.2: where the law stands on each MIMC article
        rows = scorecard(file.findings, file.addressed, catalog.load())
        document["scorecard"] = [
            {"article": row.article, "standing": str(row.standing), "findings": row.findings} for row in rows
        ]
    return document


def _finding(finding: Finding) -> dict:
    span = finding.span
    return {
        "rule": finding.rule,
        "title": finding.title,
        "severity": str(finding.severity),
        "articles": list(finding.articles),
        "related": list(finding.related),
        "level": str(finding.level),
        "message": finding.message,
        "provision": finding.provision,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "evidence": finding.evidence,
        "fingerprint": finding.fingerprint,
        "chapters": list(finding.chapters),  # added in 0.2: MIMC chapters cited where no article number is known
    }
