"""`mimc-lint diff OLD NEW`: the findings one version of a law introduces and resolves against another.

Findings are matched by fingerprint (rule, provision and the quoted words; no path, no line), so two
drafts at different paths compare, and text moved or added elsewhere changes nothing. A provision that
is renumbered gives new fingerprints: its findings show as resolved under the old number and introduced
under the new one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from mimc_lint.engine import FileError, Report
from mimc_lint.findings import Finding


@dataclass(frozen=True, slots=True)
class Diff:
    old: str
    new: str
    introduced: tuple[Finding, ...]  # in NEW, not in OLD
    resolved: tuple[Finding, ...]  # in OLD, not in NEW
    unchanged: int
    errors: tuple[FileError, ...]  # of either version: the comparison is then incomplete


def compare(old_path: str, old: Report, new_path: str, new: Report) -> Diff:
    before = Counter(finding.fingerprint for finding in old.findings)
    after = Counter(finding.fingerprint for finding in new.findings)
    introduced = _unmatched(new.findings, before)
    resolved = _unmatched(old.findings, after)
    unchanged = sum((before & after).values())
    return Diff(old_path, new_path, introduced, resolved, unchanged, (*old.errors, *new.errors))


def _unmatched(findings: Iterable[Finding], other: Counter[str]) -> tuple[Finding, ...]:
    """The findings left once each fingerprint of `other` has taken one finding with that fingerprint."""
    remaining = Counter(other)
    unmatched = []
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
        else:
            unmatched.append(finding)
    return tuple(unmatched)
