"""Regenerate the golden parse trees: `python tests/regen_golden_parse.py` (also run by regen_golden_examples.py).

One tree per statute text in the dev corpus (../shared/corpus/dev/*.txt) and in examples/statutes
(*.txt, *.md), written to tests/golden/parse/<stem>.txt. Read every changed tree before committing
it: the golden files are the reviewed statement of what `mimc-lint parse` must show.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
EXAMPLES = ROOT / "examples" / "statutes"
GOLDEN = ROOT / "tests" / "golden" / "parse"


def statutes() -> list[Path]:
    """Every statute text with a golden tree, corpus first, each group sorted by name."""
    examples = [*EXAMPLES.glob("*.txt"), *EXAMPLES.glob("*.md")]
    return sorted(CORPUS.glob("*.txt")) + sorted(examples)


def tree(path: Path) -> str:
    from mimc_lint.readers import read_source
    from mimc_lint.readers.statute import parse_statute
    from mimc_lint.report.tree import render_tree

    return render_tree(parse_statute(read_source(path, path.name))) + "\n"


def main() -> None:
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing the package
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path in statutes():
        target = GOLDEN / f"{path.stem}.txt"
        text = tree(path)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
