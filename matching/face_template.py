"""Face templates as versioned bytes (the same envelope as palm templates: magic, format id, version,
length, payload, CRC-32), so a stored embedding is never compared with one from a different model.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from matching.envelope import open_envelope, seal
from matching.errors import TemplateError
from matching.face_engine import Embedding

MAGIC = b"FKFC"
FORMAT_ID = 1  # SFace 2021dec int8bq embedding of an ArcFace-aligned 112×112 face
VERSION = 1
FORMAT_NAME = f"face-sface/{VERSION}"
DIMENSIONS = 128
_PAYLOAD_HEAD = struct.Struct("<HBB")  # dimensions, quality (255 = unknown), reserved


@dataclass(frozen=True)
class FaceTemplate:
    """A decoded face template."""

    embedding: Embedding
    quality: int | None = None


def to_bytes(template: FaceTemplate) -> bytes:
    """Serialise (532 bytes)."""
    vector = np.ascontiguousarray(template.embedding, dtype="<f4").reshape(-1)
    if vector.shape != (DIMENSIONS,):
        raise TemplateError(f"A face embedding must have {DIMENSIONS} values, not {vector.size}.")
    quality = 255 if template.quality is None else max(0, min(100, int(template.quality)))
    return seal(MAGIC, FORMAT_ID, VERSION, _PAYLOAD_HEAD.pack(DIMENSIONS, quality, 0) + vector.tobytes())


def from_bytes(data: bytes) -> FaceTemplate:
    """Parse and check; raise TemplateError naming what is wrong."""
    payload = open_envelope(data, magic=MAGIC, format_id=FORMAT_ID, version=VERSION, what="face")
    if len(payload) != _PAYLOAD_HEAD.size + 4 * DIMENSIONS:
        raise TemplateError("The face template has the wrong length (damaged).", code="template.damaged")
    dimensions, quality, _ = _PAYLOAD_HEAD.unpack_from(payload)
    if dimensions != DIMENSIONS:
        raise TemplateError("The face template has an unexpected layout.", code="template.damaged")
    vector = np.frombuffer(payload, dtype="<f4", count=DIMENSIONS, offset=_PAYLOAD_HEAD.size)
    return FaceTemplate(embedding=vector.astype(np.float32), quality=None if quality == 255 else quality)
