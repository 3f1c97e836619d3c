"""Palm templates as versioned bytes.

Why a format of our own: templates are stored for years and travel to headquarters. Each starts with
magic bytes, a format id, a version and a payload length, and ends with a CRC-32, so a damaged or
foreign blob is refused clearly, and a template made by an older algorithm is recognised as such
(``template.outdated``: re-extract it from the stored image) instead of being compared wrongly.
No pickle: the payload is the packed code as little-endian 32-bit words.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from matching.envelope import open_envelope, seal
from matching.errors import TemplateError
from matching.palm_code import GRID, ORIENTATIONS, Code

MAGIC = b"FKPV"
FORMAT_ID = 1  # binary orientation code from six Gabor filters (matching.palm_code)
# version 1: 22-px Gabor wavelength; version 2: 14 px (chosen by cross-validation). The layout is the
# same, but codes of different filters must never be compared: a version-1 template is outdated and
# is made again from its kept image (``fieldkit.workflows.palm_templates``). Version 2 may also carry
# the 22-px search code of the 1:N first pass (flag bit 0 of the payload head)
VERSION = 2
OUTDATED_VERSIONS: frozenset[int] = frozenset({1})  # versions we recognise but can no longer compare
FORMAT_NAME = f"palm-bocv/{VERSION}"  # what the store keeps beside the bytes
OUTDATED_FORMAT_NAMES: tuple[str, ...] = tuple(f"palm-bocv/{v}" for v in sorted(OUTDATED_VERSIONS))
_PAYLOAD_HEAD = struct.Struct("<BBBB")  # grid, orientations, quality (255 = unknown), flags
_HAS_SEARCH_CODE = 1
_CODE_BYTES = ORIENTATIONS * GRID * 4


@dataclass(frozen=True)
class PalmTemplate:
    """A decoded template: the code and the capture quality it was made from."""

    code: Code
    quality: int | None = None
    search_code: Code | None = None  # the 1:N first pass's code (matching.palm_code.SEARCH_WAVELENGTH)


def _code_bytes(code: Code) -> bytes:
    packed = np.ascontiguousarray(code, dtype="<u4")
    if packed.shape != (ORIENTATIONS, GRID):
        raise TemplateError(f"A palm code must have shape {(ORIENTATIONS, GRID)}, not {packed.shape}.")
    return packed.tobytes()


def to_bytes(template: PalmTemplate) -> bytes:
    """Serialise (788 bytes, 1,556 with the search code)."""
    quality = 255 if template.quality is None else max(0, min(100, int(template.quality)))
    flags = 0 if template.search_code is None else _HAS_SEARCH_CODE
    body = _code_bytes(template.code)
    if template.search_code is not None:
        body += _code_bytes(template.search_code)
    return seal(MAGIC, FORMAT_ID, VERSION, _PAYLOAD_HEAD.pack(GRID, ORIENTATIONS, quality, flags) + body)


def from_bytes(data: bytes) -> PalmTemplate:
    """Parse and check a template; raise TemplateError naming what is wrong."""
    payload = open_envelope(
        data, magic=MAGIC, format_id=FORMAT_ID, version=VERSION, what="palm", outdated=OUTDATED_VERSIONS
    )
    if len(payload) < _PAYLOAD_HEAD.size:
        raise TemplateError("The palm template has the wrong length (damaged).", code="template.damaged")
    grid, orientations, quality, flags = _PAYLOAD_HEAD.unpack_from(payload)
    codes = 2 if flags & _HAS_SEARCH_CODE else 1
    if len(payload) != _PAYLOAD_HEAD.size + codes * _CODE_BYTES:
        raise TemplateError("The palm template has the wrong length (damaged).", code="template.damaged")
    if (grid, orientations) != (GRID, ORIENTATIONS) or flags & ~_HAS_SEARCH_CODE:
        raise TemplateError("The palm template has an unexpected layout.", code="template.damaged")

    def code_at(index: int) -> Code:
        offset = _PAYLOAD_HEAD.size + index * _CODE_BYTES
        words = np.frombuffer(payload, dtype="<u4", count=ORIENTATIONS * GRID, offset=offset)
        return words.reshape(ORIENTATIONS, GRID).astype(np.uint32)

    return PalmTemplate(
        code=code_at(0),
        quality=None if quality == 255 else quality,
        search_code=code_at(1) if codes == 2 else None,
    )
