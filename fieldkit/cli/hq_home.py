"""Where a ``fieldkit hq …`` command finds headquarters: ``--hq-home DIR`` (else ``<home>/hq``) and
``--db URL`` (else ``$FIELDKIT_HQ_DB``, else the SQLite file there).

Why a module of its own: the HQ admin commands and the roster/work-package commands both need it,
and the admin commands register the package commands; keeping it here breaks that import cycle.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.cli.context import OPERATOR_PASSWORD_ENV, Context, secret
from fieldkit.errors import UserError

if TYPE_CHECKING:
    from fieldkit.hq.store import HqStore


def hq_home(ctx: Context, args: argparse.Namespace) -> Path:
    """The HQ data folder (``--hq-home``, else ``<home>/hq``)."""
    return Path(args.hq_home) if getattr(args, "hq_home", None) else ctx.home / "hq"


def ask_passphrase(new: bool) -> str:
    """The HQ key passphrase: ``$FIELDKIT_HQ_PASSPHRASE``, else a hidden prompt (twice when new)."""
    from fieldkit.hq.key_vault import PASSPHRASE_ENV

    prompt = "New headquarters key passphrase: " if new else "Headquarters key passphrase: "
    return secret(PASSPHRASE_ENV, prompt, confirm=new)


def hq_staff_login(hq: HqStore, args: argparse.Namespace) -> str:
    """The HQ staff member a deciding command acts as (``--operator`` or $FIELDKIT_OPERATOR), after
    their password (asked for, or $FIELDKIT_OPERATOR_PASSWORD) was checked."""
    from fieldkit.hq.operators import hq_log_in

    login = args.operator or os.environ.get("FIELDKIT_OPERATOR")
    if not login:
        raise UserError("Name the deciding staff member with --operator LOGIN.", code="hq.no_operator")
    return hq_log_in(hq, login, secret(OPERATOR_PASSWORD_ENV, f"Password for {login}: "))


@contextmanager
def open_hq(ctx: Context, args: argparse.Namespace, *, create: bool = False) -> Iterator[HqStore]:
    """The HQ database for one command, always closed; keys still in the database are moved into the
    passphrase-locked key folder first (and the command says so)."""
    from fieldkit.hq import keys
    from fieldkit.hq.store import HqStore

    hq = HqStore.open(hq_home(ctx, args), create=create, db_url=getattr(args, "db", None))
    hq.passphrase_prompt = ask_passphrase
    try:
        if keys.needs_migration(hq):
            keys.unlock(hq)
            notice = keys.migration_notice(hq)
            if notice:
                print(f"fieldkit: {notice}", file=sys.stderr)
        yield hq
    finally:
        hq.close()
