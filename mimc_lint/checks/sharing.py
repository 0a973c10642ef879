"""Responsibility sharing (MIMC arts. 211-213, and the labour-visa allocation of Ch. VIII).

Each State takes a yearly share in protecting forced migrants, by resettling them and by funding their
protection elsewhere, and reserves a tenth of its labour-migration visas for people under international
protection. Most of that is policy and budget rather than statute, so the one-sided commitment is judged
only in a State's policy; a cap of zero places and a bar on labour routes are judged in any law.

Related binding law: none directly; 1951 Refugee Convention preamble para. 4 and art. 35; Global Compact
on Refugees (2018).
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import powers
from mimc_lint.checks.registry import rule
from mimc_lint.checks.rights import holders
from mimc_lint.findings import Hit
from mimc_lint.model import PROTECTION_CLASSES, Action, InstrumentKind, Modality, PersonClass, PolicyModel

#: People under international protection, whom the labour-visa allocation is for: not those still seeking it.
PROTECTED = PROTECTION_CLASSES - {PersonClass.ASYLUM_SEEKER}
_SHARES = {Action.RESETTLE: "resettlement", Action.FUND_PROTECTION: "funding the protection of forced migrants"}


@rule("RSP001")
def one_sided_share(model: PolicyModel) -> Iterator[Hit]:
    """A resettlement cap of zero, or a policy that resettles without funding or funds without resettling (art. 211)."""
    for provision, measure in model.measures():
        if measure.action is Action.RESETTLE and measure.modality is Modality.MUST_NOT:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} fixes resettlement at zero places; the MIMC asks every State for a yearly share "
                "that includes resettling forced migrants as well as funding their protection.",
            )
    if model.instrument.kind is not InstrumentKind.POLICY:
        return  # an Act rarely states both sides; its budget does
    made = {action: list(powers(model, frozenset({action}))) for action in _SHARES}
    for action, other in ((Action.RESETTLE, Action.FUND_PROTECTION), (Action.FUND_PROTECTION, Action.RESETTLE)):
        if made[action] and not made[other]:
            provision, measure = made[action][0]
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} commits to {_SHARES[action]}, and the policy makes no commitment to "
                f"{_SHARES[other]}; the MIMC asks every State to contribute both.",
            )


@rule("RSP002")
def labour_routes_barred(model: PolicyModel) -> Iterator[Hit]:
    """People under international protection barred from labour-migration routes (Ch. VIII, 10 % allocation)."""
    for provision, measure in model.measures():
        barred = measure.action is Action.GRANT_WORK_VISA and measure.modality is Modality.MUST_NOT
        if barred and measure.covers(PROTECTED):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} bars {holders(measure, PROTECTED)} from labour-migration routes; the MIMC reserves "
                "a tenth of labour-migration visas for people under international protection.",
            )
