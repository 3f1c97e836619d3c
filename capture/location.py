"""Where a home visit took place: a GPS fix from an NMEA receiver, or coordinates typed by hand.

Why it is evidence, not navigation: a proof-of-life record made at the pensioner's home carries the
place it was made, so a fix is only accepted from a sentence whose checksum is right and that the
receiver itself marks as valid. Plain NMEA 0183 over a serial port (USB dongles and most Bluetooth
receivers show up as one) needs no vendor SDK.

Checksums: ``parse_nmea`` raises ``ProtocolError`` for a line that is damaged (bad or missing
checksum, malformed field) and returns ``None`` for a good sentence that holds no fix (another
sentence type, or the receiver says "no fix yet"). ``read_fix`` skips both kinds while it waits, and
when it gives up the count of damaged lines tells a wrong baud rate (all garbage) from a receiver
that simply has no sky view yet.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from typing import Any, Protocol, Self

import serial

from capture.devices import DeviceInfo
from capture.errors import CaptureError, DeviceNotFound, DeviceTimeout, ProtocolError

MAX_LINE = 120  # note: NMEA caps a sentence at 82 characters; longer means noise or a wrong baud rate


@dataclass(frozen=True)
class Fix:
    """A position in decimal degrees (south and west negative), with what the receiver said about it."""

    latitude: float
    longitude: float
    timestamp: dt.datetime | None = None  # UTC; GGA carries no date, so only RMC fixes have one
    quality: int | None = None  # GGA fix quality: 1 GPS, 2 DGPS, 4/5 RTK, 6 dead reckoning
    satellites: int | None = None
    source: str = "gps"  # "gps" | "manual"


class LocationSource(Protocol):
    """What the registry's location drivers provide."""

    def info(self) -> DeviceInfo: ...
    def open(self) -> None: ...
    def read_fix(self, timeout: float = 10.0) -> Fix: ...
    def close(self) -> None: ...


def nmea_checksum(body: str) -> str:
    """XOR of the characters between ``$`` and ``*``, as two upper-case hex digits."""
    return f"{reduce(lambda acc, ch: acc ^ ord(ch), body, 0):02X}"


def _coordinate(value: str, hemisphere: str, degree_digits: int, limit: float) -> float:
    """``ddmm.mmmm`` / ``dddmm.mmmm`` plus N/S/E/W → signed decimal degrees."""
    if hemisphere not in ("N", "S", "E", "W") or len(value) < degree_digits + 2:
        raise ProtocolError(f"Malformed NMEA coordinate {value!r} {hemisphere!r}.")
    try:
        degrees, minutes = int(value[:degree_digits]), float(value[degree_digits:])
    except ValueError as exc:
        raise ProtocolError(f"Malformed NMEA coordinate {value!r}.") from exc
    result = degrees + minutes / 60.0
    if not 0.0 <= minutes < 60.0 or result > limit:
        raise ProtocolError(f"NMEA coordinate {value!r} is out of range.")
    return -result if hemisphere in ("S", "W") else result


def _utc_time(value: str) -> dt.time:
    try:
        seconds = float(value[4:])
        return dt.time(int(value[:2]), int(value[2:4]), int(seconds), round(seconds % 1 * 1e6) % 1_000_000)
    except ValueError as exc:
        raise ProtocolError(f"Malformed NMEA time {value!r}.") from exc


def _optional_int(value: str) -> int | None:
    try:
        return int(value) if value else None
    except ValueError as exc:
        raise ProtocolError(f"Malformed NMEA number {value!r}.") from exc


def parse_nmea(sentence: str) -> Fix | None:
    """A fix from a GGA or RMC sentence (any talker: GP, GN, BD/GB for BeiDou, GL, GA).

    Returns None for a valid sentence without a fix; raises ProtocolError for a damaged line.
    """
    line = sentence.strip()
    if not line:
        return None
    if not line.startswith("$") or "*" not in line:
        raise ProtocolError("Not an NMEA sentence (no '$…*checksum').")
    body, _, given = line[1:].rpartition("*")
    if len(given) != 2 or given.upper() != nmea_checksum(body):
        raise ProtocolError("NMEA checksum mismatch (damaged line or wrong baud rate).")
    fields = body.split(",")
    kind = fields[0][2:] if len(fields[0]) == 5 else ""
    if kind == "GGA" and len(fields) >= 8:
        quality = _optional_int(fields[6])
        if not quality or not fields[2] or not fields[4]:
            return None  # note: quality 0 is the receiver saying "no fix"
        return Fix(
            _coordinate(fields[2], fields[3], 2, 90.0),
            _coordinate(fields[4], fields[5], 3, 180.0),
            quality=quality,
            satellites=_optional_int(fields[7]),
        )
    if kind == "RMC" and len(fields) >= 10:
        if fields[2] != "A" or not fields[3] or not fields[5]:
            return None  # note: status V = void (no valid fix)
        timestamp = None
        if fields[1] and fields[9]:
            try:
                day = dt.datetime.strptime(fields[9], "%d%m%y").date()
            except ValueError as exc:
                raise ProtocolError(f"Malformed NMEA date {fields[9]!r}.") from exc
            timestamp = dt.datetime.combine(day, _utc_time(fields[1]), tzinfo=dt.UTC)
        return Fix(
            _coordinate(fields[3], fields[4], 2, 90.0),
            _coordinate(fields[5], fields[6], 3, 180.0),
            timestamp=timestamp,
        )
    return None


def manual_fix(latitude: float, longitude: float) -> Fix:
    """Coordinates typed by the operator (no receiver, or no sky view indoors), checked for range."""
    for label, value, limit in (("latitude", latitude, 90.0), ("longitude", longitude, 180.0)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"The {label} must be a number of decimal degrees, not {value!r}.")
        if abs(value) > limit:
            raise ValueError(f"The {label} must be between -{limit:g} and {limit:g} degrees, not {value:g}.")
    return Fix(float(latitude), float(longitude), timestamp=dt.datetime.now(dt.UTC), source="manual")


class NmeaLocation:
    """An NMEA 0183 GPS/BeiDou receiver on a serial port (or any pyserial URL, e.g. ``socket://``)."""

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        name: str = "gps",
        serial_factory: Callable[..., Any] = serial.serial_for_url,
    ) -> None:
        self.port, self.baudrate, self.name = port, baudrate, name
        self._factory = serial_factory
        self._serial: Any = None
        self._buffer = b""

    def info(self) -> DeviceInfo:
        """Port and speed: the two things to check when a receiver sends nothing readable."""
        return DeviceInfo(
            self.name, "location", "nmea", details={"port": self.port, "baudrate": str(self.baudrate)}
        )

    def open(self) -> None:
        if self._serial is not None:
            return
        try:
            self._serial = self._factory(self.port, baudrate=self.baudrate, timeout=0.2)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceNotFound(
                f"Could not open the GPS receiver on {self.port}: {exc}", port=self.port
            ) from exc
        self._buffer = b""

    def close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass  # note: closing an unplugged port may fail; it is gone either way

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_fix(self, timeout: float = 10.0) -> Fix:
        """Read sentences until one carries a valid fix; DeviceTimeout if none within ``timeout``."""
        if self._serial is None:
            raise CaptureError(f"{self.name} is not open.", code="device.not_open", device=self.name)
        deadline = time.monotonic() + timeout
        lines = damaged = 0
        while time.monotonic() < deadline:
            line = self._read_line()
            if line is None:
                continue
            lines += 1
            try:
                fix = parse_nmea(line.decode("ascii", errors="replace"))
            except ProtocolError:
                damaged += 1
                continue
            if fix is not None:
                return fix
        hint = " (all damaged: wrong baud rate?)" if lines and damaged == lines else ""
        raise DeviceTimeout(
            f"No GPS fix within {timeout:g} s: {lines} sentences received, {damaged} damaged{hint}.",
            device=self.name,
            lines=lines,
            damaged=damaged,
        )

    def _read_line(self) -> bytes | None:
        """One complete line, or None when the port's short read timeout passed first."""
        try:
            chunk = self._serial.readline()
        except (serial.SerialException, OSError) as exc:
            raise DeviceNotFound(
                f"The GPS receiver on {self.port} stopped answering: {exc}", code="device.unplugged"
            ) from exc
        self._buffer += chunk
        if not self._buffer.endswith(b"\n") and len(self._buffer) <= MAX_LINE:
            return None  # note: a partial line; the rest comes with the next read
        line, self._buffer = self._buffer[:MAX_LINE], b""  # an overlong line is noise: parsing rejects it
        return line
