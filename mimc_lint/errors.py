"""Input errors: one line, naming the file and place, never a traceback."""

from __future__ import annotations


class InputError(Exception):
    """An input that could not be read or parsed (exit code 2); the other inputs are still linted."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
