"""A passphrase strength meter: a bar and a word, updated as the clerk types.

Why only advisory: the rule (minimum length) is enforced when the store is created; the meter
nudges towards a long passphrase of several words, which is what protects a lost laptop.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from fieldkit.gui import style
from fieldkit.services.setup import passphrase_strength

translate = QCoreApplication.translate


class StrengthMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(14)
        self.word = QLabel()
        self.word.setObjectName("strengthWord")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.word)
        self.score = 0
        self.update_for("")

    def update_for(self, text: str) -> None:
        self.score = passphrase_strength(text)
        words = [
            translate("Strength", "Too short"),
            translate("Strength", "Weak"),
            translate("Strength", "Fair"),
            translate("Strength", "Good"),
            translate("Strength", "Strong"),
        ]
        colours = [style.REJECT, style.REJECT, style.RETRY, style.ACCEPT, style.ACCEPT]
        self.bar.setValue(self.score)
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colours[self.score]}; }}")
        self.word.setText(words[self.score])
