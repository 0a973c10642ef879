"""The engine: discovery, reading, checking, catalogue enrichment, fingerprints and error containment.

The checks, the catalogue and the statute pipeline are the stand-ins of conftest.py, so these tests say what
the engine does whatever the real checks find; the policy YAML goes through the real reader.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from mimc_lint import engine
from mimc_lint.catalog import Catalog
from mimc_lint.findings import Hit, Level, Severity, fingerprint
from mimc_lint.model import PolicyModel
from mimc_lint.selection import Selection

pytestmark = pytest.mark.usefixtures("stand_ins")

ALL = Selection()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "statutes"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_findings_carry_catalog_metadata_and_stable_fingerprints(tmp_path: Path, policy_text: str) -> None:
    policy = write(tmp_path / "p.yaml", policy_text)
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
    assert (det.provision, det.evidence, det.message) == ("s 1", "must detain", "s 1 mentions detain")
    assert det.fingerprint == fingerprint("DET001", "s 1", "must detain")


def test_repeated_fingerprints_get_suffixes_in_order(tmp_path: Path, stand_ins: dict, policy_text: str) -> None:
    def twice(model: PolicyModel):
        p = model.provision("s 2")
        moved = p.span.__class__(p.span.path, p.span.line, p.span.column + 2, p.span.end_line, p.span.end_column)
        yield Hit("s 2", moved, "A child", "second")
        yield Hit("s 2", p.span, "A child", "first")
        yield Hit("s 2", p.span, "A child", "first")  # an exact repeat is one finding

    stand_ins.clear()
    stand_ins["CHD001"] = twice
    (file,) = engine.lint([str(write(tmp_path / "p.yaml", policy_text))], ALL).files

    base = fingerprint("CHD001", "s 2", "A child")
    assert [(f.message, f.fingerprint) for f in file.findings] == [("first", base), ("second", f"{base}-2")]


def test_selection_decides_which_checks_run(tmp_path: Path, stand_ins: dict, policy_text: str) -> None:
    called = []
    stand_ins["DET002"] = lambda model: called.append("DET002") or ()
    report = engine.lint([str(write(tmp_path / "p.yaml", policy_text))], Selection(("DET",), ("DET002",)))

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


def test_a_directory_walk_skips_repository_documents_but_a_named_one_is_linted(tmp_path: Path) -> None:
    """README.md beside the laws describes them; it is not a law. Named on the command line, it is linted."""
    documents = ("README.md", "readme.txt", "LICENSE.txt", "CHANGELOG.md", "CONTRIBUTING.md", "sub/README.en.md")
    for name in (*documents, "act.md", "readme-act.md", "sub/licensing-act.txt"):
        write(tmp_path / "repo" / name, "x\n")

    walked = engine.discover([str(tmp_path / "repo")])
    named = engine.discover([str(tmp_path / "repo" / "README.md")])

    assert [Path(i.display).relative_to(tmp_path).as_posix() for i in walked] == [
        "repo/act.md",
        "repo/readme-act.md",
        "repo/sub/licensing-act.txt",
    ]
    assert [(Path(i.display).name, i.kind) for i in named] == [("README.md", "statute-text")]


def test_unreadable_inputs_become_file_errors_and_others_are_still_linted(tmp_path: Path, policy_text: str) -> None:
    good = write(tmp_path / "good.yaml", policy_text)
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


def test_a_failing_check_is_an_error_of_the_file_not_a_crash(tmp_path: Path, stand_ins: dict, policy_text: str) -> None:
    def broken(model: PolicyModel):
        yield from ()
        raise RuntimeError("boom\nsecond line")

    stand_ins["DET001"] = broken
    policy = write(tmp_path / "p.yaml", policy_text)
    (file,) = engine.lint([str(policy)], ALL).files

    assert [str(e) for e in file.errors] == [
        f"{policy.as_posix()}:1:1: internal error in check DET001: RuntimeError: boom second line"
    ]
    assert [f.rule for f in file.findings] == ["DET002", "CHD001"]


def test_a_rule_missing_from_the_catalog_is_reported(tmp_path: Path, stand_ins: dict, policy_text: str) -> None:
    stand_ins["XYZ001"] = stand_ins["DET001"]
    (file,) = engine.lint([str(write(tmp_path / "p.yaml", policy_text))], ALL).files
    assert [e.message for e in file.errors] == ["internal error: rule XYZ001 has no entry in the rules catalog"]


def test_statute_notices_become_findings_quoting_their_words(
    tmp_path: Path, statute_pipeline: Callable[..., None]
) -> None:
    statute_pipeline()
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


def test_another_language_gets_lng001_only(
    tmp_path: Path, statute_pipeline: Callable[..., None], stand_ins: dict
) -> None:
    """No checks run, and the reader's notices, which say where checks may misread the text, are left out."""
    statute_pipeline(language="fr")
    stand_ins.clear()
    stand_ins["DET001"] = lambda model: pytest.fail("a check ran")
    (file,) = engine.lint([str(write(tmp_path / "loi.txt", "Loi\nArticle 1. must detain\n"))], ALL).files

    assert [(f.rule, f.span.line, f.message) for f in file.findings] == [
        ("LNG001", 1, "language 'fr' not supported yet; no checks were run"),
    ]


def test_report_is_deterministic(tmp_path: Path, policy_text: str) -> None:
    write(tmp_path / "d" / "one.yaml", policy_text)
    write(tmp_path / "d" / "two.yaml", policy_text)
    assert engine.lint([str(tmp_path / "d")], ALL) == engine.lint([str(tmp_path / "d")], ALL)


def test_linting_a_policy_never_imports_the_statute_pipeline(tmp_path: Path, policy_text: str) -> None:
    """DESIGN.md section 7: a YAML policy is linted without spaCy (real checks, reader and catalogue)."""
    policy = write(tmp_path / "p.yaml", policy_text)
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


def test_selection_parses_comma_lists_and_refuses_unknown_prefixes(catalog: Catalog) -> None:
    from mimc_lint.selection import UnknownRule

    known = catalog.rules
    assert Selection.parse(["det001, chd", "DET002"], ["LNG"], known) == Selection(
        ("DET001", "CHD", "DET002"), ("LNG",)
    )
    with pytest.raises(UnknownRule, match=r"no rule ID starts with 'DTE' \(did you mean DET") as raised:
        Selection.parse([], ["DTE"], known)
    assert raised.value.option == "--ignore"


def test_jobs_give_the_report_of_one_process(tmp_path: Path) -> None:
    """DESIGN.md section 7: `--jobs N` shares the files among processes; the report is the one `--jobs 1` gives,
    in the same order, errors of unreadable files included."""
    for example in sorted(EXAMPLES.iterdir()):
        write(tmp_path / "laws" / example.name, example.read_text(encoding="utf-8"))
    (tmp_path / "laws" / "broken.yaml").write_bytes(b"\xff\xfe\x00binary")
    alone = engine.lint([str(tmp_path / "laws")], ALL)
    assert len(alone.files) > 2 and any(file.errors for file in alone.files)
    assert engine.lint([str(tmp_path / "laws")], ALL, jobs=3) == alone


def _dying_worker(item: engine.Input, selection: Selection) -> engine.FileReport:
    """A worker process that is killed while it lints the second policy."""
    if item.path.name == "b.yaml":
        os._exit(9)
    return engine.lint_file(item, selection, engine.rules_catalog.load())


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers see the stand-in only when forked")
def test_files_whose_worker_died_are_linted_in_the_main_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, policy_text: str
) -> None:
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        write(tmp_path / "laws" / name, policy_text)
    alone = engine.lint([str(tmp_path / "laws")], ALL)
    monkeypatch.setattr(engine, "_lint_in_worker", _dying_worker)
    assert engine.lint([str(tmp_path / "laws")], ALL, jobs=2) == alone
