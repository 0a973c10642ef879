"""The HTML reporter: a self-contained page, everything escaped, an honest scorecard; and a real browser renders it.

The browser test runs headless Chromium (Debian's `chromium`, which .ci/run installs). It is skipped only
on a machine with no chromium binary outside CI; in CI a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import finding_of
from regen_golden_examples import ROOT

from mimc_lint import catalog as rules_catalog
from mimc_lint.catalog import Catalog
from mimc_lint.cli import render_report
from mimc_lint.engine import FileError, FileReport, Report, lint
from mimc_lint.findings import Finding, Waiver
from mimc_lint.model import Span
from mimc_lint.report import html
from mimc_lint.selection import Selection

CATALOG = rules_catalog.load()
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
VOID = frozenset({"meta", "br", "img", "hr", "link", "input"})


def finding(rule: str, line: int, *, evidence: str = "must detain the person", waiver: Waiver | None = None) -> Finding:
    return finding_of(CATALOG.rules[rule], Span("bill.txt", line, 5, line, 26), evidence=evidence, waiver=waiver)


BILL = FileReport(
    "bill.txt",
    "statute-text",
    f"Border Bill 2026 {HOSTILE}",
    "Republic of Freedonia & Co",
    (
        finding("DET001", 3, evidence=HOSTILE),
        finding("DET007", 5),  # cites arts. 137 and 146
        finding("CHD001", 7, waiver=Waiver(f"accepted {HOSTILE}", "bill.txt:6")),
        finding("CHD004", 9),  # info, art. 137(3): waived error there too, so the info decides
        finding("NR003", 11),  # warning, art. 138(3)
        finding("STR001", 1),  # cites no article
    ),
    (),
    frozenset({"137", "137(3)", "138(3)", "155"}),  # what the law addresses
)
BROKEN = FileReport("broken.yaml", "policy-yaml", "", "", (), (FileError("broken.yaml", 2, 7, f"bad {HOSTILE}"),))


class Structure(HTMLParser):
    """Collects tags, text and any nesting error, so a test can read the page as a browser's parser would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unexpected </{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> Structure:
    structure = Structure()
    structure.feed(page)
    structure.close()
    assert structure.problems == [] and structure.stack == []
    return structure


def scorecard(page: str, file_number: int = 1) -> dict[str, str]:
    """Article -> state, read from the scorecard table of one file."""
    section = page.split(f'id="file-{file_number}"', 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<th scope="row">([^<]+)</th><td>[^<]*</td><td class="state[^"]*">([^<]+)</td>', section))


def test_the_page_is_well_formed_self_contained_and_printable() -> None:
    page = html.render(Report((BILL, BROKEN)), CATALOG)
    structure = parsed(page)
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    assert [tag for tag, _ in structure.tags].count("style") == 1 and "@media print" in page and "@page" in page
    assert not {"script", "link", "img", "iframe", "object"} & {tag for tag, _ in structure.tags}
    assert not [attrs for _, attrs in structure.tags if {"src", "href"} & set(attrs) and "href" not in attrs]
    assert all(attrs["href"].startswith("#") for _, attrs in structure.tags if "href" in attrs)
    assert "url(" not in page and "@import" not in page and "@font-face" not in page


def test_everything_from_the_input_is_escaped() -> None:
    page = html.render(Report((BILL, BROKEN)), CATALOG)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in page
    text = "".join(parsed(page).text)
    assert f"Border Bill 2026 {HOSTILE}" in text  # the title, once unescaped, reads as written
    assert f"accepted {HOSTILE}" in text and f"bad {HOSTILE}" in text and "Republic of Freedonia & Co" in text


def test_the_scorecard_says_what_the_checks_found_and_no_more() -> None:
    page = html.render(Report((BILL, BROKEN)), CATALOG)
    cited = {f"art. {n}" for n, a in CATALOG.articles.items() if CATALOG.rules_citing(n)}
    cited |= {f"Ch. {c}" for rule in CATALOG.rules.values() for c in rule.chapters}  # rules citing a chapter only
    expected = dict.fromkeys(cited, "Silent") | {
        "art. 137": "Violation",
        "art. 137(3)": "Needs review",  # the error there is waived
        "art. 138(3)": "Violation",  # a warning
        "art. 146": "Violation",  # DET007 cites it as its second article
        "art. 155": "Compliant",  # addressed, nothing found
    }
    assert scorecard(page, 1) == {label: expected[label] for label in scorecard(page, 1)}
    assert set(scorecard(page, 1)) >= {"art. 125", "art. 137", "art. 138(3)", "art. 146", "art. 155"}
    assert set(scorecard(page, 2).values()) == {"Not fully checked"}
    assert "this is not a legal opinion" in page
    waived_only = FileReport(
        "a.txt", "statute-text", "A", "", (finding("CHD001", 7, waiver=Waiver("ok", "w:1")),), (), frozenset()
    )
    assert scorecard(html.render(Report((waived_only,)), CATALOG))["art. 137(3)"] == "Silent"


def test_findings_are_grouped_by_article_with_drafting_advice_and_waivers() -> None:
    page = html.render(Report((BILL,)), CATALOG)
    sections = re.findall(r'<section class="article">\n<h4>([^<]+)</h4>(.*?)</section>', page, re.DOTALL)
    headings = [heading for heading, _ in sections]
    assert headings == [
        "MIMC art. 137: Administrative detention",
        "MIMC art. 137(3): Detention of minors and best interests of the child",
        "MIMC art. 138(3): Non-refoulement",
        "MIMC art. 146: Access to courts",
        "Notices about the input",
    ]
    body = dict(sections)
    detention = body["MIMC art. 137: Administrative detention"]
    assert re.findall(r"</span> (\w+) ", detention) == ["DET001", "DET007"]
    assert html.escape(CATALOG.rules["DET001"].compliant) in detention
    assert "<dt>Provision</dt><dd>s 3</dd><dt>Line</dt><dd>3, column 5</dd>" in detention
    assert "MIMC art. 137 (Administrative detention)" in detention and "ICCPR art. 9(1)" in detention
    courts = body["MIMC art. 146: Access to courts"]
    assert '<a href="#f1-2">DET007 error, s 5, line 5</a>, under MIMC art. 137' in courts
    children = body["MIMC art. 137(3): Detention of minors and best interests of the child"]
    assert '<article class="finding waived" id="f1-3">' in children
    assert "<strong>Waived:</strong> accepted &lt;script&gt;" in children and "(bill.txt:6)" in children
    assert "STR001" in body["Notices about the input"]


def test_a_rule_citing_a_chapter_gets_its_own_row_and_section() -> None:
    rule = replace(CATALOG.rules["DET001"], id="XCH001", articles=(), chapters=("V",))
    catalog = Catalog({"XCH001": rule}, CATALOG.articles, {"V": "forced migrants and refugees"})
    cited = replace(finding("DET001", 4), rule="XCH001", articles=(), chapters=("V",))
    page = html.render(Report((FileReport("a.txt", "statute-text", "A", "", (cited,), (), frozenset()),)), catalog)
    assert scorecard(page) == {"Ch. V": "Violation"}
    assert "<h4>MIMC Ch. V: forced migrants and refugees</h4>" in page and "<dd>MIMC Ch. V</dd>" in page


def test_the_header_counts_open_and_waived_findings() -> None:
    page = html.render(Report((BILL, BROKEN)), CATALOG)
    assert (
        '<p class="summary">2 files · 5 findings (2 errors, 1 warning, 2 info) · 1 waived · '
        "1 file could not be linted</p>"
    ) in page
    assert '<li><a href="#file-2">broken.yaml</a>' in page
    assert html.render(Report((BILL, BROKEN)), CATALOG) == page  # deterministic


def chromium() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("no chromium binary: .ci/run installs Debian's chromium")
        pytest.skip("no chromium binary (apt-get install chromium)")
    return binary


def browse(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium as root in a sandboxed CI, with a fresh profile and no calls home."""
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=180, check=False)


def test_headless_chromium_renders_and_prints_the_report(tmp_path: Path) -> None:
    binary = chromium()
    examples = ROOT / "examples" / "statutes"
    report_path = tmp_path / "report.html"
    paths = [str(examples / "border-bill-violations.yaml"), str(tmp_path / "missing.yaml")]
    report = lint(paths, Selection.parse((), (), CATALOG.rules))
    hostile = FileReport("evil.txt", "statute-text", HOSTILE, "", (finding("DET001", 3, evidence=HOSTILE),), ())
    report_path.write_text(render_report(Report((*report.files, hostile)), "html"), encoding="utf-8")

    dom = browse(binary, tmp_path / "profile-dom", "--dump-dom", report_path.as_uri())
    assert dom.returncode == 0, dom.stderr
    assert "<h2>Border Integrity Bill 2026</h2>" in dom.stdout
    assert "Commonwealth of Arcadia" in dom.stdout and "Scorecard by MIMC article" in dom.stdout
    assert '<td class="state state-conflict">Violation</td>' in dom.stdout
    assert "This file could not be fully linted." in dom.stdout
    assert "<img" not in dom.stdout and "&lt;img src=x onerror=alert(1)&gt;" in dom.stdout  # text, not an element

    pdf = tmp_path / "report.pdf"
    printed = browse(
        binary, tmp_path / "profile-pdf", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report_path.as_uri()
    )
    assert printed.returncode == 0, printed.stderr
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", content)) >= 3  # findings for a whole bill take several pages
    assert b"/Title (MIMC compliance report: Border Integrity Bill 2026" in content
