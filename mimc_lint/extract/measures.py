"""Read one composed clause text into measures, safeguards and cross-references.

Rule-based: an action is operative only when a modal governs it ("may be detained",
"shall take into custody", "No person shall be returned", "Nothing in X prevents ...
from being removed"); a noun that merely names an action ("pending removal") is not a
measure. Persons, risks, safeguards and exceptions are read from the clause the action
stands in, which may run through the items of a lead-in.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.util import normalize_slice

from mimc_lint.extract.clauses import Composition, Piece
from mimc_lint.extract.interim import interim_periods
from mimc_lint.extract.quotas import zero_quotas
from mimc_lint.extract.references import Resolver
from mimc_lint.extract.rights import Right, distinctions, rights, standalone_waits
from mimc_lint.extract.vocabulary import Match, Vocabulary, number_value, token_table
from mimc_lint.model import (
    REMOVAL_ACTIONS,
    Action,
    Condition,
    CrossRef,
    Exception_,
    ExceptionKind,
    Modality,
    Override,
    PersonClass,
    Persons,
    Risk,
    Safeguard,
    SafeguardKind,
    Span,
)
from mimc_lint.readers.statute import Unit
from mimc_lint.source import SourceText

_SCAN = 14  # how far back (tokens) a modal may stand from the verb it governs
_RELATIVE = {"who", "which", "that", "if", "where", "when", "whom"}
#: Statuses a clause may name as its subject before granting them ("A protection visa may not be granted ...").
_GRANTS = {Action.GRANT_PROTECTION, Action.GRANT_RESIDENCE, Action.GRANT_INTERIM_PROTECTION}
_GRANTED = ("granted", "issued", "given", "conferred")
_TARGET_ENDS = {",", ";", ".", ":", "but"}  # where what "notwithstanding" sets aside ends
_DELEGATION = {"provide", "prescribe", "require", "direct", "specify", "stipulate"}  # "may by order provide that"
_PHRASE_ENDS = {"of", "in", "to", "for", "under", "the", "a", "an", "and", "or"}  # words that end a noun phrase
_ALL_RISKS = (Risk.PERSECUTION, Risk.TORTURE, Risk.SERIOUS_HARM)
_CHILD_CLASSES = {PersonClass.CHILD, PersonClass.UNACCOMPANIED_CHILD, PersonClass.FAMILY}
_EXCEPTION_ORDER = [k.value for k in ExceptionKind]
#: Safeguards that confine a power to the individual case; a prohibition lifted within them is that power.
_LIMIT_KINDS = {
    k.value for k in (SafeguardKind.LAST_RESORT, SafeguardKind.NECESSITY, SafeguardKind.INDIVIDUAL_ASSESSMENT)
}


@dataclass(slots=True)
class Draft:
    """A measure while it is being read; frozen into `model.Measure` once cross-references are applied."""

    action: Action
    modality: Modality
    evidence: str
    span: Span
    unit: Unit
    persons: list[Persons] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)
    safeguards: list[Safeguard] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    without: list[Safeguard] = field(default_factory=list)
    concerns: Action | None = None
    at: int = -1  # token index of the operative verb in the composed text (-1: synthesised)


@dataclass(slots=True)
class Reading:
    """What one unit's clause says."""

    measures: list[Draft] = field(default_factory=list)
    safeguards: list[Safeguard] = field(default_factory=list)
    cross_refs: list[CrossRef] = field(default_factory=list)
    #: exceptions this unit makes to another ("Subsection (1) shall not apply to a refugee who ...")
    disapplied: list[tuple[Unit, list[Exception_]]] = field(default_factory=list)
    #: measures about the power of another unit, kept once it is known that the unit confers that power: a ban
    #: for the classes a rule is disapplied for ("Subsection (1) does not apply to a minor"), or removal that
    #: disregards non-refoulement ("For the purposes of section 198, it is irrelevant whether ...")
    spared: list[tuple[Unit, Draft]] = field(default_factory=list)
    #: guarantees a sentence of the unit dispenses with on its own ("No reasons need be given"), for the removal
    #: powers of its section (extract/procedure.py)
    dispensed: list[Safeguard] = field(default_factory=list)
    #: the unit lets interim protection be renewed without end, apart from the grant ("(b) The Attorney General
    #: may extend the status for successive periods"): no time limit then holds for the grants of its section
    renewed_without_end: bool = False


class ClauseReader:
    """Reads one composed text; holds the doc, its matches and the way back to source positions."""

    def __init__(
        self, doc: Doc, composition: Composition, vocabulary: Vocabulary, source: SourceText, resolver: Resolver
    ) -> None:
        self.doc = doc
        self.comp = composition
        self.vocab = vocabulary
        self.source = source
        self.resolver = resolver
        self.lower, self._starts, self._ends, self._sentences = token_table(doc)
        self._index = vocabulary.index(doc, self.lower)
        own_start, own_end = composition.own_range()
        self.own = (self.token_at(own_start), self.token_at(max(own_start, own_end - 1)) + 1)
        self.breaks = self._breaks()

    # positions -------------------------------------------------------------------------------------

    def token_at(self, char: int) -> int:
        """Index of the token that holds composed-text offset `char`."""
        return max(bisect_right(self._starts, char) - 1, 0)

    def span(self, start: int, end: int) -> Span:
        """Source span of tokens [start, end)."""
        begin = self.comp.source_offset(self._starts[start])
        finish = self.comp.source_offset(self._ends[max(start, end - 1)] - 1) + 1
        return self.source.span(begin, max(finish, begin + 1))

    def piece_of(self, token: int) -> Piece:
        """The piece of the composed text that token `token` starts in."""
        return self.comp.piece_at(self._starts[token])

    def words(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as `doc[start:end].text` gives it."""
        start, end = normalize_slice(len(self.lower), start, end)
        return self.comp.text[self._starts[start] : self._ends[end - 1]] if start < end else ""

    def _piece_edges(self) -> set[int]:
        """Where the text of one unit joins another's; a unit's own text wrapped over several lines has no edge."""
        edges, unit = set(), None
        for piece in self.comp.pieces:
            if piece.unit is not unit:
                edges.add(self.token_at(piece.start))
            unit = piece.unit
        return edges

    def _breaks(self) -> list[int]:
        """Token indices where a new clause starts (not at the joins between units)."""
        edges = self._piece_edges()
        ends = {e - 1 for e in edges if e > 0} | {len(self.doc) - 1}
        breaks = {0, len(self.doc)}
        for start in self._sentences:
            if start not in edges and start - 1 not in ends:
                breaks.add(start)
        if ";" in self.comp.text:  # no token is ";" unless the text has one
            for i, word in enumerate(self.lower):
                if word == ";" and not self._near_piece_end(i, ends):
                    breaks.add(i + 1)
        text = self.comp.text.lower()  # the doc's text, without rebuilding it token by token
        for phrase in ("except that", "provided that", "but this shall not"):
            start = text.find(phrase)
            while start != -1:
                breaks.add(self.token_at(start))
                start = text.find(phrase, start + 1)
        return sorted(breaks)

    def _near_piece_end(self, i: int, ends: set[int]) -> bool:
        return any(e - i in (0, 1, 2) for e in ends if e >= i)

    def clause(self, token: int) -> tuple[int, int]:
        index = bisect_right(self.breaks, token) - 1
        return self.breaks[index], self.breaks[min(index + 1, len(self.breaks) - 1)]

    def in_clause(self, category: str, start: int, end: int) -> list[Match]:
        return self._index.within(category, start, end)

    def starting(self, category: str, start: int, end: int) -> list[Match]:
        return self._index.starting(category, start, end)

    # modality ----------------------------------------------------------------------------------------

    def modality(self, trigger: Match, others: list[Match]) -> tuple[Modality, int] | None:
        """The modal governing `trigger` and where it stands, or None when nothing makes it operative."""
        start, _ = self.clause(trigger.start)
        i = trigger.start - 1
        negated = False
        limited = False
        prior_triggers = {m.start: m for m in others if m.end <= trigger.start}
        steps = 0
        while i >= start and steps < _SCAN:
            word = self.lower[i]
            modal = self._modal_at(i)
            if modal is not None:
                modality, first = modal
                if self._conditional(first, start):
                    return None
                limited = limited or self.lower[trigger.end : trigger.end + 1] == ["only"]  # "shall be detained only"
                return self._force(modality, negated, limited, first, start), first
            if word.rstrip("-—–") == "not":  # "shall not-" as some statutes print it
                negated = True
            elif word == "only":
                limited = True
            elif i in prior_triggers or self._inside_commas(i, start, trigger.start):
                i -= 1
                continue  # a coordinated verb ("detained or expelled") or a parenthetical: not counted
            elif word not in self.vocab.bridges and not (word.endswith("ly") and len(word) > 3):
                break
            i -= 1
            steps += 1
        if trigger.start > start and self.lower[trigger.start - 1] == "to":
            for match in self.in_clause("modals", max(start, trigger.start - 8), trigger.start):
                if match.value == "must-not":
                    return Modality.MUST_NOT, match.start  # "does not permit a decision-maker to consider"
        return (
            self._coordinated(trigger, others, start)
            or self._nominal(trigger, start)
            or self._granted_subject(trigger, start)
            or self._ineligible(trigger, start)
            or self._permission(trigger, start)
        )

    def _nominal(self, trigger: Match, start: int) -> tuple[Modality, int] | None:
        """ "No removal order shall be made where ...", "Removal directions may be given": the action named as the
        subject of the clause, its modal after it."""
        nominal = self.vocab.lexicon["nominal-actions"]
        words = self.lower[trigger.start : trigger.end]
        if len(words) != 1 or words[0] not in nominal["heads"]:
            return None
        if any(w not in nominal["before"] for w in self.lower[start : trigger.start]):
            return None  # "pending removal may be detained", "a person liable to removal may": not its subject
        j = trigger.end + (trigger.end < len(self.lower) and self.lower[trigger.end] in nominal["followers"])
        modal = self._modal_at(j) if j < len(self.lower) else None
        if modal is None:
            return None
        modality, first = modal
        negated = self.lower[first + 1 : first + 2] == ["not"]
        return self._force(modality, negated, False, first, start), trigger.start

    def _granted_subject(self, trigger: Match, start: int) -> tuple[Modality, int] | None:
        """ "A permanent protection visa may not be granted to a person who ...": a status named as the subject of
        its clause, granted (issued, given) after its modal."""
        if Action(trigger.value) not in _GRANTS or trigger.end >= len(self.lower):
            return None
        if any(w not in self.vocab.lexicon["nominal-actions"]["before"] for w in self.lower[start : trigger.start]):
            return None  # not the subject: "an application for a protection visa may be made"
        modal = self._index.covering("modals", trigger.end)
        if modal is None or modal.start != trigger.end:
            return None
        after = self.lower[modal.end : modal.end + 3]
        negated = after[:1] == ["not"]
        if after[negated : negated + 2] not in (["be", verb] for verb in _GRANTED):
            return None
        return self._force(modal.value, negated, False, modal.start, start), trigger.start

    def _ineligible(self, trigger: Match, start: int) -> tuple[Modality, int] | None:
        """ "A person does not qualify for refugee status if ...", "is not eligible for a protection visa": the status
        denied to those the clause names. (That a person qualifies is a definition: definitions.py reads it.)"""
        if Action(trigger.value) not in _GRANTS:
            return None
        words = self.lower[max(start, trigger.start - 6) : trigger.start]
        if "for" not in words:
            return None
        at = len(words) - 1 - words[::-1].index("for")
        if any(w not in ("a", "an", "the") for w in words[at + 1 :]) or at < 2:
            return None
        if words[at - 1] not in ("qualify", "qualifies", "eligible") or "not" not in words[max(0, at - 3) : at - 1]:
            return None
        return Modality.MUST_NOT, trigger.start - len(words) + words.index("not")

    def _coordinated(self, trigger: Match, others: list[Match], start: int) -> tuple[Modality, int] | None:
        """ "may not remove an alien to a country, refuse admission to an alien at a port of entry, or return an
        alien interdicted at sea", "shall not be expelled from the State or returned": a verb listed after a comma,
        "or" or "and" takes the modal of the verb listed before it."""
        before = self.lower[max(start, trigger.start - 2) : trigger.start]
        if not before or before[-1] not in (",", "or", "and"):
            return None
        for earlier in reversed([m for m in others if start <= m.start and m.end < trigger.start - len(before) + 1]):
            found = self.modality(earlier, others)
            if found is not None:
                return found[0], trigger.start
        return None

    def _modal_at(self, i: int) -> tuple[str, int] | None:
        match = self._index.covering("modals", i)
        return None if match is None else (match.value, match.start)

    def _conditional(self, modal: int, clause_start: int) -> bool:
        """ "whether a person may be removed", "who may be required": a modal inside a subordinate clause."""
        before = self.lower[max(clause_start, modal - 16) : modal]
        if "whether" in before and "," not in before[before.index("whether") :]:
            return True
        return bool(_RELATIVE & set(self.lower[max(clause_start, modal - 3) : modal]))

    def _inside_commas(self, i: int, start: int, end: int) -> bool:
        """Is token i inside a parenthetical ", ... ," between a modal and its verb?"""
        return "," in self.lower[start:i] and "," in self.lower[i + 1 : end]

    def _force(self, modality: str, negated: bool, limited: bool, modal: int, start: int) -> Modality:
        negative_subject = self._negative_subject(start, modal)
        if modality == "must-not" or negated or negative_subject:
            return Modality.MUST_NOT
        if limited or modality == "may":
            return Modality.MAY
        return Modality.MUST

    def _negative_subject(self, start: int, modal: int) -> bool:
        words = self.lower[start:modal]
        for j, word in enumerate(words):
            if word in ("nothing", "none", "neither", "never"):
                return True
            if word == "no" and (
                j + 1 >= len(words) or words[j + 1] not in self.vocab.lexicon["not-negative-after-no"]
            ):
                return True
        return False

    def declared(self, trigger: Match) -> tuple[Modality, int] | None:
        """ "Each listed country is taken to be safe": a deeming stated in the present tense binds as "shall" does."""
        start, _ = self.clause(trigger.start)
        i = trigger.start - 1
        negated = False
        while i >= start and (self.lower[i] == "not" or (self.lower[i].endswith("ly") and len(self.lower[i]) > 3)):
            negated = negated or self.lower[i] == "not"
            i -= 1
        if i < start or self.lower[i] not in self.vocab.lexicon["deeming-copulas"] or self._conditional(i, start):
            return None
        return (Modality.MUST_NOT if negated else Modality.MUST), i

    def offence_declared(self, trigger: Match) -> bool:
        """ "A non-citizen who enters ... commits an offence": an offence created in the present tense, no modal.
        Not "a person who commits an offence", which describes the person rather than creating the offence."""
        start, _ = self.clause(trigger.start)
        declared = self.in_clause("offence-declarations", max(start, trigger.start - 1), trigger.end)
        return bool(declared) and not self._conditional(declared[0].start, start)

    def lifted_by_limit(self, trigger: Match, end: int) -> bool:
        """Is a prohibition lifted only within a limit ("except as a measure of last resort", "unless detention is
        necessary and proportionate")? Then it confers the power within that limit."""
        limits = [m for m in self.in_clause("safeguards", trigger.end, end) if m.value in _LIMIT_KINDS]
        return any(
            0 <= m.start - c.end <= 6 for c in self.in_clause("exception-connectors", trigger.end, end) for m in limits
        )

    def _permission(self, trigger: Match, start: int) -> tuple[Modality, int] | None:
        """ "Nothing in X prevents ... from being removed", "Section 2 does not prevent ... from deciding", "An
        application shall not suspend the enforcement of a removal order", "Removal is not stayed by ..."."""
        for match in self.in_clause("overrides-after", start, trigger.start):
            if trigger.start - match.end <= 24 and (
                "nothing" in self.lower[start : match.start] or "not" in self.lower[match.start : match.end]
            ):
                return Modality.MAY, match.start
        _, end = self.clause(trigger.start)
        for match in self.in_clause("overrides-by", trigger.end, end):
            if match.start - trigger.end <= 8:
                return Modality.MAY, trigger.start
        return None

    # attributes ----------------------------------------------------------------------------------------

    def persons(self, start: int, end: int) -> list[Persons]:
        """Classes named in [start, end); a word inside a longer term ("alien" in "unaccompanied alien child",
        "individual" in "individual assessment") is part of that term, not a class of its own."""
        terms = self.in_clause("persons", start, end)
        longer = terms + self.in_clause("safeguards", start, end)
        found = [
            m
            for m in terms
            if not any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in longer)
        ]
        specific = [m for m in found if m.value != PersonClass.ANY_PERSON.value]
        unique: dict[str, Match] = {}  # the first term of each class; words and span are read for those alone
        for match in specific or found[:1]:
            unique.setdefault(match.value, match)
        return [
            Persons(PersonClass(m.value), self.words(m.start, m.end), self.span(m.start, m.end))
            for m in unique.values()
        ]

    def risks(self, start: int, end: int) -> list[Risk]:
        risks = {Risk(m.value) for m in self.in_clause("risks", start, end)}
        if any(self.disregard(m) is None for m in self.in_clause("non-refoulement-principle", start, end)):
            risks.update(_ALL_RISKS)
        if Risk.ONWARD_REFOULEMENT in risks and not self._sent_on(start, end):
            risks.discard(Risk.ONWARD_REFOULEMENT)
        return sorted(risks, key=list(Risk).index)

    def disregard(self, principle: Match) -> Match | None:
        """The words that set the principle of non-refoulement aside where the law names it ("it is irrelevant
        whether ... has non-refoulement obligations"), if any stand before it in its clause."""
        start, _ = self.clause(principle.start)
        return next(iter(self.in_clause("disregard", max(start, principle.start - 20), principle.start)), None)

    def _sent_on(self, start: int, end: int) -> bool:
        """Onward removal is about a State sending the person on, not just "another State" in passing."""
        words = set(self.lower[start:end])
        return bool(words & {"sent", "send", "remove", "removed", "return", "returned", "onward", "refoulement"})

    def safeguards(self, start: int, end: int, concerns: Action | None, children: bool) -> list[Safeguard]:
        found = []
        for m in self.in_clause("safeguards", start, end):
            kind = SafeguardKind(m.value)
            if (
                m.value in self.vocab.lexicon["negatable-safeguards"]
                and "not" in self.lower[max(m.start - 3, 0) : m.start]
            ):
                continue  # "is not counted towards residence", "shall not be rebuttable": the guarantee denied
            value = unit = None
            if kind is SafeguardKind.MAX_DURATION:
                number = next((t for t in self.doc[m.start : m.end] if t.like_num), None)
                value = number_value(number.text) if number is not None else None
                unit = (
                    self.lower[m.end - 1]
                    if self.lower[m.end - 1] in ("hours", "days", "weeks", "months", "years")
                    else None
                )
                unit = unit or (self.lower[m.end - 1] + "s")
                if {"interval", "intervals"} & set(self.lower[max(m.start - 3, 0) : m.start]):
                    kind = SafeguardKind.PERIODIC_REVIEW  # "reviewed at intervals of not more than 30 days"
            # release ends a detention: what guards it (bail, a court, a time limit) guards the detention
            about = Action.DETAIN if kind is SafeguardKind.ALTERNATIVES or concerns is Action.RELEASE else concerns
            found.append(
                Safeguard(
                    kind,
                    self.words(m.start, m.end),
                    self.span(m.start, m.end),
                    value,
                    unit,
                    about,
                    children_only=kind is SafeguardKind.BEST_INTERESTS or children,
                )
            )
        return found

    def concerns_of(self, start: int, end: int) -> Action | None:
        """What a clause without an operative verb is about (detention, removal, interim status)."""
        found = self.in_clause("concerns", start, end)
        return Action(found[0].value) if found else None

    def exceptions(self, start: int, end: int) -> list[Exception_]:
        """Grounds named in [start, end): the most specific reading of the words."""
        kinds = {m.value for m in self.in_clause("exceptions", start, end)}
        if not kinds:
            return []
        words = self.lower[start:end]
        conviction = bool(self.in_clause("conviction-words", start, end))
        danger = bool(self.in_clause("danger-words", start, end))
        if ("serious-crime" in kinds or "any-crime" in kinds) and conviction and danger:
            kinds = (kinds - {"serious-crime", "any-crime"}) | {"particularly-serious-crime"}
        if "national-security" in kinds and "danger-to-security" in kinds:
            kinds.discard("national-security")
        if "particularly-serious-crime" in kinds and not (conviction and danger):
            kinds = (kinds - {"particularly-serious-crime"}) | {"serious-crime"}
        if "any-crime" in kinds and "serious-crime" in kinds:
            kinds.discard("any-crime")
        evidence_start, evidence_end = start, end
        while evidence_end > evidence_start and words[evidence_end - start - 1] in {";", ".", ",", "or", "and"}:
            evidence_end -= 1
        span = self.span(evidence_start, evidence_end)
        text = self.words(evidence_start, evidence_end)
        return [Exception_(ExceptionKind(k), text, span) for k in sorted(kinds, key=_EXCEPTION_ORDER.index)]

    def overrides(self, start: int, end: int, resolved: dict[int, Unit]) -> list[Override]:
        found = []
        for m in self.in_clause("overrides-before", start, end):
            target_end = m.end
            while target_end < end and target_end - m.end < 16 and self.lower[target_end] not in _TARGET_ENDS:
                target_end += 1
            target = self.words(m.end, target_end)
            unit = next((u for i, u in resolved.items() if m.end <= i < target_end), None)
            found.append(
                Override(
                    target, self.words(m.start, target_end), self.span(m.start, target_end), unit.ref if unit else None
                )
            )
        for m in self.in_clause("overrides-after", start, end):
            words = self.lower[start : m.start]
            if "nothing" in words:
                first = start + words.index("nothing")
                begin = first + 2 if self.lower[first + 1 : first + 2] == ["in"] else first + 1
            elif "not" in self.lower[m.start : m.end] and m.start > start:
                first = begin = start  # "The lodging of an application shall not suspend ...": the subject
            else:
                continue
            target = self.words(begin, m.start)
            unit = next((u for i, u in resolved.items() if begin <= i < m.start), None)
            found.append(
                Override(target, self.words(first, m.end), self.span(first, m.end), unit.ref if unit else None)
            )
        for m in self.in_clause("overrides-by", start, end):
            target_end = m.end
            while target_end < end and target_end - m.end < 16 and self.lower[target_end] not in {",", ";", "."}:
                target_end += 1
            unit = next((u for i, u in resolved.items() if m.end <= i < target_end), None)
            found.append(
                Override(
                    self.words(m.end, target_end),
                    self.words(m.start, target_end),
                    self.span(m.start, target_end),
                    unit.ref if unit else None,
                )
            )
        return found

    def conditions(self, start: int, end: int) -> list[Condition]:
        found = []
        for i in range(start, end):
            if self.lower[i] in ("pending", "until") or (
                self.lower[i] == "for" and self.lower[i + 1 : i + 3] == ["reasons", "of"]
            ):
                stop = i + 1
                while stop < end and self.lower[stop] not in {";", ".", "—"} and stop - i < 20:
                    stop += 1
                found.append(Condition(self.words(i, stop), self.span(i, stop)))
        return found


_COURT_WORDS = {"court", "tribunal", "appeal", "review", "judicial"}
_REMOVAL_WORDS = {"removal", "remove", "removed", "return", "returned", "deportation", "deport", "expulsion"}


def read(reader: ClauseReader) -> Reading:
    """Everything the unit's own words do, read with the lead-in and items they belong to."""
    reading = Reading()
    own_start, own_end = reader.own
    resolved = _cross_refs(reader, reading)
    triggers = reader.in_clause("actions", 0, len(reader.lower))
    seen: set[tuple[Action, Modality, int]] = set()
    for trigger in triggers:
        if not own_start <= trigger.start < own_end:
            continue
        draft = _measure(reader, trigger, triggers, resolved)
        if draft is None:
            continue
        clause_start, _ = reader.clause(trigger.start)
        key = (draft.action, draft.modality, clause_start)
        if key in seen:
            continue  # "arrested and detained": one measure per action and clause
        seen.add(key)
        reading.measures.append(draft)
    found = list(rights(reader))
    reading.measures.extend(_right(reader, right, resolved) for right in found if not _within_longer(right, found))
    for named in zero_quotas(reader, reading):
        clause = reader.clause(named.start)
        bar = _draft(reader, Action.RESETTLE, Modality.MUST_NOT, named.start, named, clause, resolved)
        reading.measures.append(bar)
    _principle(reader, reading, resolved)
    _applied_regardless(reader, reading, resolved)
    _standalone_safeguards(reader, reading)
    interim_periods(reader, reading)
    reading.safeguards.extend(standalone_waits(reader, [d.at for d in reading.measures if d.at >= 0]))
    _disapplications(reader, reading, resolved)
    return reading


def _within_longer(right: Right, found: list[Right]) -> bool:
    """Longer words win across rights too: "work" in "is not eligible for a work visa" names the visa, not work."""
    inner = right.trigger
    size = inner.end - inner.start
    return any(
        o.trigger.start <= inner.start and inner.end <= o.trigger.end and o.trigger.end - o.trigger.start > size
        for o in found
    )


def _cross_refs(reader: ClauseReader, reading: Reading) -> dict[int, Unit]:
    """The references the unit makes, resolved; an item also makes those of the lead-in it completes ("Before
    detaining an alien under subparagraph (A), the officer shall consider release on— (i) bond"), so what it
    says is scoped as its sentence is. Only the unit's own references name what its clauses override."""
    own_first, own_last = reader.comp.own_range()
    resolved: dict[int, Unit] = {}
    for ref in reader.resolver.references(reader.comp.text, reader.comp.unit):
        if ref.start >= own_last:
            continue
        start, end = reader.token_at(ref.start), reader.token_at(max(ref.start, ref.end - 1)) + 1
        if ref.target is not None and ref.start >= own_first:
            resolved[start] = ref.target
        reading.cross_refs.append(
            CrossRef(ref.text, reader.span(start, end), ref.target.ref if ref.target else None, ref.relation)
        )
    return resolved


def _measure(reader: ClauseReader, trigger: Match, triggers: list[Match], resolved: dict[int, Unit]) -> Draft | None:
    action = Action(trigger.value)
    start, end = reader.clause(trigger.start)
    lower = reader.lower
    found = reader.modality(trigger, triggers)
    if found is None and action in (Action.DEEM_SAFE, Action.DECLARE_INADMISSIBLE):
        found = reader.declared(trigger)
    if found is None and action is Action.PENALISE_IRREGULAR_ENTRY and reader.offence_declared(trigger):
        found = Modality.MUST, trigger.start
    words = set(lower[start:end])
    if action is Action.RESTRICT_COURT_ACCESS:
        phrase = lower[trigger.start : trigger.end]
        if found is None and phrase[0] not in ("no", "final"):
            return None
        barred = found is not None and found[0] is Modality.MUST_NOT
        # a bare verb ("set aside", "challenged") restricts only when barred: "No court may set aside"; "only" marks
        # an appeal allowed only from abroad ("may be brought only after the appellant has left")
        if not barred and not {"no", "not", "final", "only"} & set(phrase):
            return None
        if not words & _COURT_WORDS:
            return None
        modal_at = found[1] if found else trigger.start
        draft = _draft(reader, action, Modality.MUST, modal_at, trigger, (start, end), resolved)
        stated = " ".join(phrase)
        draft.safeguards = [s for s in draft.safeguards if s.evidence.lower() not in stated]  # "no suspensive effect"
        if reader.in_clause("protection-claim", start, end):
            draft.concerns = Action.GRANT_PROTECTION
        else:  # an appeal with no suspensive effect lets the removal go ahead, whatever else it is about
            draft.concerns = reader.concerns_of(start, end) or (Action.REMOVE if "suspensive" in phrase else None)
        return draft
    if found is None:
        return None
    modality, modal_at = found
    if action is Action.DETAIN and any(
        m.start <= trigger.end + 1 for m in reader.in_clause("duration-limits", trigger.end, end)
    ):
        return None  # "shall be detained only for as short a period as possible": a time limit, not a power
    if modality is Modality.MUST and lower[trigger.end : trigger.end + 1] == ["only"]:
        modality = Modality.MAY  # "shall be detained only as a measure of last resort": a power, and a limited one
    if modality is Modality.MUST and _delegated(lower[start:modal_at]):
        modality = Modality.MAY  # "orders may provide that the foreigner— (g) shall be detained": a power to require
    if modality is Modality.MUST_NOT and action not in REMOVAL_ACTIONS and reader.lifted_by_limit(trigger, end):
        modality = Modality.MAY  # "must not be detained except as a measure of last resort": the same limited power
    if action in REMOVAL_ACTIONS:
        following = " ".join(lower[trigger.end : trigger.end + 3])
        if any(following.startswith(p) for p in reader.vocab.lexicon["not-removal-after"]):
            return None
        if action not in (Action.TRANSFER_THIRD_COUNTRY, Action.EXTRADITE) and any(
            m.start - trigger.end <= 8 and lower[m.start - 1] in ("to", "into")
            for m in reader.in_clause("third-country-destinations", trigger.end, end)
        ):  # "removed to a third country", not "rejected at the border of a Member State"
            action = Action.TRANSFER_THIRD_COUNTRY
    if action is Action.DEEM_SAFE:
        objects = reader.in_clause("safety-objects", trigger.end, end)
        if (
            not objects
            or objects[0].start - trigger.end > 25
            or ("as" not in lower[trigger.start : objects[0].start + 1] and lower[trigger.end - 1] != "be")
        ):
            return None
    if action is Action.PENALISE_IRREGULAR_ENTRY and not _about_entry(reader, start, end, resolved):
        return None
    draft = _draft(reader, action, modality, modal_at, trigger, (start, end), resolved)
    if action is Action.DEEM_SAFE and reader.in_clause("safe-origin", trigger.end, end):
        draft.concerns = Action.RETURN  # a safe country of origin: the presumption serves return there
    if action is Action.ASSESS_RISK:
        if not draft.risks:
            return None
        draft.concerns = Action.REMOVE
    if draft.action in REMOVAL_ACTIONS and draft.modality is Modality.MUST_NOT:
        for connector in reader.in_clause("exception-connectors", trigger.end, end):
            draft.exceptions.extend(reader.exceptions(connector.start, end))
    return draft


def _delegated(words: list[str]) -> bool:
    """Do the words before a "shall" give a power to make it so ("orders made under this section may provide that",
    "the regulations may prescribe that")? What the orders will require is then a power, not a duty of the law."""
    for i, word in enumerate(words):
        if word == "may" and _DELEGATION & set(words[i + 1 : i + 5]) and "that" in words[i + 1 : i + 8]:
            return True
    return False


def _about_entry(reader: ClauseReader, start: int, end: int, resolved: dict[int, Unit]) -> bool:
    """Does the penalty punish entering or staying without leave (here, or in the provision it refers to)?"""
    if reader.in_clause("entry-words", start, end) and reader.in_clause("entry-irregularity", start, end):
        return True
    text_of = reader.resolver.text_of
    targets = [u for i, u in resolved.items() if start <= i < end]
    return any(_entry_text(text_of(u)) for u in targets)


def _entry_text(text: str) -> bool:
    lowered = f" {text.lower()} "
    entry = any(f" {w} " in lowered or f" {w}," in lowered for w in ("enter", "enters", "entry", "land", "remain in"))
    irregular = any(w in lowered for w in ("unless", "except", "without", "illegally", "unlawfully", "irregularly"))
    return entry and irregular


def _draft(
    reader: ClauseReader,
    action: Action,
    modality: Modality,
    modal_at: int,
    trigger: Match,
    clause: tuple[int, int],
    resolved: dict[int, Unit],
) -> Draft:
    start, end = clause
    same_piece = reader.piece_of(modal_at) is reader.piece_of(trigger.start)
    first = modal_at if same_piece else trigger.start
    last = trigger.end
    while last < end and last - trigger.end < 4 and not reader.doc[last].is_punct:
        last += 1
    persons = reader.persons(start, end)
    children = bool(persons) and all(p.cls in _CHILD_CLASSES for p in persons)
    return Draft(
        action=action,
        modality=modality,
        evidence=reader.words(first, last),
        span=reader.span(first, last),
        unit=reader.comp.unit,
        persons=persons,
        conditions=reader.conditions(trigger.end, end) + distinctions(reader, start, end),
        safeguards=reader.safeguards(start, end, action, children),
        overrides=reader.overrides(start, end, resolved),
        risks=reader.risks(start, end),
        at=trigger.start,
    )


def _right(reader: ClauseReader, right: Right, resolved: dict[int, Unit]) -> Draft:
    """A right as rights.py read it. The words that state the right are no safeguard of it ("legal aid" barred)."""
    clause = reader.clause(right.trigger.start)
    draft = _draft(reader, right.action, right.modality, right.at, right.trigger, clause, resolved)
    stated = reader.words(right.trigger.start, right.trigger.end).lower()
    draft.safeguards = [s for s in draft.safeguards if s.evidence.lower() not in stated] + list(right.safeguards)
    draft.persons = list(right.persons)
    draft.conditions.extend(right.conditions)
    return draft


def _principle(reader: ClauseReader, reading: Reading, resolved: dict[int, Unit]) -> None:
    """ "respect the principle of non-refoulement": a bar on every kind of removal, for every risk. Named as what
    removal disregards ("it is irrelevant whether the State has non-refoulement obligations", "irrespective of
    any non-refoulement obligations"), the principle is set aside instead (`_disregarded`)."""
    own_start, own_end = reader.own
    for match in reader.in_clause("non-refoulement-principle", own_start, own_end):
        cue = reader.disregard(match)
        if cue is not None:
            _disregarded(reader, reading, resolved, cue, match)
            continue
        if any(d.risks and d.modality is Modality.MUST_NOT for d in reading.measures):
            return
        span, evidence = reader.span(match.start, match.end), reader.words(max(match.start - 3, 0), match.end)
        for action in (Action.REMOVE, Action.REJECT_AT_FRONTIER):
            reading.measures.append(
                Draft(action, Modality.MUST_NOT, evidence, span, reader.comp.unit, risks=list(_ALL_RISKS))
            )
        return


def _disregarded(
    reader: ClauseReader,
    reading: Reading,
    resolved: dict[int, Unit],
    cue: Match,
    principle: Match,
) -> None:
    """Removal that goes ahead whatever non-refoulement requires: an override of the principle, on the removal
    powers of the clause, or of the provision it is about ("For the purposes of section 198"), or on removal as
    the clause names it ("removal is to proceed irrespective of ...")."""
    start, end = reader.clause(principle.start)
    lower = reader.lower
    last = principle.end
    while last < end and last - principle.end < 2 and lower[last].isalpha() and lower[last] not in _PHRASE_ENDS:
        last += 1  # "non-refoulement obligations", not "... obligations of the State"
    begin = cue.end - 1 if lower[cue.end - 1] in ("whether", "any") else cue.end  # "whether" is set aside too
    words, span = reader.words(cue.start, last), reader.span(cue.start, last)
    override = Override(reader.words(begin, last), words, span, None)
    powers = [
        d
        for d in reading.measures
        if d.action in REMOVAL_ACTIONS and d.modality is not Modality.MUST_NOT and start <= d.at < end
    ]
    for draft in powers:  # in place of the override read from "irrespective of" alone, which stops at a comma
        draft.overrides = [o for o in draft.overrides if not _same_start(o.span, override.span)] + [override]
    if powers:
        return
    named = (Action(m.value) for m in reader.in_clause("actions", start, end))  # "the duty of the officer to remove"
    concerns = reader.concerns_of(start, end) or next((a for a in named if a in REMOVAL_ACTIONS), None)
    if concerns in REMOVAL_ACTIONS:
        unit = reader.comp.unit
        reading.measures.append(Draft(concerns, Modality.MAY, words, span, unit, overrides=[override]))
        return
    for target in _named(resolved, start, end):
        removal = Draft(Action.REMOVE, Modality.MAY, words, span, reader.comp.unit, overrides=[override])
        reading.spared.append((target, removal))


def _applied_regardless(reader: ClauseReader, reading: Reading, resolved: dict[int, Unit]) -> None:
    """ "The duty in section 2(1) applies regardless of whether the person makes a protection claim": what a
    clause sets aside for the power of another provision is an override of that power. It is read as one of
    removal, kept once the provision is known to confer removal (the checks of overrides are about removal)."""
    own_start, own_end = reader.own
    for cue in reader.in_clause("overrides-before", own_start, own_end):
        start, end = reader.clause(cue.start)
        before = reader.lower[max(start, cue.start - 2) : cue.start]
        if not before or (before[-1] not in ("applies", "apply") and before != ["has", "effect"]):
            continue
        if any(start <= d.at < end for d in reading.measures):
            continue  # the clause's own power takes the override (`ClauseReader.overrides`)
        targets = _named(resolved, start, cue.start)
        if not targets:
            continue
        at = reader.span(cue.start, cue.end)
        overrides = [o for o in reader.overrides(start, end, resolved) if _same_start(o.span, at)]
        words, span = reader.words(start, cue.end), reader.span(start, cue.end)
        for target in targets:
            draft = Draft(Action.REMOVE, Modality.MAY, words, span, reader.comp.unit, overrides=overrides)
            reading.spared.append((target, draft))


def _standalone_safeguards(reader: ClauseReader, reading: Reading) -> None:
    """Safeguards in the unit's own words that no measure of it claims, and the limits its bans set.

    A sentence that names no one and speaks of what a power of the unit does ("Minors shall be detained only as
    a measure of last resort. Such detention shall be for the shortest period of time.") constrains that power.
    """
    own_start, own_end = reader.own
    measure_clauses = [reader.clause(d.at) for d in reading.measures if d.at >= 0]
    for match in reader.in_clause("safeguards", own_start, own_end):
        if any(a <= match.start < b for a, b in measure_clauses):
            continue
        start, end = reader.clause(match.start)
        persons = reader.persons(start, end)
        children = bool(persons) and all(p.cls in _CHILD_CLASSES for p in persons)
        about = reader.concerns_of(start, end)
        owners = [d for d in reading.measures if d.action is about and d.modality is not Modality.MUST_NOT]
        if owners and not persons:
            for draft in owners:
                owned = bool(draft.persons) and all(p.cls in _CHILD_CLASSES for p in draft.persons)
                draft.safeguards.extend(reader.safeguards(match.start, match.end, about, owned))
            continue
        reading.safeguards.extend(
            s for s in reader.safeguards(match.start, match.end, about, children) if s not in reading.safeguards
        )
    for draft in reading.measures:
        limit = draft.modality is Modality.MUST_NOT and draft.action is Action.DETAIN
        release = draft.action is Action.RELEASE
        for safeguard in draft.safeguards:
            if limit or (release and safeguard.kind is SafeguardKind.ALTERNATIVES):
                reading.safeguards.append(safeguard)


def _disapplications(reader: ClauseReader, reading: Reading, resolved: dict[int, Unit]) -> None:
    """ "Subsection (1) shall not apply to a refugee who— (a) ... (b) ...", "By way of derogation from paragraph 1,
    Member States may return a refugee where: (a) ...": exceptions to another unit."""
    own_start, own_end = reader.own
    found = [(m, True) for m in reader.in_clause("disapplication", own_start, own_end)]
    found += [(m, False) for m in reader.in_clause("derogation", own_start, own_end)]
    for match, target_first in found:
        start, end = reader.clause(match.start)
        if target_first:
            targets = [u for i, u in resolved.items() if start <= i < match.start]
        else:  # the provision derogated from follows the words
            targets = [u for i, u in resolved.items() if match.end <= i < match.end + 2]
        if not targets:
            continue
        if target_first:
            _spared(reader, reading, targets[-1], match, (start, end))
        items: dict[int, tuple[int, int]] = {}  # one item per unit under the lead-in, however many lines it runs to
        for piece in reader.comp.pieces:
            if piece.role == "tail":
                first, _ = items.get(id(piece.unit), (reader.token_at(piece.start), 0))
                items[id(piece.unit)] = (first, reader.token_at(piece.start + piece.length - 1) + 1)
        exceptions: list[Exception_] = []
        if items:
            for first, last in items.values():
                exceptions.extend(reader.exceptions(first, last))
        else:
            exceptions.extend(reader.exceptions(match.end, end))
        if exceptions:
            reading.disapplied.append((targets[-1], exceptions))


def _spared(reader: ClauseReader, reading: Reading, target: Unit, match: Match, clause: tuple[int, int]) -> None:
    """ "Subsection (1) does not apply to a person under 18 years of age": children carved out of `target`, and
    likewise the other carve-outs of lexicon.yaml ("Subsection (a) shall not apply to an alien who applies for
    asylum": no penalty for asylum seekers). Each is a ban on the action for the classes carved out.

    Only a disapplication that is the main clause ("a person to whom subsection (1) does not apply" is
    not), and only the persons it names straight after "apply to" ("in relation to", "in respect of"), up
    to the first punctuation. "Shall not prevent the detention of a child" permits; it spares no one.
    """
    start, end = clause
    words = reader.lower
    lead = words[match.end : match.end + 3]
    joint = next((w for w in ("to", "of") if w in lead), None)
    if "apply" not in words[match.start : match.end] or _RELATIVE & set(words[start : match.start]) or joint is None:
        return
    after = match.end + lead.index(joint) + 1
    stop = next((i for i in range(after, end) if words[i] in {",", ";", ".", ":", "—"}), end)
    named = reader.in_clause("persons", after, stop)
    persons = reader.persons(after, stop)
    for action, classes in reader.vocab.lexicon["carve-outs"].items():
        carved = [p for p in persons if p.cls.value in classes]
        if carved:
            last = max(m.end for m in named)
            draft = Draft(
                Action(action),
                Modality.MUST_NOT,
                reader.words(start, last),
                reader.span(start, last),
                reader.comp.unit,
                persons=carved,
            )
            reading.spared.append((target, draft))


def _named(resolved: dict[int, Unit], start: int, end: int) -> list[Unit]:
    """The units the references in tokens [start, end) name, each once, in the order first named."""
    return list({id(u): u for i, u in resolved.items() if start <= i < end}.values())


def _same_start(one: Span, other: Span) -> bool:
    return (one.line, one.column) == (other.line, other.column)
