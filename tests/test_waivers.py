"""Waivers: comments in policy YAML and waiver files, each with a reason; waived findings stay in the report
but do not fail the run; a waiver that matches nothing is WVR001 in every format; `--no-waivers` audits.

The real rules run. In POLICY, s 11 requires detention (CHD001, DET001, DET004, DET005, DET006 at line 10)
and s 12 confers a removal power with no bar on refoulement (NR001 at line 17).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import lint_json, run, write

from mimc_lint import catalog
from mimc_lint.source import SourceText
from mimc_lint.waivers import comments

HEAD = """\
mimc-lint: 1
instrument: {title: Border Bill 2026, jurisdiction: Republic of Freedonia, kind: bill}
provisions:
"""
S11 = """\
  - ref: s 11
    text: An officer must detain a non-citizen whose visa has been cancelled.
    measures:
      - action: detain
        modality: must
        evidence: An officer must detain a non-citizen whose visa has been cancelled
        persons: [{class: non-national, term: non-citizen whose visa has been cancelled}]
"""
S12 = """\
  - ref: s 12
    text: An officer may remove a non-citizen whose visa has been cancelled.
    measures:
      - action: remove
        modality: may
        evidence: An officer may remove a non-citizen
        persons: [non-national]
"""
REASON = "accepted by the Legislation Committee for 72 hours at most (minute 2026/4)"
WAIVER = f"  # mimc-lint: allow DET001 -- {REASON}\n"
POLICY = HEAD + WAIVER + S11 + S12

STATUTE = """\
Border Control Act 2026
Republic of Freedonia

1 Detention
(1) An officer must detain every unlawful non-citizen.

2 Removal
An officer may remove an unlawful non-citizen from the Republic.
"""


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def by_rule(document: dict) -> dict[str, dict]:
    return {f["rule"]: f for file in document["files"] for f in file["findings"]}


def waived(document: dict) -> list[str]:
    return [f["rule"] for file in document["files"] for f in file["findings"] if f.get("waived")]


def test_a_comment_above_a_provision_waives_its_findings_of_that_rule(capsys) -> None:
    write("bill.yaml", POLICY)
    document = lint_json(capsys, "bill.yaml")
    findings = by_rule(document)
    assert (findings["DET001"]["waived"], findings["DET001"]["waiver_reason"]) == (True, REASON)
    assert findings["DET001"]["waiver_source"] == "bill.yaml:4"
    assert [rule for rule, f in findings.items() if "waived" in f] == ["DET001"]
    assert document["summary"] == {"files": 1, "findings": 5, "errors": 0, "waived": 1}


def test_waived_findings_do_not_fail_the_run_and_no_waivers_shows_them(capsys) -> None:
    write("bill.yaml", POLICY)
    code, out, _ = run(capsys, "bill.yaml", "--select", "DET001")
    assert code == 0
    assert out.startswith("No findings in 1 file.\n1 finding waived, each with a reason (--no-waivers lists them)\n")
    code, out, _ = run(capsys, "bill.yaml", "--select", "DET001", "--no-waivers")
    assert code == 1 and out.startswith("bill.yaml:10:19: DET001 error ")
    assert not waived(lint_json(capsys, "bill.yaml", "--no-waivers"))


def test_a_trailing_comment_waives_the_node_on_its_line(capsys) -> None:
    trailing = S12.replace("persons: [non-national]", "persons: [non-national]  # mimc-lint: allow nr -- s 30 bars it")
    write("bill.yaml", HEAD + S11 + trailing)
    assert "waived" not in by_rule(lint_json(capsys, "bill.yaml"))["NR001"]  # the comment is on the next line
    trailing = S12.replace(
        "An officer may remove a non-citizen\n",
        "An officer may remove a non-citizen  # mimc-lint: allow NR -- s 30 bars it\n",
    )
    write("bill.yaml", HEAD + S11 + trailing)
    findings = by_rule(lint_json(capsys, "bill.yaml"))
    assert findings["NR001"]["waiver_reason"] == "s 30 bars it"
    assert "WVR001" not in findings


def test_what_a_comment_covers() -> None:
    """The node after the comment: its line and every line indented more deeply, and a list under a bare key."""
    text = (
        HEAD
        + "  # mimc-lint: allow DET001 -- a\n"  # 4: covers s 11, lines 5-11
        + S11.replace("      - action: detain", "      # mimc-lint: allow DET -- b\n      - action: detain")  # 8: 9-12
        + "  - ref: s 12  # mimc-lint: allow NR001, NR002 -- c\n"  # 13: its own node, lines 13-14
        + "    text: An officer may remove a person.\n"
        + "# mimc-lint: allow CHD -- d\n"  # 15: covers nothing (no node follows)
    )
    allowances, errors = comments(SourceText("bill.yaml", text), catalog.load().rules)
    assert errors == []
    assert [(a.rules, a.reason, a.lines) for a in allowances] == [
        (("DET001",), "a", (5, 12)),
        (("DET",), "b", (9, 12)),
        (("NR001", "NR002"), "c", (13, 14)),
        (("CHD",), "d", (0, -1)),
    ]
    top = HEAD.replace("provisions:\n", "# mimc-lint: allow NR -- e\nprovisions:\n- ref: s 1\n  text: x\n")
    (allowance,), _ = comments(SourceText("bill.yaml", top), catalog.load().rules)
    assert allowance.lines == (4, 6)  # a bare key takes the list under it, even at its own indentation


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("# mimc-lint: allow DET001", "4:3: waiver without a reason: write '# mimc-lint: allow DET001 -- why"),
        ("# mimc-lint: allow DET001 --  ", "4:3: waiver without a reason"),
        ("# mimc-lint: allow -- fine", "4:3: waiver names no rule; write '# mimc-lint: allow RULE -- reason'"),
        ("# mimc-lint: allow DTE001 -- fine", "4:3: no rule ID starts with 'DTE001' (did you mean DET001"),
        ("# mimc-lint: alow DET001 -- fine", "4:3: unknown mimc-lint directive 'alow'"),
    ],
)
def test_a_malformed_comment_is_an_error_of_the_file(capsys, comment: str, expected: str) -> None:
    write("bill.yaml", HEAD + f"  {comment}\n" + S11)
    write("other.yaml", HEAD + S12)
    code, out, err = run(capsys, "--format", "json", "bill.yaml", "other.yaml")
    assert code == 2
    assert err.startswith(f"bill.yaml:{expected}") and err.count("\n") == 1, err
    assert [len(file["findings"]) for file in json.loads(out)["files"]] == [5, 1]  # both still linted


def test_a_comment_that_matches_nothing_is_wvr001_where_it_stands(capsys) -> None:
    write("bill.yaml", HEAD + S11 + "  # mimc-lint: allow CHD002 -- no longer needed\n" + S12)
    code, out, _ = run(capsys, "bill.yaml", "--fail-on", "error")
    assert code == 1
    assert (
        "bill.yaml:11:3: WVR001 info waiver for CHD002 matches no finding where it stands; remove it or move it to "
        'the finding it accepts\n    > "# mimc-lint: allow CHD002 -- no longer needed"\n'
    ) in out
    assert "WVR001" not in by_rule(lint_json(capsys, "bill.yaml", "--ignore", "CHD"))  # its rule did not run


@pytest.mark.parametrize(("fmt", "shown"), [("sarif", '"ruleId": "WVR001"'), ("github", "WVR001"), ("html", "WVR001")])
def test_an_unmatched_waiver_shows_in_every_format(capsys, fmt: str, shown: str) -> None:
    write("bill.yaml", HEAD + S11 + "  # mimc-lint: allow CHD002 -- no longer needed\n" + S12)
    code, out, err = run(capsys, "bill.yaml", "--format", fmt)
    assert code == 1 and err == ""
    assert shown in out


WAIVER_FILE = f"""\
# Findings accepted on purpose.
waivers:
  - file: laws/*.txt
    rule: DET
    provision: s 1
    reason: {REASON}
  - file: laws/*.txt
    rule: [NR001]
    provision: s 9
    reason: renumbered since
  - file: elsewhere/*.txt
    rule: NR001
    provision: s 2
    reason: for another law, not linted in this run
"""


def test_a_waiver_file_waives_findings_in_statute_text(capsys) -> None:
    write("laws/act.txt", STATUTE)
    write(".mimc-lint-waivers.yaml", WAIVER_FILE)
    document = lint_json(capsys, "laws/act.txt")
    act, waivers = document["files"]
    waived = {f["rule"]: f["waiver_source"] for f in act["findings"] if f.get("waived")}
    assert waived == {r: ".mimc-lint-waivers.yaml:3" for r in ("DET002", "DET004", "DET005", "DET006")}
    assert "waived" not in by_rule(document)["NR001"]
    # the entry for s 9 matches nothing here; the one for files not linted in this run is not judged
    assert (waivers["path"], waivers["kind"]) == (".mimc-lint-waivers.yaml", "waivers")
    assert [(f["rule"], f["line"], f["message"]) for f in waivers["findings"]] == [
        ("WVR001", 7, "waiver for NR001 matches no finding at s 9 in laws/*.txt; remove it or move it to the finding "
         "it accepts")
    ]  # fmt: skip


def test_the_waiver_file_is_found_next_to_the_configuration_or_named(capsys) -> None:
    write("laws/act.txt", STATUTE)
    write("config/.mimc-lint-waivers.yaml", WAIVER_FILE.replace("laws/*.txt", "../laws/*.txt"))
    assert not waived(lint_json(capsys, "laws/act.txt", "--select", "DET002"))
    write("config/.mimc-lint.toml", 'select = ["DET002"]\n')
    assert by_rule(lint_json(capsys, "laws/act.txt", "--config", "config/.mimc-lint.toml"))["DET002"]["waived"]
    assert by_rule(lint_json(capsys, "laws/act.txt", "--waivers", "config/.mimc-lint-waivers.yaml"))["DET002"]["waived"]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("  - {file: a.txt, rule: DET001, provision: s 1}\n", "3:5: waiver without a reason"),
        ("  - {file: a.txt, rule: DET001, provision: s 1, reason: ' '}\n", "3:57: waiver without a reason"),
        ("  - {file: a.txt, rule: DTE, provision: s 1, reason: r}\n", "3:25: no rule ID starts with 'DTE'"),
        ("  - {file: a.txt, rules: DET001, provision: s 1, reason: r}\n", "3:19: unknown key 'rules' (did you mean"),
        ("  - {file: a.txt, rule: DET001, reason: r}\n", "3:5: missing key 'provision'"),
        ("  - [a.txt]\n", "3:5: each waiver must be a mapping"),
    ],
)
def test_a_bad_waiver_file_is_one_line_and_exit_2(capsys, entry: str, expected: str) -> None:
    write("bill.yaml", POLICY)
    write(".mimc-lint-waivers.yaml", "# accepted findings\nwaivers:\n" + entry)
    code, out, err = run(capsys, "bill.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(f".mimc-lint-waivers.yaml:{expected}") and err.count("\n") == 1, err
    assert run(capsys, "bill.yaml", "--no-waivers")[0] == 1  # audit mode reads no waiver file
