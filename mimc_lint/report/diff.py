"""The report of `mimc-lint diff OLD NEW`, as text or JSON: findings introduced by NEW, then those it resolved.

Each finding is written as in the lint report of its format, at its place in its own version. The JSON is
version 1 of its own document: `old`, `new`, `introduced`, `resolved`, `errors`, `summary`.
"""

from __future__ import annotations

import json

from mimc_lint import __version__
from mimc_lint.diff import Diff
from mimc_lint.findings import Finding, Severity
from mimc_lint.report.json import finding_object
from mimc_lint.report.text import finding_lines

VERSION = 1


def render(diff: Diff, report_format: str) -> str:
    return _json(diff) if report_format == "json" else _text(diff)


def _text(diff: Diff) -> str:
    lines: list[str] = []
    for heading, findings in (
        (f"Introduced in {diff.new}:", diff.introduced),
        (f"Resolved since {diff.old}:", diff.resolved),
    ):
        if findings:
            lines.append(heading)
            for finding in findings:
                lines += finding_lines(finding.span.path, finding)
                if finding.waiver is not None:
                    lines.append(f"    waived: {finding.waiver.reason} ({finding.waiver.source})")
            lines.append("")
    counts = {severity: sum(1 for f in diff.introduced if f.severity is severity) for severity in Severity}
    introduced = f"{len(diff.introduced)} introduced"
    if diff.introduced:
        introduced += (
            f" ({_count(counts[Severity.ERROR], 'error')}, {_count(counts[Severity.WARNING], 'warning')}, "
            f"{counts[Severity.INFO]} info)"
        )
    lines.append(f"{introduced}, {len(diff.resolved)} resolved, {diff.unchanged} unchanged")
    if diff.errors:
        lines.append("the comparison is incomplete: a version could not be read or checked")
    return "\n".join(lines) + "\n"


def _json(diff: Diff) -> str:
    document = {
        "version": VERSION,
        "tool": {"name": "mimc-lint", "version": __version__},
        "old": diff.old,
        "new": diff.new,
        "introduced": [_located(f) for f in diff.introduced],
        "resolved": [_located(f) for f in diff.resolved],
        "errors": [{"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in diff.errors],
        "summary": {"introduced": len(diff.introduced), "resolved": len(diff.resolved), "unchanged": diff.unchanged},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _located(finding: Finding) -> dict:
    return {"path": finding.span.path, **finding_object(finding)}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
