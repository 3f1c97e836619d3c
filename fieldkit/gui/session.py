"""The running session: the data folder, the open store, who is logged in, policy and devices.

Why one object: every screen needs the same few things (the store through the store thread, the
operator as the actor of every write, the decision context, the devices) and must hear when the data
changed (a saved enrolment refreshes Today's counts). The store object itself is only ever touched
inside functions run by ``Tasks.store``; the session just carries the reference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PyQt5.QtCore import QObject, pyqtSignal

from fieldkit import auth
from fieldkit.config import MachineConfig, load_config
from fieldkit.devices.hub import DeviceHub
from fieldkit.errors import UserError
from fieldkit.gui.prefs import Prefs
from fieldkit.gui.tasks import Tasks
from fieldkit.paths import store_path
from fieldkit.workflows.gallery import load_gallery
from fieldkit.workflows.policy import DecisionContext
from fieldkit.workflows.stored_policy import PolicySettings, context_for, read_policy
from matching.fusion import Policy
from matching.palm_index import PalmIndex
from storage.records import Operator
from storage.store import Store


class Session(QObject):
    """Shared state of the application window."""

    data_changed = pyqtSignal()  # records were written: lists and counters refresh
    operator_changed = pyqtSignal()  # someone logged in or the session was locked
    policy_changed = pyqtSignal()

    def __init__(self, home: Path, tasks: Tasks, *, prefs: Prefs | None = None) -> None:
        super().__init__()
        self.home = home
        self.tasks = tasks
        self.prefs = prefs or Prefs.load(home)
        self.hub = DeviceHub(home)
        self.store: Store | None = None
        self.operator: Operator | None = None
        self.cycle = self.config.sync.cycle or dt.date.today().year
        self.policy = PolicySettings(Policy())
        self.context: DecisionContext | None = None
        self.gallery: PalmIndex | None = None  # note: used on the store thread only

    # -- facts ----------------------------------------------------------------------------------
    @property
    def store_exists(self) -> bool:
        return store_path(self.home).exists()

    @property
    def config(self) -> MachineConfig:
        try:
            return load_config(self.home)
        except UserError:
            return MachineConfig()

    @property
    def actor(self) -> str:
        if self.operator is None:
            raise UserError("Nobody is logged in.", code="auth.failed")
        return self.operator.uuid

    @property
    def is_supervisor(self) -> bool:
        return self.operator is not None and self.operator.role == "supervisor"

    def require_store(self) -> Store:
        if self.store is None:
            raise UserError("The store is locked.", code="store.not_found")
        return self.store

    # -- store and log-in (each runs its work on the store thread) ------------------------------
    def _after_open(self, store: Store) -> None:
        """Store-thread work right after opening: policy, thresholds and the duplicate gallery."""
        self.policy = read_policy(store)
        self.context = context_for(self.policy)
        self.gallery = load_gallery(store)

    def adopt_store(self, store: Store) -> None:
        """Use a store opened elsewhere (first start) — call on the store thread."""
        self.store = store
        self._after_open(store)

    def open_store(
        self, passphrase: str, on_done: Callable[[None], None], on_error: Callable[[BaseException], None]
    ) -> None:
        def work() -> None:
            store = Store.open(store_path(self.home), passphrase)
            try:
                self._after_open(store)
            except BaseException:
                store.close()
                raise
            self.store = store

        self.tasks.store(work, on_done, on_error)

    def log_in(
        self,
        login: str,
        password: str,
        on_done: Callable[[Operator], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Check a password (lock-out after repeated failures is fieldkit.auth's)."""

        def work() -> Operator:
            return auth.log_in(self.require_store(), login.strip(), password)

        def done(operator: Operator) -> None:
            self.operator = operator
            self.operator_changed.emit()
            on_done(operator)

        self.tasks.store(work, done, on_error)

    def check_supervisor(
        self,
        login: str,
        password: str,
        on_done: Callable[[Operator], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """A supervisor's password for one decision, without changing who is logged in."""

        def work() -> Operator:
            operator = auth.log_in(self.require_store(), login.strip(), password)
            if operator.role != "supervisor":
                raise UserError("Only a supervisor can do this.", code="case.not_supervisor")
            return operator

        self.tasks.store(work, on_done, on_error)

    def lock(self) -> None:
        """Forget the operator (the store stays open so work in progress is kept)."""
        self.operator = None
        self.operator_changed.emit()

    def close_store(self) -> None:
        """Close the store (sign-out): the next person needs the passphrase again."""
        self.operator = None
        store, self.store = self.store, None
        if store is not None:
            self.tasks.store(store.close)
        self.operator_changed.emit()

    def set_policy(self, settings: PolicySettings, context: DecisionContext) -> None:
        self.policy, self.context = settings, context
        self.policy_changed.emit()
