"""The rules catalog: rules/*.yaml loads, cites only the MIMC articles we may cite, documents every rule,
and docs/rules.md matches it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from mimc_lint.catalog import load, rules_dir
from mimc_lint.findings import Level, Severity
from mimc_lint.report.catalog import render_explain, render_rules, render_rules_markdown

DOCS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

# domain/obligations.md: the only MIMC article numbers the linter may print.
ALLOWED_ARTICLES = {
    "125", "133", "137", "137(3)", "138", "138(3)", "145", "146", "155", "161-163", "165", "211", "212", "213",
}  # fmt: skip

# Stable IDs: never renumber (STYLE.md). NR rules have two letters, so the ID shape is 2-3 letters + 3 digits.
RULE_IDS = {
    *(f"NR{n:03}" for n in range(1, 11)),
    *(f"DET{n:03}" for n in range(1, 8)),
    *(f"CHD{n:03}" for n in range(1, 6)),
    "ADM001", "ADM002", "CRT001", "PEN001", "DEF001", "INT001", "LNG001", "STR001", "STR002", "WVR001",
    "EMP001", "EMP002", "EDU001", "ASC001", "CRT002", "NDI001", "NDI002",
    "ADM003", "ADM004", "ADM005", "PRC001", "EXP001", "EXP002", "PEN002",
    "DEF002", "DEF003", "INT002", "INT003", "INT004", "RSP001", "RSP002",
}  # fmt: skip

# The input family reports on the text itself (language, numbering, structure), not on drafting that
# complies or violates: it cites no MIMC article and no obligation, and has no examples.
INPUT_FAMILY = "input"

# Instruments named in domain/obligations.md, as the catalog spells them in `related`.
INSTRUMENTS = (
    "1951 Refugee Convention",
    "CAT",
    "ICCPR",
    "CRC",
    "ECHR",
    "OAU 1969 Convention",
    "Cartagena Declaration 1984",
    "RCD 2013/33/EU",
    "Return Directive 2008/115/EC",
    "Asylum Procedures Directive 2013/32/EU",
    "Qualification Directive 2011/95/EU",
    "Temporary Protection Directive 2001/55/EC",
    "Long-Term Residents Directive 2003/109/EC",
    "Directive (EU) 2024/1346",
    "ECHR Protocol 4",
    "ECHR Protocol 7",
    "ICRMW",
    "ACHR",
    "African Charter",
    "Charter of Fundamental Rights",
)
RELATED = re.compile(rf"^(?:{'|'.join(map(re.escape, INSTRUMENTS))}) (?:art\.|conclusion) [0-9A-Z]+(?:\([0-9a-z]+\))?$")

# "MIMC art. 137", "MIMC 138(3)", "MIMC arts. 161-163"; and any three-digit article number, which no
# binding provision we cite has, so it can only be an MIMC article.
MIMC_CITATION = re.compile(r"\bMIMC\s+(?:arts?\.|articles?)?\s*(\d+(?:\(\d+\))?(?:[-–]\d+)?)")
THREE_DIGIT_ARTICLE = re.compile(r"\b(?:arts?\.|articles?)\s*(\d{3}(?:\(\d+\))?(?:[-–]\d+)?)", re.IGNORECASE)


def test_catalog_has_exactly_the_stable_rule_ids():
    catalog = load()
    assert set(catalog.rules) == RULE_IDS
    assert all(re.fullmatch(r"[A-Z]{2,3}\d{3}", rule_id) for rule_id in catalog.rules)


def test_articles_yaml_lists_exactly_the_allowed_articles():
    catalog = load()
    assert set(catalog.articles) == ALLOWED_ARTICLES
    for article in catalog.articles.values():
        assert article.title and article.chapter and article.obligation, article.number


def test_every_cited_article_is_in_articles_yaml():
    catalog = load()
    for rule in catalog.rules.values():
        assert set(rule.articles) <= set(catalog.articles), rule.id
        assert set(rule.chapters) <= set(catalog.chapters), rule.id
        if rule.family != INPUT_FAMILY:
            assert rule.articles or rule.chapters, f"{rule.id} cites no MIMC article or chapter"


def test_the_catalog_lists_the_eight_chapters():
    assert list(load().chapters) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def test_rules_text_mentions_only_allowed_mimc_numbers():
    files = sorted(rules_dir().glob("*.yaml"))
    assert {p.name for p in files} >= {"articles.yaml", "detention.yaml", "non-refoulement.yaml", "input.yaml"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        cited = {m.replace("–", "-") for m in MIMC_CITATION.findall(text) + THREE_DIGIT_ARTICLE.findall(text)}
        assert cited <= ALLOWED_ARTICLES, f"{path.name} mentions MIMC art. {sorted(cited - ALLOWED_ARTICLES)}"
        doc = yaml.safe_load(text)
        listed = {str(a["number"]) for a in doc.get("articles", [])}
        listed |= {str(a) for rule in doc.get("rules", []) for a in rule["articles"]}
        assert listed <= ALLOWED_ARTICLES, f"{path.name} lists {sorted(listed - ALLOWED_ARTICLES)}"


def test_every_rule_is_documented():
    for rule in load().rules.values():
        assert rule.title and rule.summary and rule.rationale and rule.compliant, rule.id
        if rule.family == INPUT_FAMILY:
            assert not rule.articles and not rule.related and not rule.obligation, rule.id
            assert not rule.violating_example and not rule.compliant_example, rule.id
        else:
            assert rule.violating_example and rule.compliant_example, f"{rule.id} lacks an example"
            assert rule.violating_example != rule.compliant_example, rule.id
            assert re.fullmatch(r"MIMC-[A-Z]{2,3}-\d{2}", rule.obligation), rule.id
            assert rule.related, f"{rule.id} names no binding provision"


def test_related_provisions_use_the_instruments_named_in_obligations_md():
    for rule in load().rules.values():
        for provision in rule.related:
            assert RELATED.match(provision), f"{rule.id}: {provision!r}"


def test_review_level_is_reported_as_info():
    # domain/obligations.md: `review` means a human decides, at severity info.
    for rule in load().rules.values():
        if rule.level is Level.REVIEW:
            assert rule.severity is Severity.INFO, rule.id


def test_docs_page_is_current():
    expected = render_rules_markdown(load())
    actual = DOCS_PAGE.read_text(encoding="utf-8") if DOCS_PAGE.exists() else ""
    assert actual == expected, "docs/rules.md is stale: run `python -m mimc_lint.report.catalog`"


def test_docs_page_has_an_anchor_per_rule():
    page = render_rules_markdown(load())
    for rule_id in RULE_IDS:
        assert f'<a id="{rule_id.lower()}"></a>' in page


def test_explain_rule_id_in_any_case():
    text = render_explain(load(), " det001 ")
    assert text.startswith("DET001  Mandatory detention of a class of persons")
    for heading in ("What it flags", "Why it matters", "Compliant drafting", "Violating example", "Compliant example"):
        assert f"\n{heading}\n" in text
    assert "art. 137  Administrative detention" in text
    assert "ICCPR art. 9(1)" in text


def test_explain_input_rule_has_no_example_sections():
    text = render_explain(load(), "LNG001")
    assert "What it flags" in text and "Violating example" not in text


def test_explain_article_lists_rules_citing_its_paragraphs():
    catalog = load()
    for query in ("137", "art. 137", "Article 137"):
        text = render_explain(catalog, query)
        assert text.startswith("MIMC art. 137  Administrative detention")
        assert "DET001" in text and "CHD001" in text
    paragraph = render_explain(catalog, "137(3)")
    assert "CHD004" in paragraph and "DET001" not in paragraph
    assert render_explain(catalog, "161–163").startswith("MIMC art. 161-163")


def test_explain_chapter_lists_the_rules_citing_it_for_want_of_an_article_number():
    catalog = load()
    for query in ("Ch. V", "chapter v", "MIMC Ch. V"):
        text = render_explain(catalog, query)
        assert text.startswith("MIMC Ch. V  forced migrants and refugees")
        assert "PRC001" in text and "DET001" not in text
    with pytest.raises(KeyError):
        render_explain(catalog, "Ch. IX")


def test_explain_unknown_query_suggests_close_matches():
    catalog = load()
    with pytest.raises(KeyError) as raised:
        render_explain(catalog, "DET01")
    assert "DET001" in raised.value.args[0]
    with pytest.raises(KeyError) as raised:
        render_explain(catalog, "art. 999")
    assert "mimc-lint rules" in raised.value.args[0]


def test_rules_json_lists_every_rule():
    catalog = load()
    listing = json.loads(render_rules(catalog, "json"))
    assert listing["version"] == 1
    assert [r["id"] for r in listing["rules"]] == list(catalog.rules)
    keys = ["id", "title", "severity", "level", "articles", "related", "family", "obligation", "summary", "chapters"]
    assert all(list(r) == keys for r in listing["rules"])
    det007 = next(r for r in listing["rules"] if r["id"] == "DET007")
    assert det007["articles"] == ["137", "146"] and det007["severity"] == "error"


def test_rules_text_is_one_aligned_line_per_rule():
    catalog = load()
    lines = render_rules(catalog, "text").splitlines()
    assert [line.split()[0] for line in lines] == list(catalog.rules)
    rules = list(catalog.rules.values())
    assert len({line.index(rule.severity.value) for line, rule in zip(lines, rules, strict=True)}) == 1
    assert len({line.rindex(rule.title) for line, rule in zip(lines, rules, strict=True)}) == 1
    assert "MIMC art. 137, 146" in lines[rules.index(catalog.rule("DET007"))]


def test_rules_rejects_unknown_format():
    with pytest.raises(ValueError):
        render_rules(load(), "yaml")
