"""Statute structure reader: a statute as published (.txt, or .md with `#` headings) -> a tree of units.

It recognises structure only (parts, chapters, schedules, sections, articles, subsections,
paragraphs, points) with exact source positions and the references the law itself uses
("s 62(1)(a)", "Sch 2 para 16(1)", "§ 1226(c)(1)(A)", "Article 17(1)"); what a provision does
is read later, from each unit's own text. The grammar (grammar.lark) types each line; this
module assembles the lines into units, and numbering.py decides which level each list marker
stands at. Layout is not relied on: a statute with its indentation stripped, or hard-wrapped at
any measure, gives the same tree (wrapping.py joins the lines a publisher only wrapped), and
indentation, when present, only breaks ties. Any text is accepted: what is not
recognised becomes a "text" unit, and a text with no structure at all gets a STR002 notice.

Drafting traditions covered:
- Commonwealth: PART 2 / SCHEDULE 2 / cross-headings / "189 Heading", "12. Heading", a bare "16";
  "(1)" subsection, "(a)" paragraph, "(i)" subparagraph; run-in "16.—(1) ..."; schedule paragraphs
  ("Sch 2 para 16(1)"); repealed units shown as dots.
- US Code: "§ 1226. Heading"; "(a)" subsection with its heading on its own line, "(1)" paragraph,
  "(A)" subparagraph, "(i)" clause, "(I)" item; flush text after a list belongs to the unit above.
- EU and civil law: CHAPTER IV, "Article 16 Heading" or a heading on the next line, paragraphs "1.",
  points "(a)", "Art. 21.", "§ 1º".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from lark import Lark, Token, Transformer

from mimc_lint.model import Span
from mimc_lint.readers import numbering, wrapping
from mimc_lint.readers.wording import closes_item, heading_like, lead_in, opens
from mimc_lint.source import SourceText

GRAMMAR = Path(__file__).resolve().parent.parent / "grammar.lark"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a unit's own text exactly as it stands in the source (code-point offsets, end exclusive)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Unit:
    """A structural unit: part, chapter, division, schedule, heading, section, subsection, paragraph,
    subparagraph, clause, item, article, point, note (an explanatory note), or text (unnumbered matter
    outside any provision)."""

    kind: str
    num: str  # as written: "189", "(1)", "(a)", "1.", "16"; "" when unnumbered
    ref: str  # as the law cites it: "s 62(1)(a)", "Sch 2 para 16(1)", "§ 1226(c)(1)(A)", "Article 17(1)"
    heading: str
    segments: tuple[Segment, ...]  # own text only: lead-in, body, continuation, flush text; never a child's
    span: Span  # from the unit's first line to the end of its last descendant
    children: tuple[Unit, ...]

    def walk(self) -> Iterator[Unit]:
        yield self
        for child in self.children:
            yield from child.walk()

    def text(self, source: SourceText) -> str:
        """Own text, its segments joined by single spaces."""
        return " ".join(source.text[s.start : s.end] for s in self.segments)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a user should know about the reading (an info finding): STR001 ambiguous numbering,
    STR002 no recognisable structure."""

    rule: str
    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    source: SourceText
    title: str  # the first line (with the lines it wraps onto) when it reads as a title, trimmed; "" otherwise
    title_span: Span
    units: tuple[Unit, ...]
    notices: tuple[Notice, ...]

    def walk(self) -> Iterator[Unit]:
        for unit in self.units:
            yield from unit.walk()


def parse_statute(source: SourceText) -> Document:
    """The structure of a statute; never raises, whatever the text."""
    text = source.text if source.text.endswith("\n") else source.text + "\n"
    lines: list[Line] = _parser().parse(text)
    return _Assembler(source, lines).document()


@cache
def _parser() -> Lark:
    """LALR with a contextual lexer, transforming each line as it is reduced.

    Tokens carry their own offsets and columns, which is all a `Line` needs; building a tree
    first (and propagating positions into it) would make parsing about twice as slow.
    """
    return Lark(
        GRAMMAR.read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        transformer=_LineReader(),
        maybe_placeholders=False,
    )


# ---------------------------------------------------------------------------------------------------------------------
# Lines: what the grammar says each line is.


class Line(NamedTuple):
    """One non-blank line as the grammar typed it (a tuple: one is made for every line)."""

    form: str  # container | section | article | numbered | marker_line | text_line
    start: int  # first character after indentation and any Markdown heading mark
    end: int  # after the last non-blank character
    indent: int  # columns before the first character (including a Markdown mark)
    marked: bool  # a Markdown heading ("## ...")
    keyword: str  # "PART", "SCHEDULE", "§", "Article", ... as written; "" for other forms
    num: str  # the container or provision number as written
    number: Segment | None  # keyword and number together: "§ 1226.", "1."
    note: Segment | None  # a run-in heading: "5. Short title.—(1) ..."
    markers: tuple[Segment, ...]  # the markers at the start of the line, or run in after the number
    rest: Segment | None  # the text after them


_KEYWORDS = frozenset({"CONTAINER", "SCHEDULE", "SECTION", "ARTICLE"})
_NUMBERS = frozenset({"NUMBER", "ROMAN", "CONTAINER_NUM"})
_ONE_MARKER = re.compile(r"\([^()]*\)|[^()\s]+\)")


class _LineReader(Transformer):
    """One method per grammar rule; each turns the tokens of a line into a `Line`."""

    def start(self, lines: list[Line | None]) -> list[Line]:
        return [line for line in lines if line is not None]

    def container(self, tokens: list[Token]) -> Line:
        return _line("container", tokens)

    def section(self, tokens: list[Token]) -> Line:
        return _line("section", tokens)

    def article(self, tokens: list[Token]) -> Line:
        return _line("article", tokens)

    def numbered(self, tokens: list[Token]) -> Line:
        return _line("numbered", tokens)

    def marker_line(self, tokens: list[Token]) -> Line:
        return _line("marker_line", tokens)

    def text_line(self, tokens: list[Token]) -> Line | None:
        return _line("text_line", tokens) if tokens[-1][0] != "\n" else None


def _line(form: str, tokens: list[Token]) -> Line:
    """Tokens carry the blanks that follow them; positions stop at the last non-blank character."""
    marked = tokens[0].type == "HASHES"
    body = tokens[1:] if marked else tokens
    keyword = num = ""
    number_start = number_end = -1
    markers: tuple[Segment, ...] = ()
    note = rest = None
    end = body[0].start_pos
    for token in body:
        kind, written = token.type, token.rstrip()
        if not written:  # an END that is only the line end
            continue
        end = token.start_pos + len(written)
        if kind in _KEYWORDS:
            keyword, number_start = written, token.start_pos
        elif kind in _NUMBERS:
            num, number_end = written, end
            number_start = token.start_pos if number_start < 0 else number_start
        elif kind == "NOTE":
            note = Segment(token.start_pos, token.start_pos + len(written.rstrip("—– ").rstrip(".")))
        elif kind == "MARKERS":
            at = token.start_pos
            markers = tuple(Segment(at + m.start(), at + m.end()) for m in _ONE_MARKER.finditer(written))
        elif kind == "END":
            rest = Segment(token.start_pos, end)
    number = Segment(number_start, number_end) if number_end >= 0 else None
    indent = tokens[0].column - 1  # type: ignore[operator]
    return Line(form, body[0].start_pos, end, indent, marked, keyword, num, number, note, markers, rest)


# ---------------------------------------------------------------------------------------------------------------------
# Unnumbered matter.

_REPEALED = re.compile(r"[.\s…]+")
#: Annotations that explain rather than enact ("Note:", "Example 2:"): a unit of their own, so that they are not
#: read as law. Other labelled annotations ("Penalty:") are text of the provision above.
_NOTE = re.compile(r"(?:Notes?|Examples?)(?:\s+\d+)?:\s")


# ---------------------------------------------------------------------------------------------------------------------
# Units: containers and provisions from the lines, list items from numbering.py.

# Container keywords in capitals -> kind. Nesting order is learnt from the text (a Part holds
# Divisions in Australia, a Chapter holds Parts in the US Code); a schedule always starts afresh.
_CONTAINERS = {
    "PART": "part",
    "SUBPART": "part",
    "TITLE": "part",
    "SUBTITLE": "part",
    "BOOK": "part",
    "CHAPTER": "chapter",
    "SUBCHAPTER": "chapter",
    "DIVISION": "division",
    "SUBDIVISION": "division",
    "SECTION": "division",  # "SECTION 1" groups articles in EU acts
    "SCHEDULE": "schedule",
    "ANNEX": "schedule",
    "APPENDIX": "schedule",
}

# Kind of a list item by the tradition of its provision and the style of its marker.
_D, _L, _R, _U, _UR, _N, _S = (
    numbering.DIGIT,
    numbering.LOWER,
    numbering.ROMAN,
    numbering.UPPER,
    numbering.UPPER_ROMAN,
    numbering.DOTTED,
    numbering.SIGN,
)
_ITEM_KINDS = {
    # s 62(1)(a)(i)(A)(I)
    "commonwealth": {_D: "subsection", _N: "subsection", _S: "subsection", _L: "paragraph", _R: "subparagraph"}
    | {_U: "clause", _UR: "item"},
    # Sch 2 para 16(1)(a)(i)
    "schedule": {_D: "subparagraph", _N: "subparagraph", _S: "subparagraph", _L: "paragraph", _R: "subparagraph"}
    | {_U: "clause", _UR: "item"},
    # § 1226(c)(1)(A)(i)(I)
    "us": {_L: "subsection", _D: "paragraph", _N: "paragraph", _S: "paragraph", _U: "subparagraph", _R: "clause"}
    | {_UR: "item"},
    # Article 17(1)(a); also lists outside any provision, like recitals
    "eu": {_N: "paragraph", _D: "paragraph", _S: "paragraph", _L: "point", _R: "point", _U: "point", _UR: "point"},
}


class _Node:
    """A unit under construction."""

    __slots__ = ("children", "end", "heading", "indent", "kind", "num", "parent", "ref", "segments", "start", "style")

    def __init__(self, kind: str, num: str, ref: str, start: int, end: int, indent: int, style: str = "") -> None:
        self.kind, self.num, self.ref, self.start, self.end, self.indent = kind, num, ref, start, end, indent
        self.style = style  # tradition of a provision, for the kinds of its items
        self.heading = ""
        self.segments: list[Segment] = []
        self.children: list[_Node] = []
        self.parent: _Node | None = None

    def freeze(self, source: SourceText) -> tuple[Unit, int]:
        children, end = [], self.end
        for child in self.children:
            unit, child_end = child.freeze(source)
            children.append(unit)
            end = max(end, child_end)
        span = source.span(self.start, end)
        return Unit(self.kind, self.num, self.ref, self.heading, tuple(self.segments), span, tuple(children)), end


class _Row(NamedTuple):
    """A line of a provision after its first: markers with their text, or unnumbered text."""

    line: Line
    markers: tuple[Segment, ...]
    rest: Segment | None
    indent: int | None  # when the document is indented and the markers start the line

    def items(self) -> Iterator[_Item]:
        if not self.markers:
            yield _Item(self.line, None, self.rest, self.indent)
        last = len(self.markers) - 1
        for position, marker in enumerate(self.markers):
            yield _Item(
                self.line, marker, self.rest if position == last else None, self.indent if position == 0 else None
            )


class _Item(NamedTuple):
    """A marker of a provision, or a line of its unnumbered text."""

    line: Line
    marker: Segment | None
    rest: Segment | None
    indent: int | None


def _bare(num: str) -> str:
    return num.rstrip(".")


def _ref_part(label: str) -> str:
    """How a marker adds to a reference: "(a)" and "a)" -> "(a)", "1." -> "(1)", "§ 1º" -> " § 1º"."""
    if label.startswith("§"):
        return " " + label
    core = label.strip("()").rstrip(".")
    return f"({core})"


class _Assembler:
    """Builds the unit tree from the typed lines, in one pass with a little lookahead."""

    def __init__(self, source: SourceText, lines: list[Line]) -> None:
        self.source = source
        self.text = source.text
        self.lines = lines = wrapping.unwrap(source.text, lines)
        self.indented = any(line.indent for line in lines)
        self.has_articles = any(line.form == "article" for line in lines)
        self.roots: list[_Node] = []
        self.containers: list[tuple[str, _Node]] = []  # open containers, outermost first
        self.order: list[str] = []  # container keywords, outermost first, as they appear
        self.provision: _Node | None = None  # open section, article or schedule paragraph
        self.rows: list[_Row] = []  # its markers and text lines
        self.loose: _Node | None = None  # open text outside any provision
        self.pending: Line | None = None  # a cross-heading waiting for its provision
        self.notices: list[Notice] = []

    def words(self, segment: Segment | None) -> str:
        """The text of a segment; a wrapped one has its lines joined by single spaces."""
        return " ".join(self.text[piece.start : piece.end] for piece in self.pieces(segment)) if segment else ""

    def pieces(self, segment: Segment) -> list[Segment]:
        """A segment cut at its line ends, each piece trimmed: own text is kept line by line."""
        if "\n" not in self.text[segment.start : segment.end]:
            return [segment]
        found, start = [], segment.start
        for part in self.text[segment.start : segment.end].split("\n"):
            words = part.strip()
            if words:
                at = start + part.index(words)
                found.append(Segment(at, at + len(words)))
            start += len(part) + 1
        return found

    # -- the pass -----------------------------------------------------------------------------------------------------

    def document(self) -> Document:
        lines = self.lines
        title, title_span, index = self.title()
        while index < len(lines):
            line = lines[index]
            form = self.form(line)
            if form == "container":
                index = self.container(line, index)
            elif form == "provision":
                index = self.open_provision(line, index)
            elif form == "marker":
                self.marker(line)
                index += 1
            else:
                self.text_line(line, index)
                index += 1
        self.close()
        units = tuple(node.freeze(self.source)[0] for node in self.roots)
        if all(unit.kind == "text" for unit in units):
            self.notices.append(
                Notice(
                    "STR002",
                    self.source.span(0, len(self.text.rstrip())),
                    "no parts, sections, articles or numbered paragraphs recognised; the text is read as one block",
                )
            )
        return Document(self.source, title, title_span, units, tuple(self.notices))

    def title(self) -> tuple[str, Span, int]:
        if self.lines:
            first = self.lines[0]
            words = self.words(first.rest)
            if first.form == "text_line" and (first.marked or heading_like(words, 40)):
                return words, self.source.span(first.rest.start, first.rest.end), 1  # type: ignore[union-attr]
        return "", self.source.span(0, 0), 0

    def form(self, line: Line) -> str:
        """What a line opens, given where we are: "1." in an article is a paragraph, elsewhere a section."""
        in_article = self.provision is not None and self.provision.kind == "article"
        if line.form == "container":
            heading = self.words(line.rest)
            return "container" if not heading or line.marked or heading_like(heading, 30) else "text"
        if line.form == "section":
            if line.keyword.startswith("§") and in_article:
                return "marker"
            if line.keyword.upper() == "SECTION" and self.has_articles:
                return "container"
            return "provision"
        if line.form == "article":
            return "provision"
        if line.form == "numbered":
            return "marker" if in_article else "provision"
        return "marker" if line.form == "marker_line" else "text"

    def siblings(self) -> list[_Node]:
        return self.containers[-1][1].children if self.containers else self.roots

    def next_line(self, index: int) -> Line | None:
        return self.lines[index + 1] if index + 1 < len(self.lines) else None

    def heading_line(self, line: Line | None, max_words: int = 20) -> bool:
        return (
            line is not None
            and line.form == "text_line"
            and (line.marked or heading_like(self.words(line.rest), max_words))
        )

    # -- containers ---------------------------------------------------------------------------------------------------

    def container(self, line: Line, index: int) -> int:
        self.close()
        key = re.sub(
            r"^(?:THE|FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\s+", "", line.keyword.upper()
        )
        kind = _CONTAINERS[key]
        if kind == "schedule":
            self.containers.clear()
        else:
            if key not in self.order:
                self.order.append(key)
            rank = self.order.index(key)
            while self.containers and self.containers[-1][1].kind != "schedule":
                if self.order.index(self.containers[-1][0]) < rank:
                    break
                self.containers.pop()
        node = _Node(kind, line.num, self.container_ref(key, line), line.start, line.end, line.indent)
        self.siblings().append(node)
        self.containers.append((key, node))
        if line.rest:
            node.heading = self.words(line.rest)
            return index + 1
        following = self.next_line(index)
        if following is not None and self.heading_line(following, 30):
            node.heading, node.end = self.words(following.rest), following.end
            return index + 2
        return index + 1

    def container_ref(self, key: str, line: Line) -> str:
        words = line.keyword.split()
        if key == "SCHEDULE" and (len(words) == 1 or words[0].upper() == "THE"):
            return f"Sch {line.num}".rstrip()
        name = " ".join(w.capitalize() for w in words)
        ref = f"{name} {line.num}".rstrip()
        schedule = next((node for _, node in self.containers if node.kind == "schedule"), None)
        return f"{schedule.ref} {ref}" if schedule and _CONTAINERS[key] != "schedule" else ref

    # -- provisions ---------------------------------------------------------------------------------------------------

    def open_provision(self, line: Line, index: int) -> int:
        self.close()
        kind, style, ref = self.provision_identity(line)
        node = _Node(kind, line.num, ref, line.start, line.end, line.indent, style)
        node.heading = self.words(line.note)
        if line.rest and not line.markers:
            words = self.words(line.rest)
            if not node.heading and (line.marked or heading_like(words, strict=False)):
                node.heading = words
            else:
                node.segments.extend(self.pieces(line.rest))
        resume = index + 1
        if not node.heading and not node.segments and not line.markers:
            following = self.next_line(index)
            heading_follows = self.heading_line(following)
            if self.pending is not None and (kind != "article" or not heading_follows):
                node.heading, node.start = self.words(self.pending.rest), self.pending.start
                self.pending = None
            elif heading_follows and following is not None:
                node.heading, node.end = self.words(following.rest), following.end
                resume = index + 2
        if self.pending is not None:
            cross = _Node("heading", "", "", self.pending.start, self.pending.end, self.pending.indent)
            cross.heading = self.words(self.pending.rest)
            self.siblings().append(cross)
            self.pending = None
        self.siblings().append(node)
        self.provision = node
        if line.markers:  # run in: "16.—(1) A person ..."
            self.rows.append(_Row(line, line.markers, line.rest, None))
        return resume

    def provision_identity(self, line: Line) -> tuple[str, str, str]:
        """Kind, drafting tradition and reference of a section, article or schedule paragraph."""
        num = _bare(line.num)
        if line.form == "article":
            word = line.keyword.capitalize()
            word = "Article" if word in {"Article", "Art."} else word
            return "article", "eu", f"{word} {num}"
        if line.form == "section":
            if line.keyword.startswith("§"):
                return "section", "us", f"§ {num}"
            return "section", "us" if line.keyword.upper() == "SEC." else "commonwealth", f"s {num}"
        schedule = next((node for _, node in self.containers if node.kind == "schedule"), None)
        if schedule is not None:
            return "paragraph", "schedule", f"{schedule.ref} para {num}"
        return "section", "commonwealth", f"s {num}"

    def marker(self, line: Line) -> None:
        if self.provision is None:  # a list outside any provision (recitals, a table of items)
            loose = self.loose
            self.close()
            if loose is not None and lead_in(self.words(loose.segments[-1])):  # "Whereas:" owns the recitals
                loose.style = "eu"
                self.provision = loose
            else:
                self.provision = _Node("", "", "", line.start, line.end, line.indent, "eu")
        if line.form == "marker_line":
            markers, rest = line.markers, line.rest
        else:  # "1." in an article, "§ 1º" in an article; a run-in heading stays with the text
            markers = (line.number, *line.markers)  # type: ignore[arg-type]
            start = line.note.start if line.note else line.rest.start if line.rest else -1
            rest = Segment(start, line.end) if start >= 0 else None
        self.rows.append(_Row(line, markers, rest, line.indent if self.indented else None))

    def text_line(self, line: Line, index: int) -> None:
        """A line of text: a cross-heading, text of the open provision, or text outside any provision.

        The whole line is text, also when it only started like a heading ("Part 2 The Minister may ...").
        """
        following = self.next_line(index)
        words = Segment(line.start, line.end)
        if following is not None and self.form(following) == "provision" and self.heading_line(line):
            self.close()
            if self.pending is not None:
                cross = _Node("heading", "", "", self.pending.start, self.pending.end, self.pending.indent)
                cross.heading = self.words(self.pending.rest)
                self.siblings().append(cross)
            self.pending = line
        elif self.provision is not None:
            self.rows.append(_Row(line, (), words, line.indent if self.indented else None))
        else:
            if self.loose is None:
                self.loose = _Node("text", "", "", line.start, line.end, line.indent)
                self.siblings().append(self.loose)
            self.loose.segments.extend(self.pieces(words))
            self.loose.end = line.end

    def close(self) -> None:
        """End the open provision (building its list items) and any loose text."""
        self.loose = None
        provision, self.provision = self.provision, None
        rows, self.rows = self.rows, []
        if provision is None:
            return
        self.build(provision, rows)
        if provision.kind == "":  # a list outside any provision: its items stand on their own
            self.siblings().extend(provision.children)
            if provision.segments:
                text = _Node("text", "", "", provision.segments[0].start, provision.end, provision.indent)
                text.segments = provision.segments
                self.siblings().append(text)

    # -- list items ---------------------------------------------------------------------------------------------------

    def build(self, provision: _Node, rows: list[_Row]) -> None:
        items = [item for row in rows for item in row.items()]
        markers, before = [], self.words(provision.segments[-1]) if provision.segments else ""
        for item in items:
            if item.marker is not None:
                markers.append(numbering.Marker(self.words(item.marker), opens(before), item.indent))
            before = self.words(item.rest)
        resolution = numbering.resolve(markers)
        depths = [r.depth for r in resolution.readings]
        stack, attach, nodes = [provision], provision, []
        kinds = _ITEM_KINDS[provision.style]
        for position, item in enumerate(items):
            if item.marker is None:
                attach = self.attach_text(attach, item, provision)
                continue
            reading = resolution.readings[len(nodes)]
            del stack[reading.depth :]
            parent = stack[-1]
            label = self.words(item.marker)
            indent = item.line.indent if item.indent is not None else parent.indent + 1
            node = _Node(
                kinds.get(reading.style, "item"),
                label,
                parent.ref + _ref_part(label),
                item.marker.start,
                item.marker.end,
                indent,
            )
            node.parent = parent
            parent.children.append(node)
            stack.append(node)
            nodes.append(node)
            attach = node
            if item.rest is None:
                continue
            node.end = item.rest.end
            words = self.words(item.rest)
            if _REPEALED.fullmatch(words):
                continue
            if item.line.marked or (self.introduces(items, position, depths, len(nodes)) and heading_like(words)):
                node.heading = words
            else:
                node.segments.extend(self.pieces(item.rest))
        for ambiguity in resolution.ambiguities:
            node = nodes[ambiguity.index]
            self.notices.append(
                Notice(
                    "STR001",
                    self.source.span(node.start, node.start + len(node.num)),
                    f"{node.ref}: {ambiguity.describe(node.num)}; check the numbering",
                )
            )

    def introduces(self, items: list[_Item], position: int, depths: list[int], count: int) -> bool:
        """A marker's text is its heading when a body or a deeper list follows (US Code layout)."""
        if position + 1 >= len(items):
            return False
        following = items[position + 1]
        if following.marker is None:
            first = next((c for c in self.words(following.rest) if c.isalnum()), "")
            return first.isupper() or first.isdigit()
        return depths[count] > depths[count - 1]

    def attach_text(self, attach: _Node, item: _Item, provision: _Node) -> _Node:
        """The unit an unnumbered line belongs to: the item it continues, or the unit whose list it closes.

        After a complete list item ("...;", "...,", "... and") under a lead-in ("... who—"), the text
        is flush text of the unit that introduced the list (US Code "when the alien is released ...",
        EU "and respect the principle of non-refoulement"); otherwise it continues the item. A note
        ("Note: Section 14 limits ...") becomes a "note" unit under the unit it would have continued.
        """
        target = self.text_owner(attach, item, provision)
        if _NOTE.match(self.words(item.rest)):
            note = _Node("note", "", "", item.rest.start, item.rest.end, target.indent + 1)  # type: ignore[union-attr]
            note.segments.extend(self.pieces(item.rest))  # type: ignore[arg-type]
            note.parent = target
            target.children.append(note)
            return target
        target.segments.extend(self.pieces(item.rest))  # type: ignore[arg-type]
        target.end = max(target.end, item.line.end)
        return target

    def text_owner(self, attach: _Node, item: _Item, provision: _Node) -> _Node:
        """The unit an unnumbered line belongs to (see `attach_text`)."""
        target = attach
        if attach is not provision and attach.segments and not attach.children:
            parent = attach.parent
            if (
                parent is not None
                and closes_item(self.words(attach.segments[-1]))
                and parent.segments
                and lead_in(self.words(parent.segments[-1]))
            ):
                target = parent
                if item.indent is not None:  # indentation says how many lists the text closes
                    while target is not provision and target.parent is not None and item.indent <= target.indent:
                        target = target.parent
        return target
