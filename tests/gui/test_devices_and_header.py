"""Battery: the scanner is open only while a screen captures with it and is closed when the screen
is left, the window locks or a minute passes idle; the header says when data last reached HQ, how
many records wait, and the devices' state."""

from __future__ import annotations

from pathlib import Path

from tests.gui.conftest import CLERK, CLERK_PASSWORD, ROWS, enrol_directly, unlock, wait_idle


def test_devices_close_when_idle_and_header_status(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    enrol_directly(gui_home, ROWS[0])
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window, hub = app.window, app.session.hub
    wait_idle(qtbot, app.tasks)
    assert "从未" in window.sync_state.full_text() or "never" in window.sync_state.full_text()
    waiting = app.session.store.outbox.pending_count()
    assert waiting > 0 and str(waiting) in window.sync_state.full_text()
    assert window.device_state.full_text()
    assert hub.open_roles() == []  # nothing opened before a screen needs it

    window.start_certification(ROWS[0][0], ROWS[0][1])
    screen = window.certify
    decided: list[object] = []
    screen.decided.connect(decided.append)
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: bool(decided), timeout=20_000)
    wait_idle(qtbot, app.tasks)
    assert "palm_scanner" in hub.open_roles()  # opened for the capture
    # a certification recorded: the header's count follows at once
    qtbot.waitUntil(
        lambda: str(app.session.store.outbox.pending_count()) in window.sync_state.full_text(), timeout=5_000
    )

    window.show_screen("today")  # leaving the capture screen closes the scanner shortly after
    qtbot.waitUntil(lambda: "palm_scanner" not in hub.open_roles(), timeout=5_000)

    # an idle minute closes a device left open on a capture screen (the timer shortened for the test)
    window.show_screen("certify")
    screen.reset()
    screen.input.prefill(ROWS[0][0], ROWS[0][1])
    screen.input.use_button.click()  # already certified: nothing captures, but open the scanner
    hub.frames("palm_scanner")
    assert "palm_scanner" in hub.open_roles()
    window.device_idle.start(50)
    qtbot.waitUntil(lambda: "palm_scanner" not in hub.open_roles(), timeout=5_000)

    # a device in use by a capture is never closed under it
    with hub.using("palm_scanner"):
        hub.frames("palm_scanner")
        assert hub.release_idle() == []
    assert hub.release_idle() == ["palm_scanner"]


def test_a_capture_never_keeps_a_frame_from_before_it_started() -> None:
    """The scanner's queued frame of the previous hand is skipped (a replay of what a device holds)."""
    import threading
    import time

    import numpy as np

    from capture.devices import Frame
    from fieldkit.gui.capture_job import _Stoppable

    started = time.monotonic()
    stale = Frame(np.zeros((4, 4), np.uint8), started - 0.5, 7)  # queued before the step began
    fresh = Frame(np.ones((4, 4), np.uint8), started + 0.01, 8)

    class Queue:
        def __init__(self) -> None:
            self.frames = [stale, fresh]

        def grab(self, timeout: float = 2.0) -> Frame:
            return self.frames.pop(0)

    source = _Stoppable(Queue(), threading.Event(), since=started)  # type: ignore[arg-type]
    assert source.grab(timeout=1.0) is fresh
