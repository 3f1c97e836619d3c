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
# is made again from its kept image (``fieldkit.workflows.palm_templates``)
VERSION = 2
OUTDATED_VERSIONS: frozenset[int] = frozenset({1})  # versions we recognise but can no longer compare
FORMAT_NAME = f"palm-bocv/{VERSION}"  # what the store keeps beside the bytes
OUTDATED_FORMAT_NAMES: tuple[str, ...] = tuple(f"palm-bocv/{v}" for v in sorted(OUTDATED_VERSIONS))
_PAYLOAD_HEAD = struct.Struct("<BBBB")  # grid, orientations, quality (255 = unknown), reserved
_CODE_BYTES = ORIENTATIONS * GRID * 4


@dataclass(frozen=True)
class PalmTemplate:
    """A decoded template: the code and the capture quality it was made from."""

    code: Code
    quality: int | None = None


def to_bytes(template: PalmTemplate) -> bytes:
    """Serialise (788 bytes)."""
    code = np.ascontiguousarray(template.code, dtype="<u4")
    if code.shape != (ORIENTATIONS, GRID):
        raise TemplateError(f"A palm code must have shape {(ORIENTATIONS, GRID)}, not {code.shape}.")
    quality = 255 if template.quality is None else max(0, min(100, int(template.quality)))
    return seal(
        MAGIC, FORMAT_ID, VERSION, _PAYLOAD_HEAD.pack(GRID, ORIENTATIONS, quality, 0) + code.tobytes()
    )


def from_bytes(data: bytes) -> PalmTemplate:
    """Parse and check a template; raise TemplateError naming what is wrong."""
    payload = open_envelope(
        data, magic=MAGIC, format_id=FORMAT_ID, version=VERSION, what="palm", outdated=OUTDATED_VERSIONS
    )
    if len(payload) != _PAYLOAD_HEAD.size + _CODE_BYTES:
        raise TemplateError("The palm template has the wrong length (damaged).", code="template.damaged")
    grid, orientations, quality, _ = _PAYLOAD_HEAD.unpack_from(payload)
    if (grid, orientations) != (GRID, ORIENTATIONS):
        raise TemplateError("The palm template has an unexpected layout.", code="template.damaged")
    code = np.frombuffer(payload, dtype="<u4", count=ORIENTATIONS * GRID, offset=_PAYLOAD_HEAD.size)
    return PalmTemplate(
        code=code.reshape(ORIENTATIONS, GRID).astype(np.uint32), quality=None if quality == 255 else quality
    )
