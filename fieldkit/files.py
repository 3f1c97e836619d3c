"""Writing a file the safe way: one ``atomic_write`` for every file the application leaves on disk.

Why: receipts, reports and CSVs name retirees; batch files and work packages carry their records. A
crash or a full USB stick must never leave a half-written file under the final name (it would be
read later as damaged, or worse, as complete), and a file with personal data must never exist, even
for a moment, readable by other users of the laptop. So (Electrum's habit): a temporary file beside
the target (same folder, so the rename cannot cross file systems), created with mode 0600 before a
byte is written, the data flushed and fsync'ed, then ``os.replace`` onto the target.

The libraries (``storage``, ``capture``) keep their own copies: they never import ``fieldkit``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
from pathlib import Path

PRIVATE = 0o600  # owner only: the default for anything the application writes
PUBLIC = 0o644  # for files meant to be handed on (headquarters' public key)


def private_folder(path: Path) -> Path:
    """Create ``path`` and any missing parents owner-only (0700); existing folders are left as they are.

    Why not ``mkdir(parents=True)``: it gives the parents it creates the default mode (0755 under the
    usual umask), so a new output folder of receipts or reports was listable by every user.
    """
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)  # note: mkdir's mode is narrowed by the umask, never widened
    return path


def remove_stale_partials(path: Path) -> None:
    """Delete temporary files that a killed write to ``path`` left behind (they are 0600 already).

    note: a crash (kill -9, power loss) skips the clean-up below; the next write to the same file
    removes them, so a half-written copy of personal data does not stay on the laptop.
    """
    if not path.parent.is_dir():
        return
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.partial"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def atomic_write(path: Path, data: bytes | str, *, encoding: str = "utf-8", mode: int = PRIVATE) -> Path:
    """Write ``data`` (text is encoded, with no newline translation) to ``path`` atomically.

    The folder is created if needed; an existing file is replaced in one step; on any failure the
    temporary file is removed and the target is left as it was. Returns ``path``.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    private_folder(path.parent)
    remove_stale_partials(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, mode)
    try:
        os.chmod(temporary, mode)  # note: the umask may have narrowed ``mode``; set it exactly, still empty
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(descriptor)
        temporary.unlink(missing_ok=True)
        raise
    return path
