"""Palm codes kept in binary beside each template (``templates.gallery_code``), read in bulk at start-up.

Why: a worker's gallery of 720,000 palms took 42.5 s to load, nearly all of it parsing and checking
every template row by row and packing its compact first-pass code again. ``gallery_code`` holds what
the search needs, ready to use: the full code (768 bytes, little-endian 32-bit words), the compact
first-pass code (192 bytes, little-endian 64-bit words) and one flag byte (1 when the compact code
was made from the template's search code). Loading is one query whose blobs are joined and viewed
with ``numpy.frombuffer`` — no per-row decoding.

Who writes it: the worker, from ``template`` (the checked, versioned form, which stays the source of
truth). Rows without one — every row of a database from before schema step 8, and each template
intake adds since — are filled before each load (:func:`backfill`), a few thousand at a time; the
first start after the upgrade pays the old decoding cost once. A template that cannot be read gets
an empty ``gallery_code`` (not searchable, not retried); its enrollment's own search reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from fieldkit.hq.store import HqStore
from matching.errors import TemplateError
from matching.palm_code import GRID, ORIENTATIONS, Code
from matching.palm_index import compact
from matching.palm_template import FORMAT_NAME, from_bytes

FULL_BYTES = ORIENTATIONS * GRID * 4  # 768
COMPACT_BYTES = ORIENTATIONS * (GRID // 2) * (GRID // 2) // 8  # 192
RECORD_BYTES = FULL_BYTES + COMPACT_BYTES + 1
_BACKFILL_ROWS = 5000


def encode(template: bytes) -> bytes:
    """The ``gallery_code`` of a stored template (empty if it cannot be read)."""
    try:
        parsed = from_bytes(template)
    except TemplateError:
        return b""
    first = parsed.code if parsed.search_code is None else parsed.search_code
    return (
        np.ascontiguousarray(parsed.code, dtype="<u4").tobytes()
        + np.ascontiguousarray(compact(first), dtype="<u8").tobytes()
        + bytes([parsed.search_code is not None])
    )


def backfill(hq: HqStore, *, after_change: int = -1) -> int:
    """Fill ``gallery_code`` where it is missing (palm templates of the current format stamped after
    ``after_change``); returns how many rows were filled."""
    if after_change >= 0:  # note: a top-up: few rows, found through the change_seq index
        rows = hq.db.execute(
            "SELECT sample_uuid, template FROM templates WHERE change_seq > ? AND format = ? "
            "AND modality = 'palm' AND gallery_code IS NULL",
            (after_change, FORMAT_NAME),
        ).fetchall()
        _fill(hq, rows)
        return len(rows)
    filled = 0
    after_sample = ""
    while True:
        # note: walked in primary-key order from where the last round stopped; asking again for
        # "any row still NULL" rescanned the filled rows every round (O(N²): 400 s at 720k)
        rows = hq.db.execute(
            "SELECT sample_uuid, template FROM templates WHERE sample_uuid > ? AND format = ? "
            "AND modality = 'palm' AND gallery_code IS NULL ORDER BY sample_uuid LIMIT ?",
            (after_sample, FORMAT_NAME, _BACKFILL_ROWS),
        ).fetchall()
        if not rows:
            return filled
        _fill(hq, rows)
        filled += len(rows)
        after_sample = str(rows[-1][0])


def _fill(hq: HqStore, rows: list[Any]) -> None:
    with hq.db.transaction():
        hq.db.executemany(
            "UPDATE templates SET gallery_code = ? WHERE sample_uuid = ? AND gallery_code IS NULL",
            [(encode(bytes(template)), str(sample)) for sample, template in rows],
        )


@dataclass
class LoadedCodes:
    """Palm rows read in bulk: key ``id/hand/enrollment/sample`` and the arrays the index takes."""

    keys: list[str]
    enrollments: list[str]
    stamps: list[int]  # change number of each row
    full: Code  # (N, 6, 32) uint32
    compact: npt.NDArray[np.uint64]  # (N, 24)
    search_codes: bool  # some compact code was made from a search code
    last_change: int  # highest change number seen (-1 if none), unreadable rows included
    seen: int = 0  # palm rows read, unreadable ones and (for a shard) other shards' included


def _split(blobs: list[bytes]) -> tuple[Code, npt.NDArray[np.uint64], bool]:
    if not blobs:
        return (
            np.zeros((0, ORIENTATIONS, GRID), np.uint32),
            np.zeros((0, COMPACT_BYTES // 8), np.uint64),
            False,
        )
    table = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(len(blobs), RECORD_BYTES)
    full = np.ascontiguousarray(table[:, :FULL_BYTES]).view("<u4").reshape(len(blobs), ORIENTATIONS, GRID)
    packed = np.ascontiguousarray(table[:, FULL_BYTES : FULL_BYTES + COMPACT_BYTES]).view("<u8")
    return full.astype(np.uint32, copy=False), packed.astype(np.uint64, copy=False), bool(table[:, -1].any())


def _encode_row(hq: HqStore, sample_uuid: str) -> bytes:
    template = hq.db.scalar("SELECT template FROM templates WHERE sample_uuid = ?", (sample_uuid,))
    return b"" if template is None else encode(bytes(template))


def load(hq: HqStore, *, after_change: int = -1) -> LoadedCodes:
    """Every searchable palm row stamped after ``after_change``, in one query (call :func:`backfill`
    first, or rows without a code are decoded one by one)."""
    keys: list[str] = []
    enrollments: list[str] = []
    stamps: list[int] = []
    blobs: list[bytes] = []
    last = after_change
    seen = 0
    cursor = hq.db.execute(
        "SELECT id_number, hand, enrollment_uuid, sample_uuid, change_seq, gallery_code FROM templates "
        "WHERE format = ? AND modality = 'palm' AND change_seq > ?",
        (FORMAT_NAME, after_change),
    )
    for id_number, hand, enrollment, sample, stamp, stored in cursor:
        last = max(last, int(stamp))
        seen += 1
        # note: a row intake added since the backfill has no code yet; made here (rare), not skipped
        code = stored if stored is not None else _encode_row(hq, str(sample))
        if len(code) != RECORD_BYTES:
            continue  # note: an unreadable template (empty code): not searchable
        keys.append(f"{id_number}/{hand}/{enrollment}/{sample}")
        enrollments.append(str(enrollment))
        stamps.append(int(stamp))
        blobs.append(bytes(code))
    full, packed, search_codes = _split(blobs)
    return LoadedCodes(keys, enrollments, stamps, full, packed, search_codes, last, seen)
