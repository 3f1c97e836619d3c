"""Home-visit location: NMEA sentences (checksums computed here, independently of the code under test),
a fake GPS receiver on a pseudo-terminal, and hand-typed coordinates.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator

import pytest
import serial

from capture.errors import CaptureError, DeviceNotFound, DeviceTimeout, ProtocolError
from capture.location import Fix, NmeaLocation, manual_fix, parse_nmea


def sentence(body: str) -> str:
    checksum = 0
    for char in body:
        checksum ^= ord(char)
    return f"${body}*{checksum:02X}"


GGA = "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"
RMC = "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"


def test_known_sentences() -> None:
    assert sentence(GGA) == f"${GGA}*47"  # the textbook example and its published checksum
    gga = parse_nmea(sentence(GGA) + "\r\n")
    assert gga is not None
    assert gga.latitude == pytest.approx(48 + 7.038 / 60) and gga.longitude == pytest.approx(11 + 31 / 60)
    assert (gga.quality, gga.satellites, gga.timestamp, gga.source) == (1, 8, None, "gps")
    rmc = parse_nmea(sentence(RMC))
    assert rmc is not None and rmc.latitude == pytest.approx(48.1173)
    assert rmc.timestamp == dt.datetime(1994, 3, 23, 12, 35, 19, tzinfo=dt.UTC)


def test_southern_and_western_hemispheres_and_other_talkers() -> None:
    rio = parse_nmea(sentence("GNGGA,101500.00,2254.400,S,04310.800,W,2,12,0.7,10.0,M,-5.0,M,,"))
    assert rio is not None
    assert rio.latitude == pytest.approx(-(22 + 54.4 / 60)) and rio.longitude == pytest.approx(
        -(43 + 10.8 / 60)
    )
    beidou = parse_nmea(sentence("BDRMC,013015.50,A,3954.000,N,11623.400,E,0.0,0.0,150626,,,A"))
    assert beidou is not None and beidou.longitude == pytest.approx(116.39)
    assert beidou.timestamp == dt.datetime(2026, 6, 15, 1, 30, 15, 500000, tzinfo=dt.UTC)


def test_damaged_lines_raise_protocol_error() -> None:
    good = sentence(GGA)
    for damaged in (
        good[:-2] + ("00" if not good.endswith("00") else "01"),  # wrong checksum
        good.replace("4807", "4808"),  # changed in transit
        "$" + GGA,  # no checksum
        "\x8f\x13garbage at the wrong baud rate",
        sentence("GPGGA,123519,48x7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"),  # checksum ok, field not
        sentence("GPGGA,123519,9107.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"),  # latitude over 90
    ):
        with pytest.raises(ProtocolError) as caught:
            parse_nmea(damaged)
        assert caught.value.code == "device.protocol"


def test_sentences_without_a_fix_give_none() -> None:
    assert parse_nmea(sentence("GPGGA,123519,,,,,0,00,,,M,,M,,")) is None  # quality 0
    assert parse_nmea(sentence("GPRMC,123519,V,4807.038,N,01131.000,E,,,230394,,")) is None  # void
    assert parse_nmea(sentence("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00")) is None
    assert parse_nmea("  \r\n") is None


def test_manual_fix_checks_ranges() -> None:
    fix = manual_fix(-33.86, 151.21)
    assert (fix.latitude, fix.longitude, fix.source) == (-33.86, 151.21, "manual")
    assert fix.timestamp is not None and fix.timestamp.tzinfo is dt.UTC
    for latitude, longitude, word in (
        (91, 0, "latitude"),
        (0, -180.5, "longitude"),
        (float("nan"), 0, "latitude"),
    ):
        with pytest.raises(ValueError, match=word):
            manual_fix(latitude, longitude)


@pytest.fixture
def pty() -> Iterator[tuple[int, str]]:
    """(master fd, slave device name): the test writes to the master as a GPS receiver would."""
    master, slave = os.openpty()
    try:
        yield master, os.ttyname(slave)
    finally:
        os.close(master)
        os.close(slave)


def test_read_fix_over_a_pty(pty: tuple[int, str]) -> None:
    master, name = pty
    lines = [
        "$GPGGA,1235",  # note: the tail of a sentence that began before the port was opened
        sentence("GPGSV,1,1,01,03,03,111,00"),
        sentence("GPRMC,123519,V,,,,,,,230394,,"),
        "\x13\x8f noise",
        sentence("GNGGA,020304,3113.500,N,12128.200,E,1,09,0.8,4.0,M,9.0,M,,"),
    ]
    writer = threading.Thread(target=os.write, args=(master, "\r\n".join(lines).encode("latin-1") + b"\r\n"))
    with NmeaLocation(name, baudrate=9600) as gps:
        writer.start()
        fix = gps.read_fix(timeout=5)
        writer.join(5)
    assert fix == Fix(31 + 13.5 / 60, 121 + 28.2 / 60, quality=1, satellites=9)
    assert gps.info().kind == "location"


def test_no_data_is_a_timeout(pty: tuple[int, str]) -> None:
    _, name = pty
    gps = NmeaLocation(name)
    with pytest.raises(CaptureError) as not_open:
        gps.read_fix(timeout=0.1)
    assert not_open.value.code == "device.not_open"
    gps.open()
    try:
        with pytest.raises(DeviceTimeout) as caught:
            gps.read_fix(timeout=0.3)
        assert caught.value.params["lines"] == 0
    finally:
        gps.close()
        gps.close()


class FakePort:
    def __init__(self, lines: list[bytes], error: Exception | None = None) -> None:
        self.lines, self.error = lines, error

    def readline(self) -> bytes:
        if self.lines:
            return self.lines.pop(0)
        if self.error is not None:
            raise self.error
        return b""

    def close(self) -> None:
        pass


def test_all_garbage_hints_at_the_baud_rate() -> None:
    gps = NmeaLocation(
        "COM3", serial_factory=lambda *a, **k: FakePort([b"\xf0\x0f\xaa\n"] * 5 + [b"x" * 500])
    )
    gps.open()
    with pytest.raises(DeviceTimeout) as caught:
        gps.read_fix(timeout=0.2)
    assert "wrong baud rate" in caught.value.message and caught.value.params["damaged"] == 6


def test_unplugged_and_missing_ports() -> None:
    gone = NmeaLocation(
        "COM3", serial_factory=lambda *a, **k: FakePort([], serial.SerialException("device gone"))
    )
    gone.open()
    with pytest.raises(DeviceNotFound) as caught:
        gone.read_fix(timeout=1)
    assert caught.value.code == "device.unplugged"
    with pytest.raises(DeviceNotFound) as missing:
        NmeaLocation("/dev/does-not-exist").open()
    assert missing.value.code == "device.not_found"
