"""Errors raised by capture devices (stable codes; messages never carry card contents in clear)."""

from __future__ import annotations

from typing import Any


class CaptureError(Exception):
    """Base of all device errors."""

    code = "device.error"
    user_facing = True

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.params = params


class DeviceNotFound(CaptureError):
    """No such device, or it is unplugged (``device.not_found``, ``device.unplugged``)."""

    code = "device.not_found"


class DeviceTimeout(CaptureError):
    """The device did not answer in time."""

    code = "device.timeout"


class ProtocolError(CaptureError):
    """The device answered with something malformed (bad checksum, garbage, unexpected length)."""

    code = "device.protocol"


class CardError(CaptureError):
    """The ID-card reader reported a problem (no card, card removed, read failed, status word)."""

    code = "card.error"
