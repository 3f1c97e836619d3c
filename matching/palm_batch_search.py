"""One-to-many search of many probes at once: one pass over the gallery for a whole block of probes.

Why: headquarters searches every new enrollment against the city (720,000 palms). Searched one hand
at a time, the first pass streams the gallery's compact codes from memory once per hand, through
numpy temporaries, five times (one per coarse shift): about 0.6 s a hand, twenty minutes for a
1,000-enrollment batch. Here the gallery is walked once per block of probes, a cache-sized tile at a
time, and every probe of the block is compared against the tile while it is in the CPU cache, in a
compiled loop (numba; XOR, mask and a hardware popcount, no temporaries). Each probe keeps its
``shortlist`` best rows as it goes, so nothing of size gallery × probes is ever held.

Same answers as the per-probe search, by construction: the first pass computes the same distance
(differing bits over compared bits, at the same five shifts, in float64, the same division) and
the shortlist is re-scored exactly by :meth:`matching.palm_index.PalmIndex.rescore`, the code the
per-probe search uses. Only which of several rows tied at the shortlist's last place is kept may
differ. ``benchmarks/bench_hq_queue.py --recall`` measures both on real captures side by side.

Without numba (it is a dependency, but a build may lack it) the probes are searched one by one.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.palm_code import Code, Probe
from matching.palm_index import Candidate, PalmIndex, shifted_compact

TILE = 2048  # gallery rows compared against every probe of the block while they stay in cache
BLOCK = 256  # probes searched together (their per-probe shortlists stay small: 256 × 300 rows)


def _load_numba() -> Any:
    try:
        return importlib.import_module("numba")
    except ImportError:  # pragma: no cover - numba is a dependency; kept for a build without it
        return None


_NUMBA = _load_numba()


def _build_kernel() -> Any:
    """Compile the scan (once per process; numba caches the machine code on disk when it can)."""
    ir: Any = importlib.import_module("llvmlite.ir")
    types: Any = importlib.import_module("numba.core.types")
    intrinsic: Any = importlib.import_module("numba.extending").intrinsic

    def popcount_typing(typingctx: Any, word: Any) -> Any:
        def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
            ctpop = builder.module.declare_intrinsic("llvm.ctpop", [ir.IntType(64)])
            return builder.call(ctpop, args)

        return types.uint64(types.uint64), codegen

    popcount = intrinsic(popcount_typing)  # note: LLVM's ctpop, the CPU's popcount instruction

    prange = _NUMBA.prange

    def scan(
        gallery: Any, probes: Any, masks: Any, counts: Any, best_d: Any, best_i: Any, tile: int
    ) -> None:  # pragma: no cover - runs compiled
        rows = gallery.shape[0]
        words = gallery.shape[1]
        shifts = probes.shape[1]
        keep = best_d.shape[1]
        for start in range(0, rows, tile):
            stop = min(rows, start + tile)
            for j in prange(probes.shape[0]):
                worst = -1.0
                worst_at = 0
                for q in range(keep):
                    if best_d[j, q] > worst:
                        worst = best_d[j, q]
                        worst_at = q
                for i in range(start, stop):
                    nearest = np.inf
                    for k in range(shifts):
                        differing = 0
                        for t in range(words):
                            differing += popcount((gallery[i, t] ^ probes[j, k, t]) & masks[k, t])
                        distance = differing / counts[k]
                        if distance < nearest:
                            nearest = distance
                    if nearest < worst:
                        best_d[j, worst_at] = nearest
                        best_i[j, worst_at] = i
                        worst = -1.0
                        for q in range(keep):
                            if best_d[j, q] > worst:
                                worst = best_d[j, q]
                                worst_at = q

    return _NUMBA.njit(parallel=True, cache=True, nogil=True)(scan)


_KERNEL: Any = None
# note: numba's default thread pool (workqueue) must not be entered from two Python threads at once
# (it aborts the process); two workers in one process take turns, each scan uses every core anyway
_KERNEL_LOCK = threading.Lock()


def available() -> bool:
    """True when the compiled batch scan can run (numba is installed)."""
    return _NUMBA is not None


def first_pass(
    compact_gallery: npt.NDArray[np.uint64], first_codes: Sequence[Code], keep: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """Each code's ``keep`` nearest gallery rows by the coarse distance: (P, keep) rows and distances.

    Rows are in no particular order; fewer than ``keep`` rows only when the gallery is smaller.
    """
    global _KERNEL
    if _NUMBA is None:
        raise RuntimeError("the batched first pass needs numba")
    with _KERNEL_LOCK:
        if _KERNEL is None:
            _KERNEL = _build_kernel()
    keep = min(keep, len(compact_gallery))
    parts = [shifted_compact(code) for code in first_codes]
    if not parts or keep == 0:
        return np.zeros((len(parts), 0), np.intp), np.zeros((len(parts), 0))
    probes = np.ascontiguousarray(np.stack([shifted for shifted, _, _ in parts]), dtype=np.uint64)
    masks = np.ascontiguousarray(parts[0][1], dtype=np.uint64)  # the same for every probe (shift only)
    counts = np.ascontiguousarray(parts[0][2], dtype=np.float64)
    best_d = np.full((len(parts), keep), np.inf)
    best_i = np.full((len(parts), keep), -1, dtype=np.intp)
    with _KERNEL_LOCK:
        _KERNEL(np.ascontiguousarray(compact_gallery), probes, masks, counts, best_d, best_i, TILE)
    return best_i, best_d


def search_many(
    index: PalmIndex, queries: Sequence[tuple[Probe, Sequence[Probe]]], *, top: int = 5
) -> list[list[Candidate]]:
    """:meth:`PalmIndex.search` for many hands: ``queries`` are (best capture, other captures).

    The first pass runs for a block of ``BLOCK`` hands at once; the exact pass per hand, as before.
    """
    if not available():
        return [index.search(probe, top=top, also=also) for probe, also in queries]
    _, compact_codes = index.arrays()
    if not len(compact_codes):
        return [[] for _ in queries]
    found: list[list[Candidate]] = []
    # note: the exact pass is numpy (it releases the GIL): the hands of a block share the cores
    with ThreadPoolExecutor(max_workers=max(1, index.workers)) as pool:
        for start in range(0, len(queries), BLOCK):
            block = queries[start : start + BLOCK]
            rows, _ = first_pass(compact_codes, [index.first_code(p) for p, _ in block], index.shortlist)
            found += pool.map(
                lambda job: index.rescore(job[0][0], job[1], top=top, also=job[0][1]),
                zip(block, rows, strict=True),
            )
    return found
