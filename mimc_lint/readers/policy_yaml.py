"""Policy YAML reader: a drafting office's own description of a policy or a draft law.

The format is documented in docs/policy-format.md and described for editors by
mimc_lint/schema/policy.schema.json. Composition is our own loop over PyYAML's events
(libyaml's when available): anchors, aliases and tags are refused as they arrive, before
anything could be expanded, so an alias bomb costs nothing; nesting depth is bounded, so no
recursion below can overflow. Each node keeps its code-point offsets, which become `Span`s
once, through `SourceText`. Every pass is linear in the size of the file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from difflib import get_close_matches
from enum import StrEnum
from functools import cache
from typing import NamedTuple, TypeVar

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from mimc_lint.errors import InputError
from mimc_lint.model import (
    Action,
    Condition,
    ConditionKind,
    CrossRef,
    Definition,
    Exception_,
    ExceptionKind,
    Ground,
    Instrument,
    InstrumentKind,
    Measure,
    Modality,
    Override,
    PersonClass,
    Persons,
    Provision,
    Risk,
    Safeguard,
    SafeguardKind,
    Span,
    UnitKind,
)
from mimc_lint.source import SourceText

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML built without libyaml: same events, slower
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: The only version of the format; `mimc-lint: 1` at the top of a file pins it.
FORMAT_VERSION = 1
#: Units of a safeguard's `value` (a maximum duration, a time limit for review).
UNITS = ("hours", "days", "weeks", "months", "years")
#: How a cross-reference relates the provision to its target (`CrossRef.relation`).
RELATIONS = ("refers", "subject-to", "overrides", "applies")
#: Deeper YAML is refused: real policies nest about a dozen levels, and this bounds every recursion.
MAX_DEPTH = 64

_TOP_KEYS = ("mimc-lint", "instrument", "definitions", "provisions")
_INSTRUMENT_KEYS = ("title", "jurisdiction", "kind", "language")
_DEFINITION_KEYS = ("term", "text", "covers", "grounds", "excludes", "provision")
_PROVISION_KEYS = ("ref", "kind", "heading", "text", "measures", "safeguards", "cross-refs", "provisions")
_MEASURE_KEYS = (
    "action",
    "modality",
    "evidence",
    "persons",
    "conditions",
    "exceptions",
    "risks",
    "overrides",
    "safeguards",
    "without",
    "concerns",
)
_SAFEGUARD_KEYS = ("kind", "evidence", "value", "unit", "children-only")
_STANDALONE_SAFEGUARD_KEYS = (*_SAFEGUARD_KEYS, "concerns")
_PERSONS_KEYS = ("class", "term")
_EXCEPTION_KEYS = ("kind", "evidence")
_CONDITION_KEYS = ("text", "kind")
_OVERRIDE_KEYS = ("target", "ref", "evidence")
_CROSS_REF_KEYS = ("text", "target", "relation")

#: A ref that can only name a grouping, when `kind` is not given: "Part 2", "Chapter III", "Sch 2 Part 1",
#: "Schedule 3". "Section 1" is not one: it names a section in most laws, and a grouping of articles in EU acts.
_GROUPING_WORDS = {
    "part": UnitKind.PART,
    "subpart": UnitKind.PART,
    "book": UnitKind.PART,
    "chapter": UnitKind.CHAPTER,
    "subchapter": UnitKind.CHAPTER,
    "division": UnitKind.DIVISION,
    "subdivision": UnitKind.SUBDIVISION,
    "title": UnitKind.TITLE,
    "subtitle": UnitKind.SUBTITLE,
}
_NUMBER = r"(?:\d+[A-Z]{0,2}(?:[-.]\d+[A-Z]{0,2})*|[IVXLCDM]+|[A-Z])"
_SCHEDULE = rf"(?:the\s+)?(?:sch|schedule|annex|appendix)\.?(?:\s+{_NUMBER})?"
_GROUPING_REF = re.compile(
    rf"(?P<schedule>{_SCHEDULE})|(?:{_SCHEDULE}\s+)?(?P<word>{'|'.join(_GROUPING_WORDS)})\s+{_NUMBER}", re.IGNORECASE
)

# What a node is, as messages name it.
_MAPPING, _LIST, _STRING, _NUMBER, _BOOLEAN, _EMPTY = (
    "a mapping",
    "a list",
    "a string",
    "a number",
    "a boolean",
    "an empty value",
)
_TEXTUAL = (_STRING, _NUMBER)  # `ref: 12` is a reference as written, not arithmetic
_TAG = "tag:yaml.org,2002:"
_PLAIN_KINDS = {f"{_TAG}null": _EMPTY, f"{_TAG}bool": _BOOLEAN, f"{_TAG}int": _NUMBER, f"{_TAG}float": _NUMBER}

_E = TypeVar("_E", bound=StrEnum)


class _Node(NamedTuple):
    """A composed YAML node: what it is, where it stands (code-point offsets, end exclusive), its value.

    `value` is the scalar as written, a list of nodes, or a list of (key, value) node pairs. A named
    tuple rather than a frozen dataclass: one is built per YAML event, at half the cost.
    """

    kind: str
    start: int
    end: int
    value: str | list[_Node] | list[tuple[_Node, _Node]]
    tag: str = ""  # the resolved YAML tag of a plain scalar, for reading numbers and booleans


def read_policy(source: SourceText) -> Instrument:
    """Read a policy YAML file into an `Instrument`; any invalid input raises `InputError`."""
    return _PolicyReader(source).instrument(_compose(source))


def _suggestion(word: str, choices: Iterable[str], *, listed: bool = True) -> str:
    """The closest valid word; failing that, when `listed`, every valid word (short lists only)."""
    choices = list(choices)
    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (expected one of: {', '.join(choices)})" if listed else ""


@cache
def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The enum's values in declaration order, as messages list them."""
    return tuple(member.value for member in enum)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _construct(node: _Node) -> object:
    """A plain scalar's value as YAML reads it (`0x1A`, `1_000`, `yes`), for numbers and booleans."""
    return SafeConstructor().construct_object(ScalarNode(node.tag, node.value))


def _compose(source: SourceText) -> _Node:
    """The file's single YAML document as a node tree, or `InputError`."""
    loader = None
    try:
        loader = _Loader(source.text)  # the pure-Python reader already checks characters here
        return _Composer(loader, source).document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = source.position(mark.index) if mark else (1, 1)
        if mark and source.text[mark.index : mark.index + 1] == "\t":
            problem = "tab character (YAML indents with spaces, not tabs)"
        else:
            problem = error.problem or error.context or "not valid YAML"
            if error.problem and error.context:
                where = error.context_mark and source.position(error.context_mark.index)
                problem += (
                    f" ({error.context} at line {where[0]}, column {where[1]})" if where else f" ({error.context})"
                )
        raise InputError(source.path, f"invalid YAML: {_one_line(problem)}", line, column) from None
    except yaml.reader.ReaderError as error:
        line, column = source.position(error.position)
        message = f"character U+{error.character:04X} is not allowed in YAML"
        raise InputError(source.path, message, line, column) from None
    finally:
        if loader is not None:
            loader.dispose()


class _Composer:
    """Builds nodes from PyYAML's events, refusing what a policy file has no use for."""

    def __init__(self, loader: _Loader, source: SourceText) -> None:
        self._loader = loader
        self._source = source

    def _error(self, mark: yaml.Mark, message: str) -> InputError:
        return InputError(self._source.path, message, *self._source.position(mark.index))

    def document(self) -> _Node:
        loader = self._loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            raise InputError(self._source.path, "no YAML document in the file (it holds only comments)")
        loader.get_event()  # document start
        root = self._node()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise self._error(loader.peek_event().start_mark, "more than one YAML document in a policy file")
        return root

    def _node(self) -> _Node:
        """One node and everything under it, iteratively: depth is checked, never the call stack."""
        get_event, resolve = self._loader.get_event, self._loader.resolve
        tags: dict[str, str] = {}  # plain scalars repeat (keys, enum values): resolve each once
        open_: list[tuple[str, int, bool, list[_Node]]] = []  # collections being filled: kind, start, flow, children
        while True:
            event = get_event()
            cls = type(event)
            if cls is yaml.ScalarEvent and event.anchor is None and event.tag is None:
                value = event.value
                tag = ""  # a quoted or block scalar is a string
                if not event.style:
                    tag = tags.get(value) or tags.setdefault(value, resolve(ScalarNode, value, event.implicit))
                node = _Node(_PLAIN_KINDS.get(tag, _STRING), event.start_mark.index, event.end_mark.index, value, tag)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                kind, start, flow, children = open_.pop()
                # A block collection ends where the next token starts, after any comments: it ends with its last child.
                end = children[-1].end if children and not flow else event.end_mark.index
                if kind == _MAPPING:
                    node = _Node(kind, start, end, list(zip(children[::2], children[1::2], strict=True)))
                else:
                    node = _Node(kind, start, end, children)
            elif cls is yaml.AliasEvent or event.anchor is not None:
                raise self._error(event.start_mark, "YAML anchors and aliases are not allowed in a policy file")
            elif event.tag is not None:
                tag = event.tag.replace(_TAG, "!!", 1)
                raise self._error(event.start_mark, f"YAML tags are not allowed in a policy file (found '{tag}')")
            else:
                if len(open_) == MAX_DEPTH:
                    raise self._error(event.start_mark, f"YAML nested deeper than {MAX_DEPTH} levels")
                kind = _MAPPING if cls is yaml.MappingStartEvent else _LIST
                open_.append((kind, event.start_mark.index, bool(event.flow_style), []))
                continue
            if not open_:
                return node
            open_[-1][3].append(node)


class _PolicyReader:
    """Turns the composed tree into the model; one method per element of the format."""

    def __init__(self, source: SourceText) -> None:
        self._source = source
        self._refs: dict[str, _Node] = {}  # every provision ref, for resolving overrides and cross-references
        self._seen: dict[str, _Node] = {}  # refs met so far, for reporting duplicates

    # -- positions and errors

    def _span(self, node: _Node) -> Span:
        """The node's extent; a block scalar's trailing line breaks are not part of it."""
        text = self._source.text
        start, end = node.start, node.end
        while end > start and text[end - 1].isspace():
            end -= 1
        return self._source.span(start, end)

    def _line(self, node: _Node) -> int:
        return self._source.position(node.start)[0]

    def _error(self, node: _Node, message: str) -> InputError:
        return InputError(self._source.path, message, *self._source.position(node.start))

    # -- shapes

    def _mapping(self, node: _Node, label: str, keys: tuple[str, ...], required: tuple[str, ...]) -> dict[str, _Node]:
        if node.kind != _MAPPING:
            raise self._error(node, f"{label} must be a mapping, got {node.kind}")
        fields: dict[str, _Node] = {}
        names: dict[str, _Node] = {}
        for key_node, value_node in node.value:
            if key_node.kind in (_MAPPING, _LIST):
                raise self._error(key_node, f"a key must be a name, got {key_node.kind}")
            key = key_node.value
            if key in names:
                raise self._error(key_node, f"duplicate key '{key}' (first at line {self._line(names[key])})")
            if key not in keys:
                raise self._error(key_node, f"unknown key '{key}'{_suggestion(key, keys)}")
            names[key] = key_node
            fields[key] = value_node
        for key in required:
            if key not in fields:
                raise self._error(node, f"missing required key '{key}'")
        return fields

    def _items(self, fields: dict[str, _Node], key: str) -> list[_Node]:
        node = fields.get(key)
        if node is None:
            return []
        if node.kind != _LIST:
            raise self._error(node, f"'{key}' must be a list, got {node.kind}")
        return node.value

    def _text(self, node: _Node, label: str) -> str:
        if node.kind not in _TEXTUAL:
            raise self._error(node, f"{label} must be a string, got {node.kind}")
        text = node.value.strip()
        if not text:
            raise self._error(node, f"{label} must not be empty")
        return text

    def _optional_text(self, fields: dict[str, _Node], key: str, default: str = "") -> str:
        return self._text(fields[key], f"'{key}'") if key in fields else default

    def _choice(self, node: _Node, label: str, what: str, choices: Collection[str]) -> str:
        if node.kind != _STRING:
            raise self._error(node, f"{label} must be a string, got {node.kind}")
        if node.value not in choices:
            raise self._error(node, f"unknown {what} '{node.value}'{_suggestion(node.value, choices)}")
        return node.value

    def _enum(self, node: _Node, label: str, what: str, enum: type[_E]) -> _E:
        return enum(self._choice(node, label, what, _values(enum)))

    def _enums(self, fields: dict[str, _Node], key: str, what: str, enum: type[_E]) -> tuple[_E, ...]:
        return tuple(self._enum(item, f"each item of '{key}'", what, enum) for item in self._items(fields, key))

    def _short_or_long(self, node: _Node, label: str, short: tuple[str, ...] = (_STRING,)) -> bool:
        """True for a short form (a scalar of a `short` kind); a mapping is the long form; anything else is refused."""
        if node.kind in short:
            return True
        if node.kind == _MAPPING:
            return False
        raise self._error(node, f"{label} must be a string or a mapping, got {node.kind}")

    def _value(self, node: _Node) -> float:
        if node.kind != _NUMBER:
            raise self._error(node, f"'value' must be a number, got {node.kind}")
        value = float(_construct(node))
        if not (math.isfinite(value) and value > 0):
            raise self._error(node, "'value' must be a positive number")
        return value

    def _flag(self, node: _Node, key: str) -> bool:
        if node.kind != _BOOLEAN:
            raise self._error(node, f"'{key}' must be true or false, got {node.kind}")
        return bool(_construct(node))

    def _resolved(self, ref: str) -> str | None:
        return ref if ref in self._refs else None

    # -- the format

    def instrument(self, root: _Node) -> Instrument:
        if root.kind != _MAPPING:
            raise self._error(
                root, f"a policy file must be a mapping with 'instrument' and 'provisions', got {root.kind}"
            )
        keys = [key.value for key, _ in root.value if key.kind not in (_MAPPING, _LIST)]
        if keys and not set(keys) & set(_TOP_KEYS):
            # Some other YAML (a CI workflow, .pre-commit-config.yaml) linted by a broad file pattern: say so plainly.
            shown = ", ".join(f"'{key}'" for key in keys[:3]) + (", ..." if len(keys) > 3 else "")
            raise self._error(
                root, f"not a mimc-lint policy: it has none of the keys 'instrument', 'provisions' (it has {shown})"
            )
        top = self._mapping(root, "a policy file", _TOP_KEYS, ("instrument", "provisions"))
        if "mimc-lint" in top:
            self._version(top["mimc-lint"])
        self._collect_refs(top["provisions"])
        node = top["instrument"]
        fields = self._mapping(node, "'instrument'", _INSTRUMENT_KEYS, ("title",))
        kind = InstrumentKind.ACT
        if "kind" in fields:
            kind = self._enum(fields["kind"], "'kind'", "instrument kind", InstrumentKind)
        return Instrument(
            title=self._text(fields["title"], "'title'"),
            path=self._source.path,
            span=self._span(node),
            jurisdiction=self._optional_text(fields, "jurisdiction"),
            kind=kind,
            language=self._optional_text(fields, "language", "en"),
            definitions=tuple(self._definition(item) for item in self._items(top, "definitions")),
            provisions=tuple(self._provision(item) for item in self._items(top, "provisions")),
        )

    def _version(self, node: _Node) -> None:
        if node.kind != _NUMBER:
            raise self._error(node, f"'mimc-lint' (the format version) must be a number, got {node.kind}")
        if _construct(node) != FORMAT_VERSION:
            raise self._error(
                node, f"unsupported format version {node.value} (this mimc-lint reads version {FORMAT_VERSION})"
            )

    def _collect_refs(self, node: _Node) -> None:
        """Every well-formed provision ref, before reading: a reference may point forward."""
        if node.kind != _LIST:
            return
        for item in node.value:
            if item.kind != _MAPPING:
                continue
            for key_node, value_node in item.value:
                if key_node.value == "ref" and value_node.kind in _TEXTUAL:
                    self._refs.setdefault(value_node.value.strip(), value_node)
                elif key_node.value == "provisions":
                    self._collect_refs(value_node)

    def _definition(self, node: _Node) -> Definition:
        fields = self._mapping(node, "each item of 'definitions'", _DEFINITION_KEYS, ("term",))
        return Definition(
            term=self._text(fields["term"], "'term'"),
            span=self._span(node),
            text=self._optional_text(fields, "text"),
            covers=self._enums(fields, "covers", "person class", PersonClass),
            grounds=self._enums(fields, "grounds", "ground", Ground),
            excludes=self._enums(fields, "excludes", "ground", Ground),
            provision=self._optional_text(fields, "provision"),
        )

    def _provision(self, node: _Node) -> Provision:
        fields = self._mapping(node, "each item of 'provisions'", _PROVISION_KEYS, ("ref",))
        ref_node = fields["ref"]
        ref = self._text(ref_node, "'ref'")
        if ref in self._seen:
            first, second = sorted((self._seen[ref], ref_node), key=lambda n: n.start)
            raise self._error(second, f"duplicate provision ref '{ref}' (first at line {self._line(first)})")
        self._seen[ref] = ref_node
        text = self._optional_text(fields, "text")
        kind = _grouping(ref)
        if "kind" in fields:
            kind = self._enum(fields["kind"], "'kind'", "provision kind", UnitKind)
        return Provision(
            ref=ref,
            kind=kind,
            span=self._span(node),
            heading=self._optional_text(fields, "heading"),
            text=text,
            measures=tuple(self._measure(item, text) for item in self._items(fields, "measures")),
            safeguards=tuple(self._safeguard(item, None) for item in self._items(fields, "safeguards")),
            cross_refs=tuple(self._cross_ref(item) for item in self._items(fields, "cross-refs")),
            children=tuple(self._provision(item) for item in self._items(fields, "provisions")),
        )

    def _measure(self, node: _Node, provision_text: str) -> Measure:
        fields = self._mapping(node, "each item of 'measures'", _MEASURE_KEYS, ("action", "modality"))
        action = self._enum(fields["action"], "'action'", "action", Action)
        modality = self._enum(fields["modality"], "'modality'", "modality", Modality)
        if "evidence" in fields:
            evidence, span = self._text(fields["evidence"], "'evidence'"), self._span(fields["evidence"])
        else:
            evidence, span = provision_text or f"{action} ({modality})", self._span(fields["action"])
        concerns = None
        if "concerns" in fields:
            concerns = self._enum(fields["concerns"], "'concerns'", "action", Action)
        return Measure(
            action=action,
            modality=modality,
            evidence=evidence,
            span=span,
            persons=tuple(self._persons(item) for item in self._items(fields, "persons")),
            conditions=tuple(self._condition(item) for item in self._items(fields, "conditions")),
            exceptions=tuple(self._exception(item) for item in self._items(fields, "exceptions")),
            safeguards=tuple(self._safeguard(item, action) for item in self._items(fields, "safeguards")),
            overrides=tuple(self._override(item) for item in self._items(fields, "overrides")),
            risks=self._enums(fields, "risks", "risk", Risk),
            without=tuple(self._safeguard(item, action, "without") for item in self._items(fields, "without")),
            concerns=concerns,
        )

    def _persons(self, node: _Node) -> Persons:
        label = "each item of 'persons'"
        if self._short_or_long(node, label):
            return Persons(self._enum(node, label, "person class", PersonClass), node.value, self._span(node))
        fields = self._mapping(node, label, _PERSONS_KEYS, ("class",))
        cls = self._enum(fields["class"], "'class'", "person class", PersonClass)
        return Persons(cls, self._optional_text(fields, "term", cls.value), self._span(node))

    def _condition(self, node: _Node) -> Condition:
        label = "each item of 'conditions'"
        if self._short_or_long(node, label, _TEXTUAL):
            return Condition(self._text(node, label), self._span(node))
        fields = self._mapping(node, label, _CONDITION_KEYS, ("text",))
        kind = None
        if "kind" in fields:
            kind = self._enum(fields["kind"], "'kind'", "condition kind", ConditionKind)
        return Condition(self._text(fields["text"], "'text'"), self._span(node), kind)

    def _exception(self, node: _Node) -> Exception_:
        label = "each item of 'exceptions'"
        if self._short_or_long(node, label):
            return Exception_(self._enum(node, label, "exception kind", ExceptionKind), node.value, self._span(node))
        fields = self._mapping(node, label, _EXCEPTION_KEYS, ("kind",))
        kind = self._enum(fields["kind"], "'kind'", "exception kind", ExceptionKind)
        return Exception_(kind, self._optional_text(fields, "evidence", kind.value), self._span(node))

    def _safeguard(self, node: _Node, measure_action: Action | None, key: str = "safeguards") -> Safeguard:
        """A safeguard inside a measure concerns that measure's action; one stated alone may say what it concerns.
        A measure's `without` lists, in the same form, the guarantees it dispenses with."""
        label = f"each item of '{key}'"
        if self._short_or_long(node, label):
            kind = self._enum(node, label, "safeguard kind", SafeguardKind)
            return Safeguard(kind, node.value, self._span(node), concerns=measure_action)
        keys = _SAFEGUARD_KEYS if measure_action else _STANDALONE_SAFEGUARD_KEYS
        fields = self._mapping(node, label, keys, ("kind",))
        kind = self._enum(fields["kind"], "'kind'", "safeguard kind", SafeguardKind)
        for present, needed in (("value", "unit"), ("unit", "value")):
            if present in fields and needed not in fields:
                raise self._error(node, f"missing required key '{needed}' (a '{present}' needs a '{needed}')")
        concerns = measure_action
        if "concerns" in fields:
            concerns = self._enum(fields["concerns"], "'concerns'", "action", Action)
        return Safeguard(
            kind=kind,
            evidence=self._optional_text(fields, "evidence", kind.value),
            span=self._span(node),
            value=self._value(fields["value"]) if "value" in fields else None,
            unit=self._choice(fields["unit"], "'unit'", "unit", UNITS) if "unit" in fields else None,
            concerns=concerns,
            children_only=self._flag(fields["children-only"], "children-only") if "children-only" in fields else False,
        )

    def _override(self, node: _Node) -> Override:
        label = "each item of 'overrides'"
        if self._short_or_long(node, label, _TEXTUAL):
            target = self._text(node, label)
            return Override(target, target, self._span(node), self._resolved(target))
        fields = self._mapping(node, label, _OVERRIDE_KEYS, ("target",))
        target = self._text(fields["target"], "'target'")
        target_ref = self._resolved(target)
        if "ref" in fields:
            target_ref = self._text(fields["ref"], "'ref'")
            if target_ref not in self._refs:
                hint = _suggestion(target_ref, self._refs, listed=False)
                raise self._error(fields["ref"], f"'ref' names no provision in this file: '{target_ref}'{hint}")
        return Override(target, self._optional_text(fields, "evidence", target), self._span(node), target_ref)

    def _cross_ref(self, node: _Node) -> CrossRef:
        label = "each item of 'cross-refs'"
        if self._short_or_long(node, label, _TEXTUAL):
            text = self._text(node, label)
            return CrossRef(text, self._span(node), self._resolved(text))
        fields = self._mapping(node, label, _CROSS_REF_KEYS, ("text",))
        text = self._text(fields["text"], "'text'")
        relation = "refers"
        if "relation" in fields:
            relation = self._choice(fields["relation"], "'relation'", "relation", RELATIONS)
        return CrossRef(text, self._span(node), self._resolved(self._optional_text(fields, "target", text)), relation)


def _grouping(ref: str) -> UnitKind | None:
    """The kind of grouping a ref names by its form alone ("Part 2" is a Part), or None."""
    match = _GROUPING_REF.fullmatch(ref)
    if match is None:
        return None
    return UnitKind.SCHEDULE if match["schedule"] else _GROUPING_WORDS.get(match["word"].lower())
