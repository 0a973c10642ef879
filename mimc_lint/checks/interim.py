"""Interim protection that leads somewhere (MIMC art. 155).

Related binding law (closest analogues): 1951 Refugee Convention art. 34; Temporary
Protection Directive 2001/55/EC art. 4; Long-Term Residents Directive 2003/109/EC art. 4(2).
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import kinds, powers, safeguards_for
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import Action, PolicyModel, SafeguardKind

_INTERIM = frozenset({Action.GRANT_INTERIM_PROTECTION})


@rule("INT001")
def interim_without_transition(model: PolicyModel) -> Iterator[Hit]:
    """Temporary status with no route to a stable one, or whose time does not count (art. 155)."""
    for provision, measure in powers(model, _INTERIM):
        present = kinds(safeguards_for(model, provision, measure))
        missing = []
        if SafeguardKind.TRANSITION not in present:
            missing.append("no transition to a stable status after at most two years")
        if SafeguardKind.TIME_COUNTS not in present:
            missing.append("no counting of the time toward residence")
        if missing:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} grants a temporary or interim status with {' and '.join(missing)}.",
            )
