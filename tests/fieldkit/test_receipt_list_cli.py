"""``fieldkit receipt list``: newest receipts, or a person's by name, pinyin, last four digits or
number; people masked in the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.workflows import receipts
from storage.records import Enrollment, Person
from storage.store import Store
from tests.conftest import PASSPHRASE

ID_NUMBER = "130402195306151220"


@pytest.fixture
def number(store_file: Path) -> str:
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        person = store.people.add(Person(id_number=ID_NUMBER, name="张秀英", gender="female"))
        enrollment = store.enrollments.add(Enrollment(person.uuid, "op", "laptop-07", "丛台区"))
        receipt = receipts.issue_receipt(
            store, kind="enrollment", record_uuid=enrollment.uuid, person_uuid=person.uuid,
            id_number=ID_NUMBER, result="complete", device="laptop-07", actor="op",
        )  # fmt: skip
    return receipt.number


def test_receipt_list_by_person_and_number(cli, number: str) -> None:  # type: ignore[no-untyped-def]
    newest = cli("receipt", "list")
    assert newest.code == 0 and number in newest.out
    assert ID_NUMBER not in newest.out and "张秀英" not in newest.out  # masked
    for query in ("张秀英", ID_NUMBER[:10], number):  # note: last four digits search the roster
        found = cli("receipt", "list", query)
        assert found.code == 0 and number in found.out, query
    nobody = cli("receipt", "list", "李")
    assert nobody.code == 0 and number not in nobody.out and "No receipt found" in nobody.out
