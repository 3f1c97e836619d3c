"""Which audit-chain positions a batch reports, so headquarters can tell a chain that grew from one
that was rewritten (see ``storage/audit.py`` and ``fieldkit.hq.audit_heads``).

Why fixed positions: headquarters compares hashes after the same number of events. A laptop does
not know what headquarters holds, so it reports the hash after every :data:`CHECKPOINT_EVERY`-th
event and after each of the last :data:`CHECKPOINT_TAIL`; any rewrite of an event at or before a
position headquarters already holds changes the hash there. ``audit_checkpoints`` in a batch
manifest maps the event count (a decimal string) to the chain hash after it.
"""

from __future__ import annotations

from collections.abc import Iterable

CHECKPOINT_EVERY = 256
CHECKPOINT_TAIL = 64


def wanted(events: int) -> set[int]:
    """The event counts whose chain hash a batch with ``events`` events reports."""
    grid = range(CHECKPOINT_EVERY, events + 1, CHECKPOINT_EVERY)
    tail = range(max(1, events - CHECKPOINT_TAIL + 1), events + 1)
    return {*grid, *tail}


def checkpoints(events: int, chain: Iterable[tuple[int, str]]) -> dict[str, str]:
    """``audit_checkpoints`` from (event count, hash after it) pairs of a laptop's chain."""
    positions = wanted(events)
    return {str(n): digest for n, digest in chain if n in positions}
