"""The big, unmistakable answer of a certification: accepted / try again / needs review / rejected.

Why words and colour and a symbol: the clerk glances at it from a metre away while talking to an
elderly person; colour alone fails colour-blind clerks and a grey-scale printout of a screenshot.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from fieldkit.gui.texts import outcome_text

translate = QCoreApplication.translate


class ResultBanner(QFrame):
    """Headline and reason in a coloured frame; hidden until there is a result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBanner")
        # note: the answer takes the whole right-hand side, never shrinks to its text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.headline = QLabel()
        self.headline.setProperty("role", "big")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setObjectName("resultHeadline")
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.setObjectName("resultReason")
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.reason)
        self.outcome = ""
        self.hide()

    def show_result(self, outcome: str, reason: str) -> None:
        self.outcome = outcome
        text, colour = outcome_text(outcome)
        self.headline.setText(text)
        self.reason.setText(reason)
        self.setStyleSheet(
            f"QFrame#resultBanner {{ border: 3px solid {colour}; border-radius: 10px; background: white; }}"
            f"QLabel#resultHeadline {{ color: {colour}; }}"
        )
        self.show()

    def clear(self) -> None:
        self.outcome = ""
        self.hide()
