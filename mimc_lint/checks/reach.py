"""Which safeguards reach a power: the cross-provision reasoning every family shares.

A safeguard answers a power when it is stated in the power's own clause, elsewhere in the
same section or article, in a provision that refers to the power ("a person detained under
section 12 ..."), or on its own with no reference to a particular provision (an
instrument-wide rule such as "no person shall be detained for more than 28 days"). A
safeguard stated inside another power's clause stays with that power.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mimc_lint.findings import Hit
from mimc_lint.model import (
    CHILD_CLASSES,
    Action,
    Measure,
    PersonClass,
    PolicyModel,
    Provision,
    Safeguard,
    SafeguardKind,
)

#: Safeguards that mean the same whatever power they constrain, so a general statement reaches all.
NEUTRAL_KINDS = frozenset({SafeguardKind.BEST_INTERESTS, SafeguardKind.INDIVIDUAL_ASSESSMENT, SafeguardKind.LEGAL_AID})


def only_children(measure: Measure) -> bool:
    """True when every class the measure names is a class of children."""
    return bool(measure.persons) and all(p.cls in CHILD_CLASSES - {PersonClass.FAMILY} for p in measure.persons)


def _concerns(safeguard: Safeguard, action: Action) -> bool:
    return safeguard.concerns is None or safeguard.concerns is action


def _related_refs(model: PolicyModel, provision: Provision) -> set[str]:
    top = model.top_of(provision)
    return {provision.ref, top.ref} | {a.ref for a in model.ancestors(provision)}


def safeguards_for(model: PolicyModel, provision: Provision, measure: Measure) -> list[Safeguard]:
    """Every safeguard in the instrument that constrains `measure` (stated in `provision`)."""
    top = model.top_of(provision)
    related = _related_refs(model, provision)
    children = only_children(measure)
    found = list(measure.safeguards)
    for other in model.provisions():
        same_top = model.top_of(other).ref == top.ref
        targets = {x.target_ref for x in other.cross_refs if x.target_ref}
        refers = bool(targets & related)
        general = not targets
        candidates: list[Safeguard] = []
        if same_top or refers:
            candidates.extend(other.safeguards)
        elif general:
            # a rule stated elsewhere reaches this power only when it says what it is about
            candidates.extend(s for s in other.safeguards if s.concerns is not None or s.kind in NEUTRAL_KINDS)
        if same_top or refers:
            candidates.extend(s for m in other.measures if m is not measure for s in m.safeguards)
        found.extend(s for s in candidates if _concerns(s, measure.action) and (children or not s.children_only))
    return found


def kinds(safeguards: Iterable[Safeguard]) -> set[SafeguardKind]:
    return {s.kind for s in safeguards}


def powers(model: PolicyModel, actions: frozenset[Action]) -> Iterator[tuple[Provision, Measure]]:
    """Clauses that confer or require one of `actions` (not those that forbid it)."""
    for provision, measure in model.measures():
        if measure.action in actions and measure.is_power:
            yield provision, measure


def first_per_section(
    model: PolicyModel, items: Iterable[tuple[Provision, Measure]]
) -> Iterator[tuple[Provision, Measure, list[Provision]]]:
    """Group clauses by top-level unit, keeping the first clause and every provision involved.

    Absence findings are reported once per section or article, at its first power, so a
    section with five detention powers and no time limit gives one finding, not five.
    """
    groups: dict[str, tuple[Provision, Measure, list[Provision]]] = {}
    for provision, measure in items:
        key = model.top_of(provision).ref
        if key in groups:
            involved = groups[key][2]
            if all(p.ref != provision.ref for p in involved):
                involved.append(provision)
        else:
            groups[key] = (provision, measure, [provision])
    yield from groups.values()


def absences(
    model: PolicyModel, lacking: Iterable[tuple[Provision, Measure]], power: str, sentence: str
) -> Iterator[Hit]:
    """One finding per section at its first power that lacks a safeguard, naming every such power.

    `power` names what the clauses confer ("a detention power"); `sentence` says what is missing.
    """
    for provision, measure, involved in first_per_section(model, lacking):
        if len(involved) > 1:
            subject = f"{', '.join(p.ref for p in involved)} confer {power.removeprefix('a ')}s"
        else:
            subject = f"{provision.ref} confers {power}"
        yield Hit(provision.ref, measure.span, measure.evidence, f"{subject}; {sentence}")
