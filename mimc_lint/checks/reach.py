"""Which safeguards reach a power: the cross-provision reasoning every family shares.

A safeguard answers a power when it is stated in the power's own clause, elsewhere in the
same section or article, in a provision that refers to the power ("a person detained under
section 12 ..."), or on its own with no reference to a particular provision (an
instrument-wide rule such as "no person shall be detained for more than 28 days"). A
safeguard stated inside another power's clause stays with that power.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

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
#: Safeguards that exist only for children: they answer a measure for the children it names, even when it
#: also names adults ("a minor who is an unlawful non-citizen").
_FOR_CHILDREN = frozenset({SafeguardKind.BEST_INTERESTS})


def only_children(measure: Measure) -> bool:
    """True when every class the measure names is a class of children."""
    return bool(measure.persons) and all(p.cls in CHILD_CLASSES - {PersonClass.FAMILY} for p in measure.persons)


def _concerns(safeguard: Safeguard, action: Action) -> bool:
    return safeguard.concerns is None or safeguard.concerns is action


def _related_refs(model: PolicyModel, provision: Provision) -> set[str]:
    top = model.top_of(provision)
    return {provision.ref, top.ref} | {a.ref for a in model.ancestors(provision)}


#: What decides whether a safeguard answers a measure: its action, whether it names only children, whether
#: it names children at all.
_Asker = tuple[Action, bool, bool]


def _asker(measure: Measure) -> _Asker:
    return measure.action, only_children(measure), measure.covers(CHILD_CLASSES)


def _answers(safeguard: Safeguard, asker: _Asker) -> bool:
    action, children, names_children = asker
    return _concerns(safeguard, action) and (
        children or not safeguard.children_only or (names_children and safeguard.kind in _FOR_CHILDREN)
    )


@dataclass(frozen=True, slots=True)
class _Reach:
    """Where the safeguards of an instrument stand, indexed once so that each power is answered without a
    walk over every provision."""

    sections: dict[str, list[int]]  # section or article ref (`top_of`) -> positions of the provisions in it
    general: list[int]  # positions of provisions that refer to no provision of the instrument
    stated: dict[_Asker, tuple[list[int], list[Safeguard]]] = field(default_factory=dict)
    stated_kinds: dict[_Asker, frozenset[SafeguardKind]] = field(default_factory=dict)

    @classmethod
    def of(cls, model: PolicyModel) -> _Reach:
        sections: dict[str, list[int]] = {}
        general = []
        for position, provision in enumerate(model.provisions()):
            sections.setdefault(model.top_of(provision).ref, []).append(position)
            if not any(x.target_ref for x in provision.cross_refs):
                general.append(position)
        return cls(sections, general)

    def general_rules(self, model: PolicyModel, asker: _Asker) -> tuple[list[int], list[Safeguard]]:
        """The safeguards general provisions state that answer `asker`, with the positions they stand at."""
        if asker not in self.stated:
            positions, safeguards = [], []
            for position in self.general:
                for s in model.at(position).safeguards:
                    # a rule stated elsewhere reaches this power only when it says what it is about
                    if (s.concerns is not None or s.kind in NEUTRAL_KINDS) and _answers(s, asker):
                        positions.append(position)
                        safeguards.append(s)
            self.stated[asker] = (positions, safeguards)
        return self.stated[asker]

    def general_kinds(self, model: PolicyModel, asker: _Asker) -> frozenset[SafeguardKind]:
        """The kinds of `general_rules`."""
        if asker not in self.stated_kinds:
            self.stated_kinds[asker] = frozenset(s.kind for s in self.general_rules(model, asker)[1])
        return self.stated_kinds[asker]


def safeguards_for(model: PolicyModel, provision: Provision, measure: Measure) -> list[Safeguard]:
    """Every safeguard in the instrument that constrains `measure` (stated in `provision`), in document order.

    All that is stated in the same section or article, or in a provision that refers to this one, reaches it; a
    general provision (one that refers to no provision) reaches it with the rules that say what they are about.
    """
    reach = model.derived(_Reach.of)
    asker = _asker(measure)
    near = _near(model, reach, provision)
    positions, general = reach.general_rules(model, asker)
    found = list(measure.safeguards)
    done = 0  # the general rules before this index are placed
    for position in near:
        upto = bisect_left(positions, position, done)
        found.extend(general[done:upto])
        done = bisect_right(positions, position, upto)  # a general provision within reach counts in full
        found.extend(s for s in _stated(model.at(position), measure) if _answers(s, asker))
    found.extend(general[done:])
    return found


def reaching_kinds(model: PolicyModel, provision: Provision, measure: Measure) -> set[SafeguardKind]:
    """The kinds of `safeguards_for(model, provision, measure)`, found without listing every general rule.

    What most checks ask; on a large statute the list of general rules reaching each power is long. A general
    provision within reach counts in full there, which takes in whatever it counts for as a general rule.
    """
    reach = model.derived(_Reach.of)
    asker = _asker(measure)
    found = {s.kind for s in measure.safeguards}
    for position in _near(model, reach, provision):
        found.update(s.kind for s in _stated(model.at(position), measure) if _answers(s, asker))
    return found | reach.general_kinds(model, asker)


def _stated(other: Provision, measure: Measure) -> Iterator[Safeguard]:
    """The safeguards `other` states on its own or in its clauses, but not those of `measure` itself (they are
    counted once, as the measure's own)."""
    yield from other.safeguards
    for clause in other.measures:
        if clause is not measure:
            yield from clause.safeguards


def _near(model: PolicyModel, reach: _Reach, provision: Provision) -> list[int]:
    """Positions of the provisions everything of which reaches a power in `provision`: its section, its referrers."""
    return sorted(
        {*reach.sections.get(model.top_of(provision).ref, ()), *model.citing(_related_refs(model, provision))}
    )


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
    """Group clauses by section or article (`top_of`), keeping the first clause and every provision involved.

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
