"""Baselines: record the findings a law has today, then report only the ones that are new.

`--write-baseline FILE` writes every finding not waived, by fingerprint: rule, provision and the quoted
words, never a line number, so a finding stays known when lines are added or removed elsewhere in the
file. The path, rule and provision are written beside it for a reader of the file; matching uses the
fingerprint, preferring an entry for the same path, so a known finding stays known when its file is
renamed. `--baseline FILE` leaves out the findings FILE knows and counts its entries no longer found
(fixed, or changed beyond recognition).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from mimc_lint.engine import BaselineCount, Report
from mimc_lint.errors import InputError
from mimc_lint.readers import read_source

VERSION = 1


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    path: str
    rule: str
    provision: str
    fingerprint: str


def render(report: Report) -> str:
    """The baseline of a report: its findings not waived, sorted, as JSON."""
    entries = sorted(
        Entry(file.path, finding.rule, finding.provision, finding.fingerprint)
        for file in report.files
        for finding in file.findings
        if finding.waiver is None
    )
    document = {
        "version": VERSION,
        "tool": "mimc-lint",
        "findings": [
            {"path": e.path, "rule": e.rule, "provision": e.provision, "fingerprint": e.fingerprint} for e in entries
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read(path: Path, display: str) -> tuple[Entry, ...]:
    """Read a baseline file; anything else raises `InputError`."""
    source = read_source(path, display)
    try:
        document = json.loads(source.text)
    except json.JSONDecodeError as error:
        raise InputError(display, f"invalid JSON: {error.msg}", error.lineno, error.colno) from None
    if not isinstance(document, dict) or "findings" not in document:
        raise InputError(display, "not a mimc-lint baseline (write one with --write-baseline FILE)")
    if document.get("version") != VERSION:
        raise InputError(display, f"unsupported baseline version {document.get('version')!r} (expected {VERSION})")
    entries = []
    for item in document["findings"] if isinstance(document["findings"], list) else [None]:
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in Entry.__slots__):
            raise InputError(display, "each entry of 'findings' needs 'path', 'rule', 'provision' and 'fingerprint'")
        entries.append(Entry(item["path"], item["rule"], item["provision"], item["fingerprint"]))
    return tuple(entries)


def apply(report: Report, entries: tuple[Entry, ...], display: str) -> Report:
    """Leave out the findings the baseline knows; waived findings stay, as they are not in a baseline."""
    same_path = Counter((e.path, e.fingerprint) for e in entries)
    any_path = Counter(e.fingerprint for e in entries)
    known: set[tuple[str, int]] = set()  # (path, index of the finding in its file)
    for file in report.files:  # first the findings whose entry names the same path ...
        for index, finding in enumerate(file.findings):
            if finding.waiver is None and same_path[file.path, finding.fingerprint] > 0:
                same_path[file.path, finding.fingerprint] -= 1
                any_path[finding.fingerprint] -= 1
                known.add((file.path, index))
    for file in report.files:  # ... then any left, as in a renamed file
        for index, finding in enumerate(file.findings):
            if finding.waiver is None and (file.path, index) not in known and any_path[finding.fingerprint] > 0:
                any_path[finding.fingerprint] -= 1
                known.add((file.path, index))
    files = tuple(
        replace(file, findings=tuple(f for i, f in enumerate(file.findings) if (file.path, i) not in known))
        for file in report.files
    )
    return replace(report, files=files, baseline=BaselineCount(display, len(known), sum(any_path.values())))
