"""Where and how this certification happens: at the office, at the bedside, or at another office on
our behalf; and whether the person has no ID card and is certified under an approval.

Why one panel with a choice and not a small tick box: each path has its own evidence (the witness,
their relation, a photo of the visit, the place and time; the office and the documents seen; the
approval reference and who gave it), and a clerk should see at a glance what the path asks for.
The forms are checked by ``fieldkit.services.visit_evidence`` before the captures start; the photo
and the GPS fix are taken on worker threads through the same service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldkit.errors import UserError
from fieldkit.gui.capture_job import to_qimage
from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, label, show_message
from fieldkit.services import visit_evidence
from fieldkit.workflows.exceptions import DELEGATION_DOCUMENTS, Delegation, HomeVisit, NoCardApproval

translate = QCoreApplication.translate
MODES = ("office", "home_visit", "delegated")


def mode_names() -> dict[str, str]:
    return {
        "office": translate("Visit", "Here at the counter"),
        "home_visit": translate("Visit", "Home visit (bedside)"),
        "delegated": translate("Visit", "At another office, on our behalf"),
    }


def relations() -> list[str]:
    return [
        translate("Visit", "spouse"),
        translate("Visit", "son or daughter"),
        translate("Visit", "other relative"),
        translate("Visit", "neighbour"),
        translate("Visit", "community worker"),
    ]


def document_names() -> dict[str, str]:
    return {
        "retirement_certificate": translate("Visit", "Retirement certificate"),
        "id_card": translate("Visit", "ID card"),
        "assistance_form": translate("Visit", "Assistance form"),
        "other": translate("Visit", "Other document"),
    }


class VisitPaths(QWidget):
    """The path choice and its forms; ``evidence()`` gives what ``certify`` records."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.photo: Any = None
        self.location: dict[str, object] | None = None
        self.mode = QComboBox()
        self.mode.setObjectName("certifyMode")
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode.setMinimumContentsLength(12)  # note: the longest path name must not widen the screen
        for key, name in mode_names().items():
            self.mode.addItem(name, key)
        self.mode.currentIndexChanged.connect(self._mode_changed)

        # home visit
        self.witness = QLineEdit()
        self.witness.setObjectName("witnessName")
        self.relation = QComboBox()
        self.relation.setObjectName("witnessRelation")
        self.relation.setEditable(True)
        self.relation.addItems(relations())
        self.relation.setCurrentIndex(-1)
        self.photo_button = button(translate("Visit", "Take the visit photo"), name="visitPhoto")
        self.photo_button.clicked.connect(self.take_photo)
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("visitThumbnail")
        self.place = QLineEdit()
        self.place.setObjectName("visitPlace")
        self.place.setPlaceholderText(translate("Visit", "Address, or latitude, longitude"))
        self.place.textEdited.connect(self._place_typed)
        self.gps_button = button(translate("Visit", "Read GPS"), name="visitGps")
        self.gps_button.clicked.connect(self.read_gps)
        self.time = label("", "muted", name="visitTime")
        photo_row, place_row = QHBoxLayout(), QHBoxLayout()
        photo_row.addWidget(self.photo_button)
        photo_row.addWidget(self.thumbnail, 1)
        place_row.addWidget(self.place, 1)
        place_row.addWidget(self.gps_button)
        home = QFormLayout()
        home.addRow(translate("Visit", "Witness"), self.witness)
        home.addRow(translate("Visit", "Relation"), self.relation)
        home.addRow(translate("Visit", "Photo"), photo_row)
        home.addRow(translate("Visit", "Place"), place_row)
        home.addRow(translate("Visit", "Time"), self.time)
        self.home_box = QWidget()
        self.home_box.setLayout(home)

        # delegated
        self.office = QLineEdit()
        self.office.setObjectName("delegatedOffice")
        self.documents: dict[str, QCheckBox] = {}
        docs = QVBoxLayout()
        for key in DELEGATION_DOCUMENTS:
            box = self.documents[key] = QCheckBox(document_names()[key])
            box.setObjectName(f"document_{key}")
            docs.addWidget(box)
        delegated = QFormLayout()
        delegated.addRow(translate("Visit", "Office"), self.office)
        delegated.addRow(translate("Visit", "Documents seen"), docs)
        self.delegated_box = QWidget()
        self.delegated_box.setLayout(delegated)

        # no card
        self.no_card = QCheckBox(translate("Visit", "No ID card (approved)"))
        self.no_card.setObjectName("noCard")
        self.reference, self.approver = QLineEdit(), QLineEdit()
        self.reference.setObjectName("approvalReference")
        self.approver.setObjectName("approvedBy")
        approval = QFormLayout()
        approval.addRow(translate("Visit", "Approval reference"), self.reference)
        approval.addRow(translate("Visit", "Approved by (county official)"), self.approver)
        self.approval_box = QWidget()
        self.approval_box.setLayout(approval)
        self.no_card.toggled.connect(self.approval_box.setVisible)
        self.message = label("", "muted", name="visitMessage")

        # note: the two choices sit in one row the screen places above its columns (``choices``);
        # the forms they open stay here, so the counter case costs no height on a 768-pixel screen
        self.choices = QWidget()
        row = QHBoxLayout(self.choices)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mode)
        row.addWidget(self.no_card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.home_box)
        layout.addWidget(self.delegated_box)
        layout.addWidget(self.approval_box)
        layout.addWidget(self.message)
        self.reset()

    def reset(self) -> None:
        self.mode.setCurrentIndex(0)
        for field in (self.witness, self.place, self.office, self.reference, self.approver):
            field.clear()
        self.relation.setCurrentIndex(-1)
        self.relation.clearEditText()
        for box in self.documents.values():
            box.setChecked(False)
        self.no_card.setChecked(False)
        self.photo, self.location = None, None
        self.thumbnail.clear()
        self.message.clear()
        self._mode_changed()
        self.approval_box.setVisible(False)

    def current_mode(self) -> str:
        return str(self.mode.currentData() or "office")

    def _mode_changed(self) -> None:
        mode = self.current_mode()
        self.home_box.setVisible(mode == "home_visit")
        self.delegated_box.setVisible(mode == "delegated")
        self.time.setText(dt.datetime.now().strftime("%Y-%m-%d %H:%M"))

    # -- photo and place ----------------------------------------------------------------------------
    def take_photo(self) -> None:
        hub = self.session.hub
        self.photo_button.setEnabled(False)
        show_message(self.message, translate("Visit", "Taking the photo…"), "progress")
        self.session.tasks.compute(
            lambda: visit_evidence.take_visit_photo(hub), self._photo_taken, self._failed, owner=self
        )

    def _photo_taken(self, image: Any) -> None:
        self.photo_button.setEnabled(True)
        self.photo = image
        picture = to_qimage(image).scaledToHeight(72, Qt.TransformationMode.SmoothTransformation)
        from PyQt5.QtGui import QPixmap

        self.thumbnail.setPixmap(QPixmap.fromImage(picture))
        self.photo_button.setText(translate("Visit", "Take it again"))
        show_message(self.message, translate("Visit", "Visit photo taken ✔"), "success")

    def read_gps(self) -> None:
        hub = self.session.hub
        self.gps_button.setEnabled(False)
        show_message(self.message, translate("Visit", "Reading the GPS…"), "progress")
        self.session.tasks.compute(
            lambda: visit_evidence.read_gps(hub), self._located, self._failed, owner=self
        )

    def _located(self, location: dict[str, object]) -> None:
        self.gps_button.setEnabled(True)
        self.location = location
        self.place.setText(visit_evidence.location_text(location))
        show_message(self.message, translate("Visit", "Place from GPS ✔"), "success")

    def _place_typed(self, _text: str) -> None:
        self.location = None  # note: typing replaces a GPS fix; read again at ``evidence()``

    def _failed(self, error: BaseException) -> None:
        self.photo_button.setEnabled(True)
        self.gps_button.setEnabled(True)
        show_message(self.message, describe(error).full(), "error")

    # -- the evidence -------------------------------------------------------------------------------
    def evidence(self) -> tuple[HomeVisit | None, Delegation | None, NoCardApproval | None]:
        """What to record with the certification; raises UserError (shown) when something is missing."""
        mode = self.current_mode()
        location = self.location
        if mode == "home_visit" and location is None and self.place.text().strip():
            location = visit_evidence.typed_location(self.place.text())
        try:
            result = visit_evidence.build_evidence(
                mode=mode,
                witness=self.witness.text(),
                relation=self.relation.currentText(),
                photo=self.photo,
                location=location,
                office=self.office.text(),
                documents=tuple(k for k, box in self.documents.items() if box.isChecked()),
                no_card=self.no_card.isChecked(),
                no_card_reference=self.reference.text(),
                no_card_approver=self.approver.text(),
            )
        except UserError as error:
            show_message(self.message, describe(error).full(), "error")
            raise
        self.message.clear()
        return result
