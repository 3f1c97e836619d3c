"""The city-wide duplicate search: every new enrollment's palms against every palm enrolled anywhere.

Why at headquarters: a laptop only knows its own region's palms, and the fraud this catches (one
person enrolled twice under two ID numbers, often in two districts) only shows when all galleries
meet. The gallery is kept in memory between batches and topped up with templates stamped after the
last load, so a city of 720,000 palms is read from the database once (per worker process). A hit
(another ID number's palm scoring at or above the one-to-many threshold) queues a "duplicate" review
item. The search runs in queued jobs (``fieldkit.hq.search_queue``), not in the upload's request:
:func:`find_duplicates` is slow and holds no transaction, :func:`record_duplicate` is quick and runs
in the transaction that marks the job done.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from fieldkit.hq.reviews import open_review
from fieldkit.hq.store import HqStore
from fieldkit.workflows.policy import decision_context
from matching.errors import TemplateError
from matching.palm_code import probe_from_code
from matching.palm_index import PalmIndex
from matching.palm_template import FORMAT_NAME, from_bytes

_CACHE_KEY = "palm_gallery"


class HqGallery:
    """Every stored palm template of the current format, keyed ``id/hand/enrollment/sample``."""

    def __init__(self) -> None:
        self.index = PalmIndex()
        self.loaded_change = -1
        self.arrived: dict[str, int] = {}  # enrollment UUID → change number its templates were stamped with

    def refresh(self, hq: HqStore) -> None:
        """Add templates stamped after the last refresh."""
        rows = hq.db.execute(
            "SELECT id_number, hand, enrollment_uuid, sample_uuid, template, change_seq FROM templates "
            "WHERE format = ? AND modality = 'palm' AND change_seq > ? ORDER BY change_seq",
            (FORMAT_NAME, self.loaded_change),
        ).fetchall()
        if not rows:
            return
        keys, templates = [], []
        for row in rows:
            try:
                templates.append(from_bytes(bytes(row[4])))
            except TemplateError:
                # note: one damaged row must not stop the city's search; that enrollment's own
                # queued search fails on it and is reported with the reason
                continue
            keys.append(f"{row[0]}/{row[1]}/{row[2]}/{row[3]}")
            self.arrived[str(row[2])] = int(row[5])
        if keys:
            self.index.add_templates(keys, templates)
        self.loaded_change = max(int(r[5]) for r in rows)


def gallery(hq: HqStore) -> HqGallery:
    found = hq.cache.get(_CACHE_KEY)
    if not isinstance(found, HqGallery):
        found = HqGallery()
        hq.cache[_CACHE_KEY] = found
    found.refresh(hq)
    return found


@dataclass(frozen=True)
class DuplicateHit:
    """Why an enrollment needs review: the best-scoring palms of other people (at most five)."""

    enrollment_uuid: str
    enrolled_as: str
    summary: str
    hits: list[dict[str, Any]]


def find_duplicates(hq: HqStore, enrollment_uuid: str) -> DuplicateHit | None:
    """Search one enrollment's palms against the city gallery (slow: no transaction is held).

    Only palms that had arrived with or before this enrollment count, as when the search ran inside
    the upload: a pair of enrollments is found once, by the later one, whatever order workers take
    the jobs in.

    A template of the enrollment that cannot be read raises (the queued job fails with that reason).
    """
    threshold = decision_context().palm_duplicate
    city = gallery(hq)
    hands: dict[str, list[bytes]] = defaultdict(list)
    owner = ""
    horizon = 0
    for id_number, hand, template, stamped in hq.db.execute(
        "SELECT id_number, hand, template, change_seq FROM templates WHERE enrollment_uuid = ? "
        "AND modality = 'palm' "
        "AND format = ? ORDER BY sample_uuid",
        (enrollment_uuid, FORMAT_NAME),
    ).fetchall():
        owner = str(id_number)
        horizon = max(horizon, int(stamped))
        hands[str(hand)].append(bytes(template))
    hits: dict[tuple[str, str], float] = {}
    for samples in hands.values():
        parsed = [from_bytes(t) for t in samples]
        probes = [probe_from_code(p.code, p.search_code) for p in parsed]
        for candidate in city.index.search(probes[0], top=10, also=probes[1:]):
            other_id, other_hand, other_enrollment, _ = candidate.key.split("/", 3)
            if candidate.score < threshold or other_enrollment == enrollment_uuid:
                continue
            if city.arrived.get(other_enrollment, 0) > horizon:
                continue  # note: arrived later; its own search finds this pair (each pair once)
            if owner and other_id == owner:
                continue
            key = (other_id, other_hand)
            hits[key] = max(hits.get(key, 0.0), candidate.score)
    if not hits:
        return None
    best = sorted(hits.items(), key=lambda kv: -kv[1])[:5]
    return DuplicateHit(
        enrollment_uuid=enrollment_uuid,
        enrolled_as=owner,
        summary=f"palm matches {len(hits)} palm(s) of other people (best score {best[0][1]:.3f})",
        hits=[{"id_number": other, "hand": hand, "score": round(score, 4)} for (other, hand), score in best],
    )


def record_duplicate(hq: HqStore, hit: DuplicateHit) -> None:
    """Queue the "duplicate" review item (call inside the transaction that finishes the search)."""
    open_review(
        hq,
        kind="duplicate",
        record_uuid=hit.enrollment_uuid,
        record_type="enrollment",
        device_key_id=str(
            hq.db.scalar(
                "SELECT device_key_id FROM templates WHERE enrollment_uuid = ? LIMIT 1",
                (hit.enrollment_uuid,),
            )
        ),
        summary=hit.summary,
        details={"enrolled_as": hit.enrolled_as, "hits": hit.hits},
    )
