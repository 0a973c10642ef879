"""The protection procedure and expulsion, as one unit's clauses state them (MIMC art. 138; Ch. I).

Run after measures.py has read the unit. It adds what those readings need to be complete for the
admission, procedure and penalty checks: an application named as a noun ("No application for
asylum may be lodged ..."), the place and number it is confined to, whether it is a further one;
an inadmissibility that an application, not an alien, is subject to, and whether a third country
is to examine the claim; an appeal that does not stop a removal ("may be removed while an appeal
is pending"); persons removed as a group; the guarantees a removal power dispenses with
("without notice", "summarily"); and interim protection given as the only status a class may have.
"""

from __future__ import annotations

from mimc_lint.extract.measures import ClauseReader, Draft, Reading
from mimc_lint.extract.vocabulary import UNITS, Match
from mimc_lint.model import (
    REMOVAL_ACTIONS,
    Action,
    Condition,
    ConditionKind,
    Modality,
    PersonClass,
    Persons,
    Safeguard,
    SafeguardKind,
)

_NEAR = 6  # how far (tokens) a place may follow its limit, or a suspension its application
_SUBJECT = 10  # how far before "inadmissible" the application it is said of may stand
_AFTER_NOUN = 12  # how far after an application named as a noun the verb that makes it may stand
_EVIDENCE = 12  # how many words after a pending remedy the evidence runs on to, at most
_DISTINCTIONS = frozenset({ConditionKind.NATIONALITY, ConditionKind.RACE})
_REFUSALS = ("refuse", "decline")
#: The stages whose suspension leaves a claim undecided (not an appeal or a review, which have rules of their own).
_DEFERRED_STAGES = frozenset({"examination", "processing", "determination", "consideration", "decision", "decisions"})
_RELATIVE = frozenset({"who", "whose", "which", "that", "whom"})
#: Statuses and rights that a law may make turn on the manner of arrival (PEN002).
_RIGHTS = frozenset(
    {
        Action.GRANT_PROTECTION,
        Action.GRANT_INTERIM_PROTECTION,
        Action.GRANT_RESIDENCE,
        Action.FAMILY_REUNION,
        Action.PERMIT_EMPLOYMENT,
        Action.PERMIT_EDUCATION,
    }
)


def complete(reader: ClauseReader, reading: Reading) -> None:
    """Add to `reading` what the procedure checks need (see the module docstring)."""
    _inadmissibility(reader, reading)
    _applications(reader, reading)
    _determination_deferred(reader, reading)
    for draft in reading.measures:
        if draft.at < 0:
            continue
        if draft.action is Action.APPLY_FOR_PROTECTION:
            draft.conditions.extend(_application_conditions(reader, draft))
        elif draft.action in _RIGHTS:
            draft.persons.extend(_arrived_irregularly(reader, draft))
        elif draft.action in REMOVAL_ACTIONS and draft.modality is not Modality.MUST_NOT:
            draft.conditions.extend(_group(reader, draft) + _applied_elsewhere(reader, draft))
    _pending_remedies(reader, reading)
    _dispensations(reader, reading)
    _only_interim(reader, reading)


def _trigger(reader: ClauseReader, draft: Draft) -> Match:
    """The action match a draft was read from."""
    return next(
        (m for m in reader.starting("actions", draft.at, draft.at + 1) if m.value == draft.action),
        Match("actions", draft.action.value, draft.at, draft.at + 1),
    )


def _clause(reader: ClauseReader, draft: Draft) -> tuple[int, int]:
    return reader.clause(draft.at)


def _new(reader: ClauseReader, action: Action, modality: Modality, first: int, last: int, at: int) -> Draft:
    """A measure the unit states in words measures.py does not read as one, with what its clause says."""
    start, end = reader.clause(at)
    persons = reader.persons(start, end)
    return Draft(
        action=action,
        modality=modality,
        evidence=reader.words(first, last),
        span=reader.span(first, last),
        unit=reader.comp.unit,
        persons=persons,
        conditions=reader.conditions(last, end),
        safeguards=reader.safeguards(start, end, action, False),
        risks=reader.risks(start, end),
        at=at,
    )


# -- inadmissibility --------------------------------------------------------------------------------


def _inadmissibility(reader: ClauseReader, reading: Reading) -> None:
    """Keep an inadmissibility only when an application or claim is what is inadmissible; note when a third
    country is to examine it (safe third country, first country of asylum, transit)."""
    for draft in [d for d in reading.measures if d.action is Action.DECLARE_INADMISSIBLE and d.at >= 0]:
        trigger = _trigger(reader, draft)
        start, end = _clause(reader, draft)
        if not _said_of_application(reader, trigger, start):
            reading.measures.remove(draft)
            continue
        if reader.in_clause("third-country-grounds", start, end):
            draft.concerns = Action.TRANSFER_THIRD_COUNTRY


def _said_of_application(reader: ClauseReader, trigger: Match, start: int) -> bool:
    """ "declare the application inadmissible", "An application ... is inadmissible": not "an alien who ... is
    inadmissible" (a person refused entry)."""
    if reader.in_clause("application-words", trigger.start, trigger.end):
        return True
    if _RELATIVE & set(reader.lower[max(start, trigger.start - _NEAR) : trigger.start]):
        return False  # "a claimant whose claim is declared inadmissible": the inadmissibility is stated elsewhere
    for word in reader.in_clause("application-words", max(start, trigger.start - _SUBJECT), trigger.start):
        if not reader.in_clause("persons", word.end, trigger.start):
            return True
    return False


# -- applications -----------------------------------------------------------------------------------


def _applications(reader: ClauseReader, reading: Reading) -> None:
    """Applications named as nouns: made or received ("may be lodged only at", "shall not register an
    application"), suspended ("may suspend the lodging of applications"), or capped ("no more than 50
    applications"). A clause whose application rights.py has read already is left as it is."""
    own_start, own_end = reader.own
    read = {_clause(reader, d)[0] for d in reading.measures if d.action is Action.APPLY_FOR_PROTECTION and d.at >= 0}
    nouns = reader.in_clause("application-nouns", own_start, own_end)
    rights = [m for m in reader.in_clause("rights", own_start, own_end) if m.value == Action.APPLY_FOR_PROTECTION]
    for mention in sorted(nouns + rights, key=lambda m: m.start):
        start, end = reader.clause(mention.start)
        if start in read:
            continue
        draft = _suspended(reader, mention, (start, end))
        if draft is None and mention.category == "application-nouns":
            draft = _made(reader, mention, end) or _handled(reader, mention, start)
        if draft is None and _cap(reader, start, end) is not None:
            draft = _new(reader, Action.APPLY_FOR_PROTECTION, Modality.MAY, mention.start, mention.end, mention.start)
        if draft is not None:
            read.add(start)
            reading.measures.append(draft)


def _made(reader: ClauseReader, noun: Match, end: int) -> Draft | None:
    """ "An application for protection may be made only at ...", "No asylum claim shall be registered ..."."""
    for verb in reader.in_clause("application-verbs", noun.end, min(end, noun.end + _AFTER_NOUN)):
        found = reader.modality(Match("actions", Action.APPLY_FOR_PROTECTION.value, verb.start, verb.end), [])
        if found is not None:
            first = noun.start - 1 if noun.start > 0 and reader.lower[noun.start - 1] == "no" else noun.start
            return _new(reader, Action.APPLY_FOR_PROTECTION, found[0], first, verb.end, verb.start)
    return None


def _handled(reader: ClauseReader, noun: Match, start: int) -> Draft | None:
    """ "shall not register an application for protection", "may refuse to accept an asylum claim", "may not make a
    valid application for a protection visa"."""
    for verb in reader.in_clause("application-handling", max(start, noun.start - 4), noun.start):
        if reader.in_clause("application-handling", verb.end, noun.start):
            continue  # the verb nearest the noun governs it
        found = reader.modality(Match("actions", Action.APPLY_FOR_PROTECTION.value, verb.start, verb.end), [])
        if found is None:
            return None
        modality = found[0]
        if reader.lower[verb.start] in _REFUSALS:
            modality = Modality.MUST if modality is Modality.MUST_NOT else Modality.MUST_NOT
        return _new(reader, Action.APPLY_FOR_PROTECTION, modality, found[1], noun.end, verb.start)
    return None


def _suspended(reader: ClauseReader, mention: Match, clause: tuple[int, int]) -> Draft | None:
    """ "may suspend the lodging of applications for protection", "the right to apply for asylum is suspended":
    not "the examination of applications is suspended", a stage of the procedure, nor "shall not suspend"."""
    start, end = clause
    for word in reader.in_clause("application-suspension", start, end):
        if word.end <= mention.start <= word.end + _NEAR:
            first, last = word.start, mention.end
        elif mention.end <= word.start <= mention.end + _NEAR // 2:
            first, last = mention.start, word.end
        else:
            continue
        if reader.in_clause("application-stages", max(start, first - 3), last):
            continue  # "the examination of applications ... shall be suspended"
        found = reader.modality(Match("actions", Action.APPLY_FOR_PROTECTION.value, word.start, word.end), [])
        if found is not None and found[0] is Modality.MUST_NOT:
            continue
        if found is not None and found[1] < first:
            first = found[1]
        return _new(reader, Action.APPLY_FOR_PROTECTION, Modality.MUST_NOT, first, last, word.start)
    return None


def _determination_deferred(reader: ClauseReader, reading: Reading) -> None:
    """ "The examination of any asylum application lodged by a holder of temporary protection shall be suspended
    until the temporary protection ends": the claim is not decided while the words hold, a bar on the grant of
    protection for that time (not on applying, which `_suspended` reads)."""
    own_start, own_end = reader.own
    for word in reader.in_clause("application-suspension", own_start, own_end):
        start, _ = reader.clause(word.start)
        stages = [m for m in reader.in_clause("application-stages", start, word.start) if m.start >= own_start]
        stage = next((m for m in reversed(stages) if reader.lower[m.start] in _DEFERRED_STAGES), None)
        if stage is None or reader.lower[stage.end : stage.end + 1] != ["of"]:
            continue  # "the examination of": the stage is what is suspended
        named = reader.in_clause("application-nouns", stage.end, word.start) or reader.in_clause(
            "application-words", stage.end, min(word.start, stage.end + 4)
        )
        if not named:
            continue
        found = reader.modality(Match("actions", Action.GRANT_PROTECTION.value, word.start, word.end), [])
        if found is None or found[0] is Modality.MUST_NOT:
            continue  # not operative, or "shall not be suspended"
        reading.measures.append(
            _new(reader, Action.GRANT_PROTECTION, Modality.MUST_NOT, stage.start, word.end, word.start)
        )


def _application_conditions(reader: ClauseReader, draft: Draft) -> list[Condition]:
    """Where, how many, and whether a further one: the conditions an application's clause states."""
    start, end = _clause(reader, draft)
    kinds = {c.kind for c in draft.conditions}
    found = []
    place = _place(reader, start, end, [*_mentions(reader, start, end), draft.at])
    if place is not None and ConditionKind.DESIGNATED_PLACE not in kinds:
        found.append(_condition(reader, place, ConditionKind.DESIGNATED_PLACE))
    cap = _cap(reader, start, end)
    if cap is not None and ConditionKind.QUOTA not in kinds:
        found.append(_condition(reader, cap, ConditionKind.QUOTA))
    further = _subsequent(reader, start, end)
    if further is not None and ConditionKind.SUBSEQUENT_APPLICATION not in kinds:
        found.append(_condition(reader, further, ConditionKind.SUBSEQUENT_APPLICATION))
    return found


def _applied_elsewhere(reader: ClauseReader, draft: Draft) -> list[Condition]:
    """ "A person who applies for protection other than at a designated port shall be removed": the removal of
    those who apply elsewhere."""
    start, end = _clause(reader, draft)
    place = _place(reader, start, end, _mentions(reader, start, end))
    return [_condition(reader, place, ConditionKind.DESIGNATED_PLACE)] if place is not None else []


def _condition(reader: ClauseReader, words: tuple[int, int], kind: ConditionKind) -> Condition:
    return Condition(reader.words(*words), reader.span(*words), kind)


def _mentions(reader: ClauseReader, start: int, end: int) -> list[int]:
    """Where the clause speaks of applying for protection: an application named as a noun, or the verb and object."""
    found = reader.in_clause("application-nouns", start, end)
    found += [m for m in reader.in_clause("rights", start, end) if m.value == Action.APPLY_FOR_PROTECTION]
    return [m.start for m in found]


def _place(reader: ClauseReader, start: int, end: int, anchors: list[int]) -> tuple[int, int] | None:
    """ "only at a designated port of entry", "other than at an embassy", "between ports of entry", said of the
    application at one of `anchors`: near it, in the same part of the sentence ("may apply for protection and shall
    be accommodated only in a reception centre" limits the accommodation, not the application)."""
    for limit in reader.in_clause("place-limits", start, end):
        places = reader.in_clause("application-places", limit.end, min(end, limit.end + _NEAR))
        if places and any(_together(reader, anchor, limit.start) for anchor in anchors):
            return limit.start, max(p.end for p in places if p.start == places[0].start)
    return None


def _together(reader: ClauseReader, one: int, other: int) -> bool:
    first, last = sorted((one, other))
    return last - first <= _AFTER_NOUN and not {"and", "but", ";"} & set(reader.lower[first:last])


def _cap(reader: ClauseReader, start: int, end: int) -> tuple[int, int] | None:
    """ "no more than 50 applications", "shall not exceed 5,000", "a quota": not "not exceeding six months"."""
    for cap in reader.in_clause("application-caps", start, end):
        if not reader.doc[cap.start].is_alpha or reader.lower[cap.end - 1] in ("quota", "quotas", "ceiling", "limit"):
            return cap.start, cap.end
        for i in range(cap.end, min(end, cap.end + 3)):
            if reader.doc[i].like_num:
                unit = reader.lower[i + 1] if i + 1 < len(reader.doc) else ""
                if unit not in UNITS:
                    return cap.start, i + 1
                break
    return None


def _subsequent(reader: ClauseReader, start: int, end: int) -> tuple[int, int] | None:
    """ "a further application", "a subsequent claim for protection"."""
    words = set(reader.vocab.lexicon["subsequent-words"])
    for application in reader.in_clause("application-words", start, end):
        if application.start > start and reader.lower[application.start - 1] in words:
            return application.start - 1, application.end
    return None


# -- removal while a remedy is pending ---------------------------------------------------------------


def _pending_remedies(reader: ClauseReader, reading: Reading) -> None:
    """ "may be removed while an appeal is pending", "Removal is not stayed by the lodging of an appeal": the
    appeal does not suspend the removal, which the model states as a restriction of the remedy (as it does "the
    appeal shall not have suspensive effect"), about a protection claim or about the removal."""
    done: set[int] = set()
    for draft in [d for d in reading.measures if d.action in REMOVAL_ACTIONS and d.at >= 0]:
        start, end = _clause(reader, draft)
        if draft.modality is Modality.MUST_NOT or start in done:
            continue
        done.add(start)
        words = _pending(reader, start, end)
        if words is None:
            continue
        first, last = words
        restriction = _new(reader, Action.RESTRICT_COURT_ACCESS, Modality.MUST, first, last, first)
        protection = reader.in_clause("protection-claim", start, end)
        restriction.concerns = Action.GRANT_PROTECTION if protection else Action.REMOVE
        reading.measures.append(restriction)


def _pending(reader: ClauseReader, start: int, end: int) -> tuple[int, int] | None:
    """The words that let the removal go ahead while a remedy is pending ("while an appeal is pending", "is not
    stayed by the lodging of an appeal", "notwithstanding any appeal"), or None."""
    for match in reader.in_clause("pending-remedy", start, end):
        last = match.end
        while last < end and last - match.end < _EVIDENCE and not reader.doc[last].is_punct:
            last += 1
        return match.start, last
    for category in ("overrides-by", "overrides-before"):
        for override in reader.in_clause(category, start, end):
            remedies = reader.in_clause("remedy-words", override.end, min(end, override.end + _NEAR + 2))
            if remedies:
                return override.start, remedies[0].end
    for override in reader.in_clause("overrides-after", start, end):  # "The filing of an appeal shall not stay"
        remedies = reader.in_clause("remedy-words", max(start, override.start - _NEAR - 2), override.start)
        if remedies and "not" in reader.lower[override.start : override.end]:
            return remedies[0].start, override.end
    return None


# -- groups -----------------------------------------------------------------------------------------


def _group(reader: ClauseReader, draft: Draft) -> list[Condition]:
    """Persons removed as a group: "as a group", "en masse", or "all" / "every" with what defines the group
    (nationality or ethnic origin, or the circumstances of arrival: "all persons on board the vessel")."""
    if any(c.kind is ConditionKind.GROUP for c in draft.conditions):
        return []
    start, end = _clause(reader, draft)
    said = reader.in_clause("group-words", start, end)
    if said:
        return [_condition(reader, (said[0].start, said[0].end), ConditionKind.GROUP)]
    distinguished = any(c.kind in _DISTINCTIONS for c in draft.conditions)
    for quantifier in reader.in_clause("group-quantifiers", start, end):
        arrival = reader.in_clause("arrival-circumstances", quantifier.end, end)
        nationals = reader.in_clause("distinctions", quantifier.end, min(end, quantifier.end + 3))  # "all nationals of"
        if not (distinguished or arrival or nationals):
            continue
        last = quantifier.end
        limit = arrival[0].end if arrival else min(end, quantifier.end + _EVIDENCE)
        while last < limit and not reader.doc[last].is_punct and not reader.in_clause("modals", last, last + 1):
            last += 1
        return [_condition(reader, (quantifier.start, last), ConditionKind.GROUP)]
    return []


# -- guarantees dispensed with ----------------------------------------------------------------------


def _dispensations(reader: ClauseReader, reading: Reading) -> None:
    """ "may be removed without notice", "shall be summarily returned": the guarantee goes with the removal powers
    of its clause; stated on its own about removal ("No reasons need be given for a removal"), with those of its
    section (extract/__init__.py). A dispensation in a clause about something else (detention, a trial) is not."""
    own_start, own_end = reader.own
    found = reader.in_clause("dispensations", own_start, own_end)
    trials = reader.in_clause("not-dispensations", own_start, own_end)
    for match in found:
        if any(o.value == match.value and o.start <= match.start and match.end <= o.end and o != match for o in found):
            continue  # "without further hearing" within "without further hearing or review"
        if any(t.start <= match.start and match.end <= t.end for t in trials):
            continue  # "tried summarily": a criminal trial, not a removal
        start, end = reader.clause(match.start)
        here = [d for d in reading.measures if d.at >= 0 and start <= d.at < end]
        dispensed = Safeguard(
            SafeguardKind(match.value), reader.words(match.start, match.end), reader.span(match.start, match.end)
        )
        if not here:
            if reader.concerns_of(start, end) in (Action.REMOVE, None) and dispensed not in reading.dispensed:
                reading.dispensed.append(dispensed)  # "No reasons need be given for an order under this section"
            continue
        for draft in here:
            if draft.action in REMOVAL_ACTIONS and draft.modality is not Modality.MUST_NOT:
                draft.without.append(dispensed)


# -- status and rights by manner of arrival ---------------------------------------------------------


def _arrived_irregularly(reader: ClauseReader, draft: Draft) -> list[Persons]:
    """ "a refugee who entered Arcadia unlawfully", "who arrived in the Commonwealth irregularly": the class of
    irregular arrivals, named by how they came rather than by a term of art."""
    if any(p.cls is PersonClass.IRREGULAR_ENTRANT for p in draft.persons):
        return []
    start, end = _clause(reader, draft)
    for entry in reader.in_clause("arrival-verbs", start, end):
        manner = reader.in_clause("irregular-manner", entry.end, min(end, entry.end + _NEAR + 1))
        if manner:
            first, last = entry.start, manner[0].end
            return [Persons(PersonClass.IRREGULAR_ENTRANT, reader.words(first, last), reader.span(first, last))]
    return []


# -- interim protection as the only status ----------------------------------------------------------


def _only_interim(reader: ClauseReader, reading: Reading) -> None:
    """ "shall be granted only a temporary protection visa": interim protection, and no full status, for the
    class the clause names."""
    for draft in [d for d in reading.measures if d.action is Action.GRANT_INTERIM_PROTECTION and d.at >= 0]:
        if draft.modality is Modality.MUST_NOT:
            continue
        trigger = _trigger(reader, draft)
        if "only" not in reader.lower[max(trigger.start - 1, 0) : trigger.end]:
            continue
        barred = _new(reader, Action.GRANT_PROTECTION, Modality.MUST_NOT, trigger.start, trigger.end, trigger.start)
        barred.persons = list(draft.persons)
        reading.measures.append(barred)
