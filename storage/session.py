"""The one connection and the current writer, shared by every repository of a store.

Why: "every write appends an audit event" and "a record, its audit event and its outbox entry land
in one transaction" are rules, not habits. Repositories write only through ``Session.record`` inside
``Store.transaction(actor)``, so a write without an actor, or outside a transaction, is a bug that
fails loudly instead of silently skipping the trail.
"""

from __future__ import annotations

from typing import Any

from storage import audit
from storage.connection import Connection
from storage.errors import ProgrammingError
from storage.records import new_uuid, utc_now


class Session:
    """Holds the connection and, during a transaction, who is writing."""

    def __init__(self, db: Connection) -> None:
        self.db = db
        self.actor: str | None = None

    def require_writer(self) -> str:
        """The current actor; raises if called outside ``Store.transaction``."""
        if self.actor is None:
            raise ProgrammingError("store writes must happen inside Store.transaction(actor)")
        return self.actor

    def record(
        self,
        action: str,
        record_type: str,
        record_uuid: str | None,
        details: dict[str, Any] | None = None,
        *,
        travels: bool = False,
    ) -> None:
        """Append the audit event for a write (and queue the record for headquarters if it travels)."""
        actor = self.require_writer()
        audit.append_event(
            self.db,
            actor=actor,
            action=action,
            record_type=record_type,
            record_uuid=record_uuid,
            details=details,
        )
        if travels and record_uuid is not None:
            self.db.execute(
                "INSERT INTO outbox (uuid, record_type, record_uuid, created_at) VALUES (?, ?, ?, ?)",
                (new_uuid(), record_type, record_uuid, utc_now()),
            )
