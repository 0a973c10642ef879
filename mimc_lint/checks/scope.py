"""Who counts as a forced migrant (MIMC art. 125).

Related binding law: 1951 Refugee Convention art. 1A(2); OAU 1969 Convention art. I(2);
Cartagena Declaration conclusion III(3); Qualification Directive 2011/95/EU art. 15.
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import Ground, PersonClass, PolicyModel

_PROTECTED = frozenset({PersonClass.REFUGEE, PersonClass.FORCED_MIGRANT})


@rule("DEF001")
def convention_grounds_only(model: PolicyModel) -> Iterator[Hit]:
    """Protection defined by persecution on the 1951 grounds alone, with no wider protection (art. 125)."""
    definitions = model.instrument.definitions
    wider = any(set(d.grounds) - {Ground.CONVENTION} for d in definitions)
    if wider:
        return
    for definition in definitions:
        if set(definition.covers) & _PROTECTED and definition.grounds:
            yield Hit(
                definition.provision or definition.term,
                definition.span,
                definition.text or definition.term,
                f"“{definition.term}” is defined by persecution on the five 1951 Convention grounds only; the "
                "instrument protects no one fleeing armed conflict, generalized violence, massive human-rights "
                "violations, disaster or other serious harm.",
            )
