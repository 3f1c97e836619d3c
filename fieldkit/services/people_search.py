"""Finding a person the way clerks type: pinyin or initials of the name, the last four digits or the
start of the ID number, or part of the name in characters; and showing a full ID number on purpose.

Why pinyin: on a laptop without a Chinese input method, or in a hurry, "zhangsan" or "zs" is what
gets typed. The keys of a name (its pinyin with every common reading of each character, and the
initials) are made lazily once per name and kept in memory (``functools.lru_cache``): a roster of
110,000 mostly repeated names costs a few megabytes and the first search after start-up a second.
Why the reveal is audited: the list shows masked numbers in a public hall; a clerk who needs the whole
number (to compare with a document) asks for it person by person, and the store records who did.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from pypinyin import Style, pinyin

from storage.store import Store

MAX_VARIANTS = 12  # readings combined per name (heteronyms such as 单 dan/chan/shan)


@lru_cache(maxsize=262_144)
def name_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(full pinyin variants, initials variants) of a name, lower case, without spaces or tones."""
    chars = "".join(name.split())
    if not chars:
        return (), ()
    readings = [r[:3] for r in pinyin(chars, style=Style.NORMAL, heteronym=True, errors="default")]
    combos = list(itertools.islice(itertools.product(*readings), MAX_VARIANTS))
    full = tuple(dict.fromkeys("".join(c).lower().replace("ü", "v") for c in combos))
    initials = tuple(dict.fromkeys("".join(p[:1] for p in c).lower() for c in combos))
    return full, initials


def matches(query: str, id_number: str, name: str) -> bool:
    """Whether a typed query finds this person (see the module docstring for what counts)."""
    query = "".join(query.split())
    if not query:
        return True
    upper = query.upper()
    if upper[0].isdigit():
        if len(upper) <= 4 and id_number.upper().endswith(upper):
            return True  # note: the last four digits, as read off a card or a letter
        return id_number.upper().startswith(upper)
    if query.isascii():
        lower = query.lower().replace("u:", "v").replace("ü", "v")
        full, initials = name_keys(name)
        return any(key.startswith(lower) for key in full) or any(key.startswith(lower) for key in initials)
    return query in "".join(name.split())


def reveal_id_number(store: Store, actor: str, person_uuid: str) -> str:
    """The person's full ID number, with an audit event naming who asked (not the number)."""
    person = store.people.get(person_uuid)
    with store.transaction(actor):
        store.people.record_id_revealed(person.uuid)
    return person.id_number
