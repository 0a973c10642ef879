"""Interim protection that leads somewhere (MIMC art. 155).

Interim protection lasts one year, may be extended once, and then gives way to a more stable status;
the time spent in it counts toward regularization; it never bars a full status determination; and
permanent residence is open after six years. One rule for each.

Related binding law (closest analogues): 1951 Refugee Convention art. 34; Temporary
Protection Directive 2001/55/EC arts. 4 and 17; Long-Term Residents Directive 2003/109/EC art. 4(2).
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import kinds, powers, reaching_kinds, safeguards_for
from mimc_lint.checks.registry import rule
from mimc_lint.checks.rights import holders, months
from mimc_lint.findings import Hit
from mimc_lint.model import Action, Measure, Modality, PersonClass, PolicyModel, Provision, SafeguardKind

_INTERIM = frozenset({Action.GRANT_INTERIM_PROTECTION})
_HOLDERS = frozenset({PersonClass.INTERIM_PROTECTION_HOLDER})
#: Classes a clause in the interim status's own section may name and still be about its holders.
_UNNAMED = frozenset({PersonClass.ANY_PERSON}) | _HOLDERS
#: One year, extended once by one year (art. 155).
LONGEST_STAY_MONTHS = 24
#: Permanent residence open after six years at most (art. 155).
RESIDENCE_WAIT_MONTHS = 72
#: What a full status determination is barred by: applying for protection, or being granted it.
_DETERMINATION = frozenset({Action.APPLY_FOR_PROTECTION, Action.GRANT_PROTECTION})


def _interim_sections(model: PolicyModel) -> set[str]:
    return {model.top_of(provision).ref for provision, _ in powers(model, _INTERIM)}


def _about_holders(model: PolicyModel, provision: Provision, measure: Measure, sections: set[str]) -> bool:
    """Is the clause about holders of interim status: it names them, or it stands in the section that grants the
    status and names no one else ("The holder of the permit may not ...")?"""
    if measure.covers(_HOLDERS):
        return True
    named = {p.cls for p in measure.persons}
    return model.top_of(provision).ref in sections and named <= _UNNAMED


def _holders_clauses(model: PolicyModel, actions: frozenset[Action]) -> Iterator[tuple[Provision, Measure, str]]:
    """Clauses on one of `actions` that are about holders of interim status, with the words naming those holders."""
    sections = _interim_sections(model)
    for provision, measure in model.measures():
        if measure.action in actions and _about_holders(model, provision, measure, sections):
            yield provision, measure, holders(measure, _HOLDERS) or "holders of the interim status"


def _length(value: float) -> str:
    years = value / 12
    if years >= 1 and years == int(years):
        return f"{years:g} year" + ("s" if years != 1 else "")
    return f"{value:g} months"


@rule("INT001")
def interim_without_transition(model: PolicyModel) -> Iterator[Hit]:
    """Temporary status that may outlast one year and one extension, or is renewable without end, with no move to
    a stable status (art. 155)."""
    sections = _interim_sections(model)
    # grants of residence to holders of interim status: where they stand, and whether they name the holders
    routes = [
        (model.top_of(provision).ref, measure.covers(_HOLDERS))
        for provision, measure in powers(model, frozenset({Action.GRANT_RESIDENCE}))
        if _about_holders(model, provision, measure, sections)
    ]
    for provision, measure in powers(model, _INTERIM):
        reaching = safeguards_for(model, provision, measure)
        if SafeguardKind.TRANSITION in kinds(reaching):
            continue
        top = model.top_of(provision).ref
        if any(section == top or named for section, named in routes):
            continue  # the holders may be granted residence: a route to a stable status
        caps = [months(s) for s in reaching if s.kind is SafeguardKind.MAX_DURATION and s.value is not None]
        if caps and min(caps) <= LONGEST_STAY_MONTHS:
            continue
        how = f"may last {_length(min(caps))}" if caps else "has no overall time limit"
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{provision.ref} grants a temporary or interim status that {how}, with no move to a stable status "
            "after one year and one extension.",
        )


@rule("INT002")
def interim_time_not_counted(model: PolicyModel) -> Iterator[Hit]:
    """Time in temporary status that does not count toward residence or naturalisation (art. 155)."""
    for provision, measure in powers(model, _INTERIM):
        if SafeguardKind.TIME_COUNTS not in reaching_kinds(model, provision, measure):
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} grants a temporary or interim status, and no provision counts the time spent in it "
                "toward residence, regularization or naturalisation.",
            )


@rule("INT003")
def interim_bars_determination(model: PolicyModel) -> Iterator[Hit]:
    """Interim status that bars or suspends a full status determination (art. 155)."""
    for provision, measure, whom in _holders_clauses(model, _DETERMINATION):
        if measure.modality is Modality.MUST_NOT:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} keeps {whom} from a full determination of their claim to protection; interim "
                "protection may never bar or defer it.",
            )


@rule("INT004")
def interim_no_permanent_residence(model: PolicyModel) -> Iterator[Hit]:
    """Holders of interim status kept from permanent residence, or kept waiting more than six years (art. 155)."""
    for provision, measure, whom in _holders_clauses(model, frozenset({Action.GRANT_RESIDENCE})):
        if measure.modality is Modality.MUST_NOT:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} bars {whom} from permanent residence; the MIMC opens it after six years.",
            )
            continue
        waits = [
            months(s)
            for s in safeguards_for(model, provision, measure)
            if s.kind is SafeguardKind.WAITING_PERIOD and s.value is not None
        ]
        if waits and max(waits) > RESIDENCE_WAIT_MONTHS:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} opens permanent residence to {whom} only after {_length(max(waits))}; the MIMC "
                "opens it after six years.",
            )
