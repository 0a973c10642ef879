"""Stand-ins shared by the engine and CLI tests, so those tests pin what the engine and the command line do
whatever the real checks, catalogue and statute pipeline find.

`stand_ins` replaces the catalogue (DET001 error, DET002 warning, CHD001 info, and the input notices LNG001
and STR001) and the check registry (word spotters); `statute_pipeline` replaces the statute reader and the
extraction through `sys.modules`. Neither is autouse: a module opts in with `pytest.mark.usefixtures`.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

import mimc_lint.catalog
import mimc_lint.checks
from mimc_lint.catalog import Catalog, Rule
from mimc_lint.findings import Hit, Level, Severity
from mimc_lint.model import Instrument, PolicyModel, Provision, Span
from mimc_lint.source import SourceText

#: A policy the stand-in checks flag: DET001 and DET002 at s 1 (line 5), CHD001 at s 2 (line 7).
POLICY = """\
instrument:
  title: Border Bill 2026
  jurisdiction: Freedonia
provisions:
  - ref: s 1
    text: An officer must detain every irregular entrant.
  - ref: s 2
    text: A child may apply for protection.
"""


def _rule(rule_id: str, severity: str, articles: tuple[str, ...] = ("137",)) -> Rule:
    return Rule(
        id=rule_id,
        title=f"title of {rule_id}",
        severity=Severity(severity),
        level=Level.BINDING,
        articles=articles,
        related=("ICCPR art. 9(1)",),
        family="test",
        obligation="",
        summary="",
        rationale="",
        compliant="",
        violating_example="",
        compliant_example="",
    )


CATALOG = Catalog(
    rules={
        r.id: r
        for r in (
            _rule("CHD001", "info"),
            _rule("DET001", "error"),
            _rule("DET002", "warning"),
            _rule("LNG001", "info", ()),
            _rule("STR001", "info", ()),
        )
    },
    articles={},
)


def spotter(word: str, evidence: str) -> Callable[[PolicyModel], Iterator[Hit]]:
    """A stand-in check: a hit at every provision whose text has `word`."""

    def check(model: PolicyModel) -> Iterator[Hit]:
        for p in model.provisions():
            if word in p.text:
                yield Hit(p.ref, p.span, evidence, f"{p.ref} mentions {word}")

    return check


@pytest.fixture
def policy_text() -> str:
    return POLICY


@pytest.fixture
def catalog() -> Catalog:
    return CATALOG


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Install the stand-in catalogue and checks; the registry is returned so a test can change it."""
    registry = {
        "DET001": spotter("detain", "must detain"),
        "DET002": spotter("detain", "detain"),
        "CHD001": spotter("child", "A child"),
    }
    monkeypatch.setattr(mimc_lint.catalog, "load", lambda: CATALOG)
    monkeypatch.setattr(mimc_lint.checks, "REGISTRY", registry)
    return registry


@dataclass(frozen=True)
class Notice:
    rule: str
    span: Span
    message: str


@dataclass(frozen=True)
class Document:
    source: SourceText
    notices: tuple[Notice, ...]
    units: tuple = ()
    title: str = "Aliens Act"


@pytest.fixture
def statute_pipeline(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Install a statute reader and extraction that read a text as one provision, `s 1`, with an STR001
    notice on its second line; call the fixture with the language the extraction should report."""

    def install(language: str = "en") -> None:
        def parse_statute(source: SourceText) -> Document:
            start = source.text.index("\n") + 1
            return Document(source, (Notice("STR001", source.span(start, start + 8), "line not understood"),))

        def extract(document: Document) -> Instrument:
            source = document.source
            provision = Provision("s 1", source.line_span(1), text=source.text)
            return Instrument(
                document.title, source.path, source.line_span(1), "Utopia", provisions=(provision,), language=language
            )

        monkeypatch.setitem(
            sys.modules, "mimc_lint.readers.statute", types.SimpleNamespace(parse_statute=parse_statute)
        )
        monkeypatch.setitem(sys.modules, "mimc_lint.extract", types.SimpleNamespace(extract=extract))

    return install
