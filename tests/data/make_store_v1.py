"""Make ``store_v1.db``: a store as fieldkit schema 1 wrote it, kept as a fixture for upgrade tests.

Run from the repository root: ``PYTHONPATH=. .venv/bin/python tests/data/make_store_v1.py``. The file holds
synthetic people only and opens with ``tests.conftest.PASSPHRASE``. Regenerate it only if schema 1
itself is found to be wrong; its point is to stay what an old laptop would carry.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.demo.data import people_rows
from storage import audit, migrations
from storage.connection import APPLICATION_ID, connect
from storage.records import new_uuid, utc_now
from tests.conftest import PASSPHRASE

TARGET = Path(__file__).with_name("store_v1.db")


def main() -> None:
    TARGET.unlink(missing_ok=True)
    db = connect(TARGET, PASSPHRASE, create=True)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db, target=1)
    db.execute("BEGIN")
    db.execute("INSERT INTO meta (key, value) VALUES ('store_id', ?)", (new_uuid(),))
    db.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (utc_now(),))
    audit.append_event(db, actor="system", action="store.create", record_type="store", record_uuid=None)
    for row in people_rows(25, seed=1):
        uuid, now = new_uuid(), utc_now()
        db.execute(
            "INSERT INTO people (uuid, id_number, name, gender, birth_date, status, kind, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, 'active', 'retiree', ?, ?)",
            (uuid, row[0], row[1], "male" if row[2] == "男" else "female", row[3], now, now),
        )
        audit.append_event(db, actor="system", action="person.add", record_type="person", record_uuid=uuid)
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
