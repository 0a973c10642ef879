"""The GitHub Actions reporter: workflow-command annotations, escaped as the Actions runner parses them."""

from __future__ import annotations

from conftest import finding_of, stand_in_rule

from mimc_lint.engine import FileError, FileReport, Report
from mimc_lint.findings import Finding, Waiver
from mimc_lint.model import Span
from mimc_lint.report import github


def finding(
    rule: str,
    severity: str,
    span: Span,
    *,
    message: str = "s 3 says so.",
    evidence: str = "",
    articles: tuple[str, ...] = ("137",),
    waiver: Waiver | None = None,
) -> Finding:
    return finding_of(stand_in_rule(rule, severity, articles), span, evidence=evidence, message=message, waiver=waiver)


def test_severity_picks_the_command_and_one_line_spans_get_columns() -> None:
    report = Report(
        (
            FileReport(
                "bill.txt",
                "statute-text",
                "Bill",
                "",
                (
                    finding("DET001", "error", Span("bill.txt", 3, 5, 3, 26), evidence="must  detain\n the person"),
                    finding("DET005", "warning", Span("bill.txt", 4, 1, 6, 9)),
                    finding("CHD004", "info", Span("bill.txt", 9, 2, 9, 2), articles=()),
                ),
                (),
            ),
        )
    )
    assert github.render(report) == (
        "::error file=bill.txt,line=3,endLine=3,col=5,endColumn=26,title=DET001 title of DET001"
        '::s 3 says so. [MIMC art. 137]%0A> "must detain the person"\n'
        "::warning file=bill.txt,line=4,endLine=6,title=DET005 title of DET005::s 3 says so. [MIMC art. 137]\n"
        "::notice file=bill.txt,line=9,endLine=9,col=2,endColumn=2,title=CHD004 title of CHD004::s 3 says so.\n"
    )


def test_percent_newlines_commas_and_colons_are_escaped() -> None:
    path = "drafts/50%: bill, v2.txt"
    odd = finding(
        "NR001",
        "error",
        Span(path, 1, 1, 1, 4),
        message="100% of s 3:\r\nreturns, removals",
        articles=("138(3)",),
    )
    line = github.render(Report((FileReport(path, "statute-text", "", "", (odd,), ()),)))
    assert line == (
        "::error file=drafts/50%25%3A bill%2C v2.txt,line=1,endLine=1,col=1,endColumn=4,title=NR001 title of NR001"
        "::100%25 of s 3:%0D%0Areturns, removals [MIMC art. 138(3)]\n"
    )
    assert line.count("\n") == 1  # a message can never start a second command


def test_escaping_helpers_follow_the_runner() -> None:
    assert github.escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert github.escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_waived_findings_are_not_annotated_and_file_errors_are() -> None:
    waived = finding(
        "DET001", "error", Span("bill.txt", 3, 5, 3, 26), waiver=Waiver("accepted by the committee", "bill.txt:2")
    )
    broken = FileReport("broken.yaml", "policy-yaml", "", "", (), (FileError("broken.yaml", 2, 7, "invalid YAML: x"),))
    report = Report((FileReport("bill.txt", "statute-text", "Bill", "", (waived,), ()), broken))
    assert github.render(report) == (
        "::error file=broken.yaml,line=2,col=7,title=mimc-lint could not lint this file::invalid YAML: x\n"
    )


def test_nothing_to_annotate_is_empty_output() -> None:
    assert github.render(Report((FileReport("a.yaml", "policy-yaml", "A", "", (), ()),))) == ""
