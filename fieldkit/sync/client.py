"""``fieldkit sync``: send the outbox to headquarters over HTTP and apply its per-record answers.

Why it is safe to retry blindly: a batch names its records by UUID and headquarters answers
"already_had" for a record it holds with the same content, so a request that timed out after HQ
stored it is simply sent again. Outbox entries are marked sent only for records HQ answered
"accepted" or "already_had"; conflicts and rejections stay queued and are reported. Every request
has a timeout; connection failures and 5xx answers are retried with exponential backoff and jitter.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from fieldkit.errors import UserError
from fieldkit.sync.batch import build_batch
from storage.store import Store

ACKNOWLEDGED = ("accepted", "already_had")


@dataclass
class SyncResult:
    """What a sync did."""

    sent: int = 0
    acknowledged: int = 0
    problems: dict[str, str] = field(default_factory=dict)  # record UUID → status and reason
    missing_sequences: list[int] = field(default_factory=list)


def _refusal(response: Any) -> UserError:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = response.text[:200]
    message = detail.get("message") if isinstance(detail, dict) else str(detail)
    return UserError(
        f"Headquarters refused the batch ({response.status_code}): {message}",
        code="sync.refused",
        status=response.status_code,
    )


def post_with_retries(
    url: str,
    data: bytes,
    *,
    attempts: int = 5,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
    session: Any = None,
) -> dict[str, Any]:
    """POST a batch; retry connection errors and 5xx with backoff; a 4xx is the caller's problem."""
    http = session or requests
    last = "no attempt made"
    for attempt in range(attempts):
        try:
            response = http.post(
                url, data=data, timeout=timeout, headers={"Content-Type": "application/octet-stream"}
            )
            if response.status_code < 400:
                return dict(response.json())
            if response.status_code < 500:
                raise _refusal(response)
            last = f"HTTP {response.status_code}"
        except requests.RequestException as exc:
            last = type(exc).__name__
        except ValueError:  # note: an answer cut off in transit; HQ may have acted, so send again
            last = "an incomplete answer"
        if attempt + 1 < attempts:
            sleep(min(30.0, 0.5 * 2**attempt) * (0.5 + random.random()))  # jitter, not cryptography
    raise UserError(
        f"Headquarters could not be reached after {attempts} tries ({last}); nothing was lost, "
        "the records stay queued.",
        code="sync.unreachable",
    )


def sync(
    store: Store,
    *,
    url: str,
    hq_public_key: bytes,
    actor: str,
    attempts: int = 5,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
    session: Any = None,
) -> SyncResult:
    """Send everything pending, then mark what headquarters acknowledged."""
    result = SyncResult()
    if store.outbox.pending_count() == 0:
        return result
    batch = build_batch(store, actor=actor, hq_public_key=hq_public_key)
    answer = post_with_retries(
        url.rstrip("/") + "/v1/batches",
        batch.data,
        attempts=attempts,
        timeout=timeout,
        sleep=sleep,
        session=session,
    )
    statuses: dict[str, str] = answer.get("statuses", {})
    reasons: dict[str, str] = answer.get("reasons", {})
    done = []
    for entry in batch.manifest["entries"]:
        status = statuses.get(entry["record_uuid"], "missing")
        if status in ACKNOWLEDGED:
            done.append(int(entry["sequence"]))
        else:
            result.problems[entry["record_uuid"]] = (
                f"{status} {reasons.get(entry['record_uuid'], '')}".strip()
            )
    if done:
        with store.transaction(actor):
            store.outbox.mark_sent(done)
    result.sent, result.acknowledged = len(batch.manifest["entries"]), len(done)
    result.missing_sequences = list(answer.get("missing_sequences", []))
    return result
