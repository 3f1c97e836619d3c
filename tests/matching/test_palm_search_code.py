"""Templates carry a coarser search code for the 1:N first pass, and the index uses it.

Why it matters: the verification code (14-px filters) sampled at half resolution lost real mates in
the first pass; a 22-px search code kept them (measured in ``benchmarks/bench_palm.py``). These tests
pin the format (round trip, length, flags) and that the index's first pass reads the search code.
"""

from __future__ import annotations

import numpy as np
import pytest

from matching.errors import TemplateError
from matching.palm import analyse_palm
from matching.palm_code import SEARCH_WAVELENGTH, encode, make_probe, probe_from_code
from matching.palm_index import PalmIndex
from matching.palm_template import PalmTemplate, from_bytes, to_bytes
from matching.synthetic_palm import synthetic_hand, synthetic_palm_crop


def test_analysed_capture_carries_both_codes() -> None:
    capture = analyse_palm(synthetic_hand(4, 1))
    parsed = from_bytes(capture.template)
    assert len(capture.template) == 1556
    assert np.array_equal(parsed.code, capture.probe.code)
    assert parsed.search_code is not None
    assert np.array_equal(parsed.search_code, encode(capture.roi.image, SEARCH_WAVELENGTH))
    assert not np.array_equal(parsed.search_code, parsed.code)


def test_template_without_search_code_still_reads() -> None:
    code = encode(synthetic_palm_crop(1, 0))
    data = to_bytes(PalmTemplate(code=code, quality=70))
    assert len(data) == 788 and from_bytes(data).search_code is None


def test_unknown_flags_are_damage() -> None:
    data = bytearray(to_bytes(PalmTemplate(code=encode(synthetic_palm_crop(1, 0)))))
    data[12 + 3] = 0x80  # envelope header (12 bytes), then the payload head: byte 3 holds the flags
    import struct
    import zlib

    data[-4:] = struct.pack("<I", zlib.crc32(bytes(data[:-4])))
    with pytest.raises(TemplateError) as refused:
        from_bytes(bytes(data))
    assert refused.value.code == "template.damaged"


def test_first_pass_reads_the_search_code() -> None:
    crops = [synthetic_palm_crop(i, 0) for i in range(40)]
    codes = np.stack([encode(c) for c in crops])
    search = np.stack([encode(c, SEARCH_WAVELENGTH) for c in crops])
    rng = np.random.default_rng(3)
    # the verification codes of the gallery are scrambled: only the search codes can find the mate
    scrambled = rng.integers(0, 2**32, size=codes.shape, dtype=np.uint32)
    index = PalmIndex(shortlist=1)
    index.add_many([f"k{i}" for i in range(40)], scrambled, search)
    assert index.has_search_codes
    probe = make_probe(synthetic_palm_crop(7, 1))
    assert probe.search_code is not None
    shortlisted = index._coarse_distances(probe)
    assert int(np.argmin(shortlisted)) == 7
    plain = PalmIndex(shortlist=1)
    plain.add_many([f"k{i}" for i in range(40)], codes)
    assert not plain.has_search_codes
    assert plain.search(probe_from_code(codes[9]), top=1)[0].key == "k9"  # old path unchanged
