"""Access to courts on a par with nationals (MIMC art. 146).

Related binding law: 1951 Refugee Convention art. 16; ICCPR arts. 2(3), 14(1).
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.registry import rule
from mimc_lint.checks.rights import holders
from mimc_lint.findings import Hit
from mimc_lint.model import STATUS_CLASSES, Action, Measure, PolicyModel

#: What a restriction is about when the clause speaks of protection (extract/measures.py sets it from the words).
_PROTECTION = frozenset({Action.GRANT_PROTECTION, Action.APPLY_FOR_PROTECTION})


def by_status(measure: Measure) -> bool:
    """A restriction that falls on a class by its status (legal aid, security for costs, standing to sue), not on
    the review of a particular decision."""
    return measure.concerns is None and measure.covers(STATUS_CLASSES)


@rule("CRT001")
def appeal_barred(model: PolicyModel) -> Iterator[Hit]:
    """Appeal or review of a protection or human-rights claim barred or restricted (art. 146; RC art. 16)."""
    for provision, measure in model.measures():
        if (
            measure.action is Action.RESTRICT_COURT_ACCESS
            and measure.concerns is not Action.DETAIN
            and not by_status(measure)
        ):
            about = (
                "on a protection or human-rights claim"
                if measure.concerns in _PROTECTION
                else "against the decisions it names, which can include protection and human-rights claims"
            )
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} bars or restricts access to a court or tribunal {about}.",
            )


@rule("CRT002")
def courts_closed_by_status(model: PolicyModel) -> Iterator[Hit]:
    """Forced migrants or foreigners denied legal aid, made to give security for costs, or barred from suing
    (art. 146; RC art. 16(2))."""
    for provision, measure in model.measures():
        if measure.action is Action.RESTRICT_COURT_ACCESS and by_status(measure):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} restricts the access of {holders(measure, STATUS_CLASSES)} to the courts (legal aid, "
                "security for costs or the right to sue) on terms nationals do not face.",
            )
