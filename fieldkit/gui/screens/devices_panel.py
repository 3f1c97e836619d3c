"""Devices: which driver serves each role, a live test of each, and saving the choice.

Why roles and drivers: ``fieldkit.toml`` names a driver per role (``fieldkit.config``); drivers come
from the registry, including vendor plug-ins, and a driver that cannot work on this machine is
listed with its reason. A role left empty is served by the simulation, shown as 模拟设备. Testing a
camera streams a few seconds into the preview with the quality analysis the captures use; testing
the card reader reads one card and shows the ID number masked.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from capture.devices import CardRecord
from fieldkit.config import load_config, save_config
from fieldkit.devices.hub import ROLES
from fieldkit.devices.registry import registry
from fieldkit.devices.settings import DeviceSetting
from fieldkit.gui.capture_job import CaptureJob
from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.texts import role_text
from fieldkit.gui.widgets.common import button, label, simulation_badge
from fieldkit.gui.widgets.preview_widget import PreviewWidget
from fieldkit.identity.idnumber import mask_id_number

translate = QCoreApplication.translate
KIND_OF = {"face_camera": "camera", "palm_scanner": "palm_scanner", "card_reader": "card_reader"}
SIMULATION = ""


def driver_words(name: str, description: str) -> str:
    """Our drivers in the clerk's words (translated); a vendor plug-in's own description otherwise."""
    return {
        "camera": translate("Devices", "Webcam"),
        "palm-scanner": translate("Devices", "Palm-vein scanner (USB)"),
        "replay-camera": translate("Devices", "Recorded pictures (practice)"),
        "replay-palm": translate("Devices", "Recorded palms (practice)"),
        "gps-nmea": translate("Devices", "GPS / BeiDou receiver"),
        "idcard-serial": translate("Devices", "ID-card reader"),
        "idcard-replay": translate("Devices", "Recorded ID cards (practice)"),
    }.get(name, description or name)


def parse_settings(text: str) -> dict[str, object]:
    """``index=0; port=COM3`` → {"index": 0, "port": "COM3"} (digits become numbers)."""
    settings: dict[str, object] = {}
    for part in text.replace(",", ";").split(";"):
        key, _, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if key:
            settings[key] = int(value) if value.lstrip("-").isdigit() else value
    return settings


def format_settings(settings: dict[str, object]) -> str:
    return "; ".join(f"{key}={value}" for key, value in sorted(settings.items()))


class DevicesPanel(QWidget):
    test_seconds = 3.0  # how long a camera test streams

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.drivers: dict[str, QComboBox] = {}
        self.settings: dict[str, QLineEdit] = {}
        self.badges: dict[str, QWidget] = {}
        self.status: dict[str, QLabel] = {}
        self.job: CaptureJob | None = None
        self.last_test: dict[str, object] = {}  # the last camera test's summary (driver, fps, best quality)
        grid = QGridLayout()
        entries = registry().list()
        for row, role in enumerate(ROLES):
            combo = QComboBox()
            combo.setObjectName(f"driver_{role}")
            # note: a long plug-in description must not widen the screen past 1366 pixels
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.addItem(translate("Devices", "Simulation (no hardware)"), SIMULATION)
            for entry in entries:
                if entry.kind == KIND_OF[role]:
                    # note: the clerk reads what the device is; the driver id stays in the tooltip
                    words = driver_words(entry.name, entry.description)
                    unusable = translate("Devices", "not usable here")
                    text = words if entry.available else f"{words} — {unusable}"
                    combo.addItem(text, entry.name)
                    combo.setItemData(
                        combo.count() - 1,
                        f"{entry.name}: {entry.description}" + (f" ({entry.reason})" if entry.reason else ""),
                        Qt.ItemDataRole.ToolTipRole,
                    )
            field = QLineEdit()
            field.setObjectName(f"settings_{role}")
            field.setPlaceholderText("index=0 / port=COM3 / path=…")
            field.setVisible(False)  # note: technical settings only under "Advanced"
            test = button(translate("Devices", "Test"), name=f"test_{role}")
            test.clicked.connect(lambda _=False, role=role: self.test(role))
            badge = simulation_badge()
            status = label("", "muted", name=f"status_{role}")
            self.status[role] = status
            self.drivers[role], self.settings[role], self.badges[role] = combo, field, badge
            grid.addWidget(label(role_text(role), wrap=False), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(field, row, 2)
            grid.addWidget(badge, row, 3)
            grid.addWidget(status, row, 4)
            grid.addWidget(test, row, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.preview = PreviewWidget("palm")
        self.preview.setMinimumHeight(260)
        self.result = label("", "", name="deviceTestResult")
        self.save_button = button(translate("Devices", "Save device choice"), "primary", name="saveDevices")
        self.save_button.clicked.connect(self.save)
        self.advanced = QCheckBox(translate("Devices", "Advanced: port, camera number, folder"))
        self.advanced.setObjectName("devicesAdvanced")
        self.advanced.toggled.connect(self._show_advanced)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.result, 1)
        row_buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(grid)
        layout.addWidget(self.advanced)
        layout.addLayout(row_buttons)
        layout.addWidget(self.preview, 1)
        self.load()

    def _show_advanced(self, on: bool) -> None:
        for field in self.settings.values():
            field.setVisible(on)

    def load(self) -> None:
        try:
            configured = load_config(self.session.home).devices
        except Exception as exc:
            self.result.setText(describe(exc).full())
            configured = {}
        for role in ROLES:
            setting = configured.get(role)
            combo = self.drivers[role]
            index = combo.findData(setting.driver) if setting else 0
            combo.setCurrentIndex(max(index, 0))
            self.settings[role].setText(format_settings(setting.settings) if setting else "")
            state = self.session.hub.state(role)
            self.badges[role].setVisible(state.simulated)
            self.status[role].setText(
                translate("Devices", "open now")
                if role in self.session.hub.open_roles()
                else translate("Devices", "ready (opens when needed)")
            )

    def save(self) -> None:
        """Write fieldkit.toml and drop open devices so the next use opens the new choice."""
        try:
            config = load_config(self.session.home)
        except Exception as exc:
            self.result.setText(describe(exc).full())
            return
        for role in ROLES:
            driver = str(self.drivers[role].currentData() or "")
            if driver:
                config.devices[role] = DeviceSetting(driver, parse_settings(self.settings[role].text()))
            else:
                config.devices.pop(role, None)
        save_config(self.session.home, config)
        self.session.hub.close_all()
        self.load()
        self.result.setText(translate("Devices", "Saved. The new devices are used from the next capture."))

    def test(self, role: str) -> None:
        self.stop()
        self.result.setText(translate("Devices", "Testing {device}…").format(device=role_text(role)))
        if role == "card_reader":
            hub = self.session.hub

            def read() -> CardRecord:
                reader = hub.card_reader()
                if not reader.wait_for_card(timeout=5.0):
                    from capture.errors import CardError

                    raise CardError("no card", code="card.none")
                return reader.read_card()

            self.session.tasks.io(
                read,
                lambda card: self.result.setText(
                    translate("Devices", "Card read ✔ ID {masked}").format(
                        masked=mask_id_number(card.id_number)
                    )
                ),
                lambda error: self.result.setText(describe(error).full()),
                owner=self,
            )
            return
        kind = "face" if role == "face_camera" else "palm"
        self.preview.kind = kind
        self.preview.reset()
        self.preview.set_simulated(self.session.hub.state(role).simulated)
        self.job = CaptureJob(self.session.hub, kind, parent=self)
        self.job.preview.connect(self.preview.show_frame)
        self.job.tested.connect(self._tested)
        self.job.failed.connect(lambda error: self.result.setText(describe(error).full()))
        self.job.start_test(self.test_seconds)

    def _tested(self, summary: dict[str, object]) -> None:
        self.last_test = summary
        role = "face_camera" if self.preview.kind == "face" else "palm_scanner"
        self.status[role].setText(translate("Devices", "test passed ✔"))
        self.result.setText(
            translate("Devices", "{driver}: {resolution}, {fps} frames/s, best quality {best}").format(
                **summary
            )
        )

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
