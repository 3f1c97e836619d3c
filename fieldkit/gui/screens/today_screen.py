"""Today: who is still due this cycle, with search and filters, and the day's counters.

ID numbers are masked in the list (a public hall); "Show the full ID number" reveals one person's,
audited. The search takes an ID prefix, the last four digits, a name or its pinyin / initials.

Why here first after log-in: a team plans its day from this list (a unit, a district, the home
visits), and the counters answer the questions asked all day: how many done, how many left, is
anything waiting to reach headquarters, are cases open. Picking a person opens enrolment or
certification with their details filled in (the card is still read when they are present).
"""

from __future__ import annotations

from PyQt5.QtCore import Qt, QTimer, pyqtBoundSignal, pyqtSignal
from PyQt5.QtGui import QHideEvent
from PyQt5.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.screens.person_history_dialog import PersonHistoryDialog
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, card, label, list_table, selected_row, title
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.services.overview import DueRow, TodayView, today_view
from fieldkit.services.people_search import reveal_id_number


class TodayScreen(QWidget):
    """The due list; ``enrol_requested``/``certify_requested`` carry (ID number, name)."""

    enrol_requested = pyqtSignal(str, str)
    certify_requested = pyqtSignal(str, str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view: TodayView | None = None
        self.search = QLineEdit()
        self.search.setObjectName("todaySearch")
        self.search.setPlaceholderText(
            self.tr("ID number, its last 4 digits, name, or pinyin (zhangsan / zs)")
        )
        self.revealed: dict[str, str] = {}  # person uuid → full ID number, shown on purpose (audited)
        self.search.setClearButtonEnabled(True)
        self.district = QComboBox()
        self.district.setObjectName("districtFilter")
        self.unit = QComboBox()
        self.unit.setObjectName("unitFilter")
        self.home_visit = QCheckBox(self.tr("Home visits only"))
        self.home_visit.setObjectName("homeVisitFilter")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        for combo in (self.district, self.unit):
            combo.currentIndexChanged.connect(lambda _: self._debounce.start())
        self.home_visit.toggled.connect(lambda _: self._debounce.start())

        self.counts = {
            key: label("–", "count", name=f"count_{key}") for key in ("done", "pending", "unsynced", "cases")
        }
        captions = {
            "done": self.tr("certified"),
            "pending": self.tr("still due"),
            "unsynced": self.tr("not yet sent to HQ"),
            "cases": self.tr("open cases"),
        }
        counters = QHBoxLayout()
        for key, caption in captions.items():
            box, inner = card()
            self.counts[key].setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(self.counts[key])
            caption_label = label(caption, "muted")
            caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(caption_label)
            counters.addWidget(box)

        self.table = list_table(
            [
                self.tr("ID number"),
                self.tr("Name"),
                self.tr("Age"),
                self.tr("Unit"),
                self.tr("District"),
                self.tr("Address"),
                self.tr("Phone"),
                self.tr("State"),
            ],
            name="dueTable",
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _: self._open_selected())

        self.enrol_button = button(self.tr("Enrol this person"), name="enrolSelected")
        self.certify_button = button(self.tr("Certify this person"), "primary", name="certifySelected")
        self.enrol_button.clicked.connect(lambda: self._emit(self.enrol_requested))
        self.certify_button.clicked.connect(lambda: self._emit(self.certify_requested))
        self.summary = label("", "muted", name="todaySummary")
        self.reveal_button = button(self.tr("Show the full ID number"), name="revealId")
        self.reveal_button.clicked.connect(self.reveal)
        self.history_button = button(self.tr("History and receipts…"), name="personHistory")
        self.history_button.clicked.connect(self.show_history)
        self.history_dialog: PersonHistoryDialog | None = None

        filters = QGridLayout()
        filters.addWidget(self.search, 0, 0, 1, 3)
        filters.addWidget(label(self.tr("District")), 1, 0)
        filters.addWidget(self.district, 1, 1)
        filters.addWidget(self.home_visit, 1, 2)
        filters.addWidget(label(self.tr("Unit")), 2, 0)
        filters.addWidget(self.unit, 2, 1)
        person_actions = QHBoxLayout()  # note: beside the filters, so the bottom row fits at 24 pt
        person_actions.addWidget(self.reveal_button)
        person_actions.addWidget(self.history_button)
        filters.addLayout(person_actions, 2, 2)
        filters.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.enrol_button)
        actions.addWidget(self.certify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title(self.tr("Today")))
        layout.addLayout(counters)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._selection_changed()

    # -- data -------------------------------------------------------------------------------------
    def _choice(self, combo: QComboBox) -> str | None:
        value = combo.currentData()
        return str(value) if value else None

    def refresh(self) -> None:
        """Reload the list for the current filters (on the store thread)."""
        if self.session.store is None:
            return
        store = self.session.store
        cycle, query = self.session.cycle, self.search.text()
        district, unit, visits = (
            self._choice(self.district),
            self._choice(self.unit),
            self.home_visit.isChecked(),
        )
        self.session.tasks.store(
            lambda: today_view(
                store, cycle=cycle, query=query, district=district, unit=unit, home_visit=visits
            ),
            self._show,
            owner=self,
        )

    def _fill(self, combo: QComboBox, values: list[str], everyone: str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, "")
        for value in values:
            combo.addItem(value, value)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _state(self, row: DueRow) -> str:
        if row.certified:
            return self.tr("certified ✔")
        return self.tr("due") if row.enrolled else self.tr("due — not enrolled")

    def _show(self, view: TodayView) -> None:
        self.view = view
        self.counts["done"].setText(str(view.done))
        self.counts["pending"].setText(str(view.pending))
        self.counts["unsynced"].setText(str(view.unsynced))
        self.counts["cases"].setText(str(view.open_cases))
        self._fill(self.district, view.districts, self.tr("All districts"))
        self._fill(self.unit, view.units, self.tr("All units"))
        self.table.setRowCount(len(view.rows))
        for index, row in enumerate(view.rows):
            number = self.revealed.get(row.person_uuid) or mask_id_number(row.id_number)
            age = "" if row.age is None else str(row.age)
            cells = [number, row.name, age, row.unit, row.district, row.address, row.phone, self._state(row)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, index)
                self.table.setItem(index, column, item)
        self.summary.setText(
            self.tr("Cycle {cycle}: {shown} people shown.").format(
                cycle=self.session.cycle, shown=len(view.rows)
            )
        )
        self._selection_changed()

    # -- actions ----------------------------------------------------------------------------------
    def selected(self) -> DueRow | None:
        if self.view is None:
            return None
        row = selected_row(self.table)
        return None if row is None else self.view.rows[row]

    def _selection_changed(self) -> None:
        row = self.selected()
        self.enrol_button.setEnabled(row is not None and not row.enrolled)
        self.reveal_button.setEnabled(row is not None and row.person_uuid not in self.revealed)
        self.history_button.setEnabled(row is not None)
        self.certify_button.setEnabled(row is not None and row.enrolled and not row.certified)

    def _emit(self, signal: pyqtBoundSignal) -> None:
        row = self.selected()
        if row is not None:
            signal.emit(row.id_number, row.name)

    def reveal(self) -> None:
        """Show the selected person's full ID number; the store records who asked (not the number)."""
        row = self.selected()
        if row is None or self.session.store is None:
            return
        store, actor, uuid = self.session.store, self.session.actor, row.person_uuid

        def shown(number: str) -> None:
            self.revealed[uuid] = number
            self.refresh()

        self.session.tasks.store(lambda: reveal_id_number(store, actor, uuid), shown, owner=self)

    def show_history(self) -> None:
        """Everything this laptop holds about the person, and their receipts to reprint."""
        row = self.selected()
        if row is None:
            return
        self.history_dialog = PersonHistoryDialog(self.session, row.person_uuid, self)
        self.history_dialog.open()

    def hideEvent(self, event: QHideEvent | None) -> None:
        self.revealed.clear()  # note: leaving the list (or locking) masks every number again
        super().hideEvent(event)

    def _open_selected(self) -> None:
        row = self.selected()
        if row is None or row.certified:
            return
        self._emit(self.certify_requested if row.enrolled else self.enrol_requested)
