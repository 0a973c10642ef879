"""Precision and recall of mimc-lint on a labeled corpus (DESIGN.md section 5).

    python benchmarks/accuracy.py ../shared/corpus/dev

A violation case is found when a finding citing its article lies in the case's lines (a
finding's 137(3) counts for an expected 137; an expected 137(3) needs 137(3)); a compliant
case is a false positive when such a finding lies there; needs-review cases are not scored;
findings on articles a case does not label are counted as unjudged.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mimc_lint.engine import lint  # after the path is set, when run from a checkout
from mimc_lint.findings import Finding
from mimc_lint.selection import Selection


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    file: str
    provision: str
    first: int
    last: int
    expected: tuple[tuple[str, str], ...]  # (article, verdict)


def cites(finding: Finding, article: str) -> bool:
    return any(a == article or a.startswith(f"{article}(") for a in finding.articles)


def cases(corpus: Path) -> list[Case]:
    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))["cases"]
    by_file: dict[str, list[dict]] = defaultdict(list)
    for entry in labels:
        by_file[entry["file"]].append(entry)
    found = []
    for file, entries in by_file.items():
        entries.sort(key=lambda e: e["line"])
        total = len((corpus / file).read_text(encoding="utf-8").splitlines())
        for entry, following in zip(entries, [*entries[1:], None], strict=True):
            last = following["line"] - 1 if following else total
            expected = tuple((str(x["article"]), x["verdict"]) for x in entry["expected"])
            found.append(Case(entry["id"], file, entry["provision"], entry["line"], last, expected))
    return found


def main(corpus: Path) -> int:
    all_cases = cases(corpus)
    files = sorted({c.file for c in all_cases})
    report = lint([str(corpus / f) for f in files], Selection((), ()))
    findings: dict[str, list[Finding]] = defaultdict(list)
    for file_report in report.files:
        findings[Path(file_report.path).name].extend(file_report.findings)
        for error in file_report.errors:
            print(f"error: {error}", file=sys.stderr)
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    unjudged = 0
    misses: list[str] = []
    error_fps = 0
    for case in all_cases:
        here = [f for f in findings[case.file] if case.first <= f.span.line <= case.last]
        for article, verdict in case.expected:
            hits = [f for f in here if cites(f, article)]
            if verdict == "violation":
                if hits:
                    tp[article] += 1
                else:
                    fn[article] += 1
                    misses.append(f"FN {case.id} ({case.provision}) art. {article}")
            elif verdict == "compliant" and hits:
                fp[article] += 1
                error_fps += any(f.severity == "error" for f in hits)
                rules = ", ".join(sorted({f"{f.rule} line {f.span.line}" for f in hits}))
                misses.append(f"FP {case.id} ({case.provision}) art. {article}: {rules}")
        labelled = {a for a, _ in case.expected}
        unjudged += sum(1 for f in here if not any(cites(f, a) for a in labelled))
    articles = sorted(set(tp) | set(fp) | set(fn), key=lambda a: (int(a.split("(")[0].split("-")[0]), a))
    print(f"{'article':<10} {'TP':>3} {'FP':>3} {'FN':>3} {'precision':>9} {'recall':>7}")
    for article in [*articles, "overall"]:
        if article == "overall":
            t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            t, f, n = tp[article], fp[article], fn[article]
        precision = t / (t + f) if t + f else 1.0
        recall = t / (t + n) if t + n else 1.0
        print(f"{article:<10} {t:>3} {f:>3} {n:>3} {precision:>9.2f} {recall:>7.2f}")
    print(f"unjudged findings (articles a case does not label): {unjudged}")
    print(f"error-severity false positives on compliant provisions: {error_fps}")
    for line in misses:
        print(line)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/accuracy.py CORPUS_DIR")
    sys.exit(main(Path(sys.argv[1])))
