"""The SAM frame format and the 256-byte text block, byte by byte (no device involved)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from capture.errors import CardError, ProtocolError
from capture.idcard import (
    ETHNICITIES,
    FIND_CARD,
    READ_BASE_INFO,
    SELECT_CARD,
    CommandParser,
    FrameParser,
    Response,
    decode_text,
    encode_command,
    encode_response,
    encode_text,
)
from capture.idcard.protocol import PREAMBLE, encode_base_info, split_base_info

NAME = "欧阳秀英"
NUMBER = "11010519491231002X"


def block(**overrides: object) -> bytes:
    fields: dict[str, object] = {
        "name": NAME,
        "id_number": NUMBER,
        "gender": "female",
        "ethnicity": "汉",
        "birth_date": dt.date(1949, 12, 31),
        "address": "北京市朝阳区光明路12号3栋2单元501室",
        "issuing_authority": "北京市公安局朝阳分局",
        "valid_from": dt.date(2008, 3, 1),
        "valid_until": None,
    }
    fields.update(overrides)
    return encode_text(**fields)  # type: ignore[arg-type]


# -- frames -------------------------------------------------------------------------------------


def test_commands_match_the_published_frames() -> None:
    # worked by hand: 00 ^ 03 ^ 20 ^ 01 = 22; 00 ^ 03 ^ 20 ^ 02 = 21; 00 ^ 03 ^ 30 ^ 01 = 32
    assert encode_command(*FIND_CARD) == bytes.fromhex("AAAAAA9669 0003 2001 22")
    assert encode_command(*SELECT_CARD) == bytes.fromhex("AAAAAA9669 0003 2002 21")
    assert encode_command(*READ_BASE_INFO) == bytes.fromhex("AAAAAA9669 0003 3001 32")
    # 00 ^ 03 ^ 11 ^ FF = ED (SAM status)
    assert encode_command(0x11, 0xFF) == bytes.fromhex("AAAAAA9669 0003 11FF ED")


def test_response_checksum_known_answer() -> None:
    # LEN = SW(3) + data(2) + CHK(1) = 6; CHK = 00^06^00^00^90^01^02 = 06^90^01^02 = 95
    assert encode_response(b"\x00\x00\x90", b"\x01\x02") == bytes.fromhex("AAAAAA9669 0006 000090 0102 95")
    # the find-card success answer readers send: 00^08^00^00^9F^00^00^00^00 = 97
    assert encode_response(b"\x00\x00\x9f", bytes(4)) == bytes.fromhex("AAAAAA9669 0008 00009F 00000000 97")


def test_round_trip_of_a_full_base_info_answer() -> None:
    text, photo = block(), bytes(range(256)) * 4
    frame = encode_response(b"\x00\x00\x90", encode_base_info(text, photo))
    assert frame[5:7] == bytes.fromhex("0508")  # 3 + 4 + 256 + 1024 + 1 = 1288
    [response] = FrameParser().feed(frame)
    assert response.ok and response.sw == b"\x00\x00\x90"
    info = split_base_info(response.data)
    assert (info.text, info.photo) == (text, photo)
    assert "欧阳" not in repr(response) and "1024" in repr(info)


def test_command_parser_reads_what_the_host_sends() -> None:
    [command] = CommandParser().feed(encode_command(0x61, 0xFF, b"\x50"))
    assert (command.cmd, command.para, command.data) == (0x61, 0xFF, b"\x50")


def test_bad_checksum_is_recorded_and_the_next_frame_still_parsed() -> None:
    good = encode_response(b"\x00\x00\x90", b"ok")
    bad = good[:-1] + bytes([good[-1] ^ 1])
    parser = FrameParser()
    assert parser.feed(bad + good) == [Response(b"\x00\x00\x90", b"ok")]
    [error] = parser.take_errors()
    assert error.code == "device.protocol" and error.params["reason"] == "checksum"
    assert parser.take_errors() == []


@pytest.mark.parametrize("length", [0, 1, 3, 4097, 0xFFFF])
def test_impossible_length_is_recorded_and_skipped(length: int) -> None:
    good = encode_response(b"\x00\x00\x80")
    parser = FrameParser()
    assert parser.feed(PREAMBLE + length.to_bytes(2, "big") + b"\x00" * 8 + good) == [
        Response(b"\x00\x00\x80", b"")
    ]
    assert [e.params["reason"] for e in parser.errors] == ["length"]


def test_parser_waits_for_the_rest_of_a_frame_and_keeps_a_split_preamble() -> None:
    frame = encode_response(b"\x00\x00\x9f", bytes(4))
    parser = FrameParser()
    assert parser.feed(b"\x01\x02" + frame[:3]) == []
    assert parser.pending == 3  # garbage dropped, the "AA AA AA" kept
    assert parser.feed(frame[3:9]) == []
    assert parser.feed(frame[9:]) == [Response(b"\x00\x00\x9f", bytes(4))]
    assert parser.pending == 0 and parser.errors == []


def test_encode_rejects_malformed_arguments() -> None:
    with pytest.raises(ValueError):
        encode_command(0x100, 0)
    with pytest.raises(ValueError):
        encode_response(b"\x90")
    with pytest.raises(ValueError):
        encode_response(b"\x00\x00\x90", bytes(5000))
    with pytest.raises(ProtocolError):
        split_base_info(b"\x01\x00\x04\x00" + bytes(10))


frames = st.lists(
    st.tuples(st.binary(max_size=4), st.binary(min_size=3, max_size=3), st.binary(max_size=300)),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(frames=frames, data=st.data())
def test_parser_resynchronises_over_garbage_and_any_chunking(
    frames: list[tuple[bytes, bytes, bytes]], data: st.DataObject
) -> None:
    stream, expected = b"", []
    for _, sw, payload in frames:
        garbage = data.draw(st.binary(max_size=40))
        frame = encode_response(sw, payload)
        # garbage must not contain (or complete, with what precedes it) a preamble of its own
        tail = stream[-(len(PREAMBLE) - 1) :]
        assume((tail + garbage + frame).find(PREAMBLE) == len(tail) + len(garbage))
        stream += garbage + frame
        expected.append(Response(sw, payload))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=20)))
    parser, got = FrameParser(), []
    for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        got.extend(parser.feed(stream[start:end]))
    assert got == expected
    assert parser.errors == [] and parser.pending == 0


# -- text block ---------------------------------------------------------------------------------


@pytest.mark.parametrize("gender", ["male", "female", None])
def test_text_round_trip(gender: str | None) -> None:
    raw = block(gender=gender, valid_until=dt.date(2028, 3, 1), ethnicity="维吾尔")
    assert len(raw) == 256
    text = decode_text(raw)
    assert text == {
        "name": NAME,
        "gender": gender,
        "ethnicity": "维吾尔",
        "ethnicity_code": "05",
        "birth_date": dt.date(1949, 12, 31),
        "address": "北京市朝阳区光明路12号3栋2单元501室",
        "id_number": NUMBER,
        "issuing_authority": "北京市公安局朝阳分局",
        "valid_from": dt.date(2008, 3, 1),
        "valid_until": dt.date(2028, 3, 1),
    }


def test_text_layout_is_ucs2_le_at_fixed_offsets() -> None:
    raw = block(gender="male")
    assert raw[0:8] == "欧阳秀英".encode("utf-16-le")
    assert raw[8:30] == " ".encode("utf-16-le") * 11  # padded with spaces to 15 characters
    assert raw[30:32] == b"1\x00"
    assert raw[32:36] == "01".encode("utf-16-le")
    assert raw[36:52] == "19491231".encode("utf-16-le")
    assert raw[122:158] == NUMBER.encode("utf-16-le")
    assert raw[204:208] == "长期".encode("utf-16-le")


def test_for_life_card_has_no_end_date() -> None:
    assert decode_text(block(valid_until=None))["valid_until"] is None


def test_full_ethnicity_table() -> None:
    assert len(ETHNICITIES) == 58
    assert [ETHNICITIES[c] for c in ("01", "02", "46", "56", "97", "98")] == [
        "汉",
        "蒙古",
        "德昂",
        "基诺",
        "其他",
        "外国血统",
    ]
    assert all(f"{n:02d}" in ETHNICITIES for n in range(1, 57))
    assert decode_text(block(ethnicity="98"))["ethnicity"] == "外国血统"


def test_unknown_ethnicity_code_keeps_the_code() -> None:
    raw = bytearray(block())
    raw[32:36] = "99".encode("utf-16-le")
    text = decode_text(bytes(raw))
    assert (text["ethnicity"], text["ethnicity_code"]) == (None, "99")


def _replace(offset: int, width: int, value: str) -> bytes:
    """The test block with one field (``width`` bytes at ``offset``) replaced, space-padded."""
    raw = bytearray(block())
    encoded = value.encode("utf-16-le")
    raw[offset : offset + width] = encoded + " ".encode("utf-16-le") * ((width - len(encoded)) // 2)
    return bytes(raw)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (_replace(36, 16, "19491331"), "text_date"),  # month 13
        (_replace(188, 16, "2008AB01"), "text_date"),
        (_replace(204, 16, "永久"), "text_date"),
        (_replace(30, 2, "7"), "text_gender"),
        (_replace(32, 4, "A1"), "text_ethnicity"),
        (_replace(122, 36, NUMBER[:16]), "text_id_number"),
        (_replace(122, 36, NUMBER[:17] + "Y"), "text_id_number"),
        (_replace(0, 30, ""), "text_name"),
        (block()[:200], "text_size"),
    ],
)
def test_malformed_text_raises_without_personal_data(raw: bytes, reason: str) -> None:
    with pytest.raises(ProtocolError) as info:
        decode_text(raw)
    error = info.value
    assert error.code == "device.protocol" and error.params["reason"] == reason
    shown = f"{error} {error.params}"
    for secret in (NAME, NUMBER, NUMBER[:16], "19491331", "光明路", "永久", "AB"):
        assert secret not in shown


def test_foreigners_card_is_refused_clearly() -> None:
    raw = bytearray(block())
    raw[248:250] = "I".encode("utf-16-le")
    with pytest.raises(CardError) as info:
        decode_text(bytes(raw))
    assert info.value.code == "card.unsupported"


def test_encode_text_rejects_what_a_card_cannot_hold() -> None:
    with pytest.raises(ValueError):
        block(name="欧" * 16)
    with pytest.raises(ValueError):
        block(gender="x")
    with pytest.raises(ValueError):
        block(ethnicity="火星")
