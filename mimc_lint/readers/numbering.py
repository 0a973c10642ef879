"""Which level each list marker of a provision stands at, decided from the whole sequence.

The grammar reads "(1)", "(a)", "(i)" and "(A)" as opaque tokens; only the sequence says
what they are. "(i)" after "(h)" is the ninth letter, "(i)" opening a list under "(b)" is
the roman numeral one, and "(v)" or "(x)" are letters after "(u)" or "(w)" but numerals
after "(iv)" or "(ix)". Following the eregs regulations parser, every consistent reading
of the sequence is weighed (a marker either continues an open level or opens a new one)
and the cheapest wins; a reading that comes close to the winner is reported, so that a
human can confirm it (rule STR001). Costs favour unbroken numbering but accept the gaps
of excerpts and amended text ("(2)" first, "(c)" after "(a)").

Hints from the text refine the choice: a lead-in ending in a dash ("... if—") announces
a deeper list, an item ending in ";", "," or "and" announces a sibling; indentation, when
the document has it, is a tie-breaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

#: Marker styles: numbers "(1)", letters "(a)", roman numerals "(i)", capitals "(A)", capital
#: numerals "(I)", numbered paragraphs "1.", civil-law paragraphs "§ 1º", and anything else.
DIGIT, LOWER, ROMAN, UPPER, UPPER_ROMAN, DOTTED, SIGN, OPAQUE = (
    "digit",
    "lower",
    "roman",
    "upper",
    "upper-roman",
    "dotted",
    "sign",
    "opaque",
)

_NAMES = {
    DIGIT: "a number",
    LOWER: "a letter",
    ROMAN: "a roman numeral",
    UPPER: "a capital letter",
    UPPER_ROMAN: "a capital roman numeral",
    DOTTED: "a numbered paragraph",
    SIGN: "a § paragraph",
    OPAQUE: "an unrecognised marker",
}

#: Roman numerals up to (xxxix): lists never run longer, so "(c)", "(d)", "(l)" and "(m)" are only letters.
_ROMAN = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_LABEL = re.compile(r"\(?\s*(?P<core>[^()\s.]+?)\s*(?:\)|\.)?")
_DIGITS = re.compile(r"(?P<base>\d+)(?P<suffix>[A-Za-z]*)")
_DOTTED = re.compile(r"(?P<base>\d+)(?P<suffix>(?:\.\d+)*)\.")
_SIGN = re.compile(r"§+\s*(?P<base>\d+)(?P<suffix>\S*)")

# Costs of each step of a reading; only their order matters.
_NEXT = 0.0  # "(b)" after "(a)", "(2A)" after "(2)"
_GAP = 0.6  # "(c)" after "(a)": an omitted or repealed item
_GAP_STEP = 0.1
_BACKWARDS = 3.0  # "(b)" after "(d)": kept only when nothing else fits
_OPEN_FIRST = 0.5  # a new level starting at its first marker
_OPEN_LATER = 1.5  # a new level starting further on ("(2)" first in an excerpt)
_OPEN_STEP = 0.05
_OPAQUE = 2.0
_HINT = 1.5  # the text says "a list starts here" or "this item is complete" and the reading disagrees
_INDENT = 0.6  # indentation disagrees
#: Readings closer than this to the best are reported as ambiguous.
MARGIN = 0.6
_BEAM = 12
_REMEMBERED_CHOICES = 32


@dataclass(frozen=True, slots=True)
class Marker:
    """A marker as written, with what the surrounding text says about it."""

    label: str  # "(iv)", "(2A)", "a)", "1.", "§ 1º"
    opens: bool | None = None  # the text before ends a lead-in (True), a list item (False), or neither
    indent: int | None = None  # its column, when the document is indented


@dataclass(frozen=True, slots=True)
class Reading:
    depth: int  # 1 = directly under the provision
    style: str


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """Marker `index` was read as `chosen`; a reading nearly as good took it as `other`."""

    index: int
    chosen: str
    other: str

    def describe(self, label: str) -> str:
        return f"{label} read as {_NAMES[self.chosen]}; it could also be {_NAMES[self.other]}"


@dataclass(frozen=True, slots=True)
class Numbering:
    readings: tuple[Reading, ...]
    ambiguities: tuple[Ambiguity, ...]


# A value is (base, suffix): "(2A)" is (2, "A"), "(ba)" is (2, "a"), an inserted item after "(b)".
_Value = tuple[int, str]
_Level = tuple[str, int, str]  # style, base, suffix of the last marker at that level


def _roman(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _letters(core: str, letter: str, numeral: str) -> list[tuple[str, int, str]]:
    lower = core.lower()
    found: list[tuple[str, int, str]] = []
    base = ord(lower[0]) - 96
    if len(lower) == 1:
        found.append((letter, base, ""))
    elif len(set(lower)) == 1:  # "aa": inserted after "a", or the 27th after "z"
        found.append((letter, base, lower[1:]))
        found.append((letter, base + 26 * (len(lower) - 1), ""))
    elif len(lower) == 2 and not _ROMAN.fullmatch(lower):  # "ba": inserted after "b"
        found.append((letter, base, lower[1]))
    if _ROMAN.fullmatch(lower):
        found.append((numeral, _roman(lower), ""))
    return found


@cache
def candidates(label: str) -> tuple[tuple[str, int, str], ...]:
    """Every (style, base, suffix) a marker can be, letters before numerals."""
    return tuple(_candidates(label))


@cache
def _reading(depth: int, style: str) -> Reading:
    return Reading(depth, style)


def _candidates(label: str) -> list[tuple[str, int, str]]:
    text = label.strip()
    if match := _SIGN.fullmatch(text):
        return [(SIGN, int(match["base"]), match["suffix"])]
    if match := _DOTTED.fullmatch(text):
        return [(DOTTED, int(match["base"]), match["suffix"])]
    match = _LABEL.fullmatch(text)
    if match is None:
        return []
    core = match["core"]
    if number := _DIGITS.fullmatch(core):
        return [(DIGIT, int(number["base"]), number["suffix"].lower())]
    if core.isascii() and core.isalpha() and len(core) <= 8:
        if core.islower():
            return _letters(core, LOWER, ROMAN)
        if core.isupper():
            return _letters(core, UPPER, UPPER_ROMAN)
    return []


def follows(label: str, earlier: Sequence[str]) -> bool:
    """Whether a marker can be the next one after `earlier` (the markers of its provision so far): it opens a
    list at its first value ("(a)", "(1)", "(i)", "1.") or comes straight after one of them. A marker that does
    neither, at the start of a wrapped line, is more likely a reference the line break fell before ("... under
    paragraph" / "(4) of Schedule 2")."""
    opens = any(base == 1 and not suffix for _, base, suffix in candidates(label))
    return opens or any(succeeds(label, marker) for marker in earlier)


def succeeds(label: str, previous: str) -> bool:
    """Whether `label` comes straight after `previous` in one list: "(c)" after "(b)", "(2A)" after "(2)", "(3)"
    after "(2A)"."""
    return any(
        style == before_style and (before == base - 1 if not suffix else before == base and before_suffix < suffix)
        for style, base, suffix in candidates(label)
        for before_style, before, before_suffix in candidates(previous)
    )


def _continue_cost(last: _Value, new: _Value) -> float:
    (base, suffix), (last_base, last_suffix) = new, last
    if (base == last_base + 1 and not suffix) or (base == last_base and suffix > last_suffix):
        return _NEXT
    if base > last_base:
        return _GAP + _GAP_STEP * min(base - last_base - 1, 10)
    return _BACKWARDS


def _open_cost(base: int, suffix: str) -> float:
    return _OPEN_FIRST if base == 1 and not suffix else _OPEN_LATER + _OPEN_STEP * min(base, 20)


def _step(stack: tuple[_Level, ...], style: str, base: int, suffix: str) -> tuple[int, tuple[_Level, ...], float]:
    """Depth, new stack and cost of reading the marker as (style, base, suffix) after `stack`."""
    for level, (open_style, last_base, last_suffix) in enumerate(stack):
        if open_style == style:
            cost = 1.0 if style == OPAQUE else _continue_cost((last_base, last_suffix), (base, suffix))
            return level + 1, (*stack[:level], (style, base, suffix)), cost
    cost = _OPAQUE if style == OPAQUE else _open_cost(base, suffix)
    return len(stack) + 1, (*stack, (style, base, suffix)), cost


def _hint_cost(marker: Marker, previous: Marker | None, depth: int, previous_depth: int) -> float:
    if previous is None:
        return 0.0
    deeper = depth > previous_depth
    cost = 0.0
    if (marker.opens is True and not deeper) or (marker.opens is False and deeper):
        cost += _HINT
    if marker.indent is not None and previous.indent is not None:
        said = (marker.indent > previous.indent) - (marker.indent < previous.indent)
        read = (depth > previous_depth) - (depth < previous_depth)
        if said != read:
            cost += _INDENT
    return cost


class _Path(NamedTuple):
    """One reading so far; `back` links to the reading of the previous marker (a tuple: it is made often)."""

    cost: float
    stack: tuple[_Level, ...]
    reading: Reading | None
    back: _Path | None
    choices: tuple[tuple[int, str], ...]  # styles picked where a marker could be read two ways
    ambiguities: tuple[Ambiguity, ...]


def _divergence(kept: _Path, lost: _Path) -> Ambiguity | None:
    lost_choices = dict(lost.choices)
    for index, style in kept.choices:
        other = lost_choices.get(index)
        if other is not None and other != style:
            return Ambiguity(index, style, other)
    return None


def _near(kept: _Path, lost: _Path) -> tuple[Ambiguity, ...]:
    if lost.cost - kept.cost >= MARGIN:
        return ()
    found = _divergence(kept, lost)
    if found is None or any(a.index == found.index for a in kept.ambiguities):
        return ()
    return (found,)


def resolve(markers: Sequence[Marker]) -> Numbering:
    """The most plausible depth and style of every marker, with the markers that stay ambiguous."""
    options = [candidates(marker.label) or ((OPAQUE, 0, ""),) for marker in markers]
    if all(len({style for style, _, _ in choice}) == 1 for choice in options):
        return Numbering(_forced([choice[0][0] for choice in options]), ())
    return _search(markers, options)


def _forced(styles: list[str]) -> tuple[Reading, ...]:
    """Readings when every marker has one possible style: a style continues its level or opens one."""
    stack: list[str] = []
    readings = []
    for style in styles:
        if style in stack:
            del stack[stack.index(style) + 1 :]
        else:
            stack.append(style)
        readings.append(_reading(len(stack), style))
    return tuple(readings)


def _search(markers: Sequence[Marker], all_options: list[tuple[tuple[str, int, str], ...]]) -> Numbering:
    """Weigh every consistent reading (the cheapest few at each step) and keep the best."""
    paths = [_Path(0.0, (), None, None, (), ())]
    previous: Marker | None = None
    for index, (marker, options) in enumerate(zip(markers, all_options, strict=True)):
        two_way = len({style for style, _, _ in options}) > 1
        best: dict[tuple[_Level, ...], _Path] = {}
        for path in paths:
            previous_depth = path.reading.depth if path.reading else 0
            for style, base, suffix in options:
                depth, stack, cost = _step(path.stack, style, base, suffix)
                cost += path.cost + _hint_cost(marker, previous, depth, previous_depth)
                choices = (*path.choices, (index, style))[-_REMEMBERED_CHOICES:] if two_way else path.choices
                new = _Path(cost, stack, _reading(depth, style), path, choices, path.ambiguities)
                old = best.get(stack)
                if old is None:
                    best[stack] = new
                elif new.cost < old.cost:
                    best[stack] = new._replace(ambiguities=new.ambiguities + _near(new, old))
                else:
                    best[stack] = old._replace(ambiguities=old.ambiguities + _near(old, new))
        paths = sorted(best.values(), key=lambda p: p.cost)[:_BEAM]
        previous = marker
    winner = paths[0]
    ambiguities = list(winner.ambiguities)
    for other in paths[1:]:
        ambiguities.extend(a for a in _near(winner, other) if all(a.index != b.index for b in ambiguities))
    readings: list[Reading] = []
    node: _Path | None = winner
    while node is not None and node.reading is not None:
        readings.append(node.reading)
        node = node.back
    readings.reverse()
    return Numbering(tuple(readings), tuple(sorted(ambiguities, key=lambda a: a.index)))
