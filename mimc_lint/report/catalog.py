"""Renderings of the rules catalog: `mimc-lint rules`, `mimc-lint explain` and docs/rules.md.

Pure functions returning text; the CLI writes it. Everything shown comes from rules/*.yaml, so the
terminal, the docs page and SARIF help links (docs/rules.md#det001) never disagree.
Run `python -m mimc_lint.report.catalog` to regenerate docs/rules.md after editing rules/.
"""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path

from mimc_lint.catalog import Article, Catalog, Rule, load

_WIDTH = 100
_INDENT = "  "
# "137", "art. 137", "Art 137(3)", "article 137", "MIMC arts. 161-163": the number is what follows.
_ARTICLE_QUERY = re.compile(r"^(?:mimc\s*)?(?:(?:arts?|articles?)\.?\s*)?(?P<number>\d.*)$", re.IGNORECASE)
# "Ch. V", "chapter V", "MIMC Ch. VIII": a chapter cited where no article number is known.
_CHAPTER_QUERY = re.compile(r"^(?:mimc\s*)?(?:ch\.?|chapter)\s*(?P<number>[ivx]+)$", re.IGNORECASE)


def render_rules(catalog: Catalog, fmt: str) -> str:
    """Every rule: `text` is one aligned line per rule, `json` the version-1 listing. No trailing newline."""
    if fmt == "text":
        return "\n".join(_rule_lines(catalog.rules.values()))
    if fmt == "json":
        listing = {"version": 1, "rules": [_rule_json(rule) for rule in catalog.rules.values()]}
        return json.dumps(listing, indent=2, ensure_ascii=False)
    raise ValueError(f"unknown format {fmt!r}: expected text or json")


def render_explain(catalog: Catalog, query: str) -> str:
    """Explain a rule ID (any case), an MIMC article ("137", "art. 137", "137(3)") or a chapter cited where no
    article number is known ("Ch. V"). No trailing newline.

    Raises KeyError for anything else; its message (`err.args[0]`) suggests close matches.
    """
    text = query.strip()
    if text.upper() in catalog.rules:
        return _explain_rule(catalog, catalog.rules[text.upper()])
    number = _article_number(text)
    if number in catalog.articles:
        return _explain_article(catalog, catalog.articles[number])
    chapter = _CHAPTER_QUERY.match(text)
    if chapter and chapter.group("number").upper() in catalog.chapters:
        return _explain_chapter(catalog, chapter.group("number").upper())
    raise KeyError(_unknown_query(catalog, text, number))


def render_rules_markdown(catalog: Catalog) -> str:
    """The content of docs/rules.md: every MIMC article and every rule, with an anchor per rule ID."""
    families = _by_family(catalog)
    lines = [
        "<!-- Generated from rules/*.yaml by `python -m mimc_lint.report.catalog`. Do not edit by hand. -->",
        "",
        "# mimc-lint rules",
        "",
        "This page is generated from the rules catalog in `rules/` by `python -m mimc_lint.report.catalog`.",
        "Edit the YAML files there and run the command again; a test fails when this page is out of date.",
        "",
        "Severity: **error** — the text conflicts with an obligation; **warning** — a required safeguard is missing",
        "or unclear; **info** — a provision that needs human review. Level: **binding** — the text also conflicts",
        "with binding law; **mimc-gap** — it falls short of the MIMC standard only; **review** — a human decides.",
        "",
        "## Contents",
        "",
        "- [MIMC articles](#mimc-articles)",
        *(f"  - [art. {a.number}: {a.title}](#{_article_anchor(a.number)})" for a in catalog.articles.values()),
        "- [Rules](#rules)",
    ]
    for family, rules in families.items():
        links = ", ".join(f"[{rule.id}](#{rule.id.lower()})" for rule in rules)
        lines.append(f"  - [{family}](#family-{family}): {links}")
    lines += ["", '<a id="mimc-articles"></a>', "", "## MIMC articles", ""]
    for article in catalog.articles.values():
        lines += _article_markdown(catalog, article)
    lines += ['<a id="rules"></a>', "", "## Rules", ""]
    for family, rules in families.items():
        lines += [f'<a id="family-{family}"></a>', "", f"### Family: {family}", ""]
        for rule in rules:
            lines += _rule_markdown(rule)
    return "\n".join(lines).rstrip("\n") + "\n"


def _rule_lines(rules: Iterable[Rule]) -> list[str]:
    rows = [(rule.id, rule.severity.value, rule.citation or "no MIMC article", rule.title) for rule in rules]
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return [
        "  ".join([*(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)), row[3]]) for row in rows
    ]


def _rule_json(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "title": rule.title,
        "severity": rule.severity.value,
        "level": rule.level.value,
        "articles": list(rule.articles),
        "related": list(rule.related),
        "family": rule.family,
        "obligation": rule.obligation,
        "summary": rule.summary,
        "chapters": list(rule.chapters),
    }


def _article_number(query: str) -> str:
    match = _ARTICLE_QUERY.match(query)
    number = match.group("number") if match else query
    return re.sub(r"\s+", "", number).replace("–", "-")


def _unknown_query(catalog: Catalog, text: str, number: str) -> str:
    matches = difflib.get_close_matches(text.upper(), list(catalog.rules), n=3) + [
        f"art. {n}" for n in difflib.get_close_matches(number, list(catalog.articles), n=3)
    ]
    if matches:
        return f"no rule or MIMC article matches {text!r}; did you mean {', '.join(matches)}?"
    return f"no rule or MIMC article matches {text!r}; `mimc-lint rules` lists every rule"


def _paragraph(text: str, indent: str = _INDENT) -> list[str]:
    return textwrap.wrap(text, _WIDTH, initial_indent=indent, subsequent_indent=indent)


def _clause(text: str) -> list[str]:
    """An example clause, each of its lines (a subsection, a paragraph) wrapped on its own."""
    return [wrapped for line in text.splitlines() for wrapped in _paragraph(line)]


def _section(heading: str, body: list[str]) -> list[str]:
    return ["", heading, *body]


def _explain_rule(catalog: Catalog, rule: Rule) -> str:
    facts = [f"severity: {rule.severity.value}", f"level: {rule.level.value}", f"family: {rule.family}"]
    if rule.obligation:
        facts.append(f"obligation: {rule.obligation}")
    articles = [
        line
        for number in rule.articles
        for line in _paragraph(f"art. {number}  {_article_label(catalog.articles[number])}")
    ] + [
        line
        for chapter in rule.chapters
        for line in _paragraph(f"Ch. {chapter}  {catalog.chapters[chapter]} (article number not known)")
    ]
    lines = [f"{rule.id}  {rule.title}", *_paragraph(", ".join(facts))]
    lines += _section("MIMC articles", articles or _paragraph("none"))
    lines += _section("Related binding law", [f"{_INDENT}{r}" for r in rule.related] or _paragraph("none"))
    lines += _section("What it flags", _paragraph(rule.summary))
    lines += _section("Why it matters", _paragraph(rule.rationale))
    lines += _section("Compliant drafting", _paragraph(rule.compliant))
    if rule.violating_example:
        lines += _section("Violating example", _clause(rule.violating_example))
    if rule.compliant_example:
        lines += _section("Compliant example", _clause(rule.compliant_example))
    return "\n".join(lines)


def _explain_article(catalog: Catalog, article: Article) -> str:
    citing = catalog.rules_citing(article.number)
    lines = [f"MIMC art. {article.number}  {article.title}", *_paragraph(f"Chapter {article.chapter}")]
    lines += _section("Obligation", _paragraph(article.obligation))
    rules = [f"{_INDENT}{line}" for line in _rule_lines(citing)]
    lines += _section("Rules citing it", rules or _paragraph("none yet"))
    return "\n".join(lines)


def _explain_chapter(catalog: Catalog, chapter: str) -> str:
    citing = [rule for rule in catalog.rules.values() if chapter in rule.chapters]
    lines = [f"MIMC Ch. {chapter}  {catalog.chapters[chapter]}"]
    lines += _paragraph(
        "Rules for obligations of this chapter whose MIMC article number is not known cite the chapter and the "
        "binding provision behind the obligation."
    )
    rules = [f"{_INDENT}{line}" for line in _rule_lines(citing)]
    lines += _section("Rules citing it", rules or _paragraph("none"))
    return "\n".join(lines)


def _article_label(article: Article) -> str:
    return f"{article.title}, Chapter {article.chapter}"


def _article_anchor(number: str) -> str:
    return "art-" + re.sub(r"[^0-9a-z]+", "-", number.lower()).strip("-")


def _by_family(catalog: Catalog) -> dict[str, list[Rule]]:
    families: dict[str, list[Rule]] = {}
    for rule in catalog.rules.values():
        families.setdefault(rule.family, []).append(rule)
    return dict(sorted(families.items()))


def _article_markdown(catalog: Catalog, article: Article) -> list[str]:
    citing = catalog.rules_citing(article.number)
    lines = [
        f'<a id="{_article_anchor(article.number)}"></a>',
        "",
        f"### art. {article.number}: {article.title}",
        "",
        f"Chapter {article.chapter}.",
        "",
        article.obligation,
        "",
    ]
    if citing:
        lines += ["Rules citing it:", ""]
        lines += [f"- [{rule.id}](#{rule.id.lower()}) ({rule.severity.value}): {rule.title}" for rule in citing]
    else:
        lines.append("No rule cites this article yet.")
    return [*lines, ""]


def _rule_markdown(rule: Rule) -> list[str]:
    cited = [f"[art. {n}](#{_article_anchor(n)})" for n in rule.articles] + [f"Ch. {c}" for c in rule.chapters]
    articles = ", ".join(cited) or "none"
    lines = [
        f'<a id="{rule.id.lower()}"></a>',
        "",
        f"#### {rule.id}: {rule.title}",
        "",
        f"- **Severity:** {rule.severity.value}",
        f"- **Level:** {rule.level.value}",
        f"- **MIMC:** {articles}",
        f"- **Related binding law:** {'; '.join(rule.related) or 'none'}",
    ]
    if rule.obligation:
        lines.append(f"- **Obligation:** {rule.obligation}")
    lines += [
        "",
        f"**What it flags.** {rule.summary}",
        "",
        f"**Why it matters.** {rule.rationale}",
        "",
        f"**Compliant drafting.** {rule.compliant}",
        "",
    ]
    if rule.violating_example:
        lines += ["**Violating example:**", "", markdown_quote(rule.violating_example), ""]
    if rule.compliant_example:
        lines += ["**Compliant example:**", "", markdown_quote(rule.compliant_example), ""]
    return lines


def markdown_quote(clause: str) -> str:
    """A statute clause as a Markdown quote, a line break after each of its lines; "14. The Director ..." and
    "2. Detention shall ..." must not turn into numbered lists."""
    return "\\\n".join("> " + re.sub(r"^(\d+)\.", r"\1\\.", line) for line in clause.splitlines())


if __name__ == "__main__":
    docs_page = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    docs_page.write_text(render_rules_markdown(load()), encoding="utf-8")
    print(f"wrote {docs_page}")
