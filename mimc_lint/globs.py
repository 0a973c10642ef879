"""File globs of `per-file-ignores` and waiver files, matched against paths relative to the file that holds them.

`*` and `?` stay within one directory and `**` spans any number of them, as in .gitignore and ruff; a
pattern without a slash matches a file's name in any directory (`*.md`), one with a slash the whole
relative path (`laws/*.txt`, `laws/**/draft-*.yaml`, `../laws/*.txt` for a file outside that directory).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    parts: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : end]
            parts.append(f"[^{re.escape(body[1:])}]" if body.startswith("!") else f"[{re.escape(body)}]")
            i = end + 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(parts))


@cache  # asked once per finding, with few distinct paths
def relative(path: str | Path, root: Path) -> str | None:
    """`path` relative to `root` with forward slashes (`../` where it lies outside), or None on another drive."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:
        return None


def matches(pattern: str, path: str | Path, root: Path) -> bool:
    """Whether the file at `path` matches `pattern`, written in a file in directory `root`."""
    pattern = pattern.removeprefix("./")
    if "/" not in pattern:
        return _compile(pattern).fullmatch(Path(path).name) is not None
    rel = relative(path, root)
    return rel is not None and _compile(pattern.lstrip("/")).fullmatch(rel) is not None
