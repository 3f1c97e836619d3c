"""Where fieldkit keeps its data folder.

Why three sources in this order: tests and scripts pass ``--home``; a team that keeps its store on
an encrypted USB drive sets ``FIELDKIT_HOME`` once; everyone else gets the platform's per-user data
folder (``%APPDATA%`` on Windows, XDG on Linux) without having to know it exists.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "FIELDKIT_HOME"
STORE_FILE = "fieldkit.db"


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``explicit``, else ``$FIELDKIT_HOME``, else the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(HOME_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("fieldkit", appauthor=False))


def store_path(home: Path) -> Path:
    """The store file inside a data folder."""
    return home / STORE_FILE


def logs_dir(home: Path) -> Path:
    """Log files (masked; see ``fieldkit.privacy``)."""
    return home / "logs"


def reports_dir(home: Path) -> Path:
    """Import reports and other files meant for people (never holding clear ID numbers)."""
    return home / "reports"
