"""Hard-wrapped statutes: which physical lines only continue the line before.

Statutes arrive wrapped at a measure of 60 to 80 characters, inside sentences and headings, with or
without indentation. The grammar types each physical line; here the lines a publisher only wrapped are
joined to the line they continue, so that the assembler sees one line per heading, lead-in, list item,
body or flush text, as if the text had not been wrapped. A wrapped line may begin like structure
("(b) of subsection (1)", "12. ...", "Article 8(3) are applicable") or with a capitalised word that is
no heading. It continues the line before when:

- the text so far cannot end there: an open bracket, a last word such as "of", "the" or a bare "and"
  ("... released on bond or" / "conditional parole"), or a citation whose number the break cut off
  ("... under section" / "12(2) of the Act");
- a lower-case word follows text that ends no sentence or list item ("... and state of" / "health");
- or the line before is full (its measure had no room for the next word) and what follows neither
  continues the numbering (a marker: "(b)" after "(a)") nor starts a heading, a cross-heading or the
  body after a heading. A heading goes on over several lines only while it still reads as one heading.

After a complete list item ("...,", "...; or") the next text goes on the item if the line before is full,
the text is indented under the item's words, or the item's next sibling comes after it; otherwise it is
flush text of the list, and so is a line starting "shall" or "may" after the last item. A blank line, a
Markdown heading, or less indentation than the line being continued (or other than that of its wrapped
lines so far) always starts a new line, and a line with nothing after its number ("16", "(5)") is never
continued. Text that is not wrapped has no measure, so there nothing depends on fullness.

When neither the words nor the layout decide, the reading stays ambiguous: flush text after the last item
of a list, set without indentation, whose line before happens to be full is read as the rest of the item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from mimc_lint.readers import numbering, wording

if TYPE_CHECKING:
    from mimc_lint.readers.statute import Line

#: A text is wrapped when at least this share of its lines (and at least three) reach close to its longest line.
_WRAPPED_SHARE = 0.2
#: "Close to": within this share of the longest line.
_NEAR = 0.8
#: A heading wrapped over more lines than this, or longer than this many words, is read as text.
_HEADING_LINES = 4
_HEADING_WORDS = 40
#: Keywords of the US Code layout, whose list items have headings ("(a) Arrest, detention, and release").
_HEADED_ITEMS = frozenset({"§", "§§", "SEC.", "Sec."})


def unwrap(text: str, lines: Sequence[Line]) -> list[Line]:
    """The lines with every wrapped line joined to the line it continues (the joined line ends where its last
    physical line ends; its `rest` spans them all)."""
    return _Unwrapping(text, lines).lines()


def _end_column(line: Line) -> int:
    return line.indent + line.end - line.start


def _width(lines: Sequence[Line]) -> int:
    """The measure a wrapped text was set to, from its longest lines; 0 when the text is not wrapped."""
    ends = [_end_column(line) for line in lines]
    longest = max(ends, default=0)
    near = sum(end >= longest * _NEAR for end in ends)
    return longest if near >= max(3, _WRAPPED_SHARE * len(ends)) else 0


def _text_column(line: Line) -> int:
    """Where the words after a line's markers or number start: a hanging indent aligns wrapped lines there."""
    return line.indent + (line.rest.start - line.start) if line.rest is not None else -1


def _capitals(words: str) -> bool:
    """A line in capitals ("HAS ADOPTED THIS REGULATION:") is a formula or a heading, never running text wrapped."""
    letters = [c for c in words if c.isalpha()]
    return len(words.split()) > 1 and bool(letters) and all(c.isupper() for c in letters)


class _Numbering:
    """Just enough of the numbering to say whether a marker at a line start comes next."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.markers: list[str] = []  # of the open provision
        self.last_words: dict[str, str] = {}  # the last word of each of its items, by marker
        self.provision = -1  # number of the last section, article or numbered provision
        self.in_article = False
        self.headed_items = False  # the open provision is in the US Code layout

    def label(self, line: Line) -> str:
        if line.form == "marker_line" and line.markers:
            return self.text[line.markers[0].start : line.markers[0].end]
        return self.text[line.number.start : line.number.end] if line.number else ""

    def is_marker(self, line: Line) -> bool:
        return line.form == "marker_line" or (
            self.in_article and (line.form == "numbered" or (line.form == "section" and line.keyword.startswith("§")))
        )

    def is_provision(self, line: Line) -> bool:
        return line.form in {"section", "article", "numbered"} and not self.is_marker(line)

    def comes_next(self, line: Line) -> bool:
        """A marker continues the numbering of its provision; a provision has a higher number than the last."""
        if self.is_marker(line):
            return numbering.follows(self.label(line), self.markers)
        digits = "".join(c for c in line.num if c.isdigit())[:9]
        return line.form == "container" or not digits or int(digits) > self.provision

    def ends_list(self, line: Line) -> bool:
        """The item that `line` starts is the last of its list: the one before it ends with "and" or "or"."""
        label = self.label(line)
        before = [m for m in self.markers[:-1] if numbering.succeeds(label, m)]
        return bool(before) and self.last_words.get(before[-1], "") in wording.ITEM_ENDINGS

    def close(self, line: Line) -> None:
        """Take in the whole text of an item once its wrapped lines are joined."""
        if self.is_marker(line) and line.rest is not None:
            words = self.text[line.rest.start : line.end].split()
            self.last_words[self.label(line)] = words[-1].lower() if words else ""

    def read(self, line: Line) -> None:
        """Take in a line that starts a unit."""
        if self.is_marker(line):
            self.markers.append(self.label(line))
        elif line.form != "text_line":
            self.markers, self.last_words = [], {}
            self.in_article = line.form == "article"
            self.headed_items = line.form == "section" and line.keyword in _HEADED_ITEMS
            digits = "".join(c for c in line.num if c.isdigit())[:9]
            if line.form != "container" and digits:
                self.provision = int(digits)
        self.markers.extend(self.text[m.start : m.end] for m in line.markers[1 if line.form == "marker_line" else 0 :])


class _Unwrapping:
    """One pass over the physical lines, joining each to the line it continues."""

    def __init__(self, text: str, lines: Sequence[Line]) -> None:
        self.text = text
        self.physical = lines
        self.width = _width(lines)
        self.numbering = _Numbering(text)
        # How the lines already joined were indented after an item's first line: under its words (a hanging
        # indent) or at the item's own indentation. Decides flush text after a list when the words cannot.
        self.hanging = self.flush = 0

    def lines(self) -> list[Line]:
        lines, joined, index = self.physical, [], 0
        while index < len(lines):
            head = last = lines[index]
            self.numbering.read(head)
            # An item of a list announced by a lead-in goes on the lead-in's sentence, and outside the US Code
            # layout no item has a heading: either way its words are running text, never a heading.
            running = self.numbering.is_marker(head) and (
                not self.numbering.headed_items or (bool(joined) and self.announces_item(joined[-1]))
            )
            index += 1
            while index < len(lines) and self.continues(head, last, index, running, first=not joined):
                if last is head and head.indent < _text_column(head):
                    if lines[index].indent == _text_column(head):
                        self.hanging += 1
                    elif lines[index].indent == head.indent:
                        self.flush += 1
                last = lines[index]
                index += 1
            if last is not head:
                head = head._replace(end=last.end, rest=replace(head.rest, end=last.end))  # type: ignore[type-var]
            self.numbering.close(head)
            joined.append(head)
        return joined

    # -- what the layout says -----------------------------------------------------------------------------------------

    def words(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def full(self, line: Line, following: Line) -> bool:
        """The first word of `following` would not have fitted on `line`: the measure broke the line, not the author."""
        first = self.words(following).split(None, 1)[0]
        return bool(self.width) and _end_column(line) + 1 + len(first) > self.width

    def breaks(self, head: Line, last: Line, line: Line) -> bool:
        """Whatever the words, `line` starts a new line: after a blank line, as a Markdown heading, less indented
        than the line that `head` starts, or indented otherwise than the lines that already continue it."""
        return (
            line.marked
            or self.text.count("\n", last.end, line.start) > 1
            or line.indent < head.indent
            or (last is not head and line.indent != last.indent)
        )

    def announces_item(self, line: Line) -> bool:
        """The line ends a lead-in or a list item, so a marker after it starts an item of a list."""
        words = self.text[line.rest.start : line.end] if line.rest is not None else ""
        return wording.lead_in(words) or (wording.closes_item(words) and not words.endswith("."))

    def heading(self, words: str, head: Line, first: bool) -> bool:
        """Whether `words` read as the heading that `head` would carry (a title, a container's, a section's)."""
        words = " ".join(words.split())
        if first:
            return wording.heading_like(words, _HEADING_WORDS)
        if head.form == "container":
            return wording.heading_like(words, 30)
        return wording.heading_like(words, strict=not self.numbering.is_provision(head))

    # -- the decision -------------------------------------------------------------------------------------------------

    def continues(self, head: Line, last: Line, index: int, running: bool, first: bool) -> bool:
        """Whether physical line `index` continues the line that `head` starts and `last` (so far) ends; `running`:
        the words of `head` are running text, never a heading; `first`: `head` is the first line (a title)."""
        line = self.physical[index]
        if head.rest is None or head.marked or self.breaks(head, last, line):
            return False
        so_far = self.text[head.rest.start : last.end]
        ends = wording.ending(so_far)
        full = self.full(last, line)
        if line.form != "text_line":
            return self.structure_continues(so_far, ends, full, line, head, first)
        initial = next((c for c in self.words(line) if c.isalnum()), "")
        lower = initial.islower() or not initial  # a digit may start a sentence: "2 or more officers"
        if ends == wording.CLOSED:
            if (
                lower
            ):  # "etc." / "of", "— on" / "request —", "claim:" / "transitional provision", "non-" / "refoulement"
                return full or (so_far[-1] == "-" and so_far[-2:-1].isalpha())
            if so_far[-1] not in ".!?" or (self.numbering.is_marker(head) and self.numbering.ends_list(head)):
                return False  # a list with "and" or "or" before its last item ends its sentence with that item
            return full and not self.heading_starts(index) and not _capitals(self.words(line))  # the next sentence
        if ends in (wording.DANGLING, wording.LEAD) or (ends == wording.REFERENCE and wording.cites(self.words(line))):
            return True  # "... set out in Part" / "III of the Schedule"
        if ends == wording.LISTED:
            if self.numbering.is_marker(head):  # the item's words, or flush text after the list
                if line.indent == _text_column(head) > head.indent or self.sibling_follows(head, index):
                    return True
                if self.numbering.ends_list(head) and self.words(line).split(None, 1)[0].strip(",") in wording.MODALS:
                    return False  # "(C) who ... status," / "shall ...": after the last item, the lead-in's verb
                return full and not (last is head and self.hanging > self.flush)
            return full or lower
        if lower:
            return True
        if not full or _capitals(self.words(line)):
            return False
        if running or not self.heading(so_far, head, first):
            return not self.heading_starts(index)
        return self.heading_goes_on(so_far, head, index, first)

    def structure_continues(self, so_far: str, ends: str, full: bool, line: Line, head: Line, first: bool) -> bool:
        """Whether a line that starts like structure ("(2)", "12.", "Article 8") is the rest of a sentence."""
        if ends in (wording.DANGLING, wording.REFERENCE):  # "... under" / "(b) of", "... section" / "12. The"
            # A full line runs on; one that is not ends short of the measure: only a number that cannot come next,
            # after words that cannot end a sentence (or a heading), goes on it.
            return full or (
                not self.numbering.comes_next(line)
                and (ends == wording.DANGLING or not self.heading(so_far, head, first))
            )
        if line.rest is None and line.note is None:  # "(5)", "16", "Article 8" alone: a unit's number on its own
            return False
        if ends == wording.LEAD:  # "... certifies that" / "(a) ...": a list, unless the marker cannot start one
            return not self.numbering.comes_next(line)
        if ends == wording.CLOSED or not full or self.heading(so_far, head, first):
            return False  # a heading is followed by a unit
        if ends == wording.LISTED:  # "... paragraph 16(1)," / "(1A) or (2) above": the citation goes on
            cited = wording.cited_marker(so_far)
            if cited and self.numbering.is_marker(line) and numbering.succeeds(self.numbering.label(line), cited):
                return True
        return not self.numbering.comes_next(line)

    def heading_goes_on(self, so_far: str, head: Line, index: int, first: bool) -> bool:
        """A full heading line, then a capitalised one: the heading goes on if, with this and at most a few more
        lines, it reads as one heading that a unit or a body follows; otherwise a body starts here."""
        block = so_far
        for position in range(index, min(index + _HEADING_LINES, len(self.physical))):
            line = self.physical[position]
            if line.form != "text_line":
                return False
            block = f"{block} {self.words(line)}"
            after = self.physical[position + 1] if position + 1 < len(self.physical) else None
            if self.heading(block, head, first) and self.starts_anew(head, line, after):
                return True
        return False

    def starts_anew(self, head: Line, line: Line, after: Line | None) -> bool:
        """After `line`, something starts: the end of the text, a blank line, structure, or a capitalised word on a
        line that `line` did not run into (it was not full)."""
        if after is None or self.breaks(head, line, after):
            return True
        if after.form != "text_line":  # unless the heading so far ends on a citation that the structure completes
            return wording.ending(self.text[head.rest.start : line.end]) != wording.REFERENCE  # type: ignore[union-attr]
        initial = self.words(after).lstrip("“‘\"'")[:1]
        return initial.isupper() and not self.full(line, after)

    def heading_starts(self, index: int) -> bool:
        """Physical line `index` and at most a few after it read as a cross-heading: a heading that a section,
        article or container follows. It does not continue the text before it."""
        block = ""
        for position in range(index, min(index + _HEADING_LINES, len(self.physical) - 1)):
            line, after = self.physical[position], self.physical[position + 1]
            if line.form != "text_line":
                return False
            block = f"{block} {self.words(line)}"
            if after.form != "text_line":
                unit = after.form == "container" or self.numbering.is_provision(after)
                block = " ".join(block.split())
                return unit and block[-1] not in ".;:," and wording.heading_like(block)
        return False

    def sibling_follows(self, head: Line, index: int) -> bool:
        """The next marker after the text lines from `index` is the next item of the list that `head` is in, so the
        text cannot be flush text closing that list."""
        for position in range(index, len(self.physical)):
            line = self.physical[position]
            if line.form != "text_line" or line.marked:
                return self.numbering.is_marker(line) and numbering.succeeds(
                    self.numbering.label(line), self.numbering.label(head)
                )
        return False
