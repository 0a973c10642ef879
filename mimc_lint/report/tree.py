"""The provision tree as understood, for `mimc-lint parse FILE`.

One line per unit, indented two spaces per level: the line it starts on, the reference the law
uses, its kind, its heading, and the start of its own text, so a reader can check at a glance
that "(i)" is where the law put it. Own text that comes after a unit's list (US Code flush text,
"and respect the principle of non-refoulement") gets a "(continued)" line where it stands, so the
reader can see which unit it was given to. Notices close the listing.
"""

from __future__ import annotations

from mimc_lint.readers.statute import Document, Segment, Unit

#: Characters of a unit's own text shown after its heading.
PREVIEW = 60


def _preview(document: Document, segments: list[Segment]) -> str:
    text = " ".join(document.source.text[s.start : s.end] for s in segments)
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1].rstrip() + "…"


def _lines(unit: Unit, document: Document, depth: int) -> list[str]:
    first_child = unit.children[0].span if unit.children else None
    source = document.source
    lead = [
        s
        for s in unit.segments
        if first_child is None or source.position(s.start) < (first_child.line, first_child.column)
    ]
    parts = [unit.ref] if unit.ref else []
    parts.append(f"[{unit.kind}]")
    said = " — ".join(part for part in (unit.heading, _preview(document, lead)) if part)
    if said:
        parts.append(said)
    indent = "  " * depth
    lines = [f"{unit.span.line:>5}  {indent}{'  '.join(parts)}"]
    for child in unit.children:
        lines.extend(_lines(child, document, depth + 1))
    after = unit.segments[len(lead) :]
    if after:
        label = f"{unit.ref} (continued)" if unit.ref else "(continued)"
        line = source.position(after[0].start)[0]
        lines.append(f"{line:>5}  {indent}{label}  {_preview(document, list(after))}")
    return lines


def render_tree(document: Document) -> str:
    """The tree of `document` as text (deterministic; no trailing newline)."""
    lines = [f"title: {document.title}" if document.title else "title: (none)"]
    for unit in document.units:
        lines.extend(_lines(unit, document, 0))
    for notice in document.notices:
        lines.append(f"{notice.rule} {notice.span.line}:{notice.span.column}: {notice.message}")
    return "\n".join(lines)
