"""Sync against a real local headquarters, and the event loop keeps running while slow work runs."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PyQt5.QtCore import QTimer

from fieldkit.config import load_config, save_config
from fieldkit.device_key import device_public_key
from fieldkit.paths import store_path
from fieldkit.sync import client as sync_client
from fieldkit.wire import keys as wire_keys
from fieldkit.workflows import certification
from storage.store import Store
from tests.gui.conftest import GUI_PASSPHRASE, LEAD, LEAD_PASSWORD, ROWS, enrol_directly, unlock, wait_idle
from tests.http_server import serve


@pytest.fixture
def local_hq(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """A headquarters (SQLite) served by uvicorn on loopback, in a thread: (URL, its home)."""
    from fieldkit.hq.keys import create_hq_key, public_key_text
    from fieldkit.hq.server import create_app
    from fieldkit.hq.store import DB_ENV, HqStore
    from fieldkit.wire.keys import PUBLIC_FILE

    monkeypatch.delenv(DB_ENV, raising=False)
    home = tmp_path / "hq"
    hq = HqStore.open(home, create=True)
    create_hq_key(hq)
    (home / PUBLIC_FILE).write_text(public_key_text(hq))
    hq.close()
    served = serve(create_app(home))
    yield next(served), home
    served.close()


def _connect_to(gui_home: Path, url: str, hq_home: Path) -> None:
    """Register this laptop's device key at HQ and point fieldkit.toml's [sync] at it."""
    from fieldkit.hq.device_regions import set_regions
    from fieldkit.hq.store import HqStore
    from fieldkit.wire.keys import PUBLIC_FILE

    with Store.open(store_path(gui_home), GUI_PASSPHRASE) as store:
        public = device_public_key(store, "setup")
    hq = HqStore.open(hq_home)
    hq.register_device(wire_keys.key_id(public), public, "team 3")
    set_regions(hq, wire_keys.key_id(public), ["130400"])  # the team's region: its work package
    hq.close()
    config = load_config(gui_home)
    config.sync.hq_url, config.sync.hq_key = url, str(hq_home / PUBLIC_FILE)
    save_config(gui_home, config)


def test_sync_sends_everything_to_a_local_headquarters(  # type: ignore[no-untyped-def]
    qtbot, make_app, gui_home: Path, local_hq: tuple[str, Path]
) -> None:
    url, hq_home = local_hq
    _connect_to(gui_home, url, hq_home)
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    window.show_screen("sync")
    screen = window.screens["sync"]
    wait_idle(qtbot, app.tasks)
    assert screen.url.text() == url and screen.outbox.rowCount() >= 1
    pending = app.session.store.outbox.pending_count()
    assert pending > 0 and screen.send_button.isEnabled()
    screen.send_button.click()
    qtbot.waitUntil(lambda: screen.send_button.isEnabled() or app.tasks.pending == 0, timeout=30_000)
    wait_idle(qtbot, app.tasks, timeout=30_000)
    assert app.session.store.outbox.pending_count() == 0, screen.state.text()
    assert str(pending) in screen.state.text() and screen.results.rowCount() == 0
    assert "warning" != screen.since.property("role")
    # note: the screen used to send only; like `fieldkit sync`, it now takes the team's work package
    assert f"130400/{app.session.cycle}" in screen.state.text()
    assert screen.state.property("role") == "ok"


def test_event_loop_runs_during_a_slow_sync_and_a_slow_match(  # type: ignore[no-untyped-def]
    qtbot, make_app, gui_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    enrol_directly(gui_home, ROWS[0])
    config = load_config(gui_home)
    config.sync.hq_url = "http://127.0.0.1:9"
    (tmp_path / "hq_public.key").write_text("00" * 32 + "\ned25519 " + "11" * 32 + "\n")
    config.sync.hq_key = str(tmp_path / "hq_public.key")
    save_config(gui_home, config)
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()

    def slow_sync(store, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(1.5)  # a slow network
        return sync_client.SyncResult()

    monkeypatch.setattr(sync_client, "sync", slow_sync)
    window = app.window
    window.show_screen("sync")
    screen = window.screens["sync"]
    wait_idle(qtbot, app.tasks)
    ticks.clear()
    started = time.monotonic()
    screen.send()
    assert app.tasks.pending >= 1  # the click returned at once; the sync is still running
    wait_idle(qtbot, app.tasks, timeout=10_000)
    elapsed = time.monotonic() - started
    assert elapsed >= 1.5
    assert len(ticks) >= 0.3 * elapsed / 0.02, f"{len(ticks)} ticks in {elapsed:.2f} s"  # loaded CI machines
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.5  # never frozen for long

    real_certify = certification.certify

    def slow_certify(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(1.5)  # a slow matcher
        return real_certify(*args, **kwargs)

    monkeypatch.setattr(certification, "certify", slow_certify)
    decided: list[object] = []
    window.start_certification(ROWS[0][0], ROWS[0][1])
    window.certify.decided.connect(decided.append)
    ticks.clear()
    started = time.monotonic()
    window.certify.input.use_button.click()
    qtbot.waitUntil(lambda: bool(decided), timeout=20_000)
    elapsed = time.monotonic() - started
    timer.stop()
    assert elapsed >= 1.5
    assert len(ticks) >= 0.3 * elapsed / 0.02, f"{len(ticks)} ticks in {elapsed:.2f} s"  # loaded CI machines
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.5
