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

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fieldkit.hq import gallery_cache, gallery_codes
from fieldkit.hq.reviews import open_review
from fieldkit.hq.store import HqStore
from fieldkit.workflows.policy import decision_context
from matching.errors import TemplateError
from matching.palm_batch_search import search_many
from matching.palm_code import Probe, probe_from_code
from matching.palm_index import PalmIndex
from matching.palm_template import FORMAT_NAME, from_bytes

_CACHE_KEY = "palm_gallery"


class HqGallery:
    """Every stored palm template of the current format, keyed ``id/hand/enrollment/sample``.

    ``shard``: (K, N) to hold only the enrollments of shard K of N (:func:`shard_of`), for workers
    that split the city between them; None holds everything.
    """

    def __init__(self, shard: tuple[int, int] | None = None, *, use_cache: bool = True) -> None:
        self.index = PalmIndex()
        self.shard = shard
        self.use_cache = use_cache
        self.started = False
        self.loaded_change = -1
        self.arrived: dict[str, int] = {}  # enrollment UUID → change number its templates were stamped with

    def refresh(self, hq: HqStore) -> None:
        """Add templates stamped after the last refresh (their binary codes filled first). The first
        refresh starts from the checked cache file when there is one, and writes it when not."""
        if not self.started and self.use_cache:
            cached = gallery_cache.load(hq, self.shard)
            if cached is not None and gallery_cache.worth_it(hq, cached):
                self._add(cached)
            else:
                gallery_codes.backfill(hq)
                loaded = gallery_codes.load(hq)
                if self.shard is not None:
                    loaded = _only_shard(loaded, *self.shard)
                gallery_cache.save_if_consistent(hq, self.shard, loaded)
                self._add(loaded)
        self.started = True
        gallery_codes.backfill(hq, after_change=self.loaded_change)
        loaded = gallery_codes.load(hq, after_change=self.loaded_change)
        if self.shard is not None:
            loaded = _only_shard(loaded, *self.shard)
        self._add(loaded)

    def _add(self, loaded: gallery_codes.LoadedCodes) -> None:
        if loaded.keys:
            self.index.add_packed(loaded.keys, loaded.full, loaded.compact, search_codes=loaded.search_codes)
            self.arrived.update(zip(loaded.enrollments, loaded.stamps, strict=True))
        self.loaded_change = max(self.loaded_change, loaded.last_change)


def shard_of(enrollment_uuid: str, shards: int) -> int:
    """The shard (0 … shards-1) an enrollment's palms belong to: a stable hash of its UUID, the same
    in every process and release (not Python's salted ``hash``)."""
    digest = hashlib.sha256(enrollment_uuid.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % shards


def _only_shard(loaded: gallery_codes.LoadedCodes, shard: int, shards: int) -> gallery_codes.LoadedCodes:
    keep = [i for i, uuid in enumerate(loaded.enrollments) if shard_of(uuid, shards) == shard]
    rows = np.asarray(keep, dtype=np.intp)
    return gallery_codes.LoadedCodes(
        keys=[loaded.keys[i] for i in keep],
        enrollments=[loaded.enrollments[i] for i in keep],
        stamps=[loaded.stamps[i] for i in keep],
        full=loaded.full[rows],
        compact=loaded.compact[rows],
        search_codes=loaded.search_codes,
        last_change=loaded.last_change,
        seen=loaded.seen,
    )


def gallery(hq: HqStore, shard: tuple[int, int] | None = None) -> HqGallery:
    """The process's gallery (of one shard, or whole), topped up with what arrived since."""
    name = _CACHE_KEY if shard is None else f"{_CACHE_KEY}/{shard[0]}/{shard[1]}"
    found = hq.cache.get(name)
    if not isinstance(found, HqGallery):
        found = HqGallery(shard)
        hq.cache[name] = found
    found.refresh(hq)
    return found


@dataclass(frozen=True)
class DuplicateHit:
    """Why an enrollment needs review: the best-scoring palms of other people (at most five)."""

    enrollment_uuid: str
    enrolled_as: str
    summary: str
    hits: list[dict[str, Any]]


Hits = dict[tuple[str, str], float]  # (other ID number, hand) → best score at or above the threshold


@dataclass
class _Enrollment:
    owner: str = ""
    horizon: int = 0
    hands: dict[str, list[bytes]] = field(default_factory=lambda: defaultdict(list))


def _read(hq: HqStore, enrollment_uuid: str) -> _Enrollment:
    found = _Enrollment()
    for id_number, hand, template, stamped in hq.db.execute(
        "SELECT id_number, hand, template, change_seq FROM templates WHERE enrollment_uuid = ? "
        "AND modality = 'palm' "
        "AND format = ? ORDER BY sample_uuid",
        (enrollment_uuid, FORMAT_NAME),
    ).fetchall():
        found.owner = str(id_number)
        found.horizon = max(found.horizon, int(stamped))
        found.hands[str(hand)].append(bytes(template))
    return found


def search_hits(
    hq: HqStore, enrollment_uuids: list[str], *, shard: tuple[int, int] | None = None
) -> dict[str, Hits | Exception]:
    """The hits of each enrollment against the gallery (or one shard of it), searched together.

    Only palms that had arrived with or before the enrollment count, as when the search ran inside
    the upload: a pair of enrollments is found once, by the later one, whatever order workers take
    the jobs in. An enrollment whose template cannot be read gets the exception instead.
    """
    threshold = decision_context().palm_duplicate
    city = gallery(hq, shard)
    results: dict[str, Hits | Exception] = {}
    read: dict[str, _Enrollment] = {}
    queries: list[tuple[Probe, list[Probe]]] = []
    owners: list[str] = []
    for uuid in enrollment_uuids:
        try:
            enrollment = _read(hq, uuid)
            mine = []
            for samples in enrollment.hands.values():
                probes = [probe_from_code(p.code, p.search_code) for p in map(from_bytes, samples)]
                mine.append((probes[0], probes[1:]))
        except TemplateError as exc:
            results[uuid] = exc
            continue
        queries += mine
        owners += [uuid] * len(mine)
        read[uuid] = enrollment
        results[uuid] = {}
    for uuid, candidates in zip(owners, search_many(city.index, queries, top=10), strict=True):
        enrollment, hits = read[uuid], results[uuid]
        assert isinstance(hits, dict)
        for candidate in candidates:
            other_id, other_hand, other_enrollment, _ = candidate.key.split("/", 3)
            if candidate.score < threshold or other_enrollment == uuid:
                continue
            if city.arrived.get(other_enrollment, 0) > enrollment.horizon:
                continue  # note: arrived later; its own search finds this pair (each pair once)
            if enrollment.owner and other_id == enrollment.owner:
                continue
            key = (other_id, other_hand)
            hits[key] = max(hits.get(key, 0.0), candidate.score)
    return results


def owner_of(hq: HqStore, enrollment_uuid: str) -> str:
    """The ID number an enrollment was made under (empty if unknown)."""
    found = hq.db.scalar(
        "SELECT id_number FROM templates WHERE enrollment_uuid = ? AND modality = 'palm' "
        "AND format = ? LIMIT 1",
        (enrollment_uuid, FORMAT_NAME),
    )
    return "" if found is None else str(found)


def to_hit(enrollment_uuid: str, enrolled_as: str, hits: Hits) -> DuplicateHit | None:
    """The review's content for an enrollment's hits (merged from every shard), None if none."""
    if not hits:
        return None
    best = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return DuplicateHit(
        enrollment_uuid=enrollment_uuid,
        enrolled_as=enrolled_as,
        summary=f"palm matches {len(hits)} palm(s) of other people (best score {best[0][1]:.3f})",
        hits=[{"id_number": other, "hand": hand, "score": round(score, 4)} for (other, hand), score in best],
    )


def find_duplicates(hq: HqStore, enrollment_uuid: str) -> DuplicateHit | None:
    """Search one enrollment's palms against the city gallery (slow: no transaction is held).

    A template of the enrollment that cannot be read raises (the queued job fails with that reason).
    """
    found = search_hits(hq, [enrollment_uuid])[enrollment_uuid]
    if isinstance(found, Exception):
        raise found
    return to_hit(enrollment_uuid, owner_of(hq, enrollment_uuid), found)


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
