"""Baselines (`--write-baseline`, `--baseline`) and `mimc-lint diff`, on statute text through the real pipeline.

A finding's fingerprint has no line number in it, so a baseline still knows a finding after lines are
added above it, and `diff` matches the findings of two versions at different paths.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import lint_json, run

ACT = """\
Border Control Act 2026
Republic of Freedonia

1 Detention
(1) An officer must detain every unlawful non-citizen.

2 Removal
An officer may remove an unlawful non-citizen from the Republic.
"""
PRELIMINARY = """\
Border Control Act 2026
Republic of Freedonia

Part 1 Preliminary

0A Short title
This Act may be cited as the Border Control Act 2026.

0B Commencement
This Act commences on the day after it receives the Royal Assent.

Part 2 Powers
"""
CHILDREN = """
3 Children
An officer must detain every unaccompanied child.
"""


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("act.txt").write_text(ACT, encoding="utf-8")
    return tmp_path


def test_write_baseline_records_sorted_findings_and_exits_0(capsys) -> None:
    current = lint_json(capsys, "act.txt")["files"][0]["findings"]
    code, out, err = run(capsys, "act.txt", "--write-baseline", "baseline.json")
    assert code == 0 and out.startswith("act.txt:")
    assert err == f"mimc-lint: recorded {len(current)} findings in baseline.json\n"
    document = json.loads(Path("baseline.json").read_text(encoding="utf-8"))
    assert (document["version"], document["tool"]) == (1, "mimc-lint")
    entries = [(e["path"], e["rule"], e["provision"], e["fingerprint"]) for e in document["findings"]]
    assert entries == sorted(("act.txt", f["rule"], f["provision"], f["fingerprint"]) for f in current)
    assert {rule for _, rule, _, _ in entries} >= {"DET002", "NR001"}


def test_known_findings_survive_lines_added_above_them(capsys) -> None:
    run(capsys, "act.txt", "--write-baseline", "baseline.json")
    Path("act.txt").write_text(ACT.replace("Border Control Act 2026\nRepublic of Freedonia\n", PRELIMINARY), "utf-8")
    moved = lint_json(capsys, "act.txt")["files"][0]["findings"]
    assert moved and all(f["line"] > 10 for f in moved)  # every finding moved down ...

    code, out, _ = run(capsys, "act.txt", "--baseline", "baseline.json")  # ... and is still known
    assert code == 0
    assert out.startswith(
        f"No findings in 1 file.\n{len(moved)} known findings from baseline baseline.json not shown; "
        "0 of its findings are gone\n"
    )
    document = lint_json(capsys, "act.txt", "--baseline", "baseline.json")
    assert document["summary"]["baseline"] == {"path": "baseline.json", "known": len(moved), "gone": 0}


def test_only_new_findings_are_reported_and_gone_ones_counted(capsys) -> None:
    run(capsys, "act.txt", "--write-baseline", "baseline.json")
    removal = "\n2 Removal\nAn officer may remove an unlawful non-citizen from the Republic.\n"
    Path("act.txt").write_text(ACT.replace(removal, CHILDREN), encoding="utf-8")
    document = lint_json(capsys, "act.txt", "--baseline", "baseline.json")
    new = document["files"][0]["findings"]
    assert new and {f["provision"] for f in new} == {"s 3"}
    assert document["summary"]["baseline"]["gone"] == 1  # NR001 at s 2
    assert run(capsys, "act.txt", "--baseline", "baseline.json")[0] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{\n  "version": 1,\n  "findings": [\n}', "baseline.json:4:1: invalid JSON: Expecting value"),
        ('{"version": 2, "findings": []}', "baseline.json:1:1: unsupported baseline version 2 (expected 1)"),
        ('{"version": 1, "findings": [{"path": "a"}]}', "baseline.json:1:1: each entry of 'findings' needs 'path', "),
        ('{"version": 1}', "baseline.json:1:1: not a mimc-lint baseline (write one with --write-baseline FILE)"),
    ],
)
def test_a_bad_baseline_is_one_line_and_exit_2(capsys, text: str, expected: str) -> None:
    Path("baseline.json").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "act.txt", "--baseline", "baseline.json")
    assert (code, out) == (2, "")
    assert err.startswith(expected) and err.count("\n") == 1, err


def test_write_baseline_never_overwrites_an_input(capsys) -> None:
    code, out, err = run(capsys, "act.txt", "--write-baseline", "act.txt")
    assert (code, out) == (2, "") and "refusing to overwrite it" in err
    assert Path("act.txt").read_text(encoding="utf-8") == ACT


def test_diff_lists_introduced_and_resolved_findings_across_paths(capsys) -> None:
    Path("drafts").mkdir()
    removal = "\n2 Removal\nAn officer may remove an unlawful non-citizen from the Republic.\n"
    new_text = ACT.replace("Border Control Act 2026\nRepublic of Freedonia\n", PRELIMINARY).replace(removal, CHILDREN)
    Path("drafts/act-v2.txt").write_text(new_text, encoding="utf-8")

    code, out, err = run(capsys, "diff", "act.txt", "drafts/act-v2.txt", "--format", "json")
    assert (code, err) == (1, "")
    document = json.loads(out)
    assert (document["version"], document["old"], document["new"]) == (1, "act.txt", "drafts/act-v2.txt")
    assert {f["provision"] for f in document["introduced"]} == {"s 3"}
    assert all(f["path"] == "drafts/act-v2.txt" for f in document["introduced"])
    assert [(f["path"], f["rule"], f["provision"]) for f in document["resolved"]] == [("act.txt", "NR001", "s 2")]
    unchanged = len(lint_json(capsys, "act.txt")["files"][0]["findings"]) - 1
    assert document["summary"] == {
        "introduced": len(document["introduced"]),
        "resolved": 1,
        "unchanged": unchanged,
    }

    code, out, _ = run(capsys, "diff", "act.txt", "drafts/act-v2.txt")
    assert code == 1
    assert out.startswith("Introduced in drafts/act-v2.txt:\ndrafts/act-v2.txt:")
    assert "\nResolved since act.txt:\nact.txt:8:" in out
    assert out.endswith(f"1 resolved, {unchanged} unchanged\n")


def test_diff_exit_code_depends_on_introduced_findings_only(capsys) -> None:
    removal = "\n2 Removal\nAn officer may remove an unlawful non-citizen from the Republic.\n"
    Path("fixed.txt").write_text(ACT.replace(removal, "\n"), encoding="utf-8")
    assert run(capsys, "diff", "act.txt", "fixed.txt")[0] == 0  # only resolved
    assert run(capsys, "diff", "fixed.txt", "act.txt")[0] == 1  # NR001, a warning, introduced
    assert run(capsys, "diff", "fixed.txt", "act.txt", "--fail-on", "error")[0] == 0
    code, out, err = run(capsys, "diff", "act.txt", "missing.txt")
    assert code == 2 and err == "missing.txt:1:1: no such file\n"
    assert out.endswith("the comparison is incomplete: a version could not be read or checked\n")
