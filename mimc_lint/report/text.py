"""The text report: one line per finding in the `path:line:col:` form editors and terminals link to, then the
totals, then a scorecard per instrument (where the law stands on each MIMC article) for readers of a whole law."""

from __future__ import annotations

from mimc_lint import catalog
from mimc_lint.engine import FileReport, Report, Summary
from mimc_lint.findings import Finding, Severity
from mimc_lint.scorecard import scorecard

#: Longest quotation of evidence; longer ones end in an ellipsis so each finding stays two lines.
EVIDENCE_WIDTH = 160


def render(report: Report) -> str:
    lines: list[str] = []
    for file in report.files:
        for finding in file.findings:
            if finding.waiver is None:  # waived findings are counted below; --no-waivers lists them
                lines += finding_lines(file.path, finding)
    summary = report.summary
    if lines:
        lines.append("")
    if summary.findings:
        lines.append(f"{tally(summary)} in {_count(summary.files, 'file')}")
    else:
        lines.append(f"No findings in {_count(summary.files, 'file')}.")
    if summary.waived:
        lines.append(f"{_count(summary.waived, 'finding')} waived, each with a reason (--no-waivers lists them)")
    if report.baseline is not None:
        known, gone = report.baseline.known, report.baseline.gone
        lines.append(
            f"{_count(known, 'known finding')} from baseline {report.baseline.path} not shown; "
            f"{gone} of its findings {'is' if gone == 1 else 'are'} gone"
        )
    if summary.failed_files:
        lines.append(f"{_count(summary.failed_files, 'file')} could not be read or checked")
    for file in report.files:
        lines += _scorecard(file)
    return "\n".join(lines) + "\n"


def tally(summary: Summary) -> str:
    """ "12 findings (3 errors, 8 warnings, 1 info)": the findings that are not waived, by severity."""
    counts = summary.severities
    return (
        f"{_count(summary.findings, 'finding')} ({_count(counts[Severity.ERROR], 'error')}, "
        f"{_count(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info)"
    )


def _scorecard(file: FileReport) -> list[str]:
    rows = scorecard(file.findings, file.addressed, catalog.load()) if file.addressed is not None else ()
    if not rows:
        return []
    labels = [row.label for row in rows]
    label_width, title_width = max(map(len, labels)), max(len(row.title) for row in rows)
    lines = ["", f"Scorecard: {file.title} ({file.path})" if file.title else f"Scorecard: {file.path}"]
    for label, row in zip(labels, rows, strict=True):
        count = f"  {_count(row.findings, 'finding')}" if row.findings else ""
        lines.append(f"  {label.ljust(label_width)}  {row.title.ljust(title_width)}  {row.standing}{count}")
    return lines


def finding_lines(path: str, finding: Finding) -> list[str]:
    """A finding as the report shows it: the `path:line:col:` headline, then the quoted words if any."""
    lines = [_headline(path, finding)]
    if finding.evidence:
        lines.append(f'    > "{_quote(finding.evidence)}"')
    return lines


def _headline(path: str, finding: Finding) -> str:
    span = finding.span
    line = f"{path}:{span.line}:{span.column}: {finding.rule} {finding.severity} {finding.message}"
    return f"{line} [{finding.citation}]" if finding.citation else line


def _quote(evidence: str) -> str:
    words = " ".join(evidence.split())
    return words if len(words) <= EVIDENCE_WIDTH else words[: EVIDENCE_WIDTH - 1] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
