"""Setting a laptop up: the store passphrase rule and the first start (store, first account, team
and headquarters settings).

Why two homes for settings: the team name, place and how to reach headquarters (address, key file,
region) belong to the machine's installation and live in ``fieldkit.toml`` (``fieldkit.config``,
``[sync]``), readable before the store is unlocked. The certification policy is a fact of the team's
data: it lives in the encrypted store's ``meta`` table, may be changed by a supervisor only, and
every change is audited.

The stored policy itself is ``fieldkit.workflows.stored_policy`` (shared with the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldkit import auth
from fieldkit.config import load_config, save_config
from fieldkit.errors import UserError
from fieldkit.identity.region import parse_region
from fieldkit.passphrase_strength import MIN_BITS, estimate
from fieldkit.paths import store_path
from fieldkit.wire.keys import read_public_key_file
from storage.records import Operator
from storage.store import Store

MIN_PASSPHRASE = 10


def check_new_passphrase(passphrase: str) -> str:
    """A new store passphrase must resist guessing on a stolen laptop: at least ``MIN_PASSPHRASE``
    characters and an estimated strength of ``MIN_BITS`` bits (``fieldkit.passphrase_strength``:
    sequences, repeats, common words, years and dates count for little).

    note: the same rule holds for ``fieldkit init``, ``fieldkit store passphrase`` and the first start.
    """
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(
            f"A store passphrase needs at least {MIN_PASSPHRASE} characters.", code="store.weak_passphrase"
        )
    strength = estimate(passphrase)
    if not strength.acceptable:
        found = f" It contains {', '.join(strength.patterns)}." if strength.patterns else ""
        raise UserError(
            f"This passphrase is too easy to guess (about {strength.bits:.0f} bits; {MIN_BITS} needed)."
            f"{found} "
            "Use several unrelated words, or mix letters, digits and signs.",
            code="store.weak_passphrase",
        )
    return passphrase


def passphrase_strength(text: str) -> int:
    """0-4: a rough strength for the meter (length and variety; a passphrase of words scores well).

    note: a meter, not a rule; the rule is the minimum length checked by ``first_start``.
    """
    if not text:
        return 0
    classes = sum(
        (
            any(c.islower() for c in text),
            any(c.isupper() for c in text),
            any(c.isdigit() for c in text),
            any(not c.isalnum() for c in text),
            any(ord(c) > 127 for c in text),
        )
    )
    score = 0
    if len(text) >= MIN_PASSPHRASE:
        score += 1
    if len(text) >= 14:
        score += 1
    if len(text) >= 20:
        score += 1
    if classes >= 2:
        score += 1
    if len(set(text)) < 5:
        score = min(score, 1)
    return min(score, 4)


@dataclass(frozen=True)
class FirstStart:
    """What the first-start screen collects."""

    passphrase: str
    login: str
    name: str
    password: str
    team: str = ""
    place: str = ""
    region: str = ""
    hq_url: str = ""
    hq_key_file: str = ""  # path of headquarters' hq_public.key


def first_start(home: Path, form: FirstStart) -> tuple[Store, Operator]:
    """Create the store, the first account (a supervisor: someone must be able to decide cases) and
    the team settings. A failure after the store file was made removes the file again, so the next
    attempt starts clean."""
    check_new_passphrase(form.passphrase)
    region = parse_region(form.region) if form.region.strip() else ""
    if form.hq_key_file:
        read_public_key_file(Path(form.hq_key_file))  # note: a wrong file is refused before anything is made
    path = store_path(home)
    store = Store.create(path, form.passphrase)
    try:
        operator = auth.add_operator(
            store, login=form.login, name=form.name, role="supervisor", password=form.password, actor="setup"
        )
    except BaseException:
        store.close()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    config = load_config(home)
    config.team, config.place = form.team.strip(), form.place.strip()
    config.sync.hq_url, config.sync.hq_key = form.hq_url.strip(), form.hq_key_file.strip()
    config.sync.region = region
    save_config(home, config)
    return store, operator
