"""People: retirees and dependants, keyed by ID number.

Why the store does not validate ID numbers: ``storage`` keeps what it is given; the rules live in
``fieldkit.identity``. The store only guarantees one person per ID number and fast look-ups (a
unique index for ID numbers, an index for name prefixes, a scan for substrings of a name).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from storage.connection import IntegrityError
from storage.errors import Conflict, NotFound
from storage.records import Person, utc_now
from storage.session import Session

PERSON_FIELDS = tuple(f.name for f in fields(Person))
_SELECT = f"SELECT {', '.join(PERSON_FIELDS)} FROM people"
INSERT_PERSON = (
    f"INSERT INTO people ({', '.join(PERSON_FIELDS)}) VALUES ({', '.join('?' for _ in PERSON_FIELDS)})"
)
# fields that describe the person; a roster re-import compares only these
CONTENT_FIELDS = tuple(f for f in PERSON_FIELDS if f not in ("uuid", "created_at", "updated_at"))


def row_to_person(row: Sequence[Any]) -> Person:
    """Build a Person from a row in ``PERSON_FIELDS`` order."""
    values = dict(zip(PERSON_FIELDS, row, strict=True))
    birth = values["birth_date"]
    values["birth_date"] = dt.date.fromisoformat(birth) if birth else None
    return Person(**values)


_PERSON_GETTER = operator.attrgetter(*PERSON_FIELDS)
_BIRTH_INDEX = PERSON_FIELDS.index("birth_date")


def person_to_row(person: Person) -> tuple[Any, ...]:
    """The row for a Person in ``PERSON_FIELDS`` order (dates as ISO text)."""
    values = list(_PERSON_GETTER(person))  # note: not dataclasses.astuple, which deep-copies (slow)
    birth = values[_BIRTH_INDEX]
    values[_BIRTH_INDEX] = birth.isoformat() if birth else None
    return tuple(values)


class PeopleRepository:
    """Reads and writes of ``people``."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, person: Person, *, travels: bool = True) -> Person:
        """Insert a new person; ``travels`` when the person was created here (not sent by HQ)."""
        self._s.require_writer()
        person.created_at = person.updated_at = utc_now()
        try:
            self._s.db.execute(INSERT_PERSON, person_to_row(person))
        except IntegrityError:
            raise Conflict("A person with this ID number is already stored.") from None
        self._s.record("person.add", "person", person.uuid, travels=travels)
        return person

    def update(self, person: Person, *, travels: bool = True) -> Person:
        """Replace a person's details (the ID number and UUID stay)."""
        self._s.require_writer()
        person.updated_at = utc_now()
        changing = [f for f in PERSON_FIELDS if f not in ("uuid", "id_number", "created_at")]
        row = dict(zip(PERSON_FIELDS, person_to_row(person), strict=True))
        cursor = self._s.db.execute(
            f"UPDATE people SET {', '.join(f'{f} = ?' for f in changing)} WHERE uuid = ?",
            [row[f] for f in changing] + [person.uuid],
        )
        if cursor.rowcount != 1:
            raise NotFound("No such person.")
        self._s.record("person.update", "person", person.uuid, {"fields": changing}, travels=travels)
        return person

    def change_id_number(self, uuid: str, id_number: str) -> Person:
        """Correct a person's ID number (headquarters' decision; audited, and the person travels again)."""
        self._s.require_writer()
        try:
            cursor = self._s.db.execute(
                "UPDATE people SET id_number = ?, updated_at = ? WHERE uuid = ?", (id_number, utc_now(), uuid)
            )
        except IntegrityError:
            raise Conflict("A person with this ID number is already stored.") from None
        if cursor.rowcount != 1:
            raise NotFound("No such person.")
        self._s.record("person.id_corrected", "person", uuid, {"fields": ["id_number"]}, travels=True)
        return self.get(uuid)

    def get(self, uuid: str) -> Person:
        """The person with this UUID, or NotFound."""
        row = self._s.db.execute(f"{_SELECT} WHERE uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFound("No such person.")
        return row_to_person(row)

    def find_by_id_number(self, id_number: str) -> Person | None:
        """Exact look-up through the unique index."""
        row = self._s.db.execute(f"{_SELECT} WHERE id_number = ?", (id_number,)).fetchone()
        return row_to_person(row) if row else None

    def search_id_prefix(self, prefix: str, *, limit: int = 20) -> list[Person]:
        """People whose ID number starts with ``prefix`` (index range scan)."""
        rows = self._s.db.execute(
            f"{_SELECT} WHERE id_number >= ? AND id_number < ? ORDER BY id_number LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        ).fetchall()
        return [row_to_person(r) for r in rows]

    def search_name(self, query: str, *, limit: int = 20) -> list[Person]:
        """Names starting with ``query`` (index range scan); if there are none, names containing it.

        Chinese names are typed surname first, so the prefix case is the common one and stays fast;
        the substring case (a given name alone) scans the name index.
        """
        query = query.strip()
        if not query:
            return []
        rows = self._s.db.execute(
            f"{_SELECT} WHERE name >= ? AND name < ? ORDER BY name, id_number LIMIT ?",
            (query, query + "\U0010ffff", limit),
        ).fetchall()
        if not rows:
            rows = self._s.db.execute(
                f"{_SELECT} WHERE instr(name, ?) > 0 ORDER BY name, id_number LIMIT ?", (query, limit)
            ).fetchall()
        return [row_to_person(r) for r in rows]

    def record_id_revealed(self, uuid: str) -> None:
        """Audit that an operator showed this person's full ID number on screen (who; not the number)."""
        self._s.require_writer()
        self._s.record("person.id_revealed", "person", uuid)

    def count(self) -> int:
        """How many people are stored."""
        return int(self._s.db.execute("SELECT count(*) FROM people").fetchone()[0])
