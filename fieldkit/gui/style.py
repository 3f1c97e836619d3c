"""Calm, large, readable: the application font and style sheet.

Why pick the font family ourselves: Qt's default family on a Linux laptop whose only CJK font is
WenQuanYi Micro Hei may fall back per character and draw boxes for Chinese in some widgets; on
Windows the clerk expects Microsoft YaHei. We choose the first CJK-capable family installed and set
it for the whole application, with a base point size the clerk can raise in the settings.
"""

from __future__ import annotations

from PyQt5.QtGui import QFont, QFontDatabase
from PyQt5.QtWidgets import QApplication

CJK_FAMILIES = (
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "SimSun",
)

# Colours: muted, high contrast; results use colour *and* words (colour-blind clerks exist).
ACCEPT = "#1b7f3b"
RETRY = "#b26a00"
REVIEW = "#1f5fa8"
REJECT = "#b3261e"
MUTED = "#5f6368"
SIMULATION = "#8a4baf"


def cjk_family() -> str | None:
    """The first installed family that can draw Chinese, or None."""
    installed = set(QFontDatabase().families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for family in sorted(installed):  # any family declaring simplified Chinese support
        if QFontDatabase.SimplifiedChinese in QFontDatabase().writingSystems(family):
            return family
    return None


def style_sheet(size: int) -> str:
    """The application style sheet for base point size ``size``."""
    big = size + 4
    # note: the result reads at arm's length; beyond 36 pt it only pushes the buttons off the screen
    huge = min(size * 2 + 4, 36)
    indicator = round(size * 1.6)  # note: a tick box as big as the text, not Qt's 13 px at every size
    return f"""
    QWidget {{ font-size: {size}pt; }}
    QPushButton {{ padding: 8px 18px; min-height: {size * 2}px; border-radius: 6px;
                   border: 1px solid #9aa0a6; background: #f8f9fa; }}
    QPushButton:focus {{ border: 2px solid #1f5fa8; }}
    QPushButton:disabled {{ color: #9aa0a6; }}
    QPushButton[role="primary"] {{ background: #1f5fa8; color: white; border: none; font-weight: bold; }}
    QPushButton[role="primary"]:disabled {{ background: #aac3e0; }}
    QPushButton[role="danger"] {{ background: #fbe9e7; color: {REJECT}; }}
    QPushButton[role="nav"] {{ text-align: left; padding: 10px 14px; border: none; background: transparent; }}
    QPushButton[role="nav"]:checked {{ background: #dbe7f6; font-weight: bold; }}
    QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QPlainTextEdit {{
        padding: 4px 6px; min-height: {size * 2}px; }}
    QCheckBox, QRadioButton {{ spacing: {size // 2 + 4}px; min-height: {size * 2}px; }}
    QCheckBox::indicator, QRadioButton::indicator {{ width: {indicator}px; height: {indicator}px; }}
    QLabel[role="title"] {{ font-size: {big + 2}pt; font-weight: bold; }}
    QLabel[role="subtitle"] {{ font-size: {big}pt; }}
    QLabel[role="muted"] {{ color: {MUTED}; }}
    QLabel[role="big"] {{ font-size: {huge}pt; font-weight: bold; }}
    QLabel[role="count"] {{ font-size: {big + 6}pt; font-weight: bold; }}
    QLabel[role="simulation"] {{
        color: white; background: {SIMULATION}; padding: 2px 8px; border-radius: 4px; }}
    QLabel[role="warning"] {{ color: {RETRY}; }}
    QLabel[role="error"] {{ color: {REJECT}; }}
    QLabel[role="ok"] {{ color: {ACCEPT}; }}
    QFrame[role="card"] {{ border: 1px solid #dadce0; border-radius: 8px; background: white; }}
    QFrame#navigation {{ background: #eef2f7; }}
    QProgressBar {{ min-height: {size + 8}px; text-align: center; }}
    QTableWidget {{ gridline-color: #e0e0e0; }}
    QHeaderView::section {{ padding: 6px; font-weight: bold; }}
    """


def apply(app: QApplication, size: int) -> None:
    """Set the CJK-capable font and the style sheet on the whole application."""
    family = cjk_family()
    font = QFont(family) if family else QFont()
    font.setPointSize(size)
    app.setFont(font)
    app.setStyleSheet(style_sheet(size))
