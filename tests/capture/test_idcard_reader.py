"""``SerialCardReader`` against the simulated SAM device on a real pseudo-terminal.

Every fault is followed by a good read: the point is that the reader stays usable.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest

from capture.devices import CardReader, CardRecord
from capture.errors import CaptureError, CardError, DeviceNotFound, DeviceTimeout, ProtocolError
from capture.idcard import (
    FIND_CARD,
    READ_BASE_INFO,
    SELECT_CARD,
    SerialCardReader,
    SimulatedSamReader,
    synthetic_cards,
)

TIMEOUT = 0.3


@pytest.fixture(autouse=True)
def no_leftover_device_threads() -> Iterator[None]:
    yield
    assert not [t for t in threading.enumerate() if t.name == "simulated-sam"]


@pytest.fixture
def cards() -> list[CardRecord]:
    return synthetic_cards(3, seed=7)


@pytest.fixture
def device(cards: list[CardRecord]) -> Iterator[SimulatedSamReader]:
    sim = SimulatedSamReader(cards).start()
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture
def reader(device: SimulatedSamReader) -> Iterator[SerialCardReader]:
    card_reader = SerialCardReader(device.port, timeout=TIMEOUT, read_timeout=0.5)
    card_reader.open()
    try:
        yield card_reader
    finally:
        card_reader.close()


def assert_same_card(record: CardRecord, card: CardRecord) -> None:
    assert record.source == "card"
    assert record.photo_image is None
    for field in (
        "id_number",
        "name",
        "gender",
        "ethnicity",
        "birth_date",
        "address",
        "issuing_authority",
        "valid_from",
        "valid_until",
        "photo",
    ):
        assert getattr(record, field) == getattr(card, field), field


def assert_private(error: CaptureError, cards: list[CardRecord]) -> None:
    shown = f"{error} {error.message} {error.params} {error!r}"
    for card in cards:
        assert card.id_number not in shown and card.name not in shown


def test_good_read(reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]) -> None:
    assert isinstance(reader, CardReader)
    assert reader.info().kind == "card_reader" and not reader.info().simulated
    assert reader.card_present() and reader.wait_for_card(1.0)
    record = reader.read_card()
    assert_same_card(record, cards[0])
    assert record.photo is not None and len(record.photo) == 1024
    assert [c.code for c in device.commands[-3:]] == [FIND_CARD, SELECT_CARD, READ_BASE_INFO]
    assert device.next_card()
    assert_same_card(reader.read_card(), cards[1])


def test_for_life_and_fixed_term_cards_both_read(
    reader: SerialCardReader, device: SimulatedSamReader
) -> None:
    many = synthetic_cards(30, seed=3)
    assert {c.valid_until is None for c in many} == {True, False}
    for card in many[:8]:
        device.insert(card)
        assert_same_card(reader.read_card(), card)


@pytest.mark.parametrize("command", [FIND_CARD, SELECT_CARD, READ_BASE_INFO])
def test_bad_checksum_then_good_read(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord], command: tuple[int, int]
) -> None:
    device.fault_command, device.bad_checksum_next = command, True
    with pytest.raises(ProtocolError) as info:
        reader.read_card()
    assert info.value.code == "device.protocol" and info.value.params["reason"] == "checksum"
    assert_private(info.value, cards)
    assert_same_card(reader.read_card(), cards[0])


def test_silent_device_times_out_then_good_read(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    device.silent_next = True
    with pytest.raises(DeviceTimeout) as info:
        reader.read_card()
    assert info.value.code == "device.timeout"
    assert_same_card(reader.read_card(), cards[0])


def test_truncated_answer_times_out_then_good_read(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    device.fault_command, device.truncate_next = SELECT_CARD, True
    with pytest.raises(DeviceTimeout):
        reader.read_card()
    assert_same_card(reader.read_card(), cards[0])


def test_card_pulled_mid_read(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    device.pull_card_mid_read = True
    with pytest.raises(CardError) as info:
        reader.read_card()
    assert info.value.code == "card.read_failed" and info.value.params["status"] == "000041"
    assert_private(info.value, cards)
    with pytest.raises(CardError) as again:
        reader.read_card()
    assert again.value.code == "card.none"
    device.insert(cards[0])
    assert_same_card(reader.read_card(), cards[0])


def test_card_pulled_in_the_middle_of_the_answer(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    device.pull_card_mid_frame = True
    with pytest.raises(DeviceTimeout):
        reader.read_card()
    assert not reader.card_present()
    device.insert(cards[2])
    assert_same_card(reader.read_card(), cards[2])


def test_garbage_on_the_line_is_skipped(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    for command in (FIND_CARD, SELECT_CARD, READ_BASE_INFO):
        device.fault_command, device.garbage_before_next = command, True
        assert_same_card(reader.read_card(), cards[0])
        assert not device.garbage_before_next  # the fault was really injected


def test_select_failed_status_then_good_read(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    device.fault_command, device.error_status_next = SELECT_CARD, b"\x00\x00\x81"
    with pytest.raises(CardError) as info:
        reader.read_card()
    assert info.value.code == "card.select_failed"
    assert_same_card(reader.read_card(), cards[0])


def test_other_status_words_are_reported_in_hex(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    device.fault_command, device.error_status_next = READ_BASE_INFO, b"\x00\x00\x33"
    with pytest.raises(CardError) as info:
        reader.read_card()
    assert info.value.code == "card.status" and info.value.params["status"] == "000033"
    assert "000033" in str(info.value)
    device.fault_command, device.error_status_next = FIND_CARD, b"\x00\x00\x60"
    with pytest.raises(CardError):
        reader.card_present()
    assert_same_card(reader.read_card(), cards[0])


def test_no_card(reader: SerialCardReader, device: SimulatedSamReader) -> None:
    device.remove()
    assert not reader.card_present()
    assert reader.wait_for_card(0.5) is False
    with pytest.raises(CardError) as info:
        reader.read_card()
    assert info.value.code == "card.none"


def test_wait_for_card_sees_a_card_placed_later(
    reader: SerialCardReader, device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    device.remove()
    placer = threading.Timer(0.3, device.insert, args=(cards[1],))
    placer.start()
    try:
        assert reader.wait_for_card(5.0)
    finally:
        placer.cancel()
        placer.join(timeout=2.0)
    assert_same_card(reader.read_card(), cards[1])


def test_sam_status_and_reset(reader: SerialCardReader) -> None:
    assert reader.sam_status()
    reader.reset_sam()


def test_photo_decoder_is_used_and_its_failure_tolerated(
    device: SimulatedSamReader, cards: list[CardRecord]
) -> None:
    def decode(photo: bytes) -> npt.NDArray[np.uint8]:
        assert photo == cards[0].photo
        return np.zeros((126, 102, 3), np.uint8)

    def broken(photo: bytes) -> npt.NDArray[np.uint8]:
        raise RuntimeError("no licence")

    with SerialCardReader(device.port, timeout=TIMEOUT, photo_decoder=decode) as good:
        image = good.read_card().photo_image
        assert image is not None and image.shape == (126, 102, 3)
    with SerialCardReader(device.port, timeout=TIMEOUT, photo_decoder=broken) as bad:
        record = bad.read_card()
        assert record.photo_image is None and record.photo == cards[0].photo


def test_unplugged_device_is_reported(reader: SerialCardReader, device: SimulatedSamReader) -> None:
    assert reader.card_present()
    device.stop()
    with pytest.raises(DeviceNotFound) as info:
        reader.read_card()
    assert info.value.code == "device.unplugged"


def test_missing_or_closed_port(tmp_path: object) -> None:
    with pytest.raises(DeviceNotFound) as info:
        SerialCardReader("/dev/no-such-id-card-reader").open()
    assert info.value.code == "device.not_found"
    with pytest.raises(DeviceNotFound):
        SerialCardReader("/dev/no-such-id-card-reader").read_card()
