"""Procedure in removal and expulsion: a remedy that stops removal, individual decisions, no collective expulsion.

Related binding law: ICCPR arts. 2(3), 7, 13; CAT art. 3; ECHR art. 13 and Protocol 4 art. 4; Return
Directive 2008/115/EC arts. 12-13; ICRMW art. 22. The MIMC article numbers for these obligations are not
known, so the rules cite MIMC Ch. I (expulsion) or Ch. V (remedy) (domain/obligations.md, MIMC-NR-04,
MIMC-EXP-01, MIMC-EXP-02).

PRC001 reports a remedy against removal that is barred or does not stop the removal; on a protection
claim the same words are ADM001's (art. 138), so a clause is reported by one of the two, never both.
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import powers, reaching_kinds
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import (
    REMOVAL_ACTIONS,
    Action,
    ConditionKind,
    Measure,
    PolicyModel,
    Provision,
    SafeguardKind,
)

#: What a removal without each guarantee lacks, as a message says it.
_LACKING = {
    SafeguardKind.REASONED_DECISION: "a written decision with reasons",
    SafeguardKind.HEARING: "a chance to be heard",
    SafeguardKind.JUDICIAL_REVIEW: "a review",
}


@rule("PRC001")
def remedy_without_suspensive_effect(model: PolicyModel) -> Iterator[Hit]:
    """An appeal or review against removal barred, or one that does not stop the removal (Ch. V; ICCPR art. 2(3))."""
    for provision, measure in model.measures():
        if measure.action is Action.RESTRICT_COURT_ACCESS and measure.concerns in REMOVAL_ACTIONS:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} lets the removal go ahead before an appeal or review against it is decided, or "
                "excludes the remedy: a claim that removal exposes the person to serious harm may never be "
                "examined in time.",
            )


@rule("EXP001")
def collective_expulsion(model: PolicyModel) -> Iterator[Hit]:
    """Removal of persons as a group, defined by nationality, ethnic origin or arrival, with no individual
    examination (Ch. I; ECHR Protocol 4 art. 4)."""
    for provision, measure in powers(model, REMOVAL_ACTIONS):
        group = next((c for c in measure.conditions if c.kind is ConditionKind.GROUP), None)
        if group is None:
            continue
        if SafeguardKind.INDIVIDUAL_ASSESSMENT in reaching_kinds(model, provision, measure):
            continue
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{provision.ref} removes persons as a group (“{group.text}”) with no examination of each person's case.",
        )


def _lacking(measures: list[Measure]) -> list[str]:
    found = {s.kind for m in measures for s in m.without}
    return [words for kind, words in _LACKING.items() if kind in found]


@rule("EXP002")
def expulsion_without_guarantees(model: PolicyModel) -> Iterator[Hit]:
    """Removal without notice, reasons, a hearing or a review ("summarily", "no reasons need be given") (Ch. I;
    ICCPR art. 13). One finding per section, at its first removal power that dispenses with a guarantee."""
    sections: dict[str, list[tuple[Provision, Measure]]] = {}
    for provision, measure in powers(model, REMOVAL_ACTIONS):
        if measure.without:
            sections.setdefault(model.top_of(provision).ref, []).append((provision, measure))
    for found in sections.values():
        provision, measure = found[0]
        refs = list(dict.fromkeys(p.ref for p, _ in found))
        subject = f"{refs[0]} lets" if len(refs) == 1 else f"{', '.join(refs)} let"
        said = list(dict.fromkeys(s.evidence for _, m in found for s in m.without))
        words = "; ".join(w for w in said if not any(w != other and w in other for other in said))
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{subject} a person be removed without {' or '.join(_lacking([m for _, m in found]))} (“{words}”): "
            "expulsion needs an individual decision in writing with reasons, a chance to argue against it, and a "
            "review.",
        )
