"""Where an instrument stands on each MIMC article: the three outcomes expert assessors use, plus review.

An article is a *violation* when a finding at error or warning severity cites it, *review* when only info
findings do, *compliant* when the law addresses the article (see `addressed_by` in rules/articles.yaml) and
nothing was found, and *silent* when the law neither addresses it nor draws a finding. Waived findings do not
count: they were accepted, with a reason, by whoever maintains the law. "Compliant" means that no check fired on
a subject the law deals with; it is not a legal opinion.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from mimc_lint.catalog import Catalog
from mimc_lint.findings import Finding, Severity
from mimc_lint.model import PolicyModel


class Standing(StrEnum):
    VIOLATION = "violation"
    REVIEW = "review"
    COMPLIANT = "compliant"
    SILENT = "silent"


@dataclass(frozen=True, slots=True)
class ArticleStanding:
    article: str
    title: str
    standing: Standing
    findings: int  # findings citing the article that are not waived


def addressed(model: PolicyModel, catalog: Catalog) -> frozenset[str]:
    """The articles whose subject the law deals with, whatever it says about it."""
    actions = {measure.action for _, measure in model.measures()}
    safeguards = {safeguard.kind for _, safeguard in model.safeguards()}
    has_definitions = any(definition.grounds for definition in model.instrument.definitions)
    return frozenset(
        number
        for number, article in catalog.articles.items()
        if actions & article.addressed_by.actions
        or safeguards & article.addressed_by.safeguards
        or (has_definitions and article.addressed_by.definitions)
    )


def scorecard(findings: Iterable[Finding], addressed: frozenset[str], catalog: Catalog) -> tuple[ArticleStanding, ...]:
    """One row per catalogued article, in catalog order."""
    severities: dict[str, list[Severity]] = {number: [] for number in catalog.articles}
    for finding in findings:
        if finding.waiver is None:
            for number in finding.articles:
                severities.setdefault(number, []).append(finding.severity)
    return tuple(
        ArticleStanding(
            number, article.title, _standing(severities[number], number in addressed), len(severities[number])
        )
        for number, article in catalog.articles.items()
    )


def _standing(severities: list[Severity], is_addressed: bool) -> Standing:
    if any(severity is not Severity.INFO for severity in severities):
        return Standing.VIOLATION
    if severities:
        return Standing.REVIEW
    return Standing.COMPLIANT if is_addressed else Standing.SILENT
