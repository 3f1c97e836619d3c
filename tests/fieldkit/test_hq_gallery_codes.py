"""Gallery start-up in binary (schema step 8): each palm template's codes are kept ready in
``templates.gallery_code`` and loaded in bulk; a database from before the step is migrated (the
column added, then filled from the templates on the first load); rows added later are filled before
the next load; a damaged template is left out, not retried. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fieldkit.hq import gallery_codes
from fieldkit.hq.duplicates import HqGallery, shard_of
from fieldkit.hq.schema import _STEP_8_GALLERY_CODES, SCHEMA_VERSION, STEPS
from fieldkit.hq.store import HqStore
from matching.palm_index import compact
from matching.palm_template import FORMAT_NAME, PalmTemplate, to_bytes


def _insert(hq: HqStore, rows: list[tuple[str, bytes]]) -> None:
    change = hq.next_change()
    with hq.db.transaction():
        hq.db.executemany(
            "INSERT INTO templates (sample_uuid, enrollment_uuid, id_number, modality, hand, format, "
            "template, device_key_id, change_seq) VALUES (?, ?, ?, 'palm', 'left', ?, ?, 'dev', ?)",
            [(sample, f"e-{sample}", f"ID{sample}", FORMAT_NAME, blob, change) for sample, blob in rows],
        )


def _templates(rng: np.random.Generator, n: int, prefix: str) -> dict[str, PalmTemplate]:
    made = {}
    for i in range(n):
        code = rng.integers(0, 2**32, (6, 32), dtype=np.uint32)
        search = rng.integers(0, 2**32, (6, 32), dtype=np.uint32) if i % 2 else None
        made[f"{prefix}{i}"] = PalmTemplate(code=code, quality=80, search_code=search)
    return made


def _check(city: HqGallery, expected: dict[str, PalmTemplate]) -> None:
    full, packed = city.index.arrays()
    assert len(city.index) == len(expected)
    for row in range(len(city.index)):
        sample = city.index.key(row).split("/")[-1]
        template = expected[sample]
        assert np.array_equal(full[row], template.code)
        first = template.code if template.search_code is None else template.search_code
        assert np.array_equal(packed[row], compact(first))
    assert city.index.has_search_codes


def test_an_old_database_is_migrated_and_its_gallery_loads_from_the_binary_codes(
    hq_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gallery_codes, "_BACKFILL_ROWS", 7)  # several rounds of the fill
    rng = np.random.default_rng(3)
    first = _templates(rng, 40, "a")
    hq = HqStore.open(hq_home)
    try:
        _insert(hq, [(k, to_bytes(t)) for k, t in first.items()] + [("bad", b"FKPV damaged")])
        # the database as fieldkit left it before schema step 8: no gallery_code column, no search_job_parts
        hq.db.execute("ALTER TABLE templates DROP COLUMN gallery_code")
        hq.db.execute("DROP TABLE search_job_parts")
        hq.db.execute("DROP INDEX templates_by_change")
        hq.db.execute("DROP TABLE package_removals")  # the steps after it (schema steps 9 and 10)
        hq.db.execute("DROP TABLE enrolment_hold_cases")
        before = STEPS.index(_STEP_8_GALLERY_CODES)
        hq.db.execute("UPDATE hq_meta SET value = ? WHERE key = 'schema_version'", (str(before),))
    finally:
        hq.close()
    hq = HqStore.open(hq_home)  # migrates
    try:
        assert hq.meta("schema_version") == str(SCHEMA_VERSION)
        missing = hq.db.scalar("SELECT count(*) FROM templates WHERE gallery_code IS NULL")
        assert int(missing) == 41
        city = HqGallery()
        city.refresh(hq)
        _check(city, first)  # the damaged row is not in the gallery
        assert int(hq.db.scalar("SELECT count(*) FROM templates WHERE gallery_code IS NULL")) == 0
        assert bytes(hq.db.scalar("SELECT gallery_code FROM templates WHERE sample_uuid = 'bad'")) == b""
        # a second process loads straight from the binary codes (nothing left to fill)
        assert gallery_codes.backfill(hq) == 0
        again = HqGallery()
        again.refresh(hq)
        _check(again, first)
        # templates intake adds later are filled and joined at the next refresh, once
        later = _templates(rng, 7, "b")
        _insert(hq, [(k, to_bytes(t)) for k, t in later.items()])
        city.refresh(hq)
        city.refresh(hq)
        _check(city, first | later)
        assert city.arrived["e-b3"] > city.arrived["e-a3"]
    finally:
        hq.close()


def test_a_row_added_between_the_fill_and_the_load_is_not_missed(hq_home: Path) -> None:
    rng = np.random.default_rng(4)
    made = _templates(rng, 5, "c")
    hq = HqStore.open(hq_home)
    try:
        _insert(hq, [(k, to_bytes(t)) for k, t in made.items()])
        loaded = gallery_codes.load(hq)  # nothing filled yet: each row's code is made on the way
        assert sorted(k.split("/")[-1] for k in loaded.keys) == sorted(made)
        assert loaded.full.shape == (5, 6, 32) and loaded.compact.shape == (5, 24)
    finally:
        hq.close()


def test_a_shard_holds_only_its_enrollments_and_the_shards_cover_the_city(hq_home: Path) -> None:
    rng = np.random.default_rng(5)
    made = _templates(rng, 30, "d")
    hq = HqStore.open(hq_home)
    try:
        _insert(hq, [(k, to_bytes(t)) for k, t in made.items()])
        parts = [HqGallery((k, 3)) for k in range(3)]
        for part in parts:
            part.refresh(hq)
        held = [{part.index.key(r).split("/")[-1] for r in range(len(part.index))} for part in parts]
        assert sum(len(h) for h in held) == 30 and set().union(*held) == set(made)
        for k, part in enumerate(held):
            assert all(shard_of(f"e-{sample}", 3) == k for sample in part)
    finally:
        hq.close()


def test_the_cache_file_is_used_only_while_it_matches_the_database(
    hq_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.hq import gallery_cache

    rng = np.random.default_rng(6)
    made = _templates(rng, 25, "f")
    full_loads: list[int] = []
    real_load = gallery_codes.load

    def counting(hq: HqStore, *, after_change: int = -1) -> gallery_codes.LoadedCodes:
        if after_change < 0:
            full_loads.append(1)
        return real_load(hq, after_change=after_change)

    monkeypatch.setattr(gallery_codes, "load", counting)
    hq = HqStore.open(hq_home)
    try:
        _insert(hq, [(k, to_bytes(t)) for k, t in made.items()])
        HqGallery().refresh(hq)  # no cache yet: read from the database, cache written
        folder = hq_home / gallery_cache.FOLDER / "all"
        assert (folder.stat().st_mode & 0o777, (folder / "full.npy").stat().st_mode & 0o777) == (0o700, 0o600)
        assert len(full_loads) == 1
        cached = HqGallery()
        cached.refresh(hq)  # from the cache, checked
        assert len(full_loads) == 1
        _check(cached, made)
        # palms added after the cache come from the database on top of it
        later = _templates(rng, 4, "g")
        _insert(hq, [(k, to_bytes(t)) for k, t in later.items()])
        topped = HqGallery()
        topped.refresh(hq)
        assert len(full_loads) == 1
        _check(topped, made | later)
        # a file altered on disk: the cache is not used, and is written again
        data = bytearray((folder / "compact.npy").read_bytes())
        data[-1] ^= 0xFF
        (folder / "compact.npy").write_bytes(bytes(data))
        tampered = HqGallery()
        tampered.refresh(hq)
        assert len(full_loads) == 2
        _check(tampered, made | later)
        HqGallery().refresh(hq)
        assert len(full_loads) == 2  # the rewritten cache is good again
        # a template removed from the database: the cache is stale and rebuilt without it
        hq.db.execute("DELETE FROM templates WHERE sample_uuid = 'f3'")
        stale = HqGallery()
        stale.refresh(hq)
        assert len(full_loads) == 3
        _check(stale, {k: t for k, t in (made | later).items() if k != "f3"})
        # a shard keeps a cache of its own
        part = HqGallery((1, 2))
        part.refresh(hq)
        assert (hq_home / gallery_cache.FOLDER / "shard-1-of-2" / "keys.json").is_file()
    finally:
        hq.close()
