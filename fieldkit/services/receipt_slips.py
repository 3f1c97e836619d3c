"""The "not passed / held for review" slip: paper for a retiree whose certification did not pass.

Why: a rejected or held retiree used to leave with nothing, and could not show a relative, the
office or a court that they had come. The slip is a receipt of the failed certification, signed
through the same ``issue_receipt`` as a pass (so ``fieldkit receipt verify`` checks it the same
way): its signed result is ``reject`` / ``needs_review`` / ``retry`` — printed "未通过" or "待复核",
never "认证通过" — and its signed rows say what was tried this cycle, the open case (if one was
opened), what to do next and the hotline. The page's title then reads 认证结果告知单, not 凭证.

The CLI's ``certify`` issues it right after a certification that did not pass; the GUI calls
:func:`issue_not_passed_slip` (after opening the review case, so the case reference is printed)
and prints it with ``fieldkit.services.receipts.print_receipt`` like any receipt.
"""

from __future__ import annotations

from fieldkit.errors import UserError
from fieldkit.services.certify_followup import failed_attempts, modalities_used
from fieldkit.workflows.receipt_notices import NEXT_STEP_LABEL, TRIED_LABEL
from fieldkit.workflows.receipts import issue_receipt
from storage.errors import NotFound
from storage.records import Certification, Receipt
from storage.store import Store

NOT_PASSED = ("reject", "needs_review", "retry")
_MODALITIES = {"palm_left": "左手掌", "palm_right": "右手掌", "face": "人脸"}
_NEXT = {
    "review": "本次认证已转工作人员人工复核，结果将电话通知您，无需重复前来；如有疑问请拨打咨询电话。",
    "reject": "请携带身份证到社保经办机构重新认证，或拨打咨询电话预约上门认证。",
    "retry": "请稍后由工作人员重新采集认证；如今天无法完成，请拨打咨询电话预约。",
}


def tried_words(store: Store, certification: Certification) -> str:
    """ "右手掌、人脸（本年度第2次未通过）": what this cycle's failed attempts compared."""
    found = failed_attempts(store, certification.person_uuid, cycle=certification.cycle)
    attempts = found.attempts or [certification]
    used = sorted({m for c in attempts for m in modalities_used(c)}, key=list(_MODALITIES).index)
    what = "、".join(_MODALITIES.get(m, m) for m in used) or "未能采集"
    return f"{what}（{certification.cycle}年度共{len(attempts)}次未通过）"


def next_step(store: Store, certification: Certification) -> str:
    """What the retiree does now: wait for a review (a case is open or it is held), come again, retry."""
    case_open = any(
        case.details.get("certification_uuid") == certification.uuid
        for case in store.cases.list(status="open")
    )
    if case_open or certification.result == "needs_review":
        return _NEXT["review"]
    return _NEXT["retry" if certification.result == "retry" else "reject"]


def receipt_kind_of(certification: Certification) -> str:
    """The receipt kind of a certification's method (home visit and delegated have their own)."""
    return certification.method if certification.method in ("home_visit", "delegated") else "certification"


def issue_not_passed_slip(store: Store, actor: str, certification_uuid: str) -> Receipt:
    """Issue (number, sign, store) the slip for a certification that did not pass; print it with
    ``receipts.print_receipt(store, actor, slip.number, layout=...)``.

    Each call issues a new slip (e.g. a second one after the review case was opened, which then
    names the case). UserError ``slip.no_record`` for an unknown certification, ``slip.passed``
    for one that passed (its receipt is the paper).
    """
    try:
        certification = store.certifications.get(certification_uuid)
    except NotFound:
        raise UserError("No certification with that id.", code="slip.no_record") from None
    if certification.result not in NOT_PASSED:
        raise UserError("This certification passed; print its receipt instead of a slip.", code="slip.passed")
    person = store.people.get(certification.person_uuid)
    notes = (
        (*TRIED_LABEL, tried_words(store, certification)),
        (*NEXT_STEP_LABEL, next_step(store, certification)),
    )
    with store.transaction(actor):
        return issue_receipt(
            store,
            kind=receipt_kind_of(certification),
            record_uuid=certification.uuid,
            person_uuid=person.uuid,
            id_number=person.id_number,
            result=certification.result,
            device=certification.device,
            actor=actor,
            notes=notes,
        )
