"""Is there a screen, and can the GUI be started? Asked by the launcher and by ``fieldkit gui``.

Why a module of its own: the launcher dispatches to the command line, and the command line's
``gui`` command asks the same questions; keeping them here lets both import it without importing
each other.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping

_HEADLESS_QT = ("offscreen", "minimal", "vnc")  # Qt platforms that show nothing to the person in front


def has_display(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a window opened now would be seen (Windows and macOS: always; X11/Wayland: if named)."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    qt_platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if qt_platform:
        return qt_platform not in _HEADLESS_QT
    if platform in ("win32", "darwin"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def gui_available() -> bool:
    """The GUI package is part of this build and PyQt5 can be found (without importing Qt yet)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("PyQt5", "fieldkit.gui.app"))
    except (ImportError, ValueError):
        return False
