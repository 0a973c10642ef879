"""The indexes that keep linting linear in the size of a statute give the answers of the plain scans they replace.

Each fast path is checked against the straightforward way on real inputs (the example statutes and the
statute texts of the rule cases): anchored token patterns against spaCy's Matcher over the whole doc,
the match index against a scan of all matches, the token table against spaCy's Token objects, and the
kinds of safeguards reaching a power against the full list of them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml
from spacy.matcher import Matcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.util import filter_spans

from mimc_lint.checks.reach import kinds, reaching_kinds, safeguards_for
from mimc_lint.extract import extract, patterns, vocabulary
from mimc_lint.extract.clauses import compositions
from mimc_lint.model import PolicyModel
from mimc_lint.readers.policy_yaml import read_policy
from mimc_lint.readers.statute import parse_statute
from mimc_lint.source import SourceText

ROOT = Path(__file__).resolve().parent.parent


@cache
def statute_texts() -> tuple[SourceText, ...]:
    found = [SourceText(p.name, p.read_text(encoding="utf-8")) for p in sorted(ROOT.glob("examples/statutes/*.txt"))]
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            if isinstance(case, dict) and isinstance(case.get("text"), str):
                found.append(SourceText(f"{path.stem}-{index}", case["text"]))
    return tuple(found)


@cache
def docs() -> tuple[Doc, ...]:
    texts = [c.text for source in statute_texts() for c in compositions(parse_statute(source).units, source)]
    texts += ["", "  ", "It ends. (a) so; x!  y ?", "no more than 28 days in total, up to 6 months at most"]
    sentencizer = Sentencizer()  # for `doc.sents`, which `token_table` must agree with
    return tuple(sentencizer(doc) for doc in vocabulary.load().nlp.pipe(texts))


def test_anchored_patterns_find_what_the_matcher_finds_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    full: dict[int, Matcher] = {}
    add = patterns.Patterns.add

    def add_both(self: patterns.Patterns, key: str, added: list[patterns.Pattern]) -> None:
        full.setdefault(id(self), Matcher(self.vocab)).add(key, added)
        add(self, key, added)

    monkeypatch.setattr(patterns.Patterns, "add", add_both)
    vocab = vocabulary.load.__wrapped__()  # built afresh, so that every pattern passes through `add_both`
    matcher = full[id(vocab.patterns)]
    found = 0
    for doc in docs():
        expected = sorted(set(matcher(doc)), key=lambda m: (m[1], m[2], m[0]))
        assert vocab.patterns(doc, vocabulary.lowers(doc)) == expected, doc.text
        found += len(expected)
    assert found  # the inputs exercise the patterns


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "keep"}, {"IS_PUNCT": False, "OP": "{1,4}"}, {"LOWER": "in"}, {"LOWER": "custody"}],
        [{"lower": {"IN": ["after", "within"]}}, {"LIKE_NUM": True}, {"LOWER": {"IN": ["days", "months"]}}],
        [{"LOWER": "not"}, {"LOWER": "more", "OP": "?"}, {"LOWER": "than", "OP": "!"}, {"LIKE_NUM": True}],
        [{"LIKE_NUM": True}, {"LOWER": "days"}, {"IS_PUNCT": True, "OP": "*"}],
        [{"IS_PUNCT": False, "OP": "+"}, {"LOWER": "custody"}],
        [{"LIKE_NUM": True}, {"IS_PUNCT": True}],
    ],
)
def test_patterns_of_every_shape_match_as_spacy_does(pattern: patterns.Pattern) -> None:
    vocab = vocabulary.load()
    anchored, matcher = patterns.Patterns(vocab.nlp.vocab, frozenset({"in", "not"})), Matcher(vocab.nlp.vocab)
    anchored.add("shape", [pattern])
    matcher.add("shape", [pattern])
    text = "They keep that person in custody for not more 28 days, 6 months: within 3 days. Keep him in custody"
    for doc in [*docs(), vocab.nlp(text)]:
        assert anchored(doc, vocabulary.lowers(doc)) == sorted(set(matcher(doc)), key=lambda m: (m[1], m[2], m[0]))


def test_match_index_answers_as_a_scan_of_every_match() -> None:
    vocab = vocabulary.load()
    categories = {label.partition("|")[0] for label in vocab.nlp.vocab.strings if "|" in label} | {"absent"}
    for doc in docs():
        index = vocab.index(doc)
        for category in categories:
            matches = index.of(category)
            assert matches == sorted(matches, key=lambda m: (m.start, -m.end, m.value))
            for start, end in [(0, len(doc)), (1, max(len(doc) - 1, 1)), (len(doc) // 2, len(doc)), (3, 2)]:
                scan = [m for m in matches if start <= m.start and m.end <= end]
                assert index.within(category, start, end) == scan
                assert index.starting(category, start, end) == [m for m in matches if start <= m.start < end]
            for token in range(len(doc)):
                first = next((m for m in matches if m.start <= token < m.end), None)
                assert index.covering(category, token) == first


def test_the_longest_of_overlapping_matches_wins_as_spacy_filters_spans() -> None:
    vocab = vocabulary.load()
    for doc in docs():
        index = vocab.index(doc)
        for category in ("actions", "persons", "safeguards", "rights"):
            matches = index.of(category)
            for value in {m.value for m in matches}:
                spans = [doc[m.start : m.end] for m in matches if m.value == value]
                assert spans == filter_spans(spans)


def test_token_table_reads_what_the_tokens_say() -> None:
    for doc in docs():
        lower, starts, ends, sentences = vocabulary.token_table(doc)
        assert lower == [t.lower_ for t in doc] == vocabulary.lowers(doc)
        assert starts == [t.idx for t in doc]
        assert ends == [t.idx + len(t.text) for t in doc]
        assert sentences == [s.start for s in doc.sents]


def test_sentence_ending_marks_are_punctuation() -> None:
    lexemes = vocabulary.load().nlp.vocab
    assert all(lexemes[mark].is_punct for mark in Sentencizer.default_punct_chars)  # what `token_table` relies on


def models() -> list[PolicyModel]:
    found = [PolicyModel.of(extract(parse_statute(source))) for source in statute_texts()]
    for path in sorted(ROOT.glob("examples/statutes/*.yaml")):
        found.append(PolicyModel.of(read_policy(SourceText(path.name, path.read_text(encoding="utf-8")))))
    return found


def test_reaching_kinds_are_the_kinds_of_every_safeguard_reaching() -> None:
    asked = 0
    for model in models():
        for provision, measure in model.measures():
            assert reaching_kinds(model, provision, measure) == kinds(safeguards_for(model, provision, measure))
            asked += 1
    assert asked


def test_referrers_are_the_provisions_citing_a_provision_or_its_family() -> None:
    for model in models():
        for provision in model.provisions():
            family = {p.ref for p in provision.walk()} | {a.ref for a in model.ancestors(provision)}
            citing = [p for p in model.provisions() if any(x.target_ref in family for x in p.cross_refs)]
            assert list(model.referrers(provision)) == citing
