"""The batched 1:N first pass finds what the per-probe search finds: the same coarse distances for
every probe's shortlist, and the same mates (exact scores) after the shared re-scoring."""

from __future__ import annotations

import numpy as np
import pytest

from matching import palm_batch_search
from matching.palm_batch_search import first_pass, search_many
from matching.palm_code import probe_from_code
from matching.palm_index import PalmIndex

pytestmark = pytest.mark.skipif(not palm_batch_search.available(), reason="numba is not installed")


def _noisy(code: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """About 12 % of the bits flipped: a plausible genuine capture of the same palm."""
    flips = rng.integers(0, 2**32, code.shape, dtype=np.uint32)
    for _ in range(2):
        flips &= rng.integers(0, 2**32, code.shape, dtype=np.uint32)
    return np.asarray(code ^ flips, dtype=np.uint32)


@pytest.fixture(scope="module")
def index() -> tuple[PalmIndex, np.ndarray]:
    rng = np.random.default_rng(5)
    codes = rng.integers(0, 2**32, (20_000, 6, 32), dtype=np.uint32)
    built = PalmIndex(shortlist=300)
    built.add_many([f"k{i}" for i in range(len(codes))], codes)
    return built, codes


def test_first_pass_keeps_the_same_shortlist_distances_as_the_per_probe_pass(
    index: tuple[PalmIndex, np.ndarray],
) -> None:
    built, codes = index
    rng = np.random.default_rng(6)
    probes = [probe_from_code(_noisy(codes[i * 97], rng)) for i in range(30)]
    rows, found = first_pass(built.arrays()[1], [p.code for p in probes], built.shortlist)
    assert rows.shape == (30, 300)
    for j, probe in enumerate(probes):
        coarse = built._coarse_distances(probe)  # the per-probe pass, for comparison
        assert np.array_equal(coarse[rows[j]], found[j])  # each kept row's distance is the real one
        assert np.array_equal(np.sort(found[j]), np.sort(coarse)[:300])  # and they are the nearest
        assert j * 97 in set(rows[j].tolist())


def test_search_many_answers_as_search_does(index: tuple[PalmIndex, np.ndarray]) -> None:
    built, codes = index
    rng = np.random.default_rng(7)
    queries = []
    for i in range(12):
        samples = [probe_from_code(_noisy(codes[i * 31], rng)) for _ in range(3)]
        queries.append((samples[0], samples[1:]))
    batched = search_many(built, queries, top=3)
    for i, ((probe, also), answer) in enumerate(zip(queries, batched, strict=True)):
        alone = built.search(probe, top=3, also=also)
        assert answer[0] == alone[0] and answer[0].key == f"k{i * 31}"
        # below the mate only chance-level rows (score ~0.05), where a tie at the shortlist's last
        # place may keep another row; every row both kept has the same exact score in both
        same = {c.key: c.score for c in alone}
        assert all(abs(same[c.key] - c.score) < 1e-12 for c in answer if c.key in same)
        assert all(c.score < 0.2 for c in answer[1:] + alone[1:])


def test_small_and_empty_galleries() -> None:
    rng = np.random.default_rng(8)
    probe = probe_from_code(rng.integers(0, 2**32, (6, 32), dtype=np.uint32))
    assert search_many(PalmIndex(), [(probe, [])]) == [[]]
    tiny = PalmIndex(shortlist=300)
    tiny.add_many(["a", "b"], rng.integers(0, 2**32, (2, 6, 32), dtype=np.uint32))
    [answer] = search_many(tiny, [(probe, [])], top=5)
    assert sorted(c.key for c in answer) == ["a", "b"]
    assert search_many(tiny, []) == []


def test_two_threads_may_search_at_once(index: tuple[PalmIndex, np.ndarray]) -> None:
    """Two workers in one process (e.g. tests, or a server thread beside a CLI call) take turns."""
    import threading

    built, codes = index
    rng = np.random.default_rng(9)
    answers: list[str] = []
    errors: list[BaseException] = []

    probes = {row: probe_from_code(_noisy(codes[row], rng)) for row in (11, 22)}

    def search(row: int) -> None:
        try:
            probe = probes[row]
            for _ in range(3):
                answers.append(search_many(built, [(probe, [])], top=1)[0][0].key)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=search, args=(row,)) for row in (11, 22)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == [] and sorted(answers) == ["k11"] * 3 + ["k22"] * 3
