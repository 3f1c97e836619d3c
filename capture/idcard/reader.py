"""A second-generation ID-card reader on a serial port (real, USB-serial, or a simulated pty).

Why we talk to the SAM module directly rather than through the vendor DLLs: the field laptops run
Linux as well as Windows, the DLLs differ per vendor, and the serial protocol is the same for all
readers built on a SAM_V module. A read is three exchanges: find card, select card, read base info.

Robustness rule: after ANY error (timeout, corrupt frame, status word) the input buffer and the
parser are cleared, so a late or half-received answer cannot be mistaken for the answer to the next
command, and the operator can simply try again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Protocol

import numpy as np
import numpy.typing as npt
import serial

from capture.devices import CardRecord, DeviceInfo
from capture.errors import CaptureError, CardError, DeviceNotFound, DeviceTimeout
from capture.idcard.protocol import (
    FIND_CARD,
    READ_BASE_INFO,
    RESET_SAM,
    SAM_STATUS,
    SELECT_CARD,
    SW_FIND_SUCCESS,
    SW_NO_CARD,
    SW_READ_FAILED,
    SW_SELECT_FAILED,
    SW_SUCCESS,
    FrameParser,
    Response,
    encode_command,
    split_base_info,
)
from capture.idcard.text import decode_text

log = logging.getLogger(__name__)

PhotoDecoder = Callable[[bytes], npt.NDArray[np.uint8]]

_STATUS_ERRORS: dict[bytes, tuple[str, str]] = {
    SW_NO_CARD: ("card.none", "no ID card on the reader"),
    SW_SELECT_FAILED: ("card.select_failed", "the ID card could not be selected; place it again"),
    SW_READ_FAILED: ("card.read_failed", "reading the ID card failed (card moved away?)"),
}

try:  # note: termios.error (e.g. EIO from tcflush on an unplugged port) is not an OSError
    import termios

    _PORT_ERRORS: tuple[type[Exception], ...] = (OSError, ValueError, termios.error)
except ImportError:  # Windows
    _PORT_ERRORS = (OSError, ValueError)

_POLL_READ = 0.05  # seconds a single port read may block; the command deadline is checked between reads


class SerialPort(Protocol):
    """The part of ``serial.Serial`` we use (so tests can pass a fake)."""

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes) -> int | None: ...

    def flush(self) -> None: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...


def status_error(sw: bytes) -> CardError:
    """The ``CardError`` for a status word (``card.none``, ``card.select_failed``, …, ``card.status``)."""
    code, message = _STATUS_ERRORS.get(sw, ("card.status", f"the ID-card reader answered status {sw.hex()}"))
    return CardError(message, code=code, status=sw.hex())


class SerialCardReader:
    """``CardReader`` for SAM-protocol readers; ``port`` is a device path or any pyserial URL.

    ``timeout`` bounds each find/select/status exchange; ``read_timeout`` (default 3 × timeout)
    bounds read base info, because the module then reads ~1.3 KB over the card's radio link before
    it answers. ``photo_decoder`` turns the card's vendor-encoded ("wlt") photo into an image when a
    licensed decoder is available; without one ``photo_image`` stays None and the raw bytes are kept.
    """

    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        timeout: float = 1.0,
        serial_factory: Callable[..., SerialPort] = serial.serial_for_url,
        *,
        read_timeout: float | None = None,
        photo_decoder: PhotoDecoder | None = None,
        poll_interval: float = 0.2,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.timeout = timeout
        self.read_timeout = 3 * timeout if read_timeout is None else read_timeout
        self.poll_interval = poll_interval
        self._factory = serial_factory
        self._decoder = photo_decoder
        self._serial: SerialPort | None = None
        self._parser = FrameParser()
        self._lock = threading.RLock()  # note: the GUI may poll card_present while a read runs

    def info(self) -> DeviceInfo:
        return DeviceInfo(
            name="ID-card reader (SAM serial)",
            kind="card_reader",
            driver="sam_serial",
            details={"port": self.port, "baudrate": str(self.baudrate)},
        )

    def open(self) -> None:
        with self._lock:
            if self._serial is not None:
                return
            try:
                self._serial = self._factory(
                    self.port, baudrate=self.baudrate, timeout=_POLL_READ, write_timeout=self.timeout
                )
            except _PORT_ERRORS as exc:  # note: serial.SerialException is an OSError
                raise DeviceNotFound(
                    f"cannot open the ID-card reader on {self.port}", code="device.not_found", port=self.port
                ) from exc
            self._parser.reset()

    def close(self) -> None:
        with self._lock:
            port, self._serial = self._serial, None
            if port is not None:
                try:
                    port.close()
                except _PORT_ERRORS:
                    log.debug("closing the ID-card reader port failed", exc_info=True)

    def __enter__(self) -> SerialCardReader:
        self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- commands -------------------------------------------------------------------------------

    def card_present(self) -> bool:
        """Send find card: True if a card answers, False for "no card", ``CardError`` otherwise."""
        response = self._transact(FIND_CARD, self.timeout)
        if response.sw == SW_FIND_SUCCESS:
            return True
        if response.sw == SW_NO_CARD:
            return False
        raise status_error(response.sw)

    def wait_for_card(self, timeout: float = 10.0) -> bool:
        """Poll find card every ``poll_interval`` seconds until a card is present or ``timeout`` ends."""
        deadline = time.monotonic() + timeout
        while True:
            if self.card_present():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(self.poll_interval, remaining))

    def read_card(self) -> CardRecord:
        """Find, select and read the card on the reader."""
        with self._lock:
            self._expect(self._transact(FIND_CARD, self.timeout), SW_FIND_SUCCESS)
            self._expect(self._transact(SELECT_CARD, self.timeout), SW_SUCCESS)
            response = self._transact(READ_BASE_INFO, self.read_timeout)
            self._expect(response, SW_SUCCESS)
            try:
                block = split_base_info(response.data)
                text = decode_text(block.text)
            except CaptureError:
                self._recover()
                raise
        return CardRecord(
            id_number=text["id_number"],
            name=text["name"],
            gender=text["gender"],
            ethnicity=text["ethnicity"],
            birth_date=text["birth_date"],
            address=text["address"],
            issuing_authority=text["issuing_authority"],
            valid_from=text["valid_from"],
            valid_until=text["valid_until"],
            photo=block.photo or None,
            photo_image=self._decode_photo(block.photo),
            source="card",
        )

    def sam_status(self) -> bool:
        """Ask the SAM module whether it is working (True for status 90)."""
        return self._transact(SAM_STATUS, self.timeout).sw == SW_SUCCESS

    def reset_sam(self) -> None:
        """Reset the SAM module (after repeated errors); raises ``CardError`` if it refuses."""
        self._expect(self._transact(RESET_SAM, self.read_timeout), SW_SUCCESS)

    # -- plumbing -------------------------------------------------------------------------------

    def _decode_photo(self, photo: bytes) -> npt.NDArray[np.uint8] | None:
        if self._decoder is None or not photo:
            return None
        try:
            return self._decoder(photo)
        except Exception:  # note: a broken photo plug-in must not block the certification
            log.warning("the ID-card photo decoder failed; keeping the raw photo only", exc_info=True)
            return None

    def _expect(self, response: Response, success: bytes) -> None:
        if response.sw != success:
            self._recover()
            raise status_error(response.sw)

    def _require_port(self) -> SerialPort:
        if self._serial is None:
            raise DeviceNotFound("the ID-card reader is not open", code="device.not_found", port=self.port)
        return self._serial

    def _recover(self) -> None:
        """Forget partial frames and whatever the device sent that we have not read."""
        self._parser.reset()
        if self._serial is not None:
            try:
                self._serial.reset_input_buffer()
            except _PORT_ERRORS:
                log.debug("flushing the ID-card reader input failed", exc_info=True)

    def _transact(self, command: tuple[int, int], timeout: float) -> Response:
        with self._lock:
            port = self._require_port()
            try:
                return self._exchange(port, command, timeout)
            except CaptureError:
                self._recover()
                raise
            except serial.SerialTimeoutException as exc:  # note: a write that never drained
                self._recover()
                raise DeviceTimeout("the ID-card reader does not accept data", port=self.port) from exc
            except _PORT_ERRORS as exc:
                self._recover()
                raise DeviceNotFound(
                    "the ID-card reader stopped responding (unplugged?)",
                    code="device.unplugged",
                    port=self.port,
                ) from exc

    def _exchange(self, port: SerialPort, command: tuple[int, int], timeout: float) -> Response:
        self._parser.reset()
        port.reset_input_buffer()  # note: drop a late answer to an earlier, timed-out command
        port.write(encode_command(*command))
        port.flush()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            chunk = port.read(max(1, port.in_waiting))
            if not chunk:
                continue
            responses = self._parser.feed(bytes(chunk))
            errors = self._parser.take_errors()
            if errors:
                raise errors[0]
            if responses:
                return responses[0]
        raise DeviceTimeout(
            f"the ID-card reader did not answer command {command[0]:02x} {command[1]:02x} in {timeout:g} s",
            command=f"{command[0]:02x}{command[1]:02x}",
            timeout=timeout,
        )
