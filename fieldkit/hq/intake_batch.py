"""What one batch's intake reads and writes, done set-wise instead of a few statements per record.

Why: intake used to run about sixteen single statements per enrollment (look up the held version,
the owner, the person's ID number twice, a change number, six template rows, the index row). Over a
network connection to PostgreSQL that is a round trip each, 10 s for a 1,000-enrollment batch. Now
the look-ups are one ``SELECT … WHERE x IN (…)`` per kind for the whole batch, and the writes are
collected and sent with ``executemany`` (pipelined by psycopg) when the batch has been decided.

Why the answers stay the same: entries are still decided one by one in manifest order, against the
prefetched rows *plus* what this batch has already decided (a version accepted earlier in the batch
is "held" for a later entry; a person record earlier in the batch names the person for a later
enrollment), exactly what the old per-statement reads saw inside the same transaction.

Why the change number is taken at the end (:meth:`IntakeBatch.flush`): on PostgreSQL taking it locks
the counter row until commit, so later batches wait only for this batch's last writes, not its
whole intake, and change numbers commit in order (a delta "after N" never misses a later commit).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from fieldkit.hq import enrolment_holds
from fieldkit.hq.db import Database
from storage.records import utc_now

_CHUNK = 500  # values per IN (…) look-up (well below SQLite's and PostgreSQL's parameter limits)

_RECORDS = (
    "INSERT INTO records (record_uuid, version, record_type, sha256, content, device_key_id, sequence, "
    "batch_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_LINKS = (
    "INSERT INTO person_links (person_uuid, id_number) VALUES (?, ?) "
    "ON CONFLICT (person_uuid) DO UPDATE SET id_number = excluded.id_number"
)
_TEMPLATES = (
    "INSERT INTO templates (sample_uuid, enrollment_uuid, id_number, modality, hand, format, "
    "template, device_key_id, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (sample_uuid) DO NOTHING"
)
PACKAGE_ENROLLMENTS = (
    "INSERT INTO package_enrollments (enrollment_uuid, version, id_number, status, details, "
    "thumbnail, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (enrollment_uuid) DO UPDATE SET "
    "version = excluded.version, id_number = excluded.id_number, status = excluded.status, "
    "details = excluded.details, thumbnail = excluded.thumbnail, change_seq = excluded.change_seq "
    "WHERE package_enrollments.version < excluded.version"
)
_REVIEWS = (
    "INSERT INTO reviews (kind, record_uuid, record_type, device_key_id, summary, details, status, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)"
)
PACKAGE_CERTIFICATIONS = (
    "INSERT INTO package_certifications (record_uuid, id_number, cycle, result, certified_at, "
    "details, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_uuid) DO NOTHING"
)


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class IntakeBatch:
    """Prefetched rows, this batch's decisions so far, and the writes waiting for :meth:`flush`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._versions: dict[str, dict[int, tuple[str, str]]] = {}  # uuid → version → (sha256, device)
        self._people: dict[str, str | None] = {}  # person UUID → ID number (None: unknown here)
        self.records: list[tuple[Any, ...]] = []
        self.links: list[tuple[str, str]] = []
        self.templates: list[tuple[Any, ...]] = []  # without the change number (added at flush)
        self.package_enrollments: list[tuple[Any, ...]] = []  # likewise
        self.package_certifications: list[tuple[Any, ...]] = []  # likewise
        self.hold_cases: list[tuple[str, str, str, int]] = []  # cases holding an enrolment (enrolment_holds)
        self._reviews: dict[tuple[str, str], tuple[Any, ...]] = {}  # (kind, record UUID) → row, in order

    # -- look-ups, one query per kind for the whole batch ----------------------------------------
    def prefetch(self, record_uuids: Iterable[str], person_uuids: Iterable[str]) -> None:
        """Read every held version of these records and the ID number of these people at once."""
        uuids = sorted(set(record_uuids))
        for chunk in _chunks(uuids):
            marks = ", ".join("?" for _ in chunk)
            rows = self.db.execute(
                "SELECT record_uuid, version, sha256, device_key_id FROM records "
                f"WHERE record_uuid IN ({marks})",
                chunk,
            ).fetchall()
            for uuid, version, sha256, device in rows:
                self._versions.setdefault(str(uuid), {})[int(version)] = (str(sha256), str(device))
        people = sorted(set(person_uuids) - set(self._people))
        for chunk in _chunks(people):
            marks = ", ".join("?" for _ in chunk)
            linked = dict(
                self.db.execute(
                    f"SELECT person_uuid, id_number FROM person_links WHERE person_uuid IN ({marks})", chunk
                ).fetchall()
            )
            rostered = dict(
                self.db.execute(
                    f"SELECT person_uuid, id_number FROM roster WHERE person_uuid IN ({marks})", chunk
                ).fetchall()
            )
            for person in chunk:
                value = linked.get(person, rostered.get(person))
                self._people[person] = None if value is None else str(value)

    def held(self, uuid: str, version: int) -> str | None:
        """The SHA-256 of the version headquarters holds (or this batch accepted), or None."""
        found = self._versions.get(uuid, {}).get(version)
        return None if found is None else found[0]

    def owner(self, uuid: str) -> str | None:
        """The device that made the earliest version held of a record (None: new here)."""
        versions = self._versions.get(uuid)
        return versions[min(versions)][1] if versions else None

    def id_number(self, person_uuid: str) -> str | None:
        """The ID number behind a person UUID, as the database plus this batch's links know it."""
        if person_uuid not in self._people:  # note: not prefetched (e.g. a malformed record): ask
            self.prefetch((), (person_uuid,))
        return self._people[person_uuid]

    # -- writes, collected -----------------------------------------------------------------------
    def add_record(self, row: tuple[Any, ...]) -> None:
        """A new record version (row of ``records``); later entries of the batch see it as held."""
        uuid, version, sha256, device = str(row[0]), int(row[1]), str(row[3]), str(row[5])
        self._versions.setdefault(uuid, {})[version] = (sha256, device)
        self.records.append(row)

    def link(self, person_uuid: str, id_number: str) -> None:
        self._people[person_uuid] = id_number
        self.links.append((person_uuid, id_number))

    def open_review(
        self,
        *,
        kind: str,
        record_uuid: str,
        record_type: str,
        device_key_id: str,
        summary: str,
        details: dict[str, Any],
    ) -> None:
        """Queue a review item, unless one of this kind for this record is open (checked at flush for
        the whole batch at once, as :func:`fieldkit.hq.reviews.open_review` does one by one)."""
        self._reviews.setdefault(
            (kind, record_uuid),
            (kind, record_uuid, record_type, device_key_id, summary, json.dumps(details, sort_keys=True)),
        )

    def _new_reviews(self) -> list[tuple[Any, ...]]:
        """The queued review items no open item already covers."""
        open_now: set[tuple[str, str]] = set()
        uuids = sorted({uuid for _, uuid in self._reviews})
        for chunk in _chunks(uuids):
            marks = ", ".join("?" for _ in chunk)
            rows = self.db.execute(
                f"SELECT kind, record_uuid FROM reviews WHERE status = 'open' AND record_uuid IN ({marks})",
                chunk,
            ).fetchall()
            open_now |= {(str(kind), str(uuid)) for kind, uuid in rows}
        now = utc_now()
        return [(*row, now) for key, row in self._reviews.items() if key not in open_now]

    def flush(self, change: Callable[[], int]) -> None:
        """Write what the batch decided; ``change`` is called once, only if indexed rows need it."""
        db = self.db
        if self.links:
            db.executemany(_LINKS, self.links)
        if self.records:
            db.executemany(_RECORDS, self.records)
        reviews = self._new_reviews() if self._reviews else []
        if reviews:
            db.executemany(_REVIEWS, reviews)
        stamped = self.templates or self.package_enrollments or self.package_certifications
        number = change() if stamped else 0
        for sql, rows in (
            (_TEMPLATES, self.templates),
            (PACKAGE_ENROLLMENTS, self.package_enrollments),
            (PACKAGE_CERTIFICATIONS, self.package_certifications),
        ):
            if rows:
                db.executemany(sql, [(*row, number) for row in rows])
        if self.hold_cases:  # note: after the index rows, so an enrolment sent with its cases is there
            enrolment_holds.take_in(db, self.hold_cases, lambda: number or change())
