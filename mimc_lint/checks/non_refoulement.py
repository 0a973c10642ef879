"""Non-refoulement and its scope (MIMC arts. 138(3) and 138).

Related binding law: 1951 Refugee Convention art. 33(1)-(2); CAT art. 3; ICCPR art. 7;
OAU 1969 Convention art. II(3); Asylum Procedures Directive 2013/32/EU art. 38.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mimc_lint.checks.admission import about_pending_claim, about_remedy, third_country_inadmissibility
from mimc_lint.checks.reach import absences, powers, reaching_kinds
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import (
    ARTICLE_33_2_EXCEPTIONS,
    FRONTIER_ACTIONS,
    REMOVAL_ACTIONS,
    Action,
    Exception_,
    Measure,
    Modality,
    PolicyModel,
    Provision,
    Risk,
    SafeguardKind,
)

_ABSOLUTE_RISKS = frozenset({Risk.TORTURE, Risk.SERIOUS_HARM})
#: Words in an override's target that show it sets aside protection itself.
_PROTECTION_WORDS = re.compile(
    r"refugee|asylum|protection|human rights|convention|obligation|non-refoulement|claim", re.IGNORECASE
)


def bars(model: PolicyModel) -> list[tuple[Provision, Measure]]:
    """Clauses that forbid sending a person to a risk of harm (the non-refoulement bars)."""
    return [
        (provision, measure)
        for provision, measure in model.measures()
        if measure.action in REMOVAL_ACTIONS and measure.modality is Modality.MUST_NOT and measure.risks
    ]


def _risk_assessments(model: PolicyModel) -> list[Measure]:
    return [m for _, m in model.measures() if m.action is Action.ASSESS_RISK and m.is_power]


@rule("NR001")
def no_bar(model: PolicyModel) -> Iterator[Hit]:
    """Removal powers with no bar on return to serious harm anywhere (art. 138(3); RC art. 33(1))."""
    if bars(model) or _risk_assessments(model):
        return
    yield from absences(
        model,
        powers(model, REMOVAL_ACTIONS),
        "a removal power",
        "no provision forbids sending a person where they would face persecution, torture or other serious harm.",
    )


def _bars_at_first_per_section(model: PolicyModel) -> Iterator[tuple[Provision, Measure]]:
    seen: set[str] = set()
    for provision, measure in bars(model):
        key = model.top_of(provision).ref
        if key not in seen:
            seen.add(key)
            yield provision, measure


@rule("NR002")
def persecution_only(model: PolicyModel) -> Iterator[Hit]:
    """The bar covers persecution on Convention grounds only, not torture or serious harm (CAT art. 3)."""
    found = bars(model)
    if any(_ABSOLUTE_RISKS & set(m.risks) for _, m in found) or any(
        _ABSOLUTE_RISKS & set(m.risks) for m in _risk_assessments(model)
    ):
        return
    for provision, measure in _bars_at_first_per_section(model):
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{provision.ref} bars return only to persecution on the 1951 Convention grounds; no provision bars "
            "return to torture, inhuman treatment or other serious harm.",
        )


@rule("NR003")
def frontier_not_covered(model: PolicyModel) -> Iterator[Hit]:
    """The bar does not reach rejection at the frontier or interception (art. 138(3); OAU art. II(3))."""
    found = bars(model)
    if any(m.action in FRONTIER_ACTIONS for _, m in found):
        return
    for provision, measure in _bars_at_first_per_section(model):
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{provision.ref} bars removal from the territory but not rejection at the frontier or interception.",
        )


def _clause(exception: Exception_) -> tuple:
    """What makes two exceptions one clause of the law: the same ground in the same words, or, without
    words, the same place. A policy YAML repeats a clause that lifts several bars under each of them."""
    words = " ".join(exception.evidence.lower().split())
    return (exception.kind, words) if words else (exception.kind, exception.span.line, exception.span.column)


def _by_clause(pairs: Iterable[tuple[Provision, Exception_]]) -> list[tuple[Exception_, list[str]]]:
    """Each exception clause once, at its first statement, with the refs of every bar it lifts."""
    clauses: dict[tuple, tuple[Exception_, list[str]]] = {}
    for provision, exception in pairs:
        _, refs = clauses.setdefault(_clause(exception), (exception, []))
        if provision.ref not in refs:
            refs.append(provision.ref)
    return list(clauses.values())


def _refs(refs: list[str]) -> str:
    return refs[0] if len(refs) == 1 else f"{', '.join(refs[:-1])} and {refs[-1]}"


@rule("NR004")
def exceptions_too_wide(model: PolicyModel) -> Iterator[Hit]:
    """Exceptions wider than art. 33(2) of the 1951 Convention (art. 138(3))."""
    wide = (
        (provision, exception)
        for provision, measure in bars(model)
        for exception in measure.exceptions
        if exception.kind not in ARTICLE_33_2_EXCEPTIONS
    )
    for exception, refs in _by_clause(wide):
        bar = f"The bar in {refs[0]} is" if len(refs) == 1 else f"The bars in {_refs(refs)} are"
        yield Hit(
            refs[0],
            exception.span,
            exception.evidence,
            f"{bar} lifted on a ground ({exception.kind.value.replace('-', ' ')}) wider than art. 33(2): a danger "
            "to security, or a final conviction for a particularly serious crime together with a danger to the "
            "community.",
        )


@rule("NR005")
def no_absolute_bar(model: PolicyModel) -> Iterator[Hit]:
    """Every bar has exceptions: none remains absolute for torture or serious harm (CAT art. 3)."""
    found = bars(model)
    if any(not m.exceptions and _ABSOLUTE_RISKS & set(m.risks) for _, m in found):
        return
    if any(not m.exceptions and _ABSOLUTE_RISKS & set(m.risks) for m in _risk_assessments(model)):
        return
    for first, refs in _by_clause((provision, m.exceptions[0]) for provision, m in found if m.exceptions):
        yield Hit(
            refs[0],
            first.span,
            first.evidence,
            f"The exceptions to {_refs(refs)} leave no absolute bar on return to torture or other serious harm, "
            "which admits no exception.",
        )


def _overridden(model: PolicyModel, measure: Measure) -> Iterator[tuple[str, Measure | None, bool]]:
    """Each override of a removal power: its target, the protective clause it sets aside when that
    clause is in the instrument, and whether the target is a provision of this instrument."""
    for override in measure.overrides:
        target = model.provision(override.target_ref) if override.target_ref else None
        protective = None
        if target is not None:
            protective = next(
                (
                    m
                    for p in target.walk()
                    for m in p.measures
                    if m.action in REMOVAL_ACTIONS and m.modality is Modality.MUST_NOT
                ),
                None,
            )
        yield override.target, protective, override.target_ref is not None


@rule("NR006")
def removal_notwithstanding_protection(model: PolicyModel) -> Iterator[Hit]:
    """Removal notwithstanding the protection obligations or a protection claim (art. 138(3))."""
    for provision, measure in powers(model, REMOVAL_ACTIONS):
        for target, protective, _ in _overridden(model, measure):
            if (protective is not None and protective.risks) or (
                protective is None
                and _PROTECTION_WORDS.search(target)
                and not about_pending_claim(target)
                and not about_remedy(target)
            ):
                yield Hit(
                    provision.ref,
                    measure.span,
                    measure.evidence,
                    f"{provision.ref} allows removal notwithstanding {target}, which sets aside the bar on "
                    "return to serious harm.",
                )


@rule("NR007")
def removal_overrides_other_law(model: PolicyModel) -> Iterator[Hit]:
    """Removal power that overrides a law outside the instrument: a human should check it (art. 138)."""
    for provision, measure in powers(model, REMOVAL_ACTIONS):
        for target, protective, internal in _overridden(model, measure):
            if (
                protective is None
                and not internal
                and not _PROTECTION_WORDS.search(target)
                and not about_remedy(target)
            ):
                yield Hit(
                    provision.ref,
                    measure.span,
                    measure.evidence,
                    f"{provision.ref} allows removal notwithstanding {target}; check that what it sets aside "
                    "is not a protection against removal.",
                )


@rule("NR008")
def conclusive_safe_country(model: PolicyModel) -> Iterator[Hit]:
    """A country conclusively deemed safe: chain refoulement cannot be argued (art. 138(3))."""
    for provision, measure in model.measures():
        if measure.action is Action.DEEM_SAFE and measure.is_power:
            if SafeguardKind.REBUTTABLE in reaching_kinds(model, provision, measure):
                continue
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} requires a country to be treated as safe with no room to show, in the "
                "individual case, a risk of persecution or of onward removal to harm.",
            )


@rule("NR009")
def onward_risk_excluded(model: PolicyModel) -> Iterator[Hit]:
    """Decision-makers or courts barred from considering onward (chain) refoulement (art. 138(3))."""
    for provision, measure in model.measures():
        if (
            measure.action is Action.ASSESS_RISK
            and measure.modality is Modality.MUST_NOT
            and Risk.ONWARD_REFOULEMENT in measure.risks
        ):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} forbids considering whether the person would be sent on from the third country "
                "to persecution or serious harm.",
            )


@rule("NR010")
def transfer_without_onward_safeguard(model: PolicyModel) -> Iterator[Hit]:
    """Transfer to a third country with no safeguard against onward refoulement (art. 138(3); APD art. 38)."""
    guarded = [m for _, m in bars(model)] + _risk_assessments(model)
    if any(Risk.ONWARD_REFOULEMENT in m.risks for m in guarded):
        return
    # a transfer that carries out an inadmissibility decision of its section is ADM005's to report
    decided = {model.top_of(p).ref for p, _ in third_country_inadmissibility(model)}
    yield from absences(
        model,
        (
            (p, m)
            for p, m in powers(model, frozenset({Action.TRANSFER_THIRD_COUNTRY}))
            # "may be transferred only where ... will not be sent on to a country where ...": guarded in its own words
            if model.top_of(p).ref not in decided and Risk.ONWARD_REFOULEMENT not in m.risks
        ),
        "a power to transfer to a third country",
        "no provision requires an individual check that the third country will not send the person on to harm.",
    )
