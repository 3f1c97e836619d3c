"""A piece of device work on its own thread that reports to the screen through Qt signals.

Why one base: the capture job and the liveness challenge both read frames on a worker thread
(never the Qt thread), stop when asked, and must go quiet — not crash — when their screen is
closed while a frame is in flight. Those rules live here once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PyQt5.QtCore import QObject


class ThreadJob(QObject):
    """Start one worker thread at a time, cancel it, wait for it, and emit signals safely."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _launch(self, target: Callable[..., None], name: str, *args: Any) -> bool:
        """Start ``target`` on a new thread unless one is running; whether it started."""
        if self.running:
            return False
        self._stop.clear()
        self._thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        self._thread.start()
        return True

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, timeout: float = 3.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    # -- worker thread --------------------------------------------------------------------------
    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            self._stop.set()  # note: the screen was closed; stop quietly
