"""The city-wide duplicate search: every new enrollment's palms against every palm enrolled anywhere.

Why at headquarters: a laptop only knows its own region's palms, and the fraud this catches (one
person enrolled twice under two ID numbers, often in two districts) only shows when all galleries
meet. The gallery is kept in memory between batches and topped up with templates stamped after the
last load, so a city of 720,000 palms is read from the database once. A hit (another ID number's
palm scoring at or above the one-to-many threshold) queues a "duplicate" review item.
"""

from __future__ import annotations

from collections import defaultdict

from fieldkit.hq.reviews import open_review
from fieldkit.hq.store import HqStore
from fieldkit.workflows.policy import decision_context
from matching.palm_code import probe_from_code
from matching.palm_index import PalmIndex
from matching.palm_template import FORMAT_NAME, from_bytes

_CACHE_KEY = "palm_gallery"


class HqGallery:
    """Every stored palm template of the current format, keyed ``id/hand/enrollment/sample``."""

    def __init__(self) -> None:
        self.index = PalmIndex()
        self.loaded_change = -1

    def refresh(self, hq: HqStore) -> None:
        """Add templates stamped after the last refresh."""
        rows = hq.db.execute(
            "SELECT id_number, hand, enrollment_uuid, sample_uuid, template, change_seq FROM templates "
            "WHERE format = ? AND modality = 'palm' AND change_seq > ? ORDER BY change_seq",
            (FORMAT_NAME, self.loaded_change),
        ).fetchall()
        if not rows:
            return
        keys = [f"{r[0]}/{r[1]}/{r[2]}/{r[3]}" for r in rows]
        self.index.add_templates(keys, [from_bytes(bytes(r[4])) for r in rows])
        self.loaded_change = max(int(r[5]) for r in rows)


def gallery(hq: HqStore) -> HqGallery:
    found = hq.cache.get(_CACHE_KEY)
    if not isinstance(found, HqGallery):
        found = HqGallery()
        hq.cache[_CACHE_KEY] = found
    found.refresh(hq)
    return found


def search_new_enrollments(hq: HqStore, enrollment_uuids: list[str]) -> dict[str, str]:
    """Search each enrollment's palms; returns enrollment UUID → why it needs review (hits only)."""
    threshold = decision_context().palm_duplicate
    city = gallery(hq)
    flagged: dict[str, str] = {}
    for enrollment_uuid in enrollment_uuids:
        hands: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
        owner = ""
        for id_number, hand, template in hq.db.execute(
            "SELECT id_number, hand, template FROM templates WHERE enrollment_uuid = ? AND modality = 'palm' "
            "AND format = ? ORDER BY sample_uuid",
            (enrollment_uuid, FORMAT_NAME),
        ).fetchall():
            owner = str(id_number)
            hands[str(hand)].append((str(hand), bytes(template)))
        hits: dict[tuple[str, str], float] = {}
        for samples in hands.values():
            parsed = [from_bytes(t) for _, t in samples]
            probes = [probe_from_code(p.code, p.search_code) for p in parsed]
            for candidate in city.index.search(probes[0], top=10, also=probes[1:]):
                other_id, other_hand, other_enrollment, _ = candidate.key.split("/", 3)
                if candidate.score < threshold or other_enrollment == enrollment_uuid:
                    continue
                if owner and other_id == owner:
                    continue
                key = (other_id, other_hand)
                hits[key] = max(hits.get(key, 0.0), candidate.score)
        if hits:
            best = sorted(hits.items(), key=lambda kv: -kv[1])[:5]
            why = f"palm matches {len(hits)} palm(s) of other people (best score {best[0][1]:.3f})"
            flagged[enrollment_uuid] = why
            with hq.db.transaction():
                open_review(
                    hq,
                    kind="duplicate",
                    record_uuid=enrollment_uuid,
                    record_type="enrollment",
                    device_key_id=str(
                        hq.db.scalar(
                            "SELECT device_key_id FROM templates WHERE enrollment_uuid = ? LIMIT 1",
                            (enrollment_uuid,),
                        )
                    ),
                    summary=why,
                    details={
                        "enrolled_as": owner,
                        "hits": [
                            {"id_number": other, "hand": hand, "score": round(score, 4)}
                            for (other, hand), score in best
                        ],
                    },
                )
    return flagged
