"""One-to-many search ("is this palm already enrolled under another ID?") over a whole city.

Why two passes: exact comparison searches 5 scales × 49 shifts and costs ~0.2 ms, far too much for
720,000 templates. The first pass compares a compact 1,536-bit code (every other cell of the full
code: 16×16 cells × 6 orientations, 192 bytes) at five small shifts by XOR and popcount over the
whole gallery at once, in chunks shared by the cores; only the best ``shortlist`` candidates are then
re-scored exactly. The shortlist's recall is measured by ``benchmarks/bench_palm.py``, not assumed.
The first pass compares each template's *search code* when it has one (a coarser 22-px code made for
this pass, ``palm_code.SEARCH_WAVELENGTH``): sampled at half resolution, the finer verification code
lost real mates (recall 96.7 % against 99.7 %). Entries without one use their verification code.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.palm_code import GRID, ORIENTATIONS, Code, Probe, distances, score_from_distance
from matching.palm_template import PalmTemplate

COARSE = GRID // 2
_WORDS = ORIENTATIONS * COARSE * COARSE // 64  # 24 uint64 words per compact code
_CHUNK = 4096  # rows per first-pass chunk: the five shifted passes reuse it while it is in cache
_EXACT_CHUNK = 16  # exact comparisons are memory-bound: small batches stay in cache
_COARSE_SHIFTS = ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1))


def _bits(code: Code) -> npt.NDArray[np.uint8]:
    as_bytes = np.ascontiguousarray(code, dtype="<u4").view(np.uint8).reshape(*code.shape[:-1], GRID, 4)
    return np.unpackbits(as_bytes, axis=-1, bitorder="little")  # (..., 6, 32 rows, 32 cols)


def _pack_coarse(bits: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint64]:
    flat = bits.reshape(*bits.shape[:-3], ORIENTATIONS * COARSE * COARSE)
    return np.packbits(flat, axis=-1).view(np.uint64).reshape(*bits.shape[:-3], _WORDS)


def compact(codes: Code) -> npt.NDArray[np.uint64]:
    """(…, 6, 32) full codes → (…, 24) compact codes."""
    return _pack_coarse(_bits(codes)[..., ::2, ::2])


def shifted_compact(
    code: Code,
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64], npt.NDArray[np.float64]]:
    """The probe's compact code at each coarse shift, the mask of cells still compared, and their count."""
    bits = _bits(code)[..., ::2, ::2]
    shifted, masks = [], []
    for dx, dy in _COARSE_SHIFTS:
        moved = np.roll(bits, (dy, dx), axis=(-2, -1))
        valid = np.ones_like(bits)
        if dy:
            valid[..., (0 if dy > 0 else -1), :] = 0
        if dx:
            valid[..., :, (0 if dx > 0 else -1)] = 0
        shifted.append(_pack_coarse(moved))
        masks.append(_pack_coarse(valid))
    mask_array = np.stack(masks)
    return np.stack(shifted), mask_array, np.bitwise_count(mask_array).sum(axis=1).astype(np.float64)


@dataclass(frozen=True)
class Candidate:
    """A gallery entry and its exact score against the probe."""

    key: str
    score: float


class PalmIndex:
    """An in-memory gallery of palm codes with two-pass search."""

    def __init__(self, *, shortlist: int = 300, workers: int = 2) -> None:
        self.shortlist = shortlist
        self.workers = workers
        self._keys: list[str] = []
        self._codes: list[Code] = []
        self._search: list[Code] = []  # what each pending entry's compact code is made from
        self._full: Code | None = None
        self._compact: npt.NDArray[np.uint64] | None = None
        self.has_search_codes = False

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, code: Code, search_code: Code | None = None) -> None:
        """Add one template (merged into the search arrays at the next search)."""
        self._keys.append(key)
        self._codes.append(np.asarray(code, dtype=np.uint32))
        self._search.append(np.asarray(code if search_code is None else search_code, dtype=np.uint32))
        self.has_search_codes |= search_code is not None

    def add_many(self, keys: list[str], codes: Code, search_codes: Code | None = None) -> None:
        """Add a stack of codes (N, 6, 32) at once: the fast path for loading a city."""
        self._ensure_built()
        self._keys.extend(keys)
        full = np.asarray(codes, dtype=np.uint32)
        self._append(full, full if search_codes is None else np.asarray(search_codes, dtype=np.uint32))
        self.has_search_codes |= search_codes is not None

    def add_packed(
        self, keys: list[str], codes: Code, compact_codes: npt.NDArray[np.uint64], *, search_codes: bool
    ) -> None:
        """Add codes whose compact first-pass form was computed before (stored in binary at
        headquarters): loading skips the unpacking and repacking of every code."""
        if len(keys) != len(codes) or len(codes) != len(compact_codes):
            raise ValueError("keys, codes and compact codes must have the same length")
        self._ensure_built()
        if not keys:
            return
        self._keys.extend(keys)
        full = np.asarray(codes, dtype=np.uint32)
        part = np.asarray(compact_codes, dtype=np.uint64)
        self._full = full if self._full is None else np.concatenate([self._full, full])
        self._compact = part if self._compact is None else np.concatenate([self._compact, part])
        self.has_search_codes |= search_codes

    def add_templates(self, keys: list[str], templates: Sequence[PalmTemplate]) -> None:
        """Add decoded templates, each with its search code when it carries one."""
        if not templates:
            return
        codes = np.stack([t.code for t in templates])
        if all(t.search_code is None for t in templates):
            self.add_many(keys, codes)
            return
        search = [t.code if t.search_code is None else t.search_code for t in templates]
        self.add_many(keys, codes, np.stack(search))

    def _append(self, full: Code, search: Code) -> None:
        if len(full) != 0:
            self._full = full if self._full is None else np.concatenate([self._full, full])
            part = compact(search)
            self._compact = part if self._compact is None else np.concatenate([self._compact, part])

    def _ensure_built(self) -> None:
        """Move templates added one by one into the arrays, after those already there."""
        if self._codes:
            pending, self._codes = np.stack(self._codes), []
            search, self._search = np.stack(self._search), []
            self._append(pending, search)

    def memory_bytes(self) -> int:
        """Bytes held by the gallery arrays (full and compact codes)."""
        self._ensure_built()
        return int(
            (self._full.nbytes if self._full is not None else 0)
            + (self._compact.nbytes if self._compact is not None else 0)
        )

    def _coarse_distances(self, probe: Probe) -> npt.NDArray[np.float64]:
        assert self._compact is not None
        shifted, masks, counts = shifted_compact(self.first_code(probe))
        gallery = self._compact

        def chunk(start: int) -> npt.NDArray[np.float64]:
            part = gallery[start : start + _CHUNK]
            best = np.full(len(part), np.inf)
            for s in range(len(shifted)):
                differing = np.bitwise_count((part ^ shifted[s]) & masks[s]).sum(axis=1, dtype=np.int32)
                np.minimum(best, differing / counts[s], out=best)
            return best

        starts = range(0, len(gallery), _CHUNK)
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return np.concatenate(list(pool.map(chunk, starts)))

    def _exact(self, probe: Probe, candidates: Code) -> npt.NDArray[np.float64]:
        """Exact scores of ``probe`` against candidate codes, in cache-sized chunks."""
        return np.concatenate(
            [
                score_from_distance(distances(probe, candidates[start : start + _EXACT_CHUNK]))
                for start in range(0, len(candidates), _EXACT_CHUNK)
            ]
        )

    def first_code(self, probe: Probe) -> Code:
        """The code of ``probe`` the first pass compares: its search code when the gallery has them."""
        if self.has_search_codes and probe.search_code is not None:
            return probe.search_code
        return probe.code

    def arrays(self) -> tuple[Code, npt.NDArray[np.uint64]]:
        """The gallery's full codes (N, 6, 32) and compact first-pass codes (N, 24), for batch search."""
        self._ensure_built()
        if self._full is None or self._compact is None:
            return np.zeros((0, ORIENTATIONS, GRID), np.uint32), np.zeros((0, _WORDS), np.uint64)
        return self._full, self._compact

    def key(self, row: int) -> str:
        """The key of gallery row ``row``."""
        return self._keys[row]

    def search(self, probe: Probe, *, top: int = 5, also: Sequence[Probe] = ()) -> list[Candidate]:
        """The ``top`` best gallery entries for ``probe``, exact scores, best first.

        ``also``: more captures of the same hand. The first pass runs once, on ``probe`` (give the
        best-quality sample); the shortlist is scored exactly against it, and its leaders against
        every other capture, each entry keeping its best score.
        """
        self._ensure_built()
        if self._full is None or not len(self._full):
            return []
        coarse = self._coarse_distances(probe)
        keep = min(self.shortlist, len(coarse))
        shortlist = np.argpartition(coarse, keep - 1)[:keep]
        return self.rescore(probe, shortlist, top=top, also=also)

    def rescore(
        self, probe: Probe, shortlist: npt.NDArray[np.intp], *, top: int = 5, also: Sequence[Probe] = ()
    ) -> list[Candidate]:
        """The exact second pass over the gallery rows ``shortlist`` (see :meth:`search`); shared
        with the batched first pass (``matching.palm_batch_search``) so both score alike."""
        self._ensure_built()
        assert self._full is not None
        candidates = self._full[shortlist]
        scores = self._exact(probe, candidates)
        if also:
            # note: the other captures only re-score the leaders; re-scoring the whole shortlist would
            # multiply the exact comparisons (the expensive part) by the number of samples
            leaders = np.argsort(-scores, kind="stable")[: max(4 * top, 20)]
            for capture in also:
                np.maximum.at(scores, leaders, self._exact(capture, candidates[leaders]))
        order = np.argsort(-scores, kind="stable")[:top]
        return [Candidate(self._keys[int(shortlist[i])], float(scores[i])) for i in order]
