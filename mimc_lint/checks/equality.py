"""Non-discrimination between forced migrants (MIMC art. 133).

Related binding law: 1951 Refugee Convention art. 3; ICCPR arts. 2(1), 26; Asylum Procedures
Directive 2013/32/EU arts. 36-37 (safe countries of origin, rebuttable and examined case by case).
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import reaching_kinds
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import (
    PROTECTED_GROUNDS,
    REMOVAL_ACTIONS,
    Action,
    Condition,
    ConditionKind,
    Measure,
    Modality,
    PolicyModel,
    Provision,
    SafeguardKind,
)

#: What each action gives, as a message names it: a benefit is denied by `must-not`.
_BENEFITS = {
    Action.APPLY_FOR_PROTECTION: "access to the protection procedure",
    Action.GRANT_PROTECTION: "the grant of protection",
    Action.GRANT_INTERIM_PROTECTION: "interim protection",
    Action.GRANT_RESIDENCE: "residence",
    Action.ADMIT_PENDING: "the right to remain pending a decision",
    Action.PERMIT_EMPLOYMENT: "access to work",
    Action.PERMIT_EDUCATION: "access to school",
    Action.RELEASE: "release from detention",
}
#: What each action takes or imposes: a burden is imposed by a power (`must` or `may`).
_BURDENS = {action: "removal" for action in REMOVAL_ACTIONS} | {
    Action.DETAIN: "detention",
    Action.RESTRICT_ASSOCIATION: "freedom of association",
    Action.RESTRICT_COURT_ACCESS: "access to the courts",
    Action.PENALISE_IRREGULAR_ENTRY: "penalties for irregular entry",
    Action.ACCELERATE_PROCEDURE: "an accelerated procedure",
    Action.DEEM_SAFE: "the presumption that a third country is safe",
}
_SUBJECT = _BENEFITS | _BURDENS
_GROUND_NAMES = {
    ConditionKind.NATIONALITY: "nationality or country of origin",
    ConditionKind.RELIGION: "religion",
    ConditionKind.RACE: "race or ethnic origin",
}
#: A distinction by nationality is open to review, not a conflict, where the individual case decides.
_CASE_BY_CASE = {SafeguardKind.INDIVIDUAL_ASSESSMENT, SafeguardKind.REBUTTABLE}


def _grounds(measure: Measure) -> list[Condition]:
    return [c for c in measure.conditions if c.kind in PROTECTED_GROUNDS]


def _adverse(measure: Measure) -> bool:
    """Does the clause deny a benefit or impose a burden (rather than grant one)?"""
    if measure.action in _BENEFITS:
        return measure.modality is Modality.MUST_NOT
    return measure.action in _SUBJECT and measure.is_power


def _safe_origin(measure: Measure) -> bool:
    return measure.action is Action.DEEM_SAFE and measure.concerns is Action.RETURN


def _case_by_case(model: PolicyModel, provision: Provision, measure: Measure) -> bool:
    return bool(reaching_kinds(model, provision, measure) & _CASE_BY_CASE)


def _distinction(provision: Provision, measure: Measure, ground: Condition) -> str:
    kind = ground.kind or ConditionKind.NATIONALITY
    return f"{provision.ref} makes {_SUBJECT[measure.action]} turn on {_GROUND_NAMES[kind]} (“{ground.text}”)"


@rule("NDI001")
def discrimination(model: PolicyModel) -> Iterator[Hit]:
    """Protection, procedure, detention, benefits or status differing by nationality, race or religion (art. 133)."""
    for provision, measure in model.measures():
        if measure.action not in _SUBJECT:
            continue
        for ground in _grounds(measure):
            if ground.kind is ConditionKind.NATIONALITY:
                if not _adverse(measure) or measure.action is Action.ACCELERATE_PROCEDURE or _safe_origin(measure):
                    continue  # a group recognised prima facie is favoured; accelerated procedures and safe countries
                    # of origin, lists by nationality by their nature, are NDI002
                if _case_by_case(model, provision, measure):
                    continue
                sentence = f"{_distinction(provision, measure, ground)} with no assessment of the individual case."
            elif _adverse(measure) or measure.is_power:  # a preference for one faith or race excludes the others
                sentence = f"{_distinction(provision, measure, ground)}."
            else:
                continue
            yield Hit(provision.ref, measure.span, measure.evidence, sentence)
            break


@rule("NDI002")
def distinction_by_origin(model: PolicyModel) -> Iterator[Hit]:
    """Safe countries of origin and accelerated or case-by-case procedures by nationality: review (art. 133)."""
    for provision, measure in model.measures():
        nationality = [g for g in _grounds(measure) if g.kind is ConditionKind.NATIONALITY]
        if _safe_origin(measure) and measure.is_power:
            sentence = f"{provision.ref} designates safe countries of origin"
        elif nationality and measure.action is Action.ACCELERATE_PROCEDURE and measure.is_power:
            sentence = (
                f"{provision.ref} sends claims to an accelerated procedure by nationality or country of origin "
                f"(“{nationality[0].text}”)"
            )
        elif nationality and _adverse(measure) and _case_by_case(model, provision, measure):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{_distinction(provision, measure, nationality[0])}; the individual case is assessed, but check that "
                "the distinction has an objective and reasonable justification.",
            )
            continue
        else:
            continue
        if SafeguardKind.REBUTTABLE in reaching_kinds(model, provision, measure):
            check = "the applicant may rebut the presumption; check that each claim is still examined on its merits"
        else:
            check = "check that the presumption can be rebutted and each claim is examined on its merits"
        yield Hit(provision.ref, measure.span, measure.evidence, f"{sentence}: {check}.")
