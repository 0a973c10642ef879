"""Children: further limits on detention and the best interests of the child (MIMC art. 137(3)).

Related binding law: CRC arts. 3(1), 37(b), 37(d); ICCPR art. 24; Return Directive
2008/115/EC art. 17; RCD 2013/33/EU art. 11.
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.detention import DETENTION, mandatory
from mimc_lint.checks.reach import absences, kinds, powers, reaching_kinds
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import (
    CHILD_CLASSES,
    CLASSES_INCLUDING_CHILDREN,
    REMOVAL_ACTIONS,
    Action,
    Modality,
    PersonClass,
    PolicyModel,
    SafeguardKind,
)

_NAMED_CHILDREN = frozenset({PersonClass.CHILD, PersonClass.UNACCOMPANIED_CHILD})
_UNACCOMPANIED = frozenset({PersonClass.UNACCOMPANIED_CHILD})
#: How a message says what happens to the child.
_DONE = {
    Action.DETAIN: "detained",
    Action.REMOVE: "removed",
    Action.RETURN: "returned",
    Action.REJECT_AT_FRONTIER: "turned back at the frontier",
    Action.INTERCEPT: "intercepted",
    Action.TRANSFER_THIRD_COUNTRY: "transferred to a third country",
    Action.EXTRADITE: "extradited",
    Action.REFUSE_ENTRY: "refused entry",
}
_LIMITS = {SafeguardKind.LAST_RESORT, SafeguardKind.NECESSITY, SafeguardKind.INDIVIDUAL_ASSESSMENT}


def has_child_limit(model: PolicyModel) -> bool:
    """Does any provision limit the detention of children as such (a ban, or a last-resort rule)?"""
    for _, measure in model.measures():
        limited = measure.modality is Modality.MUST_NOT or kinds(measure.safeguards) & _LIMITS
        if measure.action is Action.DETAIN and measure.covers(_NAMED_CHILDREN | {PersonClass.FAMILY}) and limited:
            return True
    return any(s.children_only and s.kind in _LIMITS for _, s in model.safeguards())


@rule("CHD001")
def children_mandatorily_detained(model: PolicyModel) -> Iterator[Hit]:
    """Mandatory detention that reaches children, with no age carve-out (art. 137(3); CRC art. 37(b))."""
    if has_child_limit(model):
        return
    for provision, measure in mandatory(model):
        if measure.covers(CLASSES_INCLUDING_CHILDREN | CHILD_CLASSES):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} requires detention of a class that includes children, and no provision "
                "exempts children or limits their detention to a last resort.",
            )


@rule("CHD002")
def child_detention_unlimited(model: PolicyModel) -> Iterator[Hit]:
    """Detention that can reach children with no child-specific last-resort limit (art. 137(3))."""
    if has_child_limit(model):
        return
    excluded = {id(m) for _, m in mandatory(model)}
    lacking = (
        (provision, measure)
        for provision, measure in powers(model, DETENTION)
        if id(measure) not in excluded
        and measure.covers(CLASSES_INCLUDING_CHILDREN | _NAMED_CHILDREN)
        and not measure.covers(_UNACCOMPANIED)
        and not reaching_kinds(model, provision, measure) & {SafeguardKind.LAST_RESORT}
    )
    yield from absences(
        model,
        lacking,
        "a detention power",
        "it can reach children, and no provision limits the detention of children to a last resort "
        "for the shortest appropriate time.",
    )


@rule("CHD003")
def unaccompanied_children_detained(model: PolicyModel) -> Iterator[Hit]:
    """Unaccompanied children may be detained with no last-resort limit (art. 137(3))."""
    for provision, measure in powers(model, DETENTION):
        if measure.covers(_UNACCOMPANIED) and SafeguardKind.LAST_RESORT not in reaching_kinds(
            model, provision, measure
        ):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} allows unaccompanied children to be detained with no last-resort limit.",
            )


@rule("CHD004")
def child_detention_as_last_resort(model: PolicyModel) -> Iterator[Hit]:
    """Child detention permitted as a last resort: meets CRC art. 37(b), short of JGC 4/23 (art. 137(3))."""
    for provision, measure in powers(model, DETENTION):
        if measure.covers(_NAMED_CHILDREN | {PersonClass.FAMILY}) and SafeguardKind.LAST_RESORT in reaching_kinds(
            model, provision, measure
        ):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} still permits immigration detention of children, if only as a last resort; "
                "the UN treaty bodies hold it is never in the child's best interests.",
            )


@rule("CHD005")
def no_best_interests(model: PolicyModel) -> Iterator[Hit]:
    """A measure affecting children that no best-interests consideration reaches (art. 137(3); CRC art. 3(1))."""
    for provision, measure in powers(model, DETENTION | REMOVAL_ACTIONS):
        if measure.covers(_NAMED_CHILDREN) and SafeguardKind.BEST_INTERESTS not in reaching_kinds(
            model, provision, measure
        ):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} allows children to be {_DONE[measure.action]} "
                "with no assessment of the best interests of the child.",
            )
