"""The operations pages' figures, from real batches taken in at headquarters (SQLite and PostgreSQL):
a laptop whose first batch was lost shows the gap and its last sync; reconciliation counts expected
vs received and open items; cycle progress counts due / certified / open cases per district and
draws them as SVG; the PDF report is a real PDF."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.hq.console.ops_charts import progress_svg, totals_svg
from fieldkit.hq.console.ops_data import (
    device_rows,
    district_progress,
    reconciliation_pdf,
    team_reconciliation,
)
from fieldkit.hq.intake import intake
from fieldkit.hq.keys import load_hq_key
from fieldkit.hq.roster import load_roster
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import build_batch
from fieldkit.wire.envelope import open_batch
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from fieldkit.workflows.certification import certify
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import register

CARDS = list(synthetic_cards(5, seed=31))


@pytest.fixture
def other_laptop(template_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "other.db"
    shutil.copyfile(template_store, path)
    opened = Store.open(path, PASSPHRASE)
    yield opened
    opened.close()


def _enrol_and_certify(store: Store, index: int) -> None:
    card = CARDS[index]
    hands = {
        "left": [synthetic_hand(80 + 2 * index, s) for s in range(3)],
        "right": [synthetic_hand(81 + 2 * index, s) for s in range(3)],
    }
    enroll(
        store, card=card, face_image=None, palm_images=hands, actor="op", device="sim", place="p", cycle=2026
    )
    certify(
        store,
        card=card,
        palm_images={"right": synthetic_hand(81 + 2 * index, 4)},
        face_image=None,
        actor="op",
        device="sim",
        place="p",
        cycle=2026,
    )


def _batch(store: Store, hq_home: Path, *, deliver: bool = True) -> None:
    """Build the next batch; take it in at HQ unless it was 'lost' (the laptop marks it sent anyway)."""
    batch = build_batch(store, actor="op", hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE))
    if deliver:
        hq = HqStore.open(hq_home)
        try:
            intake(hq, open_batch(batch.data, hq_private_key=load_hq_key(hq), device_keys=hq.approved_keys()))
        finally:
            hq.close()
    with store.transaction("op"):
        store.outbox.mark_sent([int(e["sequence"]) for e in batch.manifest["entries"]])


@pytest.fixture
def seeded(store: Store, other_laptop: Store, hq_home: Path, tmp_path: Path) -> tuple[str, str]:
    roster = tmp_path / "master.csv"
    roster.write_text(
        "id_number,name,status,district\n"
        f"{CARDS[0].id_number},{CARDS[0].name},正常,东城区\n"
        f"{CARDS[1].id_number},{CARDS[1].name},死亡,东城区\n"
        f"{CARDS[2].id_number},{CARDS[2].name},正常,西城区\n"
        f"{CARDS[3].id_number},{CARDS[3].name},正常,西城区\n",
        encoding="utf-8",
    )
    hq = HqStore.open(hq_home)
    assert load_roster(hq, roster, cycle=2026, region="110100").accepted == 4
    hq.close()
    a = register(store, hq_home, "一队 Team A", regions=("110100",))
    b = register(other_laptop, hq_home, "二队 Team B")
    _enrol_and_certify(store, 0)
    _batch(store, hq_home, deliver=False)  # lost on the way: HQ later sees the gap
    _enrol_and_certify(store, 1)  # deceased: a roster review item
    _enrol_and_certify(store, 2)
    _batch(store, hq_home)
    return a, b


def test_devices_show_regions_last_sync_and_gaps(seeded: tuple[str, str], hq_home: Path) -> None:
    a, b = seeded
    hq = HqStore.open(hq_home)
    try:
        rows = {row.key_id: row for row in device_rows(hq)}
    finally:
        hq.close()
    assert rows[a].regions == ["110100"] and rows[b].regions == []
    assert rows[a].last_sync is not None and rows[a].batches == 1
    assert rows[b].last_sync is None and rows[b].batches == 0 and rows[b].missing_count == 0
    assert rows[a].missing_count > 0
    first, last = rows[a].gaps[0]
    assert first == 1 and last - first + 1 == rows[a].missing_count  # the whole lost first batch


def test_reconciliation_and_pdf(seeded: tuple[str, str], hq_home: Path) -> None:
    a, b = seeded
    hq = HqStore.open(hq_home)
    try:
        lines = {t.line.key_id: t for t in team_reconciliation(hq)}
        pdf = reconciliation_pdf(hq)
    finally:
        hq.close()
    team_a = lines[a]
    assert team_a.line.expected == team_a.line.received + team_a.line.missing_count
    # the deceased person's certification, and two field cases (no face on site: ID mismatch)
    assert team_a.open_reviews == 3 and not team_a.ok
    assert lines[b].ok and lines[b].line.expected == 0
    assert pdf.startswith(b"%PDF-")
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    text = document[0].get_textpage().get_text_range()
    assert "一队 Team A" in text and "Reconciliation" in text


def test_progress_by_district_and_its_charts(seeded: tuple[str, str], hq_home: Path) -> None:
    hq = HqStore.open(hq_home)
    try:
        cycle, lines = district_progress(hq)
    finally:
        hq.close()
    assert cycle == 2026
    by_name = {p.district: p for p in lines}
    # 东城区: one due (the deceased is not due), certified in the lost batch → not yet at HQ; open:
    # the deceased person's certification and field case. 西城区: one of two certified, one case.
    assert (by_name["东城区"].due, by_name["东城区"].certified, by_name["东城区"].cases) == (1, 0, 2)
    assert (by_name["西城区"].due, by_name["西城区"].certified, by_name["西城区"].cases) == (2, 1, 1)
    svg = progress_svg(lines)
    assert svg.startswith("<svg") and "东城区" in svg and "1/2 (50%)" in svg and "⚑ 2" in svg
    assert ">33%<" in totals_svg(lines)


def test_charts_escape_district_names() -> None:
    from fieldkit.hq.console.ops_data import DistrictProgress

    svg = progress_svg([DistrictProgress("<script>x</script>", 3, 1, 0)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert progress_svg([]) == ""


def test_staff_rules_last_admin_unknown_accounts_and_devices(hq_home: Path) -> None:
    from fieldkit.errors import UserError
    from fieldkit.hq.console import ops_staff, staff_audit
    from fieldkit.hq.console.ops_data import bind_regions, register_device, revoke_device
    from fieldkit.hq.operators import add_hq_operator

    hq = HqStore.open(hq_home)
    try:
        add_hq_operator(hq, login="zhao", name="赵", role="admin", password="admin password 1")
        add_hq_operator(hq, login="qian", name="钱", role="admin", password="admin password 2")
        ops_staff.deactivate_staff(hq, login="qian", staff="zhao")
        add_hq_operator(hq, login="sun", name="孙", role="admin", password="admin password 3")
        ops_staff.deactivate_staff(hq, login="sun", staff="zhao")
        ops_staff.reactivate_staff(hq, login="qian", staff="zhao")
        ops_staff.deactivate_staff(hq, login="zhao", staff="qian")  # qian is active: allowed
        with pytest.raises(UserError) as last:
            ops_staff.deactivate_staff(hq, login="qian", staff="sun")  # the only active admin left
        assert last.value.code == "hq.last_admin"
        for change in (
            lambda: ops_staff.unlock_staff(hq, login="nobody", staff="qian"),
            lambda: ops_staff.reset_password(hq, login="nobody", password="long enough 1", staff="qian"),
        ):
            with pytest.raises(UserError) as unknown:
                change()
            assert unknown.value.code == "hq.no_staff"
        with pytest.raises(UserError) as weak:
            ops_staff.reset_password(hq, login="zhao", password="short", staff="qian")
        assert weak.value.code == "hq.weak_password"
        with pytest.raises(UserError) as no_device:
            bind_regions(hq, key_id="0123456789abcdef", regions="130400", staff="qian")
        assert no_device.value.code == "hq.no_device"
        with pytest.raises(UserError):
            revoke_device(hq, key_id="0123456789abcdef", staff="qian")
        with pytest.raises(UserError) as nameless:
            register_device(hq, public_key="ab" * 32, name="  ", regions="", staff="qian")
        assert nameless.value.code == "hq.no_device_name"
        assert hq.devices() == []  # nothing half-done
        rows = {row.login: row for row in ops_staff.staff_rows(hq)}
        assert not rows["zhao"].active and rows["qian"].active and not rows["sun"].active
        actions = [(e.login, e.action, e.subject) for e in staff_audit.entries(hq)]
        assert ("qian", "staff.deactivate", "staff:zhao") in actions
        assert not [
            a for a in actions if a[1] == "staff.deactivate" and a[2] == "staff:qian" and a[0] == "sun"
        ]
    finally:
        hq.close()
