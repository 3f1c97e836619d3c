"""Manual entry of an ID number and name, standing in for a card reader.

Why a ``CardReader`` at all: when the pensioner forgot the card or the reader is broken, the
workflow must go on unchanged, with the record marked ``source="manual"`` so that the audit trail
and HQ can tell a typed number from a chip read. The ID-number rules belong to the application
(``capture`` may not import ``fieldkit``), so they are injected as ``validate``; gender and birth
date are left None because the application derives them from the validated number.
"""

from __future__ import annotations

from collections.abc import Callable

from capture.devices import CardRecord, DeviceInfo
from capture.errors import CardError

Entry = tuple[str, str]


class ManualEntryReader:
    """``CardReader`` over an operator prompt.

    ``entries()`` asks the operator and returns (typed ID number, typed name), or None when the
    operator cancels; ``validate(number)`` returns the normalised number or raises (its exception
    reaches the caller unchanged, so the GUI can show the application's own message).
    """

    def __init__(self, entries: Callable[[], Entry | None], validate: Callable[[str], str]) -> None:
        self._entries = entries
        self._validate = validate

    def info(self) -> DeviceInfo:
        return DeviceInfo(name="manual entry", kind="card_reader", driver="manual")

    def open(self) -> None:
        """Nothing to open: the "device" is the operator."""

    def close(self) -> None:
        """Nothing to release."""

    def card_present(self) -> bool:
        return True  # note: an entry can be typed at any time; read_card asks for it

    def wait_for_card(self, timeout: float = 10.0) -> bool:
        return True

    def read_card(self) -> CardRecord:
        entry = self._entries()
        if entry is None:
            raise CardError("manual entry was cancelled", code="card.none")
        typed_number, typed_name = entry
        number = self._validate(typed_number.strip())
        name = " ".join(typed_name.split())
        if not name:
            raise CardError("a name is required for manual entry", code="card.name_missing")
        return CardRecord(id_number=number, name=name, source="manual")
