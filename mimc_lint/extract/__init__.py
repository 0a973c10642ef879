"""Extraction: what each provision of a parsed statute does, as the normalized policy model.

spaCy runs as `spacy.blank("en")` (its tokenizer; sentences are found as its sentencizer finds
them) with phrase and token matchers built from lexicon.yaml: deterministic, explainable, no
model download. Importing this package loads spaCy, so only statute text pays for it; YAML
policies never do.
"""

from __future__ import annotations

from mimc_lint.extract.clauses import compositions, own_runs
from mimc_lint.extract.definitions import definitions
from mimc_lint.extract.interim import renew_without_end
from mimc_lint.extract.language import language
from mimc_lint.extract.measures import ClauseReader, Draft, Reading, read
from mimc_lint.extract.procedure import complete
from mimc_lint.extract.references import Resolver
from mimc_lint.extract.vocabulary import load
from mimc_lint.model import (
    GROUPINGS,
    REMOVAL_ACTIONS,
    Action,
    Definition,
    Exception_,
    Instrument,
    Measure,
    Modality,
    Provision,
    UnitKind,
)
from mimc_lint.readers.statute import Document, Unit
from mimc_lint.source import SourceText


def extract(document: Document) -> Instrument:
    """The instrument a parsed statute states; provisions keep the law's own references."""
    vocabulary = load()
    source = document.source
    code = language(source.text, frozenset(vocabulary.lexicon["english"]))
    readings: dict[int, Reading] = {}
    found: list[Definition] = []
    if code == "en":
        resolver = Resolver(document.units, source)
        make_doc = vocabulary.nlp.make_doc  # the tokenizer alone: the pipeline has no component to run
        for composition in compositions(_operative(document.units), source):
            reader = ClauseReader(make_doc(composition.text), composition, vocabulary, source, resolver)
            readings[id(composition.unit)] = reading = read(reader)
            complete(reader, reading)
            found.extend(definitions(reader))
    excepted: dict[int, list[Exception_]] = {}
    for reading in readings.values():
        for target, exceptions in reading.disapplied:
            for unit in target.walk():
                excepted.setdefault(id(unit), []).extend(exceptions)
        reading.measures.extend(ban for target, ban in reading.spared if _confers(target, ban.action, readings))
    for section in _sections(document.units):
        _dispense(section, readings)
        renew_without_end([readings[id(u)] for u in section.walk() if id(u) in readings])
    return Instrument(
        title=document.title,
        path=source.path,
        span=document.title_span,
        provisions=tuple(_provision(u, readings, excepted, source) for u in document.units),
        definitions=tuple(found),
        language=code,
    )


def _operative(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """The units that can do something. Text before or between the provisions (a long title, a preamble with
    its recitals, an enacting formula) states purposes, not measures; it is read only when there is nothing else."""
    return tuple(unit for unit in units if unit.kind != "text") or units


def _sections(units: tuple[Unit, ...]) -> list[Unit]:
    """The sections, articles and schedule paragraphs: the highest units that are not Parts, Chapters or other
    groupings (a grouping with nothing under it stands for itself)."""
    found, pending = [], list(reversed(units))
    while pending:
        unit = pending.pop()
        if UnitKind(unit.kind) in GROUPINGS and unit.children:
            pending.extend(reversed(unit.children))
        else:
            found.append(unit)
    return found


def _dispense(section: Unit, readings: dict[int, Reading]) -> None:
    """ "No reasons need be given for an order under this section": a guarantee a sentence of a section dispenses
    with on its own goes with the removal powers of that section."""
    readings_of = [readings[id(u)] for u in section.walk() if id(u) in readings]
    dispensed = [s for r in readings_of for s in r.dispensed]
    if not dispensed:
        return
    for reading in readings_of:
        for draft in reading.measures:
            if draft.action in REMOVAL_ACTIONS and draft.modality is not Modality.MUST_NOT:
                draft.without.extend(s for s in dispensed if s not in draft.without)


def _confers(unit: Unit, action: Action, readings: dict[int, Reading]) -> bool:
    """Does `unit` (or a unit under it) confer or require `action`?"""
    return any(
        d.action is action and d.modality is not Modality.MUST_NOT
        for u in unit.walk()
        for d in readings.get(id(u), Reading()).measures
    )


def _provision(
    unit: Unit, readings: dict[int, Reading], excepted: dict[int, list[Exception_]], source: SourceText
) -> Provision:
    reading = readings.get(id(unit), Reading())
    extra = tuple(excepted.get(id(unit), ()))
    return Provision(
        ref=unit.ref,
        span=unit.span,
        heading=unit.heading,
        text=" ".join(source.text[s:e] for s, e in own_runs(unit, source)),
        children=tuple(_provision(c, readings, excepted, source) for c in unit.children),
        measures=tuple(_measure(d, extra) for d in reading.measures),
        safeguards=tuple(reading.safeguards),
        cross_refs=tuple(reading.cross_refs),
        kind=UnitKind(unit.kind),
    )


def _measure(draft: Draft, extra: tuple[Exception_, ...]) -> Measure:
    is_bar = draft.action in REMOVAL_ACTIONS and draft.modality is Modality.MUST_NOT and draft.risks
    return Measure(
        action=draft.action,
        modality=draft.modality,
        evidence=draft.evidence,
        span=draft.span,
        persons=tuple(draft.persons),
        conditions=tuple(draft.conditions),
        exceptions=tuple(draft.exceptions) + (extra if is_bar else ()),
        safeguards=tuple(draft.safeguards),
        overrides=tuple(draft.overrides),
        risks=tuple(draft.risks),
        without=tuple(draft.without),
        concerns=draft.concerns,
    )
