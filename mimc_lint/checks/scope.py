"""Who counts as a forced migrant, and on what footing (MIMC art. 125).

Related binding law: 1951 Refugee Convention art. 1A(2); OAU 1969 Convention art. I(2);
Cartagena Declaration conclusion III(3); Qualification Directive 2011/95/EU arts. 15, 24-35.
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.registry import rule
from mimc_lint.checks.rights import holders
from mimc_lint.findings import Hit
from mimc_lint.model import Action, Ground, Modality, PersonClass, PolicyModel

_PROTECTED = frozenset({PersonClass.REFUGEE, PersonClass.FORCED_MIGRANT})
#: Grounds whose exclusion conflicts with binding law as well, and the law it conflicts with where that law applies.
_BINDING_SOURCES = {
    Ground.CONVENTION: "1951 Refugee Convention art. 1A(2)",
    Ground.SERIOUS_HARM: "CAT art. 3 and ICCPR art. 7",
    Ground.GENERALIZED_VIOLENCE: "Qualification Directive art. 15(c), OAU 1969 art. I(2) and Cartagena III(3)",
}
_GROUND_NAMES = {
    Ground.CONVENTION: "persecution on a Convention ground",
    Ground.SERIOUS_HARM: "torture or other serious harm",
    Ground.GENERALIZED_VIOLENCE: "generalized violence",
    Ground.HUMAN_RIGHTS_VIOLATIONS: "massive human-rights violations",
    Ground.ENVIRONMENTAL_DISASTER: "environmental disaster",
    Ground.FOOD_INSECURITY: "famine",
    Ground.CLIMATE_CHANGE: "climate change",
    Ground.PUBLIC_ORDER: "events seriously disturbing public order",
}
#: Holders of a protection status other than refugee status: the tiers the MIMC does not allow.
LESSER_STATUSES = frozenset({PersonClass.COMPLEMENTARY_PROTECTION_HOLDER, PersonClass.INTERIM_PROTECTION_HOLDER})
#: What goes with a protection status, as a message names it.
_STATUS_RIGHTS = {
    Action.FAMILY_REUNION: "family reunion",
    Action.ISSUE_TRAVEL_DOCUMENT: "a travel document",
    Action.GRANT_SOCIAL_ASSISTANCE: "social assistance",
    Action.PERMIT_EMPLOYMENT: "work",
    Action.GRANT_RESIDENCE: "permanent residence",
}


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


@rule("DEF002")
def grounds_excluded(model: PolicyModel) -> Iterator[Hit]:
    """Grounds of flight expressly left out of protection (art. 125). One rule, two levels: the message says which."""
    for definition in model.instrument.definitions:
        if not definition.excludes:
            continue
        binding = [g for g in definition.excludes if g in _BINDING_SOURCES]
        if binding:
            sources = _listed([_BINDING_SOURCES[g] for g in binding], "and")
            excluded = _listed([_GROUND_NAMES[g] for g in binding])
            level = f"excluding {excluded} conflicts with binding law too ({sources}, where it applies)"
        else:
            level = "binding law does not require protection on these grounds, so this is an MIMC gap"
        fleeing = _listed([_GROUND_NAMES[g] for g in definition.excludes])
        yield Hit(
            definition.provision or definition.term,
            definition.span,
            definition.text or definition.term,
            f"{definition.provision or 'The instrument'} takes people fleeing {fleeing} outside “{definition.term}”, "
            f"where the MIMC protects them as forced migrants; {level}.",
        )


def _listed(names: list[str], last: str = "or") -> str:
    """ "a, b or c" """
    words = list(dict.fromkeys(names))
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


@rule("DEF003")
def lesser_tier(model: PolicyModel) -> Iterator[Hit]:
    """A protection status that carries fewer rights than refugee status (art. 125: no lesser tier)."""
    for provision, measure in model.measures():
        right = _STATUS_RIGHTS.get(measure.action)
        lesser = frozenset(p.cls for p in measure.persons) & LESSER_STATUSES
        if right is None or measure.modality is not Modality.MUST_NOT or not lesser:
            continue
        if measure.covers(frozenset({PersonClass.REFUGEE})):
            continue  # refugees are denied it too: no tier, and other rules judge the bar itself
        if measure.action is Action.GRANT_RESIDENCE and lesser == {PersonClass.INTERIM_PROTECTION_HOLDER}:
            continue  # interim status kept from permanent residence is INT004's
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{provision.ref} denies {holders(measure, LESSER_STATUSES)} {right}; the MIMC gives every forced migrant "
            "international protection on the footing of refugees, with no lesser tier.",
        )
