"""What one run does: the configuration file with the command-line flags over it, and the filters after the checks.

DESIGN.md section 1: configuration, waivers and baseline filter the findings the checks produce, in that
order. `Settings.lint` lints and applies the first two: `per-file-ignores` drops findings, the
jurisdiction profile sets levels (mimc_lint/profiles.py), waivers mark findings accepted
(mimc_lint/waivers.py). The baseline is a choice of the `check` command (mimc_lint/baseline.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from mimc_lint import catalog as rules_catalog
from mimc_lint import config as configuration
from mimc_lint import engine, waivers
from mimc_lint.config import Config
from mimc_lint.engine import Report
from mimc_lint.selection import Selection
from mimc_lint.waivers import WaiverFile


@dataclass(frozen=True, slots=True)
class Settings:
    config: Config
    selection: Selection
    fail_on: str
    waivers: WaiverFile | None
    use_waivers: bool

    @classmethod
    def resolve(
        cls,
        paths: Sequence[str],
        *,
        config_file: Path | None = None,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        fail_on: str | None = None,
        waiver_file: Path | None = None,
        use_waivers: bool = True,
    ) -> Settings:
        """Read the configuration and the waiver file; a flag given replaces its key.

        Raises `InputError` for a bad configuration or waiver file, `UnknownRule` for a bad flag value."""
        known = rules_catalog.load().rules
        config = configuration.discover(paths, config_file, known)
        selection = Selection.parse(
            config.select or () if select is None else select, config.ignore or () if ignore is None else ignore, known
        )
        found = None
        if use_waivers:
            if waiver_file is not None:
                found = waivers.read(waiver_file, waiver_file.as_posix(), known)
            else:
                path = waivers.find(configuration.start_directory(paths), config.path)
                found = waivers.read(path, configuration.display_path(path), known) if path else None
        return cls(config, selection, fail_on or config.fail_on or "warning", found, use_waivers)

    def selects(self, path: str, rule_id: str) -> bool:
        """Whether rule `rule_id` runs on the file at `path`."""
        return self.selection.selects(rule_id) and not self.config.ignores(path, rule_id)

    def lint(self, paths: Sequence[str], jobs: int = 1) -> Report:
        return self.filter(engine.lint(paths, self.selection, jobs))

    def filter(self, report: Report) -> Report:
        profile = self.config.profile
        files = []
        for file in report.files:
            findings = tuple(
                profile.apply(finding) if profile else finding
                for finding in file.findings
                if not self.config.ignores(file.path, finding.rule)
            )
            files.append(replace(file, findings=findings))
        report = replace(report, files=tuple(files))
        if self.use_waivers:
            report = waivers.apply(report, self.waivers, self.selects, rules_catalog.load())
        return report
