"""Shared fixtures: a data folder per test, a ready store, and the CLI run in-process or as a real
process.

Why a template store copied per test: key derivation makes creating a store cost ~0.3 s; copying a
file made once per session keeps the suite fast while every test still opens a real SQLCipher file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from storage.store import Store

PASSPHRASE = "correct horse battery staple"
REPO = Path(__file__).resolve().parent.parent
PAD_MODELS = REPO.parent / "shared" / "models" / "minifasnet"
if PAD_MODELS.is_dir():  # note: installed the way an agency installs them (README, liveness section)
    os.environ.setdefault("FIELDKIT_PAD_MODELS", str(PAD_MODELS))


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "fieldkit.db"
    Store.create(path, PASSPHRASE).close()
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder, with the passphrase in the environment as scripts give it."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("FIELDKIT_HOME", str(folder))
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASSPHRASE)
    for name in (
        "FIELDKIT_NEW_PASSPHRASE",
        "FIELDKIT_OPERATOR",
        "FIELDKIT_OPERATOR_PASSWORD",
        "FIELDKIT_NEW_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture
def store_file(home: Path, template_store: Path) -> Path:
    """A fresh copy of an empty store inside ``home``."""
    target = home / "fieldkit.db"
    shutil.copyfile(template_store, target)
    return target


@pytest.fixture
def store(store_file: Path) -> Iterator[Store]:
    """The opened store (closed after the test)."""
    opened = Store.open(store_file, PASSPHRASE)
    yield opened
    try:
        opened.close()
    except Exception:
        pass  # note: some tests close it themselves


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``fieldkit`` in-process and capture what it prints."""
    from fieldkit.cli.main import main

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_process(*argv: str, env: dict[str, str] | None = None, input_text: str | None = None) -> Result:
    """Run ``python -m fieldkit`` as a separate process (for real exit codes and stderr)."""
    completed = subprocess.run(
        [sys.executable, "-m", "fieldkit", *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        input=input_text,
        timeout=120,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)
