"""Tests of fieldkit.auth: scrypt password hashes, operator accounts, log-in and lock-out.

Each scrypt hash or check costs ~50 ms, so accounts are made once per test and failed log-ins are
counted carefully; a lock-out needs MAX_FAILURES checks and no more.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from fieldkit import auth
from fieldkit.auth import LOCKOUT, MAX_FAILURES, add_operator, check_password, hash_password, log_in
from fieldkit.errors import UserError
from storage.errors import Conflict
from storage.records import Operator
from storage.store import Store
from tests.conftest import PASSPHRASE

PASSWORD = "tiger-lily-42"
T0 = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def ann(store: Store) -> Operator:
    return add_operator(store, login="ann", name="安娜", role="operator", password=PASSWORD, actor="test")


def fail(store: Store, login: str, password: str, now: dt.datetime = T0) -> UserError:
    with pytest.raises(UserError) as info:
        log_in(store, login, password, now=now)
    return info.value


def events_since(store: Store, count: int) -> list[str]:
    return [e.action for e in store.audit_events()[count:]]


# --- hashes ------------------------------------------------------------------------------------


def test_hash_and_check_password() -> None:
    first = hash_password(PASSWORD)
    second = hash_password(PASSWORD)
    assert first != second  # fresh salt each time
    assert PASSWORD not in first
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(auth.SCRYPT_N), str(auth.SCRYPT_R), str(auth.SCRYPT_P))
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 32
    assert check_password(PASSWORD, first)
    assert check_password(PASSWORD, second)
    assert not check_password(PASSWORD + "!", first)
    assert not check_password("", first)


def test_hash_made_with_other_parameters_still_checks() -> None:
    # the parameters travel in the hash so that they can be raised later without breaking accounts
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"old-password", salt=salt, n=2**10, r=4, p=1, dklen=24)
    stored = f"scrypt$1024$4$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert check_password("old-password", stored)
    assert not check_password("old-passworD", stored)


def test_non_ascii_password() -> None:
    stored = hash_password("密码是长城123")
    assert check_password("密码是长城123", stored)
    assert not check_password("密码是长城124", stored)


@pytest.fixture(scope="module")
def real_hash() -> str:
    return hash_password(PASSWORD)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda h: "",
        lambda h: "nonsense",
        lambda h: "scrypt$$$$$",
        lambda h: h + "$extra",
        lambda h: h.replace("scrypt$", "bcrypt$", 1),  # right password, unknown scheme
        lambda h: h.replace(f"${auth.SCRYPT_N}$", "$many$", 1),
        lambda h: h.replace(f"${auth.SCRYPT_N}$", "$1000$", 1),  # not a power of two
        lambda h: h.replace(f"${auth.SCRYPT_N}$", "$-16384$", 1),
        lambda h: h.rsplit("$", 1)[0] + "$",  # empty digest
        lambda h: h.rsplit("$", 1)[0] + "$%%%",  # digest not base64
        lambda h: h[:-3],  # truncated
    ],
    ids=[
        "empty",
        "nonsense",
        "empty-fields",
        "extra-field",
        "other-scheme",
        "n-not-int",
        "n-not-pow2",
        "n-negative",
        "empty-digest",
        "bad-base64",
        "truncated",
    ],
)
def test_garbage_stored_hash_never_matches(real_hash: str, mangle) -> None:  # type: ignore[no-untyped-def]
    assert check_password(PASSWORD, real_hash)
    assert check_password(PASSWORD, mangle(real_hash)) is False


# --- accounts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("login", "name", "role", "password", "code"),
    [
        ("bob", "Bob", "operator", "short77", "operator.weak_password"),
        ("bob", "Bob", "operator", "", "operator.weak_password"),
        ("bob lee", "Bob", "operator", PASSWORD, "operator.bad_login"),
        ("bob\tlee", "Bob", "operator", PASSWORD, "operator.bad_login"),
        ("   ", "Bob", "operator", PASSWORD, "operator.bad_login"),
        ("bob", "Bob", "admin", PASSWORD, "operator.bad_role"),
        ("bob", "Bob", "Supervisor", PASSWORD, "operator.bad_role"),
        ("bob", "  ", "operator", PASSWORD, "operator.no_name"),
    ],
)
def test_add_operator_rejects_bad_input(
    store: Store, login: str, name: str, role: str, password: str, code: str
) -> None:
    head = store.audit_head()
    with pytest.raises(UserError) as info:
        add_operator(store, login=login, name=name, role=role, password=password, actor="test")
    assert info.value.code == code
    assert store.operators.all() == []
    assert store.audit_head() == head


def test_add_operator_stores_a_hash_and_audits_without_secrets(store: Store) -> None:
    known = len(store.audit_events())
    op = add_operator(
        store, login="  chen  ", name=" 陈志明 ", role="supervisor", password="12345678", actor="test"
    )
    assert (op.login, op.name, op.role) == ("chen", "陈志明", "supervisor")
    stored = store.operators.find_by_login("chen")
    assert stored is not None
    assert stored.password_hash != "12345678" and stored.password_hash.startswith("scrypt$")
    assert (stored.failed_attempts, stored.locked_until, stored.active) == (0, None, True)
    new = store.audit_events()[known:]
    assert [e.action for e in new] == ["operator.add"]
    assert "12345678" not in str(new[0].details) and "scrypt" not in str(new[0].details)


def test_duplicate_login_is_a_conflict(store: Store, ann: Operator) -> None:
    with pytest.raises(Conflict):
        add_operator(
            store, login=" ann ", name="Another Ann", role="operator", password=PASSWORD, actor="test"
        )
    assert [o.login for o in store.operators.all()] == ["ann"]


# --- log-in ------------------------------------------------------------------------------------


def test_log_in_succeeds(store: Store, ann: Operator) -> None:
    head = store.audit_head()
    who = log_in(store, "ann", PASSWORD, now=T0)
    assert (who.uuid, who.login, who.role) == (ann.uuid, "ann", "operator")
    assert store.audit_head() == head  # nothing to reset, nothing written


def test_wrong_password_fails_counts_and_audits(store: Store, ann: Operator) -> None:
    known = len(store.audit_events())
    error = fail(store, "ann", PASSWORD + "x")
    assert error.code == "auth.failed"
    assert PASSWORD not in str(error)
    events = store.audit_events()[known:]
    assert [e.action for e in events] == ["operator.login_failed"]
    assert events[0].record_uuid == ann.uuid
    stored = store.operators.find_by_login("ann")
    assert stored is not None and stored.failed_attempts == 1


def test_unknown_login_gives_the_same_answer_as_a_wrong_password(store: Store, ann: Operator) -> None:
    wrong = fail(store, "ann", "not-the-password")
    unknown = fail(store, "nobody", "not-the-password")
    assert unknown.code == wrong.code == "auth.failed"
    assert str(unknown) == str(wrong)
    assert unknown.params == wrong.params
    assert "nobody" not in str(unknown)


def test_each_failed_log_in_appends_an_audit_event(store: Store, ann: Operator) -> None:
    for attempt in range(1, MAX_FAILURES):
        count = store.audit_head()[0]
        assert fail(store, "ann", f"wrong-{attempt}").code == "auth.failed"
        assert store.audit_head()[0] == count + 1
        stored = store.operators.find_by_login("ann")
        assert stored is not None and stored.failed_attempts == attempt
    assert store.verify_audit().ok


def test_lock_out_after_max_failures_and_unlock_after_lockout(store: Store, ann: Operator) -> None:
    known = len(store.audit_events())
    for attempt in range(1, MAX_FAILURES):
        error = fail(store, "ann", f"wrong-{attempt}", T0 + dt.timedelta(seconds=attempt))
        assert error.code == "auth.failed"
    last = T0 + dt.timedelta(seconds=MAX_FAILURES)
    locked = fail(store, "ann", "wrong-last", last)
    assert locked.code == "auth.locked"
    assert events_since(store, known) == ["operator.login_failed"] * (MAX_FAILURES - 1) + ["operator.locked"]
    stored = store.operators.find_by_login("ann")
    assert stored is not None and stored.locked_until is not None

    # the right password is refused while the lock holds, and so is a wrong one
    assert fail(store, "ann", PASSWORD, last + dt.timedelta(minutes=1)).code == "auth.locked"
    assert fail(store, "ann", PASSWORD, last + LOCKOUT - dt.timedelta(seconds=1)).code == "auth.locked"
    assert fail(store, "ann", "wrong-again", last + dt.timedelta(minutes=2)).code == "auth.locked"

    # once the lock time has passed the right password works and the counters are cleared
    who = log_in(store, "ann", PASSWORD, now=last + LOCKOUT + dt.timedelta(seconds=1))
    assert who.uuid == ann.uuid
    stored = store.operators.find_by_login("ann")
    assert stored is not None
    assert (stored.failed_attempts, stored.locked_until) == (0, None)
    assert store.verify_audit().ok


def test_after_a_lock_expires_one_wrong_password_does_not_lock_again(store: Store, ann: Operator) -> None:
    for attempt in range(MAX_FAILURES):
        fail(store, "ann", f"wrong-{attempt}")
    later = T0 + LOCKOUT + dt.timedelta(minutes=1)
    assert fail(store, "ann", "wrong-after", later).code == "auth.failed"
    assert log_in(store, "ann", PASSWORD, now=later).uuid == ann.uuid


def test_failures_must_be_consecutive_to_lock(store: Store, ann: Operator) -> None:
    for _ in range(MAX_FAILURES - 1):
        fail(store, "ann", "wrong")
    log_in(store, "ann", PASSWORD, now=T0)  # success clears the count
    stored = store.operators.find_by_login("ann")
    assert stored is not None and stored.failed_attempts == 0
    for _ in range(MAX_FAILURES - 1):
        assert fail(store, "ann", "wrong").code == "auth.failed"
    assert log_in(store, "ann", PASSWORD, now=T0).uuid == ann.uuid


def test_lock_holds_across_reopening_the_store(store_file: Path, ann: Operator, store: Store) -> None:
    for attempt in range(MAX_FAILURES):
        fail(store, "ann", f"wrong-{attempt}")
    store.close()
    with Store.open(store_file, PASSPHRASE) as reopened:
        error = fail(reopened, "ann", PASSWORD, T0 + dt.timedelta(minutes=5))
        assert error.code == "auth.locked"
