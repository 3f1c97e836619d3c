"""``fieldkit hq worker`` (work the duplicate-search queue) and ``fieldkit hq queue`` (its depth and
the jobs that failed for good, with ``--retry-failed`` to queue those again once the cause is fixed).

Why a command of its own: on a single machine ``fieldkit hq serve`` runs one worker thread, but a
city headquarters runs workers as separate processes (several on PostgreSQL), and an operator needs
``--once`` to drain the queue after an import from USB.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from fieldkit.cli.context import Context
from fieldkit.cli.hq_home import open_hq
from fieldkit.errors import UserError


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("give seconds between 0 and 3600")
    return value


def cmd_worker(ctx: Context, args: argparse.Namespace) -> int:
    """Run a duplicate-search worker (``--once``: until the queue is empty)."""
    import threading

    from fieldkit.cli.hq_home import hq_home
    from fieldkit.hq.search_worker import keep_working, run_worker

    with open_hq(ctx, args) as hq:  # note: also checks the folder and database before working
        if args.once:
            tally = run_worker(hq, once=True, poll_seconds=args.poll)
    if not args.once:
        print("Duplicate-search worker running (Ctrl+C stops it).", flush=True)
        try:
            keep_working(
                hq_home(ctx, args), getattr(args, "db", None), threading.Event(), poll_seconds=args.poll
            )
        except KeyboardInterrupt:
            pass
        print("Worker stopped.")
        return 0
    print(
        f"Searched {tally.searched} enrollment(s): {tally.flagged} flagged as possible duplicates, "
        f"{tally.retried} attempt(s) to retry, {tally.failed} failed for good."
    )
    for line in tally.failures:
        print(f"  failed: {line}")
    if tally.failed:
        raise UserError(
            f"{tally.failed} duplicate search(es) failed for good; see `fieldkit hq queue`.",
            code="hq.search_failed",
        )
    return 0


def cmd_queue(ctx: Context, args: argparse.Namespace) -> int:
    """How many searches are queued, running, done and failed; the failed ones with their reason."""
    from fieldkit.hq.search_queue import depth, failed_jobs, retry_failed

    with open_hq(ctx, args) as hq:
        if args.retry_failed:
            print(f"{retry_failed(hq)} failed search(es) queued again.")
        counts = depth(hq)
        failed = failed_jobs(hq)
    print(
        f"Duplicate-search queue: {counts['queued']} queued, {counts['running']} running, "
        f"{counts['failed']} failed, {counts['done']} done."
    )
    for job in failed:
        print(
            f"  failed {job.finished_at}: enrollment {job.enrollment_uuid} (device {job.device_key_id}, "
            f"{job.attempts} attempts): {job.error}"
        )
    return 0


def register_hq(action: Callable[[str, str, object], argparse.ArgumentParser]) -> None:
    """Add ``worker`` and ``queue`` to the ``fieldkit hq`` actions."""
    worker = action("worker", "run a duplicate-search worker", cmd_worker)
    worker.add_argument("--once", action="store_true", help="work until the queue is empty, then exit")
    worker.add_argument(
        "--poll", type=_positive, default=2.0, metavar="SECONDS", help="wait between looks at an empty queue"
    )
    queue = action("queue", "duplicate-search queue depth and failed searches", cmd_queue)
    queue.add_argument("--retry-failed", action="store_true", help="queue the failed searches again")
