"""A card reader replaying recorded or synthetic card records from a JSON-lines file.

Why: demos, GUI work and workflow tests need a stream of cards without hardware or a pty. One
record per line, with the fields of ``CardRecord``; dates in ISO form; ``valid_until`` null or
"长期" for a card valid for life; ``photo`` base64 or absent.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from capture.devices import CardRecord, DeviceInfo
from capture.errors import CardError, DeviceNotFound, ProtocolError
from capture.idcard.text import FOR_LIFE

_DATE_FIELDS = ("birth_date", "valid_from", "valid_until")
_TEXT_FIELDS = ("gender", "ethnicity", "address", "issuing_authority")


def _date(value: Any, field: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if field == "valid_until" and value == FOR_LIFE:
        return None
    try:
        if not isinstance(value, str):
            raise TypeError
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{field} is not an ISO date") from None


def record_from_mapping(data: Mapping[str, Any], *, source: str = "simulated") -> CardRecord:
    """Build a ``CardRecord`` from plain data (JSON, test fixtures); raise ``ValueError`` if malformed.

    ``ValueError`` messages name the field only, never its value (the values are personal data).
    """
    id_number, name = data.get("id_number"), data.get("name")
    if not isinstance(id_number, str) or not isinstance(name, str):
        raise ValueError("id_number and name are required strings")
    texts: dict[str, str | None] = {}
    for field in _TEXT_FIELDS:
        value = data.get(field)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{field} must be a string")
        texts[field] = value
    if texts["gender"] not in (None, "male", "female"):
        raise ValueError("gender must be 'male', 'female' or null")
    photo = data.get("photo")
    if isinstance(photo, str):
        try:
            photo = base64.b64decode(photo, validate=True)
        except binascii.Error:
            raise ValueError("photo is not base64") from None
    elif photo is not None and not isinstance(photo, bytes):
        raise ValueError("photo must be base64 text")
    dates = {field: _date(data.get(field), field) for field in _DATE_FIELDS}
    return CardRecord(
        id_number=id_number,
        name=name,
        gender=texts["gender"],
        ethnicity=texts["ethnicity"],
        birth_date=dates["birth_date"],
        address=texts["address"],
        issuing_authority=texts["issuing_authority"],
        valid_from=dates["valid_from"],
        valid_until=dates["valid_until"],
        photo=photo,
        source=source,
    )


def record_to_json(record: CardRecord) -> str:
    """One JSON line for ``record`` (the inverse of what ``ReplayCardReader`` reads)."""
    data: dict[str, Any] = {
        "id_number": record.id_number,
        "name": record.name,
        "gender": record.gender,
        "ethnicity": record.ethnicity,
        "birth_date": record.birth_date.isoformat() if record.birth_date else None,
        "address": record.address,
        "issuing_authority": record.issuing_authority,
        "valid_from": record.valid_from.isoformat() if record.valid_from else None,
        "valid_until": record.valid_until.isoformat() if record.valid_until else None,
    }
    if record.photo is not None:
        data["photo"] = base64.b64encode(record.photo).decode("ascii")
    return json.dumps(data, ensure_ascii=False)


class ReplayCardReader:
    """``CardReader`` that hands out the records of a JSON-lines file, one per ``read_card``.

    The file is read at ``open`` (so a missing file is reported like a missing device); a card is
    "present" while records remain.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._records: list[CardRecord] | None = None
        self._next = 0

    def info(self) -> DeviceInfo:
        return DeviceInfo(
            name=f"replay of {self.path.name}",
            kind="card_reader",
            driver="replay",
            simulated=True,
            details={"path": str(self.path)},
        )

    def open(self) -> None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise DeviceNotFound(f"cannot read the replay file {self.path}", path=str(self.path)) from exc
        records: list[CardRecord] = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("a line must hold a JSON object")
                records.append(record_from_mapping(data))
            except ValueError as exc:  # note: json.JSONDecodeError is a ValueError
                reason = "not JSON" if isinstance(exc, json.JSONDecodeError) else str(exc)
                raise ProtocolError(
                    f"replay file line {number}: {reason}", reason="replay_record", line=number
                ) from None
        self._records, self._next = records, 0

    def close(self) -> None:
        self._records = None

    def _remaining(self) -> list[CardRecord]:
        if self._records is None:
            raise DeviceNotFound("the replay card reader is not open", path=str(self.path))
        return self._records[self._next :]

    def card_present(self) -> bool:
        return bool(self._remaining())

    def wait_for_card(self, timeout: float = 10.0) -> bool:
        return self.card_present()  # note: no waiting; replay is as fast as the caller

    def read_card(self) -> CardRecord:
        remaining = self._remaining()
        if not remaining:
            raise CardError("no more cards in the replay file", code="card.none")
        self._next += 1
        return remaining[0]
