"""The rules catalog: `rules/*.yaml` is the single source of truth for every rule's metadata.

`explain`, `rules`, docs/rules.md, SARIF rule descriptors and the JSON report all read it.
The directory ships inside the wheel as `mimc_lint/rules`; from a source checkout it is the
top-level `rules/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from mimc_lint.findings import Level, Severity, mimc_citation
from mimc_lint.model import Action, SafeguardKind

#: libyaml's parser where PyYAML has it: the pure-Python one takes a tenth of a second for the rules at every start.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Subject:
    """What in a law shows that it deals with an article, so the scorecard can tell "compliant" from "silent"."""

    actions: frozenset[Action] = frozenset()
    safeguards: frozenset[SafeguardKind] = frozenset()
    definitions: bool = False  # a definition of a protection status


@dataclass(frozen=True, slots=True)
class Article:
    """An MIMC article the linter may cite (domain/obligations.md: only these numbers)."""

    number: str  # "137", "137(3)", "161-163"
    title: str
    chapter: str
    obligation: str  # what it requires, in our words
    addressed_by: Subject = Subject()


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    severity: Severity
    level: Level
    articles: tuple[str, ...]
    related: tuple[str, ...]
    family: str
    obligation: str  # the domain entry it implements, e.g. MIMC-DET-01
    summary: str  # one sentence: what the rule flags
    rationale: str  # why it matters
    compliant: str  # what compliant drafting looks like
    violating_example: str
    compliant_example: str
    chapters: tuple[str, ...] = ()  # MIMC chapters cited where the article number is not known

    @property
    def citation(self) -> str:
        return mimc_citation(self.articles, self.chapters)


@dataclass(frozen=True, slots=True)
class Catalog:
    rules: dict[str, Rule]
    articles: dict[str, Article]
    chapters: dict[str, str] = field(default_factory=dict)  # roman numeral -> title

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def rules_citing(self, article: str) -> list[Rule]:
        """Rules that cite `article`; `137` also finds rules citing `137(3)`."""
        return [r for r in self.rules.values() if any(a == article or a.startswith(f"{article}(") for a in r.articles)]


def rules_dir() -> Path:
    packaged = Path(__file__).parent / "rules"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "rules"


def _rule(entry: dict, family: str) -> Rule:
    examples = entry.get("examples", {})
    return Rule(
        id=entry["id"],
        title=entry["title"],
        severity=Severity(entry["severity"]),
        level=Level(entry["level"]),
        articles=tuple(str(a) for a in entry["articles"]),
        chapters=tuple(str(c) for c in entry.get("chapters", ())),
        related=tuple(entry.get("related", ())),
        family=family,
        obligation=entry.get("obligation", ""),
        summary=entry["summary"].strip(),
        rationale=entry["rationale"].strip(),
        compliant=entry["compliant"].strip(),
        violating_example=examples.get("violating", "").strip(),
        compliant_example=examples.get("compliant", "").strip(),
    )


def _subject(entry: dict) -> Subject:
    return Subject(
        frozenset(Action(a) for a in entry.get("actions", ())),
        frozenset(SafeguardKind(s) for s in entry.get("safeguards", ())),
        bool(entry.get("definitions", False)),
    )


@cache
def load() -> Catalog:
    directory = rules_dir()
    articles_doc = yaml.load((directory / "articles.yaml").read_text(encoding="utf-8"), Loader=_SafeLoader)
    articles = {
        str(a["number"]): Article(
            str(a["number"]), a["title"], a["chapter"], a["obligation"].strip(), _subject(a.get("addressed_by", {}))
        )
        for a in articles_doc["articles"]
    }
    chapters = {str(c["number"]): c["title"] for c in articles_doc["chapters"]}
    rules: dict[str, Rule] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "articles.yaml":
            continue
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
        for entry in doc["rules"]:
            rules[entry["id"]] = _rule(entry, doc["family"])
    return Catalog(dict(sorted(rules.items())), articles, chapters)
