"""Devices & settings: devices, the display (language, font size, idle lock) and the policy.

Why the policy is shown to everyone but saved only by a supervisor: the clerk should be able to see
which error rates the decisions run at (and the thresholds they give), but a change alters every
decision from then on, so it needs a supervisor's password and is audited in the store. A policy the
calibration data cannot vouch for is refused with the reason.
"""

from __future__ import annotations

import dataclasses

from PyQt5.QtCore import QCoreApplication, Qt, pyqtSignal
from PyQt5.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.errors import describe
from fieldkit.gui.i18n import LANGUAGE_NAMES
from fieldkit.gui.prefs import FONT_SIZES, Prefs
from fieldkit.gui.screens.devices_panel import DevicesPanel
from fieldkit.gui.screens.operators_panel import OperatorsPanel
from fieldkit.gui.screens.supervisor_dialog import SupervisorDialog
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, label, title
from fieldkit.workflows.policy import DecisionContext
from fieldkit.workflows.stored_policy import PolicySettings, write_policy
from matching.fusion import Policy
from storage.records import Operator

translate = QCoreApplication.translate
FAR_CHOICES = (1e-2, 1e-3, 1e-4, 1e-5, 1e-6)


def far_words(far: float) -> str:
    """An error rate as a clerk says it: 万分之一 / "1 in 10,000"."""
    return {
        1e-2: translate("Policy", "1 in 100"),
        1e-3: translate("Policy", "1 in 1,000"),
        1e-4: translate("Policy", "1 in 10,000"),
        1e-5: translate("Policy", "1 in 100,000"),
        1e-6: translate("Policy", "1 in 1,000,000"),
    }.get(far, f"{far:g}")


def _far_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for far in FAR_CHOICES:
        combo.addItem(far_words(far), far)
        combo.setItemData(combo.count() - 1, f"FAR {far:.0e}", Qt.ItemDataRole.ToolTipRole)
    return combo


class SettingsScreen(QWidget):
    """Emits ``prefs_changed`` when the display preferences were applied."""

    prefs_changed = pyqtSignal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.devices = DevicesPanel(session)
        self.operators = OperatorsPanel(session)

        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.font_size = QComboBox()
        self.font_size.setObjectName("fontSizeChoice")
        for size in FONT_SIZES:
            self.font_size.addItem(str(size), size)
        self.idle = QDoubleSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(1, 120)
        self.idle.setDecimals(0)
        self.idle.setSuffix(self.tr(" min"))
        apply_button = button(self.tr("Apply"), "primary", name="applyPrefs")
        apply_button.clicked.connect(self.apply_prefs)
        display = QWidget()
        form = QFormLayout(display)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Font size"), self.font_size)
        form.addRow(self.tr("Lock the screen after"), self.idle)
        form.addRow("", apply_button)

        self.palm_far, self.face_far, self.fused_far = (
            _far_combo("palmFar"),
            _far_combo("faceFar"),
            _far_combo("fusedFar"),
        )
        self.margin = QDoubleSpinBox()
        self.margin.setObjectName("retryMargin")
        self.margin.setRange(0.0, 0.5)
        self.margin.setSingleStep(0.01)
        self.attempts = QSpinBox()
        self.attempts.setObjectName("maxAttempts")
        self.attempts.setRange(1, 10)
        self.samples = QSpinBox()
        self.samples.setObjectName("samplesPerHand")
        self.samples.setRange(1, 10)
        self.thresholds = label("", "muted", name="thresholds")
        # note: the liveness policy in plain words; the passive threshold stays with the CLI's expert
        # `fieldkit policy liveness` and is kept as it is when the supervisor saves here
        self.face_liveness = QComboBox()
        self.face_liveness.setObjectName("faceLiveness")
        self.face_liveness.addItem(self.tr("Off"), "off")
        self.face_liveness.addItem(self.tr("Required"), "required")
        self.palm_liveness = QComboBox()
        self.palm_liveness.setObjectName("palmLiveness")
        self.palm_liveness.addItem(self.tr("Off"), "off")
        self.palm_liveness.addItem(self.tr("When the device supports it"), "if_available")
        self.palm_liveness.addItem(self.tr("Required"), "required")
        # note: the same two choices for enrolment (the base every later year is matched against)
        self.enrol_face_liveness = QComboBox()
        self.enrol_face_liveness.setObjectName("enrolFaceLiveness")
        self.enrol_face_liveness.addItem(self.tr("Off"), "off")
        self.enrol_face_liveness.addItem(self.tr("Required"), "required")
        self.enrol_palm_liveness = QComboBox()
        self.enrol_palm_liveness.setObjectName("enrolPalmLiveness")
        self.enrol_palm_liveness.addItem(self.tr("Off"), "off")
        self.enrol_palm_liveness.addItem(self.tr("When the device supports it"), "if_available")
        self.enrol_palm_liveness.addItem(self.tr("Required"), "required")
        self.plain = label("", "", name="policyPlain")
        self.policy_note = label("", "muted", name="policyNote")
        self.policy_message = label("", "error", name="policyMessage")
        self.save_policy_button = button(self.tr("Save policy"), "primary", name="savePolicy")
        self.save_policy_button.clicked.connect(self.save_policy)
        policy = QWidget()
        policy_layout = QVBoxLayout(policy)
        policy_layout.addWidget(self.plain)
        form = QFormLayout()
        form.addRow(self.tr("A stranger's palm may pass at most"), self.palm_far)
        form.addRow(self.tr("With palm and face together, at most"), self.fused_far)
        form.addRow(self.tr("A face alone sends to a supervisor at"), self.face_far)
        form.addRow(self.tr("Face gesture check (liveness)"), self.face_liveness)
        form.addRow(self.tr("Palm vein liveness"), self.palm_liveness)
        form.addRow(self.tr("Face gesture check at enrolment"), self.enrol_face_liveness)
        form.addRow(self.tr("Palm vein liveness at enrolment"), self.enrol_palm_liveness)
        policy_layout.addLayout(form)
        # note: the expert values sit behind "Advanced", offered to supervisors only
        self.advanced_toggle = QCheckBox(self.tr("Advanced (supervisor): attempts, margins, thresholds"))
        self.advanced_toggle.setObjectName("policyAdvanced")
        self.advanced_box = QWidget()
        advanced = QFormLayout(self.advanced_box)
        advanced.addRow(self.tr("Retry margin"), self.margin)
        advanced.addRow(self.tr("Attempts before review"), self.attempts)
        advanced.addRow(self.tr("Samples per hand at enrolment"), self.samples)
        advanced.addRow(self.thresholds)
        self.advanced_box.setVisible(False)
        self.advanced_toggle.toggled.connect(self.advanced_box.setVisible)
        policy_layout.addWidget(self.advanced_toggle)
        policy_layout.addWidget(self.advanced_box)
        policy_layout.addWidget(self.policy_note)
        policy_layout.addWidget(self.policy_message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_policy_button)
        policy_layout.addLayout(row)
        policy_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self.devices, self.tr("Devices"))
        self.tabs.addTab(display, self.tr("Display"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(policy)
        self.tabs.addTab(scroll, self.tr("Policy"))
        self.tabs.addTab(self.operators, self.tr("Operators"))
        layout = QVBoxLayout(self)
        layout.addWidget(title(self.tr("Devices & settings")))
        layout.addWidget(self.tabs, 1)

    # -- showing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        prefs = self.session.prefs
        self.language.setCurrentIndex(max(self.language.findData(prefs.language), 0))
        self.font_size.setCurrentIndex(max(self.font_size.findData(prefs.font_size), 0))
        self.idle.setValue(prefs.idle_minutes)
        self.devices.load()
        self.operators.load()
        self._show_policy(self.session.policy, self.session.context)

    def _show_policy(self, settings: PolicySettings, context: DecisionContext | None) -> None:
        policy = settings.policy
        for combo, value in (
            (self.palm_far, policy.palm_alone_far),
            (self.face_far, policy.face_alone_far),
            (self.fused_far, policy.fused_far),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.margin.setValue(policy.retry_margin)
        self.attempts.setValue(policy.max_attempts)
        self.samples.setValue(settings.samples_per_hand)
        self.face_liveness.setCurrentIndex(max(self.face_liveness.findData(settings.liveness.face_active), 0))
        self.palm_liveness.setCurrentIndex(max(self.palm_liveness.findData(settings.liveness.palm), 0))
        for choice, mode in (
            (self.enrol_face_liveness, settings.liveness.enrolment_face_active),
            (self.enrol_palm_liveness, settings.liveness.enrolment_palm),
        ):
            choice.setCurrentIndex(max(choice.findData(mode), 0))
        self.plain.setText(
            self.tr(
                "A palm is accepted when the chance that it is someone else's is below {palm}; with the face "
                "as well, below {fused}. A face alone never certifies: it sends the person to a supervisor. "
                "After {attempts} attempts without a clear answer, a supervisor looks."
            ).format(
                palm=far_words(policy.palm_alone_far),
                fused=far_words(policy.fused_far),
                attempts=policy.max_attempts,
            )
        )
        self.advanced_toggle.setVisible(self.session.is_supervisor)
        if not self.session.is_supervisor:
            self.advanced_toggle.setChecked(False)
        if context is not None:
            names = {
                "palm": self.tr("palm"),
                "face": self.tr("face"),
                "fused": self.tr("palm and face"),
                "palm_floor": self.tr("palm floor with face"),
            }
            shown = ", ".join(
                f"{names.get(key, key)} {value:.3f}" for key, value in sorted(context.thresholds.items())
            )
            self.thresholds.setText(self.tr("Score thresholds in use: {values}").format(values=shown))
        self.policy_note.setText(
            self.tr("You are a supervisor: you may change the policy.")
            if self.session.is_supervisor
            else self.tr(
                "Only a supervisor may change the policy; you will be asked for a supervisor's password."
            )
        )

    # -- saving -------------------------------------------------------------------------------------
    def apply_prefs(self) -> None:
        prefs = Prefs(
            language=str(self.language.currentData()),
            font_size=int(self.font_size.currentData()),
            idle_minutes=float(self.idle.value()),
        )
        prefs.save(self.session.home)
        self.session.prefs = prefs
        self.prefs_changed.emit(prefs)

    def _policy_from_fields(self) -> PolicySettings:
        return PolicySettings(
            Policy(
                palm_alone_far=float(self.palm_far.currentData()),
                fused_far=float(self.fused_far.currentData()),
                face_alone_far=float(self.face_far.currentData()),
                retry_margin=round(self.margin.value(), 3),
                max_attempts=self.attempts.value(),
                # note: the fused rule's palm floor is not on this screen; it is kept as it is
                fused_palm_floor_far=self.session.policy.policy.fused_palm_floor_far,
            ),
            self.samples.value(),
            # note: the passive threshold (a CLI expert setting) is kept as it is
            liveness=dataclasses.replace(
                self.session.policy.liveness,
                face_active=str(self.face_liveness.currentData()),
                palm=str(self.palm_liveness.currentData()),
                enrolment_face_active=str(self.enrol_face_liveness.currentData()),
                enrolment_palm=str(self.enrol_palm_liveness.currentData()),
            ),
        )

    def save_policy(self) -> None:
        self.policy_message.clear()
        try:
            settings = self._policy_from_fields()
        except ValueError as exc:
            self.policy_message.setText(describe(exc).full())
            return
        operator = self.session.operator
        if self.session.is_supervisor and operator is not None:
            self._save_as(operator, settings)
            return
        SupervisorDialog(
            self.session,
            self.tr("Changing the policy needs a supervisor."),
            lambda supervisor: self._save_as(supervisor, settings),
            self,
        ).open()

    def _save_as(self, supervisor: Operator, settings: PolicySettings) -> None:
        store = self.session.require_store()

        def done(context: DecisionContext) -> None:
            self.session.set_policy(settings, context)
            self._show_policy(settings, context)
            self.policy_message.setText(self.tr("Policy saved ✔"))

        self.session.tasks.store(
            lambda: write_policy(store, supervisor, settings),
            done,
            lambda error: self.policy_message.setText(describe(error).full()),
            owner=self,
        )
