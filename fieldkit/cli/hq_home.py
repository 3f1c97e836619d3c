"""Where a ``fieldkit hq …`` command finds headquarters: ``--hq-home DIR`` (else ``<home>/hq``) and
``--db URL`` (else ``$FIELDKIT_HQ_DB``, else the SQLite file there).

Why a module of its own: the HQ admin commands and the roster/work-package commands both need it,
and the admin commands register the package commands; keeping it here breaks that import cycle.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.cli.context import Context

if TYPE_CHECKING:
    from fieldkit.hq.store import HqStore


def hq_home(ctx: Context, args: argparse.Namespace) -> Path:
    """The HQ data folder (``--hq-home``, else ``<home>/hq``)."""
    return Path(args.hq_home) if getattr(args, "hq_home", None) else ctx.home / "hq"


@contextmanager
def open_hq(ctx: Context, args: argparse.Namespace, *, create: bool = False) -> Iterator[HqStore]:
    """The HQ database for one command, always closed."""
    from fieldkit.hq.store import HqStore

    hq = HqStore.open(hq_home(ctx, args), create=create, db_url=getattr(args, "db", None))
    try:
        yield hq
    finally:
        hq.close()
