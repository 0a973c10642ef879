"""The HTML report: one self-contained, printable page for people who draft and review laws.

No scripts, fonts or style sheets are fetched: the CSS is inline, with print rules, so the file
can be mailed, archived or printed to PDF as it is. Every piece of text from the input or the
catalog is escaped.

For each file, the scorecard of mimc_lint/scorecard.py: one row per MIMC article (and chapter) that a rule
cites, marked violation, review, compliant or silent. "Compliant" says only that the law deals with the
subject and no check flagged it; a file that could not be fully checked says "Not fully checked" instead.
Then the findings, grouped under the first article they cite, each with the quoted words, the
provision, the line, the citation, the related binding law, the catalog's compliant drafting and,
if waived, the waiver's reason. A finding that cites a second article is cross-referenced there.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from mimc_lint import __version__
from mimc_lint.catalog import Catalog
from mimc_lint.engine import POLICY_YAML, FileReport, Report
from mimc_lint.findings import Finding, Level
from mimc_lint.report.text import tally
from mimc_lint.scorecard import Row, Standing, keys, scorecard

KINDS = {POLICY_YAML: "policy YAML"}
LEVELS = {
    Level.BINDING: "binding: the text also conflicts with binding law",
    Level.MIMC_GAP: "MIMC gap: it falls short of the MIMC standard only",
    Level.REVIEW: "review: a person decides",
}
#: Heading of the findings that cite no MIMC article: notices about the input itself.
NOTICES = "Notices about the input"

#: Scorecard labels and CSS classes.
STANDINGS = {
    Standing.VIOLATION: ("Violation", "conflict"),
    Standing.REVIEW: ("Needs review", "review"),
    Standing.COMPLIANT: ("Compliant", "compliant"),
    Standing.SILENT: ("Silent", "none"),
}
NOT_CHECKED = ("Not fully checked", "unchecked")

STYLE = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c8c8c8; --error: #a4161a; --warning: #8a5a00;
  --info: #1d4e89; --waived: #6b6b6b; --ok: #2b6a2f; }
* { box-sizing: border-box; }
body { font-family: Georgia, "Times New Roman", serif; color: var(--ink); line-height: 1.45; margin: 2rem auto;
  max-width: 60rem; padding: 0 1.5rem; }
h1, h2, h3, h4, h5, table, .badge, dl, .summary { font-family: "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--ink); padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin-top: 1.8rem; }
h4 { font-size: 1rem; margin: 1.6rem 0 0.6rem; border-bottom: 1px solid var(--rule); }
h5 { font-size: 0.95rem; margin: 0 0 0.4rem; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
.muted, .legend { color: var(--muted); }
.legend { font-size: 0.85rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0;
  font-size: 0.85rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table.scorecard { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
table.scorecard th, table.scorecard td { border-bottom: 1px solid var(--rule); padding: 0.3rem 0.4rem;
  text-align: left; vertical-align: top; }
table.scorecard th[scope="row"], .state { white-space: nowrap; }
table.scorecard td.rules { font-size: 0.75rem; color: var(--muted); }
table.scorecard td.count { text-align: right; font-variant-numeric: tabular-nums; }
.state { font-weight: bold; }
.state-conflict { color: var(--error); }
.state-review { color: var(--info); }
.state-compliant { color: var(--ok); }
.state-none, .state-unchecked { color: var(--muted); font-weight: normal; }
.finding { border-left: 4px solid var(--rule); padding: 0.4rem 0 0.4rem 0.9rem; margin: 1rem 0; }
.finding.error { border-color: var(--error); }
.finding.warning { border-color: var(--warning); }
.finding.info { border-color: var(--info); }
.finding.waived { border-color: var(--waived); border-left-style: dashed; }
.badge { display: inline-block; font-size: 0.7rem; font-weight: bold; text-transform: uppercase;
  letter-spacing: 0.04em; padding: 0.05rem 0.35rem; border-radius: 3px; color: #fff; vertical-align: 0.1em; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
.badge.waived { background: var(--waived); }
blockquote { margin: 0.5rem 0; padding: 0.3rem 0.8rem; background: #f4f1ea; border-left: 3px solid #b8ad95;
  font-style: italic; }
.compliant { font-size: 0.9rem; margin: 0.5rem 0 0; }
.waiver { font-size: 0.9rem; color: var(--waived); }
.errors { border: 2px solid var(--error); padding: 0.5rem 1rem; }
.xref { font-size: 0.85rem; margin: 0.3rem 0; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.instrument + section.instrument { break-before: page; }
  .finding, table.scorecard tr, dl.facts { break-inside: avoid; }
  h2, h3, h4, h5 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def render(report: Report, catalog: Catalog) -> str:
    body = [_header(report)]
    if len(report.files) > 1:
        body.append(_contents(report))
    body += [_file(file, i, catalog) for i, file in enumerate(report.files, 1)]
    titles = ", ".join(dict.fromkeys(file.title for file in report.files if file.title))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="mimc-lint {escape(__version__)}">\n'
        f"<title>{escape(f'MIMC compliance report: {titles}' if titles else 'MIMC compliance report')}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _header(report: Report) -> str:
    summary = report.summary
    parts = [_count(summary.files, "file"), tally(summary)]
    if summary.waived:
        parts.append(f"{summary.waived} waived")
    if summary.failed_files:
        parts.append(f"{_count(summary.failed_files, 'file')} could not be linted")
    return (
        "<header>\n<h1>MIMC compliance report</h1>\n"
        f'<p class="summary">{escape(" · ".join(parts))}</p>\n'
        '<p class="legend">Checked by mimc-lint '
        f"{escape(__version__)} against the Model International Mobility Convention (MIMC) and the binding law "
        "behind it. <strong>Error</strong>: the text as written conflicts with an obligation. "
        "<strong>Warning</strong>: a required safeguard is missing or unclear. <strong>Info</strong>: a provision "
        "that needs human review. A linter reads drafting, not practice: where it reports no finding, it has found "
        "nothing to flag, which is not a finding of compliance.</p>\n</header>"
    )


def _contents(report: Report) -> str:
    items = []
    for number, file in enumerate(report.files, 1):
        open_findings = sum(1 for f in file.findings if f.waiver is None)
        state = "could not be fully linted" if file.errors else _count(open_findings, "finding")
        items.append(
            f'<li><a href="#file-{number}">{escape(file.title or file.path)}</a> '
            f'<span class="muted">({escape(file.path)}): {escape(state)}</span></li>'
        )
    return "<nav>\n<h3>Instruments</h3>\n<ol>" + "".join(items) + "</ol>\n</nav>"


def _file(file: FileReport, number: int, catalog: Catalog) -> str:
    heading = file.title or file.path
    facts = [("Jurisdiction", escape(file.jurisdiction))] if file.jurisdiction else []
    facts += [("File", f"<code>{escape(file.path)}</code>"), ("Input", escape(KINDS.get(file.kind, "statute text")))]
    parts = [
        f'<section class="instrument" id="file-{number}">',
        f"<h2>{escape(heading)}</h2>",
        _facts(facts),
    ]
    if file.errors:
        items = "".join(f"<li>line {e.line}, column {e.column}: {escape(e.message)}</li>" for e in file.errors)
        parts.append(
            '<div class="errors"><p><strong>This file could not be fully linted.</strong> '
            f"Its results are incomplete:</p><ul>{items}</ul></div>"
        )
    rows = scorecard(file.findings, file.addressed or frozenset(), catalog)
    parts += _scorecard(file, rows)
    parts += _findings(file, number, rows, catalog)
    parts.append("</section>")
    return "\n".join(parts)


def _scorecard(file: FileReport, rows: tuple[Row, ...]) -> list[str]:
    lines = []
    for row in rows:
        label, css = STANDINGS[row.standing] if file.addressed is not None and not file.errors else NOT_CHECKED
        cells = "".join(f'<td class="count">{n or ""}</td>' for n in (row.errors, row.warnings, row.infos, row.waived))
        lines.append(
            f'<tr><th scope="row">{escape(row.label)}</th><td>{escape(row.title)}</td>'
            f'<td class="state state-{css}">{escape(label)}</td>{cells}'
            f'<td class="rules">{escape(", ".join(row.rules))}</td></tr>'
        )
    return [
        "<h3>Scorecard by MIMC article</h3>",
        '<table class="scorecard">',
        "<thead><tr><th>MIMC</th><th>Obligation</th><th>Result</th><th>Errors</th><th>Warnings</th><th>Info</th>"
        "<th>Waived</th><th>Rules</th></tr></thead>",
        "<tbody>",
        *lines,
        "</tbody>",
        "</table>",
        '<p class="legend"><strong>Violation</strong>: an error or a warning cites the article. <strong>Needs '
        "review</strong>: only info findings. <strong>Compliant</strong>: the law deals with the subject and none of "
        "the listed rules flagged it; this is not a legal opinion, and rules left out with --select or --ignore did "
        "not run. <strong>Silent</strong>: the law does not deal with the subject and nothing was flagged. "
        "<strong>Not fully checked</strong>: the file could not be fully linted. Counts exclude waived findings. "
        "Only articles that a rule of mimc-lint checks are listed.</p>",
    ]


def _findings(file: FileReport, number: int, citations: tuple[Row, ...], catalog: Catalog) -> list[str]:
    if not file.findings:
        return []
    anchored = [(f"f{number}-{i}", finding) for i, finding in enumerate(file.findings, 1)]
    parts = ["<h3>Findings by MIMC article</h3>"]
    for citation in citations:
        primary = [(a, f) for a, f in anchored if keys(f)[:1] == (citation.key,)]
        secondary = [(a, f) for a, f in anchored if citation.key in keys(f)[1:]]
        if not primary and not secondary:
            continue
        title = f"{citation.label}: {citation.title}" if citation.title else citation.label
        parts.append(f'<section class="article">\n<h4>MIMC {escape(title)}</h4>')
        parts += [_finding(f, a, catalog) for a, f in primary]
        parts += [_cross_reference(f, a) for a, f in secondary]
        parts.append("</section>")
    known = {c.key for c in citations}
    uncited = [(a, f) for a, f in anchored if not keys(f) or keys(f)[0] not in known]
    if uncited:
        parts.append(f'<section class="article">\n<h4>{escape(NOTICES)}</h4>')
        parts += [_finding(f, a, catalog) for a, f in uncited]
        parts.append("</section>")
    return parts


def _finding(finding: Finding, anchor: str, catalog: Catalog) -> str:
    rule = catalog.rules.get(finding.rule)
    span = finding.span
    waived = finding.waiver is not None
    badges = f'<span class="badge {finding.severity.value}">{escape(finding.severity.value)}</span>'
    if waived:
        badges += ' <span class="badge waived">waived</span>'
    facts = [
        ("Provision", escape(finding.provision or "the instrument as a whole")),
        (
            "Line",
            f"{span.line}, column {span.column}"
            if span.line == span.end_line
            else f"{span.line}, column {span.column} to line {span.end_line}",
        ),
        ("Citation", escape(_citation(finding, catalog) or "none: a notice about the input")),
        ("Level", escape(LEVELS[finding.level])),
        ("Related binding law", escape("; ".join(finding.related) or "none")),
    ]
    parts = [
        f'<article class="finding {"waived" if waived else finding.severity.value}" id="{anchor}">',
        f"<h5>{badges} {escape(finding.rule)} {escape(finding.title)}</h5>",
        f"<p>{escape(finding.message)}</p>",
    ]
    if finding.evidence:
        parts.append(f"<blockquote>{escape(' '.join(finding.evidence.split()))}</blockquote>")
    parts.append(_facts(facts))
    if rule is not None and rule.compliant:
        parts.append(f'<p class="compliant"><strong>Compliant drafting.</strong> {escape(rule.compliant)}</p>')
    if finding.waiver is not None:
        parts.append(
            f'<p class="waiver"><strong>Waived:</strong> {escape(finding.waiver.reason)} '
            f'<span class="muted">({escape(finding.waiver.source)})</span></p>'
        )
    parts.append("</article>")
    return "\n".join(parts)


def _cross_reference(finding: Finding, anchor: str) -> str:
    first = keys(finding)[0]
    cited = f"art. {first}" if finding.articles else first
    state = " (waived)" if finding.waiver is not None else ""
    return (
        f'<p class="xref">Also here: <a href="#{anchor}">{escape(finding.rule)} {escape(finding.severity.value)}'
        f"{state}, {escape(finding.provision)}, line {finding.span.line}</a>, under MIMC {escape(cited)}.</p>"
    )


def _citation(finding: Finding, catalog: Catalog) -> str:
    named = [
        f"art. {n} ({catalog.articles[n].title})" if n in catalog.articles else f"art. {n}" for n in finding.articles
    ]
    named += [f"Ch. {c}" for c in finding.chapters]
    return f"MIMC {'; '.join(named)}" if named else ""


def _facts(facts: Iterable[tuple[str, str]]) -> str:
    """A definition list; values are already escaped HTML."""
    return '<dl class="facts">' + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
