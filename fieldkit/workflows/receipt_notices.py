"""The notices a receipt states for the retiree: liveness done, next due date, hotline, unsigned.

Why these, and why signed: a retiree (or a relative) reading the paper at home needs to know what
was checked, when to come back, whom to call, and that a missing signature was not forgotten. They
are facts like any other printed fact, so they travel in the signed ``page.extra`` rows (gathered by
``receipt_facts.gather_facts``) — a page cannot claim "活体检测通过" unless the signature says so.

Honesty rules: a liveness check is printed as passed only when its recorded verdict is ``live``;
a palm scanner that cannot tell (``not_available``), a check that was not run, a timeout or a
skipped gesture are each said in words, never folded into "通过".
"""

from __future__ import annotations

from typing import Any

from fieldkit.config import DEFAULT_HOTLINE, load_config
from fieldkit.errors import UserError
from fieldkit.times import local_moment
from fieldkit.workflows.liveness import enrolment_result
from reports import labels
from storage.records import Certification, Enrollment
from storage.store import Store

Row = tuple[str, str, str]
CERTIFICATION_KINDS = ("certification", "home_visit", "delegated")
CANNOT_SIGN = "retiree_cannot_sign"
"""Evidence key (certification) / enrolment flag: the retiree could not sign; the page prints 无法签名."""
CANNOT_SIGN_WORDS = "无法签名"
LIVENESS_LABEL = ("活体检测", "Liveness")
NEXT_DUE_LABEL = (labels.NEXT_DUE_ROW, "Next due")
HOTLINE_LABEL = ("咨询电话", "Hotline")
SIGN_LABEL = (labels.SIGNATURE_ROW, "Retiree signature")
TRIED_LABEL = ("已尝试", "Tried")
NEXT_STEP_LABEL = ("下一步", "Next step")
NOTICE_LABELS = frozenset(
    zh for zh, _ in (LIVENESS_LABEL, NEXT_DUE_LABEL, HOTLINE_LABEL, SIGN_LABEL, TRIED_LABEL, NEXT_STEP_LABEL)
)
"""Rows never shortened to fit the QR (a cut notice could change its meaning)."""

_FACE = {
    "live": "人脸动作验证通过",
    "spoof": "人脸活体未通过（疑似照片或屏幕）",
    "timeout": "人脸动作验证未完成（超时）",
    "not_possible": "人脸动作验证无法完成",
}
_PALM = {
    "live": "掌静脉活体检测通过",
    "spoof": "掌静脉活体未通过（疑似假体）",
    "not_available": "掌静脉活体：本设备不支持（已记录）",
}


def liveness_words(liveness: dict[str, Any] | None) -> str:
    """The liveness line of a certification, from ``evidence["liveness"]`` (see workflows.liveness).

    Only a recorded ``live`` verdict reads as passed; anything else is named for what it was.
    """
    if not liveness:
        return "未进行（政策未要求）"
    parts = []
    face = liveness.get("face")
    if isinstance(face, dict):
        verdict = str(face.get("verdict") or face.get("outcome") or "")
        words = _FACE.get(verdict, f"人脸活体：结果不明（{verdict or '未记录'}）")
        skipped = face.get("skipped")
        if verdict == "live" and isinstance(skipped, list) and skipped:
            words += f"（{len(skipped)}个动作因身体原因略过）"
        parts.append(words)
    else:
        parts.append("人脸活体：未进行")
    palm = liveness.get("palm")
    if isinstance(palm, dict):
        status = str(palm.get("status", ""))
        parts.append(_PALM.get(status, f"掌静脉活体：结果不明（{status or '未记录'}）"))
    else:
        parts.append("掌静脉活体：未进行")
    return "；".join(parts)


def liveness_row(record: Enrollment | Certification | None, store: Store | None = None) -> tuple[Row, ...]:
    """Which liveness checks ran and their result: a certification's from its evidence, an
    enrolment's from its recorded assessment (``store`` needed; no row for an enrolment whose
    policy required nothing, as before enrolment liveness existed)."""
    if isinstance(record, Enrollment) and store is not None:
        recorded = enrolment_result(store, record.uuid)
        return ((*LIVENESS_LABEL, liveness_words(recorded)),) if recorded is not None else ()
    if not isinstance(record, Certification):
        return ()
    liveness = record.evidence.get("liveness")
    return ((*LIVENESS_LABEL, liveness_words(liveness if isinstance(liveness, dict) else None)),)


def next_due(record: Certification, issued_at: str) -> str:
    """The next cycle's due month, e.g. "2027年12月" (kept short: every byte is in the QR code).

    The rule, stated because neither the roster nor the policy defines one: cycles are calendar
    years (``Certification.cycle``), and the next certification is due in the same month of the
    next cycle's year as this one was done (the anniversary most agencies ask for).
    """
    moment = local_moment(record.certified_at) or local_moment(issued_at)
    if moment is None:
        return f"{record.cycle + 1}年"
    return f"{record.cycle + 1}年{moment.month}月"


def next_due_row(record: Enrollment | Certification | None, issued_at: str) -> tuple[Row, ...]:
    """Accepted certifications only: a slip for a failed attempt has no "next" cycle yet."""
    if not isinstance(record, Certification) or record.result != "accept":
        return ()
    return ((*NEXT_DUE_LABEL, next_due(record, issued_at)),)


def hotline(store: Store) -> str:
    """The agency hotline of ``[agency] hotline`` in fieldkit.toml, else the nationwide 12333."""
    try:
        return load_config(store.path.parent).agency.printed_hotline
    except UserError:
        return DEFAULT_HOTLINE  # note: a broken fieldkit.toml must not leave a receipt without a number


def hotline_row(store: Store) -> tuple[Row, ...]:
    return ((*HOTLINE_LABEL, hotline(store)),)


def cannot_sign_row(record: Enrollment | Certification | None, cannot_sign: bool) -> tuple[Row, ...]:
    """ "本人签名：无法签名" when the retiree could not sign (given at issue, or in the evidence)."""
    recorded = isinstance(record, Certification) and bool(record.evidence.get(CANNOT_SIGN))
    return ((*SIGN_LABEL, CANNOT_SIGN_WORDS),) if cannot_sign or recorded else ()


def notice_rows(
    store: Store, record: Enrollment | Certification | None, *, kind: str, issued_at: str, cannot_sign: bool
) -> tuple[Row, ...]:
    """The notices of one receipt, in print order (after the evidence and case rows)."""
    rows: tuple[Row, ...] = ()
    if kind in CERTIFICATION_KINDS:
        rows += liveness_row(record) + next_due_row(record, issued_at)
    elif kind == "enrollment":
        rows += liveness_row(record, store)
    rows += cannot_sign_row(record, cannot_sign) + hotline_row(store)
    return rows
