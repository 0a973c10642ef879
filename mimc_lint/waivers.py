"""Waivers: findings accepted on purpose, each with its reason, kept in the report but not failing the run.

Two ways to write one, and both must say why (a waiver without a reason is an error, exit code 2):

- In a policy YAML, a comment `# mimc-lint: allow DET001 -- reason` (several rules: `allow DET001, DET005`;
  a prefix such as `DET` allows the family). It waives the YAML node it stands on, or, on a line of its
  own, the node on the next line that is not blank or a comment; a node is its first line and every
  following line indented more deeply (for a key with no value on its line, also the list items under
  it). So a comment above `- ref: s 11` covers the whole provision, one after `evidence:` only that
  measure's operative words.
- For statute text (and any other file), an entry of a waiver file, `.mimc-lint-waivers.yaml`, next to the
  configuration file or, without one, the nearest above the linted files (or `--waivers FILE`):

      waivers:
        - file: laws/border-act.txt      # a glob, relative to the waiver file (mimc_lint/globs.py)
          rule: DET001                   # an ID or prefix, or a list of them
          provision: s 12(1)             # as findings print it; also covers s 12(1)(a), ...
          reason: Reviewed by a court within 48 hours under s 14 (cabinet minute 2026/17).

A waived finding keeps its place in every report with `waiver` set and does not count toward the exit
code. A waiver that matches no finding is reported as rule WVR001 (info), at the comment or the entry,
when its rule was run on a file it applies to. `--no-waivers` reads none of them (audit mode).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from difflib import get_close_matches
from pathlib import Path

import yaml

from mimc_lint.catalog import Catalog
from mimc_lint.engine import POLICY_YAML, FileError, FileReport, Report, unique_fingerprints
from mimc_lint.errors import InputError
from mimc_lint.findings import Finding, Hit, Waiver
from mimc_lint.globs import matches
from mimc_lint.model import Span
from mimc_lint.readers import read_source
from mimc_lint.selection import Selection, UnknownRule
from mimc_lint.source import SourceText

WAIVER_FILE = ".mimc-lint-waivers.yaml"
#: The rule of a waiver that matches no finding.
UNMATCHED_RULE = "WVR001"
#: `FileReport.kind` of the waiver file, listed in a report only when one of its waivers matches nothing.
WAIVER_FILE_KIND = "waivers"

# `# mimc-lint: <directive>`, a comment (at the start of a line or after a space) whose directive is a word
_DIRECTIVE = re.compile(r"(?:^|(?<=\s))#[ \t]*mimc-lint[ \t]*:[ \t]*(?P<body>[A-Za-z].*?)[ \t]*$", re.MULTILINE)
_ALLOW = re.compile(r"allow\b(?P<rules>.*)", re.IGNORECASE)
_RULE = re.compile(r"[A-Z]+[0-9]*")
_HOW = "write '# mimc-lint: allow RULE -- reason'"
_ENTRY_KEYS = ("file", "rule", "provision", "reason")

#: Which rules ran on a file: `selects(path, rule_id)`.
Selects = Callable[[str, str], bool]


@dataclass(frozen=True, slots=True)
class Allowance:
    """One waiver as written: the rules it accepts, where, and why."""

    rules: tuple[str, ...]  # IDs or prefixes
    reason: str
    span: Span  # where the waiver is written
    evidence: str  # its words, quoted by WVR001
    lines: tuple[int, int] | None = None  # a comment: first and last line of the YAML node it covers
    file: str = ""  # a waiver-file entry: the glob of the files it covers ...
    provision: str = ""  # ... and the provision

    @property
    def source(self) -> str:
        return f"{self.span.path}:{self.span.line}"

    def accepts(self, rule_id: str) -> bool:
        return any(rule_id.startswith(prefix) for prefix in self.rules)

    def covers(self, finding: Finding) -> bool:
        if not self.accepts(finding.rule):
            return False
        if self.lines is not None:
            return self.lines[0] <= finding.span.line <= self.lines[1]
        return finding.provision == self.provision or finding.provision.startswith(f"{self.provision}(")


@dataclass(frozen=True, slots=True)
class WaiverFile:
    """A waiver file as read: its entries' globs are relative to its directory."""

    path: Path
    display: str
    allowances: tuple[Allowance, ...]

    def applies_to(self, allowance: Allowance, path: str) -> bool:
        return matches(allowance.file, path, self.path.parent)


# -- comments in policy YAML


def comments(source: SourceText, known_rules: Collection[str]) -> tuple[list[Allowance], list[InputError]]:
    """Every `# mimc-lint:` comment of a policy: the waivers, and an error for each one that is malformed."""
    lines = source.text.split("\n")
    allowances: list[Allowance] = []
    errors: list[InputError] = []
    for match in _DIRECTIVE.finditer(source.text):
        line, column = source.position(match.start())
        try:
            rules, reason = _directive(match["body"], known_rules)
        except ValueError as error:
            errors.append(InputError(source.path, str(error), line, column))
            continue
        own_line = not source.text[source.text.rfind("\n", 0, match.start()) + 1 : match.start()].strip()
        target = _next_node(lines, line) if own_line else line
        covered = _node(lines, target) if target else (0, -1)
        span = source.span(match.start(), match.end())
        allowances.append(Allowance(rules, reason, span, match.group().strip(), lines=covered))
    return allowances, errors


def _directive(body: str, known_rules: Collection[str]) -> tuple[tuple[str, ...], str]:
    head, dashes, reason = body.partition("--")
    allow = _ALLOW.fullmatch(head.strip())
    if allow is None:
        raise ValueError(f"unknown mimc-lint directive '{head.split()[0]}'; {_HOW}")
    rules = tuple(part.upper() for part in re.split(r"[\s,]+", allow["rules"].strip()) if part)
    if not rules:
        raise ValueError(f"waiver names no rule; {_HOW}")
    if not dashes or not reason.strip():
        raise ValueError(
            f"waiver without a reason: write '# mimc-lint: allow {', '.join(rules)} -- why it is accepted'"
        )
    for rule in rules:
        _check_rule(rule, known_rules)
    return rules, " ".join(reason.split())


def _check_rule(rule: str, known_rules: Collection[str]) -> None:
    if not _RULE.fullmatch(rule):
        raise ValueError(f"'{rule}' is not a rule ID or prefix")
    try:
        Selection.parse([rule], (), known_rules)
    except UnknownRule as error:
        raise ValueError(str(error)) from None


def _blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _next_node(lines: list[str], line: int) -> int | None:
    """The 1-based line of the first node after `line`."""
    return next((number for number in range(line + 1, len(lines) + 1) if not _blank(lines[number - 1])), None)


def _node(lines: list[str], line: int) -> tuple[int, int]:
    """First and last line of the YAML node that starts on `line` (block style: indentation tells)."""
    text = lines[line - 1]
    indent = _indent(text)
    opens_list = re.sub(r"\s+#.*$", "", text).rstrip().endswith(":")  # `key:` with its list at the same indent
    last = line
    for number in range(line + 1, len(lines) + 1):
        following = lines[number - 1]
        if _blank(following):
            continue
        if _indent(following) > indent or (
            opens_list and _indent(following) == indent and following.lstrip().startswith("-")
        ):
            last = number
            continue
        break
    return line, last


# -- the waiver file


def find(start: Path, config_path: Path | None) -> Path | None:
    """The waiver file next to the configuration file in use, else the nearest in `start` or above it."""
    if config_path is not None:
        candidate = config_path.parent / WAIVER_FILE
        return candidate if candidate.is_file() else None
    for directory in (start, *start.parents):
        candidate = directory / WAIVER_FILE
        if candidate.is_file():
            return candidate
    return None


def read(path: Path, display: str, known_rules: Collection[str]) -> WaiverFile:
    """Read and check a waiver file; any problem raises `InputError` at its line."""
    source = read_source(path, display)
    try:
        root = yaml.compose(source.text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = source.position(mark.index) if mark else (1, 1)
        raise InputError(display, f"invalid YAML: {error.problem or error.context}", line, column) from None

    def fail(node: yaml.Node, message: str) -> InputError:
        return InputError(display, message, *source.position(node.start_mark.index))

    if root is None:
        return WaiverFile(path, display, ())
    fields = _mapping(root, ("waivers",), "a waiver file", fail)
    entries = fields.get("waivers")
    if entries is None:
        raise fail(root, "missing key 'waivers' (a list of waivers)")
    if not isinstance(entries, yaml.SequenceNode):
        raise fail(entries, "'waivers' must be a list")
    return WaiverFile(path, display, tuple(_entry(node, source, known_rules, fail) for node in entries.value))


def _mapping(node: yaml.Node, keys: tuple[str, ...], label: str, fail) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise fail(node, f"{label} must be a mapping")
    fields: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name not in keys:
            close = get_close_matches(name, keys, n=1)
            raise fail(key, f"unknown key '{name}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        if name in fields:
            raise fail(key, f"duplicate key '{name}'")
        fields[name] = value
    return fields


def _entry(node: yaml.Node, source: SourceText, known_rules: Collection[str], fail) -> Allowance:
    fields = _mapping(node, _ENTRY_KEYS, "each waiver", fail)
    if "reason" not in fields or not _text(fields["reason"]):
        where = fields.get("reason", node)
        raise fail(where, "waiver without a reason: add 'reason:' saying why the finding is accepted")
    for key in ("file", "rule", "provision"):
        if key not in fields:
            raise fail(node, f"missing key '{key}'")
    rule_nodes = fields["rule"].value if isinstance(fields["rule"], yaml.SequenceNode) else [fields["rule"]]
    rules = []
    for rule_node in rule_nodes:
        rule = _text(rule_node).upper()
        try:
            _check_rule(rule, known_rules)
        except ValueError as error:
            raise fail(rule_node, str(error)) from None
        rules.append(rule)
    if not rules:
        raise fail(fields["rule"], "'rule' names no rule")
    for key in ("file", "provision"):
        if not _text(fields[key]):
            raise fail(fields[key], f"'{key}' must be a non-empty string")
    span = source.span(node.start_mark.index, node.end_mark.index)
    return Allowance(
        tuple(rules),
        " ".join(_text(fields["reason"]).split()),
        span,
        evidence=f"{', '.join(rules)} at {_text(fields['provision'])} in {_text(fields['file'])}",
        file=_text(fields["file"]),
        provision=_text(fields["provision"]),
    )


def _text(node: yaml.Node) -> str:
    return node.value.strip() if isinstance(node, yaml.ScalarNode) else ""


# -- applying them


def apply(report: Report, waiver_file: WaiverFile | None, selects: Selects, catalog: Catalog) -> Report:
    """Set `waiver` on every finding a waiver covers; report waivers that cover nothing as WVR001."""
    from_file = waiver_file.allowances if waiver_file else ()
    used: set[Allowance] = set()
    applicable: set[Allowance] = set()  # waiver-file entries whose rule ran on a file they apply to
    files = []
    for file in report.files:
        allowances, errors = _inline(file, catalog.rules)
        if waiver_file is not None:
            allowances += [a for a in from_file if waiver_file.applies_to(a, file.path)]
        findings = [_waive(finding, allowances, used) for finding in file.findings]
        ran = [a for a in allowances if any(selects(file.path, r) for r in catalog.rules if a.accepts(r))]
        if file.errors:  # a file that was not fully checked cannot show that a waiver is stale
            files.append(replace(file, findings=tuple(findings), errors=(*file.errors, *errors)))
            continue
        applicable.update(a for a in ran if a.file)
        if selects(file.path, UNMATCHED_RULE):
            findings += _unmatched([a for a in ran if not a.file and a not in used], catalog)
            findings.sort(key=lambda f: (f.span.line, f.span.column, f.rule))  # stable: keeps the engine's order
        files.append(replace(file, findings=tuple(findings), errors=(*file.errors, *errors)))
    unmatched = _unmatched([a for a in from_file if a in applicable and a not in used], catalog)
    if unmatched and waiver_file is not None and selects(waiver_file.display, UNMATCHED_RULE):
        files.append(FileReport(waiver_file.display, WAIVER_FILE_KIND, "", "", unmatched, ()))
    return replace(report, files=tuple(files))


def _inline(file: FileReport, known_rules: Collection[str]) -> tuple[list[Allowance], tuple[FileError, ...]]:
    """The comment waivers of a policy that could be read."""
    if file.kind != POLICY_YAML:
        return [], ()
    try:
        source = read_source(Path(file.path), file.path)
    except InputError:
        return [], ()  # already reported by the engine
    allowances, errors = comments(source, known_rules)
    return allowances, tuple(FileError(e.path, e.line, e.column, e.message) for e in errors)


def _waive(finding: Finding, allowances: list[Allowance], used: set[Allowance]) -> Finding:
    for allowance in allowances:
        if allowance.covers(finding):
            used.add(allowance)
            return replace(finding, waiver=Waiver(allowance.reason, allowance.source))
    return finding


def _unmatched(allowances: list[Allowance], catalog: Catalog) -> tuple[Finding, ...]:
    """WVR001 findings, in position order, their fingerprints made unique as the engine's are."""
    return unique_fingerprints(Finding.of(catalog.rules[UNMATCHED_RULE], _notice(a)) for a in allowances)


def _notice(allowance: Allowance) -> Hit:
    rules = ", ".join(allowance.rules)
    where = f"at {allowance.provision} in {allowance.file}" if allowance.file else "where it stands"
    message = f"waiver for {rules} matches no finding {where}; remove it or move it to the finding it accepts"
    return Hit(allowance.provision, allowance.span, allowance.evidence, message)
