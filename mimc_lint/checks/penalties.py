"""No penalties for irregular entry of people seeking protection (MIMC art. 138).

Related binding law: 1951 Refugee Convention art. 31(1). A penalty is a criminal offence (PEN001) or a
lesser status or fewer rights for people who arrived irregularly (PEN002).
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import powers
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import PROTECTION_CLASSES, Action, Modality, PersonClass, PolicyModel

_PENALTY = frozenset({Action.PENALISE_IRREGULAR_ENTRY})
_IRREGULAR = frozenset({PersonClass.IRREGULAR_ENTRANT})
#: Protection statuses: barring them for a class of arrivals is about people who need protection.
_STATUSES = frozenset({Action.GRANT_PROTECTION, Action.GRANT_INTERIM_PROTECTION})
#: What a protected person may be given, as a message names it. Access to the procedure and the right to remain
#: pending a decision are the admission rules' (ADM002, ADM004): not reported here as well.
_RIGHTS = {
    Action.GRANT_PROTECTION: "full protection status",
    Action.GRANT_INTERIM_PROTECTION: "interim protection",
    Action.GRANT_RESIDENCE: "residence",
    Action.FAMILY_REUNION: "family reunion",
    Action.PERMIT_EMPLOYMENT: "work",
    Action.PERMIT_EDUCATION: "education",
}


@rule("PEN001")
def penalised_entry(model: PolicyModel) -> Iterator[Hit]:
    """Irregular entry punished with no exemption for people seeking protection (RC art. 31(1))."""
    exempted = any(
        m.action is Action.PENALISE_IRREGULAR_ENTRY and m.modality is Modality.MUST_NOT and m.covers(PROTECTION_CLASSES)
        for _, m in model.measures()
    )
    if exempted:
        return
    for provision, measure in powers(model, _PENALTY):
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{provision.ref} punishes irregular entry or presence with no exemption for refugees and people "
            "seeking protection who come forward without delay.",
        )


@rule("PEN002")
def penalised_arrival(model: PolicyModel) -> Iterator[Hit]:
    """A lesser status or fewer rights for protected people because they arrived irregularly (RC art. 31(1))."""
    for provision, measure in model.measures():
        if measure.modality is not Modality.MUST_NOT or measure.action not in _RIGHTS:
            continue
        if not measure.covers(_IRREGULAR):
            continue
        if not (measure.covers(PROTECTION_CLASSES) or measure.action in _STATUSES):
            continue
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{provision.ref} denies {_RIGHTS[measure.action]} to people who need protection because they arrived "
            "or entered irregularly: a penalty for the way they had to flee.",
        )
