"""The pre-commit hook of .pre-commit-hooks.yaml, run by the real pre-commit framework on real commits.

A throwaway git repository uses the hook as a `repo: local` hook: its `files` and `exclude` as the
manifest has them, with `language: system` and this interpreter as the entry, so pre-commit fetches
nothing (a `repo:` URL would make it clone and pip-install this project). A commit adding a draft bill
that breaks the MIMC is refused; one adding a compliant act goes through; the repository's hidden YAML
(.pre-commit-config.yaml) and its README are never linted.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
EXAMPLES = ROOT / "examples" / "statutes"


def test_the_manifest_is_valid_for_pre_commit() -> None:
    (hook,) = load_manifest(str(MANIFEST))
    assert (hook["id"], hook["entry"], hook["language"]) == ("mimc-lint", "mimc-lint", "python")


class Repository:
    def __init__(self, path: Path) -> None:
        self.path = path
        # Nothing from the user's or the CI's git setup: a hook run by pytest inside a commit sets GIT_DIR.
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
        self.env |= {
            "HOME": str(path.parent / "home"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "PRE_COMMIT_HOME": str(path.parent / "pre-commit-cache"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a command in the repository; hooks write to stderr, so both streams are read as one."""
        return subprocess.run(
            args, cwd=self.path, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False
        )

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = self.run("git", *args)
        assert done.returncode == 0, done.stdout
        return done

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        return self.run("git", "commit", "-q", "-m", message)

    def commits(self) -> int:
        done = self.run("git", "rev-list", "--count", "HEAD")
        return int(done.stdout) if done.returncode == 0 else 0


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    assert shutil.which("git"), "git is needed to test the pre-commit hook"
    repo = Repository(tmp_path / "laws-repo")
    repo.path.mkdir()
    repo.git("init", "-q")
    repo.git("config", "user.name", "Drafting Office")
    repo.git("config", "user.email", "drafting@freedonia.example")
    repo.git("config", "commit.gpgsign", "false")

    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    hook |= {"language": "system", "entry": f"{shlex.quote(sys.executable)} -m mimc_lint"}
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo.path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    installed = repo.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout
    return repo


def test_a_violating_draft_is_refused_and_a_compliant_one_committed(repository: Repository) -> None:
    # Linted, this README would fail (DET001): it is not a law, and neither is the hidden YAML.
    (repository.path / "README.md").write_text("# Laws of Freedonia\n\nAn officer must detain every person.\n")
    repository.git("add", ".pre-commit-config.yaml", "README.md")
    first = repository.commit("pre-commit configuration")
    assert first.returncode == 0, first.stdout
    assert "(no files to check)" in first.stdout

    laws = repository.path / "laws"
    laws.mkdir()
    shutil.copy(EXAMPLES / "border-bill-violations.yaml", laws / "border-bill.yaml")
    repository.git("add", "laws/border-bill.yaml")
    refused = repository.commit("Border Integrity Bill, first draft")
    assert refused.returncode == 1
    assert "laws/border-bill.yaml:" in refused.stdout and " DET001 error " in refused.stdout
    assert repository.commits() == 1

    repository.git("rm", "-q", "--cached", "laws/border-bill.yaml")
    shutil.copy(EXAMPLES / "compliant-protection-act.yaml", laws / "protection-act.yaml")
    repository.git("add", "laws/protection-act.yaml")
    passed = repository.commit("Protection Act")
    assert passed.returncode == 0, passed.stdout
    assert "mimc-lint" in passed.stdout and "Passed" in passed.stdout
    assert repository.commits() == 2
