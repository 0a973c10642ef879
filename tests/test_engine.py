"""The engine: discovery, reading, checking, catalogue enrichment, fingerprints and error containment.

The checks, the catalogue and the statute pipeline are small stand-ins, so these tests say what the
engine does whatever the real checks find; the policy YAML goes through the real reader.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

import mimc_lint.catalog
import mimc_lint.checks
from mimc_lint import engine
from mimc_lint.catalog import Catalog, Rule
from mimc_lint.findings import Hit, Level, Severity, fingerprint
from mimc_lint.model import Instrument, PolicyModel
from mimc_lint.selection import Selection
from mimc_lint.source import SourceText

ALL = Selection()

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


def make_rule(rule_id: str, severity: str, articles: tuple[str, ...] = ("137",)) -> Rule:
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
            make_rule("CHD001", "info", ("137(3)",)),
            make_rule("DET001", "error"),
            make_rule("DET002", "warning"),
            make_rule("LNG001", "info", ()),
            make_rule("STR001", "info", ()),
        )
    },
    articles={},
)


def detains(model: PolicyModel):
    for p in model.provisions():
        if "detain" in p.text:
            yield Hit(p.ref, p.span, "must detain", f"{p.ref} requires detention")


def mentions_children(model: PolicyModel):
    for p in model.provisions():
        if "child" in p.text:
            yield Hit(p.ref, p.span, "A child", f"{p.ref} concerns children")


@pytest.fixture(autouse=True)
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> dict:
    registry = {"DET001": detains, "DET002": detains, "CHD001": mentions_children}
    monkeypatch.setattr(mimc_lint.catalog, "load", lambda: CATALOG)
    monkeypatch.setattr(mimc_lint.checks, "REGISTRY", registry)
    return registry


@dataclass(frozen=True)
class Notice:
    rule: str
    span: object
    message: str


@dataclass(frozen=True)
class Document:
    source: SourceText
    notices: tuple
    units: tuple = ()
    title: str = "Aliens Act"


def statute_pipeline(monkeypatch: pytest.MonkeyPatch, language: str = "en") -> None:
    """Stand-ins for the statute reader and extraction: one notice on the second line."""

    def parse_statute(source: SourceText) -> Document:
        start = source.text.index("\n") + 1
        return Document(source, (Notice("STR001", source.span(start, start + 8), "line not understood"),))

    def extract(document: Document) -> Instrument:
        source = document.source
        return Instrument(document.title, source.path, source.line_span(1), "Utopia", language=language)

    monkeypatch.setitem(sys.modules, "mimc_lint.readers.statute", types.SimpleNamespace(parse_statute=parse_statute))
    monkeypatch.setitem(sys.modules, "mimc_lint.extract", types.SimpleNamespace(extract=extract))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_findings_carry_catalog_metadata_and_stable_fingerprints(tmp_path: Path) -> None:
    policy = write(tmp_path / "p.yaml", POLICY)
    report = engine.lint([str(policy)], ALL)

    (file,) = report.files
    assert (file.kind, file.title, file.jurisdiction, file.errors) == (
        "policy-yaml",
        "Border Bill 2026",
        "Freedonia",
        (),
    )
    assert [(f.rule, f.span.line, f.severity) for f in file.findings] == [
        ("DET001", 5, Severity.ERROR),
        ("DET002", 5, Severity.WARNING),
        ("CHD001", 7, Severity.INFO),
    ]
    det = file.findings[0]
    assert (det.title, det.level, det.articles, det.related) == (
        "title of DET001",
        Level.BINDING,
        ("137",),
        ("ICCPR art. 9(1)",),
    )
    assert (det.provision, det.evidence, det.message) == ("s 1", "must detain", "s 1 requires detention")
    assert det.fingerprint == fingerprint("DET001", "s 1", "must detain")


def test_repeated_fingerprints_get_suffixes_in_order(tmp_path: Path, stand_ins: dict) -> None:
    def twice(model: PolicyModel):
        p = model.provision("s 2")
        moved = p.span.__class__(p.span.path, p.span.line, p.span.column + 2, p.span.end_line, p.span.end_column)
        yield Hit("s 2", moved, "A child", "second")
        yield Hit("s 2", p.span, "A child", "first")
        yield Hit("s 2", p.span, "A child", "first")  # an exact repeat is one finding

    stand_ins.clear()
    stand_ins["CHD001"] = twice
    (file,) = engine.lint([str(write(tmp_path / "p.yaml", POLICY))], ALL).files

    base = fingerprint("CHD001", "s 2", "A child")
    assert [(f.message, f.fingerprint) for f in file.findings] == [("first", base), ("second", f"{base}-2")]


def test_selection_decides_which_checks_run(tmp_path: Path, stand_ins: dict) -> None:
    called = []
    stand_ins["DET002"] = lambda model: called.append("DET002") or ()
    report = engine.lint([str(write(tmp_path / "p.yaml", POLICY))], Selection(("DET",), ("DET002",)))

    assert [f.rule for f in report.findings] == ["DET001"]
    assert called == []


def test_discovery_recurses_sorted_skips_hidden_and_keeps_explicit_files(tmp_path: Path) -> None:
    for name in ("b/act.txt", "b/notes.md", "a.yml", "z.yaml", "data.csv", ".hidden/x.yaml", "c/.draft.yaml"):
        write(tmp_path / "laws" / name, "x\n")
    explicit = write(tmp_path / "statute.law", "x\n")

    inputs = engine.discover([str(tmp_path / "laws"), str(explicit), str(tmp_path / "laws" / "a.yml")])

    rel = [(Path(i.display).relative_to(tmp_path).as_posix(), i.kind) for i in inputs]
    assert rel == [
        ("laws/a.yml", "policy-yaml"),
        ("laws/b/act.txt", "statute-text"),
        ("laws/b/notes.md", "statute-text"),
        ("laws/z.yaml", "policy-yaml"),
        ("statute.law", "statute-text"),
    ]


def test_unreadable_inputs_become_file_errors_and_others_are_still_linted(tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", POLICY)
    bad = write(tmp_path / "bad.yaml", "instrument: [unclosed\n")
    missing = tmp_path / "missing.yaml"

    report = engine.lint([str(missing), str(bad), str(good)], ALL)

    by_path = {Path(f.path).name: f for f in report.files}
    assert by_path["bad.yaml"].findings == () and len(by_path["bad.yaml"].errors) == 1
    assert by_path["bad.yaml"].errors[0].message.startswith("invalid YAML")
    assert by_path["missing.yaml"].errors == (engine.FileError(str(missing.as_posix()), 1, 1, "no such file"),)
    assert len(by_path["good.yaml"].findings) == 3 and by_path["good.yaml"].errors == ()
    summary = report.summary
    assert (summary.files, summary.findings, summary.errors, summary.failed_files) == (3, 3, 2, 2)


def test_a_failing_check_is_an_error_of_the_file_not_a_crash(tmp_path: Path, stand_ins: dict) -> None:
    def broken(model: PolicyModel):
        yield from ()
        raise RuntimeError("boom\nsecond line")

    stand_ins["DET001"] = broken
    policy = write(tmp_path / "p.yaml", POLICY)
    (file,) = engine.lint([str(policy)], ALL).files

    assert [str(e) for e in file.errors] == [
        f"{policy.as_posix()}:1:1: internal error in check DET001: RuntimeError: boom second line"
    ]
    assert [f.rule for f in file.findings] == ["DET002", "CHD001"]


def test_a_rule_missing_from_the_catalog_is_reported(tmp_path: Path, stand_ins: dict) -> None:
    stand_ins["XYZ001"] = detains
    (file,) = engine.lint([str(write(tmp_path / "p.yaml", POLICY))], ALL).files
    assert [e.message for e in file.errors] == ["internal error: rule XYZ001 has no entry in the rules catalog"]


def test_statute_notices_become_findings_quoting_their_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    statute_pipeline(monkeypatch)
    act = write(tmp_path / "act.txt", "Aliens Act\n(zz) garbled words here\n")
    (file,) = engine.lint([str(act)], ALL).files

    assert (file.kind, file.title, file.jurisdiction) == ("statute-text", "Aliens Act", "Utopia")
    (notice,) = file.findings
    assert (notice.rule, notice.span.line, notice.evidence, notice.message) == (
        "STR001",
        2,
        "(zz) gar",
        "line not understood",
    )


def test_another_language_gets_lng001_and_no_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    statute_pipeline(monkeypatch, language="fr")
    monkeypatch.setattr(mimc_lint.checks, "REGISTRY", {"DET001": lambda model: pytest.fail("a check ran")})
    (file,) = engine.lint([str(write(tmp_path / "loi.txt", "Loi\nArticle 1. must detain\n"))], ALL).files

    assert [(f.rule, f.span.line, f.message) for f in file.findings] == [
        ("LNG001", 1, "language 'fr' not supported yet; no checks were run"),
        ("STR001", 2, "line not understood"),
    ]


def test_report_is_deterministic(tmp_path: Path) -> None:
    write(tmp_path / "d" / "one.yaml", POLICY)
    write(tmp_path / "d" / "two.yaml", POLICY)
    assert engine.lint([str(tmp_path / "d")], ALL) == engine.lint([str(tmp_path / "d")], ALL)


def test_linting_a_policy_never_imports_the_statute_pipeline(tmp_path: Path) -> None:
    """DESIGN.md section 7: a YAML policy is linted without spaCy (real checks, reader and catalogue)."""
    policy = write(tmp_path / "p.yaml", POLICY)
    script = textwrap.dedent(
        f"""
        import sys
        from mimc_lint.cli import main
        try:
            main([{str(policy)!r}])
        except SystemExit as stop:
            code = stop.code
        heavy = [m for m in ("spacy", "mimc_lint.readers.statute", "mimc_lint.extract") if m in sys.modules]
        print(code, heavy, file=sys.stderr)
        """
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(root)}
    )
    assert done.stderr.splitlines()[-1] in ("0 []", "1 []"), done.stderr


@pytest.mark.parametrize(
    ("select", "ignore", "selected"),
    [
        ((), (), {"CHD001", "DET001", "DET002"}),
        (("DET",), (), {"DET001", "DET002"}),
        (("DET",), ("DET002",), {"DET001"}),  # the longer ignore wins
        (("DET001",), ("DET",), {"DET001"}),  # the longer select wins
        ((), ("DET",), {"CHD001"}),
        (("DET001",), ("DET001",), set()),  # a tie goes to ignore
    ],
)
def test_longest_prefix_wins(select: tuple, ignore: tuple, selected: set) -> None:
    selection = Selection(select, ignore)
    assert {r for r in ("CHD001", "DET001", "DET002") if selection.selects(r)} == selected


def test_selection_parses_comma_lists_and_refuses_unknown_prefixes() -> None:
    from mimc_lint.selection import UnknownRule

    known = CATALOG.rules
    assert Selection.parse(["det001, chd", "DET002"], ["LNG"], known) == Selection(
        ("DET001", "CHD", "DET002"), ("LNG",)
    )
    with pytest.raises(UnknownRule, match=r"no rule ID starts with 'DTE' \(did you mean DET") as raised:
        Selection.parse([], ["DTE"], known)
    assert raised.value.option == "--ignore"
