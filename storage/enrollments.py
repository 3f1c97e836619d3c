"""Enrollments and their biometric samples (face and palm images with opaque templates).

Images and templates live only inside the encrypted database, never as files. ``storage`` does not
interpret a template: it keeps bytes and a format id, and can list all templates of one format so a
matcher can build its search index.
"""

from __future__ import annotations

from collections.abc import Iterator

from storage.errors import NotFound
from storage.records import BiometricSample, Enrollment, utc_now
from storage.session import Session

_SAMPLE_COLUMNS = (
    "modality, image, image_format, sample_index, hand, template, template_format, quality, captured_at, uuid"
)


def person_id(session: Session, person_uuid: str) -> int:
    """The internal row id of a person, or NotFound (shared by the per-person repositories)."""
    row = session.db.execute("SELECT id FROM people WHERE uuid = ?", (person_uuid,)).fetchone()
    if row is None:
        raise NotFound("No such person.")
    return int(row[0])


class EnrollmentRepository:
    """Reads and writes of ``enrollments`` and ``biometric_samples``."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, enrollment: Enrollment, *, travels: bool = True) -> Enrollment:
        """Store an enrollment with all its samples (one audit event, one outbox entry).

        ``travels=False`` for enrollments received from headquarters (a work package): they came
        from there and must not be sent back.
        """
        self._s.require_writer()
        pid = person_id(self._s, enrollment.person_uuid)
        now = utc_now()
        enrollment.started_at = enrollment.started_at or now
        enrollment.completed_at = enrollment.completed_at or now
        cursor = self._s.db.execute(
            "INSERT INTO enrollments (uuid, person_id, operator_uuid, device, place, status, started_at, "
            "completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                enrollment.uuid,
                pid,
                enrollment.operator_uuid,
                enrollment.device,
                enrollment.place,
                enrollment.status,
                enrollment.started_at,
                enrollment.completed_at,
            ),
        )
        for sample in enrollment.samples:
            sample.captured_at = sample.captured_at or now
            self._s.db.execute(
                f"INSERT INTO biometric_samples (enrollment_id, {_SAMPLE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cursor.lastrowid,
                    sample.modality,
                    sample.image,
                    sample.image_format,
                    sample.sample_index,
                    sample.hand,
                    sample.template,
                    sample.template_format,
                    sample.quality,
                    sample.captured_at,
                    sample.uuid,
                ),
            )
        self._s.record(
            "enrollment.add",
            "enrollment",
            enrollment.uuid,
            {"status": enrollment.status, "samples": len(enrollment.samples)},
            travels=travels,
        )
        return enrollment

    def get(self, uuid: str) -> Enrollment:
        """One enrollment with its samples."""
        row = self._s.db.execute(
            "SELECT e.id, p.uuid, e.operator_uuid, e.device, e.place, e.status, e.started_at, "
            "e.completed_at, e.uuid FROM enrollments e JOIN people p ON p.id = e.person_id WHERE e.uuid = ?",
            (uuid,),
        ).fetchone()
        if row is None:
            raise NotFound("No such enrollment.")
        samples = [
            BiometricSample(*r)
            for r in self._s.db.execute(
                f"SELECT {_SAMPLE_COLUMNS} FROM biometric_samples WHERE enrollment_id = ? "
                "ORDER BY modality, hand, sample_index",
                (row[0],),
            )
        ]
        return Enrollment(
            person_uuid=row[1],
            operator_uuid=row[2],
            device=row[3],
            place=row[4],
            status=row[5],
            samples=samples,
            started_at=row[6],
            completed_at=row[7],
            uuid=row[8],
        )

    def for_person(self, person_uuid: str) -> list[Enrollment]:
        """A person's enrollments, newest first."""
        uuids = self._s.db.execute(
            "SELECT e.uuid FROM enrollments e JOIN people p ON p.id = e.person_id WHERE p.uuid = ? "
            "ORDER BY e.completed_at DESC",
            (person_uuid,),
        ).fetchall()
        return [self.get(u[0]) for u in uuids]

    def completed_between(self, start: str, end: str) -> list[tuple[str, str]]:
        """(status, completed_at) of enrollments completed in ``[start, end)`` (UTC text bounds)."""
        rows = self._s.db.execute(
            "SELECT status, completed_at FROM enrollments WHERE completed_at >= ? AND completed_at < ?",
            (start, end),
        ).fetchall()
        return [(str(status), str(at)) for status, at in rows]

    def statuses(self) -> list[tuple[str, str, str]]:
        """(enrollment uuid, person uuid, status) of every enrollment, without loading samples."""
        rows = self._s.db.execute(
            "SELECT e.uuid, p.uuid, e.status FROM enrollments e JOIN people p ON p.id = e.person_id"
        ).fetchall()
        return [(str(e), str(p), str(status)) for e, p, status in rows]

    def people_with_status(self, status: str = "complete") -> set[str]:
        """UUIDs of the people with an enrollment of ``status``."""
        rows = self._s.db.execute(
            "SELECT DISTINCT p.uuid FROM enrollments e JOIN people p ON p.id = e.person_id "
            "WHERE e.status = ?",
            (status,),
        ).fetchall()
        return {str(row[0]) for row in rows}

    def templates(self, template_format: str) -> Iterator[tuple[str, str, str | None, bytes]]:
        """(person UUID, sample UUID, hand, template) for every sample of a format: the gallery."""
        yield from self._s.db.execute(
            "SELECT p.uuid, s.uuid, s.hand, s.template FROM biometric_samples s "
            "JOIN enrollments e ON e.id = s.enrollment_id JOIN people p ON p.id = e.person_id "
            "WHERE s.template_format = ? AND s.template IS NOT NULL ORDER BY s.id",
            (template_format,),
        )

    def images(self, template_format: str) -> Iterator[tuple[str, str, str | None, bytes]]:
        """(person UUID, sample UUID, hand, image) of every sample of a template format whose image is
        still kept: what a newer template format is made again from."""
        yield from self._s.db.execute(
            "SELECT p.uuid, s.uuid, s.hand, s.image FROM biometric_samples s "
            "JOIN enrollments e ON e.id = s.enrollment_id JOIN people p ON p.id = e.person_id "
            "WHERE s.template_format = ? AND s.image IS NOT NULL AND length(s.image) > 0 ORDER BY s.id",
            (template_format,),
        )

    def exists(self, uuid: str) -> bool:
        """Whether an enrollment with this UUID is stored (work packages add each one once)."""
        return self._s.db.execute("SELECT 1 FROM enrollments WHERE uuid = ?", (uuid,)).fetchone() is not None

    def drop_images(self, enrollment_uuids: list[str], *, keep: tuple[str, ...] = ()) -> int:
        """Delete the raw images of these enrollments' samples; templates stay (offline certification
        needs them). Modalities in ``keep`` (e.g. the face photo printed on receipts) are left alone.

        Why not a new record version: retention is a local purge of what headquarters already holds,
        not a change of the enrollment, so it does not travel. Returns how many images were dropped.
        """
        self._s.require_writer()
        now = utc_now()
        dropped = 0
        for uuid in enrollment_uuids:
            marks = ", ".join("?" for _ in keep) or "''"
            cursor = self._s.db.execute(
                "UPDATE biometric_samples SET image = x'', image_dropped_at = ? "
                "WHERE image_dropped_at IS NULL AND length(image) > 0 "
                "AND enrollment_id = (SELECT id FROM enrollments WHERE uuid = ?) "
                f"AND modality NOT IN ({marks})",
                (now, uuid, *keep),
            )
            dropped += cursor.rowcount
        if dropped:
            self._s.record("enrollment.images_dropped", "enrollment", None, {"images": dropped})
        return dropped
