"""Serial frames of second-generation resident ID-card readers (the "SAM" protocol of GA 467).

Every reader built around a SAM_V security module (USB-serial bridges, RS-232 boxes, embedded
modules) speaks the same framing, so we implement the framing once and keep vendor SDKs out:

    command:  AA AA AA 96 69 | LEN(2, big-endian) | CMD | PARA | DATA… | CHK
    response: AA AA AA 96 69 | LEN(2, big-endian) | SW1 SW2 SW3 | DATA… | CHK

LEN counts the bytes after the length field, the checksum included; CHK is the XOR of the two
length bytes and every following byte before it. Why a separate incremental parser: a serial port
hands us arbitrary chunks, and a reader that was unplugged mid-frame or that prints a boot banner
leaves garbage on the line; the parser must find the next preamble and never trust a frame whose
checksum or length is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from capture.errors import ProtocolError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = len(PREAMBLE) + 2  # preamble and the 2-byte length
MAX_LENGTH = 4096  # the largest real answer (base info + fingerprint) is about 2.3 KB

# (CMD, PARA) pairs.
RESET_SAM = (0x10, 0xFF)
SAM_STATUS = (0x11, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_BASE_INFO = (0x30, 0x01)

# Status words (SW1 SW2 SW3).
SW_SUCCESS = b"\x00\x00\x90"
SW_FIND_SUCCESS = b"\x00\x00\x9f"
SW_NO_CARD = b"\x00\x00\x80"  # find card failed
SW_SELECT_FAILED = b"\x00\x00\x81"
SW_READ_FAILED = b"\x00\x00\x41"
SW_BAD_CHECKSUM = b"\x00\x00\x10"  # the module received a frame with a wrong checksum
SW_BAD_LENGTH = b"\x00\x00\x11"
SW_BAD_COMMAND = b"\x00\x00\x21"

TEXT_SIZE = 256
PHOTO_SIZE = 1024


def checksum(body: bytes) -> int:
    """XOR of ``body`` (the length bytes and everything up to, not including, the checksum)."""
    value = 0
    for byte in body:
        value ^= byte
    return value


def _frame(payload: bytes) -> bytes:
    length = len(payload) + 1
    if length > MAX_LENGTH:
        raise ValueError(f"frame payload too long ({len(payload)} bytes)")
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


def encode_command(cmd: int, para: int, data: bytes = b"") -> bytes:
    """The bytes the host sends, e.g. find card = ``AA AA AA 96 69 00 03 20 01 22``."""
    if not (0 <= cmd <= 0xFF and 0 <= para <= 0xFF):
        raise ValueError("CMD and PARA are single bytes")
    return _frame(bytes([cmd, para]) + data)


def encode_response(sw: bytes, data: bytes = b"") -> bytes:
    """The bytes a reader answers with (used by the simulator and the tests)."""
    if len(sw) != 3:
        raise ValueError("a status word is 3 bytes (SW1 SW2 SW3)")
    return _frame(sw + data)


@dataclass(frozen=True)
class Response:
    """A checksum-verified answer: its status word and data (the data may hold card contents)."""

    sw: bytes
    data: bytes

    @property
    def ok(self) -> bool:
        return self.sw in (SW_SUCCESS, SW_FIND_SUCCESS)

    def __repr__(self) -> str:  # note: the data of a base-info answer is personal; never log it
        return f"Response(sw={self.sw.hex()}, data=<{len(self.data)} bytes>)"


@dataclass(frozen=True)
class Command:
    """A checksum-verified host command, as the simulated device sees it."""

    cmd: int
    para: int
    data: bytes

    @property
    def code(self) -> tuple[int, int]:
        return (self.cmd, self.para)


class _Splitter:
    """Finds frames in a byte stream and returns their payloads (bytes between length and checksum).

    On a bad checksum or an impossible length we drop only the first preamble byte and search again,
    rather than skipping the whole claimed frame: a corrupted length would otherwise swallow the
    good frame that follows.
    """

    def __init__(self, min_length: int, max_length: int) -> None:
        self._min = min_length
        self._max = max_length
        self._buffer = bytearray()
        self.errors: list[ProtocolError] = []

    def reset(self) -> None:
        self._buffer.clear()
        self.errors.clear()

    @property
    def pending(self) -> int:
        """Bytes held back waiting for the rest of a frame (or for a preamble to complete)."""
        return len(self._buffer)

    def take_errors(self) -> list[ProtocolError]:
        errors, self.errors = self.errors, []
        return errors

    def feed(self, chunk: bytes) -> list[bytes]:
        self._buffer.extend(chunk)
        payloads: list[bytes] = []
        while True:
            start = self._buffer.find(PREAMBLE)
            if start < 0:
                # keep only a tail that is the beginning of a preamble split across chunks
                keep = next(
                    (k for k in range(len(PREAMBLE) - 1, 0, -1) if self._buffer.endswith(PREAMBLE[:k])), 0
                )
                del self._buffer[: len(self._buffer) - keep]
                return payloads
            del self._buffer[:start]
            if len(self._buffer) < HEADER_SIZE:
                return payloads
            length = int.from_bytes(self._buffer[len(PREAMBLE) : HEADER_SIZE], "big")
            if not self._min <= length <= self._max:
                self.errors.append(
                    ProtocolError(f"impossible frame length {length}", reason="length", length=length)
                )
                del self._buffer[:1]
                continue
            end = HEADER_SIZE + length
            if len(self._buffer) < end:
                return payloads
            body = bytes(self._buffer[len(PREAMBLE) : end - 1])
            expected, found = checksum(body), self._buffer[end - 1]
            if expected != found:
                self.errors.append(
                    ProtocolError(
                        f"bad frame checksum (expected {expected:02x}, got {found:02x})",
                        reason="checksum",
                    )
                )
                del self._buffer[:1]
                continue
            payloads.append(body[2:])
            del self._buffer[:end]


class FrameParser:
    """Incremental parser of reader answers: feed it any chunks, get complete ``Response`` objects.

    Malformed frames are skipped and recorded in ``errors`` (``ProtocolError``, code
    ``device.protocol``) instead of raised, so that one corrupt frame never loses the good frames in
    the same chunk; the caller decides whether an error is fatal (``take_errors``).
    """

    def __init__(self, max_length: int = MAX_LENGTH) -> None:
        self._splitter = _Splitter(min_length=4, max_length=max_length)  # SW1-3 and CHK at least

    @property
    def errors(self) -> list[ProtocolError]:
        return self._splitter.errors

    @property
    def pending(self) -> int:
        return self._splitter.pending

    def take_errors(self) -> list[ProtocolError]:
        return self._splitter.take_errors()

    def reset(self) -> None:
        self._splitter.reset()

    def feed(self, chunk: bytes) -> list[Response]:
        return [Response(sw=p[:3], data=p[3:]) for p in self._splitter.feed(chunk)]


class CommandParser:
    """The device-side twin of ``FrameParser`` (for the simulated reader)."""

    def __init__(self, max_length: int = MAX_LENGTH) -> None:
        self._splitter = _Splitter(min_length=3, max_length=max_length)  # CMD, PARA and CHK

    @property
    def errors(self) -> list[ProtocolError]:
        return self._splitter.errors

    def take_errors(self) -> list[ProtocolError]:
        return self._splitter.take_errors()

    def reset(self) -> None:
        self._splitter.reset()

    def feed(self, chunk: bytes) -> list[Command]:
        return [Command(cmd=p[0], para=p[1], data=p[2:]) for p in self._splitter.feed(chunk)]


@dataclass(frozen=True)
class BaseInfo:
    """The data of a successful read-base-info answer, split into its text and photo blocks."""

    text: bytes
    photo: bytes

    def __repr__(self) -> str:
        return f"BaseInfo(text=<{len(self.text)} bytes>, photo=<{len(self.photo)} bytes>)"


def encode_base_info(text: bytes, photo: bytes) -> bytes:
    """Data of a read-base-info answer: text length, photo length (2 bytes each, BE), text, photo."""
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


def split_base_info(data: bytes) -> BaseInfo:
    """Split read-base-info data; raise ``ProtocolError`` if the declared lengths do not fit."""
    if len(data) < 4:
        raise ProtocolError("base-info answer too short", reason="base_info_short", size=len(data))
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if 4 + text_len + photo_len > len(data):
        raise ProtocolError(
            "base-info lengths exceed the answer",
            reason="base_info_lengths",
            text_length=text_len,
            photo_length=photo_len,
            size=len(data),
        )
    return BaseInfo(text=data[4 : 4 + text_len], photo=data[4 + text_len : 4 + text_len + photo_len])
