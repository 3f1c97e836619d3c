"""Small building blocks every screen uses: big buttons, titles, labelled rows, the simulation badge.

Why helpers: the look (size, roles for the style sheet, focus order) must be the same on every
screen without each screen repeating it; ``role`` is a dynamic property the style sheet matches.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtGui import QResizeEvent
from PyQt5.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


def button(text: str, role: str = "", *, name: str = "", shortcut: str = "") -> QPushButton:
    """A large push button; ``role`` is "primary", "danger" or "" (plain)."""
    widget = QPushButton(text.replace("&", "&&"))  # note: a single & would become a keyboard mnemonic
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    if shortcut:
        widget.setShortcut(shortcut)
        widget.setToolTip(shortcut)
    widget.setAutoDefault(True)  # note: Enter presses the focused button: keyboard-first
    if role == "danger":
        # note: a destructive button never takes focus by itself (when the focused button of a page
        # that just closed hands focus on, or by Tab), so Enter can never press it (issue 17, item 2)
        widget.setAutoDefault(False)
        widget.setDefault(False)
        widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    widget.setSizePolicy(QSizePolicy.Minimum, QSizePolicy.Fixed)
    return widget


def confirm_destructive(
    parent: QWidget, title_text: str, text: str, on_yes: Callable[[], None], *, yes_text: str = ""
) -> QMessageBox:
    """Ask before throwing something away; No is the default, so Enter and Esc keep everything.

    Opened window-modal without blocking (``open``), so the event loop and tests go on running.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title_text, text, QMessageBox.NoButton, parent)
    box.setObjectName("confirmDestructive")
    yes = QPushButton(yes_text or translate("Common", "Yes, throw it away"))
    no = QPushButton(translate("Common", "No, keep it"))
    box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    yes.setAutoDefault(False)
    yes.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.finished.connect(lambda _result: on_yes() if box.clickedButton() is yes else None)
    box.open()
    no.setFocus()
    return box


def label(text: str = "", role: str = "", *, name: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class ElidedLabel(QLabel):
    """One line that shortens itself with "…" when there is no room (the full text in the tooltip):
    the header's status never widens the window or takes a second line at large fonts."""

    def __init__(self, role: str = "", *, name: str = "") -> None:
        super().__init__()
        self._full = ""
        if role:
            self.setProperty("role", role)
        if name:
            self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setMinimumWidth(40)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent | None) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40))
        if shown != self.text():
            self.setText(shown)


def title(text: str, *, name: str = "") -> QLabel:
    widget = label(text, "title", name=name)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A bordered panel and its layout."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(8)
    return frame, layout


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless vertical scroll area: a page taller than the window scrolls
    instead of growing the window past the screen (issue 17, item 3)."""
    area = QScrollArea()
    area.setObjectName(f"{widget.objectName() or 'page'}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(widget)
    return area


def simulation_badge() -> QLabel:
    """The label every simulated device carries: 模拟设备 / simulation."""
    badge = QLabel(translate("Common", "Simulation"))
    badge.setProperty("role", "simulation")
    badge.setObjectName("simulationBadge")
    badge.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)
    return badge


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a ``role`` property changed."""
    style = widget.style()
    if style is not None:
        style.unpolish(widget)
        style.polish(widget)


def set_role(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)
    restyle(widget)


MESSAGE_ROLES = {
    "info": "muted",
    "progress": "muted",
    "success": "ok",
    "warning": "warning",
    "error": "error",
}


def show_message(widget: QLabel, text: str, kind: str = "info") -> None:
    """A status line coloured by what it says: progress is never in error red (issue 17, item 7)."""
    set_role(widget, MESSAGE_ROLES.get(kind, "muted"))
    widget.setText(text)


def list_table(columns: list[str], *, name: str, stretch_last: bool = True) -> QTableWidget:
    """A read-only table of whole-row selections, sized to its contents (lists on every screen)."""
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    vertical = table.verticalHeader()
    if vertical is not None:
        vertical.hide()
    header = table.horizontalHeader()
    if header is not None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(stretch_last)
    return table


def fit_rows(table: QTableWidget, max_rows: int = 8) -> None:
    """Make a short table exactly as tall as its rows (up to ``max_rows``), so nothing scrolls."""
    header = table.horizontalHeader()
    height = (header.height() if header is not None else 0) + 2 * table.frameWidth()
    for row in range(min(table.rowCount(), max_rows)):
        height += table.rowHeight(row)
    table.setFixedHeight(height + 2)


def selected_row(table: QTableWidget) -> int | None:
    """The selected row's index, or None."""
    model = table.selectionModel()
    rows = model.selectedRows() if model is not None else []
    return rows[0].row() if rows else None
