"""Fixtures shared by the headquarters and sync tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.hq.keys import PUBLIC_FILE, create_hq_key
from fieldkit.hq.store import HqStore


@pytest.fixture
def hq_home(tmp_path: Path) -> Path:
    home = tmp_path / "hq"
    hq = HqStore.open(home, create=True)
    (home / PUBLIC_FILE).write_text(create_hq_key(hq).hex())
    hq.close()
    return home
