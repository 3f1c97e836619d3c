"""One CaseRow for the Cases screen, ``fieldkit case list`` and the case report."""

from __future__ import annotations

from fieldkit.times import display_time
from fieldkit.workflows.cases import case_rows
from storage.records import Case, Person
from storage.store import Store

ID_NUMBER = "130402195306151228"


def test_rows_are_masked_unless_asked_and_times_are_local(store: Store) -> None:
    with store.transaction("op"):
        person = store.people.add(Person(id_number=ID_NUMBER, name="王秀英"))
        store.cases.open(Case(kind="id_mismatch", person_uuid=person.uuid, opened_by="op"))
    (masked,) = case_rows(store, status="open")
    assert "王" in masked.person and "秀英" not in masked.person and ID_NUMBER not in masked.person
    (plain,) = case_rows(store, status="open", masked=False)
    assert plain.person == "王秀英"
    stored = store.cases.list()[0].opened_at
    assert masked.opened_at == plain.opened_at == display_time(stored)  # not the UTC text cut at 16
    assert case_rows(store, status="approved") == []
