"""Statute text that is strange, broken or foreign: each gives one clear line (exit 2) or an info notice,
never a traceback, through the engine and through the command line, with the real reader and checks.

The YAML counterparts are in test_policy_yaml.py; both kinds share `readers.read_source`.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run

import mimc_lint.readers
from mimc_lint import engine
from mimc_lint.selection import Selection

ROOT = Path(__file__).resolve().parents[1]
ALL = Selection()

#: A fictional Commonwealth-style act with findings on several lines, some after non-ASCII characters.
ACT = """\
Migration Act 2026 — Commonwealth of Arcadia

PART 2—DETENTION

12 Detention of unlawful non‑citizens
(1) An officer—at the border or in Arcadia—must detain a person who is an unlawful non‑citizen.
(2) A person detained under subsection (1) must be kept in immigration detention until he or she is removed.

20 Removal
(1) An officer may remove an unlawful non‑citizen from Arcadia.
"""

#: Fictional statutes in languages the extraction does not read; each is in a drafting tradition it parses.
FOREIGN = {
    "fr": """\
Loi relative à l'entrée et au séjour des étrangers en République de Freedonia

Article 1
1. L'étranger qui entre sur le territoire sans titre de séjour est placé en rétention par l'autorité administrative.
2. La rétention ne peut excéder la durée strictement nécessaire à son départ.

Article 2
1. Aucun étranger ne peut être éloigné à destination d'un pays où sa vie ou sa liberté serait menacée.
2. Le présent article ne s'applique pas à l'étranger qui constitue une menace grave pour l'ordre public.
""",
    "es": """\
Ley de extranjería de la República de Freedonia

Artículo 1
1. El extranjero que entre en el territorio sin autorización será detenido por la autoridad competente.
2. La detención no podrá exceder del tiempo imprescindible para la expulsión del extranjero.

Artículo 2
1. Ningún extranjero podrá ser devuelto a un país en el que su vida o su libertad estén amenazadas.
2. Lo dispuesto en este artículo no se aplicará al extranjero que constituya un peligro para la seguridad del Estado.
""",
    "de": """\
Gesetz über den Aufenthalt von Ausländern in der Republik Freedonia

§ 1 Haft
(1) Ein Ausländer, der ohne Aufenthaltstitel in das Staatsgebiet einreist, ist von der zuständigen Behörde in Haft zu
nehmen.
(2) Die Haft darf die für die Abschiebung erforderliche Dauer nicht überschreiten.

§ 2 Abschiebungsverbot
(1) Ein Ausländer darf nicht in einen Staat abgeschoben werden, in dem sein Leben oder seine Freiheit bedroht ist.
(2) Dies gilt nicht für einen Ausländer, der eine Gefahr für die Sicherheit des Staates darstellt.
""",
}

#: Refused inputs: the bytes, and the one line expected after "path:".
REFUSED = {
    "binary": (
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
        "1:1: binary file, not a statute or a policy (it contains NUL bytes)",
    ),
    "latin-1": (
        "Migration Act 2026\n\n12 Détention\n(1) An officer must detain a person.\n".encode("latin-1"),
        "3:5: not valid UTF-8 (byte 0xE9); re-save the file as UTF-8",
    ),
    "utf-16-truncated": (
        codecs.BOM_UTF16_LE + "Act\n".encode("utf-16-le") + b"\x41",
        "1:1: invalid utf-16 text: truncated data",
    ),
    "empty": (b"", "1:1: empty file"),
    "whitespace": (b" \n\t\r\n  \n", "1:1: empty file"),
}

LINE = re.compile(r"^[^:\n]+:\d+:\d+: \S.*$")


def positions(path: Path) -> list[tuple[str, int, int, int, int]]:
    (file,) = engine.lint([str(path)], ALL).files
    assert file.errors == ()
    return [(f.rule, f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in file.findings]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, int, int, int, int]]:
    """The findings of ACT as UTF-8 with Unix line ends: what every other encoding must give."""
    path = tmp_path_factory.mktemp("lf") / "act.txt"
    path.write_bytes(ACT.encode("utf-8"))
    found = positions(path)
    assert len({line for _, line, *_ in found}) >= 3, "the act must give findings on several lines"
    assert any(column > 20 for _, line, column, *_ in found if line == 6), "a finding after the dashes on line 6"
    return found


# -- encodings and line ends: the same findings at the same places


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + ACT.encode("utf-8"),
        codecs.BOM_UTF16_LE + ACT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ACT.encode("utf-16-be"),
        ACT.replace("\n", "\r\n").encode("utf-8"),
        ACT.replace("\n", "\r").encode("utf-8"),
        codecs.BOM_UTF16_LE + ACT.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "crlf", "cr", "utf-16-crlf"],
)
def test_encodings_and_line_ends_give_the_same_findings_at_the_same_places(
    tmp_path: Path, reference: list, data: bytes
) -> None:
    path = tmp_path / "act.txt"
    path.write_bytes(data)
    assert positions(path) == reference


# -- refused inputs: one line, exit 2


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_text_is_one_file_error_in_the_engine(tmp_path: Path, name: str) -> None:
    data, expected = REFUSED[name]
    path = tmp_path / "act.txt"
    path.write_bytes(data)
    (file,) = engine.lint([str(path)], ALL).files
    assert (file.findings, [str(e) for e in file.errors]) == ((), [f"{path.as_posix()}:{expected}"])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_text_is_one_line_and_exit_2_on_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    data, expected = REFUSED[name]
    monkeypatch.chdir(tmp_path)
    Path("act.txt").write_bytes(data)
    code, out, err = run(capsys, "act.txt")
    assert (code, err) == (2, f"act.txt:{expected}\n")
    assert "could not be read" in out
    assert run(capsys, "parse", "act.txt") == (2, "", f"act.txt:{expected}\n")


def test_the_size_limit_is_64_mib_and_documented() -> None:
    assert mimc_lint.readers.MAX_BYTES == 64 * 1024 * 1024
    assert "larger than 64 MiB" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A sparse file: 64 MiB and one byte on paper, no data written."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(mimc_lint.readers.MAX_BYTES + 1)
    (file,) = engine.lint([str(path)], ALL).files
    limit = mimc_lint.readers.MAX_BYTES
    assert [str(e) for e in file.errors] == [
        f"{path.as_posix()}:1:1: file too large ({limit + 1} bytes; the limit is {limit} bytes)"
    ]


def test_the_limit_is_inclusive(capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    data = ACT.encode("utf-8")
    monkeypatch.setattr(mimc_lint.readers, "MAX_BYTES", len(data))
    Path("at.txt").write_bytes(data)
    Path("over.txt").write_bytes(data + b"\n")
    code, _, err = run(capsys, "at.txt", "over.txt", "--fail-on", "never")
    assert (code, err) == (2, f"over.txt:1:1: file too large ({len(data) + 1} bytes; the limit is {len(data)} bytes)\n")


# -- texts that read but say little: an info notice, never silence


def test_a_text_with_no_structure_gets_str002(capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    Path("notes.txt").write_text(
        "Minutes of the meeting of the drafting committee.\nThe committee discussed the timetable for the bill.\n",
        encoding="utf-8",
    )
    (file,) = engine.lint(["notes.txt"], ALL).files
    assert [(f.rule, f.severity.value, f.span.line) for f in file.findings] == [("STR002", "info", 1)]
    code, out, err = run(capsys, "notes.txt")
    assert (code, err) == (0, "")
    assert out.startswith("notes.txt:1:1: STR002 info no parts, sections, articles or numbered paragraphs")


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_a_statute_in_another_language_gets_lng001_once_and_nothing_else(
    capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("law.txt").write_text(FOREIGN[code], encoding="utf-8")
    (file,) = engine.lint(["law.txt"], ALL).files
    assert (file.errors, [(f.rule, f.span.line, f.message) for f in file.findings]) == (
        (),
        [("LNG001", 1, f"language '{code}' not supported yet; no checks were run")],
    )
    exit_code, out, err = run(capsys, "law.txt", "--fail-on", "info")
    assert (exit_code, err) == (1, "")
    assert out.count("LNG001") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Article 1\nL'étranger entré sans titre de séjour est placé en rétention par le préfet.\n",
        "L'étranger qui entre sur le territoire sans titre de séjour est placé en rétention par l'autorité "
        "administrative. La rétention ne peut excéder la durée strictement nécessaire à son départ.\n",
    ],
    ids=["short", "unstructured"],
)
def test_a_short_or_unstructured_french_text_is_still_named_french(tmp_path: Path, text: str) -> None:
    """A short article is not taken for English (and checked to silence); no STR002 joins the LNG001."""
    path = tmp_path / "loi.txt"
    path.write_text(text, encoding="utf-8")
    (file,) = engine.lint([str(path)], ALL).files
    assert [(f.rule, f.message) for f in file.findings] == [
        ("LNG001", "language 'fr' not supported yet; no checks were run")
    ]


def test_a_short_english_text_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "act.txt"
    path.write_text(
        "12 Detention\n(1) An officer must detain a person who is an unlawful non-citizen.\n", encoding="utf-8"
    )
    (file,) = engine.lint([str(path)], ALL).files
    assert any(f.rule.startswith("DET") for f in file.findings), [f.rule for f in file.findings]


# -- end to end: a fresh interpreter, every bad input at once


def test_every_bad_input_at_once_in_a_fresh_interpreter(tmp_path: Path) -> None:
    names = []
    for name, (data, _) in REFUSED.items():
        (tmp_path / f"{name}.txt").write_bytes(data)
        names.append(f"{name}.txt")
    big = tmp_path / "huge.txt"
    with big.open("wb") as stream:
        stream.truncate(64 * 1024 * 1024 + 1)
    (tmp_path / "notes.txt").write_text("Some words that are not a law at all, in one line.\n", encoding="utf-8")
    (tmp_path / "loi.txt").write_text(FOREIGN["fr"], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mimc_lint", *names, "huge.txt", "notes.txt", "loi.txt", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == len(REFUSED) + 1 and all(LINE.match(line) for line in lines), lines
    assert sorted(line.split(":", 1)[0] for line in lines) == sorted([*names, "huge.txt"])
