"""Palm codes, their comparison, their storage as bytes, and the 1:N index.

The comparison is checked against a deliberately slow reference written here from the definition
(unpacked bits, explicit loops over shifts), the template format against hand-patched bytes, and the
two-pass index against brute force over the whole gallery.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
import pytest

from matching.errors import TemplateError
from matching.palm_code import (
    GRID,
    ORIENTATIONS,
    SHIFT,
    distances,
    encode,
    make_probe,
    probe_from_code,
    score_from_distance,
)
from matching.palm_index import PalmIndex, compact
from matching.palm_template import VERSION, PalmTemplate, from_bytes, to_bytes
from matching.synthetic_palm import synthetic_palm_crop

IDENTITIES = 150
RANDOM_CODES = 2000


def _random_codes(rng: np.random.Generator, count: int) -> np.ndarray:
    return rng.integers(0, 2**32, size=(count, ORIENTATIONS, GRID), dtype=np.uint32)


def _unpack(code: np.ndarray) -> np.ndarray:
    """(..., 6, 32 words) → (..., 6, 32 rows y, 32 columns x) of 0/1: bit x of word y is cell (x, y)."""
    return ((code[..., None] >> np.arange(32, dtype=np.uint32)) & np.uint32(1)).astype(np.uint8)


def _pack(bits: np.ndarray) -> np.ndarray:
    """Inverse of ``_unpack``."""
    weights = np.uint32(1) << np.arange(32, dtype=np.uint32)
    return (bits.astype(np.uint32) * weights).sum(axis=-1, dtype=np.uint64).astype(np.uint32)


def _reference_distance(probe_code: np.ndarray, gallery_code: np.ndarray) -> float:
    """Smallest fraction of differing bits over shifts (dx, dy) in [-SHIFT, SHIFT]²: cell (x, y) of the
    probe is compared with cell (x + dx, y + dy) of the gallery code, counting only cells both have."""
    p, g = _unpack(probe_code).astype(bool), _unpack(gallery_code).astype(bool)
    best = np.inf
    for dx in range(-SHIFT, SHIFT + 1):
        for dy in range(-SHIFT, SHIFT + 1):
            differing = total = 0
            for y in range(GRID):
                if not 0 <= y + dy < GRID:
                    continue
                xs = np.arange(max(0, -dx), min(GRID, GRID - dx))
                differing += int(np.count_nonzero(p[:, y, xs] != g[:, y + dy, xs + dx]))
                total += ORIENTATIONS * len(xs)
            best = min(best, differing / total)
    return float(best)


@pytest.fixture(scope="module")
def crops() -> dict[tuple[int, int], np.ndarray]:
    return {(i, s): synthetic_palm_crop(i, s) for i in range(8) for s in range(3)}


@pytest.fixture(scope="module")
def codes(crops: dict[tuple[int, int], np.ndarray]) -> dict[tuple[int, int], np.ndarray]:
    return {key: encode(image) for key, image in crops.items()}


# ------------------------------------------------------------------------------------------- encode


def test_encode_shape_and_type(crops: dict[tuple[int, int], np.ndarray]) -> None:
    code = encode(crops[0, 0])
    assert code.shape == (ORIENTATIONS, GRID) == (6, 32)
    assert code.dtype == np.uint32
    bits = _unpack(code)
    assert 0.2 < bits.mean() < 0.8  # the signs of zero-mean filters: neither all 0 nor all 1


def test_encode_is_deterministic(crops: dict[tuple[int, int], np.ndarray]) -> None:
    assert np.array_equal(encode(crops[1, 0]), encode(crops[1, 0].copy()))


def test_encode_ignores_overall_brightness(crops: dict[tuple[int, int], np.ndarray]) -> None:
    brighter = np.clip(crops[2, 0].astype(int) + 30, 0, 255).astype(np.uint8)
    bits_a, bits_b = _unpack(encode(crops[2, 0])), _unpack(encode(brighter))
    assert np.mean(bits_a != bits_b) < 0.05


def test_own_code_distance_is_zero_and_score_one(
    crops: dict[tuple[int, int], np.ndarray], codes: dict[tuple[int, int], np.ndarray]
) -> None:
    probe = make_probe(crops[3, 0])
    assert np.array_equal(probe.code, codes[3, 0])
    assert float(distances(probe, codes[3, 0])) == 0.0
    assert float(score_from_distance(distances(probe, codes[3, 0]))) == 1.0
    assert float(distances(probe_from_code(codes[3, 0]), codes[3, 0])) == 0.0


def test_same_identity_is_closer_than_other_identities(
    crops: dict[tuple[int, int], np.ndarray], codes: dict[tuple[int, int], np.ndarray]
) -> None:
    genuine, impostor = [], []
    for i in range(8):
        probe = make_probe(crops[i, 1])
        genuine.append(float(distances(probe, codes[i, 0])))
        impostor += [float(distances(probe, codes[j, 0])) for j in range(8) if j != i]
    assert np.mean(genuine) < np.mean(impostor) - 0.15
    assert max(genuine) < min(impostor)
    assert 0.35 < np.mean(impostor) < 0.5  # unrelated palms sit near chance after the shift search


def test_distance_is_symmetric_without_scales(codes: dict[tuple[int, int], np.ndarray]) -> None:
    for a, b in [((0, 0), (0, 1)), ((1, 0), (2, 0)), ((4, 2), (4, 0))]:
        forward = float(distances(probe_from_code(codes[a]), codes[b]))
        backward = float(distances(probe_from_code(codes[b]), codes[a]))
        assert forward == pytest.approx(backward, abs=1e-12)


def test_score_from_distance() -> None:
    assert float(score_from_distance(0.0)) == 1.0
    assert float(score_from_distance(0.25)) == pytest.approx(0.5)
    assert float(score_from_distance(0.5)) == 0.0
    assert float(score_from_distance(0.7)) == 0.0
    scores = score_from_distance(np.array([0.0, 0.1, 0.2, 0.6]))
    assert scores.shape == (4,) and np.all(np.diff(scores) <= 0)


# ------------------------------------------------------------------------- vectorisation, reference


def test_stack_equals_items(
    crops: dict[tuple[int, int], np.ndarray], codes: dict[tuple[int, int], np.ndarray]
) -> None:
    stack = np.stack([codes[key] for key in sorted(codes)])
    probe = make_probe(crops[5, 2])
    together = distances(probe, stack)
    assert together.shape == (len(stack),)
    one_by_one = np.array([float(distances(probe, code)) for code in stack])
    assert np.array_equal(together, one_by_one)
    grid = distances(probe, stack[:12].reshape(3, 4, ORIENTATIONS, GRID))
    assert grid.shape == (3, 4)
    assert np.array_equal(grid.ravel(), together[:12])


def test_scale_search_is_the_best_of_its_scales(
    crops: dict[tuple[int, int], np.ndarray], codes: dict[tuple[int, int], np.ndarray]
) -> None:
    stack = np.stack([codes[i, 0] for i in range(8)])
    scales = (0.86, 0.93, 1.0, 1.07, 1.14)
    combined = distances(make_probe(crops[6, 1], scales=scales), stack)
    separate = np.stack([distances(make_probe(crops[6, 1], scales=(s,)), stack) for s in scales])
    assert np.array_equal(combined, separate.min(axis=0))


def test_reference_helpers_round_trip() -> None:
    code = _random_codes(np.random.default_rng(5), 1)[0]
    assert np.array_equal(_pack(_unpack(code)), code)


def test_distance_equals_slow_reference_on_random_codes() -> None:
    rng = np.random.default_rng(7)
    probes, gallery = _random_codes(rng, 3), _random_codes(rng, 3)
    for p in probes:
        fast = distances(probe_from_code(p), gallery)
        slow = [_reference_distance(p, g) for g in gallery]
        assert fast == pytest.approx(slow, abs=1e-12)


@pytest.mark.parametrize(("dx", "dy"), [(0, 0), (2, -1), (-3, 3), (3, 0), (1, 2), (5, 0), (0, -6)])
def test_distance_equals_slow_reference_on_shifted_codes(dx: int, dy: int) -> None:
    """A code moved by (dx, dy) cells with 5 % of its bits flipped: found again within ±SHIFT, and the
    fast and slow distances agree exactly whether or not the shift is within reach."""
    rng = np.random.default_rng(abs(dx) * 10 + abs(dy))
    original = _unpack(_random_codes(rng, 1)[0])
    moved = np.roll(original, (dy, dx), axis=(1, 2))  # cell (x, y) → (x + dx, y + dy)
    moved ^= (rng.random(moved.shape) < 0.05).astype(np.uint8)
    a, b = _pack(original), _pack(moved)
    fast = float(distances(probe_from_code(a), b))
    assert fast == pytest.approx(_reference_distance(a, b), abs=1e-12)
    if max(abs(dx), abs(dy)) <= SHIFT:
        assert fast < 0.08
    else:
        assert fast > 0.4


def test_real_codes_against_slow_reference(codes: dict[tuple[int, int], np.ndarray]) -> None:
    pairs = [((0, 0), (0, 1)), ((0, 0), (1, 0)), ((7, 2), (7, 0))]
    for a, b in pairs:
        fast = float(distances(probe_from_code(codes[a]), codes[b]))
        assert fast == pytest.approx(_reference_distance(codes[a], codes[b]), abs=1e-12)


# ---------------------------------------------------------------------------------------- templates


def _with_header(data: bytes, **fields: int) -> bytes:
    """Patch header fields (format_id, version) and recompute the CRC, so only that field is wrong."""
    body = bytearray(data[:-4])
    if "format_id" in fields:
        body[4:6] = struct.pack("<H", fields["format_id"])
    if "version" in fields:
        body[6:8] = struct.pack("<H", fields["version"])
    if "magic" in fields:
        body[0:4] = fields["magic"].to_bytes(4, "little")
    return bytes(body) + struct.pack("<I", zlib.crc32(bytes(body)))


def _template_error(data: bytes) -> str:
    with pytest.raises(TemplateError) as caught:
        from_bytes(data)
    assert caught.value.message
    return caught.value.code


@pytest.fixture(scope="module")
def template_bytes(codes: dict[tuple[int, int], np.ndarray]) -> bytes:
    return to_bytes(PalmTemplate(code=codes[0, 0], quality=87))


def test_template_round_trip(codes: dict[tuple[int, int], np.ndarray], template_bytes: bytes) -> None:
    assert len(template_bytes) <= 4096
    back = from_bytes(template_bytes)
    assert np.array_equal(back.code, codes[0, 0]) and back.code.dtype == np.uint32
    assert back.code.shape == (ORIENTATIONS, GRID)
    assert back.quality == 87


def test_template_round_trip_without_quality(codes: dict[tuple[int, int], np.ndarray]) -> None:
    data = to_bytes(PalmTemplate(code=codes[1, 0]))
    back = from_bytes(data)
    assert back.quality is None and np.array_equal(back.code, codes[1, 0])
    assert from_bytes(to_bytes(PalmTemplate(code=codes[1, 0], quality=0))).quality == 0


def test_template_round_trip_of_extreme_codes() -> None:
    for code in (np.zeros((6, 32), np.uint32), np.full((6, 32), 0xFFFFFFFF, np.uint32)):
        assert np.array_equal(from_bytes(to_bytes(PalmTemplate(code=code))).code, code)


def test_template_bytes_are_little_endian_words(codes: dict[tuple[int, int], np.ndarray]) -> None:
    """The layout is fixed whatever the machine: the code's words appear little-endian in the bytes."""
    data = to_bytes(PalmTemplate(code=codes[2, 0]))
    assert codes[2, 0].astype("<u4").tobytes() in data
    assert data[:4] == b"FKPV"
    assert struct.unpack("<I", data[-4:])[0] == zlib.crc32(data[:-4])


def test_template_of_wrong_shape_is_refused() -> None:
    with pytest.raises(TemplateError):
        to_bytes(PalmTemplate(code=np.zeros((6, 16), np.uint32)))


@pytest.mark.parametrize("position", [20, 100, 400, -5])
def test_flipped_byte_is_damaged(template_bytes: bytes, position: int) -> None:
    data = bytearray(template_bytes)
    data[position] ^= 0x10
    assert _template_error(bytes(data)) == "template.damaged"


def test_flipped_crc_is_damaged(template_bytes: bytes) -> None:
    data = bytearray(template_bytes)
    data[-1] ^= 0x01
    assert _template_error(bytes(data)) == "template.damaged"


@pytest.mark.parametrize("keep", [0, 3, 15, 16, 100, -1])
def test_truncated_is_damaged(template_bytes: bytes, keep: int) -> None:
    assert _template_error(template_bytes[:keep]) == "template.damaged"


def test_extra_byte_is_damaged(template_bytes: bytes) -> None:
    assert _template_error(template_bytes + b"\x00") == "template.damaged"


def test_wrong_magic_is_foreign(template_bytes: bytes) -> None:
    assert _template_error(_with_header(template_bytes, magic=int.from_bytes(b"PNG!", "little"))) == (
        "template.foreign"
    )
    assert _template_error(b"\x89PNG\r\n\x1a\n" + bytes(800)) == "template.foreign"


def test_other_format_is_unknown(template_bytes: bytes) -> None:
    assert _template_error(_with_header(template_bytes, format_id=2)) == "template.unknown_format"


def test_newer_version_is_too_new(template_bytes: bytes) -> None:
    with pytest.raises(TemplateError) as caught:
        from_bytes(_with_header(template_bytes, version=VERSION + 1))
    assert caught.value.code == "template.too_new"
    assert caught.value.params.get("version") == VERSION + 1


def test_older_version_is_outdated(template_bytes: bytes) -> None:
    assert _template_error(_with_header(template_bytes, version=0)) == "template.outdated"


def test_header_patch_helper_changes_only_what_it_is_asked(template_bytes: bytes) -> None:
    assert _with_header(template_bytes) == template_bytes
    assert from_bytes(_with_header(template_bytes, version=VERSION)).quality == 87


def test_wrong_layout_is_damaged(template_bytes: bytes) -> None:
    """A payload that claims a 16-cell grid (with a valid checksum) must not be read as a 32-cell one."""
    body = bytearray(template_bytes[:-4])
    body[12] = 16  # payload head: grid, orientations, quality, reserved
    patched = bytes(body) + struct.pack("<I", zlib.crc32(bytes(body)))
    assert _template_error(patched) == "template.damaged"


# ------------------------------------------------------------------------------------------ 1:N index


@pytest.fixture(scope="module")
def gallery() -> tuple[list[str], np.ndarray]:
    """150 synthetic palms (sample 0) and 2,000 random codes, shuffled together."""
    palm = [encode(synthetic_palm_crop(i, 0)) for i in range(IDENTITIES)]
    rng = np.random.default_rng(42)
    keys = [f"id{i}" for i in range(IDENTITIES)] + [f"random{i}" for i in range(RANDOM_CODES)]
    stack = np.concatenate([np.stack(palm), _random_codes(rng, RANDOM_CODES)])
    order = rng.permutation(len(keys))
    return [keys[i] for i in order], stack[order]


@pytest.fixture(scope="module")
def index(gallery: tuple[list[str], np.ndarray]) -> PalmIndex:
    keys, stack = gallery
    built = PalmIndex(shortlist=300, workers=2)
    built.add_many(keys, stack)
    return built


def _brute_force(probe, stack: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Exact scores of ``probe`` against every code, in chunks (the full broadcast is ~400 MB)."""
    return np.concatenate(
        [score_from_distance(distances(probe, stack[i : i + 256])) for i in range(0, len(stack), 256)]
    )


@pytest.mark.parametrize("identity", [0, 41, 97, 149])
def test_search_agrees_with_brute_force(
    gallery: tuple[list[str], np.ndarray], index: PalmIndex, identity: int
) -> None:
    keys, stack = gallery
    probe = make_probe(synthetic_palm_crop(identity, 2))
    exact = _brute_force(probe, stack)
    best = np.argsort(-exact, kind="stable")
    found = index.search(probe, top=5)
    assert len(found) == 5
    assert found[0].key == keys[best[0]] == f"id{identity}"
    assert found[0].score == pytest.approx(exact[best[0]], abs=1e-12)
    assert found[0].score > found[1].score + 0.05  # the true palm stands clear of every other one
    by_key = dict(zip(keys, exact, strict=True))
    for candidate in found:  # every returned score is the exact one, best first
        assert candidate.score == pytest.approx(by_key[candidate.key], abs=1e-12)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert len({c.key for c in found}) == 5


def test_search_with_whole_gallery_shortlist_equals_brute_force(
    gallery: tuple[list[str], np.ndarray],
) -> None:
    """With a shortlist as large as the gallery the coarse pass cannot lose anyone: results are exact."""
    keys, stack = gallery
    exhaustive = PalmIndex(shortlist=len(keys), workers=2)
    exhaustive.add_many(keys, stack)
    for identity in (3, 120):
        probe = probe_from_code(encode(synthetic_palm_crop(identity, 1)))
        exact = _brute_force(probe, stack)
        found = exhaustive.search(probe, top=5)
        expected = np.sort(exact)[::-1][:5]
        assert [c.score for c in found] == pytest.approx(expected.tolist(), abs=1e-12)
        assert found[0].key == f"id{identity}"


def test_search_on_empty_index() -> None:
    probe = probe_from_code(np.zeros((ORIENTATIONS, GRID), np.uint32))
    assert PalmIndex().search(probe) == []
    assert len(PalmIndex()) == 0


def test_top_larger_than_gallery(codes: dict[tuple[int, int], np.ndarray]) -> None:
    small = PalmIndex(shortlist=300)
    small.add_many(["a", "b", "c"], np.stack([codes[0, 0], codes[1, 0], codes[2, 0]]))
    found = small.search(probe_from_code(codes[1, 0]), top=10)
    assert found[0].key == "b" and len(found) == 3
    assert found[0].score == 1.0


def test_add_and_add_many_mix(codes: dict[tuple[int, int], np.ndarray]) -> None:
    """Keys stay attached to their own codes whatever order single and bulk additions come in."""
    mixed = PalmIndex(shortlist=300)
    keys = [f"p{i}" for i in range(8)]
    mixed.add(keys[0], codes[0, 0])
    mixed.add(keys[1], codes[1, 0])
    mixed.add_many(keys[2:5], np.stack([codes[i, 0] for i in range(2, 5)]))
    mixed.add(keys[5], codes[5, 0])
    mixed.add_many(keys[6:8], np.stack([codes[i, 0] for i in range(6, 8)]))
    assert len(mixed) == 8
    for i, key in enumerate(keys):
        found = mixed.search(probe_from_code(codes[i, 0]), top=1)
        assert found[0].key == key and found[0].score == 1.0
        # a second sample of the same palm also finds its own key first
        assert mixed.search(make_probe(synthetic_palm_crop(i, 1)), top=1)[0].key == key
    mixed.add("late", codes[7, 2])
    assert len(mixed) == 9
    assert mixed.search(probe_from_code(codes[7, 2]), top=1)[0].key == "late"


def test_add_after_search_keeps_earlier_entries(codes: dict[tuple[int, int], np.ndarray]) -> None:
    """Enrolment adds one palm at a time between duplicate searches: earlier entries must stay searchable
    and a new code must never be reported under another person's key."""
    growing = PalmIndex(shortlist=300)
    growing.add("a", codes[0, 0])
    growing.add("b", codes[1, 0])
    assert growing.search(probe_from_code(codes[0, 0]), top=1)[0].key == "a"
    growing.add("c", codes[2, 0])
    assert len(growing) == 3
    assert growing.memory_bytes() == 3 * (ORIENTATIONS * GRID * 4 + 24 * 8)
    for key, code in (("a", codes[0, 0]), ("b", codes[1, 0]), ("c", codes[2, 0])):
        found = growing.search(probe_from_code(code), top=3)
        assert len(found) == 3
        assert found[0].key == key and found[0].score == 1.0


def test_compact_codes(codes: dict[tuple[int, int], np.ndarray]) -> None:
    stack = np.stack([codes[key] for key in sorted(codes)])
    packed = compact(stack)
    assert packed.shape == (len(stack), 24) and packed.dtype == np.uint64
    assert compact(stack[0]).shape == (24,)
    # the compact code holds every other cell of the full code (16×16 cells × 6 orientations)
    coarse = _unpack(stack)[..., ::2, ::2]
    ones = np.bitwise_count(packed).sum(axis=1)
    assert np.array_equal(ones, coarse.reshape(len(stack), -1).sum(axis=1))
    differing = np.bitwise_count(packed[0] ^ packed[1:]).sum(axis=1)
    assert np.array_equal(differing, (coarse[0] != coarse[1:]).reshape(len(stack) - 1, -1).sum(axis=1))


def test_memory_bytes(codes: dict[tuple[int, int], np.ndarray]) -> None:
    small = PalmIndex()
    small.add_many(["a", "b"], np.stack([codes[0, 0], codes[1, 0]]))
    assert small.memory_bytes() == 2 * (ORIENTATIONS * GRID * 4 + 24 * 8)
