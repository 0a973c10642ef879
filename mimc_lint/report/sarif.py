"""The SARIF 2.1.0 report, for code-scanning services and SARIF viewers.

A pure function of the report and the rules catalog: the same lint gives byte-identical output
(no timestamps, no absolute paths that the user did not type). Rule descriptors come from the
catalog. Waived findings stay in the log with a `suppressions` entry, as SARIF intends, so that a
viewer can show or hide them; files that could not be linted become tool execution notifications.

Locations: relative paths are relative to the directory mimc-lint ran in, marked with the
conventional `%SRCROOT%` base; spans are 1-based and counted in Unicode code points
(`columnKind`), and SARIF's `endColumn` is exclusive where our spans end on their last column.

There is no `helpUri`: SARIF requires an absolute URI there and mimc-lint's rules page has no
published address, so each rule's help names the anchor in docs/rules.md and `mimc-lint explain`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

from mimc_lint import __version__
from mimc_lint.catalog import Catalog, Rule
from mimc_lint.engine import FileError, FileReport, Report
from mimc_lint.findings import Finding, Severity, Waiver
from mimc_lint.model import Span
from mimc_lint.report.catalog import markdown_quote

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
#: Key of our fingerprint in `partialFingerprints`; bump the version if the fingerprint recipe changes.
FINGERPRINT_KEY = "mimcLint/v1"
RULES_PAGE = "docs/rules.md"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_WORD = re.compile(r"[A-Za-z0-9]+")


def render(report: Report, catalog: Catalog) -> str:
    rules = list(catalog.rules.values())
    index = {rule.id: i for i, rule in enumerate(rules)}
    artifacts = {file.path: i for i, file in enumerate(report.files)}
    errors = list(report.errors)
    run = {
        "tool": {
            "driver": {
                "name": "mimc-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(rule, catalog) for rule in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not errors,
                "toolExecutionNotifications": [_notification(error, artifacts) for error in errors],
            }
        ],
        "artifacts": [_artifact(file) for file in report.files],
        "results": [_result(finding, index, artifacts) for finding in report.findings],
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def anchor(rule_id: str) -> str:
    """The rule's anchor in docs/rules.md (report/catalog.py writes `<a id="det001">`)."""
    return f"{RULES_PAGE}#{rule_id.lower()}"


def _descriptor(rule: Rule, catalog: Catalog) -> dict:
    properties: dict[str, object] = {
        "tags": ["mimc", rule.family, rule.level.value],
        "family": rule.family,
        "level": rule.level.value,
        "mimcArticles": list(rule.articles),
        "mimcChapters": list(rule.chapters),
        "related": list(rule.related),
    }
    if rule.obligation:
        properties["obligation"] = rule.obligation
    return {
        "id": rule.id,
        "name": "".join(word[0].upper() + word[1:] for word in _WORD.findall(rule.title)),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.summary},
        "help": {"text": _help_text(rule, catalog), "markdown": _help_markdown(rule, catalog)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def _cited(rule: Rule, catalog: Catalog) -> list[str]:
    """Each cited article with its title, then each cited chapter, as a reader wants them named."""
    articles = [
        f"MIMC art. {n} ({catalog.articles[n].title})" if n in catalog.articles else f"MIMC art. {n}"
        for n in rule.articles
    ]
    return articles + [f"MIMC Ch. {chapter}" for chapter in rule.chapters]


def _help_text(rule: Rule, catalog: Catalog) -> str:
    parts = [
        f"What it flags. {rule.summary}",
        f"Why it matters. {rule.rationale}",
        f"Compliant drafting. {rule.compliant}",
    ]
    if rule.compliant_example:
        parts.append(f"Compliant example: {rule.compliant_example}")
    cited = "; ".join(_cited(rule, catalog)) or "no MIMC article"
    parts.append(f"Cites: {cited}. Related binding law: {'; '.join(rule.related) or 'none'}.")
    parts.append(f"More: {anchor(rule.id)} in the mimc-lint sources, or `mimc-lint explain {rule.id}`.")
    return "\n\n".join(parts)


def _help_markdown(rule: Rule, catalog: Catalog) -> str:
    parts = [
        f"**What it flags.** {rule.summary}",
        f"**Why it matters.** {rule.rationale}",
        f"**Compliant drafting.** {rule.compliant}",
    ]
    if rule.violating_example:
        parts += ["**Violating example:**", markdown_quote(rule.violating_example)]
    if rule.compliant_example:
        parts += ["**Compliant example:**", markdown_quote(rule.compliant_example)]
    cited = "; ".join(_cited(rule, catalog)) or "no MIMC article"
    parts.append(f"**Cites:** {cited}. **Related binding law:** {'; '.join(rule.related) or 'none'}.")
    parts.append(f"More: `{anchor(rule.id)}` in the mimc-lint sources, or `mimc-lint explain {rule.id}`.")
    return "\n\n".join(parts)


def _artifact(file: FileReport) -> dict:
    artifact: dict[str, object] = {"location": _artifact_location(file.path), "roles": ["analysisTarget"]}
    described = ", ".join(part for part in (file.title, file.jurisdiction) if part)
    if described:
        artifact["description"] = {"text": described}
    artifact["properties"] = {"kind": file.kind, "title": file.title, "jurisdiction": file.jurisdiction}
    return artifact


def _artifact_location(path: str, artifacts: dict[str, int] | None = None) -> dict:
    """`uri` from the path as the user gave it: absolute paths become file URIs, relative ones hang off SRCROOT."""
    native = Path(path)
    location: dict[str, object] = (
        {"uri": native.as_uri()} if native.is_absolute() else {"uri": quote(path), "uriBaseId": SRCROOT}
    )
    if artifacts is not None and path in artifacts:
        location["index"] = artifacts[path]
    return location


def _region(span: Span, snippet: str = "") -> dict:
    region: dict[str, object] = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column + 1,  # SARIF's end column is the one after the region
    }
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _result(finding: Finding, index: dict[str, int], artifacts: dict[str, int]) -> dict:
    citation = finding.citation
    result: dict[str, object] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result |= {
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.message} [{citation}]" if citation else finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact_location(finding.span.path, artifacts),
                    "region": _region(finding.span, finding.evidence),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "severity": finding.severity.value,
            "level": finding.level.value,
            "provision": finding.provision,
            "mimcArticles": list(finding.articles),
            "mimcChapters": list(finding.chapters),
            "related": list(finding.related),
        },
    }
    if finding.waiver is not None:
        result["suppressions"] = [_suppression(finding.waiver, finding.span.path)]
    return result


def _suppression(waiver: Waiver, linted: str) -> dict:
    """`inSource` when the waiver is written in the linted file itself, `external` for a waiver file."""
    path, _, line = waiver.source.rpartition(":")
    in_source = path == linted
    suppression: dict[str, object] = {
        "kind": "inSource" if in_source else "external",
        "status": "accepted",
        "justification": waiver.reason,
    }
    if path and line.isdigit() and int(line) >= 1:
        suppression["location"] = {
            "physicalLocation": {"artifactLocation": _artifact_location(path), "region": {"startLine": int(line)}}
        }
    suppression["properties"] = {"source": waiver.source}
    return suppression


def _notification(error: FileError, artifacts: dict[str, int]) -> dict:
    return {
        "level": "error",
        "message": {"text": error.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact_location(error.path, artifacts),
                    "region": {"startLine": error.line, "startColumn": error.column},
                }
            }
        ],
    }
