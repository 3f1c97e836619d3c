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


def _shard(text: str) -> tuple[int, int]:
    """``K/N``: shard K (0 … N-1) of N."""
    number, slash, total = text.partition("/")
    try:
        shard, shards = int(number), int(total)
    except ValueError:
        raise argparse.ArgumentTypeError(f"give the shard as K/N, e.g. 0/4, not {text!r}") from None
    if not slash or not 1 <= shards <= 256 or not 0 <= shard < shards:
        raise argparse.ArgumentTypeError(f"give the shard as K/N with 0 <= K < N <= 256, not {text!r}")
    return shard, shards


def _lease(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of seconds: {text!r}") from None
    if not 1 <= value <= 86400:
        raise argparse.ArgumentTypeError("give between 1 and 86400 seconds")
    return value


def _batch(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 5000:
        raise argparse.ArgumentTypeError("give between 1 and 5000 jobs")
    return value


def cmd_worker(ctx: Context, args: argparse.Namespace) -> int:
    """Run a duplicate-search worker (``--once``: until the queue is empty)."""
    import threading

    from fieldkit.cli.hq_home import hq_home
    from fieldkit.hq.search_worker import keep_working, run_worker

    shard = args.shard
    with open_hq(ctx, args) as hq:  # note: also checks the folder and database before working
        if args.once:
            tally = run_worker(
                hq, once=True, poll_seconds=args.poll, batch=args.batch, shard=shard, lease_seconds=args.lease
            )
    if not args.once:
        part = "" if shard is None else f" for shard {shard[0]}/{shard[1]}"
        print(f"Duplicate-search worker running{part} (Ctrl+C stops it).", flush=True)
        try:
            keep_working(
                hq_home(ctx, args),
                getattr(args, "db", None),
                threading.Event(),
                poll_seconds=args.poll,
                batch=args.batch,
                shard=shard,
                lease_seconds=args.lease,
            )
        except KeyboardInterrupt:
            pass
        print("Worker stopped.")
        return 0
    what = "enrollment(s)" if shard is None else f"enrollment(s) against shard {shard[0]}/{shard[1]}"
    print(
        f"Searched {tally.searched} {what}: {tally.flagged} flagged as possible duplicates, "
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
    worker.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="hold only shard K of N of the palm gallery; a search is finished by the N shards' workers",
    )
    worker.add_argument(
        "--batch", type=_batch, default=500, metavar="JOBS", help="jobs claimed and searched together"
    )
    worker.add_argument(
        "--lease",
        type=_lease,
        default=300,
        metavar="SECONDS",
        help="how long a claimed job is this worker's; after that, it is taken again as lost (300)",
    )
    queue = action("queue", "duplicate-search queue depth and failed searches", cmd_queue)
    queue.add_argument("--retry-failed", action="store_true", help="queue the failed searches again")
