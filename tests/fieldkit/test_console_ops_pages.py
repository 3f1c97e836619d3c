"""The console's operations pages over real HTTP (uvicorn on loopback), on SQLite and PostgreSQL:
an administrator registers, binds and revokes a device and manages staff; each change is in the
staff audit trail with the administrator's login; bad input is refused with the reason and nothing
changes; a reviewer is refused the admin pages but reads reconciliation and progress; the PDF
report downloads with ``Cache-Control: no-store``."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldkit.hq.console import staff_audit
from fieldkit.hq.device_regions import regions_of
from fieldkit.hq.operators import hq_log_in
from fieldkit.hq.store import HqStore
from fieldkit.wire import keys as wire_keys
from tests.fieldkit.console_helpers import PASSWORD, add_staff, csrf_token, log_in, served


def _public_hex() -> str:
    key = Ed25519PrivateKey.generate().public_key()
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def test_admin_registers_binds_and_revokes_a_device(hq_home: Path) -> None:
    add_staff(hq_home, "zhao", "admin", name="赵管理")
    public = _public_hex()
    key_id = wire_keys.key_id(bytes.fromhex(public))
    with served(hq_home) as url:
        admin, page = log_in(url, "zhao")
        token = csrf_token(page.text)
        empty = admin.get(f"{url}/console/devices", timeout=10)
        assert empty.status_code == 200 and "尚无设备" in empty.text
        bad = admin.post(
            f"{url}/console/devices/register",
            data={"csrf_token": token, "public_key": "abc", "name": "一队", "regions": ""},
            timeout=10,
        )
        assert bad.status_code == 400 and "64" in bad.text and 'value="一队"' in bad.text
        wrong_region = admin.post(
            f"{url}/console/devices/register",
            data={"csrf_token": token, "public_key": public, "name": "一队", "regions": "99999x"},
            timeout=10,
        )
        assert wrong_region.status_code == 400
        done = admin.post(
            f"{url}/console/devices/register",
            data={"csrf_token": token, "public_key": public, "name": "一队", "regions": "130400"},
            timeout=10,
        )
        assert done.status_code == 200 and "设备已批准" in done.text and key_id in done.text
        admin.post(
            f"{url}/console/devices/regions",
            data={"csrf_token": token, "key_id": key_id, "regions": "130400,130402"},
            timeout=10,
        )
        unconfirmed = admin.post(
            f"{url}/console/devices/revoke", data={"csrf_token": token, "key_id": key_id}, timeout=10
        )
        assert unconfirmed.status_code == 400
        no_token = admin.post(
            f"{url}/console/devices/revoke", data={"key_id": key_id, "confirm": "yes"}, timeout=10
        )
        assert no_token.status_code == 403
        hq = HqStore.open(hq_home)
        try:
            assert hq.device_status(key_id) is not None and hq.device_status(key_id)[0] == "approved"  # type: ignore[index]
        finally:
            hq.close()
        revoked = admin.post(
            f"{url}/console/devices/revoke",
            data={"csrf_token": token, "key_id": key_id, "confirm": "yes"},
            timeout=10,
        )
        assert revoked.status_code == 200 and "已吊销" in revoked.text
    hq = HqStore.open(hq_home)
    try:
        assert hq.device_status(key_id)[0] == "revoked"  # type: ignore[index]
        assert regions_of(hq, key_id) == ["130400", "130402"]
        mine = [(e.login, e.action) for e in staff_audit.entries(hq, subject=f"device:{key_id}")]
        assert mine == [("zhao", "device.revoke"), ("zhao", "device.regions"), ("zhao", "device.register")]
    finally:
        hq.close()


def test_admin_manages_staff_and_sessions_end(hq_home: Path) -> None:
    add_staff(hq_home, "zhao", "admin", name="赵管理")
    add_staff(hq_home, "wang", "reviewer")
    with served(hq_home) as url:
        admin, page = log_in(url, "zhao")
        token = csrf_token(page.text)
        weak = admin.post(
            f"{url}/console/staff/add",
            data={"csrf_token": token, "login": "li", "name": "李", "role": "reviewer", "password": "short"},
            timeout=10,
        )
        assert weak.status_code == 400 and 'value="li"' in weak.text and "short" not in weak.text
        added = admin.post(
            f"{url}/console/staff/add",
            data={
                "csrf_token": token,
                "login": "li",
                "name": "李",
                "role": "reviewer",
                "password": "li password 1",
            },
            timeout=10,
        )
        assert added.status_code == 200 and "账号已创建" in added.text
        self_off = admin.post(
            f"{url}/console/staff/deactivate", data={"csrf_token": token, "login": "zhao"}, timeout=10
        )
        assert self_off.status_code == 400
        reviewer, _ = log_in(url, "wang")
        assert reviewer.get(f"{url}/console/reviews", allow_redirects=False, timeout=10).status_code == 200
        admin.post(f"{url}/console/staff/deactivate", data={"csrf_token": token, "login": "wang"}, timeout=10)
        assert reviewer.get(f"{url}/console/reviews", allow_redirects=False, timeout=10).status_code == 303
        assert log_in(url, "wang")[1].status_code == 401
        admin.post(f"{url}/console/staff/reactivate", data={"csrf_token": token, "login": "wang"}, timeout=10)
        for _ in range(5):
            log_in(url, "wang", "wrong guess")
        assert log_in(url, "wang")[1].status_code == 401  # locked
        listing = admin.get(f"{url}/console/staff", timeout=10)
        assert "已锁定" in listing.text
        admin.post(f"{url}/console/staff/unlock", data={"csrf_token": token, "login": "wang"}, timeout=10)
        assert log_in(url, "wang")[1].status_code == 200
        admin.post(
            f"{url}/console/staff/password",
            data={"csrf_token": token, "login": "wang", "password": "new password 2"},
            timeout=10,
        )
        assert log_in(url, "wang")[1].status_code == 401
        assert log_in(url, "wang", "new password 2")[1].status_code == 200
    hq = HqStore.open(hq_home)
    try:
        assert hq_log_in(hq, "li", "li password 1") == "li"
        actions = [
            (e.login, e.action, e.subject) for e in staff_audit.entries(hq) if e.action.startswith("staff.")
        ]
        assert ("zhao", "staff.add", "staff:li") in actions
        for action in ("deactivate", "reactivate", "unlock", "reset_password"):
            assert ("zhao", f"staff.{action}", "staff:wang") in actions
        details = " ".join(str(e.detail) for e in staff_audit.entries(hq))
        assert "new password 2" not in details and PASSWORD not in details
    finally:
        hq.close()


def test_reviewer_reads_reports_but_not_admin_pages_and_pdf_downloads(hq_home: Path) -> None:
    add_staff(hq_home, "wang", "reviewer")
    with served(hq_home) as url:
        reviewer, page = log_in(url, "wang")
        token = csrf_token(page.text)
        for path in ("/console/devices", "/console/staff", "/console/regions"):
            assert reviewer.get(f"{url}{path}", timeout=10).status_code == 403
        refused = reviewer.post(
            f"{url}/console/staff/add",
            data={
                "csrf_token": token,
                "login": "x",
                "name": "x",
                "role": "admin",
                "password": "x password 1",
            },
            timeout=10,
        )
        assert refused.status_code == 403
        assert reviewer.get(f"{url}/console/reconciliation", timeout=10).status_code == 200
        progress = reviewer.get(f"{url}/console/progress", timeout=10)
        assert progress.status_code == 200 and "roster-load" in progress.text
        pdf = reviewer.get(f"{url}/console/reconciliation/report.pdf", timeout=30)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
        assert pdf.headers["cache-control"] == "no-store"
        assert pdf.headers["content-type"] == "application/pdf"
        assert "attachment" in pdf.headers["content-disposition"]
        anonymous = requests_get(f"{url}/console/reconciliation/report.pdf")
        assert anonymous.status_code == 303 and not anonymous.content.startswith(b"%PDF")
    hq = HqStore.open(hq_home)
    try:
        assert int(hq.db.scalar("SELECT count(*) FROM hq_operators WHERE login = 'x'")) == 0
        assert ("wang", "report.download") in [(e.login, e.action) for e in staff_audit.entries(hq)]
    finally:
        hq.close()


def requests_get(url: str):  # type: ignore[no-untyped-def]
    import requests

    return requests.get(url, allow_redirects=False, timeout=10)


def test_admin_binds_and_unbinds_a_region_by_region(hq_home: Path, tmp_path: Path) -> None:
    from fieldkit.hq.roster import load_roster

    add_staff(hq_home, "zhao", "admin", name="赵管理")
    roster = tmp_path / "roster.csv"
    from capture.idcard.synthetic import synthetic_cards

    card = synthetic_cards(1, seed=5)[0]
    roster.write_text(f"id_number,name\n{card.id_number},{card.name}\n", encoding="utf-8")
    public = _public_hex()
    key_id = wire_keys.key_id(bytes.fromhex(public))
    hq = HqStore.open(hq_home)
    try:
        assert load_roster(hq, roster, cycle=2026, region="130400").accepted == 1
        hq.register_device(key_id, bytes.fromhex(public), "一队")
    finally:
        hq.close()
    with served(hq_home) as url:
        admin, page = log_in(url, "zhao")
        token = csrf_token(page.text)
        listing = admin.get(f"{url}/console/regions", timeout=10)
        assert (
            listing.status_code == 200 and 'data-region="130400"' in listing.text and "无设备" in listing.text
        )
        bad = admin.post(
            f"{url}/console/regions/bind",
            data={"csrf_token": token, "key_id": key_id, "region": "13040x", "action": "add"},
            timeout=10,
        )
        assert bad.status_code == 400
        for region in ("130400", "130402"):
            added = admin.post(
                f"{url}/console/regions/bind",
                data={"csrf_token": token, "key_id": key_id, "region": region, "action": "add"},
                timeout=10,
            )
            assert added.status_code == 200 and "区域已保存" in added.text
        removed = admin.post(
            f"{url}/console/regions/bind",
            data={"csrf_token": token, "key_id": key_id, "region": "130400", "action": "remove"},
            timeout=10,
        )
        assert removed.status_code == 200
    hq = HqStore.open(hq_home)
    try:
        assert regions_of(hq, key_id) == ["130402"]
        audit = [
            (e.login, e.action, e.detail["after"])
            for e in staff_audit.entries(hq, subject=f"device:{key_id}")
        ]
        assert audit == [
            ("zhao", "device.regions", ["130402"]),
            ("zhao", "device.regions", ["130400", "130402"]),
            ("zhao", "device.regions", ["130400"]),
        ]
    finally:
        hq.close()


def test_every_operations_page_in_english_too(hq_home: Path) -> None:
    """Each page renders in both languages (an unknown word key would fail the page, not show a key)."""
    add_staff(hq_home, "zhao", "admin", name="赵管理")
    with served(hq_home) as url:
        admin, _ = log_in(url, "zhao")
        for language, word in (("zh", "对账"), ("en", "Reconciliation")):
            admin.get(f"{url}/console/lang?to={language}&next=/console/reviews", timeout=10)
            for page in ("devices", "regions", "reconciliation", "progress", "staff"):
                answer = admin.get(f"{url}/console/{page}", timeout=10)
                assert answer.status_code == 200 and word in answer.text, (language, page)
