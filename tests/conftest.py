"""Stand-ins shared by the engine and CLI tests, so those tests pin what the engine and the command line do
whatever the real checks, catalogue and statute pipeline find; and the builders the reporter and CLI tests share.

`stand_ins` replaces the catalogue (DET001 error, DET002 warning, CHD001 info, and the input notices LNG001
and STR001) and the check registry (word spotters); `statute_pipeline` replaces the statute reader and the
extraction through `sys.modules`. Neither is autouse: a module opts in with `pytest.mark.usefixtures`.

The builders are plain functions, imported (`from conftest import finding_of`), because reporter tests build
their reports at import time: `stand_in_rule` and `finding_of` make findings a test can read at a glance
(`s 3 says so.`, fingerprint `det0013`), `run` and `lint_json` run the command line in this process.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import mimc_lint.catalog
import mimc_lint.checks
from mimc_lint.catalog import Catalog, Rule
from mimc_lint.cli import main
from mimc_lint.findings import Finding, Hit, Level, Severity, Waiver
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

#: The keys of a finding in the JSON report, in order: the contract of DESIGN.md section 4 and the fields added
#: since (`chapters`), which the reporter and CLI tests both pin.
JSON_FINDING_KEYS = [
    "rule",
    "title",
    "severity",
    "articles",
    "related",
    "level",
    "message",
    "provision",
    "line",
    "column",
    "end_line",
    "end_column",
    "evidence",
    "fingerprint",
    "chapters",
]


def stand_in_rule(rule_id: str, severity: str, articles: tuple[str, ...] = ("137",)) -> Rule:
    """A catalogue entry titled `title of DET001`, binding, related to ICCPR art. 9(1), with nothing else said."""
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
            stand_in_rule("CHD001", "info"),
            stand_in_rule("DET001", "error"),
            stand_in_rule("DET002", "warning"),
            stand_in_rule("LNG001", "info", ()),
            stand_in_rule("STR001", "info", ()),
        )
    },
    articles={},
)


def finding_of(
    rule: Rule, span: Span, *, evidence: str = "must detain the person", message: str = "", waiver: Waiver | None = None
) -> Finding:
    """A finding of `rule` at `span`, as the engine makes one, at provision `s <line>` with the message
    `s <line> says so.` unless one is given, and the fingerprint `<rule><line>` (`det0013`)."""
    provision = f"s {span.line}"
    hit = Hit(provision, span, evidence, message or f"{provision} says so.")
    return replace(Finding.of(rule, hit), fingerprint=f"{rule.id.lower()}{span.line}", waiver=waiver)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`mimc-lint ARGS` in this process: its exit code, standard output and standard error."""
    with pytest.raises(SystemExit) as stop:
        main(list(args))
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def lint_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    """The JSON report of `mimc-lint --format json ARGS`, which must have linted (exit code 0 or 1)."""
    code, out, err = run(capsys, "--format", "json", *args)
    assert code in (0, 1), err
    return json.loads(out)


def write(path: str, text: str) -> str:
    """Write `text` to `path` (relative to the working directory), making its directories."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(text, encoding="utf-8")
    return path


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
