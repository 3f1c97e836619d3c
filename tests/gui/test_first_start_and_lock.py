"""First start, unlock with passphrase and operator, lock-out, and the idle lock that keeps work."""

from __future__ import annotations

from pathlib import Path

from fieldkit.paths import store_path
from storage.store import Store
from tests.gui.conftest import CLERK, CLERK_PASSWORD, GUI_PASSPHRASE, LEAD, LEAD_PASSWORD, unlock, wait_idle


def test_first_start_creates_the_store_and_a_supervisor(qtbot, make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "fresh"
    home.mkdir()
    app = make_app(home)
    window, screen = app.window, app.window.first_start
    assert window.current_page() is screen
    screen.passphrase.setText("short")
    assert screen.meter.score <= 1
    screen.submit()
    assert "10" in screen.message.text()  # the minimum length, said in words
    screen.passphrase.setText("two rivers meet below the old bridge")
    screen.passphrase2.setText("two rivers meet below the old bridge!")
    screen.submit()
    assert screen.message.text()  # the passphrases differ
    assert screen.meter.score >= 3
    screen.passphrase2.setText("two rivers meet below the old bridge")
    screen.login.setText("zhang")
    screen.name.setText("张组长")
    screen.password.setText("a good password")
    screen.password2.setText("a good password")
    screen.team.setText("第三组")
    screen.region.setText("130400")
    screen.submit()
    qtbot.waitUntil(lambda: not window.locked, timeout=15_000)
    wait_idle(qtbot, app.tasks)
    assert app.session.operator.role == "supervisor"
    assert "张组长" in window.who.text()
    assert window.current == "today"
    with Store.open(store_path(home), "two rivers meet below the old bridge") as store:
        assert store.operators.find_by_login("zhang") is not None


def test_unlock_lockout_and_idle_lock_keep_the_draft(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    window = app.window
    screen = window.unlock
    assert window.current_page() is screen and not screen.on_login_step
    screen.passphrase.setText("not the passphrase")
    screen.open_button.click()
    qtbot.waitUntil(
        lambda: bool(screen.store_message.text()) and screen.open_button.isEnabled(), timeout=10_000
    )
    assert not screen.on_login_step
    screen.passphrase.setText(GUI_PASSPHRASE)
    screen.open_button.click()
    qtbot.waitUntil(lambda: screen.on_login_step, timeout=10_000)

    # five wrong passwords lock the clerk's account (fieldkit.auth), and the message says so
    for _ in range(5):
        screen.login.setText(CLERK)
        screen.password.setText("wrong password")
        screen.login_button.click()
        qtbot.waitUntil(lambda: screen.login_button.isEnabled(), timeout=10_000)
    screen.login.setText(CLERK)
    screen.password.setText(CLERK_PASSWORD)
    screen.login_button.click()
    qtbot.waitUntil(lambda: screen.login_button.isEnabled(), timeout=10_000)
    assert window.locked
    locked_text = screen.login_message.text()
    assert locked_text and "15" in locked_text

    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window.start_enrolment("130402195306151228", "测试")  # something typed, not yet saved
    card_input = window.enrol.step("card").input
    assert card_input.number.text() == "130402195306151228"
    window.set_idle_milliseconds(300)
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    assert app.session.operator is None and app.session.store is not None  # the store stays open
    assert screen.on_login_step and screen.login_hint.text()
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    assert window.current == "enrol"
    assert card_input.number.text() == "130402195306151228"
    window.set_idle_milliseconds(600_000)
