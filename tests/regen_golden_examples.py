"""Regenerate the golden reports of the examples: `python tests/regen_golden_examples.py` from anywhere.

Each example in examples/statutes/ is linted with the real command line, as a user would run it from
the repository root, in both report formats; tests/test_examples.py compares the output with what this
script wrote. Read the diff before committing new goldens: every finding must be right for the text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "statutes"
GOLDEN = ROOT / "tests" / "golden" / "examples"
FORMATS = {"json": ".json", "text": ".txt"}


def examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def run_cli(example: Path, report_format: str) -> subprocess.CompletedProcess[str]:
    """`mimc-lint --format FORMAT examples/statutes/NAME.yaml`, run from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "mimc_lint", "--format", report_format, example.relative_to(ROOT).as_posix()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def golden(example: Path, report_format: str) -> Path:
    return GOLDEN / f"{example.stem}{FORMATS[report_format]}"


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for example in examples():
        for report_format in FORMATS:
            result = run_cli(example, report_format)
            if result.returncode not in (0, 1) or result.stderr:
                sys.exit(f"{example.name}: exit {result.returncode}: {result.stderr.strip()}")
            golden(example, report_format).write_text(result.stdout, encoding="utf-8", newline="\n")
            print(f"wrote {golden(example, report_format).relative_to(ROOT)} (exit {result.returncode})")


if __name__ == "__main__":
    main()
