"""Simulated ID-card hardware: the DEVICE side of the SAM protocol, served on a pseudo-terminal.

Why a pty rather than a mock of pyserial: the real ``SerialCardReader`` then runs unchanged —
termios set-up, chunked reads, timeouts, input flushing — so the tests and the demo exercise the
code the field laptops run. Faults are injected one at a time ("…_next" switches are consumed by
the next answer; ``fault_command`` restricts them to one command) to prove the reader recovers.

This module also re-exports the replay reader and the synthetic cards (see ``replay``/``synthetic``).
"""

from __future__ import annotations

import os
import random
import select
import threading
import time
import tty
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

from capture.devices import CardRecord
from capture.idcard.protocol import (
    FIND_CARD,
    PREAMBLE,
    READ_BASE_INFO,
    RESET_SAM,
    SAM_STATUS,
    SELECT_CARD,
    SW_BAD_CHECKSUM,
    SW_BAD_COMMAND,
    SW_FIND_SUCCESS,
    SW_NO_CARD,
    SW_READ_FAILED,
    SW_SELECT_FAILED,
    SW_SUCCESS,
    Command,
    CommandParser,
    encode_base_info,
    encode_response,
)
from capture.idcard.replay import ReplayCardReader, record_from_mapping, record_to_json
from capture.idcard.synthetic import gb11643_check_char, synthetic_cards
from capture.idcard.text import encode_text

__all__ = [
    "ReplayCardReader",
    "SimulatedSamReader",
    "card_base_info",
    "gb11643_check_char",
    "record_from_mapping",
    "record_to_json",
    "synthetic_cards",
]


def card_base_info(card: CardRecord) -> bytes:
    """The read-base-info data a reader would send for ``card`` (text block and raw photo)."""
    text = encode_text(
        name=card.name,
        id_number=card.id_number,
        gender=card.gender,
        ethnicity=card.ethnicity,
        birth_date=card.birth_date,
        address=card.address or "",
        issuing_authority=card.issuing_authority or "",
        valid_from=card.valid_from,
        valid_until=card.valid_until,
    )
    return encode_base_info(text, card.photo or b"")


def _as_record(card: CardRecord | Mapping[str, Any]) -> CardRecord:
    return card if isinstance(card, CardRecord) else record_from_mapping(card, source="card")


class SimulatedSamReader:
    """A SAM-protocol ID-card reader living on a pty; give ``.port`` to ``SerialCardReader``.

    The first of ``cards`` lies on the reader at start; ``next_card()``, ``insert()`` and
    ``remove()`` change that. Fault switches (all one-shot): ``bad_checksum_next``, ``silent_next``
    (no answer), ``garbage_before_next`` (random bytes before the answer), ``error_status_next``
    (answer with that status word), ``truncate_next`` (half an answer, then silence); and for the
    read command, ``pull_card_mid_read`` (status 41, card gone) or ``pull_card_mid_frame`` (half the
    answer, card gone). ``commands`` records what the host sent.
    """

    def __init__(
        self,
        cards: Sequence[CardRecord | Mapping[str, Any]] = (),
        *,
        seed: int = 0,
        baudrate: int | None = None,
    ) -> None:
        self.baudrate = baudrate  # when set, answers take as long as on a serial line (10 bits a byte)
        self._queue = [_as_record(card) for card in cards]
        self._card: CardRecord | None = self._queue.pop(0) if self._queue else None
        self._selected = False
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._master = self._slave = -1
        self.port = ""
        self.commands: list[Command] = []
        self.bad_checksum_next = False
        self.silent_next = False
        self.garbage_before_next = False
        self.error_status_next: bytes | None = None
        self.truncate_next = False
        self.pull_card_mid_read = False
        self.pull_card_mid_frame = False
        self.fault_command: tuple[int, int] | None = None

    # -- the card on the reader -----------------------------------------------------------------

    def insert(self, card: CardRecord | Mapping[str, Any]) -> None:
        with self._lock:
            self._card, self._selected = _as_record(card), False

    def remove(self) -> None:
        with self._lock:
            self._card, self._selected = None, False

    def next_card(self) -> bool:
        """Replace the card on the reader by the next of ``cards``; False (and no card) when done."""
        with self._lock:
            self._card = self._queue.pop(0) if self._queue else None
            self._selected = False
            return self._card is not None

    @property
    def card(self) -> CardRecord | None:
        return self._card

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> SimulatedSamReader:
        if self._thread is not None:
            return self
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="simulated-sam", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def __enter__(self) -> SimulatedSamReader:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- the device -----------------------------------------------------------------------------

    def _serve(self) -> None:
        parser = CommandParser()
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self._master, 4096)
            except OSError:  # note: EIO while no process has the slave open
                self._stop.wait(0.05)
                continue
            commands = parser.feed(chunk)
            if parser.take_errors():
                self._send(encode_response(SW_BAD_CHECKSUM))
            for command in commands:
                self.commands.append(command)
                answer = self.answer(command)
                if answer:
                    self._send(answer)

    def _send(self, data: bytes) -> None:
        if self.baudrate:
            time.sleep(len(data) * 10 / self.baudrate)  # note: a pty is instant; a wire is not
        view = memoryview(data)
        while view and not self._stop.is_set():
            _, writable, _ = select.select([], [self._master], [], 0.05)
            if writable:
                try:
                    view = view[os.write(self._master, view) :]
                except OSError:
                    return

    def _garbage(self) -> bytes:
        """1–32 random bytes that cannot form a preamble with what follows."""
        while True:
            noise = self._rng.randbytes(self._rng.randint(1, 32))
            if (noise + PREAMBLE).find(PREAMBLE) == len(noise):
                return noise

    def answer(self, command: Command) -> bytes:
        """The bytes answered to ``command`` (b"" for silence), with the pending fault applied."""
        with self._lock:
            applies = self.fault_command is None or self.fault_command == command.code
            if applies and self.silent_next:
                self.silent_next = False
                return b""
            if applies and self.error_status_next is not None:
                frame = encode_response(self.error_status_next)
                self.error_status_next = None
            else:
                frame = self._normal(command)
            if applies and self.bad_checksum_next:
                self.bad_checksum_next = False
                frame = frame[:-1] + bytes([frame[-1] ^ 0x5A])
            if applies and self.truncate_next:
                self.truncate_next = False
                frame = frame[: len(frame) // 2]
            if applies and self.garbage_before_next:
                self.garbage_before_next = False
                frame = self._garbage() + frame
            return frame

    def _normal(self, command: Command) -> bytes:
        code = command.code
        if code == FIND_CARD:
            self._selected = False
            return encode_response(SW_FIND_SUCCESS, bytes(4)) if self._card else encode_response(SW_NO_CARD)
        if code == SELECT_CARD:
            if self._card is None:
                return encode_response(SW_SELECT_FAILED)
            self._selected = True
            return encode_response(SW_SUCCESS, bytes(8))
        if code == READ_BASE_INFO:
            if self._card is None or not self._selected:
                return encode_response(SW_READ_FAILED)
            if self.pull_card_mid_read:
                self.pull_card_mid_read = False
                self._card, self._selected = None, False
                return encode_response(SW_READ_FAILED)
            frame = encode_response(SW_SUCCESS, card_base_info(self._card))
            if self.pull_card_mid_frame:
                self.pull_card_mid_frame = False
                self._card, self._selected = None, False
                return frame[: len(frame) // 2]
            return frame
        if code in (SAM_STATUS, RESET_SAM):
            self._selected = False if code == RESET_SAM else self._selected
            return encode_response(SW_SUCCESS)
        return encode_response(SW_BAD_COMMAND)
