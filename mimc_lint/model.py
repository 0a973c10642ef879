"""The normalized policy model (DESIGN.md section 2).

Readers (policy YAML, statute text) build it; checks read it and nothing else, so a
law written as YAML and the same law written as statute text give the same findings.
Every element carries the `Span` of the words that establish it, converted once, in
the reader, to 1-based lines and 1-based columns in Unicode code points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

_Index = TypeVar("_Index")


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
    APPLY_FOR_PROTECTION = "apply-for-protection"  # make a claim, or have it registered and examined
    ACCELERATE_PROCEDURE = "accelerate-procedure"  # accelerated, border or fast-track examination; certification
    DECLARE_INADMISSIBLE = "declare-inadmissible"  # refuse to examine an application on its merits
    GRANT_PROTECTION = "grant-protection"
    GRANT_INTERIM_PROTECTION = "grant-interim-protection"
    GRANT_RESIDENCE = "grant-residence"
    PERMIT_EMPLOYMENT = "permit-employment"
    PERMIT_EDUCATION = "permit-education"
    FAMILY_REUNION = "family-reunion"  # be joined by, or sponsor, members of one's family
    RESTRICT_ASSOCIATION = "restrict-association"
    RESTRICT_COURT_ACCESS = "restrict-court-access"  # appeal, review or legal aid barred
    PENALISE_IRREGULAR_ENTRY = "penalise-irregular-entry"
    DEEM_SAFE = "deem-safe"  # a country is to be treated as safe
    ASSESS_RISK = "assess-risk"  # consider the risk of serious harm on return
    ISSUE_TRAVEL_DOCUMENT = "issue-travel-document"
    GRANT_SOCIAL_ASSISTANCE = "grant-social-assistance"  # welfare benefits, housing, health care
    GRANT_WORK_VISA = "grant-work-visa"  # a labour-migration route: work visa, skilled-migration stream
    RESETTLE = "resettle"  # bring forced migrants in from another country (MIMC art. 211)
    FUND_PROTECTION = "fund-protection"  # pay toward protection elsewhere: a refugee fund, host countries


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
    INTERIM_PROTECTION_HOLDER = "interim-protection-holder"  # temporary or interim protection, humanitarian parole
    COMPLEMENTARY_PROTECTION_HOLDER = "complementary-protection-holder"  # subsidiary, complementary, humanitarian
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
        PersonClass.INTERIM_PROTECTION_HOLDER,
        PersonClass.COMPLEMENTARY_PROTECTION_HOLDER,
        PersonClass.FAMILY,
    }
)
CHILD_CLASSES = frozenset({PersonClass.CHILD, PersonClass.UNACCOMPANIED_CHILD, PersonClass.FAMILY})
#: People who seek or hold international protection, in any of its tiers.
PROTECTION_CLASSES = frozenset(
    {
        PersonClass.ASYLUM_SEEKER,
        PersonClass.REFUGEE,
        PersonClass.FORCED_MIGRANT,
        PersonClass.INTERIM_PROTECTION_HOLDER,
        PersonClass.COMPLEMENTARY_PROTECTION_HOLDER,
    }
)
#: Classes a restriction by immigration status reaches: protection seekers and holders, people without status,
#: foreigners generally.
STATUS_CLASSES = PROTECTION_CLASSES | {PersonClass.IRREGULAR_ENTRANT, PersonClass.NON_NATIONAL}


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
    WAITING_PERIOD = "waiting-period"  # a right begins, or a bar on it ends, after a fixed period
    READMISSION = "readmission"  # the third country will admit the person and examine the claim there
    REASONED_DECISION = "reasoned-decision"  # an individual decision, notified in writing, with reasons
    HEARING = "hearing"  # a chance to be heard or to make submissions before the decision
    NON_DISCRIMINATION = "non-discrimination"  # applied without discrimination or distinction between persons


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


class ConditionKind(StrEnum):
    """What a condition turns on, where a check needs to know: access to a right, or a distinction between persons."""

    WORK_PERMIT = "work-permit"  # a permit, authorisation or consent to work
    LABOUR_MARKET_TEST = "labour-market-test"  # only if no national or resident is available for the post
    LAWFUL_STATUS = "lawful-status"  # a residence permit, a visa or another lawful status
    NATIONALITY = "nationality"  # nationality, or origin from or residence in a named or listed country
    RELIGION = "religion"
    RACE = "race"  # race, colour, ethnic origin
    DESIGNATED_PLACE = "designated-place"  # only at a port, an embassy abroad or another designated place
    QUOTA = "quota"  # a number or quota beyond which applications are not received
    SUBSEQUENT_APPLICATION = "subsequent-application"  # a further or repeat application
    GROUP = "group"  # addressed to persons as a group ("all nationals of", "every person on board")


#: Conditions that distinguish between persons on a ground non-discrimination law protects (RC art. 3).
PROTECTED_GROUNDS = frozenset({ConditionKind.NATIONALITY, ConditionKind.RELIGION, ConditionKind.RACE})


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition on which a measure depends, kept as the law's words; `kind` when it is one checks know."""

    text: str
    span: Span
    kind: ConditionKind | None = None


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
    without: tuple[Safeguard, ...] = ()  # guarantees the clause dispenses with ("without notice", "summarily")
    #: court access, risk assessment: what is decided; deem-safe, inadmissibility: the removal it serves
    concerns: Action | None = None

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


class UnitKind(StrEnum):
    """What kind of unit a provision is, where the reader knows it."""

    # Groupings: they gather provisions under a heading and are not what a lawyer cites for a rule.
    PART = "part"  # also a Subpart or a Book
    CHAPTER = "chapter"  # also a Subchapter
    DIVISION = "division"  # also an EU "Section" that groups articles
    SUBDIVISION = "subdivision"
    TITLE = "title"
    SUBTITLE = "subtitle"
    SCHEDULE = "schedule"  # a schedule, annex or appendix as a container of paragraphs
    HEADING = "heading"  # a cross-heading over a run of sections
    # Provisions and their parts.
    SECTION = "section"
    ARTICLE = "article"
    SUBSECTION = "subsection"
    PARAGRAPH = "paragraph"  # also a schedule paragraph ("Sch 2 para 16")
    SUBPARAGRAPH = "subparagraph"
    CLAUSE = "clause"
    ITEM = "item"
    POINT = "point"
    NOTE = "note"  # an explanatory note
    TEXT = "text"  # unnumbered matter outside any provision: a long title, a preamble


#: Units that only group provisions: a safeguard or an absence is scoped by the section or article below them.
GROUPINGS = frozenset(
    {
        UnitKind.PART,
        UnitKind.CHAPTER,
        UnitKind.DIVISION,
        UnitKind.SUBDIVISION,
        UnitKind.TITLE,
        UnitKind.SUBTITLE,
        UnitKind.SCHEDULE,
        UnitKind.HEADING,
    }
)


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
    kind: UnitKind | None = None  # None when the reader cannot tell

    @property
    def grouping(self) -> bool:
        """A Part, Chapter, Division, Title, Schedule or cross-heading: it gathers provisions, it is not one."""
        return self.kind in GROUPINGS

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined term; for protection statuses, the grounds it covers and those it expressly leaves out."""

    term: str
    span: Span
    text: str = ""
    covers: tuple[PersonClass, ...] = ()
    grounds: tuple[Ground, ...] = ()
    excludes: tuple[Ground, ...] = ()  # grounds it expressly leaves out ("is not a refugee merely because ...")
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
    top: Provision  # the section or article it belongs to (see `PolicyModel.top_of`)


@dataclass(frozen=True, slots=True)
class PolicyModel:
    """An instrument plus the indexes checks need to reason across provisions.

    The indexes are built once, so that a check asking about one provision never walks the whole
    instrument again: on a large statute that walk, repeated per measure, would cost time quadratic in its size.
    """

    instrument: Instrument
    _by_ref: dict[str, Provision] = field(default_factory=dict, repr=False, compare=False)
    _parents: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _tops: dict[str, Provision] = field(default_factory=dict, repr=False, compare=False)
    _order: list[Provision] = field(default_factory=list, repr=False, compare=False)  # every provision, in order
    _derived: dict[Callable[[PolicyModel], object], object] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, instrument: Instrument) -> PolicyModel:
        model = cls(instrument)
        # each provision with the highest non-grouping unit above it, if one has been met yet
        stack: list[tuple[Provision, Provision | None]] = [(p, None) for p in reversed(instrument.provisions)]
        while stack:
            provision, section = stack.pop()
            if section is None and not provision.grouping:
                section = provision
            model._order.append(provision)
            model._by_ref.setdefault(provision.ref, provision)
            model._tops.setdefault(provision.ref, section or provision)
            for child in reversed(provision.children):
                model._parents.setdefault(child.ref, provision.ref)
                stack.append((child, section))
        return model

    def provisions(self) -> Iterator[Provision]:
        """Every provision, each top-level unit followed by everything under it."""
        return iter(self._order)

    def provision(self, ref: str) -> Provision | None:
        return self._by_ref.get(ref)

    def top_of(self, provision: Provision) -> Provision:
        """The section, article or schedule paragraph a provision belongs to: its highest ancestor (or itself)
        that is not a grouping. Parts, Chapters and Divisions only gather sections, so a safeguard in one section
        of a Part does not answer a power in another, and an absence is reported once per section, not per Part.
        A grouping with no such unit above it is its own."""
        return self._tops.get(provision.ref, provision)

    def ancestors(self, provision: Provision) -> Iterator[Provision]:
        ref = self._parents.get(provision.ref)
        while ref is not None:
            parent = self._by_ref[ref]
            yield parent
            ref = self._parents.get(ref)

    def measures(self) -> Iterator[tuple[Provision, Measure]]:
        for provision in self._order:
            for measure in provision.measures:
                yield provision, measure

    def safeguards(self) -> Iterator[tuple[Provision, Safeguard]]:
        """Every safeguard in the instrument, whether stated alone or inside a measure."""
        for provision in self._order:
            for safeguard in provision.safeguards:
                yield provision, safeguard
            for measure in provision.measures:
                for safeguard in measure.safeguards:
                    yield provision, safeguard

    def derived(self, build: Callable[[PolicyModel], _Index]) -> _Index:
        """`build(self)`, computed on first use and kept: an index a family of checks builds over the instrument."""
        try:
            return self._derived[build]  # type: ignore[return-value]
        except KeyError:
            index = self._derived[build] = build(self)
            return index

    def citing(self, refs: set[str]) -> list[int]:
        """Positions (in `provisions()` order) of the provisions whose cross-references resolve to one of `refs`."""
        index = self.derived(_citations)
        return sorted({position for ref in refs for position in index.get(ref, ())})

    def at(self, position: int) -> Provision:
        """The provision at a position in `provisions()` order."""
        return self._order[position]

    def referrers(self, provision: Provision) -> Iterator[Provision]:
        """Provisions whose cross-references name this provision, one of its ancestors or descendants."""
        related = {p.ref for p in provision.walk()} | {a.ref for a in self.ancestors(provision)}
        for position in self.citing(related):
            yield self._order[position]


def _citations(model: PolicyModel) -> dict[str, list[int]]:
    """For each resolved reference, the positions of the provisions that make it."""
    index: dict[str, list[int]] = {}
    for position, provision in enumerate(model.provisions()):
        for ref in {x.target_ref for x in provision.cross_refs if x.target_ref}:
            index.setdefault(ref, []).append(position)
    return index
