"""Access to courts on a par with nationals (MIMC art. 146).

Related binding law: 1951 Refugee Convention art. 16; ICCPR arts. 2(3), 14(1).
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import Action, PolicyModel


@rule("CRT001")
def appeal_barred(model: PolicyModel) -> Iterator[Hit]:
    """Appeal or review of a protection or human-rights claim barred or restricted (art. 146; RC art. 16)."""
    for provision, measure in model.measures():
        if measure.action is Action.RESTRICT_COURT_ACCESS and measure.concerns is not Action.DETAIN:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} bars or restricts access to a court or tribunal on a protection or "
                "human-rights claim.",
            )
