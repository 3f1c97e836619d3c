"""A supervisor's decision on a case (confirmed by password while a clerk is logged in), and the
policy that only a supervisor may change."""

from __future__ import annotations

from pathlib import Path

from fieldkit.gui.screens.supervisor_dialog import SupervisorDialog
from fieldkit.paths import store_path
from storage.records import Case
from storage.store import Store
from tests.gui.conftest import (
    CLERK,
    CLERK_PASSWORD,
    GUI_PASSPHRASE,
    LEAD,
    LEAD_PASSWORD,
    ROWS,
    unlock,
    wait_idle,
)


def _open_case(home: Path) -> str:
    with Store.open(store_path(home), GUI_PASSPHRASE) as store:
        person = store.people.find_by_id_number(ROWS[2][0])
        with store.transaction("test"):
            case = store.cases.open(
                Case(
                    kind="id_mismatch",
                    person_uuid=person.uuid,
                    opened_by="test",
                    details={"mismatches": ["name_differs"]},
                )
            )
        return case.reference


def test_supervisor_decides_a_case_for_a_logged_in_clerk(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    reference = _open_case(gui_home)
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.show_screen("cases")
    screen = window.screens["cases"]
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=5_000)
    screen.table.selectRow(0)
    qtbot.waitUntil(lambda: screen.detail is not None, timeout=5_000)
    assert screen.detail.case.reference == reference and ROWS[2][1] in screen.body.text()
    screen.approve_button.click()
    assert screen.message.text()  # a note is required
    screen.note.setPlainText("HQ confirmed the name on the card; roster to be corrected")
    screen.approve_button.click()
    dialog = screen.findChild(SupervisorDialog)
    assert dialog is not None and dialog.isVisible()
    said = " ".join(w.text() for w in dialog.findChildren(type(dialog.message)))
    assert "批准" in said and "驳回" not in said  # the dialog says what it confirms
    dialog.login.setText(CLERK)
    dialog.password.setText(CLERK_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=5_000)
    assert dialog.isVisible() and dialog.message.text()  # a clerk is not a supervisor
    dialog.login.setText(LEAD)
    dialog.password.setText(LEAD_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: screen.detail is not None and screen.detail.case.status == "approved", timeout=5_000
    )
    wait_idle(qtbot, app.tasks)
    assert not screen.approve_button.isEnabled()
    assert screen.table.rowCount() == 0  # only open cases are listed by default
    case = screen.detail.case
    with_lead = app.session.store.operators.find_by_login(LEAD)
    assert case.decided_by == with_lead.uuid and "roster" in case.decision_note
    assert app.session.operator.login == CLERK  # the clerk is still the one logged in


def test_policy_change_needs_a_supervisor(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.show_screen("settings")
    screen = window.screens["settings"]
    screen.attempts.setValue(4)
    screen.save_policy()
    dialog = screen.findChild(SupervisorDialog)
    assert dialog is not None
    dialog.login.setText(LEAD)
    dialog.password.setText(LEAD_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: app.session.policy.policy.max_attempts == 4, timeout=10_000)
    wait_idle(qtbot, app.tasks)
    assert screen.policy_message.text()
    assert "0." in screen.thresholds.text()  # the thresholds the policy gives are shown
    events = [e.action for e in app.session.store.audit_events()]
    assert "policy.changed" in events


def test_device_test_streams_the_simulated_scanner(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    toml = gui_home / "fieldkit.toml"
    text = toml.read_text(encoding="utf-8")
    start = text.index("[devices.palm_scanner]")
    end = text.index("[", start + 1)
    toml.write_text(text[:start] + text[end:], encoding="utf-8")  # the palm role left to the simulation
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    assert window.badge.isVisible()  # simulated devices are labelled in the header
    window.show_screen("settings")
    panel = window.screens["settings"].devices
    assert all(badge.isVisible() for badge in panel.badges.values())  # replays and the simulation
    app.session.hub.present(ROWS[0][0], "left")
    panel.test_seconds = 2.0
    panel.test("palm_scanner")
    qtbot.waitUntil(lambda: bool(panel.last_test), timeout=15_000)
    # note: the best quality over the stream, not the last frame's bar: on a busy machine the last
    # frame may be one where the simulated hand is still moving in
    assert str(panel.last_test["best"]).isdigit() and int(str(panel.last_test["best"])) > 0


def test_settings_in_the_clerks_words(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.show_screen("settings")
    settings = window.screens["settings"]
    settings.tabs.setCurrentIndex(2)
    assert "万分之一" in settings.plain.text() or "十万分之一" in settings.plain.text()
    assert settings.palm_far.currentText().endswith("分之一")  # not "1e-4"
    assert not settings.advanced_toggle.isVisibleTo(settings) and not settings.advanced_box.isVisibleTo(
        settings
    )
    devices = settings.devices
    palm = devices.drivers["palm_scanner"]
    texts = [palm.itemText(i) for i in range(palm.count())]
    assert "录制的掌纹（练习用）" in texts and "replay-palm" not in texts  # device names, not driver ids
    assert not devices.settings["palm_scanner"].isVisibleTo(devices)  # port=…/path=… only under Advanced
    devices.advanced.setChecked(True)
    assert devices.settings["palm_scanner"].isVisibleTo(devices)
    window.lock()
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window.show_screen("settings")
    assert settings.advanced_toggle.isVisibleTo(settings)  # a supervisor may open the expert values
    settings.advanced_toggle.setChecked(True)
    assert settings.advanced_box.isVisibleTo(settings) and settings.thresholds.text()


def test_approving_the_case_that_held_an_enrolment_says_it_is_released(
    qtbot, make_app, gui_home: Path
) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_path(gui_home), GUI_PASSPHRASE) as store:
        person = store.people.find_by_id_number(ROWS[2][0])
        with store.transaction("test"):
            held = store.cases.open(
                Case(kind="suspected_duplicate", person_uuid=person.uuid, opened_by="test",
                     details={"enrollment_uuid": "enrolment-held-1", "score": 0.41})
            )  # fmt: skip
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    window.show_screen("cases")
    screen = window.screens["cases"]
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=5_000)
    screen.table.selectRow(0)
    qtbot.waitUntil(lambda: screen.detail is not None, timeout=5_000)
    screen.note.setPlainText("双胞胎，户口本已核对")
    screen.approve_button.click()
    qtbot.waitUntil(
        lambda: screen.detail is not None and screen.detail.case.status == "approved", timeout=5_000
    )
    wait_idle(qtbot, app.tasks)
    assert held.reference in screen.message.text() and screen.message.property("role") == "ok"
