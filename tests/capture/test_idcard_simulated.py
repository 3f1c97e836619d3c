"""Replay and manual-entry readers, synthetic cards, and the simulated device's own answers."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import pytest

from capture.devices import CardReader
from capture.errors import CardError, DeviceNotFound, ProtocolError
from capture.idcard import (
    FIND_CARD,
    Command,
    FrameParser,
    ManualEntryReader,
    ReplayCardReader,
    SimulatedSamReader,
    card_base_info,
    decode_text,
    gb11643_check_char,
    record_to_json,
    synthetic_cards,
)

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def expected_check(first17: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


# -- synthetic cards ----------------------------------------------------------------------------


def test_check_character_known_answers() -> None:
    assert gb11643_check_char("11010519491231002") == "X"  # the example of GB 11643-1999
    assert gb11643_check_char("44052418800101001") == "4"
    with pytest.raises(ValueError):
        gb11643_check_char("1234")


def test_synthetic_cards_are_valid_looking_and_reproducible() -> None:
    cards = synthetic_cards(200, seed=11)
    assert cards == synthetic_cards(200, seed=11) and cards != synthetic_cards(200, seed=12)
    for card in cards:
        number = card.id_number
        assert len(number) == 18 and number[:17].isdigit()
        assert number[17] == expected_check(number[:17])
        assert card.birth_date is not None and number[6:14] == f"{card.birth_date:%Y%m%d}"
        assert card.gender == ("male" if int(number[16]) % 2 else "female")
        assert card.valid_from is not None and card.birth_date < card.valid_from
        assert card.valid_until is None or card.valid_until > card.valid_from
        assert card.issuing_authority and card.issuing_authority.endswith("分局")
        assert card.source == "simulated"
        assert decode_text(card_base_info(card)[4:260])["id_number"] == number  # fits the card layout
    assert any(c.valid_until is None for c in cards) and any(c.valid_until for c in cards)
    assert len({c.ethnicity for c in cards}) > 1


# -- replay -------------------------------------------------------------------------------------


def test_replay_reader(tmp_path: Path) -> None:
    cards = synthetic_cards(2, seed=5)
    path = tmp_path / "cards.jsonl"
    by_hand = {
        "id_number": "11010519491231002X",
        "name": "欧阳秀英",
        "gender": "female",
        "birth_date": "1949-12-31",
        "valid_from": "2008-03-01",
        "valid_until": "长期",
    }
    path.write_text(
        "\n".join([*(record_to_json(c) for c in cards), "", json.dumps(by_hand, ensure_ascii=False)]) + "\n",
        encoding="utf-8",
    )
    reader = ReplayCardReader(path)
    assert isinstance(reader, CardReader)
    assert reader.info().simulated and reader.info().kind == "card_reader"
    reader.open()
    try:
        for card in cards:
            assert reader.wait_for_card(0.1) and reader.card_present()
            assert reader.read_card() == card
        assert reader.wait_for_card(0.1)
        last = reader.read_card()
        assert (last.birth_date, last.valid_until, last.photo) == (dt.date(1949, 12, 31), None, None)
        assert last.source == "simulated" and last.ethnicity is None
        assert not reader.wait_for_card(0.1) and not reader.card_present()
        with pytest.raises(CardError) as info:
            reader.read_card()
        assert info.value.code == "card.none"
    finally:
        reader.close()


@pytest.mark.parametrize(
    "line",
    [
        "{not json",
        '["a list"]',
        '{"name": "张三"}',
        '{"id_number": "130402195306151228", "name": "张三", "birth_date": "1953-13-01"}',
        '{"id_number": "130402195306151228", "name": "张三", "photo": "***"}',
        '{"id_number": "130402195306151228", "name": "张三", "gender": "m"}',
    ],
)
def test_replay_reports_the_bad_line_without_its_content(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.jsonl"
    good = record_to_json(synthetic_cards(1)[0])
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ProtocolError) as info:
        ReplayCardReader(path).open()
    assert info.value.params["line"] == 2
    assert "130402195306151228" not in str(info.value) and "张三" not in str(info.value)


def test_replay_missing_file_or_not_open(tmp_path: Path) -> None:
    with pytest.raises(DeviceNotFound):
        ReplayCardReader(tmp_path / "none.jsonl").open()
    with pytest.raises(DeviceNotFound):
        ReplayCardReader(tmp_path / "none.jsonl").read_card()


def test_replay_keeps_photos(tmp_path: Path) -> None:
    card = synthetic_cards(1, seed=9)[0]
    line = json.loads(record_to_json(card))
    assert base64.b64decode(line["photo"]) == card.photo
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(line), encoding="utf-8")
    with_photo = ReplayCardReader(path)
    with_photo.open()
    assert with_photo.read_card().photo == card.photo


# -- manual entry -------------------------------------------------------------------------------


class RuleError(ValueError):
    """Stands in for the application's ID-number error."""


def validate(number: str) -> str:
    normalised = number.upper()
    if len(normalised) != 18 or normalised[17] != expected_check(normalised[:17]):
        raise RuleError("invalid ID number")
    return normalised


def test_manual_entry_accepts_a_valid_number() -> None:
    reader = ManualEntryReader(lambda: (" 11010519491231002x ", " 欧阳  秀英 "), validate)
    assert isinstance(reader, CardReader)
    assert (reader.info().kind, reader.info().driver) == ("card_reader", "manual")
    reader.open()
    assert reader.wait_for_card(0.1) and reader.card_present()
    record = reader.read_card()
    assert (record.id_number, record.name, record.source) == ("11010519491231002X", "欧阳 秀英", "manual")
    assert record.gender is None and record.birth_date is None and record.photo is None
    reader.close()


def test_manual_entry_lets_the_validators_error_through() -> None:
    reader = ManualEntryReader(lambda: ("110105194912310021", "张三"), validate)
    with pytest.raises(RuleError):
        reader.read_card()


def test_manual_entry_cancelled_or_without_name() -> None:
    with pytest.raises(CardError) as cancelled:
        ManualEntryReader(lambda: None, validate).read_card()
    assert cancelled.value.code == "card.none"
    with pytest.raises(CardError) as nameless:
        ManualEntryReader(lambda: ("11010519491231002X", "  "), validate).read_card()
    assert nameless.value.code == "card.name_missing"


# -- the simulated device without a pty ---------------------------------------------------------


def test_simulator_answers_unknown_commands_and_accepts_dicts() -> None:
    card = {"id_number": "11010519491231002X", "name": "欧阳秀英", "birth_date": "1949-12-31"}
    sim = SimulatedSamReader([card])
    assert sim.card is not None and sim.card.name == "欧阳秀英"
    [unknown] = FrameParser().feed(sim.answer(Command(0x99, 0x01, b"")))
    assert unknown.sw == b"\x00\x00\x21"
    [found] = FrameParser().feed(sim.answer(Command(*FIND_CARD, b"")))
    assert found.sw == b"\x00\x00\x9f"
    assert not sim.next_card() and sim.card is None
    [none] = FrameParser().feed(sim.answer(Command(*FIND_CARD, b"")))
    assert none.sw == b"\x00\x00\x80"
    sim.stop()  # stopping a device that never started is harmless
