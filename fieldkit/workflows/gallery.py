"""The palm gallery for duplicate search: every palm enrolled on this laptop, in one 1:N index.

Why it lives in the workflows: the index (``matching.palm_index``) knows codes, the store knows
bytes; joining them — and keeping keys that name the person and hand — is composition. Keys are
``person_uuid/hand/sample_uuid`` so a hit says who and which hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fieldkit.errors import UserError
from fieldkit.workflows.palm_templates import current_template, gallery_templates
from matching.palm_code import Probe
from matching.palm_index import PalmIndex
from matching.palm_template import FORMAT_NAME, OUTDATED_FORMAT_NAMES, from_bytes
from storage.records import Enrollment
from storage.store import Store

CURRENT_OR_OUTDATED = (FORMAT_NAME, *OUTDATED_FORMAT_NAMES)


@dataclass(frozen=True)
class GalleryHit:
    """An enrolled palm that matches the probe."""

    person_uuid: str
    hand: str
    score: float


def load_gallery(store: Store) -> PalmIndex:
    """Build the index from every stored palm template of the current format."""
    index = PalmIndex()
    keys, codes = [], []
    for person_uuid, sample_uuid, hand, template in gallery_templates(store):
        keys.append(f"{person_uuid}/{hand}/{sample_uuid}")
        codes.append(from_bytes(template))
    if codes:
        index.add_templates(keys, codes)
    return index


def search(
    index: PalmIndex,
    probe: Probe,
    *,
    threshold: float,
    exclude_person: str | None,
    top: int = 5,
    also: Sequence[Probe] = (),
) -> list[GalleryHit]:
    """Palms of other people scoring at or above ``threshold``, best first (one hit per person and hand)."""
    hits: dict[tuple[str, str], GalleryHit] = {}
    for candidate in index.search(probe, top=top * 3, also=also):
        person_uuid, hand, _ = candidate.key.split("/", 2)
        if person_uuid == exclude_person or candidate.score < threshold:
            continue
        key = (person_uuid, hand)
        if key not in hits or hits[key].score < candidate.score:
            hits[key] = GalleryHit(person_uuid, hand, candidate.score)
    return sorted(hits.values(), key=lambda h: -h.score)[:top]


def add_enrollment(index: PalmIndex, enrollment: Enrollment) -> None:
    """Put a just-saved enrolment's palms into a gallery kept for the session."""
    for sample in enrollment.samples:
        if sample.template_format not in CURRENT_OR_OUTDATED:
            continue
        try:
            template = current_template(sample)
        except UserError:
            continue  # note: an outdated template whose image is gone cannot be searched (as in load_gallery)
        if template is not None:
            parsed = from_bytes(template)
            key = f"{enrollment.person_uuid}/{sample.hand}/{sample.uuid}"
            index.add(key, parsed.code, parsed.search_code)
