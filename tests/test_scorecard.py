"""The per-article scorecard: violation, review, compliant or silent, from findings and what the law addresses."""

from __future__ import annotations

import json
from dataclasses import replace

from mimc_lint import catalog
from mimc_lint.engine import FileReport, Report
from mimc_lint.findings import Finding, Level, Severity, Waiver
from mimc_lint.model import Action, Instrument, Measure, Modality, PolicyModel, Provision, Span
from mimc_lint.report import json as json_report
from mimc_lint.report import text as text_report
from mimc_lint.scorecard import Standing, addressed, scorecard

SPAN = Span("bill.yaml", 3, 1, 3, 20)


def finding(rule: str, severity: str, articles: tuple[str, ...]) -> Finding:
    return Finding(rule, rule, Severity(severity), Level.BINDING, articles, (), "m", "s 3", SPAN, "e", rule.lower())


def standings(findings: list[Finding], addressed_articles: set[str]) -> dict[str, Standing]:
    rows = scorecard(findings, frozenset(addressed_articles), catalog.load())
    return {row.key: row.standing for row in rows}


def test_one_row_per_cited_article_in_catalog_order_then_cited_chapters() -> None:
    loaded = catalog.load()
    rows = scorecard([], frozenset(), loaded)
    cited = [n for n in loaded.articles if any(n in rule.articles for rule in loaded.rules.values())]
    chapters = list(dict.fromkeys(f"Ch. {c}" for rule in loaded.rules.values() for c in rule.chapters))
    assert [row.key for row in rows] == cited + chapters
    assert {row.standing for row in rows} == {Standing.SILENT}
    assert all(row.rules for row in rows)


def test_the_four_standings() -> None:
    found = [finding("DET005", "warning", ("137",)), finding("NR007", "info", ("138",))]
    result = standings(found, {"137", "138", "138(3)"})
    assert result["137"] is Standing.VIOLATION  # a warning is enough
    assert result["138"] is Standing.REVIEW  # only info findings
    assert result["138(3)"] is Standing.COMPLIANT  # addressed, nothing found
    assert result["155"] is Standing.SILENT  # neither


def test_a_finding_on_an_article_the_law_does_not_address_is_still_a_violation() -> None:
    assert standings([finding("DEF001", "error", ("125",))], set())["125"] is Standing.VIOLATION


def test_waived_findings_do_not_count() -> None:
    waived = replace(finding("DET001", "error", ("137",)), waiver=Waiver("accepted by committee", "bill.yaml:2"))
    rows = {row.key: row for row in scorecard([waived], frozenset({"137"}), catalog.load())}
    assert rows["137"].standing is Standing.COMPLIANT and (rows["137"].findings, rows["137"].waived) == (0, 1)


def test_addressed_reads_actions_safeguards_and_definitions_from_the_model() -> None:
    detain = Measure(Action.DETAIN, Modality.MAY, "may detain", SPAN)
    provision = Provision("s 3", SPAN, measures=(detain,))
    model = PolicyModel.of(Instrument("Bill", "bill.yaml", SPAN, provisions=(provision,)))
    assert addressed(model, catalog.load()) == {"137", "137(3)"}


def test_a_guarantee_against_discrimination_in_statute_text_addresses_art_133() -> None:
    from mimc_lint.extract import extract
    from mimc_lint.readers.statute import parse_statute
    from mimc_lint.source import SourceText

    def articles(text: str) -> frozenset[str]:
        instrument = extract(parse_statute(SourceText("act.txt", text)))
        return addressed(PolicyModel.of(instrument), catalog.load())

    guaranteed = "5 Application\n(1) This Act shall be applied to every refugee without discrimination as to race.\n"
    assert "133" in articles(guaranteed)
    assert "133" not in articles(guaranteed.replace("without discrimination as to", "whatever the"))


def test_text_and_json_reports_end_with_the_scorecard_of_each_checked_file() -> None:
    checked = FileReport(
        "bill.yaml", "policy-yaml", "Bill", "Freedonia", (finding("DET001", "error", ("137",)),), (), frozenset({"137"})
    )
    unread = FileReport("other.yaml", "policy-yaml", "", "", (), ())
    text = text_report.render(Report((checked, unread)))
    assert text.count("Scorecard:") == 1
    lines = text.splitlines()
    assert lines[lines.index("Scorecard: Bill (bill.yaml)") + 3].split()[:5] == [
        "art.",
        "137",
        "Administrative",
        "detention",
        "violation",
    ]
    document = json.loads(json_report.render(Report((checked, unread))))
    assert "scorecard" not in document["files"][1]
    card = {row["mimc"]: row for row in document["files"][0]["scorecard"]}
    assert card["art. 137"] == {"mimc": "art. 137", "standing": "violation", "findings": 1, "waived": 0}
    assert card["art. 155"]["standing"] == "silent"
