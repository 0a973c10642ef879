"""Source text and the one place where offsets become 1-based lines and columns."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from mimc_lint.model import Span


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded file; `span` turns code-point offsets into a `Span` (end offset exclusive)."""

    path: str
    text: str
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = self._line_starts
        starts.append(0)
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the code point at `offset`."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """Span of text[start:end]; the end column is that of the last code point."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Span(self.path, line, column, end_line, end_column)

    def line_span(self, line: int) -> Span:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.span(start, max(end, start + 1))
