"""Where long work runs: off the Qt main thread, with its answer delivered back on it.

Why separate executors (the Anki ``TaskManager`` habit, ARCHITECTURE.md): the encrypted store is one
SQLCipher connection, so everything that touches it runs on *one* store thread, in order, and no two
transactions ever interleave (a network sync reads and marks the outbox, so it runs there too);
matching and PDF rendering run on a small compute pool; waiting for a card runs on a device pool and
capture loops on their own threads (``capture_job``), so a slow device never delays the store. A
screen hands a function to ``store`` or ``compute`` with a success callback (and optionally a failure
one); the callback runs on the main thread through one queued signal, and is dropped if the widget
that asked has been closed meanwhile.
An error nobody handles becomes a clerk message in exactly one place (``errors.show_error``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PyQt5 import sip
from PyQt5.QtCore import QObject, pyqtSignal
from PyQt5.QtWidgets import QWidget

log = logging.getLogger(__name__)
T = TypeVar("T")


class Tasks(QObject):
    """The store executor (1 thread), the compute pool (2 threads) and the main-thread hand-back."""

    _deliver = pyqtSignal(object)
    busy_changed = pyqtSignal(int)  # number of tasks running or queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldkit-store")
        self._compute = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fieldkit-compute")
        self._io = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fieldkit-io")
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False
        self._deliver.connect(self._run_on_main)  # note: emitted from worker threads → queued call

    # -- submitting -----------------------------------------------------------------------------
    def store(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        owner: QWidget | None = None,
    ) -> Future[T]:
        """Run ``work`` on the store thread (anything that reads or writes the store)."""
        return self._submit(self._store, work, on_success, on_failure, owner)

    def compute(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        owner: QWidget | None = None,
    ) -> Future[T]:
        """Run ``work`` on the compute pool (matching, PDF rendering; never the store)."""
        return self._submit(self._compute, work, on_success, on_failure, owner)

    def io(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        owner: QWidget | None = None,
    ) -> Future[T]:
        """Run ``work`` on the device pool (waiting for a card, opening a device)."""
        return self._submit(self._io, work, on_success, on_failure, owner)

    def on_main(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the main thread soon (safe to call from any thread)."""
        if not self._closed:
            self._deliver.emit(callback)

    @property
    def pending(self) -> int:
        """Tasks submitted and not yet delivered (tests wait for 0)."""
        return self._pending

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop taking work; let queued store work finish so no transaction is cut in half."""
        self._closed = True
        self._compute.shutdown(wait=wait, cancel_futures=True)
        self._io.shutdown(wait=False, cancel_futures=True)
        self._store.shutdown(wait=wait)

    # -- internals ------------------------------------------------------------------------------
    def _submit(
        self,
        executor: ThreadPoolExecutor,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        owner: QWidget | None,
    ) -> Future[T]:
        with self._lock:
            self._pending += 1
        self.busy_changed.emit(self._pending)
        future = executor.submit(work)

        def done(finished: Future[T]) -> None:
            def deliver() -> None:
                with self._lock:
                    self._pending -= 1
                self.busy_changed.emit(self._pending)
                if owner is not None and sip.isdeleted(owner):
                    return  # note: the screen that asked was closed; nobody is waiting for the answer
                error = finished.exception()
                if error is not None:
                    if on_failure is not None:
                        on_failure(error)
                    else:
                        from fieldkit.gui.errors import show_error

                        show_error(owner, error)
                elif on_success is not None:
                    on_success(finished.result())

            if self._closed:
                return
            self._deliver.emit(deliver)

        future.add_done_callback(done)
        return future

    def _run_on_main(self, callback: Any) -> None:
        # note: an exception here reaches sys.excepthook, which the app turns into a logged internal
        # error (and pytest-qt into a failed test) instead of a silently broken screen
        callback()
