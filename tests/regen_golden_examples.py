"""Regenerate every golden file of the examples: `python tests/regen_golden_examples.py` from anywhere.

Each example in examples/statutes/ (policies in YAML, statutes as text) is linted with the real command line,
as a user would run it from the repository root, in both report formats, and written to
tests/golden/examples/<file name>.<json|txt>; the parse trees of every statute text (tests/regen_golden_parse.py)
are rewritten in the same run. tests/test_examples.py and tests/test_statute_structure.py compare the output
with what this script wrote. Read the diff before committing new goldens: every finding must be right for the
text, and every tree must put each unit where the law puts it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import regen_golden_parse

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "statutes"
GOLDEN = ROOT / "tests" / "golden" / "examples"
FORMATS = {"json": ".json", "text": ".txt"}
#: Suffixes of the examples: policies, and statutes with their YAML twins.
POLICY_SUFFIXES = (".yaml",)
STATUTE_SUFFIXES = (".txt", ".md")


def examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in POLICY_SUFFIXES + STATUTE_SUFFIXES)


def run_cli(example: Path, report_format: str) -> subprocess.CompletedProcess[str]:
    """`mimc-lint --format FORMAT examples/statutes/NAME`, run from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "mimc_lint", "--format", report_format, example.relative_to(ROOT).as_posix()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def golden(example: Path, report_format: str) -> Path:
    """`border-bill-violations.yaml.json`, `arcadia-migration-act-2026.txt.txt`: a statute and its twin apart."""
    return GOLDEN / f"{example.name}{FORMATS[report_format]}"


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for example in examples():
        for report_format in FORMATS:
            result = run_cli(example, report_format)
            if result.returncode not in (0, 1) or result.stderr:
                sys.exit(f"{example.name}: exit {result.returncode}: {result.stderr.strip()}")
            golden(example, report_format).write_text(result.stdout, encoding="utf-8", newline="\n")
            print(f"wrote {golden(example, report_format).relative_to(ROOT)} (exit {result.returncode})")
    regen_golden_parse.main()


if __name__ == "__main__":
    main()
