"""Face templates as versioned bytes (the same envelope as palm templates: magic, format id, version,
length, payload, CRC-32), so a stored embedding is never compared with one from a different model.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

import numpy as np

from matching.errors import TemplateError
from matching.face_engine import Embedding

MAGIC = b"FKFC"
FORMAT_ID = 1  # SFace 2021dec int8bq embedding of an ArcFace-aligned 112×112 face
VERSION = 1
FORMAT_NAME = f"face-sface/{VERSION}"
DIMENSIONS = 128
_HEADER = struct.Struct("<4sHHI")
_PAYLOAD_HEAD = struct.Struct("<HBB")  # dimensions, quality (255 = unknown), reserved


@dataclass(frozen=True)
class FaceTemplate:
    """A decoded face template."""

    embedding: Embedding
    quality: int | None = None


def to_bytes(template: FaceTemplate) -> bytes:
    """Serialise (528 bytes)."""
    vector = np.ascontiguousarray(template.embedding, dtype="<f4").reshape(-1)
    if vector.shape != (DIMENSIONS,):
        raise TemplateError(f"A face embedding must have {DIMENSIONS} values, not {vector.size}.")
    quality = 255 if template.quality is None else max(0, min(100, int(template.quality)))
    payload = _PAYLOAD_HEAD.pack(DIMENSIONS, quality, 0) + vector.tobytes()
    body = _HEADER.pack(MAGIC, FORMAT_ID, VERSION, len(payload)) + payload
    return body + struct.pack("<I", zlib.crc32(body))


def from_bytes(data: bytes) -> FaceTemplate:
    """Parse and check; raise TemplateError naming what is wrong."""
    if len(data) < _HEADER.size + 4:
        raise TemplateError("The face template is too short (damaged).", code="template.damaged")
    magic, format_id, version, length = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise TemplateError("These bytes are not a face template.", code="template.foreign")
    if format_id != FORMAT_ID:
        raise TemplateError(
            f"Face template format {format_id} is unknown here.", code="template.unknown_format"
        )
    if version > VERSION:
        raise TemplateError(
            f"The face template is version {version}, newer than this program: update fieldkit.",
            code="template.too_new",
            version=version,
        )
    if version < VERSION:
        raise TemplateError(
            f"The face template is an older version ({version}); re-extract it from the photo.",
            code="template.outdated",
            version=version,
        )
    if len(data) != _HEADER.size + length + 4 or length != _PAYLOAD_HEAD.size + 4 * DIMENSIONS:
        raise TemplateError("The face template has the wrong length (damaged).", code="template.damaged")
    (crc,) = struct.unpack_from("<I", data, len(data) - 4)
    if crc != zlib.crc32(data[:-4]):
        raise TemplateError("The face template fails its checksum (damaged).", code="template.damaged")
    dimensions, quality, _ = _PAYLOAD_HEAD.unpack_from(data, _HEADER.size)
    if dimensions != DIMENSIONS:
        raise TemplateError("The face template has an unexpected layout.", code="template.damaged")
    vector = np.frombuffer(data, dtype="<f4", count=DIMENSIONS, offset=_HEADER.size + _PAYLOAD_HEAD.size)
    return FaceTemplate(embedding=vector.astype(np.float32), quality=None if quality == 255 else quality)
