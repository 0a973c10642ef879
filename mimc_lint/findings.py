"""Findings: what a check reports, enriched from the rules catalog."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from mimc_lint.model import Span

if TYPE_CHECKING:
    from mimc_lint.catalog import Rule


class Severity(StrEnum):
    """error: the text conflicts with an obligation; warning: a required safeguard is missing
    or unclear; info: a provision that needs human review (DESIGN.md section 3)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Level(StrEnum):
    """How strong the obligation behind a finding is (domain/obligations.md, verdict levels)."""

    BINDING = "binding"
    MIMC_GAP = "mimc-gap"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check yields: where, the quoted words, and a sentence naming the provision."""

    provision: str
    span: Span
    evidence: str
    message: str


@dataclass(frozen=True, slots=True)
class Waiver:
    """Why a finding is accepted, and where that is written: waived findings stay in reports for audit."""

    reason: str
    source: str  # `path:line` of the waiver comment or waiver-file entry


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    title: str
    severity: Severity
    level: Level
    articles: tuple[str, ...]
    related: tuple[str, ...]
    message: str
    provision: str
    span: Span
    evidence: str
    fingerprint: str
    waiver: Waiver | None = None
    chapters: tuple[str, ...] = ()  # MIMC chapters cited where no article number is known
    #: The `related` provisions of instruments the State is party to, under the configured jurisdiction
    #: profile (mimc_lint/profiles.py); None when no profile is configured.
    related_binding: tuple[str, ...] | None = None

    @classmethod
    def of(cls, rule: Rule, hit: Hit) -> Finding:
        """A hit with its rule's catalogue metadata; the fingerprint ignores positions, so it survives edits
        elsewhere."""
        return cls(
            rule=rule.id,
            title=rule.title,
            severity=rule.severity,
            level=rule.level,
            articles=rule.articles,
            chapters=rule.chapters,
            related=rule.related,
            message=hit.message,
            provision=hit.provision,
            span=hit.span,
            evidence=hit.evidence,
            fingerprint=fingerprint(rule.id, hit.provision, hit.evidence),
        )

    @property
    def citation(self) -> str:
        return mimc_citation(self.articles, self.chapters)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.path, self.span.line, self.span.column, self.rule, self.fingerprint)


def mimc_citation(articles: tuple[str, ...], chapters: tuple[str, ...]) -> str:
    """`MIMC art. 137, 146`, or `MIMC Ch. V` for an obligation whose article number is not known: the linter
    never prints an article number outside the catalog (domain/obligations.md)."""
    parts = [f"art. {', '.join(articles)}"] if articles else []
    parts += [f"Ch. {chapter}" for chapter in chapters]
    return f"MIMC {'; '.join(parts)}" if parts else ""


_SPACE = re.compile(r"\s+")


def fingerprint(rule: str, provision: str, evidence: str) -> str:
    """Stable across runs and across edits elsewhere in the file: no line numbers in it."""
    normalized = _SPACE.sub(" ", evidence).strip().lower()
    digest = hashlib.sha256(f"{rule}\x1f{provision}\x1f{normalized}".encode()).hexdigest()
    return digest[:16]
