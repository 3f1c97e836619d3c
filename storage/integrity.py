"""Integrity checks of an open store, summarised so a clerk can tell what is damaged.

Why a summary: after one flipped byte SQLCipher reports the page whose HMAC failed, and SQLite's
``integrity_check`` then lists every page of every tree it could no longer walk (hundreds of
lines of "btreeInitPage() returns error code 11" and "never used"). What helps is which *tables*
are hit (the tree root pages are looked up in ``sqlite_schema``) and how many pages, so the
message can say "the biometric samples are damaged — restore from the backup".
"""

from __future__ import annotations

import re
from typing import Any

from storage.connection import DatabaseError

MAX_PAGES_NAMED = 8
_TREE = re.compile(r"Tree (\d+) page")
_PAGE = re.compile(r"page (\d+)", re.IGNORECASE)


def _tables_by_root(db: Any) -> dict[int, str]:
    """Root page → table (an index is reported as its table); empty when the schema is unreadable."""
    try:
        rows = db.execute("SELECT rootpage, type, name, tbl_name FROM sqlite_schema").fetchall()
    except DatabaseError:
        return {}
    return {int(r[0]): str(r[3] if r[1] == "index" else r[2]) for r in rows if r[0]}


def unreadable_tables(db: Any) -> list[str]:
    """Tables whose rows or indexes cannot all be read: each is walked in full and checked on its own,
    so a damaged page shows up in the table it belongs to (this build has no page → table map)."""
    try:
        names = [str(r[0]) for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    except DatabaseError:
        return ["the list of tables itself (page 1 or the schema)"]
    broken = []
    for name in names:
        quoted = name.replace('"', '""')
        try:
            for _ in db.execute(f'SELECT * FROM "{quoted}"'):
                pass
            rows = db.execute(f'PRAGMA integrity_check("{quoted}")').fetchall()  # the table's indexes too
            damaged = any(row[0] != "ok" for row in rows)
        except DatabaseError:
            damaged = True
        if damaged:
            broken.append(name)
    return broken


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:MAX_PAGES_NAMED])
    more = f" and {len(numbers) - MAX_PAGES_NAMED} more" if len(numbers) > MAX_PAGES_NAMED else ""
    return f"page{'s' if len(numbers) > 1 else ''} {shown}{more}"


def check(db: Any) -> list[str]:
    """Problems found by the page-HMAC, structure and foreign-key checks (empty: all is well)."""
    problems: list[str] = []
    try:
        failed = [str(row[0]) for row in db.execute("PRAGMA cipher_integrity_check")]
    except DatabaseError as exc:
        failed = [f"the encryption check could not run: {exc}"]
    bad_pages = sorted({int(m.group(1)) for line in failed if (m := _PAGE.search(line))})
    if bad_pages:
        problems.append(
            f"encryption: {_pages(bad_pages)} of the file "
            f"{'fails its' if len(bad_pages) == 1 else 'fail their'} integrity check (changed or damaged)"
        )
    problems += [f"encryption: {line}" for line in failed if not _PAGE.search(line)]
    try:
        lines = [
            part
            for row in db.execute("PRAGMA integrity_check")
            if row[0] != "ok"
            for part in str(row[0]).splitlines()
        ]
    except DatabaseError as exc:
        lines = [f"the structure check could not run: {exc}"]
    roots = _tables_by_root(db)
    trees = list(dict.fromkeys(int(m.group(1)) for line in lines if (m := _TREE.search(line))))
    if trees:
        # note: after the first damaged page SQLite's pager is in an error state and every later tree
        # fails too, so only the first table named is known to be damaged; the rest were not checked
        tables = list(dict.fromkeys(roots.get(t, f"tree at page {t}") for t in trees))
        rest = f"; {len(tables) - 1} later table(s) could not be checked after it" if len(tables) > 1 else ""
        problems.append(f"structure: damaged data in table {tables[0]}{rest}")
    if (bad_pages or lines) and not trees:
        broken = unreadable_tables(db)
        if broken:
            problems.append(f"structure: damaged data in table {', '.join(broken)}")
    others = [
        line
        for line in lines
        if not _TREE.search(line) and "never used" not in line and not line.startswith("***")
    ]
    problems += [f"structure: {line}" for line in others[:MAX_PAGES_NAMED]]
    if any("never used" in line for line in lines) and not trees:
        problems.append("structure: pages are lost from the file's free list")
    try:
        problems += [
            f"reference: table {row[0]} row {row[1]} points to a missing {row[2]}"
            for row in db.execute("PRAGMA foreign_key_check")
        ]
    except DatabaseError as exc:
        problems.append(f"reference: the check could not run: {exc}")
    return problems
