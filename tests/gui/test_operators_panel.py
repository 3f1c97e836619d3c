"""Operator management on screen: a supervisor adds an account, resets a locked-out clerk's
password (which unlocks it) and disables an account; a clerk is asked for a supervisor's password;
the last supervisor cannot be disabled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldkit import auth
from fieldkit.errors import UserError
from fieldkit.services import operators
from tests.gui.conftest import CLERK, CLERK_PASSWORD, LEAD, LEAD_PASSWORD, unlock, wait_idle


def _row(panel, login: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, row in enumerate(panel.rows) if row.login == login)


def test_supervisor_manages_accounts(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    store = app.session.store
    for _ in range(auth.MAX_FAILURES):  # the clerk mistypes until the account locks
        with pytest.raises(UserError):
            auth.log_in(store, CLERK, "wrong password")
    window = app.window
    window.show_screen("settings")
    panel = window.screens["settings"].operators
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=5_000)
    clerk = panel.rows[_row(panel, CLERK)]
    assert clerk.locked and clerk.locked_until
    panel.table.selectRow(_row(panel, CLERK))
    assert panel.unlock_button.isEnabled()
    assert "锁定" in panel.table.item(_row(panel, CLERK), 3).text()

    panel.new_password.setText("fresh-password-1")
    panel.reset_button.click()
    wait_idle(qtbot, app.tasks)
    qtbot.waitUntil(lambda: not panel.rows[_row(panel, CLERK)].locked, timeout=5_000)
    assert auth.log_in(store, CLERK, "fresh-password-1").login == CLERK

    panel.login.setText("helper")
    panel.name.setText("帮手")
    panel.password.setText("helper-password")
    panel.add_button.click()
    wait_idle(qtbot, app.tasks)
    qtbot.waitUntil(lambda: len(panel.rows) == 3, timeout=5_000)
    panel.table.selectRow(_row(panel, "helper"))
    panel.toggle_button.click()  # disable
    wait_idle(qtbot, app.tasks)
    qtbot.waitUntil(lambda: not panel.rows[_row(panel, "helper")].active, timeout=5_000)
    with pytest.raises(UserError):
        auth.log_in(store, "helper", "helper-password")
    panel.table.selectRow(_row(panel, LEAD))
    panel.toggle_button.click()  # one's own account, the last supervisor: refused with a message
    wait_idle(qtbot, app.tasks)
    assert panel.message.property("role") == "error" and panel.rows[_row(panel, LEAD)].active
    events = [e.action for e in store.audit_events() if e.action.startswith("operator.")]
    assert {"operator.add", "operator.disable", "operator.unlock", "operator.password"} <= set(events)


def test_a_clerk_needs_a_supervisor_password(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.show_screen("settings")
    panel = window.screens["settings"].operators
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=5_000)
    panel.table.selectRow(_row(panel, LEAD))
    panel.toggle_button.click()
    dialog = panel.dialog
    assert dialog.isVisible() and panel.rows[_row(panel, LEAD)].active
    dialog.reject()
    with pytest.raises(UserError) as error:
        operators.set_active(app.session.store, app.session.operator, LEAD, active=False)
    assert error.value.code == "operator.not_supervisor"
    assert dt.date.today()  # nothing else changed
