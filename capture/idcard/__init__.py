"""Second-generation resident ID cards: the SAM serial protocol, a reader, simulators, manual entry.

Why the pieces are separate: the protocol and text block are pure functions (tested byte by byte),
the reader owns the serial port and error recovery, and the simulated, replay and manual readers
implement the same ``CardReader`` interface so the application never knows which one it has.
"""

from __future__ import annotations

from capture.idcard.manual import ManualEntryReader
from capture.idcard.protocol import (
    FIND_CARD,
    READ_BASE_INFO,
    RESET_SAM,
    SAM_STATUS,
    SELECT_CARD,
    Command,
    CommandParser,
    FrameParser,
    Response,
    encode_command,
    encode_response,
)
from capture.idcard.reader import SerialCardReader, status_error
from capture.idcard.replay import ReplayCardReader, record_from_mapping, record_to_json
from capture.idcard.simulated import SimulatedSamReader, card_base_info
from capture.idcard.synthetic import gb11643_check_char, synthetic_cards
from capture.idcard.text import ETHNICITIES, CardText, decode_text, encode_text

__all__ = [
    "ETHNICITIES",
    "FIND_CARD",
    "READ_BASE_INFO",
    "RESET_SAM",
    "SAM_STATUS",
    "SELECT_CARD",
    "CardText",
    "Command",
    "CommandParser",
    "FrameParser",
    "ManualEntryReader",
    "ReplayCardReader",
    "Response",
    "SerialCardReader",
    "SimulatedSamReader",
    "card_base_info",
    "decode_text",
    "encode_command",
    "encode_response",
    "encode_text",
    "gb11643_check_char",
    "record_from_mapping",
    "record_to_json",
    "status_error",
    "synthetic_cards",
]
