"""Work, school and association on a par with nationals (MIMC arts. 145, 161-163, 165).

Related binding law: 1951 Refugee Convention arts. 15, 17-19, 22; RCD 2013/33/EU arts. 14-15;
Qualification Directive 2011/95/EU arts. 26-27; ICCPR art. 22; CRC art. 28.
"""

from __future__ import annotations

from collections.abc import Iterator

from mimc_lint.checks.reach import powers, reaching_kinds, safeguards_for
from mimc_lint.checks.registry import rule
from mimc_lint.findings import Hit
from mimc_lint.model import (
    PROTECTION_CLASSES,
    STATUS_CLASSES,
    Action,
    ConditionKind,
    Measure,
    Modality,
    PersonClass,
    PolicyModel,
    Provision,
    Safeguard,
    SafeguardKind,
)

_CHILDREN = frozenset({PersonClass.CHILD, PersonClass.UNACCOMPANIED_CHILD})
#: What access to work may be made to depend on short of a bar (RC art. 17; RCD art. 15).
_WORK_REQUIREMENTS = {
    ConditionKind.WORK_PERMIT: "a work permit",
    ConditionKind.LABOUR_MARKET_TEST: "a labour-market test",
    ConditionKind.LAWFUL_STATUS: "a residence permit or other lawful status",
}
#: The longest wait binding law allows before an applicant may work (RCD 2013/33/EU art. 15(1)).
APPLICANT_WAIT_MONTHS = 9
_MONTHS = {"hours": 1 / 730, "days": 1 / 30.44, "weeks": 1 / 4.35, "months": 1.0, "years": 12.0}


def holders(measure: Measure, classes: frozenset[PersonClass]) -> str:
    """The law's own terms for the classes of `classes` the measure names, as a message quotes them."""
    return ", ".join(f"“{p.term}”" for p in measure.persons if p.cls in classes)


def _waits(model: PolicyModel, provision: Provision, measure: Measure) -> list[Safeguard]:
    """Waiting periods of the clause itself or stated on their own within reach, longest first: the wait another
    clause sets for its own right ("applicants may work after nine months") does not end this one's bar."""
    stated_alone = {id(s) for p in model.provisions() for s in p.safeguards}
    found = [
        s
        for s in safeguards_for(model, provision, measure)
        if s.kind is SafeguardKind.WAITING_PERIOD and (id(s) in stated_alone or s in measure.safeguards)
    ]
    return sorted(found, key=lambda s: -months(s))


def months(safeguard: Safeguard) -> float:
    """A period in months (0 when the law gives no length)."""
    if safeguard.value is None or safeguard.unit is None:
        return 0.0
    return safeguard.value * _MONTHS.get(safeguard.unit, 1.0)


def _requirements(measure: Measure) -> list[str]:
    return list(dict.fromkeys(_WORK_REQUIREMENTS[c.kind] for c in measure.conditions if c.kind in _WORK_REQUIREMENTS))


def _work(model: PolicyModel) -> Iterator[tuple[Provision, Measure, list[Safeguard], list[str]]]:
    """Clauses on forced migrants' work, with the waiting periods and requirements that qualify them."""
    for provision, measure in model.measures():
        if measure.action is Action.PERMIT_EMPLOYMENT and measure.covers(PROTECTION_CLASSES):
            yield provision, measure, _waits(model, provision, measure), _requirements(measure)


@rule("EMP001")
def work_barred(model: PolicyModel) -> Iterator[Hit]:
    """Forced migrants barred from work, self-employment or the professions with no time limit (arts. 161-163)."""
    for provision, measure, waits, requirements in _work(model):
        if measure.modality is Modality.MUST_NOT and not waits and not requirements:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} bars {holders(measure, PROTECTION_CLASSES)} from work with no time limit and no "
                "way to obtain permission.",
            )


@rule("EMP002")
def work_delayed(model: PolicyModel) -> Iterator[Hit]:
    """A waiting period, permit or labour-market test before forced migrants may work (arts. 161-163; RCD art. 15)."""
    for provision, measure, waits, requirements in _work(model):
        if not waits and not requirements:
            continue
        limits = (
            [f"a waiting period of {_period(waits[0])}" if months(waits[0]) else "a waiting period"] if waits else []
        )
        workers = holders(measure, PROTECTION_CLASSES)
        sentence = f"{provision.ref} makes work by {workers} subject to {_and(limits + requirements)}"
        yield Hit(provision.ref, measure.span, measure.evidence, sentence + _binding_wait(measure, waits))


def _period(safeguard: Safeguard) -> str:
    value = safeguard.value or 0
    number = f"{value:g}"
    unit = safeguard.unit or ""
    return f"{number} {unit.removesuffix('s') if value == 1 else unit}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _binding_wait(measure: Measure, waits: list[Safeguard]) -> str:
    """What binding law says of the limit: applicants may be kept from work for at most 9 months (RCD art. 15)."""
    par = "the MIMC asks for access on the same terms as nationals."
    if not waits or not measure.covers(frozenset({PersonClass.ASYLUM_SEEKER})):
        return f"; {par}"
    if months(waits[0]) > APPLICANT_WAIT_MONTHS:
        return f"; that exceeds the {APPLICANT_WAIT_MONTHS} months binding law allows applicants (RCD art. 15)."
    return f"; binding law allows applicants a wait of at most {APPLICANT_WAIT_MONTHS} months (RCD art. 15), but {par}"


@rule("EDU001")
def schooling_excluded(model: PolicyModel) -> Iterator[Hit]:
    """Schooling of forced-migrant, asylum-seeking or undocumented children excluded or tied to status (art. 165)."""
    for provision, measure in model.measures():
        if measure.action is not Action.PERMIT_EDUCATION:
            continue
        status = [c for c in measure.conditions if c.kind is ConditionKind.LAWFUL_STATUS]
        if status:
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} makes schooling depend on lawful status ({status[0].text}).",
            )
        elif measure.modality is Modality.MUST_NOT and measure.covers(STATUS_CLASSES):
            named = holders(measure, STATUS_CLASSES | _CHILDREN)
            yield Hit(
                provision.ref,
                measure.span,
                measure.evidence,
                f"{provision.ref} keeps {named} out of school because of their status.",
            )


@rule("ASC001")
def association_barred(model: PolicyModel) -> Iterator[Hit]:
    """Forced migrants or foreigners barred from forming, joining or holding office in associations or trade unions
    (art. 145)."""
    for provision, measure in powers(model, frozenset({Action.RESTRICT_ASSOCIATION})):
        if not measure.covers(STATUS_CLASSES):
            continue
        if SafeguardKind.NECESSITY in reaching_kinds(model, provision, measure):
            continue  # a restriction confined to what is necessary (ICCPR art. 22(2))
        yield Hit(
            provision.ref,
            measure.span,
            measure.evidence,
            f"{provision.ref} bars {holders(measure, STATUS_CLASSES)} from forming, joining or holding office in "
            "associations or trade unions because of their status.",
        )
