"""Throughput and start-up figures (DESIGN.md section 7); prints figures, asserts nothing.

    python benchmarks/speed.py [--size MB] [--texts DIR] [--keep FILE]

1. Throughput: builds one large statute (default 5 MiB) from the statute-text examples
   (examples/statutes/*.txt), each copy under its own TITLE heading with its provisions renumbered
   so that every section and article number is unique and the law's own cross-references still
   name them; schedules are moved to the end, as a consolidated law has them. The whole lint
   (read, parse, extract, check, text report) then runs in this process, with nothing loaded in
   advance, and again on a fifth of the statute and on the whole with the pipeline warm, to show
   whether the cost grows linearly.
2. Start-up: lints one small YAML policy in a fresh interpreter (`python -m mimc_lint`), reports the
   wall time and whether spaCy was imported (it must not be).

Each figure is given in wall-clock time and in CPU time: on a busy machine the wall clock also
counts the time spent waiting for a processor, and the CPU time is the fairer measure of the code.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mimc_lint.engine import lint  # noqa: E402  (after the path is set, when run from a checkout)
from mimc_lint.report.text import render  # noqa: E402
from mimc_lint.selection import Selection  # noqa: E402

EXAMPLES = ROOT / "examples" / "statutes"
MIB = 1 << 20

#: A provision line: "§ 1226.", "Article 16", "SEC. 5.", "189 Heading", "16", "12.—(1) ...".
_PROVISION = re.compile(
    r"^(?P<lead>\s*(?:#{1,6}\s+)?(?P<keyword>§§?\s*|SEC\.\s+|Sec\.\s+|SECTION\s+|Section\s+|ARTICLE\s+|Article\s+"
    r"|ART\.\s+|Art\.\s+)?)(?P<num>\d+)(?P<rest>[A-Za-z]{0,4}\.?(?:\s*$|\s*[—–(]|-|\s+[^\sa-z]))"
)
_CONTAINER = re.compile(r"^\s*(?:#{1,6}\s+)?(?:PART|Part|CHAPTER|Chapter|DIVISION|Division|TITLE|Title)\s+\S")
_SCHEDULE = re.compile(
    r"^\s*(?:#{1,6}\s+)?(?:THE\s+)?(?:SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix)\b(?P<num>.*)$"
)
_STRUCTURE = re.compile(
    r"^\s*(?:#|\(|\d|§|PART\b|Part\s|CHAPTER|Chapter\s|SCHEDULE|Schedule\s|ARTICLE|Article\s|TITLE)"
)
#: References the renumbering follows: "section 12", "sections 11(2)", "§ 1226(c)", "Article 8", "paragraph 16(1)".
_REFERENCE = re.compile(r"\b(?P<kind>sections?|paragraphs?|articles?|§§?)(?P<gap>\s*)(?P<num>\d+)", re.IGNORECASE)


class Law:
    """The statute being built: unique provision and schedule numbers across all copies."""

    def __init__(self) -> None:
        self.provisions = 0
        self.schedules = 0
        self.titles = 0
        self.in_article = False  # "1." inside an article is a paragraph, numbered afresh in every article
        self.body: list[str] = []
        self.annexes: list[str] = []

    def add(self, text: str) -> None:
        """One copy of a statute text: its body under a new TITLE, its schedules kept for the end."""
        lines = text.strip("\n").split("\n")
        heading = lines[0].strip() if lines and not _STRUCTURE.match(lines[0]) else ""
        if heading:
            lines = lines[1:]
        self.in_article = False
        schedule_at = next((i for i, line in enumerate(lines) if _SCHEDULE.match(line)), len(lines))
        sections: dict[str, str] = {}
        articles: dict[str, str] = {}
        renumbered = [self._provision(line, sections, articles) for line in lines]
        renumbered = [self._references(line, sections, articles) for line in renumbered]
        self.titles += 1
        self.body.append(f"TITLE {self.titles}\n{heading or f'Provisions of text {self.titles}'}\n")
        self.body.append("\n".join(renumbered[:schedule_at]) + "\n")
        if schedule_at < len(renumbered):
            self.annexes.append("\n".join(self._schedule(line) for line in renumbered[schedule_at:]) + "\n")

    def _provision(self, line: str, sections: dict[str, str], articles: dict[str, str]) -> str:
        match = _PROVISION.match(line)
        if match is None:
            if _CONTAINER.match(line) or _SCHEDULE.match(line):
                self.in_article = False
            return line
        keyword = (match["keyword"] or "").strip().lower()
        if not keyword and self.in_article:
            return line
        self.in_article = keyword.startswith("art")
        self.provisions += 1
        numbers = articles if self.in_article else sections
        numbers.setdefault(match["num"], str(self.provisions))
        return f"{match['lead']}{self.provisions}{match['rest']}{line[match.end() :]}"

    @staticmethod
    def _references(line: str, sections: dict[str, str], articles: dict[str, str]) -> str:
        def renumber(match: re.Match[str]) -> str:
            numbers = articles if match["kind"].lower().startswith("art") else sections
            number = numbers.get(match["num"], match["num"])
            return f"{match['kind']}{match['gap']}{number}"

        return _REFERENCE.sub(renumber, line)

    def _schedule(self, line: str) -> str:
        match = _SCHEDULE.match(line)
        if match is None:
            return line
        self.schedules += 1
        return f"SCHEDULE {self.schedules}"

    def text(self, title: str) -> str:
        return f"{title}\n\n" + "".join(self.body) + "".join(self.annexes)


def statute(texts: list[str], size: int) -> str:
    """A statute of at least `size` bytes (UTF-8) made of renumbered copies of `texts`."""
    law = Law()
    built = 0
    while built < size:
        for text in texts:
            law.add(text)
            built += len(text.encode("utf-8"))
    return law.text("Consolidated Mobility and Protection Act (benchmark statute)")


def example_texts(directory: Path) -> tuple[list[str], str]:
    """The statute texts to build from, and where they came from."""
    paths = sorted(directory.glob("*.txt"))
    if paths:
        return [p.read_text(encoding="utf-8") for p in paths], f"{len(paths)} statute texts in {directory}"
    import yaml

    cases = sorted((ROOT / "tests" / "cases").glob("*.yaml"))
    texts = [
        case["text"]
        for path in cases
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(case, dict) and isinstance(case.get("text"), str)
    ]
    if not texts:
        sys.exit(f"speed.py: no statute texts: {directory} has no *.txt and tests/cases has no text cases")
    print(
        f"NOTE: {directory} has no *.txt statute texts; falling back to the {len(texts)} statute-text rule cases "
        "in tests/cases (pass --texts DIR to use other texts)"
    )
    return texts, f"{len(texts)} rule-case texts in tests/cases"


class Timing(NamedTuple):
    """Seconds on the wall clock and of CPU time (this process's, or its children's for a subprocess)."""

    wall: float
    cpu: float

    def rate(self, mib: float) -> str:
        return f"{self.wall:.2f} s, {mib / self.wall:.2f} MiB/s (CPU {self.cpu:.2f} s, {mib / self.cpu:.2f} MiB/s)"


def timed(action: Callable[[], object], clock: Callable[[], float] = time.process_time) -> Timing:
    start, cpu = time.perf_counter(), clock()
    action()
    return Timing(time.perf_counter() - start, clock() - cpu)


def children_cpu() -> float:
    """CPU seconds used by finished child processes (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def lint_text(text: str, directory: Path, name: str) -> Callable[[], str]:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return lambda: render(lint([str(path)], Selection((), ())))


def throughput(texts: list[str], size_mib: float, keep: Path | None) -> None:
    text = statute(texts, int(size_mib * MIB))
    small = statute(texts, int(size_mib * MIB / 5))
    with tempfile.TemporaryDirectory(prefix="mimc-speed-") as scratch:
        directory = Path(scratch)
        if keep is not None:
            keep.write_text(text, encoding="utf-8")
            print(f"statute written to {keep}")
        whole, fifth = lint_text(text, directory, "statute.txt"), lint_text(small, directory, "fifth.txt")
        mib = len(text.encode("utf-8")) / MIB
        print(f"statute: {mib:.2f} MiB, {text.count(chr(10))} lines")
        cold = timed(whole)
        print(f"end to end, cold (imports and pipeline load included): {cold.rate(mib)}")
        small_mib = len(small.encode("utf-8")) / MIB
        warm_fifth = timed(fifth)
        warm = timed(whole)
        print(f"warm, {small_mib:.2f} MiB: {warm_fifth.rate(small_mib)}")
        print(f"warm, {mib:.2f} MiB: {warm.rate(mib)}")
        ratio = (warm.cpu / mib) / (warm_fifth.cpu / small_mib)
        print(f"scaling: CPU time per MiB at full size / at a fifth = {ratio:.2f} (1.00 is linear)")


def startup(policy: Path, runs: int) -> None:
    command = [sys.executable, "-m", "mimc_lint", "--fail-on", "never", str(policy)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}

    def once(*flags: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [command[0], *flags, *command[1:]], capture_output=True, text=True, env=env, cwd=ROOT, check=False
        )
        if done.returncode != 0:
            sys.exit(f"speed.py: linting {policy} failed (exit {done.returncode}):\n{done.stderr}")
        return done

    once()  # fill the bytecode cache, as an installed package has it
    runs_taken = [timed(once, children_cpu) for _ in range(runs)]
    imported = {line.rsplit("|", 1)[-1].strip() for line in once("-X", "importtime").stderr.splitlines() if "|" in line}
    spacy = sorted(name for name in imported if name == "spacy" or name.startswith("spacy."))
    wall = statistics.median(t.wall for t in runs_taken)
    cpu = statistics.median(t.cpu for t in runs_taken)
    print(f"small YAML policy: {policy.relative_to(ROOT) if policy.is_relative_to(ROOT) else policy}")
    print(
        f"fresh `python -m mimc_lint`, median of {runs}: {wall:.3f} s wall (CPU {cpu:.3f} s); "
        f"best {min(t.wall for t in runs_taken):.3f} s wall"
    )
    print(f"spaCy imported: {'yes (' + str(len(spacy)) + ' modules)' if spacy else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=float, default=5.0, help="size of the built statute in MiB (default 5)")
    parser.add_argument("--texts", type=Path, default=EXAMPLES, help="directory of *.txt statutes to build from")
    parser.add_argument("--keep", type=Path, help="also write the built statute to this file")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs to take the median of (default 5)")
    args = parser.parse_args()
    texts, origin = example_texts(args.texts)
    if hasattr(os, "getloadavg"):
        load = os.getloadavg()[0]
        print(f"load average {load:.2f} on {os.cpu_count()} CPUs: under load, wall times include waiting for a CPU")
    print(f"== throughput (built from {origin})")
    throughput(texts, args.size, args.keep)
    policies = sorted(EXAMPLES.glob("*.y*ml"), key=lambda p: p.stat().st_size)
    print("== start-up")
    if policies:
        startup(policies[0], args.runs)
    else:
        print(f"no YAML policy in {EXAMPLES}; start-up not measured")


if __name__ == "__main__":
    main()
