"""Configuration files: discovery upward, every key, flags over keys, one-line errors, jurisdiction profiles.

The real rules run on a small policy (no spaCy needed): s 11 requires detention (CHD001, DET001, DET004,
DET005, DET006 at line 9) and s 12 confers a removal power with no bar on refoulement (NR001, line 16).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import lint_json, run, write

from mimc_lint import catalog, profiles
from mimc_lint.globs import matches

POLICY = """\
mimc-lint: 1
instrument: {title: Border Bill 2026, jurisdiction: Republic of Freedonia, kind: bill}
provisions:
  - ref: s 11
    text: An officer must detain a non-citizen whose visa has been cancelled.
    measures:
      - action: detain
        modality: must
        evidence: An officer must detain a non-citizen whose visa has been cancelled
        persons: [{class: non-national, term: non-citizen whose visa has been cancelled}]
  - ref: s 12
    text: An officer may remove a non-citizen whose visa has been cancelled.
    measures:
      - action: remove
        modality: may
        evidence: An officer may remove a non-citizen
        persons: [non-national]
"""
ALL_RULES = ["CHD001", "DET001", "DET004", "DET005", "DET006", "NR001"]


@pytest.fixture(autouse=True)
def laws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project: tmp/project/laws/bill.yaml, linted from tmp/project."""
    project = tmp_path / "project"
    (project / "laws").mkdir(parents=True)
    (project / "laws" / "bill.yaml").write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    return [finding for file in lint_json(capsys, *args)["files"] for finding in file["findings"]]


def rules(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    return [finding["rule"] for finding in findings(capsys, *args)]


def test_without_a_configuration_every_rule_runs(capsys) -> None:
    assert rules(capsys, "laws/bill.yaml") == ALL_RULES


def test_pyproject_is_found_upward_from_the_linted_file(capsys, laws: Path, monkeypatch) -> None:
    write("pyproject.toml", '[project]\nname = "laws"\n\n[tool.mimc-lint]\nselect = ["DET00"]\nignore = ["DET004"]\n')
    assert rules(capsys, "laws/bill.yaml") == ["DET001", "DET005", "DET006"]
    monkeypatch.chdir(laws.parent)  # found from the file, not from the working directory
    assert rules(capsys, "project/laws/bill.yaml") == ["DET001", "DET005", "DET006"]


def test_the_nearest_file_wins_and_a_pyproject_without_our_table_is_passed_over(capsys) -> None:
    write("pyproject.toml", '[tool.mimc-lint]\nselect = ["NR"]\n')
    write("laws/pyproject.toml", '[project]\nname = "laws"\n')
    assert rules(capsys, "laws/bill.yaml") == ["NR001"]
    write("laws/.mimc-lint.toml", 'select = ["CHD"]\n')
    assert rules(capsys, "laws/bill.yaml") == ["CHD001"]
    write("laws/pyproject.toml", '[tool.mimc-lint]\nselect = ["DET001"]\n')
    assert rules(capsys, "laws/bill.yaml") == ["CHD001"]  # .mimc-lint.toml before pyproject.toml


def test_config_names_the_file_and_flags_replace_its_keys(capsys) -> None:
    write("pyproject.toml", '[tool.mimc-lint]\nselect = ["NR"]\n')
    write("ci/strict.toml", 'select = ["DET", "CHD"]\nignore = ["DET00"]\nfail-on = "never"\n')
    assert rules(capsys, "laws/bill.yaml", "--config", "ci/strict.toml") == ["CHD001"]
    assert run(capsys, "laws/bill.yaml", "--config", "ci/strict.toml")[0] == 0
    assert run(capsys, "laws/bill.yaml", "--config", "ci/strict.toml", "--fail-on", "error")[0] == 1
    assert rules(capsys, "laws/bill.yaml", "--config", "ci/strict.toml", "--ignore", "DET004") == [
        "CHD001",
        "DET001",
        "DET005",
        "DET006",
    ]
    assert rules(capsys, "laws/bill.yaml", "--select", "DET001") == ["DET001"]


def test_fail_on_from_the_configuration(capsys) -> None:
    write(".mimc-lint.toml", 'select = ["NR"]\nfail-on = "error"\n')
    assert run(capsys, "laws/bill.yaml")[0] == 0  # NR001 is a warning
    write(".mimc-lint.toml", 'select = ["NR"]\nfail-on = "warning"\n')
    assert run(capsys, "laws/bill.yaml")[0] == 1


def test_per_file_ignores_match_globs_relative_to_the_configuration(capsys) -> None:
    write("laws/old/act.yaml", POLICY)
    write(".mimc-lint.toml", '[per-file-ignores]\n"laws/old/*.yaml" = ["DET", "CHD001"]\n"bill.yaml" = ["NR"]\n')
    code, out, _ = run(capsys, "--format", "json", "laws")
    assert code == 1
    by_file = {file["path"]: [f["rule"] for f in file["findings"]] for file in json.loads(out)["files"]}
    assert by_file == {"laws/bill.yaml": ALL_RULES[:-1], "laws/old/act.yaml": ["NR001"]}
    # a per-file ignore is absolute: a longer --select does not bring the rule back for that file
    assert rules(capsys, "laws/old/act.yaml", "--select", "DET001,NR") == ["NR001"]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (".mimc-lint.toml", 'select = ["DET"]\nselct = ["NR"]\n', "2:1: unknown key 'selct' (did you mean 'select'?)"),
        (
            ".mimc-lint.toml",
            'fail-on = "eror"\n',
            "1:1: 'fail-on' must be one of error, warning, info, never, got 'eror'",
        ),
        (
            ".mimc-lint.toml",
            'ignore = [\n  "DET004",\n  "DTE",\n]\n',
            "3:3: no rule ID starts with 'DTE' (did you mean",
        ),
        (".mimc-lint.toml", 'select = "DET"\n', "1:1: 'select' must be a list of rule IDs or prefixes"),
        (".mimc-lint.toml", "select = [DET]\n", "1:11: invalid TOML: Invalid value"),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.mimc-lint.per-file-ignores]\n"laws/*.yaml" = ["NR001", 3]\n',
            "5:1: 'per-file-ignores.\"laws/*.yaml\"' must be a list",
        ),
        (
            "pyproject.toml",
            '[tool.mimc-lint]\nselect = ["NR"]\n\n[tool.mimc-lint.profile]\nbase = "un-core"\n'
            'parties = ["ECHR", "ICPR"]\n',
            "6:20: unknown instrument 'ICPR' (did you mean 'ICCPR'?)",
        ),
        (".mimc-lint.toml", 'profile = "eu"\n', "1:1: unknown profile 'eu' (known: un-core,"),
        (
            ".mimc-lint.toml",
            "[profile]\nparty = []\n",
            "2:1: unknown key 'party' in 'profile' (did you mean 'parties'?)",
        ),
    ],
)
def test_a_bad_configuration_is_one_line_at_its_place_and_exit_2(capsys, name: str, text: str, expected: str) -> None:
    write(name, text)
    code, out, err = run(capsys, "laws/bill.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(f"{name}:{expected}") and err.count("\n") == 1, err


def test_a_missing_config_file_is_exit_2(capsys) -> None:
    assert run(capsys, "laws/bill.yaml", "--config", "nope.toml") == (
        2,
        "",
        "nope.toml:1:1: no such configuration file\n",
    )


def test_a_profile_reports_levels_against_the_instruments_the_state_is_party_to(capsys) -> None:
    """Freedonia is party to CAT and the CRC only: DET001 rests on the Refugee Convention, the ICCPR and EU
    law, so it is a gap against the MIMC; CHD001 rests on the CRC, so it binds; NR001 on CAT among others."""
    write(".mimc-lint.toml", '[profile]\nparties = ["Convention against Torture", "crc"]\n')
    by_rule = {f["rule"]: f for f in findings(capsys, "laws/bill.yaml")}
    assert {rule: f["level"] for rule, f in by_rule.items()} == {
        "CHD001": "binding",
        "DET001": "mimc-gap",
        "DET004": "mimc-gap",
        "DET005": "mimc-gap",
        "DET006": "binding",  # CRC art. 37(d)
        "NR001": "binding",
    }
    assert by_rule["DET001"]["related_binding"] == []
    assert by_rule["NR001"]["related_binding"] == ["CAT art. 3"]
    assert by_rule["DET001"]["severity"] == "error"  # a profile changes levels, never severities


def test_a_named_profile_and_a_base_with_more_parties(capsys) -> None:
    write(".mimc-lint.toml", 'profile = "un-core"\n')
    by_rule = {f["rule"]: f for f in findings(capsys, "laws/bill.yaml")}
    assert all(f["level"] == "binding" for f in by_rule.values())
    assert by_rule["DET001"]["related_binding"] == ["1951 Refugee Convention art. 31(2)", "ICCPR art. 9(1)"]
    write(".mimc-lint.toml", '[profile]\nbase = "un-core"\nparties = ["Return Directive"]\n')
    by_rule = {f["rule"]: f for f in findings(capsys, "laws/bill.yaml")}
    assert by_rule["DET001"]["related_binding"][-1] == "Return Directive 2008/115/EC art. 15(1)"


def test_without_a_profile_the_json_has_no_related_binding(capsys) -> None:
    assert all("related_binding" not in f for f in findings(capsys, "laws/bill.yaml"))


def test_every_related_citation_names_an_instrument_profiles_know() -> None:
    for rule in catalog.load().rules.values():
        for citation in rule.related:
            assert profiles.instrument_of(citation), f"{rule.id}: add the instrument of '{citation}' to profiles.yaml"


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.yaml", "laws/deep/bill.yaml", True),  # no slash: the name, in any directory
        ("laws/*.yaml", "laws/bill.yaml", True),
        ("laws/*.yaml", "laws/old/bill.yaml", False),  # `*` stays within a directory
        ("laws/**/*.yaml", "laws/bill.yaml", True),
        ("laws/**/*.yaml", "laws/old/bill.yaml", True),
        ("./laws/bill.y?ml", "laws/bill.yaml", True),
        ("laws/[!b]*.yaml", "laws/bill.yaml", False),
        ("laws/*.yaml", "../elsewhere/laws/bill.yaml", False),  # outside the directory of the pattern
    ],
)
def test_globs(laws: Path, pattern: str, path: str, expected: bool) -> None:
    assert matches(pattern, path, laws) is expected
