#!/usr/bin/env python3
"""How much CPU the desktop app uses while a clerk does nothing (battery in the field).

Usage: ``.venv/bin/python scripts/gui_idle_cpu.py [--seconds 20]``

The window is opened over synthetic data (``scripts/gui_screenshots.make_data``), a person is
certified with the replay devices (so the scanner and card reader have been opened), then the
window sits on the Today list and the process's CPU time is measured over ``--seconds`` of idle
event loop: right after the capture (devices about to close), after the idle release, and with
every device held open as the app did before (for comparison). Prints CPU % of one core and which
devices are open. Offscreen platform: the app's own work is measured, not the X server's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="fieldkit-xdg-"))
    from gui_screenshots import PASSPHRASE, PASSWORDS, Shooter, make_data

    from fieldkit.gui.app import build_window, make_application, shutdown

    app = make_application()
    work = Path(tempfile.mkdtemp(prefix="fieldkit-idle-"))
    try:
        rows = make_data(work)
        window, session, tasks = build_window(work)
        window.show()
        waiter = Shooter(work)
        unlock = window.unlock
        unlock.passphrase.setText(PASSPHRASE)
        unlock.open_store()
        waiter.wait(lambda: unlock.on_login_step, 20, "store open")
        unlock.login.setText("clerk")
        unlock.password.setText(PASSWORDS["clerk"])
        unlock.log_in()
        waiter.wait(lambda: not window.locked, 20, "log in")
        window.start_certification(rows[0][0], rows[0][1])
        window.certify.input.use_typed()
        waiter.wait(lambda: window.certify.banner.outcome != "", 30, "certification")
        waiter.wait(lambda: tasks.pending == 0, 30, "background work")
        window.show_screen("today")
        waiter.wait(lambda: tasks.pending == 0, 30, "today")

        def measure(label: str) -> None:
            cpu, wall = time.process_time(), time.monotonic()
            end = wall + args.seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.05)  # note: the event loop's own wait, as exec_() would sleep in select()
            used = (time.process_time() - cpu) / (time.monotonic() - wall) * 100
            opened = session.hub.open_roles()
            print(f"{label}: {used:.1f} % of one core over {args.seconds:.0f} s; open: {opened}")

        measure("idle on Today, just after a certification")
        measure("idle on Today, after the devices were released")
        window.device_idle.stop()
        for role in ("palm_scanner", "face_camera", "card_reader"):
            session.hub.get(role)  # as before issue 17: every device open until the window closed
        measure("idle on Today with every device held open (the old behaviour)")
        shutdown(window, session, tasks)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
