"""A worker's palm gallery saved to a memory-mapped file under the HQ home, used again at the next
start only after it is checked against the database.

Why: even read in bulk from ``templates.gallery_code``, 720,000 palms take seconds to fetch row by
row through the database driver; the same arrays saved as ``.npy`` files open in milliseconds
(``numpy.load(mmap_mode="r")``; pages come in as the first search touches them).

Why it is never trusted blindly: the files may be stale (templates added or removed since), left
by another fieldkit version, or altered on disk. When a worker writes a cache it records in
``hq_meta`` (key ``palm_gallery_cache/<shard>``) the change number it covers, the number of palm rows
at or below it, and the SHA-256 of every file. At start the files' digests must equal the recorded
ones and the database must still hold exactly that many palm rows up to that change number;
anything else and the cache is ignored and rebuilt. Rows stamped after it are then added from the
database as usual. The files hold ID numbers and palm codes: 0600 in a 0700 folder, like the
database file beside them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import numpy as np

from fieldkit.hq.gallery_codes import LoadedCodes
from fieldkit.hq.store import HqStore
from matching.palm_template import FORMAT_NAME

log = logging.getLogger(__name__)
FOLDER = "gallery-cache"
_ARRAYS = ("full", "compact", "stamps")
_LISTS = "keys.json"
REBUILD_AFTER = 50_000  # palms added since the cache (or 5 % of it) before it is rebuilt


def _name(shard: tuple[int, int] | None) -> str:
    return "all" if shard is None else f"shard-{shard[0]}-of-{shard[1]}"


def _meta_key(shard: tuple[int, int] | None) -> str:
    return f"palm_gallery_cache/{_name(shard)}"


def _folder(hq: HqStore, shard: tuple[int, int] | None) -> Path:
    return hq.home / FOLDER / _name(shard)


def _digest(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            hasher.update(chunk)
    return hasher.hexdigest()


def _rows_up_to(hq: HqStore, change: int) -> int:
    return int(
        hq.db.scalar(
            "SELECT count(*) FROM templates WHERE change_seq <= ? AND format = ? AND modality = 'palm'",
            (change, FORMAT_NAME),
        )
    )


def save(hq: HqStore, shard: tuple[int, int] | None, loaded: LoadedCodes, rows_in_db: int) -> None:
    """Write the cache for what ``loaded`` holds (``rows_in_db``: palm rows up to its last change)."""
    folder = _folder(hq, shard)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder.parent, 0o700)
    os.chmod(folder, 0o700)
    arrays: dict[str, np.ndarray] = {
        "full": loaded.full,
        "compact": loaded.compact,
        "stamps": np.asarray(loaded.stamps, dtype=np.int64),
    }
    digests = {}
    for name, array in arrays.items():

        def write_array(handle: BinaryIO, array: np.ndarray = array) -> None:
            np.save(handle, array, allow_pickle=False)

        digests[f"{name}.npy"] = _write(folder / f"{name}.npy", write_array)
    lists = json.dumps({"keys": loaded.keys, "enrollments": loaded.enrollments}).encode("utf-8")
    digests[_LISTS] = _write(folder / _LISTS, lambda h: h.write(lists))
    record = {
        "format": FORMAT_NAME,
        "last_change": loaded.last_change,
        "rows": rows_in_db,
        "search_codes": loaded.search_codes,
        "files": digests,
    }
    hq.set_meta(_meta_key(shard), json.dumps(record, sort_keys=True))


def _write(path: Path, fill: Callable[[BinaryIO], object]) -> str:
    """Write a file 0600 through a temporary name (never a half-written cache); its SHA-256."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            fill(handle)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return _digest(path)


def load(hq: HqStore, shard: tuple[int, int] | None) -> LoadedCodes | None:
    """The cached gallery if it is still exactly what the database holds up to its change, else None."""
    text = hq.meta(_meta_key(shard))
    folder = _folder(hq, shard)
    if text is None or not folder.is_dir():
        return None
    try:
        record = json.loads(text)
        files: dict[str, str] = record["files"]
        if record["format"] != FORMAT_NAME or set(files) != {f"{n}.npy" for n in _ARRAYS} | {_LISTS}:
            return None
        for name, digest in files.items():
            if _digest(folder / name) != digest:
                log.warning("palm gallery cache %s does not match its recorded digest; rebuilding", name)
                return None
        if _rows_up_to(hq, int(record["last_change"])) != int(record["rows"]):
            log.info("palm gallery cache is stale (templates changed); rebuilding")
            return None
        arrays = {n: np.load(folder / f"{n}.npy", mmap_mode="r", allow_pickle=False) for n in _ARRAYS}
        lists = json.loads((folder / _LISTS).read_bytes())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("palm gallery cache unreadable (%s); rebuilding", type(exc).__name__)
        return None
    return LoadedCodes(
        keys=list(lists["keys"]),
        enrollments=list(lists["enrollments"]),
        stamps=[int(s) for s in arrays["stamps"].tolist()],
        full=arrays["full"],
        compact=arrays["compact"],
        search_codes=bool(record["search_codes"]),
        last_change=int(record["last_change"]),
        seen=int(record["rows"]),
    )


def worth_it(hq: HqStore, cached: LoadedCodes) -> bool:
    """False when so much arrived after the cache that it is better rebuilt (the rest comes from
    the database at every start otherwise)."""
    newer = int(
        hq.db.scalar(
            "SELECT count(*) FROM templates WHERE change_seq > ? AND format = ? AND modality = 'palm'",
            (cached.last_change, FORMAT_NAME),
        )
    )
    return newer <= max(REBUILD_AFTER, cached.seen // 20)


def save_if_consistent(hq: HqStore, shard: tuple[int, int] | None, loaded: LoadedCodes) -> bool:
    """Save the cache of a full load unless rows up to its change number arrived while it was read
    (then the next start loads from the database again)."""
    rows = _rows_up_to(hq, loaded.last_change)
    if rows != loaded.seen:
        return False
    try:
        save(hq, shard, loaded, rows)
    except OSError as exc:  # note: a full disk must not stop the search; the next start reads the database
        log.warning("palm gallery cache not written (%s)", type(exc).__name__)
        return False
    return True
