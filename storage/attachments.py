"""Attachments: evidence files (a home-visit photo, a scanned approval) kept beside a record.

Why in the store: evidence about a person is personal data, so it lives inside the encrypted
database like every image, never as a file on disk; it travels to headquarters with its record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.errors import NotFound
from storage.records import new_uuid, utc_now
from storage.session import Session


@dataclass
class Attachment:
    """One evidence file."""

    record_type: str
    record_uuid: str
    kind: str  # "home_visit_photo", "approval", "document", ...
    media_type: str  # "image/jpeg", "application/pdf", ...
    data: bytes
    uuid: str = field(default_factory=new_uuid)
    created_at: str = ""


class AttachmentRepository:
    """Reads and writes of ``attachments``."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, attachment: Attachment) -> Attachment:
        """Store an attachment (inside the record's transaction)."""
        self._s.require_writer()
        attachment.created_at = utc_now()
        self._s.db.execute(
            "INSERT INTO attachments (uuid, record_type, record_uuid, kind, media_type, data, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                attachment.uuid,
                attachment.record_type,
                attachment.record_uuid,
                attachment.kind,
                attachment.media_type,
                attachment.data,
                attachment.created_at,
            ),
        )
        self._s.record(
            "attachment.add", "attachment", attachment.uuid, {"kind": attachment.kind}, travels=True
        )
        return attachment

    def for_record(self, record_uuid: str) -> list[Attachment]:
        """A record's attachments, oldest first."""
        rows = self._s.db.execute(
            "SELECT record_type, record_uuid, kind, media_type, data, uuid, created_at FROM attachments "
            "WHERE record_uuid = ? ORDER BY id",
            (record_uuid,),
        ).fetchall()
        return [Attachment(*row) for row in rows]

    def get(self, uuid: str) -> Attachment:
        """One attachment by UUID (NotFound if absent)."""
        row = self._s.db.execute(
            "SELECT record_type, record_uuid, kind, media_type, data, uuid, created_at FROM attachments "
            "WHERE uuid = ?",
            (uuid,),
        ).fetchone()
        if row is None:
            raise NotFound("No such attachment.")
        return Attachment(*row)
