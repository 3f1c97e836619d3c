"""The byte envelope every template shares: magic, format id, version, payload length, payload, CRC-32.

Why one place: palm and face templates (and any later modality) must be refused for the same reasons
with the same codes — damaged, foreign, unknown format, too new, outdated — so that the store and
the sync code can handle every template alike without knowing what is inside.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Collection

from matching.errors import TemplateError

_HEADER = struct.Struct("<4sHHI")  # magic, format id, version, payload length


def seal(magic: bytes, format_id: int, version: int, payload: bytes) -> bytes:
    """Wrap a payload: header, payload, CRC-32 of both."""
    body = _HEADER.pack(magic, format_id, version, len(payload)) + payload
    return body + struct.pack("<I", zlib.crc32(body))


def open_envelope(
    data: bytes, *, magic: bytes, format_id: int, version: int, what: str, outdated: Collection[int] = ()
) -> bytes:
    """Check the envelope and return the payload; raise TemplateError with the reason."""
    if len(data) < _HEADER.size + 4:
        raise TemplateError(f"The {what} template is too short (damaged).", code="template.damaged")
    found_magic, found_format, found_version, length = _HEADER.unpack_from(data)
    if found_magic != magic:
        raise TemplateError(f"These bytes are not a {what} template.", code="template.foreign")
    if found_format != format_id:
        raise TemplateError(
            f"{what.capitalize()} template format {found_format} is unknown here.",
            code="template.unknown_format",
        )
    if found_version > version:
        raise TemplateError(
            f"The {what} template is version {found_version}, newer than this program ({version}): "
            "update fieldkit.",
            code="template.too_new",
            version=found_version,
        )
    if found_version != version:
        known = "an older" if found_version in outdated else "an unknown older"
        raise TemplateError(
            f"The {what} template is {known} version ({found_version}); re-extract it from the stored image.",
            code="template.outdated",
            version=found_version,
        )
    if len(data) != _HEADER.size + length + 4:
        raise TemplateError(f"The {what} template has the wrong length (damaged).", code="template.damaged")
    (crc,) = struct.unpack_from("<I", data, len(data) - 4)
    if crc != zlib.crc32(data[:-4]):
        raise TemplateError(f"The {what} template fails its checksum (damaged).", code="template.damaged")
    return data[_HEADER.size : -4]
