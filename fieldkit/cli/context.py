"""What every command needs: the data folder, secrets from prompt or environment, the open store,
and who is acting.

Why secrets never come from arguments: command lines end up in shell history and process lists.
Scripts and tests give them in environment variables; people type them at a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit import auth
from fieldkit.errors import UserError
from fieldkit.paths import resolve_home, store_path
from storage.store import Store

if TYPE_CHECKING:
    from fieldkit.services.transfer import HqPlan

PASSPHRASE_ENV = "FIELDKIT_PASSPHRASE"
NEW_PASSPHRASE_ENV = "FIELDKIT_NEW_PASSPHRASE"
OPERATOR_ENV = "FIELDKIT_OPERATOR"
OPERATOR_PASSWORD_ENV = "FIELDKIT_OPERATOR_PASSWORD"
NEW_PASSWORD_ENV = "FIELDKIT_NEW_PASSWORD"


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A secret from ``env`` if set, else typed at a hidden prompt (twice when ``confirm``)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(
            f"{prompt.rstrip(': ')} is needed: set {env} or run in a terminal.", code="cli.no_secret"
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again, to confirm: ") != first:
        raise UserError("The two entries differ; nothing was changed.", code="cli.secret_mismatch")
    return first


def new_passphrase(env: str, prompt: str) -> str:
    """A new passphrase, typed twice, long enough to resist guessing on a stolen laptop."""
    from fieldkit.services.setup import check_new_passphrase

    return check_new_passphrase(secret(env, prompt, confirm=True))


@dataclass
class Context:
    """Parsed global options."""

    home_option: str | None
    operator_login: str | None

    @property
    def home(self) -> Path:
        return resolve_home(self.home_option)

    @property
    def store_file(self) -> Path:
        return store_path(self.home)

    def passphrase(self) -> str:
        return secret(PASSPHRASE_ENV, "Store passphrase: ")

    @contextmanager
    def open_store(self) -> Iterator[Store]:
        """The store, opened once for the command and always closed."""
        store = Store.open(self.store_file, self.passphrase())
        try:
            if store.upgraded_from is not None:
                print(
                    f"The store was upgraded from schema {store.upgraded_from} to {store.schema_version}.",
                    file=sys.stderr,
                )
            yield store
        finally:
            store.close()

    def actor(self, store: Store) -> str:
        """Who writes: the logged-in operator's UUID (``--operator LOGIN`` or ``FIELDKIT_OPERATOR``,
        password prompted or from ``FIELDKIT_OPERATOR_PASSWORD``).

        Why required: every write lands in the audit trail under its actor, and "cli" names nobody.
        Only a store without any operator account yet (right after ``fieldkit init``, to create the
        first one) accepts writes from the passphrase holder alone, recorded as "cli".
        """
        login = self.operator_login or os.environ.get(OPERATOR_ENV)
        if not login:
            if any(operator.active for operator in store.operators.all()):
                raise UserError(
                    "Say who is working: add --operator LOGIN (or set FIELDKIT_OPERATOR); the password is "
                    "asked for. Every change is recorded under the operator who made it.",
                    code="cli.operator_required",
                )
            return "cli"
        password = secret(OPERATOR_PASSWORD_ENV, f"Password for {login}: ")
        return auth.log_in(store, login, password).uuid


def sync_plan(ctx: Context, args: argparse.Namespace) -> HqPlan:
    """The HQ connection the sync and package commands share, from their common options."""
    from fieldkit.services.transfer import plan_sync

    return plan_sync(
        ctx.home,
        url=args.hq,
        key_file=args.hq_key,
        cert=args.hq_cert,
        region=args.region,
        cycle=args.cycle,
        timeout=args.timeout,
        insecure_http=bool(getattr(args, "insecure_http", False)),
    )
