"""Evidence images as the console serves them: palm crops made once per capture, types from bytes.

Why a small cache: a reviewer opens an item, looks, goes back and forth; cutting the ROI of a
capture costs tens of milliseconds and the capture never changes (records are versioned, a sample
uuid names one image). The cache lives in the HQ store's per-process cache and is bounded. It is
keyed by (review item, image): a crop is found there only for the item whose evidence it was
checked to belong to, so the cache never serves an image through another item's URL.
"""

from __future__ import annotations

from collections import OrderedDict

from fieldkit.hq.store import HqStore
from fieldkit.services.palm_evidence import PalmCrop, palm_crop

_CACHE_KEY = "console_palm_crops"
_MAX_CROPS = 512


def _cache(hq: HqStore) -> OrderedDict[tuple[int, str], PalmCrop]:
    cache = hq.cache.get(_CACHE_KEY)
    if not isinstance(cache, OrderedDict):
        cache = OrderedDict()
        hq.cache[_CACHE_KEY] = cache
    return cache


def known_crop(hq: HqStore, review_id: int, ref: str) -> PalmCrop | None:
    """The crop of ``ref`` if it was already checked to be part of item ``review_id``'s evidence."""
    cache = _cache(hq)
    found = cache.get((review_id, ref))
    if found is not None:
        cache.move_to_end((review_id, ref))
    return found


def cached_crop(hq: HqStore, review_id: int, ref: str, image: bytes) -> PalmCrop:
    """The crop of the capture named ``ref`` of item ``review_id`` (the caller checked that it is
    part of that item's evidence); from the cache, or cut now and kept."""
    cache = _cache(hq)
    found = known_crop(hq, review_id, ref)
    if found is not None:
        return found
    crop = palm_crop(image)
    cache[(review_id, ref)] = crop
    while len(cache) > _MAX_CROPS:
        cache.popitem(last=False)
    return crop


def sniff_image_type(data: bytes) -> str:
    """The media type of stored image bytes (never trust a stored label for Content-Type)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return "application/octet-stream"
