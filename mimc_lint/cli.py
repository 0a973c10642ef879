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
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from mimc_lint import __version__

if TYPE_CHECKING:
    from mimc_lint.engine import Input, Report

SUBCOMMANDS = frozenset({"check", "rules", "explain", "schema", "parse"})
#: Options that take a value: the word after them is neither a path nor a subcommand.
_VALUED_OPTIONS = frozenset({"--format", "--output", "--select", "--ignore", "--fail-on"})
_ROOT_OPTIONS = frozenset({"--help", "-h", "--version"})
#: Report formats of the contract that have no reporter yet.
_LATER_FORMATS = frozenset({"sarif", "github", "html"})
_REPORT_FORMATS = ("text", "json")


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
    if value in _LATER_FORMATS:
        raise typer.BadParameter(f"{value} output is not available yet; use text or json")
    if value not in _REPORT_FORMATS:
        raise typer.BadParameter(f"'{value}' is not a report format; use text or json")
    return value


@app.command("check")
def check(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Statutes (.txt, .md) and policies (.yaml, .yml), or directories."),
    ],
    report_format: Annotated[
        str, typer.Option("--format", metavar="text|json", callback=_report_format, help="Report format.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", metavar="ID,...", help="Run only these rule IDs or ID prefixes.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", metavar="ID,...", help="Skip these rule IDs or ID prefixes.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = FailOn.WARNING,
) -> None:
    """Lint files and directories (the default command).

    Exit code 0: nothing at or above --fail-on; 1: findings at or above it; 2: a usage error or an input
    that could not be read or parsed.
    """
    from mimc_lint import catalog, engine
    from mimc_lint.selection import Selection, UnknownRule

    try:
        selection = Selection.parse(select or (), ignore or (), catalog.load().rules)
    except UnknownRule as error:
        raise typer.BadParameter(str(error), param_hint=error.option) from None
    if output is not None:
        _refuse_overwriting_input(output, engine.discover(paths))

    report = engine.lint(paths, selection)
    if report_format == "json":
        from mimc_lint.report.json import render
    else:
        from mimc_lint.report.text import render
    text = render(report)
    for error in report.errors:
        _emit(str(error), sys.stderr)
    if output is None:
        _emit(text)
    else:
        try:
            write_atomically(output, text)
        except OSError as error:
            _emit(f"mimc-lint: cannot write {output}: {error.strerror or error}", sys.stderr)
            raise typer.Exit(2) from None
    raise typer.Exit(exit_code(report, fail_on))


def exit_code(report: Report, fail_on: FailOn) -> int:
    """2 when an input could not be linted, else 1 when a finding is at or above `fail_on`, else 0."""
    from mimc_lint.findings import Severity

    if report.summary.errors:
        return 2
    if fail_on is FailOn.NEVER:
        return 0
    threshold = Severity(fail_on.value).rank
    return int(any(finding.severity.rank >= threshold for finding in report.findings))


def _refuse_overwriting_input(output: Path, inputs: Sequence[Input]) -> None:
    target = output.resolve()
    if output.is_dir():
        raise typer.BadParameter(f"{output} is a directory", param_hint="--output")
    for item in inputs:
        if item.path.exists() and item.path.resolve() == target:
            raise typer.BadParameter(
                f"{output} is one of the files being linted; refusing to overwrite it", param_hint="--output"
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
