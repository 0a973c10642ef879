"""The text report: one line per finding in the `path:line:col:` form editors and terminals link to."""

from __future__ import annotations

from mimc_lint.engine import Report
from mimc_lint.findings import Finding, Severity

#: Longest quotation of evidence; longer ones end in an ellipsis so each finding stays two lines.
EVIDENCE_WIDTH = 160


def render(report: Report) -> str:
    lines: list[str] = []
    for file in report.files:
        for finding in file.findings:
            lines.append(_headline(file.path, finding))
            if finding.evidence:
                lines.append(f'    > "{_quote(finding.evidence)}"')
    summary = report.summary
    if lines:
        lines.append("")
    if summary.findings:
        counts = summary.severities
        lines.append(
            f"{_count(summary.findings, 'finding')} ({_count(counts[Severity.ERROR], 'error')}, "
            f"{_count(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info) "
            f"in {_count(summary.files, 'file')}"
        )
    else:
        lines.append(f"No findings in {_count(summary.files, 'file')}.")
    if summary.failed_files:
        lines.append(f"{_count(summary.failed_files, 'file')} could not be read or checked")
    return "\n".join(lines) + "\n"


def _headline(path: str, finding: Finding) -> str:
    span = finding.span
    line = f"{path}:{span.line}:{span.column}: {finding.rule} {finding.severity} {finding.message}"
    return f"{line} [{finding.citation}]" if finding.citation else line


def _quote(evidence: str) -> str:
    words = " ".join(evidence.split())
    return words if len(words) <= EVIDENCE_WIDTH else words[: EVIDENCE_WIDTH - 1] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
