"""kill -9 of the laptop process during enroll, certify, backup, re-key and export-batch (USB sync).

Seeded (random delays from ``random.Random("<op>-16")``), 6 runs per operation, 30 in all: the real
``python -m fieldkit`` process is SIGKILLed at a random moment after it opened the store (watched in
``/proc/<pid>/fd``): 0-1.1 × the operation's measured time from opening the store to its end, so the
kills land in the work itself and a few after it finished. After each: the store opens, ``store
check`` finds nothing and the audit chain holds, and nothing is half-written — a record comes with
its receipt or not at all, a backup or batch file under its final name is complete, the store opens
with exactly one passphrase and holds the re-key event exactly when the new one opens it, and no
file left behind is readable by others. Marked ``slow`` (about a minute on the reference laptop).
"""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import pytest

from fieldkit import auth
from fieldkit.identity.idnumber import check_character
from matching.synthetic_palm import synthetic_hand
from storage.backup import read_header
from storage.errors import WrongPassphrase
from storage.store import Store
from tests.conftest import PASSPHRASE, REPO

pytestmark = pytest.mark.slow
RUNS_PER_OPERATION = 6
OTHER_PASSPHRASE = "a different, equally long passphrase 16"
LOGIN, PASSWORD = "kill9", "operator password 16"


def _id_number(index: int) -> str:
    first17 = f"130402{1950 + index % 30}{index % 12 + 1:02d}{index % 28 + 1:02d}{index % 1000:03d}"
    return first17 + check_character(first17)


KNOWN_IDS = [_id_number(i) for i in (1, 199, *range(100, 100 + RUNS_PER_OPERATION))]


@dataclass
class Lab:
    """A data folder with a store, an operator, palm images, HQ's public key, and who-can-open-it."""

    home: Path
    images: list[str]
    hq_key: Path
    passphrase: str = PASSPHRASE
    durations: dict[str, float] = field(default_factory=dict)

    @property
    def store_file(self) -> Path:
        return self.home / "fieldkit.db"

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "FIELDKIT_HOME": str(self.home),
            "FIELDKIT_PASSPHRASE": self.passphrase,
            "FIELDKIT_OPERATOR": LOGIN,
            "FIELDKIT_OPERATOR_PASSWORD": PASSWORD,
            **extra,
        }

    def argv(self, op: str, run: int) -> tuple[list[str], dict[str, str]]:
        if op == "enroll":
            palms = self.images[(run % 4) * 3 : (run % 4) * 3 + 3]
            args = ["enroll", "--id-number", _id_number(100 + run), "--name", f"测试{run}", "--palm-left",
                    *palms, "--hand-failure", "right=injury", "--samples", "3"]  # fmt: skip
            return args, self.env()
        if op == "certify":
            args = ["certify", "--id-number", _id_number(1), "--palm-left", self.images[1], "--cycle",
                    str(2040 + run % 50)]  # fmt: skip
            return args, self.env()
        if op == "backup":
            return ["store", "backup", str(self.home / "usb" / "backup.fkb"), "--force"], self.env()
        if op == "rekey":
            other = OTHER_PASSPHRASE if self.passphrase == PASSPHRASE else PASSPHRASE
            return ["store", "passphrase"], self.env(FIELDKIT_NEW_PASSPHRASE=other)
        if op == "export-batch":
            target = self.home / "usb" / "batch.fkb"
            return ["export-batch", str(target), "--hq-key", str(self.hq_key), "--force"], self.env()
        raise AssertionError(op)


def _has_store_open(pid: int, store_file: Path) -> bool:
    """Whether process ``pid`` holds the store file open (Linux ``/proc/<pid>/fd``)."""
    try:
        links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:
        return False
    return str(store_file) in links


def _run(
    argv: list[str], env: dict[str, str], store_file: Path, kill_after: float | None
) -> tuple[int, float]:
    """(exit code or -9, seconds from opening the store to the end) of ``python -m fieldkit argv``.

    With ``kill_after`` the process is SIGKILLed that many seconds after it opened the store — so
    the kill lands in the work itself, not in Python's start-up.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "fieldkit", *argv], cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 180
    while process.poll() is None and not _has_store_open(process.pid, store_file):
        assert time.monotonic() < deadline
        time.sleep(0.002)
    opened = time.monotonic()
    try:
        process.wait(timeout=kill_after if kill_after is not None else 180)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    return process.returncode, time.monotonic() - opened


def _open(lab: Lab) -> Store:
    """The store with whichever passphrase opens it; exactly one must (re-key is all or nothing)."""
    opened: list[tuple[str, Store]] = []
    for candidate in (PASSPHRASE, OTHER_PASSPHRASE):
        try:
            opened.append((candidate, Store.open(lab.store_file, candidate)))
        except WrongPassphrase:
            continue
    assert len(opened) == 1, f"{len(opened)} passphrases open the store"
    lab.passphrase = opened[0][0]
    return opened[0][1]


def _no_private_data_readable_by_others(folder: Path) -> None:
    for path in folder.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
        elif path.suffix != ".png":  # the test's own input pictures
            assert mode & 0o077 == 0, f"{path} is {oct(mode)}"


def _snapshot(lab: Lab) -> dict[str, int]:
    """Counts of the store's records, after checking it is sound and every record has its receipt."""
    with _open(lab) as store:
        assert store.check() == []
        report = store.verify_audit()
        assert report.ok, report.problems
        events = store.audit_events()
        counts = {
            "people": store.people.count(),
            "rekeys": sum(1 for e in events if e.action == "store.rekey"),
            "default_passphrase": int(lab.passphrase == PASSPHRASE),
            "enroll": 0,
            "certify": 0,
        }
        for number in KNOWN_IDS:
            person = store.people.find_by_id_number(number)
            if person is None:
                continue
            receipts = {r.record_uuid for r in store.receipts.for_person(person.uuid)}
            for record in store.enrollments.for_person(person.uuid):
                assert record.uuid in receipts, "an enrollment without its receipt"
                counts["enroll"] += 1
            for cert in store.certifications.for_person(person.uuid):
                assert cert.result != "accept" or cert.uuid in receipts, "a certification without its receipt"
                counts["certify"] += 1
    return counts


def _check(lab: Lab, op: str, before: dict[str, int]) -> dict[str, int]:
    """Store sound, nothing half-written, at most one record more; returns the new counts."""
    after = _snapshot(lab)
    if op in ("enroll", "certify"):
        assert after[op] - before[op] in (0, 1)
    if op == "rekey":  # the new key and its audit event land together or not at all
        switched = after["default_passphrase"] != before["default_passphrase"]
        assert after["rekeys"] - before["rekeys"] == int(switched)
    else:
        assert after["rekeys"] == before["rekeys"]
    usb = lab.home / "usb"
    if (usb / "backup.fkb").exists():
        read_header(usb / "backup.fkb")  # the size matches the header's promise: complete
    if (usb / "batch.fkb").exists():
        assert (usb / "batch.fkb").stat().st_size > 64
    _no_private_data_readable_by_others(lab.home)
    return after


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    root = tmp_path_factory.mktemp("kill9")
    home = root / "home"
    home.mkdir(mode=0o700)
    (home / "usb").mkdir(mode=0o700)
    with Store.create(home / "fieldkit.db", PASSPHRASE) as store:
        auth.add_operator(
            store, login=LOGIN, name="测试员", role="supervisor", password=PASSWORD, actor="setup"
        )
    images = []
    for index in range(12):
        path = home / f"palm{index}.png"
        cv2.imwrite(str(path), synthetic_hand(800 + index // 3, index % 3))
        path.chmod(0o600)
        images.append(str(path))
    hq = root / "hq"
    subprocess.run(
        [sys.executable, "-m", "fieldkit", "hq", "--hq-home", str(hq), "init"], cwd=REPO, check=True,
        capture_output=True, env={**os.environ, "FIELDKIT_HQ_PASSPHRASE": "headquarters passphrase 16"},
    )  # fmt: skip
    made = Lab(home, images, hq / "hq_public.key")
    # the person certified in the certify runs, enrolled once without interruption
    argv = ["enroll", "--id-number", _id_number(1), "--name", "常在", "--palm-left", *images[:3],
            "--hand-failure", "right=injury", "--samples", "3"]  # fmt: skip
    code, _ = _run(argv, made.env(), made.store_file, None)
    assert code == 0
    yield made


@pytest.mark.parametrize("op", ["enroll", "certify", "backup", "rekey", "export-batch"])
def test_kill9_leaves_the_store_sound_and_nothing_half_written(lab: Lab, op: str) -> None:
    rng = random.Random(f"{op}-16")
    before = _snapshot(lab)
    argv, env = lab.argv(op, 99)
    code, duration = _run(argv, env, lab.store_file, None)  # uninterrupted: how long the work takes
    assert code in (0, 1), code  # certify may reject; nothing else may fail
    before = _check(lab, op, before)
    killed = changed = 0
    for run in range(RUNS_PER_OPERATION):
        argv, env = lab.argv(op, run)
        code, _ = _run(argv, env, lab.store_file, rng.uniform(0.0, 1.1) * duration)
        killed += code == -signal.SIGKILL
        assert code in (0, 1, -signal.SIGKILL), code
        after = _check(lab, op, before)
        changed += after != before
        before = after
    print(f"kill -9 {op}: {killed}/{RUNS_PER_OPERATION} killed, {changed} left a change, all sound")
    assert killed >= 2, f"only {killed} of {RUNS_PER_OPERATION} runs were killed mid-way"
