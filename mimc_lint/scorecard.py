"""Where an instrument stands on each MIMC obligation: the three outcomes expert assessors use, plus review.

A row is a *violation* when a finding at error or warning severity cites it, *review* when only info findings
do, *compliant* when the law addresses the subject (`addressed_by` in rules/articles.yaml) and nothing was
found, and *silent* when the law neither addresses it nor draws a finding. Waived findings do not count: they
were accepted, with a reason, by whoever maintains the law. "Compliant" means that no check fired on a subject
the law deals with; it is not a legal opinion. Rows are the articles and chapters that some rule cites.
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
class Row:
    """One MIMC article, or a chapter cited where no article number is known."""

    key: str  # "137", "Ch. V": what findings cite
    label: str  # "art. 137", "Ch. V"
    title: str
    standing: Standing
    errors: int
    warnings: int
    infos: int
    waived: int
    rules: tuple[str, ...]  # the rules that cite it

    @property
    def findings(self) -> int:
        """Findings citing it that are not waived."""
        return self.errors + self.warnings + self.infos


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


def scorecard(findings: Iterable[Finding], addressed: frozenset[str], catalog: Catalog) -> tuple[Row, ...]:
    """The cited articles in catalog order, then the cited chapters."""
    cited: dict[str, list[Finding]] = {}
    for finding in findings:
        for key in keys(finding):
            cited.setdefault(key, []).append(finding)
    heads = [
        (n, f"art. {n}", a.title, tuple(r.id for r in catalog.rules.values() if n in r.articles))
        for n, a in catalog.articles.items()
    ]
    chapters = dict.fromkeys(c for rule in catalog.rules.values() for c in rule.chapters)
    heads += [
        (
            f"Ch. {c}",
            f"Ch. {c}",
            catalog.chapters.get(c, ""),
            tuple(r.id for r in catalog.rules.values() if c in r.chapters),
        )
        for c in chapters
    ]
    return tuple(
        _row(key, label, title, rules, cited.get(key, []), key in addressed)
        for key, label, title, rules in heads
        if rules
    )


def keys(finding: Finding) -> tuple[str, ...]:
    """The scorecard rows a finding counts in."""
    return (*finding.articles, *(f"Ch. {chapter}" for chapter in finding.chapters))


def _row(key: str, label: str, title: str, rules: tuple[str, ...], cited: list[Finding], is_addressed: bool) -> Row:
    open_findings = [f.severity for f in cited if f.waiver is None]
    errors, warnings, infos = (open_findings.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    if errors or warnings:
        standing = Standing.VIOLATION
    elif infos:
        standing = Standing.REVIEW
    else:
        standing = Standing.COMPLIANT if is_addressed else Standing.SILENT
    return Row(key, label, title, standing, errors, warnings, infos, len(cited) - len(open_findings), rules)
