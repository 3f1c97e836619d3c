"""The facts a receipt prints, gathered once when it is issued and then signed.

Why one structure for the signature and the page: the first receipts signed number, kind, result,
an ID hash, time and device, while the page also printed name, birth date, place, team and
operator from the store — a page with the name painted over still verified GENUINE. Now
:func:`gather_facts` collects every printed fact when the receipt is issued, the signed payload
carries them (``"page"``), and the printed page is drawn *from the signed payload*
(``receipt_documents.receipt_data``), so page and signature cannot drift apart. ``fieldkit receipt
verify`` lists them, for a reader to compare with the paper.

What is not signed: the face photo and the handwritten signatures (added after issuing; a photo
cannot be compared from a scan anyway), and the "copy" stamp of a reprint (a property of the print,
not of the receipt). The birth date and the ID digits are not printed at all (see
``fieldkit.identity.id_binding`` for why).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from fieldkit.config import load_config
from fieldkit.errors import UserError
from fieldkit.workflows.cases import operator_name
from fieldkit.workflows.receipt_notices import NOTICE_LABELS, notice_rows
from reports import labels
from storage.errors import NotFound
from storage.records import Certification, Enrollment, utc_now
from storage.store import Store

AGENCY_META, AGENCY_EN_META, TEAM_META = "agency_name", "agency_name_en", "team_name"
MASKED_ID = "*" * 18
"""The printed ID: no digit at all (the page holds no birth date, so nothing else narrows it)."""

_DOCUMENTS = {
    "retirement_certificate": "退休证",
    "id_card": "身份证",
    "assistance_form": "协助认证表",
    "other": "其他",
}
_HANDS = {"left": "左手掌", "right": "右手掌"}
Row = tuple[str, str, str]


@dataclass(frozen=True)
class ReceiptFacts:
    """Everything printed about the person and the circumstances; signed as the payload's ``page``."""

    name: str
    gender: str | None
    place: str
    team: str
    operator: str
    agency: str
    agency_en: str
    extra: tuple[Row, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The payload's ``page`` object (canonicalised by the caller's JSON encoder)."""
        return {
            "name": self.name,
            "gender": self.gender,
            "place": self.place,
            "team": self.team,
            "operator": self.operator,
            "agency": self.agency,
            "agency_en": self.agency_en,
            "extra": [list(row) for row in self.extra],
        }

    @classmethod
    def from_json(cls, page: object) -> ReceiptFacts:
        """The facts of a signed payload; ValueError for anything not shaped like :meth:`to_json`."""
        if not isinstance(page, dict):
            raise ValueError("page is not an object")
        text = {k: page.get(k) for k in ("name", "place", "team", "operator", "agency", "agency_en")}
        if not all(isinstance(v, str) for v in text.values()):
            raise ValueError("page text field missing")
        gender = page.get("gender")
        if gender is not None and not isinstance(gender, str):
            raise ValueError("bad gender")
        extra = page.get("extra")
        if not isinstance(extra, list) or not all(
            isinstance(row, list) and len(row) == 3 and all(isinstance(c, str) for c in row) for row in extra
        ):
            raise ValueError("bad extra rows")
        return cls(
            name=str(text["name"]),
            gender=gender,
            place=str(text["place"]),
            team=str(text["team"]),
            operator=str(text["operator"]),
            agency=str(text["agency"]),
            agency_en=str(text["agency_en"]),
            extra=tuple((row[0], row[1], row[2]) for row in extra),
        )


def shortened(facts: ReceiptFacts, fits: Callable[[ReceiptFacts], bool]) -> ReceiptFacts:
    """``facts`` with its longest texts cut (ending in "…") until ``fits`` says the payload fits.

    Why: the QR code holds the payload; past ~1,300 characters of QR text the code gets too dense to
    read from a phone photo, and past 2,331 bytes it cannot be made at all, so a long address, office
    name or list of cases would make a receipt impossible to print. The page is drawn from the
    signed payload, so the cut text is what the page shows: nothing printed is unsigned.
    """
    while not fits(facts):
        fields = {k: v for k, v in facts.to_json().items() if isinstance(v, str)}
        # note: the notices (liveness, next due, hotline, 无法签名) are short and never cut: a cut
        # "本设备不支持" could read as a pass
        extra = [row[2] if row[0] not in NOTICE_LABELS else "" for row in facts.extra]
        longest = max([*fields.values(), *extra], key=len, default="")
        if len(longest) <= 4:  # note: cannot happen within MAX_PAGE_BYTES; never loop for ever
            facts = replace(facts, extra=facts.extra[:-1]) if facts.extra else facts
            if not facts.extra:
                return facts
            continue
        cut = longest[: min(len(longest) - 2, max(3, len(longest) * 3 // 4))] + "…"
        key = next((k for k, v in fields.items() if v == longest), None)
        if key is not None:
            page = facts.to_json()
            page[key] = cut
            facts = ReceiptFacts.from_json(page)
        else:
            index = extra.index(longest)
            rows = list(facts.extra)
            rows[index] = (rows[index][0], rows[index][1], cut)
            facts = replace(facts, extra=tuple(rows))
    return facts


def agency_and_team(store: Store) -> tuple[str, str, str]:
    """(agency, agency in English, team): store meta first, then the machine config, then defaults."""
    agency = store.meta(AGENCY_META) or labels.DEFAULT_AGENCY[0]
    agency_en = store.meta(AGENCY_EN_META) or (
        labels.DEFAULT_AGENCY[1] if not store.meta(AGENCY_META) else ""
    )
    team = store.meta(TEAM_META) or ""
    if not team:
        try:
            team = load_config(store.path.parent).team
        except UserError:
            team = ""  # note: a broken fieldkit.toml must not stop a retiree getting a receipt
    return agency, agency_en, team


def record_of(store: Store, kind: str, record_uuid: str) -> Enrollment | Certification | None:
    """The enrollment or certification a receipt proves (None if it is gone)."""
    try:
        if kind == "enrollment":
            return store.enrollments.get(record_uuid)
        return store.certifications.get(record_uuid)
    except NotFound:
        return None


def evidence_rows(record: Enrollment | Certification | None) -> tuple[Row, ...]:
    """Witness of a home visit, office of a delegated certification, documents, no-card approval."""
    if not isinstance(record, Certification):
        return ()
    evidence: dict[str, Any] = record.evidence
    rows: list[Row] = []
    if evidence.get("witness"):
        relation = evidence.get("witness_relation") or ""
        witness = str(evidence["witness"])
        rows.append(("见证人", "Witness", f"{witness}（{relation}）" if relation else witness))
    if evidence.get("office"):
        rows.append(("受托机构", "Office", str(evidence["office"])))
    if evidence.get("documents"):
        docs = "、".join(_DOCUMENTS.get(str(d), str(d)) for d in evidence["documents"])
        rows.append(("提交材料", "Documents", docs))
    if evidence.get("no_card_approval"):
        approval = f"{evidence['no_card_approval']}（{evidence.get('approved_by', '')}）"
        rows.append(("无证审批", "No-card approval", approval))
    return tuple(rows)


def collected_row(record: Enrollment | Certification | None) -> tuple[Row, ...]:
    """For an enrollment: which hands (and whether a face) were collected."""
    if not isinstance(record, Enrollment):
        return ()
    hands = sorted({s.hand for s in record.samples if s.modality == "palm" and s.hand})
    parts = [_HANDS.get(h, h) for h in hands]
    if any(s.modality == "face" for s in record.samples):
        parts.append("人脸")
    rows: tuple[Row, ...] = (("采集项目", "Collected", "、".join(parts) or "—"),)
    if len(hands) == 1:  # note: said plainly, so the retiree knows which hand to bring next year
        rows += (("单手采集", "One palm only", f"仅采集{_HANDS.get(hands[0], hands[0])}，认证时请用此手"),)
    return rows


def open_case_row(store: Store, record_uuid: str) -> tuple[Row, ...]:
    """The cases this record opened and that are still open (reference and kind), if any."""
    found = []
    for case in store.cases.list(status="open"):
        if record_uuid in (case.details.get("enrollment_uuid"), case.details.get("certification_uuid")):
            found.append(f"{case.reference}（{labels.label(labels.CASE_KINDS, case.kind)}）")
    return (("待处理案件", "Open cases", "、".join(sorted(found))),) if found else ()


def gather_facts(
    store: Store,
    *,
    kind: str,
    record_uuid: str,
    person_uuid: str,
    issued_at: str = "",
    notes: tuple[Row, ...] = (),
    cannot_sign: bool = False,
) -> ReceiptFacts:
    """Every printed fact of the receipt for ``record_uuid``, read in the issuing transaction.

    ``notes`` are rows the caller adds (a not-passed slip's attempts and next step); the notices
    (liveness, next due date, unsigned, hotline: ``receipt_notices``) follow them.
    """
    person = store.people.get(person_uuid)
    record = record_of(store, kind, record_uuid)
    agency, agency_en, team = agency_and_team(store)
    extra = evidence_rows(record) + collected_row(record) + open_case_row(store, record_uuid) + notes
    extra += notice_rows(store, record, kind=kind, issued_at=issued_at or utc_now(), cannot_sign=cannot_sign)
    return ReceiptFacts(
        name=person.name,
        gender=person.gender,
        place=(record.place if record else "") or "",
        team=team,
        operator=operator_name(store, record.operator_uuid if record else None),
        agency=agency,
        agency_en=agency_en,
        extra=extra,
    )
