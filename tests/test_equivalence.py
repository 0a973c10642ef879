"""A statute text and its YAML twin give the same findings, modulo locations (DESIGN.md section 1).

Each statute in examples/statutes/ has a twin of the same name ending in `.yaml` that encodes what the law
says, measure by measure, as a careful human reader would. Both are linted and their findings compared as
multisets of (rule, provision, severity, articles). When they differ, either extraction misses a drafting
pattern (fix extraction, for every law that drafts that way) or the twin misreads the law (fix the twin);
never bend the twin to a defect of extraction.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from regen_golden_examples import EXAMPLES, STATUTE_SUFFIXES

from mimc_lint.engine import lint
from mimc_lint.selection import Selection

STATUTES = sorted(path for path in EXAMPLES.iterdir() if path.suffix in STATUTE_SUFFIXES)
Key = tuple[str, str, str, tuple[str, ...]]


def findings(path: Path) -> Counter[Key]:
    (report,) = lint([str(path)], Selection()).files
    assert report.errors == ()
    return Counter((f.rule, f.provision, f.severity.value, tuple(f.articles)) for f in report.findings)


def test_there_are_statutes_in_each_tradition_and_each_has_a_twin() -> None:
    assert len(STATUTES) >= 3
    assert [path.name for path in STATUTES if not path.with_suffix(".yaml").is_file()] == []


@pytest.mark.parametrize("statute", STATUTES, ids=lambda path: path.name)
def test_statute_and_twin_give_the_same_findings(statute: Path) -> None:
    text, twin = findings(statute), findings(statute.with_suffix(".yaml"))
    assert text, "an example with no findings cannot show that the two readings agree"
    assert sorted(text.elements()) == sorted(twin.elements())
