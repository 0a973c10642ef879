"""The command line (DESIGN.md section 3): exit codes, options, dispatch, output and error handling.

Checks and catalogue are the stand-ins of conftest.py (DET001 error, DET002 warning, CHD001 info, and the
input notices LNG001 and STR001), so the tests pin the CLI's behaviour, not what the real checks find. Other
modules (schema, parse tree, statute reader) are replaced by stand-ins through `sys.modules`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import JSON_FINDING_KEYS, run

from mimc_lint import engine
from mimc_lint.catalog import Catalog
from mimc_lint.model import PolicyModel


@pytest.fixture(autouse=True)
def workspace(stand_ins: dict, policy_text: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Stand-in checks; in a fresh directory, p.yaml (three findings) and clean.yaml (none)."""
    monkeypatch.chdir(tmp_path)
    Path("p.yaml").write_text(policy_text, encoding="utf-8")
    clean = policy_text.replace("must detain", "may release").replace("A child", "A person")
    Path("clean.yaml").write_text(clean, encoding="utf-8")


def rules_found(out: str) -> list[str]:
    return [f["rule"] for file in json.loads(out)["files"] for f in file["findings"]]


def test_exit_0_when_clean(capsys) -> None:
    assert run(capsys, "clean.yaml") == (0, "No findings in 1 file.\n", "")


def test_exit_1_on_findings_with_a_text_report(capsys) -> None:
    code, out, err = run(capsys, "p.yaml")
    assert (code, err) == (1, "")
    assert out == (
        "p.yaml:5:5: DET001 error s 1 mentions detain [MIMC art. 137]\n"
        '    > "must detain"\n'
        "p.yaml:5:5: DET002 warning s 1 mentions detain [MIMC art. 137]\n"
        '    > "detain"\n'
        "p.yaml:7:5: CHD001 info s 2 mentions child [MIMC art. 137]\n"
        '    > "A child"\n'
        "\n"
        "3 findings (1 error, 1 warning, 1 info) in 1 file\n"
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "error"], 1),
        (["--fail-on", "never"], 0),
        (["--select", "CHD"], 0),  # info is below the default threshold, warning
        (["--select", "CHD", "--fail-on", "info"], 1),
        (["--select", "DET002", "--fail-on", "error"], 0),
        (["--select", "DET002", "--fail-on", "warning"], 1),
    ],
)
def test_fail_on(capsys, args: list[str], code: int) -> None:
    assert run(capsys, "p.yaml", *args)[0] == code


@pytest.mark.parametrize(
    ("args", "rules"),
    [
        (["--select", "DET"], ["DET001", "DET002"]),
        (["--select", "det,chd001"], ["DET001", "DET002", "CHD001"]),
        (["--select", "DET", "--ignore", "DET002"], ["DET001"]),
        (["--ignore", "DET", "--select", "DET002"], ["DET002"]),
        (["--ignore", "DET001", "--ignore", "CHD"], ["DET002"]),
    ],
)
def test_select_and_ignore_by_prefix_longest_wins(capsys, args: list[str], rules: list[str]) -> None:
    assert rules_found(run(capsys, "p.yaml", "--format", "json", *args)[1]) == rules


def test_unknown_rule_prefix_is_a_usage_error(capsys) -> None:
    code, out, err = run(capsys, "p.yaml", "--select", "DTE")
    assert (code, out) == (2, "")
    assert "no rule ID starts with 'DTE' (did you mean DET" in err


@pytest.mark.parametrize(
    ("fmt", "start"),
    [("sarif", '{\n  "$schema"'), ("github", "::error file=p.yaml,line="), ("html", "<!DOCTYPE html>\n")],
)
def test_every_report_format_is_written_with_the_same_exit_code(capsys, fmt: str, start: str) -> None:
    code, out, err = run(capsys, "p.yaml", "--format", fmt)
    assert (code, err) == (1, "")
    assert out.startswith(start) and "DET001" in out


def test_an_unknown_format_is_refused_clearly(capsys) -> None:
    code, out, err = run(capsys, "p.yaml", "--format", "xml")
    assert (code, out) == (2, "")
    assert "'xml' is not a report format; use text, json, sarif, github, html" in err


def test_a_missing_path_is_one_line_and_exit_2(capsys) -> None:
    code, out, err = run(capsys, "missing.yaml", "clean.yaml")
    assert (code, err) == (2, "missing.yaml:1:1: no such file\n")
    assert out == "No findings in 2 files.\n1 file could not be read or checked\n"


def test_an_unreadable_file_still_reports_the_others(capsys) -> None:
    Path("bad.yaml").write_text("instrument: [\n", encoding="utf-8")
    code, out, err = run(capsys, "--format", "json", "bad.yaml", "p.yaml")
    document = json.loads(out)
    assert code == 2 and len(err.splitlines()) == 1 and err.startswith("bad.yaml:")
    assert [(f["path"], len(f["findings"]), len(f["errors"])) for f in document["files"]] == [
        ("bad.yaml", 0, 1),
        ("p.yaml", 3, 0),
    ]
    assert document["summary"] == {"files": 2, "findings": 3, "errors": 1}


def test_a_directory_is_linted_recursively(capsys, policy_text: str) -> None:
    for name in ("laws/a.yaml", "laws/sub/b.yml", "laws/.git/c.yaml"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(policy_text, encoding="utf-8")
    code, out, _ = run(capsys, "laws", "--format", "json")
    assert code == 1
    assert [f["path"] for f in json.loads(out)["files"]] == ["laws/a.yaml", "laws/sub/b.yml"]


def test_a_failing_check_is_one_line_exit_2_without_traceback(capsys, stand_ins: dict) -> None:
    def broken(model: PolicyModel):
        raise ZeroDivisionError("division by zero")

    stand_ins["DET001"] = broken
    code, out, err = run(capsys, "p.yaml")
    assert (code, err) == (2, "p.yaml:1:1: internal error in check DET001: ZeroDivisionError: division by zero\n")
    assert "2 findings (0 errors, 1 warning, 1 info) in 1 file" in out


def test_an_unexpected_error_is_one_line_exit_2(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(paths, selection, jobs=1):
        raise KeyError("oops")

    monkeypatch.setattr(engine, "lint", crash)
    assert run(capsys, "p.yaml") == (2, "", "mimc-lint: internal error: KeyError: 'oops'\n")


def test_json_is_deterministic_and_keyed_as_the_contract(capsys) -> None:
    first = run(capsys, "--format", "json", ".")[1]
    assert run(capsys, ".", "--format=json")[1] == first
    document = json.loads(first)
    assert list(document) == ["version", "tool", "files", "summary"]
    assert list(document["files"][1]) == ["path", "kind", "instrument", "findings", "errors", "scorecard"]
    assert list(document["files"][1]["findings"][0]) == JSON_FINDING_KEYS


def test_output_is_written_to_a_file(capsys) -> None:
    code, out, _ = run(capsys, "p.yaml", "--format", "json", "--output", "report.json")
    assert (code, out) == (1, "")
    assert rules_found(Path("report.json").read_text(encoding="utf-8")) == ["DET001", "DET002", "CHD001"]
    assert [p.name for p in Path().iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(("inputs", "output"), [(["p.yaml"], "p.yaml"), (["."], "./clean.yaml")])
def test_output_never_overwrites_an_input(capsys, inputs: list[str], output: str) -> None:
    before = Path(output).read_bytes()
    code, out, err = run(capsys, *inputs, "--output", output)
    assert (code, out) == (2, "")
    assert "refusing to overwrite it" in err
    assert Path(output).read_bytes() == before


def test_version_and_help(capsys) -> None:
    assert run(capsys, "--version") == (0, "mimc-lint 0.1.0\n", "")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and all(name in out for name in ("check", "rules", "explain", "schema", "parse"))


def test_a_file_named_like_a_subcommand_is_linted_with_check(capsys, statute_pipeline: Callable[..., None]) -> None:
    """Without a .yaml suffix, `rules` is statute text: stand-ins read it as one provision."""
    statute_pipeline()
    Path("rules").write_text("Border Act\nAn officer must detain every irregular entrant.\n", encoding="utf-8")

    for args in (
        ["check", "rules", "--format", "json"],
        ["--format", "json", "--", "rules"],
        ["--format=json", "check", "rules"],
    ):
        code, out, err = run(capsys, *args)
        assert (code, err) == (1, "")
        assert [(f["path"], f["kind"]) for f in json.loads(out)["files"]] == [("rules", "statute-text")]


def test_rules_and_explain_dispatch_to_the_catalog_reporters(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def render_explain(catalog: Catalog, query: str) -> str:
        if query not in catalog.rules:
            raise KeyError(f"no rule or MIMC article matches '{query}'")
        return f"explained {query}"

    fake = types.SimpleNamespace(
        render_rules=lambda catalog, fmt: f"{len(catalog.rules)} rules as {fmt}", render_explain=render_explain
    )
    monkeypatch.setitem(sys.modules, "mimc_lint.report.catalog", fake)

    assert run(capsys, "rules") == (0, "5 rules as text\n", "")
    assert run(capsys, "--format", "json", "rules") == (0, "5 rules as json\n", "")
    assert run(capsys, "explain", "DET001") == (0, "explained DET001\n", "")
    code, out, err = run(capsys, "explain", "XYZ")
    assert (code, out) == (2, "") and "no rule or MIMC article matches 'XYZ'" in err


def test_schema_and_parse_dispatch(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        sys.modules, "mimc_lint.schema", types.SimpleNamespace(schema_text=lambda: '{"type": "object"}')
    )
    monkeypatch.setitem(
        sys.modules,
        "mimc_lint.readers.statute",
        types.SimpleNamespace(parse_statute=lambda source: source.text.split()),
    )
    monkeypatch.setitem(
        sys.modules, "mimc_lint.report.tree", types.SimpleNamespace(render_tree=lambda document: " | ".join(document))
    )
    Path("act.txt").write_text("s 1 An officer\n", encoding="utf-8")

    assert run(capsys, "schema") == (0, '{"type": "object"}\n', "")
    assert run(capsys, "parse", "act.txt") == (0, "s | 1 | An | officer\n", "")
    assert run(capsys, "parse", "missing.txt") == (2, "", "missing.txt:1:1: no such file\n")
    code, out, err = run(capsys, "parse", "p.yaml")
    assert (code, out) == (2, "") and "a policy YAML has no provision tree" in err


def test_console_entry_point_in_a_fresh_interpreter(tmp_path: Path) -> None:
    """`python -m mimc_lint` with the real checks and catalogue: a usage error is exit 2 without traceback."""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "mimc_lint", "p.yaml", "--select", "NOSUCHRULE"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(root)},
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no rule ID starts with 'NOSUCHRULE'" in done.stderr


@pytest.mark.parametrize(("flag", "jobs"), [([], 1), (["--jobs", "3"], 3), (["-j", "0"], 7)])
def test_jobs_are_passed_on_and_zero_means_one_per_cpu(
    capsys, monkeypatch: pytest.MonkeyPatch, flag: list[str], jobs: int
) -> None:
    asked: list[int] = []
    lint = engine.lint
    monkeypatch.setattr(engine, "lint", lambda paths, selection, jobs=1: asked.append(jobs) or lint(paths, selection))
    monkeypatch.setattr("os.cpu_count", lambda: 7)
    assert run(capsys, "p.yaml", *flag)[0] == 1
    assert asked == [jobs]


def test_a_negative_job_count_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "p.yaml", "--jobs", "-1")
    assert code == 2 and "--jobs" in err
