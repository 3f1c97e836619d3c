"""Step one of every visit: who is this, and does headquarters expect them?

Why a step of its own: enrolment and certification both start here, and the answer drives what
follows — an unknown number, or a card whose name or birth date disagrees with the roster, is still
served (the retiree is in front of the team) but opens an ID-mismatch case for headquarters.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from capture.devices import CardRecord
from fieldkit.identity.idnumber import IdNumber, parse_id_number
from storage.records import Person
from storage.store import Store


@dataclass
class Identification:
    """The validated card, the stored person (if any) and every disagreement with the roster."""

    card: CardRecord
    number: IdNumber
    person: Person | None
    in_roster: bool
    mismatches: list[str] = field(default_factory=list)

    @property
    def needs_case(self) -> bool:
        """True when headquarters must review the identity (not in roster, or details differ)."""
        return bool(self.mismatches)


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def identify(store: Store, card: CardRecord, *, cycle: int) -> Identification:
    """Validate the number (IdNumberError on a bad one) and compare the card with the roster."""
    number = parse_id_number(card.id_number)
    card = dataclasses.replace(card, id_number=number.value)
    person = store.people.find_by_id_number(number.value)
    mismatches: list[str] = []
    in_roster = False
    if person is None:
        mismatches.append("not_in_roster")
    else:
        in_roster = any(entry.cycle == cycle for entry in store.roster.entries_for(person.uuid))
        if not in_roster:
            mismatches.append("not_in_roster_this_cycle")
        if card.name and not _same_name(card.name, person.name):
            mismatches.append("name_differs")
        if person.birth_date and person.birth_date != number.birth_date:
            mismatches.append("birth_date_differs")
    return Identification(card=card, number=number, person=person, in_roster=in_roster, mismatches=mismatches)


def person_from_card(identification: Identification) -> Person:
    """A new person record from the card, for someone the roster does not know yet."""
    card, number = identification.card, identification.number
    return Person(
        id_number=number.value,
        name=card.name,
        gender=number.gender,
        birth_date=number.birth_date,
        ethnicity=card.ethnicity,
        address=card.address,
    )
