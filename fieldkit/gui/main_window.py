"""The window: first start or unlock, then the workspace (navigation, header, one screen at a time).

Why the lock lives here: idle time is measured over every key press and click of the application,
and locking must pause the captures of whichever screen is open while keeping its unsaved work;
after the operator logs in again, the same screen continues. Changing the language rebuilds the
screens (Qt widgets do not re-translate themselves) but hands an unfinished enrolment over intact.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, QTimer
from PyQt5.QtGui import QCloseEvent, QKeySequence
from PyQt5.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QShortcut,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui import i18n, style
from fieldkit.gui.prefs import Prefs
from fieldkit.gui.screens.cases_screen import CasesScreen
from fieldkit.gui.screens.certification_screen import CertificationScreen
from fieldkit.gui.screens.enrollment_screen import EnrollmentScreen
from fieldkit.gui.screens.first_start_screen import FirstStartScreen
from fieldkit.gui.screens.receipts_screen import ReceiptsScreen
from fieldkit.gui.screens.settings_screen import SettingsScreen
from fieldkit.gui.screens.sync_screen import SyncScreen
from fieldkit.gui.screens.today_screen import TodayScreen
from fieldkit.gui.screens.unlock_screen import UnlockScreen
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import ElidedLabel, button, label, scrolling, set_role, simulation_badge
from fieldkit.services.overview import HeaderStatus, header_status

translate = QCoreApplication.translate
SCREENS = ("today", "enrol", "certify", "cases", "sync", "receipts", "settings")
DEFAULT_SIZE = QSize(1280, 800)
FRAME_ALLOWANCE = QSize(2, 32)  # title bar and borders of a typical window manager, before the first show
DEVICE_IDLE_MS = 60_000
DEVICE_LEAVE_MS = 1_500  # time for a stopped capture's thread to let go of its device
ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin)


def screen_names() -> dict[str, str]:
    return {
        "today": translate("Window", "Today"),
        "enrol": translate("Window", "Enrol"),
        "certify": translate("Window", "Certify"),
        "cases": translate("Window", "Cases"),
        "sync": translate("Window", "Sync"),
        "receipts": translate("Window", "Receipts"),
        "settings": translate("Window", "Settings"),
    }


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("mainWindow")
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(lambda: self.lock(idle=True))
        # note: devices close a minute after the last key or click (or at once when a capture screen
        # is left or the window locks); one single-shot timer, nothing polls while the clerk waits
        self.device_idle = QTimer(self)
        self.device_idle.setSingleShot(True)
        self.device_idle.setInterval(DEVICE_IDLE_MS)
        self.device_idle.timeout.connect(self._release_idle_devices)
        self.set_idle_minutes(session.prefs.idle_minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        session.operator_changed.connect(self._update_header)
        session.data_changed.connect(self._data_changed)
        self.screens: dict[str, QWidget] = {}
        self._build()
        self.fit_to_screen()

    # -- construction -------------------------------------------------------------------------------
    def _build(self) -> None:
        session = self.session
        self.setWindowTitle(translate("Window", "fieldkit — enrolment and certification"))
        self.pages = QStackedWidget()
        self.first_start = FirstStartScreen(session)
        self.first_start.created.connect(lambda _: self._enter_workspace())
        self.unlock = UnlockScreen(session)
        self.unlock.unlocked.connect(lambda _: self._enter_workspace())
        self.unlock.language_toggled.connect(self._toggle_language)
        self.today = TodayScreen(session)
        self.enrol = EnrollmentScreen(session)
        self.certify = CertificationScreen(session)
        self.screens = {
            "today": self.today,
            "enrol": self.enrol,
            "certify": self.certify,
            "cases": CasesScreen(session),
            "sync": SyncScreen(session),
            "receipts": ReceiptsScreen(session),
            "settings": SettingsScreen(session),
        }
        settings = self.screens["settings"]
        assert isinstance(settings, SettingsScreen)
        settings.prefs_changed.connect(self.apply_prefs)
        self.today.enrol_requested.connect(self.start_enrolment)
        self.today.certify_requested.connect(self.start_certification)
        self.enrol.certify_instead.connect(self.start_certification)
        self.certify.enrol_instead.connect(self.start_enrolment)

        self.stack = QStackedWidget()
        nav = QFrame()
        nav.setObjectName("navigation")
        nav_layout = QVBoxLayout(nav)
        self.nav_group = QButtonGroup(self)
        self.nav_buttons: dict[str, QPushButton] = {}
        for index, (key, name) in enumerate(screen_names().items(), start=1):
            # note: each screen scrolls on its own: a stack is as tall as its tallest page otherwise
            self.stack.addWidget(scrolling(self.screens[key]))
            nav_button = button(f"{name}", "nav", name=f"nav_{key}")
            nav_button.setCheckable(True)
            nav_button.setToolTip(f"Ctrl+{index}")
            nav_button.clicked.connect(lambda _=False, key=key: self.show_screen(key))
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index}"), self)
            shortcut.activated.connect(lambda key=key: self.show_screen(key))
            self.nav_group.addButton(nav_button)
            self.nav_buttons[key] = nav_button
            nav_layout.addWidget(nav_button)
        nav_layout.addStretch(1)
        self.lock_button = button(translate("Window", "Lock (Ctrl+L)"), name="lockButton")
        self.lock_button.clicked.connect(lambda: self.lock())
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(lambda: self.lock())
        nav_layout.addWidget(self.lock_button)

        self.who = label("", "subtitle", name="whoLabel", wrap=False)
        self.where = ElidedLabel("muted", name="whereLabel")
        self.sync_state = ElidedLabel("muted", name="syncState")
        self.device_state = ElidedLabel("muted", name="deviceState")
        self.badge = simulation_badge()
        header = QHBoxLayout()
        header.setContentsMargins(8, 8, 0, 0)
        header.addWidget(self.who)
        header.addWidget(self.where, 2)
        header.addWidget(self.sync_state, 3)
        header.addWidget(self.device_state, 2)
        header.addWidget(self.badge)
        workspace = QWidget()
        right = QVBoxLayout()
        right.addLayout(header)
        right.addWidget(self.stack, 1)
        body = QHBoxLayout(workspace)
        body.setContentsMargins(0, 0, 8, 8)
        body.addWidget(nav)
        body.addLayout(right, 1)
        self.workspace = workspace
        for page in (self.first_start, self.unlock):
            self.pages.addWidget(scrolling(page))
        self.pages.addWidget(workspace)
        self.setCentralWidget(self.pages)
        self.current = "today"

    def rebuild(self) -> None:
        """Recreate every screen in the current language, keeping an unfinished enrolment."""
        draft, step = self.enrol.draft, self.enrol.step_index
        was_workspace = self.pages.currentWidget() is self.workspace
        current = self.current
        self.enrol.pause()
        self.certify.pause()
        old = self.centralWidget()
        self._build()
        if old is not None:
            old.deleteLater()
        if draft.in_progress:
            self.enrol.draft = draft
            self.enrol.show_step(step)
        if was_workspace and self.session.operator is not None:
            self._enter_workspace(current)
        else:
            self.start()

    # -- flow ---------------------------------------------------------------------------------------
    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Open at most 1280×800 and never larger than the screen's free area (above a taskbar).

        ``available`` is for tests (a 1366×698 laptop screen); by default the screen's own
        ``availableGeometry``. Every page scrolls inside the window, so no screen can grow it.
        """
        if available is None:
            screen = self.screen() or QApplication.primaryScreen()
            if screen is None:
                self.resize(DEFAULT_SIZE)
                return
            available = screen.availableGeometry()
        self.available = available
        # note: the frame (title bar, borders) is outside ``size()``; allow for it before it exists
        frame_w = max(self.frameGeometry().width() - self.width(), 0) or FRAME_ALLOWANCE.width()
        frame_h = max(self.frameGeometry().height() - self.height(), 0) or FRAME_ALLOWANCE.height()
        width = min(DEFAULT_SIZE.width(), available.width() - frame_w)
        height = min(DEFAULT_SIZE.height(), available.height() - frame_h)
        self.resize(width, height)
        self.move(
            available.x() + max((available.width() - width - frame_w) // 2, 0),
            available.y() + max((available.height() - height - frame_h) // 2, 0),
        )

    def start(self) -> None:
        """Show first start (no store yet) or the unlock screen."""
        if not self.session.store_exists and self.session.store is None:
            self.pages.setCurrentIndex(0)
            return
        self.unlock.prepare()
        self.pages.setCurrentIndex(1)

    def _enter_workspace(self, screen: str = "") -> None:
        self.pages.setCurrentWidget(self.workspace)
        self._update_header()
        self.idle.start()
        self.show_screen(screen or self.current)

    def show_screen(self, key: str) -> None:
        if self.pages.currentWidget() is not self.workspace:
            return
        if self.current == "enrol" and key != "enrol":
            self.enrol.pause()
        if self.current == "certify" and key != "certify":
            self.certify.pause()
        if self.current in ("enrol", "certify", "settings") and key != self.current:
            self.device_idle.start(DEVICE_LEAVE_MS)
        self.current = key
        widget = self.screens[key]
        self.stack.setCurrentIndex(SCREENS.index(key))
        self.nav_buttons[key].setChecked(True)
        if key == "enrol":
            self.enrol.resume()
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()

    def start_enrolment(self, id_number: str, name: str) -> None:
        self.show_screen("enrol")
        self.enrol.prefill(id_number, name)

    def start_certification(self, id_number: str, name: str) -> None:
        self.show_screen("certify")
        self.certify.prefill(id_number, name)

    def lock(self, *, idle: bool = False) -> None:
        """Hide everything behind the login; captures stop, unsaved work stays."""
        if self.session.operator is None:
            return
        self.idle.stop()
        self.enrol.pause()
        self.certify.pause()
        self.session.lock()
        self.device_idle.start(DEVICE_LEAVE_MS)
        self.unlock.prepare(locked_by_idle=idle)
        self.pages.setCurrentIndex(1)

    def current_page(self) -> QWidget | None:
        """The page shown (first start, unlock or the workspace), without its scroll area."""
        page = self.pages.currentWidget()
        inner = page.widget() if isinstance(page, QScrollArea) else None
        return inner or page

    @property
    def locked(self) -> bool:
        return self.pages.currentWidget() is not self.workspace

    # -- header, preferences, idle ------------------------------------------------------------------
    def _update_header(self) -> None:
        operator = self.session.operator
        if operator is None:
            self.who.setText("")
        else:
            role = (
                translate("Window", "supervisor")
                if operator.role == "supervisor"
                else translate("Window", "operator")
            )
            self.who.setText(f"{operator.name} ({role})")
        config = self.session.config
        self.where.set_full_text(" · ".join(part for part in (config.team, config.place) if part))
        self.badge.setVisible(self.session.hub.any_simulated())
        self._update_status()

    def _update_status(self) -> None:
        """Last sync, what waits for HQ, the devices: the header's status (store read on its thread)."""
        hub = self.session.hub
        states = [hub.state(role) for role in ("card_reader", "palm_scanner", "face_camera")]
        missing = [s.role for s in states if not s.configured and not s.simulated]
        simulated = sum(1 for s in states if s.simulated)
        text = translate("Window", "Devices: {n} ready").format(n=len(states) - len(missing))
        if simulated:
            text += " " + translate("Window", "({n} simulated)").format(n=simulated)
        self.device_state.set_full_text(text + " — " + ", ".join(f"{s.role}: {s.driver}" for s in states))
        store = self.session.store
        if store is None:
            return
        self.session.tasks.store(lambda: header_status(store), self._show_status, owner=self)

    def _show_status(self, status: HeaderStatus) -> None:
        last = status.last_sent or translate("Window", "never")
        self.sync_state.set_full_text(
            translate("Window", "Last sent to HQ: {when} · {n} waiting").format(when=last, n=status.unsynced)
        )
        set_role(self.sync_state, "warning" if status.unsynced else "muted")

    def _release_idle_devices(self) -> None:
        self.session.hub.release_idle()

    def _data_changed(self) -> None:
        self._update_status()
        if self.current == "today":
            self.today.refresh()

    def set_idle_minutes(self, minutes: float) -> None:
        self.idle.setInterval(max(int(minutes * 60_000), 1000))

    def set_idle_milliseconds(self, milliseconds: int) -> None:
        """For tests: a very short idle lock."""
        self.idle.setInterval(milliseconds)
        if not self.locked:
            self.idle.start()

    def apply_prefs(self, prefs: Prefs) -> None:
        app = QApplication.instance()
        language_changed = i18n.current_language() != prefs.language
        if isinstance(app, QApplication):
            style.apply(app, prefs.font_size)
        self.set_idle_minutes(prefs.idle_minutes)
        if language_changed:
            i18n.install(prefs.language)
            self.rebuild()

    def _toggle_language(self) -> None:
        prefs = self.session.prefs
        prefs.language = "en" if prefs.language == "zh_CN" else "zh_CN"
        prefs.save(self.session.home)
        self.apply_prefs(prefs)

    def eventFilter(self, watched: QObject | None, event: QEvent | None) -> bool:
        if event is not None and event.type() in ACTIVITY and not self.locked:
            self.idle.start()  # note: restarting a single-shot timer is cheap; it runs on every key
            self.device_idle.start(DEVICE_IDLE_MS)
        return False

    def closeEvent(self, event: QCloseEvent | None) -> None:
        # note: a closed window must never wake up again: its idle lock and device release would
        # run on a session whose store is already closed (seen as a crash at the end of a test run)
        self.idle.stop()
        self.device_idle.stop()
        self.enrol.pause()
        self.certify.pause()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.session.hub.close_all()
        super().closeEvent(event)
