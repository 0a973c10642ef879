"""Detention only as a necessary, proportionate last resort (MIMC art. 137).

Related binding law: ICCPR art. 9(1) and 9(4); 1951 Refugee Convention art. 31(2);
RCD 2013/33/EU arts. 8-9; Return Directive 2008/115/EC art. 15.
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import absences, only_children, powers, reaching_kinds
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import Action, Measure, Modality, PersonClass, PolicyModel, Provision, SafeguardKind

DETENTION = frozenset({Action.DETAIN})
_ASSESSMENT = {SafeguardKind.INDIVIDUAL_ASSESSMENT, SafeguardKind.NECESSITY, SafeguardKind.LAST_RESORT}
_STATUS_CLASSES = frozenset({PersonClass.ASYLUM_SEEKER, PersonClass.IRREGULAR_ENTRANT})


def mandatory(model: PolicyModel) -> Iterator[tuple[Provision, Measure]]:
    """Detention the law requires with no individual assessment of necessity."""
    for provision, measure in powers(model, DETENTION):
        if measure.modality is Modality.MUST and not reaching_kinds(model, provision, measure) & _ASSESSMENT:
            yield provision, measure


def _persons(measure: Measure) -> str:
    return ", ".join(f"“{p.term}”" for p in measure.persons) or "the persons it names"


@rule("DET001")
def mandatory_detention(model: PolicyModel) -> Iterator[Hit]:
    """A class of persons must be detained, with no individual assessment (MIMC art. 137)."""
    for provision, measure in mandatory(model):
        if not measure.covers(_STATUS_CLASSES):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} requires detention of {_persons(measure)} with no individual assessment of "
                "necessity and proportionality.",
            )


@rule("DET002")
def detention_for_status(model: PolicyModel) -> Iterator[Hit]:
    """Detention required because a person sought protection or entered irregularly (MIMC art. 137)."""
    for provision, measure in mandatory(model):
        if measure.covers(_STATUS_CLASSES):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} requires detention of {_persons(measure)} because of their status, "
                "not on a separate ground assessed in the individual case.",
            )


def _missing(
    model: PolicyModel, wanted: set[SafeguardKind], sentence: str, *, skip_mandatory: bool = False
) -> Iterator[Hit]:
    """Detention powers no safeguard of the `wanted` kinds reaches, one finding per section."""
    excluded = {id(m) for _, m in mandatory(model)} if skip_mandatory else set()
    lacking = (
        (provision, measure)
        for provision, measure in powers(model, DETENTION)
        if id(measure) not in excluded and not reaching_kinds(model, provision, measure) & wanted
    )
    return absences(model, lacking, "a detention power", sentence)


@rule("DET003")
def no_individual_assessment(model: PolicyModel) -> Iterator[Hit]:
    """Detention without an individual assessment of necessity, proportionality or last resort (art. 137)."""
    yield from _missing(
        model,
        _ASSESSMENT,
        "no provision requires that detention be necessary and proportionate in the individual case, or a last resort.",
        skip_mandatory=True,
    )


@rule("DET004")
def no_alternatives(model: PolicyModel) -> Iterator[Hit]:
    """No alternatives to detention (reporting, bail, residence) in law (art. 137; RCD art. 8(4))."""
    yield from _missing(model, {SafeguardKind.ALTERNATIVES}, _alternatives_missing(model))


def _alternatives_missing(model: PolicyModel) -> str:
    """What is missing, said no more broadly than it is: alternatives for children only are still alternatives."""
    for_children = [
        s.children_only
        for provision in model.provisions()
        for s in provision.safeguards
        if s.kind is SafeguardKind.ALTERNATIVES and s.concerns in (None, Action.DETAIN)
    ] + [
        s.children_only or only_children(m)  # stated in a clause that detains children only
        for _, m in model.measures()
        if m.action is Action.DETAIN
        for s in m.safeguards
        if s.kind is SafeguardKind.ALTERNATIVES
    ]
    examples = "(reporting, bail or bond, designated residence)"
    if not for_children:
        return f"the instrument provides no alternative to detention {examples}."
    if all(for_children):
        return f"the instrument provides alternatives to detention {examples} for children only, not for adults."
    return f"none of the alternatives to detention the instrument provides {examples} applies here."


@rule("DET005")
def no_maximum_duration(model: PolicyModel) -> Iterator[Hit]:
    """No maximum duration of detention (art. 137; Return Directive art. 15(5)-(6))."""
    yield from _missing(
        model,
        {SafeguardKind.MAX_DURATION},
        "no provision sets a maximum period of detention.",
    )


@rule("DET006")
def no_judicial_review(model: PolicyModel) -> Iterator[Hit]:
    """No prompt review of detention by a court (art. 137; ICCPR art. 9(4))."""
    yield from _missing(
        model,
        {SafeguardKind.JUDICIAL_REVIEW},
        "no provision gives the detained person prompt access to a court that can order release.",
    )


@rule("DET007")
def review_ousted(model: PolicyModel) -> Iterator[Hit]:
    """Courts barred from reviewing detention (arts. 137, 146; ICCPR art. 9(4))."""
    for provision, measure in model.measures():
        if measure.action is Action.RESTRICT_COURT_ACCESS and measure.concerns is Action.DETAIN:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} shuts out court review of detention decisions.",
            )
