"""Retention: drop palm images from the laptop once headquarters holds them, after a grace period.

Why palm images go and templates stay: a lost laptop should carry as few raw biometrics as possible,
but offline certification compares against templates, which must stay. An image is dropped only when
every version of its enrollment was acknowledged by headquarters in a *signed* answer naming that
version's hash (kept by ``fieldkit sync``), and only ``keep_days`` after that (time to re-send if HQ
asks); a forged "accepted" never deletes anything. The face photo stays: it is what a clerk and the
printed receipt show to recognise the person, like the photo on the ID card. Each purge is audited.
"""

from __future__ import annotations

import datetime as dt

from storage.store import Store

KEPT_MODALITIES = ("face",)


def apply_retention(store: Store, *, keep_days: int, actor: str, now: dt.datetime | None = None) -> int:
    """Drop eligible palm images; returns how many were dropped."""
    moment = now or dt.datetime.now(dt.UTC)
    cutoff = (moment - dt.timedelta(days=max(0, keep_days))).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with store.transaction(actor):
        eligible = store.outbox.signed_acknowledged_before("enrollment", cutoff)
        return store.enrollments.drop_images(eligible, keep=KEPT_MODALITIES) if eligible else 0


def days_since_sync(store: Store, *, now: dt.datetime | None = None) -> float | None:
    """Days since headquarters last acknowledged something (None: never synced)."""
    last = store.outbox.last_sent_at()
    if last is None:
        return None
    moment = now or dt.datetime.now(dt.UTC)
    when = dt.datetime.fromisoformat(last.replace("Z", "+00:00"))
    return (moment - when).total_seconds() / 86400
