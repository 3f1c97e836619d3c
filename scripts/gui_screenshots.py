#!/usr/bin/env python3
"""Open every screen of the desktop application in a real X window and save a PNG of each.

Usage: ``.venv/bin/python scripts/gui_screenshots.py OUTDIR [--size 1366x768] [--font 14]``

Why a real X window and not the offscreen platform: fonts, the CJK fallback and clipping are what
the clerk sees only under a real windowing system. Without ``$DISPLAY`` the script starts its own
Xvfb (``xvfb`` and the xcb libraries, see ECOSYSTEM.md) and stops it at the end. The data are
synthetic (``fieldkit.demo.data``, synthetic palms, the replay card reader and the replay kit), in a
throw-away folder; nothing touches the user's data folder. The screens are driven the way a clerk
would (read a card, capture palms, sign, save, certify), so the pictures show real states.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

PASSPHRASE = "screenshot passphrase 2026"
PASSWORDS = {"lead": "lead-password", "clerk": "clerk-password"}
HANDS = ("left", "right")
PLACE = "丛台区社区服务站"


# -- the X server --------------------------------------------------------------------------------------
def start_xvfb(size: str) -> subprocess.Popen[bytes] | None:
    """Start Xvfb on a free display unless one is available; sets $DISPLAY."""
    if os.environ.get("DISPLAY"):
        return None
    binary = shutil.which("Xvfb")
    if binary is None:
        sys.exit(
            "No $DISPLAY and no Xvfb: install xvfb (see ../shared/docs/ECOSYSTEM.md) or run under xvfb-run."
        )
    for number in range(90, 140):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        process = subprocess.Popen(
            [binary, f":{number}", "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not Path(f"/tmp/.X11-unix/X{number}").exists():
            if process.poll() is not None:
                break
            time.sleep(0.05)
        if process.poll() is None:
            os.environ["DISPLAY"] = f":{number}"
            return process
    sys.exit("Could not start Xvfb on any display between :90 and :139.")


# -- synthetic data --------------------------------------------------------------------------------------
def make_data(home: Path) -> list[list[str]]:
    """A store with two operators, a roster, a few enrolments and certifications, cases; devices."""
    import cv2

    from capture.devices import CardRecord
    from capture.idcard.replay import record_to_json
    from fieldkit import auth
    from fieldkit.config import MachineConfig, save_config
    from fieldkit.demo.data import people_rows, roster_csv
    from fieldkit.devices.replay_kit import replay_kit
    from fieldkit.devices.settings import DeviceSetting
    from fieldkit.paths import store_path
    from fieldkit.workflows.certification import certify
    from fieldkit.workflows.enrollment import enroll
    from fieldkit.workflows.roster_import import import_roster
    from matching.synthetic_palm import synthetic_hand
    from storage.store import Store

    cycle = dt.date.today().year
    rows = list(people_rows(36, seed=cycle))

    def card(row: list[str], source: str = "simulated") -> CardRecord:
        return CardRecord(
            id_number=row[0],
            name=row[1],
            gender="male" if row[2] == "男" else "female",
            birth_date=dt.date.fromisoformat(row[3]),
            address=row[5],
            source=source,
        )

    store = Store.create(store_path(home), PASSPHRASE)
    try:
        lead = auth.add_operator(
            store, login="lead", name="王组长", role="supervisor", password=PASSWORDS["lead"], actor="setup"
        )
        clerk = auth.add_operator(
            store,
            login="clerk",
            name="李办事员",
            role="operator",
            password=PASSWORDS["clerk"],
            actor=lead.uuid,
        )
        (home / "roster.csv").write_bytes(roster_csv(rows))
        import_roster(store, home / "roster.csv", cycle=cycle, region="130400", actor=lead.uuid)
        for number, identity in ((2, 1), (3, 100), (4, 7), (5, 5)):
            hands = {
                h: [synthetic_hand(identity + (h == "right") * 1000, i) for i in range(3)]
                for h in ("left", "right")
            }
            enroll(
                store, card=card(rows[number]), face_image=None, palm_images=hands, actor=clerk.uuid,
                device="replay-palm", place=PLACE, cycle=cycle,
            )  # fmt: skip
        for number, identity in ((2, 1), (3, 100)):
            certify(
                store, card=card(rows[number]), palm_images={"left": synthetic_hand(identity, 7)},
                face_image=None, actor=clerk.uuid, device="replay-palm", place=PLACE, cycle=cycle,
            )  # fmt: skip
        # a card the roster does not know (ID-mismatch case) and a bandaged hand (capture-failure case)
        stranger = CardRecord(id_number="11010519491231002X", name="赵外省", source="manual")
        left = [synthetic_hand(8, i) for i in range(3)]
        enroll(
            store, card=stranger, face_image=None, palm_images={"left": left},
            hand_failures={"right": "injury"}, actor=clerk.uuid, device="replay-palm", place="家访",
            cycle=cycle,
        )  # fmt: skip
    finally:
        store.close()
    replay_kit(home)
    (home / "cards.jsonl").write_text(
        "\n".join(record_to_json(card(row)) for row in rows[:2]) + "\n", encoding="utf-8"
    )
    palms = home / "palms"
    palms.mkdir()
    for index in range(4):
        cv2.imwrite(str(palms / f"{index:03d}.png"), synthetic_hand(300, index))
    config = MachineConfig(team="邯郸市社保中心 第三组", place="丛台区社区服务站")
    config.devices["card_reader"] = DeviceSetting("idcard-replay", {"path": str(home / "cards.jsonl")})
    config.devices["palm_scanner"] = DeviceSetting("replay-palm", {"path": str(palms), "fps": 6})
    config.sync.hq_url, config.sync.region = "https://hq.example:8600", "130400"
    save_config(home, config)
    return rows


# -- driving the window -----------------------------------------------------------------------------------
class Shooter:
    """Waits on the event loop and saves numbered screenshots of the window as X shows it."""

    def __init__(self, out: Path) -> None:
        from PyQt5.QtWidgets import QApplication

        self.app = QApplication.instance()
        self.out = out
        self.count = 0
        self.saved: list[Path] = []

    def wait(self, condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for: {what or condition}")
            self.app.processEvents()  # type: ignore[union-attr]
            time.sleep(0.01)

    def pause(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        self.wait(lambda: time.monotonic() >= end, seconds + 5)

    def shot(self, widget: object, name: str) -> None:
        from PyQt5.QtWidgets import QApplication

        self.pause(0.3)  # note: let layouts settle and X draw the last frame
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        screen = QApplication.primaryScreen()
        image = screen.grabWindow(int(widget.winId()))  # type: ignore[attr-defined, union-attr]
        image.save(str(path))
        self.saved.append(path)
        print(f"  {path.name}")


def idle(shooter: Shooter, tasks: object) -> None:
    shooter.wait(lambda: tasks.pending == 0, 30, "background work")  # type: ignore[attr-defined]


def run(out: Path, width: int, height: int, font: int) -> list[Path]:
    import gui_screenshots_liveness as liveness
    import gui_screenshots_paths as paths

    from fieldkit.gui.app import build_window, make_application
    from fieldkit.gui.prefs import Prefs

    app = make_application()  # note: keep a reference, or Python frees the application and its windows
    shooter = Shooter(out)
    assert shooter.app is app
    work = Path(tempfile.mkdtemp(prefix="fieldkit-shots-"))
    try:
        # first start, in an empty folder
        fresh = work / "fresh"
        fresh.mkdir()
        Prefs(font_size=font).save(fresh)
        window, session, tasks = build_window(fresh)
        window.fit_to_screen()  # note: as the app opens on the laptop (the X screen is that size)
        window.show()
        screen = window.first_start
        screen.passphrase.setText("two rivers meet below the old bridge")
        screen.team.setText("邯郸市社保中心 第三组")
        screen.login.setText("wang")
        screen.name.setText("王组长")
        shooter.shot(window, "first-start")
        window.close()

        home = work / "home"
        home.mkdir()
        rows = make_data(home)
        Prefs(font_size=font).save(home)
        window, session, tasks = build_window(home)
        window.fit_to_screen()
        window.show()
        unlock = window.unlock
        unlock.passphrase.setText("wrong passphrase")
        unlock.open_store()
        shooter.wait(
            lambda: unlock.open_button.isEnabled() and bool(unlock.store_message.text()), 20, "refusal"
        )
        shooter.shot(window, "unlock-wrong-passphrase")
        unlock.passphrase.setText(PASSPHRASE)
        unlock.open_store()
        shooter.wait(lambda: unlock.on_login_step, 20, "store open")
        unlock.login.setText("clerk")
        unlock.password.setText(PASSWORDS["clerk"])
        shooter.shot(window, "login")
        unlock.log_in()
        shooter.wait(lambda: not window.locked, 20, "log in")
        idle(shooter, tasks)
        shooter.shot(window, "today")

        # enrolment, step by step
        window.show_screen("enrol")
        wizard = window.enrol
        shooter.shot(window, "enrol-1-card")
        wizard.step("card").input.read()
        shooter.wait(lambda: wizard.current_step().key == "match", 20, "identification")
        shooter.shot(window, "enrol-2-roster")
        wizard.step("match").next_button.click()
        shooter.pause(1.5)
        shooter.shot(window, "enrol-3-face-live")
        wizard.step("face").skip()
        left = wizard.step("left")
        shooter.wait(lambda: len(wizard.draft.samples["left"]) >= 2, 30, "two left samples")
        shooter.shot(window, "enrol-4-left-palm")
        shooter.wait(lambda: left.next_button.isEnabled(), 30, "left palm")
        left.next_button.click()
        right = wizard.step("right")
        shooter.wait(lambda: right.next_button.isEnabled(), 30, "right palm")
        right.next_button.click()
        duplicates = wizard.step("duplicates")
        shooter.wait(lambda: duplicates.next_button.isEnabled(), 30, "duplicate search")
        shooter.shot(window, "enrol-6-duplicates")
        duplicates.next_button.click()
        review = wizard.step("review")
        review.retiree_pad.add_stroke([(0.08, 0.6), (0.2, 0.3), (0.3, 0.7), (0.45, 0.35), (0.6, 0.65)])
        review.operator_pad.add_stroke([(0.1, 0.5), (0.3, 0.45), (0.5, 0.6), (0.8, 0.4)])
        shooter.shot(window, "enrol-7-review-sign")
        review.save()
        shooter.wait(lambda: wizard.current_step().key == "receipt", 60, "save")
        panel = wizard.step("receipt").panel
        shooter.wait(lambda: panel.view is not None, 30, "receipt")
        idle(shooter, tasks)
        shooter.shot(window, "enrol-8-receipt")

        # certification: the person just enrolled (accepted), then someone with another palm
        window.start_certification(rows[0][0], rows[0][1])
        certify = window.certify
        certify.input.use_typed()
        shooter.wait(lambda: certify.banner.outcome != "", 30, "certification")
        idle(shooter, tasks)
        shooter.shot(window, "certify-accepted")
        certify.reset()
        certify.input.prefill(rows[4][0], rows[4][1])
        certify.input.use_typed()
        shooter.wait(lambda: certify.banner.outcome != "", 30, "certification 2")
        idle(shooter, tasks)
        shooter.shot(window, "certify-not-matched")
        certify.reset()
        paths.not_matched_and_case(shooter, window, tasks, rows[5])
        certify.input.prefill(rows[6][0], rows[6][1])
        certify.input.use_typed()
        shooter.wait(lambda: certify.banner.outcome != "", 30, "certification 3")
        shooter.shot(window, "certify-not-enrolled")
        paths.field_paths(shooter, window, tasks)
        liveness.liveness(shooter, window, session, tasks, rows)

        # cases (the clerk is logged in: a supervisor will be asked for)
        window.show_screen("cases")
        cases = window.screens["cases"]
        shooter.wait(lambda: cases.table.rowCount() > 0, 20, "cases")
        cases.table.selectRow(0)
        shooter.wait(lambda: cases.detail is not None, 20, "case detail")
        cases.note.setPlainText("已电话核实，名册将更正。")
        shooter.shot(window, "cases")
        cases.decide(True)
        shooter.pause(0.5)
        shooter.shot(window, "cases-supervisor-dialog")
        from fieldkit.gui.screens.supervisor_dialog import SupervisorDialog

        dialog = cases.findChild(SupervisorDialog)
        if dialog is not None:
            dialog.reject()

        window.show_screen("sync")
        idle(shooter, tasks)
        shooter.shot(window, "sync")

        window.show_screen("receipts")
        receipts = window.screens["receipts"]
        shooter.wait(lambda: receipts.table.rowCount() > 0, 20, "receipts")
        receipts.table.selectRow(0)
        shooter.wait(lambda: receipts.panel.view is not None, 20, "receipt")
        idle(shooter, tasks)
        receipts.code.setText(receipts.panel.view.qr)
        receipts.verify()
        idle(shooter, tasks)
        shooter.shot(window, "receipts")
        paths.print_preview(shooter, window, tasks)

        window.show_screen("settings")
        settings = window.screens["settings"]
        session.hub.present(rows[0][0], "left")
        settings.devices.test("palm_scanner")
        shooter.pause(1.5)
        shooter.shot(window, "settings-devices")
        settings.tabs.setCurrentIndex(1)
        shooter.shot(window, "settings-display")
        settings.tabs.setCurrentIndex(2)
        shooter.shot(window, "settings-policy")
        settings.tabs.setCurrentIndex(0)
        paths.settings_pages(shooter, window, session)
        liveness.policy_fields(shooter, window, session)
        paths.start_over_question(shooter, window)

        # the idle lock, then English
        window.set_idle_milliseconds(300)
        shooter.wait(lambda: window.locked, 10, "idle lock")
        shooter.shot(window, "locked-after-idle")
        window.set_idle_milliseconds(600_000)
        window._toggle_language()
        shooter.shot(window, "en-login")
        window.unlock.login.setText("lead")
        window.unlock.password.setText(PASSWORDS["lead"])
        window.unlock.log_in()
        shooter.wait(lambda: not window.locked, 20, "log in (en)")
        window.show_screen("today")
        idle(shooter, tasks)
        shooter.shot(window, "en-today")
        window.show_screen("certify")
        window.certify.input.prefill(rows[0][0], rows[0][1])
        window.certify.input.use_typed()
        shooter.wait(lambda: window.certify.banner.outcome != "", 30, "certification (en)")
        shooter.shot(window, "en-certify-already")
        window.show_screen("enrol")
        window.enrol.step("card").input.prefill(rows[7][0], rows[7][1])
        window.enrol.step("card").input.use_typed()
        shooter.wait(lambda: window.enrol.current_step().key == "match", 20, "identification (en)")
        shooter.shot(window, "en-enrol-roster")
        paths.start_over_question(shooter, window, "en-")
        window.enrol.restart()
        paths.not_matched_and_case(shooter, window, tasks, rows[4], "en-")
        paths.field_paths(shooter, window, tasks, "en-")
        paths.print_preview(shooter, window, tasks, "en-")
        paths.settings_pages(shooter, window, session, "en-")
        liveness.liveness(shooter, window, session, tasks, rows, "en-")
        liveness.policy_fields(shooter, window, session, "en-")
        window._toggle_language()
        from fieldkit.gui.app import shutdown

        shutdown(window, session, tasks)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return shooter.saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--size", default="1366x768", help="window size (a common field laptop)")
    parser.add_argument("--font", type=int, default=14, help="base font size in points")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    args.outdir.mkdir(parents=True, exist_ok=True)
    xvfb = start_xvfb(f"{width}x{height}")  # note: the laptop's own screen; the window fits itself
    os.environ["QT_QPA_PLATFORM"] = "xcb"  # note: a real window, never offscreen
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="fieldkit-xdg-"))
    started = time.monotonic()
    try:
        saved = run(args.outdir, width, height, args.font)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    print(f"{len(saved)} screenshots in {args.outdir} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
