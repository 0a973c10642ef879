"""The normalized policy model (DESIGN.md section 2).

Readers (policy YAML, statute text) build it; checks read it and nothing else, so a
law written as YAML and the same law written as statute text give the same findings.
Every element carries the `Span` of the words that establish it, converted once, in
the reader, to 1-based lines and 1-based columns in Unicode code points.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Where something stands in its source file (1-based, end inclusive of the last column)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


class Action(StrEnum):
    """What a provision does to a person (DESIGN.md section 2, `action`)."""

    DETAIN = "detain"
    RELEASE = "release"
    REMOVE = "remove"  # remove, deport, expel, send away
    RETURN = "return"  # return to a country of origin or of former residence
    REJECT_AT_FRONTIER = "reject-at-frontier"
    INTERCEPT = "intercept"
    TRANSFER_THIRD_COUNTRY = "transfer-third-country"
    EXTRADITE = "extradite"
    REFUSE_ENTRY = "refuse-entry"
    ADMIT_PENDING = "admit-pending"  # allowed to enter or remain until a final decision
    GRANT_PROTECTION = "grant-protection"
    GRANT_INTERIM_PROTECTION = "grant-interim-protection"
    GRANT_RESIDENCE = "grant-residence"
    PERMIT_EMPLOYMENT = "permit-employment"
    PERMIT_EDUCATION = "permit-education"
    RESTRICT_ASSOCIATION = "restrict-association"
    RESTRICT_COURT_ACCESS = "restrict-court-access"  # appeal, review or legal aid barred
    PENALISE_IRREGULAR_ENTRY = "penalise-irregular-entry"
    DEEM_SAFE = "deem-safe"  # a country is to be treated as safe
    ASSESS_RISK = "assess-risk"  # consider the risk of serious harm on return


#: Actions that send a person out of the State's protection: non-refoulement governs all of them.
REMOVAL_ACTIONS = frozenset(
    {
        Action.REMOVE,
        Action.RETURN,
        Action.REJECT_AT_FRONTIER,
        Action.INTERCEPT,
        Action.TRANSFER_THIRD_COUNTRY,
        Action.EXTRADITE,
        Action.REFUSE_ENTRY,
    }
)

#: Removal actions that happen at or beyond the border (MIMC art. 138(3) extends the bar to them).
FRONTIER_ACTIONS = frozenset({Action.REJECT_AT_FRONTIER, Action.INTERCEPT, Action.REFUSE_ENTRY})


class Modality(StrEnum):
    """Deontic force of a clause: `may ... only if` is MAY with conditions."""

    MUST = "must"
    MAY = "may"
    MUST_NOT = "must-not"


class PersonClass(StrEnum):
    """Normalized classes of persons; the statute's own term is kept beside it."""

    ANY_PERSON = "any-person"
    NON_NATIONAL = "non-national"
    IRREGULAR_ENTRANT = "irregular-entrant"
    ASYLUM_SEEKER = "asylum-seeker"
    REFUGEE = "refugee"
    FORCED_MIGRANT = "forced-migrant"
    CHILD = "child"
    UNACCOMPANIED_CHILD = "unaccompanied-child"
    FAMILY = "family"


#: Classes that may contain children unless the law carves them out.
CLASSES_INCLUDING_CHILDREN = frozenset(
    {
        PersonClass.ANY_PERSON,
        PersonClass.NON_NATIONAL,
        PersonClass.IRREGULAR_ENTRANT,
        PersonClass.ASYLUM_SEEKER,
        PersonClass.REFUGEE,
        PersonClass.FORCED_MIGRANT,
        PersonClass.FAMILY,
    }
)
CHILD_CLASSES = frozenset({PersonClass.CHILD, PersonClass.UNACCOMPANIED_CHILD, PersonClass.FAMILY})


class SafeguardKind(StrEnum):
    LAST_RESORT = "last-resort"
    NECESSITY = "necessity"  # necessary and proportionate
    INDIVIDUAL_ASSESSMENT = "individual-assessment"
    ALTERNATIVES = "alternatives"  # alternatives to detention
    MAX_DURATION = "max-duration"
    JUDICIAL_REVIEW = "judicial-review"
    PERIODIC_REVIEW = "periodic-review"
    BEST_INTERESTS = "best-interests"
    LEGAL_AID = "legal-aid"
    SUSPENSIVE_EFFECT = "suspensive-effect"
    REBUTTABLE = "rebuttable"  # a presumption of safety can be rebutted in the individual case
    TRANSITION = "transition"  # interim status leads to a stable one
    TIME_COUNTS = "time-counts"  # time in interim status counts toward residence


class Risk(StrEnum):
    """The harm a non-refoulement bar (or a risk assessment) is about."""

    PERSECUTION = "persecution"  # on the 1951 Convention grounds
    TORTURE = "torture"  # torture, cruel, inhuman or degrading treatment
    SERIOUS_HARM = "serious-harm"  # life, physical integrity or liberty; generalized violence
    ONWARD_REFOULEMENT = "onward-refoulement"  # sent on from a third country to harm


class ExceptionKind(StrEnum):
    """Grounds on which a protection is lifted; art. 33(2) allows only the first two."""

    DANGER_TO_SECURITY = "danger-to-security"
    PARTICULARLY_SERIOUS_CRIME = "particularly-serious-crime"  # final conviction and danger
    NATIONAL_SECURITY = "national-security"  # security named without a danger test
    PUBLIC_ORDER = "public-order"
    SERIOUS_CRIME = "serious-crime"  # crime named without conviction and danger
    ANY_CRIME = "any-crime"
    PUBLIC_INTEREST = "public-interest"
    IRREGULAR_ENTRY = "irregular-entry"
    NON_COOPERATION = "non-cooperation"
    OTHER = "other"


#: The only exceptions art. 33(2) of the 1951 Convention allows.
ARTICLE_33_2_EXCEPTIONS = frozenset({ExceptionKind.DANGER_TO_SECURITY, ExceptionKind.PARTICULARLY_SERIOUS_CRIME})


class Ground(StrEnum):
    """Grounds of protection a definition covers (MIMC art. 125)."""

    CONVENTION = "convention"  # persecution on the five 1951 grounds
    SERIOUS_HARM = "serious-harm"  # torture, death penalty, inhuman treatment
    GENERALIZED_VIOLENCE = "generalized-violence"  # including armed conflict, external aggression
    HUMAN_RIGHTS_VIOLATIONS = "human-rights-violations"
    ENVIRONMENTAL_DISASTER = "environmental-disaster"
    FOOD_INSECURITY = "food-insecurity"
    CLIMATE_CHANGE = "climate-change"
    PUBLIC_ORDER = "public-order"  # events seriously disturbing public order


class InstrumentKind(StrEnum):
    ACT = "act"
    BILL = "bill"
    REGULATION = "regulation"
    POLICY = "policy"
    DIRECTIVE = "directive"


@dataclass(frozen=True, slots=True)
class Persons:
    """A class of persons a measure covers, as the law names it."""

    cls: PersonClass
    term: str
    span: Span


@dataclass(frozen=True, slots=True)
class Safeguard:
    """A guarantee that constrains a power; `concerns` says which kind of power, when known."""

    kind: SafeguardKind
    evidence: str
    span: Span
    value: float | None = None
    unit: str | None = None  # hours, days, weeks, months, years
    concerns: Action | None = None
    children_only: bool = False


@dataclass(frozen=True, slots=True)
class Exception_:
    """A ground on which the measure's protection does not apply."""

    kind: ExceptionKind
    evidence: str
    span: Span


@dataclass(frozen=True, slots=True)
class Override:
    """`notwithstanding X`, `despite X`, `nothing in X prevents`: X is the law set aside."""

    target: str  # as written: "section 77", "any other law", "the Human Rights Act 1998"
    evidence: str
    span: Span
    target_ref: str | None = None  # resolved reference of a provision of this instrument


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition on which a measure depends, kept as the law's words."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Measure:
    """What one operative clause does (DESIGN.md section 2)."""

    action: Action
    modality: Modality
    evidence: str  # the operative words, quoted in findings
    span: Span
    persons: tuple[Persons, ...] = ()
    conditions: tuple[Condition, ...] = ()
    exceptions: tuple[Exception_, ...] = ()
    safeguards: tuple[Safeguard, ...] = ()
    overrides: tuple[Override, ...] = ()
    risks: tuple[Risk, ...] = ()
    concerns: Action | None = None  # for court-access and risk-assessment measures: what is decided

    @property
    def is_power(self) -> bool:
        """True when the clause confers or requires the action rather than forbidding it."""
        return self.modality is not Modality.MUST_NOT

    def covers(self, classes: frozenset[PersonClass]) -> bool:
        return any(p.cls in classes for p in self.persons)


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A reference the provision makes to another (`subject to section 14`, `under subsection (2)`)."""

    text: str
    span: Span
    target_ref: str | None = None  # resolved reference, when it names a provision of this instrument
    relation: str = "refers"  # refers | subject-to | overrides | applies


@dataclass(frozen=True, slots=True)
class Provision:
    """A unit of the law (section, subsection, article, paragraph) with what it does."""

    ref: str  # as the law writes it: "s 189(1)(a)", "Article 8(2)", "§ 1225(b)(1)"
    span: Span
    heading: str = ""
    text: str = ""
    children: tuple[Provision, ...] = ()
    measures: tuple[Measure, ...] = ()
    safeguards: tuple[Safeguard, ...] = ()  # stated on their own, not inside one measure
    cross_refs: tuple[CrossRef, ...] = ()

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined term; for protection statuses, the grounds it covers."""

    term: str
    span: Span
    text: str = ""
    covers: tuple[PersonClass, ...] = ()
    grounds: tuple[Ground, ...] = ()
    provision: str = ""  # ref of the provision that defines it


@dataclass(frozen=True, slots=True)
class Instrument:
    """A whole law or policy: what every check reasons over."""

    title: str
    path: str
    span: Span
    jurisdiction: str = ""
    kind: InstrumentKind = InstrumentKind.ACT
    provisions: tuple[Provision, ...] = ()
    definitions: tuple[Definition, ...] = ()
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Located:
    """A measure or safeguard together with the provision it stands in."""

    provision: Provision
    top: Provision  # the top-level unit (section, article) it belongs to


@dataclass(frozen=True, slots=True)
class PolicyModel:
    """An instrument plus the indexes checks need to reason across provisions."""

    instrument: Instrument
    _by_ref: dict[str, Provision] = field(default_factory=dict, repr=False, compare=False)
    _parents: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _tops: dict[str, Provision] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, instrument: Instrument) -> PolicyModel:
        model = cls(instrument)
        for top in instrument.provisions:
            for provision in top.walk():
                model._by_ref.setdefault(provision.ref, provision)
                model._tops.setdefault(provision.ref, top)
                for child in provision.children:
                    model._parents.setdefault(child.ref, provision.ref)
        return model

    def provisions(self) -> Iterator[Provision]:
        for top in self.instrument.provisions:
            yield from top.walk()

    def provision(self, ref: str) -> Provision | None:
        return self._by_ref.get(ref)

    def top_of(self, provision: Provision) -> Provision:
        return self._tops.get(provision.ref, provision)

    def ancestors(self, provision: Provision) -> Iterator[Provision]:
        ref = self._parents.get(provision.ref)
        while ref is not None:
            parent = self._by_ref[ref]
            yield parent
            ref = self._parents.get(ref)

    def measures(self) -> Iterator[tuple[Provision, Measure]]:
        for provision in self.provisions():
            for measure in provision.measures:
                yield provision, measure

    def safeguards(self) -> Iterator[tuple[Provision, Safeguard]]:
        """Every safeguard in the instrument, whether stated alone or inside a measure."""
        for provision in self.provisions():
            for safeguard in provision.safeguards:
                yield provision, safeguard
            for measure in provision.measures:
                for safeguard in measure.safeguards:
                    yield provision, safeguard

    def referrers(self, provision: Provision) -> Iterator[Provision]:
        """Provisions whose cross-references name this provision, one of its ancestors or descendants."""
        related = {p.ref for p in provision.walk()} | {a.ref for a in self.ancestors(provision)}
        for other in self.provisions():
            if any(x.target_ref in related for x in other.cross_refs):
                yield other
