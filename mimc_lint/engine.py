"""Lint files: read, parse, extract, check, and turn hits into catalogued findings.

One file's failure never stops the others: an input that cannot be read or parsed, and a check
that raises, become errors of that file (exit code 2) while the rest is still linted. The statute
reader and the spaCy extraction are imported only when a statute-text file is linted, so that
linting a YAML policy starts fast.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ParamSpec, TypeVar

from mimc_lint import catalog as rules_catalog
from mimc_lint import scorecard
from mimc_lint.errors import InputError
from mimc_lint.findings import Finding, Hit, Severity
from mimc_lint.model import PolicyModel, Span
from mimc_lint.readers import read_source
from mimc_lint.selection import Selection
from mimc_lint.source import SourceText

_P = ParamSpec("_P")
_R = TypeVar("_R")

POLICY_YAML = "policy-yaml"
STATUTE_TEXT = "statute-text"

_POLICY_SUFFIXES = frozenset({".yaml", ".yml"})
_DISCOVERED_SUFFIXES = _POLICY_SUFFIXES | {".txt", ".md"}
#: A repository's own documents (README.md, LICENSE.txt, ...), by the name before the first dot: they describe
#: the files beside them and are not laws, so a directory walk skips them; named explicitly, they are linted.
_REPOSITORY_DOCUMENTS = frozenset(
    {"README", "CHANGELOG", "CHANGES", "LICENSE", "LICENCE", "COPYING", "AUTHORS", "CONTRIBUTING", "CONTRIBUTORS"}
    | {"CODE_OF_CONDUCT", "SECURITY"}
)

#: Rule of the notice given instead of findings when the instrument is not in English.
LANGUAGE_RULE = "LNG001"


@dataclass(frozen=True, slots=True)
class FileError:
    """Why a file could not be linted (or not fully): one line, `path:line:col: message`."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class FileReport:
    path: str
    kind: str  # POLICY_YAML | STATUTE_TEXT
    title: str
    jurisdiction: str
    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...]
    addressed: frozenset[str] | None = None  # MIMC articles whose subject the law deals with; None: not checked


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    findings: int  # findings not waived; `severities` counts them
    errors: int  # error records, as listed in the report
    failed_files: int  # files with at least one error
    severities: dict[Severity, int]
    waived: int = 0  # findings accepted by a waiver (mimc_lint/waivers.py), still listed in the report


@dataclass(frozen=True, slots=True)
class BaselineCount:
    """What `--baseline FILE` left out: findings recorded in FILE (`known`), and entries of FILE not found (`gone`)."""

    path: str
    known: int
    gone: int


@dataclass(frozen=True, slots=True)
class Report:
    files: tuple[FileReport, ...]
    baseline: BaselineCount | None = None  # set when findings known from a baseline were left out

    @property
    def findings(self) -> Iterable[Finding]:
        return (finding for file in self.files for finding in file.findings)

    @property
    def errors(self) -> Iterable[FileError]:
        return (error for file in self.files for error in file.errors)

    @property
    def summary(self) -> Summary:
        severities = dict.fromkeys(Severity, 0)
        waived = 0
        for finding in self.findings:
            if finding.waiver is None:
                severities[finding.severity] += 1
            else:
                waived += 1
        return Summary(
            files=len(self.files),
            findings=sum(severities.values()),
            errors=sum(len(file.errors) for file in self.files),
            failed_files=sum(1 for file in self.files if file.errors),
            severities=severities,
            waived=waived,
        )


@dataclass(frozen=True, slots=True)
class Input:
    """A file to lint: where it is, how the user named it, and which reader applies."""

    path: Path
    display: str
    kind: str


def kind_of(path: Path) -> str:
    return POLICY_YAML if path.suffix.lower() in _POLICY_SUFFIXES else STATUTE_TEXT


def discover(paths: Sequence[str]) -> tuple[Input, ...]:
    """Expand directories to their policies and statutes (hidden entries and repository documents such as
    README.md skipped); keep explicit files whatever their name; list each file once, in path order. A missing
    path is kept: it is reported."""
    found: dict[str, Input] = {}
    for arg in paths:
        root = Path(arg)
        if not root.is_dir():
            _add(found, Input(root, root.as_posix(), kind_of(root)))
            continue
        for directory, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = Path(directory, name)
                if (
                    not name.startswith(".")
                    and path.suffix.lower() in _DISCOVERED_SUFFIXES
                    and name.split(".", 1)[0].upper() not in _REPOSITORY_DOCUMENTS
                ):
                    _add(found, Input(path, path.as_posix(), kind_of(path)))
    return tuple(sorted(found.values(), key=lambda i: i.display))


def _add(found: dict[str, Input], item: Input) -> None:
    key = str(item.path.resolve()) if item.path.exists() else item.display
    found.setdefault(key, item)


def lint(paths: Sequence[str], selection: Selection, jobs: int = 1) -> Report:
    """Lint every input, in path order; with `jobs` > 1, that many processes share the files (DESIGN.md section 7).

    The report is the same whatever `jobs` is: each file is linted alone, and the reports are put back in order."""
    inputs = discover(paths)
    workers = min(jobs, len(inputs))
    if workers > 1:
        return Report(_in_parallel(inputs, selection, workers))
    catalog = rules_catalog.load()
    return Report(tuple(lint_file(item, selection, catalog) for item in inputs))


def _in_parallel(inputs: tuple[Input, ...], selection: Selection, workers: int) -> tuple[FileReport, ...]:
    """The reports of `inputs` from a pool of processes; the files whose process died are linted here instead,
    so a worker lost to the system (out of memory, killed) costs time, not reports."""
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: dict[int, FileReport] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[FileReport]] = [pool.submit(_lint_in_worker, item, selection) for item in inputs]
        for index, future in enumerate(futures):
            try:
                done[index] = future.result()
            except BrokenProcessPool:
                continue
    catalog = rules_catalog.load()
    return tuple(done[i] if i in done else lint_file(item, selection, catalog) for i, item in enumerate(inputs))


def _lint_in_worker(item: Input, selection: Selection) -> FileReport:
    """One file, in a worker process: the catalog is loaded there once (`rules_catalog.load` is cached)."""
    return lint_file(item, selection, rules_catalog.load())


def _collecting_when_done(lint_one: Callable[_P, _R]) -> Callable[_P, _R]:
    """Hold the cyclic garbage collector while a file is linted.

    A large statute is read into millions of objects that live until its report is made; the collector would
    walk them again and again, at a cost that grows faster than the text (a fifth of the time on 5 MB). What
    they leave behind is collected after the file, on the collector's next round.
    """

    @functools.wraps(lint_one)
    def linting(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return lint_one(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return linting


@_collecting_when_done
def lint_file(item: Input, selection: Selection, catalog: rules_catalog.Catalog) -> FileReport:
    display = item.display
    stage = "reader"
    try:
        source = _read_source(item)
        if item.kind == POLICY_YAML:
            stage = "policy reader"
            from mimc_lint.readers.policy_yaml import read_policy

            instrument, notices = read_policy(source), ()
        else:
            stage = "statute parser"
            from mimc_lint.readers.statute import parse_statute

            document = parse_statute(source)
            stage = "extraction"
            from mimc_lint.extract import extract

            instrument, notices = extract(document), tuple(document.notices)
    except InputError as error:
        return FileReport(
            display, item.kind, "", "", (), (FileError(display, error.line, error.column, error.message),)
        )
    except Exception as error:
        return FileReport(display, item.kind, "", "", (), (_internal(display, stage, error),))

    hits: list[tuple[str, Hit]] = [(n.rule, Hit("", n.span, _quote(source, n.span), n.message)) for n in notices]
    errors: list[FileError] = []
    addressed: frozenset[str] | None = None
    if instrument.language != "en":
        # the reader's notices say where checks may misread the text; with no checks run, only this one matters
        message = f"language '{instrument.language}' not supported yet; no checks were run"
        hits = [(LANGUAGE_RULE, Hit("", instrument.span, "", message))]
    else:
        model = PolicyModel.of(instrument)
        hits.extend(_run_checks(model, selection, display, errors))
        addressed = scorecard.addressed(model, catalog)

    findings: list[Finding] = []
    for rule_id, hit in dict.fromkeys(hits):
        if not selection.selects(rule_id):
            continue
        if rule_id in catalog.rules:
            findings.append(Finding.of(catalog.rules[rule_id], hit))
        else:
            errors.append(FileError(display, 1, 1, f"internal error: rule {rule_id} has no entry in the rules catalog"))
    return FileReport(
        display,
        item.kind,
        instrument.title,
        instrument.jurisdiction,
        unique_fingerprints(findings),
        tuple(sorted(set(errors), key=lambda e: (e.line, e.column, e.message))),
        addressed,
    )


def _read_source(item: Input) -> SourceText:
    if item.path.exists() and not item.path.is_file():
        raise InputError(item.display, "not a regular file")  # a FIFO or device would block or never end
    return read_source(item.path, item.display)


def _run_checks(
    model: PolicyModel, selection: Selection, display: str, errors: list[FileError]
) -> list[tuple[str, Hit]]:
    from mimc_lint import checks

    hits: list[tuple[str, Hit]] = []
    for rule_id, check in sorted(checks.REGISTRY.items()):
        if not selection.selects(rule_id):
            continue
        try:
            hits.extend((rule_id, hit) for hit in check(model))
        except Exception as error:
            errors.append(_internal(display, f"check {rule_id}", error))
    return hits


def _internal(display: str, where: str, error: Exception) -> FileError:
    detail = " ".join(str(error).split())
    kind = type(error).__name__
    return FileError(
        display,
        1,
        1,
        f"internal error in {where}: {kind}: {detail}" if detail else f"internal error in {where}: {kind}",
    )


def _quote(source: SourceText, span: Span) -> str:
    """The words a span covers, for notices, whose readers give only a position."""
    lines = source.text.split("\n")[span.line - 1 : span.end_line]
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0][span.column - 1 : span.end_column].strip()
    return " ".join([lines[0][span.column - 1 :], *lines[1:-1], lines[-1][: span.end_column]]).strip()


def _order(finding: Finding) -> tuple:
    span = finding.span
    return (span.line, span.column, finding.rule, span.end_line, span.end_column, finding.message, finding.evidence)


def unique_fingerprints(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Sort a file's findings and suffix repeated fingerprints (-2, -3, ...) in that order."""
    seen: dict[str, int] = {}
    unique = []
    for finding in sorted(findings, key=_order):
        count = seen[finding.fingerprint] = seen.get(finding.fingerprint, 0) + 1
        unique.append(finding if count == 1 else replace(finding, fingerprint=f"{finding.fingerprint}-{count}"))
    return tuple(unique)
