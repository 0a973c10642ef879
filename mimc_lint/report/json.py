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
    # Added in 0.2, only when they apply: `findings` counts the findings not waived; `baseline` what it left out.
    if summary.waived:
        document["summary"]["waived"] = summary.waived
    if report.baseline is not None:
        baseline = report.baseline
        document["summary"]["baseline"] = {"path": baseline.path, "known": baseline.known, "gone": baseline.gone}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _file(file: FileReport) -> dict:
    document = {
        "path": file.path,
        "kind": file.kind,
        "instrument": {"title": file.title, "jurisdiction": file.jurisdiction},
        "findings": [finding_object(finding) for finding in file.findings],
        "errors": [{"line": e.line, "column": e.column, "message": e.message} for e in file.errors],
    }
    if file.addressed is not None:  # added in 0.2: where the law stands on each MIMC article
        rows = scorecard(file.findings, file.addressed, catalog.load())
        document["scorecard"] = [
            {"mimc": row.label, "standing": str(row.standing), "findings": row.findings, "waived": row.waived}
            for row in rows
        ]
    return document


def finding_object(finding: Finding) -> dict:
    """A finding as the report writes it (also in `mimc-lint diff --format json`)."""
    span = finding.span
    document = {
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
    # Added in 0.2, only when they apply: the related provisions that bind the State under the configured
    # jurisdiction profile, and the waiver that accepted the finding.
    if finding.related_binding is not None:
        document["related_binding"] = list(finding.related_binding)
    if finding.waiver is not None:
        document |= {"waived": True, "waiver_reason": finding.waiver.reason, "waiver_source": finding.waiver.source}
    return document
