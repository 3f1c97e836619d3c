"""The Today list (counts, search, filters, opening a person) and the USB route of the Sync screen."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pypinyin import lazy_pinyin

import tests.http_server  # noqa: F401  # note: sets $FIELDKIT_HQ_PASSPHRASE for the test HQ
from fieldkit.config import load_config, save_config
from fieldkit.demo.data import people_rows, roster_csv
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.paths import store_path
from storage.store import Store
from tests.gui.conftest import (
    CYCLE,
    GUI_PASSPHRASE,
    LEAD,
    LEAD_PASSWORD,
    ROWS,
    enrol_directly,
    unlock,
    wait_idle,
)


def test_today_counts_search_and_filters(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    enrol_directly(gui_home, ROWS[0])
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    today = app.window.today
    wait_idle(qtbot, app.tasks)
    assert today.table.rowCount() == len(ROWS)
    assert today.counts["pending"].text() == str(len(ROWS)) and today.counts["done"].text() == "0"
    assert int(today.counts["unsynced"].text()) > 0
    today.search.setText(ROWS[0][1])  # by name
    qtbot.waitUntil(lambda: today.table.rowCount() < len(ROWS), timeout=5_000)
    wait_idle(qtbot, app.tasks)
    assert ROWS[0][0] in [row.id_number for row in today.view.rows]
    # on screen the numbers are masked (a public hall) ...
    shown = [today.table.item(r, 0).text() for r in range(today.table.rowCount())]
    assert ROWS[0][0] not in shown and mask_id_number(ROWS[0][0]) in shown
    today.search.setText(ROWS[1][0][:14])  # by the beginning of the ID number
    qtbot.waitUntil(lambda: [r.id_number for r in today.view.rows][:1] == [ROWS[1][0]], timeout=5_000)
    today.search.setText(ROWS[3][0][-4:])  # by the last four digits
    qtbot.waitUntil(lambda: ROWS[3][0] in [r.id_number for r in today.view.rows], timeout=5_000)
    assert all(
        r.id_number.endswith(ROWS[3][0][-4:]) or r.id_number.startswith(ROWS[3][0][-4:])
        for r in today.view.rows
    )
    name = ROWS[4][1]
    full = "".join(lazy_pinyin(name))
    initials = "".join(p[0] for p in lazy_pinyin(name))
    for typed in (full, full.upper(), initials):  # by pinyin and by initials
        today.search.setText(typed)
        qtbot.waitUntil(lambda: ROWS[4][0] in [r.id_number for r in today.view.rows], timeout=5_000)
        wait_idle(qtbot, app.tasks)
    # ... and one person's full number is shown on purpose, audited with who asked
    today.table.selectRow(next(i for i, r in enumerate(today.view.rows) if r.id_number == ROWS[4][0]))
    assert today.reveal_button.isEnabled()
    today.reveal_button.click()
    wait_idle(qtbot, app.tasks)
    qtbot.waitUntil(
        lambda: ROWS[4][0] in [today.table.item(r, 0).text() for r in range(today.table.rowCount())],
        timeout=5_000,
    )
    events = [e for e in app.session.store.audit_events() if e.action == "person.id_revealed"]
    assert len(events) == 1 and events[0].actor == app.session.actor
    assert ROWS[4][0] not in str(events[0].details)
    today.search.clear()
    district = ROWS[2][8]
    today.district.setCurrentIndex(today.district.findData(district))
    qtbot.waitUntil(
        lambda: (
            0 < today.table.rowCount() < len(ROWS)
            and all(today.table.item(r, 4).text() == district for r in range(today.table.rowCount()))
        ),
        timeout=5_000,
    )
    today.district.setCurrentIndex(0)
    qtbot.waitUntil(lambda: today.table.rowCount() == len(ROWS), timeout=5_000)
    wait_idle(qtbot, app.tasks)
    enrolled_row = next(r for r, row in enumerate(today.view.rows) if row.id_number == ROWS[0][0])
    today.table.selectRow(enrolled_row)
    assert today.certify_button.isEnabled() and not today.enrol_button.isEnabled()
    today.certify_button.click()
    window = app.window
    assert window.current == "certify" and window.certify.input.number.text() == ROWS[0][0]


def test_usb_export_and_roster_import(qtbot, make_app, gui_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key = tmp_path / "hq_public.key"
    key.write_text(X25519PrivateKey.generate().public_key().public_bytes_raw().hex() + "\n")
    config = load_config(gui_home)
    config.sync.hq_key = str(key)
    save_config(gui_home, config)
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    window.show_screen("sync")
    screen = window.screens["sync"]
    wait_idle(qtbot, app.tasks)
    batch = tmp_path / "usb" / "day1.fkbatch"
    batch.parent.mkdir()
    screen.export_to(batch)
    wait_idle(qtbot, app.tasks)
    assert batch.exists() and batch.stat().st_size > 0, screen.usb_message.text()
    assert "day1.fkbatch" in screen.usb_message.text()
    newcomers = [row for row in people_rows(20, seed=CYCLE + 1) if row[0] not in {r[0] for r in ROWS}][:3]
    roster = tmp_path / "usb" / "roster.csv"
    roster.write_bytes(roster_csv(newcomers, encoding="gbk"))
    screen.import_roster_from(roster)
    wait_idle(qtbot, app.tasks)
    assert "3" in screen.usb_message.text()
    window.show_screen("today")
    qtbot.waitUntil(lambda: window.today.table.rowCount() == len(ROWS) + 3, timeout=5_000)


def test_work_package_from_a_usb_stick(qtbot, make_app, gui_home: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fieldkit.device_key import device_public_key
    from fieldkit.hq.device_regions import set_regions
    from fieldkit.hq.keys import create_hq_key, public_key_text
    from fieldkit.hq.packages import build_package
    from fieldkit.hq.roster import load_roster
    from fieldkit.hq.store import DB_ENV, HqStore
    from fieldkit.wire.keys import PUBLIC_FILE, key_id

    monkeypatch.delenv(DB_ENV, raising=False)
    with Store.open(store_path(gui_home), GUI_PASSPHRASE) as laptop:
        public = device_public_key(laptop, "setup")
    hq_home = tmp_path / "hq"
    hq = HqStore.open(hq_home, create=True)
    try:
        create_hq_key(hq)
        hq.register_device(key_id(public), public, "team 3")
        set_regions(hq, key_id(public), ["130400"])
        (hq_home / PUBLIC_FILE).write_text(public_key_text(hq))
        newcomers = [row for row in people_rows(20, seed=CYCLE + 2) if row[0] not in {r[0] for r in ROWS}][:4]
        roster = tmp_path / "hq-roster.csv"
        roster.write_bytes(roster_csv(newcomers))
        load_roster(hq, roster, cycle=CYCLE, region="130400")
        package = tmp_path / "usb" / "work.fkpkg"
        package.parent.mkdir()
        package.write_bytes(build_package(hq, region="130400", cycle=CYCLE, device_key_id=key_id(public)))
    finally:
        hq.close()
    config = load_config(gui_home)
    config.sync.hq_key = str(hq_home / PUBLIC_FILE)
    save_config(gui_home, config)
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    window.show_screen("sync")
    screen = window.screens["sync"]
    wait_idle(qtbot, app.tasks)
    screen.import_package_from(package)
    wait_idle(qtbot, app.tasks)
    assert "4" in screen.usb_message.text(), screen.usb_message.text()
    window.show_screen("today")
    qtbot.waitUntil(lambda: window.today.table.rowCount() == len(ROWS) + 4, timeout=5_000)
    altered = tmp_path / "usb" / "altered.fkpkg"
    data = bytearray(package.read_bytes())
    data[-10] ^= 0x01
    altered.write_bytes(bytes(data))
    window.show_screen("sync")
    screen.import_package_from(altered)
    wait_idle(qtbot, app.tasks)
    assert "4" not in screen.usb_message.text() and screen.usb_message.text()  # refused, in words
