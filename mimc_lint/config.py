"""Project configuration: `[tool.mimc-lint]` in pyproject.toml, or a `.mimc-lint.toml`, found upward.

The search starts in the directory of the linted file (the deepest directory holding every linted path
when there are several) and goes up to the filesystem root; the first directory with a `.mimc-lint.toml`,
or a `pyproject.toml` that has a `[tool.mimc-lint]` table, wins (`.mimc-lint.toml` first). `--config FILE`
names the file instead. Keys (in `.mimc-lint.toml` at the top level):

    select = ["DET", "NR001"]        rule IDs or prefixes to run (default: all)
    ignore = ["CHD004"]              rule IDs or prefixes to skip; the longest matching prefix decides
    fail-on = "error"                error | warning | info | never (default: warning)
    per-file-ignores = {"laws/old/*.txt" = ["DET005"]}   glob (relative to this file) -> IDs or prefixes
    profile = "eu-member"            a named jurisdiction profile, or a table {base = NAME, parties = [...]}

Each command-line flag replaces its key. A bad file is one error line, `path:line:column: message`, and
exit code 2; tomllib gives no positions for keys and values, so they are found again in the text.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from mimc_lint import profiles
from mimc_lint.errors import InputError
from mimc_lint.globs import matches
from mimc_lint.profiles import Profile
from mimc_lint.selection import Selection, UnknownRule
from mimc_lint.source import SourceText

CONFIG_FILE = ".mimc-lint.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")

_KEYS = ("select", "ignore", "fail-on", "per-file-ignores", "profile")
_PROFILE_KEYS = ("base", "parties")
_TABLE = ("tool", "mimc-lint")
# `[tool.mimc-lint]`, `[tool."mimc-lint".profile]` or a dotted key `tool.mimc-lint.select = ...`
_OUR_TABLE = re.compile(r"""^\s*\[?\s*tool\s*\.\s*(["']?)mimc-lint\1\s*[\].=]""", re.MULTILINE)
_HEADER = re.compile(r"^\s*\[(?!\[)([^\]]+)\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[\w-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*)\s*=""")
_PART = re.compile(r""""([^"]*)"|'([^']*)'|([\w-]+)""")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings read from a configuration file; None where the file says nothing."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    profile: Profile | None = None

    @property
    def root(self) -> Path:
        """The directory `per-file-ignores` globs are relative to."""
        return self.path.parent if self.path else Path.cwd()

    def ignores(self, path: str, rule_id: str) -> bool:
        """Whether `per-file-ignores` switches rule `rule_id` off for the file at `path`."""
        return any(
            rule_id.startswith(prefix)
            for pattern, prefixes in self.per_file_ignores
            if matches(pattern, path, self.root)
            for prefix in prefixes
        )


def start_directory(paths: Sequence[str]) -> Path:
    """Where the search begins: the directory of a file, the directory itself, or the deepest common one."""
    if not paths:
        return Path.cwd()
    directories = [str(p if p.is_dir() else p.parent) for p in (Path(arg).resolve() for arg in paths)]
    return Path(os.path.commonpath(directories))


def find(start: Path) -> Path | None:
    """The nearest configuration file in `start` or above it."""
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        candidate = directory / PYPROJECT
        if candidate.is_file() and _has_our_table(candidate):
            return candidate
    return None


def _has_our_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not _OUR_TABLE.search(text):
        return False
    try:
        return "mimc-lint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return True  # ours, but broken: loading it reports where


def discover(paths: Sequence[str], explicit: Path | None, known_rules: Collection[str]) -> Config:
    """The configuration of a run: `explicit` (`--config`), else the nearest file above the linted paths."""
    if explicit is not None:
        if not explicit.is_file():
            raise InputError(explicit.as_posix(), "no such configuration file")
        return load(explicit, known_rules)
    found = find(start_directory(paths))
    return load(found, known_rules) if found else Config()


def load(path: Path, known_rules: Collection[str]) -> Config:
    """Read and check a configuration file; any problem raises `InputError` at its line."""
    display = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(display, "not valid UTF-8") from None
    except OSError as error:
        raise InputError(display, f"cannot read: {error.strerror or error}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        line, column = (int(position[1]), int(position[2])) if position else (1, 1)
        raise InputError(display, f"invalid TOML: {_TOML_POSITION.sub('', message)}", line, column) from None
    prefix = _TABLE if path.name == PYPROJECT else ()
    table = document.get("tool", {}).get("mimc-lint", {}) if prefix else document
    return _Reader(display, text, prefix, sorted(set(known_rules))).config(path, table)


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


class _Reader:
    """Checks the table and, for an error, finds the line of the key or value the error is about."""

    def __init__(self, display: str, text: str, prefix: tuple[str, ...], known_rules: list[str]) -> None:
        self._source = SourceText(display, text)
        self._prefix = prefix
        self._known = known_rules
        self._lines: list[tuple[int, str]] = []  # each line with the offset it starts at
        start = 0
        for line in text.split("\n"):
            self._lines.append((start, line))
            start += len(line) + 1

    def _error(self, keys: tuple[str, ...], message: str, value: str | None = None) -> InputError:
        return InputError(self._source.path, message, *self._source.position(self._offset(keys, value)))

    def _offset(self, keys: tuple[str, ...], value: str | None) -> int:
        """Where the key at `keys` is written (or `value`, in the lines after it); failing that, its table."""
        wanted = (*self._prefix, *keys)
        found = self._find(wanted)
        while found is None and wanted:
            wanted = wanted[:-1]
            found = self._find(wanted)
        if found is None:
            return 0
        index, offset = found
        if value is not None:
            for number, (start, text) in enumerate(self._lines[index:], start=index):
                for quoted in (f'"{value}"', f"'{value}'"):
                    if quoted in text:
                        return start + text.index(quoted)
                if number > index and (_KEY.match(text) or _HEADER.match(text)):
                    break
        return offset

    def _find(self, wanted: tuple[str, ...]) -> tuple[int, int] | None:
        """The line index and offset of the table header or key at path `wanted`."""
        table: tuple[str, ...] = ()
        for index, (start, text) in enumerate(self._lines):
            header = _HEADER.match(text)
            if header:
                table = _parts(header[1])
                if table == wanted:
                    return index, start + text.index("[")
                continue
            key = _KEY.match(text)
            if key and (*table, *_parts(key[1])) == wanted:
                return index, start + key.start(1)
        return None

    # -- the table

    def config(self, path: Path, table: dict) -> Config:
        if not isinstance(table, dict):
            raise self._error((), "'tool.mimc-lint' must be a table")
        for key in table:
            if key not in _KEYS:
                raise self._error((key,), f"unknown key '{key}'{_hint(key, _KEYS)}")
        fail_on = table.get("fail-on")
        if fail_on is not None and fail_on not in FAIL_ON:
            raise self._error(("fail-on",), f"'fail-on' must be one of {', '.join(FAIL_ON)}, got {fail_on!r}")
        return Config(
            path=path,
            select=self._rules(("select",), table["select"]) if "select" in table else None,
            ignore=self._rules(("ignore",), table["ignore"]) if "ignore" in table else None,
            fail_on=fail_on,
            per_file_ignores=self._per_file_ignores(table.get("per-file-ignores", {})),
            profile=self._profile(table["profile"]) if "profile" in table else None,
        )

    def _rules(self, keys: tuple[str, ...], value: object) -> tuple[str, ...]:
        label = ".".join(key if re.fullmatch(r"[\w-]+", key) else f'"{key}"' for key in keys)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._error(keys, f'\'{label}\' must be a list of rule IDs or prefixes, e.g. ["DET", "NR001"]')
        for item in value:
            if not item.strip():
                raise self._error(keys, f"'{label}' holds an empty rule ID", item)
            try:
                Selection.parse([item], (), self._known)
            except UnknownRule as error:
                raise self._error(keys, str(error), item) from None
        return tuple(item.strip().upper() for item in value)

    def _per_file_ignores(self, value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if not isinstance(value, dict):
            raise self._error(("per-file-ignores",), "'per-file-ignores' must be a table of glob = [rule IDs]")
        return tuple((pattern, self._rules(("per-file-ignores", pattern), ids)) for pattern, ids in value.items())

    def _profile(self, value: object) -> Profile:
        keys = ("profile",)
        try:
            if isinstance(value, str):
                return Profile(profiles.named(value))
            if not isinstance(value, dict):
                raise self._error(keys, "'profile' must be a profile name or a table with 'base' and/or 'parties'")
            for key in value:
                if key not in _PROFILE_KEYS:
                    raise self._error((*keys, key), f"unknown key '{key}' in 'profile'{_hint(key, _PROFILE_KEYS)}")
            if not value:
                raise self._error(keys, "'profile' names no instrument: give 'base' or 'parties'")
            return Profile(self._base(value.get("base")) | self._parties(value.get("parties", [])))
        except profiles.UnknownName as error:
            raise self._error(keys, str(error)) from None

    def _base(self, base: object) -> frozenset[str]:
        if base is None:
            return frozenset()
        if not isinstance(base, str):
            raise self._error(("profile", "base"), "'profile.base' must be a profile name")
        try:
            return profiles.named(base)
        except profiles.UnknownName as error:
            raise self._error(("profile", "base"), str(error), base) from None

    def _parties(self, parties: object) -> frozenset[str]:
        keys = ("profile", "parties")
        if not isinstance(parties, list) or not all(isinstance(item, str) for item in parties):
            raise self._error(keys, "'profile.parties' must be a list of instrument names")
        names = set()
        for item in parties:
            try:
                names.add(profiles.instrument(item))
            except profiles.UnknownName as error:
                raise self._error(keys, str(error), item) from None
        return frozenset(names)


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(next(group for group in match.groups() if group is not None) for match in _PART.finditer(dotted))


def _hint(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(choices)})"
