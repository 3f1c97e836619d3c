"""Fixtures for the GUI tests: offscreen Qt, a ready data folder with replay devices, the window.

Why a template folder made once per session: a store with two operators (scrypt) and a roster, plus
the replay kit's synthetic images, take a few seconds to make; each test copies the folder instead,
so every test still opens a real encrypted store and real replay devices through ``fieldkit.toml``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# note: must happen before any QApplication exists (pytest-qt creates it on first use)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="fieldkit-xdg-"))

import cv2
import pytest

from capture.devices import CardRecord
from capture.idcard.replay import record_to_json
from fieldkit import auth
from fieldkit.config import MachineConfig, save_config
from fieldkit.demo.data import people_rows, roster_csv
from fieldkit.devices.replay_kit import replay_kit
from fieldkit.devices.settings import DeviceSetting
from fieldkit.paths import store_path
from fieldkit.workflows.roster_import import import_roster
from matching.synthetic_palm import synthetic_hand
from storage.store import Store

GUI_PASSPHRASE = "gui test passphrase 2026"
LEAD, LEAD_PASSWORD = "lead", "lead-password"
CLERK, CLERK_PASSWORD = "clerk", "clerk-password"
CYCLE = dt.date.today().year
ROWS = list(people_rows(12, seed=CYCLE))
PALM_IDENTITY = 300  # a synthetic hand with clear veins whose samples agree (the demo uses it too)


def card_for(row: list[str]) -> CardRecord:
    return CardRecord(
        id_number=row[0],
        name=row[1],
        gender="male" if row[2] == "男" else "female",
        birth_date=dt.date.fromisoformat(row[3]),
        source="simulated",
    )


def enrol_directly(home: Path, row: list[str], identity: int = PALM_IDENTITY) -> str:
    """Enrol someone through the workflow (fast set-up for tests about other screens); the receipt number."""
    from fieldkit.workflows.enrollment import enroll

    with Store.open(store_path(home), GUI_PASSPHRASE) as store:
        hands = {hand: [synthetic_hand(identity, i) for i in range(3)] for hand in ("left", "right")}
        outcome = enroll(
            store,
            card=card_for(row),
            face_image=None,
            palm_images=hands,
            actor="test",
            device="test",
            place="test",
            cycle=CYCLE,
        )
        return outcome.receipt.number


def write_palm_folder(folder: Path, identity: int, first: int = 0, count: int = 4) -> Path:
    """A replay folder of one synthetic hand (``count`` placements)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for index in range(count):
        cv2.imwrite(str(folder / f"{index:03d}.png"), synthetic_hand(identity, first + index))
    return folder


@pytest.fixture(scope="session")
def gui_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder: store (lead = supervisor, clerk = operator, roster of 12), replay kit, devices."""
    home = tmp_path_factory.mktemp("gui-template")
    store = Store.create(store_path(home), GUI_PASSPHRASE)
    try:
        lead = auth.add_operator(
            store, login=LEAD, name="组长", role="supervisor", password=LEAD_PASSWORD, actor="setup"
        )
        auth.add_operator(
            store, login=CLERK, name="办事员", role="operator", password=CLERK_PASSWORD, actor=lead.uuid
        )
        roster = home / "roster.csv"
        roster.write_bytes(roster_csv(ROWS))
        import_roster(store, roster, cycle=CYCLE, region="130400", actor=lead.uuid)
        roster.unlink()
    finally:
        store.close()
    replay_kit(home)
    (home / "cards.jsonl").write_text(
        "\n".join(record_to_json(card_for(row)) for row in ROWS) + "\n", encoding="utf-8"
    )
    write_palm_folder(home / "palms", PALM_IDENTITY)
    config = MachineConfig(team="第三组", place="丛台区社区服务站")
    config.devices["card_reader"] = DeviceSetting("idcard-replay", {"path": str(home / "cards.jsonl")})
    config.devices["palm_scanner"] = DeviceSetting("replay-palm", {"path": str(home / "palms"), "fps": 25})
    config.sync.region = "130400"
    save_config(home, config)
    return home


@pytest.fixture
def gui_home(tmp_path: Path, gui_template: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the template folder (paths in fieldkit.toml rewritten to the copy)."""
    home = tmp_path / "home"
    shutil.copytree(gui_template, home)
    toml = home / "fieldkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(str(gui_template), str(home)), encoding="utf-8")
    monkeypatch.setenv("FIELDKIT_HOME", str(home))
    return home


@dataclass
class App:
    """The running window and what the tests drive it with."""

    window: object
    session: object
    tasks: object
    home: Path


@pytest.fixture
def make_app(qtbot, qapp) -> Iterator[Callable[[Path], App]]:  # type: ignore[no-untyped-def]
    """Open the window over a data folder; everything is shut down after the test."""
    from fieldkit.gui.app import build_window, shutdown

    opened: list[App] = []

    def make(home: Path, language: str = "zh_CN") -> App:
        window, session, tasks = build_window(home, language=language)
        qtbot.addWidget(window)
        window.show()
        app = App(window, session, tasks, home)
        opened.append(app)
        return app

    yield make
    for app in opened:
        shutdown(app.window, app.session, app.tasks)  # type: ignore[arg-type]


def wait_idle(qtbot, tasks, timeout: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    """Until every submitted task has delivered its answer on the main thread."""
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=timeout)


def unlock(qtbot, app: App, login: str = LEAD, password: str = LEAD_PASSWORD) -> None:  # type: ignore[no-untyped-def]
    """Type the passphrase, then log in; ends on the workspace."""
    window = app.window
    screen = window.unlock  # type: ignore[attr-defined]
    if not screen.on_login_step:
        screen.passphrase.setText(GUI_PASSPHRASE)
        screen.open_button.click()
        qtbot.waitUntil(lambda: screen.on_login_step, timeout=10_000)
    screen.login.setText(login)
    screen.password.setText(password)
    screen.login_button.click()
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)  # type: ignore[attr-defined]
    wait_idle(qtbot, app.tasks)
