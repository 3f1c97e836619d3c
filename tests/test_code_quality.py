"""The codebase's own rules, run with the tests so that CI enforces them: import boundaries
(import-linter contracts in pyproject.toml), lint (ruff), and types (mypy, strict on the libraries).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = BIN / tool
    if not executable.exists():
        pytest.fail(f"{tool} is not installed in the test environment (pip install -e '.[dev]')")
    return subprocess.run([str(executable), *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_import_boundaries_hold() -> None:
    result = _run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lint_is_clean() -> None:
    result = _run("ruff", "check", ".", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_pickle_anywhere() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("fieldkit", "capture", "matching", "storage", "reports")
        for path in (REPO / folder).rglob("*.py")
        if "import pickle" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
