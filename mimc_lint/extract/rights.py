"""Rights stated as a verb and its object, and the distinctions a clause draws between persons.

Work, school, association and the courts (MIMC arts. 145, 146, 161-163, 165), and the procedure
itself (applying for protection, accelerated examination), are stated as a verb and its object:
"shall not engage in paid employment", "may be enrolled in a government school only if ...", "is
not eligible for legal aid", "Legal aid shall not be granted to ...". This module reads whether
such a clause grants or bars the right, on what it depends (a permit, a labour-market test, lawful
status, a waiting period), and which protected ground (nationality, religion, race) a clause turns
on (art. 133). measures.py turns each reading into a measure, so YAML and text meet in one model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mimc_lint.extract.vocabulary import Match, number_value
from mimc_lint.model import (
    STATUS_CLASSES,
    Action,
    Condition,
    ConditionKind,
    Modality,
    Persons,
    Safeguard,
    SafeguardKind,
)

if TYPE_CHECKING:
    from mimc_lint.extract.measures import ClauseReader

_SCAN = 16  # how far back (tokens) the words governing a right may reach
_AHEAD = 8  # how far a right that leads its clause may stand from the words that grant it
_COMPARISONS = frozenset({"as", "than"})
_COMPARED = 2  # how near a comparison word stands to what it compares with ("as a citizen of")
_NEAR = 8  # how near a guard, a designation or a holder must stand to the ground it qualifies
#: Rights the model records as the restriction of them: barring the right is a restriction that applies.
_RESTRICTIONS = frozenset({Action.RESTRICT_ASSOCIATION, Action.RESTRICT_COURT_ACCESS})
_RIGHTS_TO_ACCESS = frozenset({Action.PERMIT_EMPLOYMENT, Action.PERMIT_EDUCATION})
_UNITS = ("hours", "days", "weeks", "months", "years")


@dataclass(frozen=True, slots=True)
class Right:
    """A right a clause grants or bars (or, for association and courts, the restriction it makes)."""

    action: Action
    modality: Modality
    at: int  # token where the governing words begin (the right itself when it leads the clause)
    trigger: Match
    persons: tuple[Persons, ...]  # whose right it is: not those proceedings are brought against
    conditions: tuple[Condition, ...]
    safeguards: tuple[Safeguard, ...]  # waiting periods


@dataclass(frozen=True, slots=True)
class _Governing:
    """What governs a right: the force of its modal (MUST or MAY), whether it is taken away, and where."""

    force: Modality
    barred: bool
    at: int
    chain: range  # tokens between the governing word and the right
    plain_negation: bool  # barred by "not" or "no", not by a verb such as "prohibit"


def rights(reader: ClauseReader) -> Iterator[Right]:
    """Every right stated in the unit's own words, with its force, conditions and waiting periods."""
    own_start, own_end = reader.own
    seen: set[tuple[Action, int]] = set()
    for trigger in reader.in_clause("rights", own_start, own_end):
        action = Action(trigger.value)
        if _not_the_right(reader, trigger):
            continue
        governing = _governing(reader, trigger)
        if governing is None:
            continue
        modality = _modality(reader, action, trigger, governing)
        if modality is None:
            continue
        start, end = reader.clause(trigger.start)
        if (action, start) in seen:
            continue  # "form, join or take part in a trade union": one measure per clause
        seen.add((action, start))
        conditions: list[Condition] = []
        waits: list[Safeguard] = []
        if action in _RIGHTS_TO_ACCESS:
            conditions = _requirements(reader, trigger, (start, end), governing)
            waits = waiting_periods(reader, start, end, action)
        persons = tuple(_holders(reader, start, end))
        if action is Action.RESTRICT_COURT_ACCESS and not any(p.cls in STATUS_CLASSES for p in persons):
            continue  # "An officer shall not bring proceedings against a refugee": no one's access is restricted
        yield Right(action, modality, governing.at, trigger, persons, tuple(conditions), tuple(waits))


def _not_the_right(reader: ClauseReader, trigger: Match) -> bool:
    """ "higher education", "an unlawful association", "a work permit": words that name something else."""
    words = reader.lower[max(trigger.start - 1, 0) : trigger.end]
    if set(words) & set(reader.vocab.lexicon["not-rights-objects"]):
        return True
    following = reader.lower[trigger.end : trigger.end + 1]
    return bool(following) and following[0] in reader.vocab.lexicon["permission-words"]


def _governing(reader: ClauseReader, trigger: Match) -> _Governing | None:
    """The modal, copula or leading position that makes the right operative, or None."""
    lexicon = reader.vocab.lexicon
    start, end = reader.clause(trigger.start)
    takers = set(lexicon["right-takers"])
    passable = reader.vocab.bridges | set(lexicon["right-bridges"]) | set(lexicon["right-givers"]) | takers
    verbs = {w for phrase in lexicon["rights"][trigger.value]["verbs"] for w in phrase.split()}
    persons = {i for m in reader.in_clause("persons", start, trigger.start) for i in range(m.start, m.end)}
    modals = {i: m for m in reader.in_clause("modals", start, trigger.start) for i in range(m.start, m.end)}
    i = trigger.start - 1
    while i >= start and trigger.start - i <= _SCAN:
        if i in modals:
            modal = modals[i]
            return _after_modal(reader, trigger, modal, range(modal.end, trigger.start))
        word = reader.lower[i]
        if i in persons or word in passable or word in verbs or (word.endswith("ly") and len(word) > 3):
            i -= 1
            continue
        ordering = [j for j in range(max(start, i - 4), i) if reader.lower[j] in lexicon["right-orders"]]
        if not ordering or "to" not in reader.lower[i + 1 : trigger.start]:
            break
        i = ordering[-1] - 1  # "shall order the plaintiff to give security for costs"
    chain = range(i + 1, trigger.start)
    copula = max((j for j in chain if reader.lower[j] in lexicon["right-copulas"]), default=None)
    if copula is not None and not _relative(reader, copula, start):
        words = [reader.lower[j] for j in range(copula, trigger.start)]
        if set(words) & (set(lexicon["right-givers"]) | takers):
            negated = words.count("not") % 2 == 1 or _negative_subject(reader, start, copula)
            taken = sum(w in takers for w in words) % 2 == 1
            return _Governing(Modality.MUST, negated != taken, copula, range(copula, trigger.start), negated)
    if all(reader.lower[j] in lexicon["negative-subjects"] or not reader.doc[j].is_alpha for j in range(start, i + 1)):
        return _leading(reader, trigger, end)
    return None


def _after_modal(reader: ClauseReader, trigger: Match, modal: Match, chain: range) -> _Governing | None:
    """A modal before the right: its force (negative subject and subordinate clauses as measures.py reads them),
    with the negations and verbs such as "prohibit" between it and the right."""
    found = reader.modality(Match("rights", trigger.value, modal.end, modal.end + 1), [])
    if found is None:
        return None
    force, at = found
    words = [reader.lower[j] for j in chain]
    negated = force is Modality.MUST_NOT or words.count("not") % 2 == 1
    taken = sum(w in reader.vocab.lexicon["right-takers"] for w in words) % 2 == 1
    base = Modality.MAY if reader.lower[modal.start] == "may" or force is Modality.MAY else Modality.MUST
    return _Governing(base, negated != taken, at, chain, negated)


def _leading(reader: ClauseReader, trigger: Match, end: int) -> _Governing | None:
    """ "Legal aid shall not be granted to ...", "Free legal aid is not available to ...": the right leads."""
    grants = set(reader.vocab.lexicon["right-grants"])
    start, _ = reader.clause(trigger.start)
    negative = _negative_subject(reader, start, trigger.start)
    stop = min(end, trigger.end + _AHEAD)
    modals = reader.in_clause("modals", trigger.end, stop)
    copulas = [j for j in range(trigger.end, stop) if reader.lower[j] in reader.vocab.lexicon["right-copulas"]]
    first = min([m.start for m in modals] + copulas, default=None)
    if first is None:
        return None
    after = reader.lower[first : first + 5]
    if not grants & set(after):
        return None
    negated = negative or "not" in after
    force = Modality.MAY if after[0] == "may" else Modality.MUST
    return _Governing(force, negated, trigger.start, range(trigger.end, first), negated)


def _relative(reader: ClauseReader, at: int, start: int) -> bool:
    """A copula in a relative clause ("a person who is entitled to ...") states no right of its own."""
    return bool(set(reader.vocab.lexicon["right-relatives"]) & set(reader.lower[max(start, at - 2) : at]))


def _negative_subject(reader: ClauseReader, start: int, at: int) -> bool:
    """ "No asylum seeker is entitled to ...", "No legal aid shall be ...": a negative subject bars the right."""
    words = [*reader.lower[start:at], ""]
    lexicon = reader.vocab.lexicon
    return any(
        w in lexicon["negative-subjects"] and not (w == "no" and words[j + 1] in lexicon["not-negative-after-no"])
        for j, w in enumerate(words[:-1])
    )


def _modality(reader: ClauseReader, action: Action, trigger: Match, governing: _Governing) -> Modality | None:
    """The model's modality: the right's own, or for a restriction, the force with which it restricts."""
    if action not in _RESTRICTIONS:
        return Modality.MUST_NOT if governing.barred else governing.force
    words = reader.words(trigger.start, trigger.end).lower()
    burden = words in reader.vocab.lexicon["rights"][trigger.value].get("burdens", ())
    if governing.barred == burden:  # a right granted, or a burden lifted: no restriction
        return None
    if governing.force is Modality.MAY and not governing.plain_negation:
        return Modality.MAY  # "may prohibit a foreigner from joining", "may be required to give security"
    return Modality.MUST


def _holders(reader: ClauseReader, start: int, end: int) -> list[Persons]:
    """The classes the clause names, less those named as the other side ("proceedings against a refugee")."""
    against = {
        reader.span(m.start, m.end)
        for m in reader.in_clause("persons", start, end)
        if "against" in reader.lower[max(start, m.start - 3) : m.start]
    }
    return [p for p in reader.persons(start, end) if p.span not in against]


def _requirements(
    reader: ClauseReader, trigger: Match, clause: tuple[int, int], governing: _Governing
) -> list[Condition]:
    """What access depends on: a permit, a labour-market test, lawful status (ConditionKind)."""
    start, end = clause
    action = Action(trigger.value)
    waived = [w.end for w in reader.in_clause("condition-waivers", start, end)]
    connectors = [
        c
        for c in reader.in_clause("condition-connectors", start, end)
        if c.start not in waived
        and c.start - 1 not in waived  # "even if", "whether or not"
        and (governing.barred or reader.lower[c.start] != "without")  # "may work without a permit": none needed
    ]
    found: list[Condition] = []
    kinds = [("lawful-status", ConditionKind.LAWFUL_STATUS)]
    if action is Action.PERMIT_EMPLOYMENT:
        kinds += [("permission-words", ConditionKind.WORK_PERMIT), ("permission-verbs", ConditionKind.WORK_PERMIT)]
    for category, kind in kinds:
        if any(c.kind is kind for c in found):
            continue  # a permit named and a verb that grants it: one requirement
        for match in reader.in_clause(category, start, end):
            # "may be granted permission to work": the permit is the way in, unless the clause bars it outright
            in_chain = (
                category != "permission-verbs"
                and governing.chain.start <= match.start < trigger.end
                and not governing.barred
            )
            introduced = any(c.end <= match.start <= c.end + 12 for c in connectors)
            if in_chain or introduced:
                found.append(_condition(reader, match, end, kind))
                break
    if action is Action.PERMIT_EMPLOYMENT:
        test = reader.in_clause("labour-market-test", start, end)
        if test:
            found.append(_condition(reader, test[0], end, ConditionKind.LABOUR_MARKET_TEST))
    return found


def _condition(reader: ClauseReader, match: Match, end: int, kind: ConditionKind) -> Condition:
    stop = match.end
    while stop < end and stop - match.end < 6 and not reader.doc[stop].is_punct:
        stop += 1
    return Condition(reader.words(match.start, stop), reader.span(match.start, stop), kind)


def waiting_periods(reader: ClauseReader, start: int, end: int, concerns: Action | None) -> list[Safeguard]:
    """Fixed periods in [start, end) before a right begins or a bar ends ("during the first six months")."""
    found = []
    numbers: set[int] = set()
    for match in reader.in_clause("waiting-period", start, end):
        number = next(t for t in reader.doc[match.start : match.end] if t.like_num)
        if number.i in numbers:
            continue  # "within 12 months after": one period, whichever words frame it
        numbers.add(number.i)
        unit = reader.lower[number.i + 1]
        found.append(
            Safeguard(
                SafeguardKind.WAITING_PERIOD,
                reader.words(match.start, match.end),
                reader.span(match.start, match.end),
                number_value(number.text),
                unit if unit in _UNITS else f"{unit}s",
                concerns,
            )
        )
    return found


def standalone_waits(reader: ClauseReader, operative: list[int]) -> list[Safeguard]:
    """Waiting periods stated on their own, outside the clauses of the measures at `operative` tokens:
    "Subsection (1) ceases to apply when six months have elapsed" (any bar the provision refers to), or
    "Access to the labour market begins nine months after ..." (that right)."""
    own_start, own_end = reader.own
    claimed = [reader.clause(at) for at in operative]
    found: list[Safeguard] = []
    for match in reader.in_clause("waiting-period", own_start, own_end):
        if any(a <= match.start < b for a, b in claimed):
            continue
        start, end = reader.clause(match.start)
        about = [Action(m.value) for m in reader.in_clause("rights", start, end)]
        about = [a for a in about if a in _RIGHTS_TO_ACCESS]
        if about or reader.in_clause("cessation", start, end):
            found.extend(waiting_periods(reader, match.start, match.end, about[0] if about else None))
    return found


def distinctions(reader: ClauseReader, start: int, end: int) -> list[Condition]:
    """Protected grounds the clause in [start, end) turns on: "a national of a country specified in Schedule 4",
    "only if the person is an adherent of the established religion". Guarantees ("without distinction as to race"),
    comparisons ("on the same terms as a citizen of") and grounds of persecution are not distinctions."""
    found: dict[ConditionKind, Condition] = {}
    for match in reader.in_clause("distinctions", start, end):
        kind = ConditionKind(match.value)
        if kind in found or _guarded(reader, match, start):
            continue
        if kind is ConditionKind.NATIONALITY and not _designated(reader, match, end):
            continue
        if kind is not ConditionKind.NATIONALITY and not _held(reader, match, start):
            continue
        first, stop = _phrase(reader, match, start, end)
        found[kind] = Condition(reader.words(first, stop), reader.span(first, stop), kind)
    return list(found.values())


def _phrase(reader: ClauseReader, match: Match, start: int, end: int) -> tuple[int, int]:
    """The words that state a distinction: "a safe country of origin", "of the Christian faith", "national of a
    country specified in Schedule 4" — back over names and articles, on to the verb or the next clause."""
    first = match.start
    while (
        first > start
        and match.start - first < 4
        and (reader.doc[first - 1].is_title or reader.lower[first - 1] in reader.vocab.lexicon["phrase-joins"])
    ):
        first -= 1
    stops = {i for m in reader.in_clause("modals", match.end, end) for i in range(m.start, m.end)}
    stops |= {m.start for m in reader.in_clause("distinction-holders", match.end, end)}
    stop = match.end
    while (
        stop < end
        and stop - match.end < _NEAR
        and stop not in stops
        and not reader.doc[stop].is_punct
        and reader.lower[stop] not in reader.vocab.lexicon["right-copulas"]
    ):
        stop += 1
    return first, stop


def _guarded(reader: ClauseReader, match: Match, start: int) -> bool:
    """Is the ground a guarantee, a ground of persecution or a comparison? A comparison word ("as", "than") makes
    one only right before it ("on the same terms as a citizen of"), not "designated as a safe third country for
    applicants from ..."."""
    return any(
        g.end <= match.start and match.start - g.end <= (_COMPARED if reader.lower[g.start] in _COMPARISONS else _NEAR)
        for g in reader.in_clause("distinction-guards", max(start, match.start - _NEAR - 4), match.start)
    )


def _designated(reader: ClauseReader, match: Match, end: int) -> bool:
    """A nationality that lists the countries ("nationals of Ruritania, Borduria or Syldavia") or says they are listed
    ("a national of a country specified in Schedule 4"), not a citizen of the State itself in passing. Residence
    counts only in a country so listed ("entitled to reside in a State listed in subsection (4)")."""
    lexicon = reader.vocab.lexicon
    stop = min(end, match.end + _NEAR)
    if reader.lower[match.start] in lexicon["country-namers"] and _names(reader, match.end, stop) >= 2:
        return True
    if not reader.in_clause("country-designations", max(0, match.start - 4), stop):
        return False
    words = set(reader.lower[match.start : min(end, match.end + 4)])
    return reader.lower[match.start] in lexicon["country-namers"] or bool(words & set(lexicon["country-words"]))


def _names(reader: ClauseReader, start: int, stop: int) -> int:
    """How many proper names are listed from `start`: "Ruritania, Borduria or Syldavia" gives 3."""
    count, i = 0, start
    while i < stop and reader.doc[i].is_title and reader.lower[i] not in ("the", "a", "an"):
        count += 1
        i += 1
        if i < stop and reader.lower[i] in (",", "and", "or"):
            i += 1
            if i < stop and reader.lower[i] in ("and", "or"):
                i += 1
    return count


def _held(reader: ClauseReader, match: Match, start: int) -> bool:
    """A religion or race that describes the persons the clause is about."""
    first = max(start, match.start - _NEAR)
    return bool(
        reader.in_clause("persons", first, match.start) or reader.in_clause("distinction-holders", first, match.end)
    )
