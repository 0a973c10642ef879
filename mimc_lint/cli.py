"""The command line (DESIGN.md section 3): parse options, call the engine, pick a reporter, set the exit code.

`mimc-lint PATH...` lints without naming a subcommand: `main` sends any command line whose first
argument is not a subcommand name to `check`, so a file called `rules` is linted with
`mimc-lint check rules` (or `mimc-lint -- rules`). Heavy modules (the engine, the statute reader,
spaCy) are imported inside the commands that need them, to keep start-up fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from mimc_lint import __version__

if TYPE_CHECKING:
    from mimc_lint.baseline import Entry
    from mimc_lint.engine import Input, Report
    from mimc_lint.findings import Finding
    from mimc_lint.settings import Settings

SUBCOMMANDS = frozenset({"check", "rules", "explain", "schema", "parse", "diff"})
#: Options that take a value: the word after them is neither a path nor a subcommand.
_VALUED_OPTIONS = frozenset(
    {
        "--format",
        "--output",
        "--select",
        "--ignore",
        "--fail-on",
        "--config",
        "--waivers",
        "--baseline",
        "--write-baseline",
    }
)
_ROOT_OPTIONS = frozenset({"--help", "-h", "--version"})
_REPORT_FORMATS = ("text", "json", "sarif", "github", "html")


class FailOn(StrEnum):
    """The lowest severity that makes the exit code 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


class CatalogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


app = typer.Typer(
    name="mimc-lint",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"mimc-lint {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Check migration and asylum law against the Model International Mobility Convention (MIMC).

    mimc-lint PATH... is short for mimc-lint check PATH...
    """


def _report_format(value: str) -> str:
    if value not in _REPORT_FORMATS:
        raise typer.BadParameter(f"'{value}' is not a report format; use {', '.join(_REPORT_FORMATS)}")
    return value


def render_report(report: Report, report_format: str) -> str:
    """The report in one of the formats; only the reporter asked for is imported."""
    from mimc_lint import catalog

    if report_format == "json":
        from mimc_lint.report import json

        return json.render(report)
    if report_format == "sarif":
        from mimc_lint.report import sarif

        return sarif.render(report, catalog.load())
    if report_format == "github":
        from mimc_lint.report import github

        return github.render(report)
    if report_format == "html":
        from mimc_lint.report import html

        return html.render(report, catalog.load())
    from mimc_lint.report import text

    return text.render(report)


_CONFIG = typer.Option(
    "--config", metavar="FILE", help="Settings file instead of the nearest .mimc-lint.toml or pyproject.toml."
)
_WAIVERS = typer.Option("--waivers", metavar="FILE", help="Waiver file instead of the nearest .mimc-lint-waivers.yaml.")
_NO_WAIVERS = typer.Option("--no-waivers", help="Read no waivers: report every finding (audit).")
_OUTPUT = typer.Option("--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
_SELECT = typer.Option("--select", metavar="ID,...", help="Run only these rule IDs or ID prefixes.")
_IGNORE = typer.Option("--ignore", metavar="ID,...", help="Skip these rule IDs or ID prefixes.")


@app.command("check")
def check(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Statutes (.txt, .md) and policies (.yaml, .yml), or directories."),
    ],
    report_format: Annotated[
        str,
        typer.Option("--format", metavar="text|json|sarif|github|html", callback=_report_format, help="Report format."),
    ] = "text",
    output: Annotated[Path | None, _OUTPUT] = None,
    select: Annotated[list[str] | None, _SELECT] = None,
    ignore: Annotated[list[str] | None, _IGNORE] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1 [default: warning].")
    ] = None,
    config_file: Annotated[Path | None, _CONFIG] = None,
    waivers_file: Annotated[Path | None, _WAIVERS] = None,
    no_waivers: Annotated[bool, _NO_WAIVERS] = False,
    baseline_file: Annotated[
        Path | None, typer.Option("--baseline", metavar="FILE", help="Report only findings not recorded in FILE.")
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", metavar="FILE", help="Record the findings in FILE, then exit 0."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Lint the files in N processes (0: one per CPU); the report is the same as with 1.",
        ),
    ] = 1,
) -> None:
    """Lint files and directories (the default command).

    Exit code 0: nothing at or above --fail-on; 1: findings at or above it; 2: a usage error or an input
    that could not be read or parsed.
    """
    from mimc_lint import baseline, engine

    settings = _settings(paths, config_file, select, ignore, fail_on, waivers_file, no_waivers)
    for target, option in ((output, "--output"), (write_baseline, "--write-baseline")):
        if target is not None:
            _refuse_overwriting_input(target, engine.discover(paths), option)
    known = _read_baseline(baseline_file) if baseline_file is not None else None

    report = settings.lint(paths, jobs or os.cpu_count() or 1)
    if write_baseline is not None:
        _write(write_baseline, baseline.render(report))
        _emit(f"mimc-lint: recorded {report.summary.findings} findings in {write_baseline}", sys.stderr)
    if known is not None:
        report = baseline.apply(report, known, baseline_file.as_posix())
    text = render_report(report, report_format)
    for error in report.errors:
        _emit(str(error), sys.stderr)
    if output is None:
        _emit(text)
    else:
        _write(output, text)
    if write_baseline is not None:
        raise typer.Exit(2 if report.summary.errors else 0)
    raise typer.Exit(exit_code(report, FailOn(settings.fail_on)))


def _settings(
    paths: Sequence[str],
    config_file: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    fail_on: FailOn | None,
    waivers_file: Path | None,
    no_waivers: bool,
) -> Settings:
    """The configuration file with the flags over it; a bad file or flag ends the run with exit code 2."""
    from mimc_lint.errors import InputError
    from mimc_lint.selection import UnknownRule
    from mimc_lint.settings import Settings

    try:
        return Settings.resolve(
            paths,
            config_file=config_file,
            select=select,
            ignore=ignore,
            fail_on=fail_on.value if fail_on else None,
            waiver_file=waivers_file,
            use_waivers=not no_waivers,
        )
    except UnknownRule as error:
        raise typer.BadParameter(str(error), param_hint=error.option) from None
    except InputError as error:
        _emit(str(error), sys.stderr)
        raise typer.Exit(2) from None


def _read_baseline(path: Path) -> tuple[Entry, ...]:
    """The entries of a baseline file, or its one-line error and exit code 2."""
    from mimc_lint import baseline
    from mimc_lint.errors import InputError

    try:
        return baseline.read(path, path.as_posix())
    except InputError as error:
        _emit(str(error), sys.stderr)
        raise typer.Exit(2) from None


def _write(path: Path, text: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as error:
        _emit(f"mimc-lint: cannot write {path}: {error.strerror or error}", sys.stderr)
        raise typer.Exit(2) from None


def exit_code(report: Report, fail_on: FailOn) -> int:
    """2 when an input could not be linted, else 1 when a finding not waived is at or above `fail_on`, else 0."""
    if report.summary.errors:
        return 2
    return int(_fails(report.findings, fail_on))


def _fails(findings: Iterable[Finding], fail_on: FailOn) -> bool:
    """Whether a finding not waived is at or above `fail_on`."""
    from mimc_lint.findings import Severity

    if fail_on is FailOn.NEVER:
        return False
    threshold = Severity(fail_on.value).rank
    return any(finding.waiver is None and finding.severity.rank >= threshold for finding in findings)


def _refuse_overwriting_input(output: Path, inputs: Sequence[Input], option: str = "--output") -> None:
    target = output.resolve()
    if output.is_dir():
        raise typer.BadParameter(f"{output} is a directory", param_hint=option)
    for item in inputs:
        if item.path.exists() and item.path.resolve() == target:
            raise typer.BadParameter(
                f"{output} is one of the files being linted; refusing to overwrite it", param_hint=option
            )


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file in the same directory, so a reader never sees half a report."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates 0600; a report is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@app.command("rules")
def rules(
    report_format: Annotated[CatalogFormat, typer.Option("--format", help="Output format.")] = CatalogFormat.TEXT,
) -> None:
    """List every rule: ID, severity, MIMC articles, title."""
    from mimc_lint import catalog
    from mimc_lint.report.catalog import render_rules

    _emit(render_rules(catalog.load(), report_format.value))


@app.command("explain")
def explain(query: Annotated[str, typer.Argument(metavar="ID|ARTICLE", help="A rule ID or an MIMC article.")]) -> None:
    """Explain a rule or an MIMC article.

    The obligation, why it matters, compliant drafting and an example.
    """
    from mimc_lint import catalog
    from mimc_lint.report.catalog import render_explain

    try:
        text = render_explain(catalog.load(), query)
    except KeyError as error:
        raise typer.BadParameter(str(error.args[0]) if error.args else query, param_hint="ID|ARTICLE") from None
    _emit(text)


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of the policy YAML (for editors)."""
    from mimc_lint.schema import schema_text

    _emit(schema_text())


@app.command("parse")
def parse(file: Annotated[Path, typer.Argument(metavar="FILE", help="A statute text (.txt, .md).")]) -> None:
    """Show the provision tree of a statute as understood.

    With the law's own references and line numbers.
    """
    from mimc_lint.engine import POLICY_YAML, kind_of
    from mimc_lint.errors import InputError
    from mimc_lint.readers import read_source

    if kind_of(file) == POLICY_YAML:
        raise typer.BadParameter("a policy YAML has no provision tree to parse; lint it instead", param_hint="FILE")
    from mimc_lint.readers.statute import parse_statute
    from mimc_lint.report.tree import render_tree

    try:
        document = parse_statute(read_source(file, file.as_posix()))
    except InputError as error:
        _emit(str(error), sys.stderr)
        raise typer.Exit(2) from None
    _emit(render_tree(document))


@app.command("diff")
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier version of the law.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later version.")],
    report_format: Annotated[CatalogFormat, typer.Option("--format", help="Report format.")] = CatalogFormat.TEXT,
    output: Annotated[Path | None, _OUTPUT] = None,
    select: Annotated[list[str] | None, _SELECT] = None,
    ignore: Annotated[list[str] | None, _IGNORE] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity of an introduced finding that makes the exit code 1."),
    ] = None,
    config_file: Annotated[Path | None, _CONFIG] = None,
    waivers_file: Annotated[Path | None, _WAIVERS] = None,
    no_waivers: Annotated[bool, _NO_WAIVERS] = False,
) -> None:
    """Findings introduced and resolved between two versions of a law.

    Matched by fingerprint (rule, provision, quoted words), so the paths may differ; the configuration is found
    from NEW, as OLD is often an export of the last version outside the project. Exit code 1 when an introduced
    finding is at or above --fail-on; 2 when a version could not be read or checked.
    """
    from mimc_lint.diff import compare
    from mimc_lint.report.diff import render

    settings = _settings([new], config_file, select, ignore, fail_on, waivers_file, no_waivers)
    if output is not None:
        from mimc_lint.engine import discover

        _refuse_overwriting_input(output, discover([old, new]))
    result = compare(old, settings.lint([old]), new, settings.lint([new]))
    for error in result.errors:
        _emit(str(error), sys.stderr)
    text = render(result, report_format.value)
    if output is None:
        _emit(text)
    else:
        _write(output, text)
    raise typer.Exit(2 if result.errors else int(_fails(result.introduced, FailOn(settings.fail_on))))


def _emit(text: str, stream: TextIO | None = None) -> None:
    """Write text with a final newline; characters the terminal cannot encode are escaped, not fatal."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    text = text if text.endswith("\n") else text + "\n"
    stream.write(text.encode(encoding, errors="backslashreplace").decode(encoding))
    stream.flush()


def route(args: Sequence[str]) -> list[str]:
    """Put the subcommand first, or `check` when the first word that is not an option names none."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            break
        if arg.startswith("-") and arg != "-":
            index += 2 if arg in _VALUED_OPTIONS else 1
            continue
        if arg in SUBCOMMANDS:
            return [arg, *args[:index], *args[index + 1 :]]
        return ["check", *args]
    if not args or (index >= len(args) and all(arg in _ROOT_OPTIONS for arg in args)):
        return list(args)
    return ["check", *args]


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: never lets a traceback reach the user."""
    args = sys.argv[1:] if argv is None else argv
    try:
        typer.main.get_command(app).main(args=route(args), prog_name="mimc-lint")
    except Exception as error:
        detail = " ".join(str(error).split())
        _emit(f"mimc-lint: internal error: {type(error).__name__}: {detail}", sys.stderr)
        sys.exit(2)
