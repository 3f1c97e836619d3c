"""GUI preferences (language, font size, idle lock): the third configuration tier of ARCHITECTURE.md.

Why a QSettings INI file in the data folder and not the registry/``~/.config``: preferences belong
with the laptop's other machine settings (``fieldkit.toml``) and must be readable before the store
is unlocked (the lock screen already speaks the chosen language). Nothing here is secret or
personal, and nothing here changes a decision: policy lives in the encrypted store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PyQt5.QtCore import QSettings

LANGUAGES = ("zh_CN", "en")
FONT_SIZES = (12, 14, 16, 18, 20, 24)
DEFAULT_FONT_SIZE = 14
DEFAULT_IDLE_MINUTES = 5
PREFS_FILE = "gui.ini"


@dataclass
class Prefs:
    """The values; ``load``/``save`` read and write them."""

    language: str = "zh_CN"
    font_size: int = DEFAULT_FONT_SIZE
    idle_minutes: float = DEFAULT_IDLE_MINUTES

    @classmethod
    def load(cls, home: Path) -> Prefs:
        settings = QSettings(str(home / PREFS_FILE), QSettings.Format.IniFormat)
        language = str(settings.value("language", "zh_CN"))
        try:
            size = int(settings.value("font_size", DEFAULT_FONT_SIZE))
            idle = float(settings.value("idle_minutes", DEFAULT_IDLE_MINUTES))
        except (TypeError, ValueError):
            size, idle = DEFAULT_FONT_SIZE, DEFAULT_IDLE_MINUTES
        return cls(
            language=language if language in LANGUAGES else "zh_CN",
            font_size=min(max(size, FONT_SIZES[0]), FONT_SIZES[-1]),
            idle_minutes=idle if idle > 0 else DEFAULT_IDLE_MINUTES,
        )

    def save(self, home: Path) -> None:
        home.mkdir(parents=True, exist_ok=True)
        settings = QSettings(str(home / PREFS_FILE), QSettings.Format.IniFormat)
        settings.setValue("language", self.language)
        settings.setValue("font_size", self.font_size)
        settings.setValue("idle_minutes", self.idle_minutes)
        settings.sync()
