"""Admission and stay pending a final decision on protection (MIMC art. 138).

Related binding law: 1951 Refugee Convention arts. 31(1), 33(1); Asylum Procedures
Directive 2013/32/EU arts. 9(1), 46(5)-(6).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mimc_lint.checks.reach import powers
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import REMOVAL_ACTIONS, Action, Modality, PolicyModel

#: Court-access bars on these decide whether a person may be removed before a final decision.
PROTECTION_DECISIONS = frozenset({Action.GRANT_PROTECTION, Action.REMOVE})
_PENDING = re.compile(r"pending|lodg|stay", re.IGNORECASE)


def about_pending_claim(text: str) -> bool:
    """Does an override's target speak of a claim still pending (rather than of protection itself)?"""
    return bool(_PENDING.search(text))


@rule("ADM001")
def removal_pending_appeal(model: PolicyModel) -> Iterator[Hit]:
    """An appeal on a protection claim barred, so removal can precede a final decision (art. 138)."""
    for provision, measure in model.measures():
        if measure.action is Action.RESTRICT_COURT_ACCESS and measure.concerns in PROTECTION_DECISIONS:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} takes away the appeal on a protection claim, so the person can be removed "
                "before a final decision on it.",
            )


@rule("ADM002")
def removal_not_stayed(model: PolicyModel) -> Iterator[Hit]:
    """Removal despite a pending protection application (art. 138; APD art. 9(1))."""
    for provision, measure in powers(model, REMOVAL_ACTIONS):
        for override in measure.overrides:
            target = model.provision(override.target_ref) if override.target_ref else None
            right_to_remain = target is not None and any(
                (m.action in REMOVAL_ACTIONS and m.modality is Modality.MUST_NOT and not m.risks)
                or (m.action is Action.ADMIT_PENDING and m.is_power)
                for p in target.walk()
                for m in p.measures
            )
            if right_to_remain or (target is None and about_pending_claim(override.target)):
                yield Hit(
                    provision.ref,
                    measure.span,
                    measure.evidence,
                    f"{provision.ref} allows removal while a protection claim is pending ({override.evidence}).",
                )
