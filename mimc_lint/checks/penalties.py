"""No penalties for irregular entry of people seeking protection (MIMC art. 138).

Related binding law: 1951 Refugee Convention art. 31(1).
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import powers
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import Action, Modality, PersonClass, PolicyModel

_PROTECTED = frozenset({PersonClass.ASYLUM_SEEKER, PersonClass.REFUGEE, PersonClass.FORCED_MIGRANT})
_PENALTY = frozenset({Action.PENALISE_IRREGULAR_ENTRY})


@rule("PEN001")
def penalised_entry(model: PolicyModel) -> Iterator[Hit]:
    """Irregular entry punished with no exemption for people seeking protection (RC art. 31(1))."""
    exempted = any(
        m.action is Action.PENALISE_IRREGULAR_ENTRY and m.modality is Modality.MUST_NOT and m.covers(_PROTECTED)
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
