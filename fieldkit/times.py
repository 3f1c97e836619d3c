"""Times as people read them: stored in UTC, shown in the machine's local zone.

Why one module: the store keeps every moment as ISO-8601 UTC text (``storage.records.utc_now``).
Screens, command output and reports used to cut that text (``[:16]``) and show it as if it were
local, while the PDFs converted it — eight hours apart in China. Every front-end now shows local
time through these functions, and where a time leaves the machine (a receipt, a report) the zone is
named with it (``(UTC+08:00)``) so that it cannot be misread elsewhere.
"""

from __future__ import annotations

import datetime as dt


def local_moment(iso_utc: str) -> dt.datetime | None:
    """The moment in the machine's zone (None for empty or unreadable text)."""
    if not iso_utc:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso_utc)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)  # note: the store writes UTC; a bare time is UTC too
    return moment.astimezone()


def zone_name(moment: dt.datetime | None = None) -> str:
    """``UTC+08:00``: the machine's offset, spelled the same way everywhere."""
    offset = (moment or dt.datetime.now().astimezone()).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def display_time(iso_utc: str | None, *, zone: bool = False) -> str:
    """``2026-11-28 21:50`` in local time (with `` (UTC+08:00)`` if ``zone``); unreadable text as is."""
    moment = local_moment(iso_utc or "")
    if moment is None:
        return iso_utc or ""
    text = f"{moment:%Y-%m-%d %H:%M}"
    return f"{text} ({zone_name(moment)})" if zone else text


def display_date(iso_utc: str | None) -> str:
    """``2026-11-28``: the local date of a stored moment (a late-evening UTC time is the next day)."""
    moment = local_moment(iso_utc or "")
    if moment is None:
        return (iso_utc or "")[:10]
    return f"{moment:%Y-%m-%d}"


def now_display(*, zone: bool = False) -> str:
    """The current local time, as :func:`display_time` shows it."""
    return display_time(dt.datetime.now(dt.UTC).isoformat(), zone=zone)
