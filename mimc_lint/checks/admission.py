"""Admission and stay pending a final decision on protection, and access to the procedure (MIMC art. 138).

Related binding law: 1951 Refugee Convention arts. 31(1), 33(1); Asylum Procedures
Directive 2013/32/EU arts. 6, 9(1), 33, 38, 46(5)-(6).

ADM001 reports a remedy on a protection claim that is barred or does not stop removal; a remedy against
removal itself (not a protection claim) is PRC001's (checks/procedure.py), so each clause has one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mimc_lint.checks.reach import powers, reaching_kinds
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import (
    REMOVAL_ACTIONS,
    Action,
    Condition,
    ConditionKind,
    Measure,
    Modality,
    PersonClass,
    PolicyModel,
    Provision,
    Risk,
    SafeguardKind,
)

#: A remedy barred, or without suspensive effect, on this decision lets removal precede a final decision on the claim.
PROTECTION_DECISIONS = frozenset({Action.GRANT_PROTECTION})
#: People who already hold protection in the State.
_PROTECTED = frozenset({PersonClass.REFUGEE, PersonClass.FORCED_MIGRANT})
#: Words for a remedy: an override of removal by one is a remedy without suspensive effect (ADM001, PRC001), not an
#: application still pending (ADM002).
_REMEDY = re.compile(r"\bappeal|\breview", re.IGNORECASE)
#: Words for a claim still being decided: "pending", "the lodging (filing, submission) of an application", "stay".
_PENDING = re.compile(r"pending|pendency|lodg|filing|submission|stay", re.IGNORECASE)


def about_remedy(text: str) -> bool:
    """Does an override's target speak of an appeal or a review ("the lodging of an appeal")? Removal that goes
    ahead despite one is a remedy without suspensive effect, reported by ADM001 or PRC001 alone."""
    return bool(_REMEDY.search(text))


def about_pending_claim(text: str) -> bool:
    """Does an override's target speak of a claim still pending (rather than of protection itself)?"""
    return bool(_PENDING.search(text))


def _bars_appeal(provision: Provision) -> bool:
    """Does the provision (or one under it) bar the appeal on a protection claim?"""
    return any(
        m.action is Action.RESTRICT_COURT_ACCESS and m.concerns in PROTECTION_DECISIONS
        for p in provision.walk()
        for m in p.measures
    )


@rule("ADM001")
def removal_pending_appeal(model: PolicyModel) -> Iterator[Hit]:
    """An appeal on a protection claim barred or without suspensive effect, so removal can precede a final
    decision (art. 138); and a duty or power to certify claims into such a bar ("shall certify the claim under
    subsection (2)")."""
    for provision, measure in model.measures():
        if measure.action is Action.RESTRICT_COURT_ACCESS and measure.concerns in PROTECTION_DECISIONS:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} takes away the appeal on a protection claim, or lets removal go ahead while it is "
                "pending, so the person can be removed before a final decision on the claim.",
            )
    for provision, measure in powers(model, frozenset({Action.ACCELERATE_PROCEDURE})):
        targets = [model.provision(x.target_ref) for x in provision.cross_refs if x.target_ref]
        barring = next((t for t in targets if t is not None and t is not provision and _bars_appeal(t)), None)
        if barring is not None:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} brings claims under {barring.ref}, which takes away the appeal from within the "
                "country, so the person can be removed before a final decision on the claim.",
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
            if about_remedy(override.target):
                continue
            if right_to_remain or (target is None and about_pending_claim(override.target)):
                yield Hit(
                    provision.ref,
                    measure.span,
                    measure.evidence,
                    f"{provision.ref} allows removal while a protection claim is pending ({override.evidence}).",
                )


def _condition(measure: Measure, kind: ConditionKind) -> Condition | None:
    return next((c for c in measure.conditions if c.kind is kind), None)


@rule("ADM003")
def designated_places_only(model: PolicyModel) -> Iterator[Hit]:
    """Applications received only at designated places, or people who apply elsewhere removed (art. 138)."""
    for provision, measure in model.measures():
        place = _condition(measure, ConditionKind.DESIGNATED_PLACE)
        if place is None or _condition(measure, ConditionKind.SUBSEQUENT_APPLICATION) is not None:
            continue
        if measure.action is Action.APPLY_FOR_PROTECTION:
            sentence = (
                f"{provision.ref} receives applications for protection only at designated places (“{place.text}”): "
                "a person who asks for protection anywhere else is turned away from the procedure."
            )
        elif measure.action in REMOVAL_ACTIONS and measure.is_power:
            sentence = (
                f"{provision.ref} removes or refuses people because they applied for protection elsewhere than at a "
                f"designated place (“{place.text}”), before their claim is decided."
            )
        else:
            continue
        yield Hit(provision.ref, measure.span, measure.evidence, sentence)


@rule("ADM004")
def applications_capped_or_suspended(model: PolicyModel) -> Iterator[Hit]:
    """A cap or quota on applications, or a statutory bar or suspension of the right to apply (art. 138)."""
    for provision, measure in model.measures():
        if measure.action is not Action.APPLY_FOR_PROTECTION:
            continue
        if _condition(measure, ConditionKind.SUBSEQUENT_APPLICATION) is not None:
            continue  # limits on repeat applications are lawful if a non-refoulement check remains: not reported
        if measure.persons and all(p.cls in _PROTECTED for p in measure.persons):
            continue  # those who already have protection here need no new application
        quota = _condition(measure, ConditionKind.QUOTA)
        if quota is not None:
            sentence = (
                f"{provision.ref} caps the applications for protection that are received (“{quota.text}”): "
                "people beyond the cap cannot have their claim registered or decided."
            )
        elif measure.modality is Modality.MUST_NOT and _condition(measure, ConditionKind.DESIGNATED_PLACE) is None:
            sentence = (
                f"{provision.ref} bars or suspends the making of applications for protection, so people who need "
                "protection cannot claim it."
            )
        else:
            continue
        yield Hit(provision.ref, measure.span, measure.evidence, sentence)


def _onward_risk_examined(model: PolicyModel) -> bool:
    """Does a bar on removal, or a duty to assess risk, anywhere in the instrument cover onward refoulement?"""
    return any(
        Risk.ONWARD_REFOULEMENT in m.risks
        and (
            (m.action is Action.ASSESS_RISK and m.is_power)
            or (m.action in REMOVAL_ACTIONS and m.modality is Modality.MUST_NOT)
        )
        for _, m in model.measures()
    )


def third_country_inadmissibility(model: PolicyModel) -> Iterator[tuple[Provision, Measure]]:
    """Clauses that declare applications inadmissible because a third country is to examine them."""
    for provision, measure in powers(model, frozenset({Action.DECLARE_INADMISSIBLE})):
        if measure.concerns is Action.TRANSFER_THIRD_COUNTRY:
            yield provision, measure


@rule("ADM005")
def inadmissible_without_examination(model: PolicyModel) -> Iterator[Hit]:
    """An application inadmissible because of a third country, with no examination of onward refoulement or of
    admission there (arts. 138, 138(3)). NR009 reports a bar on considering onward refoulement where it is made;
    NR010 leaves to this rule the transfers of a section that declares applications inadmissible."""
    examined = _onward_risk_examined(model)
    for provision, measure in third_country_inadmissibility(model):
        missing = []
        if not examined and Risk.ONWARD_REFOULEMENT not in measure.risks:
            missing.append("the risk that the third country sends the person on to serious harm")
        if SafeguardKind.READMISSION not in reaching_kinds(model, provision, measure):
            missing.append("whether the third country will admit the person and examine the claim")
        if missing:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} declares applications inadmissible because of a third country, with no "
                f"examination of {' or of '.join(missing)}.",
            )
