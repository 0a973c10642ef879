"""GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding.

Run inside a workflow step, each line becomes an annotation on the file and lines it names, in
the pull request's diff. Severity maps to the command: error → `::error`, warning → `::warning`,
info → `::notice`; a file that could not be linted is an `::error` at the position given.

Waived findings are not annotated: a waiver records that the text was accepted, and an
annotation asks someone to act. They stay visible in the text, JSON, SARIF and HTML reports.

Columns are sent only for a finding on one line, because GitHub keeps a start and end column
only when the annotation starts and ends on the same line; the end column is the last one of
the quoted words, as in our spans. Escaping follows the runner's parser: `%`, CR and LF in the
message, and also `,` and `:` in property values, are percent-encoded.
"""

from __future__ import annotations

from mimc_lint.engine import FileError, Report
from mimc_lint.findings import Finding, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
#: Title of the annotation for a file that could not be read, parsed or checked.
FILE_ERROR_TITLE = "mimc-lint could not lint this file"


def render(report: Report) -> str:
    lines = [_finding(finding) for finding in report.findings if finding.waiver is None]
    lines += [_file_error(error) for error in report.errors]
    return "".join(f"{line}\n" for line in lines)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, object], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {listed}::{escape_data(message)}"


def _finding(finding: Finding) -> str:
    span = finding.span
    properties: dict[str, object] = {"file": span.path, "line": span.line, "endLine": span.end_line}
    if span.line == span.end_line:
        properties |= {"col": span.column, "endColumn": span.end_column}
    properties["title"] = f"{finding.rule} {finding.title}"
    citation = finding.citation
    message = f"{finding.message} [{citation}]" if citation else finding.message
    if finding.evidence:
        message += f'\n> "{" ".join(finding.evidence.split())}"'
    return _command(COMMANDS[finding.severity], properties, message)


def _file_error(error: FileError) -> str:
    properties = {"file": error.path, "line": error.line, "col": error.column, "title": FILE_ERROR_TITLE}
    return _command("error", properties, error.message)
