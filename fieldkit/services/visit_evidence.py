"""The evidence of a certification away from the counter: the visit photo, where, and the paths'
forms (home visit, delegated office, no-card approval) checked before any capture starts.

Why a service: the bedside visit, the delegated certification and the no-card approval are the
field paths that used to need the command line. The desktop app and ``fieldkit certify`` build the
same ``HomeVisit`` / ``Delegation`` / ``NoCardApproval`` through these functions, and the checks run
*before* the captures (a missing witness is said at once, not after the retiree held out a palm).
The location is a GPS fix from the configured receiver (``capture.location``) or typed by the
clerk: coordinates ("36.61, 114.49") become a checked manual fix, anything else is kept as an address.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from capture.location import Fix, manual_fix
from fieldkit.devices.hub import DeviceHub
from fieldkit.errors import UserError
from fieldkit.workflows.exceptions import Delegation, HomeVisit, NoCardApproval, evidence_for

COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
PHOTO_TIMEOUT = 5.0


def take_visit_photo(hub: DeviceHub) -> npt.NDArray[np.uint8]:
    """One picture from the camera (the room, the person in bed, the witness): not a face check."""
    frame = hub.frames("face_camera").grab(timeout=PHOTO_TIMEOUT)
    return np.asarray(frame.image, dtype=np.uint8)


def read_gps(hub: DeviceHub, *, timeout: float = 10.0) -> dict[str, object]:
    """A fix from the location receiver, as recorded in the certification's evidence."""
    if not hub.state("location").configured:
        raise UserError("No GPS receiver is set up: type the place instead.", code="location.none")
    return fix_evidence(hub.get("location").read_fix(timeout=timeout))


def fix_evidence(fix: Fix) -> dict[str, object]:
    return {"latitude": round(fix.latitude, 6), "longitude": round(fix.longitude, 6), "source": fix.source}


def typed_location(text: str) -> dict[str, object]:
    """Coordinates typed as "lat, lon" (range-checked), or an address kept as words."""
    text = text.strip()
    if not text:
        raise UserError("Give the place of the visit: read the GPS or type it.", code="location.missing")
    match = COORDINATES.match(text)
    if match:
        try:
            return fix_evidence(manual_fix(float(match.group(1)), float(match.group(2))))
        except ValueError as error:
            raise UserError(str(error), code="location.bad") from None
    return {"address": text, "source": "typed"}


def location_text(location: dict[str, object] | None) -> str:
    """How a location is shown back to the clerk (coordinates or the address)."""
    if not location:
        return ""
    if "address" in location:
        return str(location["address"])
    return f"{location['latitude']}, {location['longitude']} ({location['source']})"


def build_evidence(
    *,
    mode: str,
    witness: str = "",
    relation: str = "",
    photo: npt.NDArray[np.uint8] | None = None,
    location: dict[str, object] | None = None,
    office: str = "",
    documents: tuple[str, ...] = (),
    no_card_reference: str = "",
    no_card_approver: str = "",
    no_card: bool = False,
) -> tuple[HomeVisit | None, Delegation | None, NoCardApproval | None]:
    """The path's evidence, checked now (``mode`` is "office", "home_visit" or "delegated")."""
    visit = delegation = approval = None
    if mode == "home_visit":
        if location is None:
            raise UserError("Give the place of the visit: read the GPS or type it.", code="location.missing")
        visit = HomeVisit(witness_name=witness, witness_relation=relation, photo=photo, location=location)
    elif mode == "delegated":
        delegation = Delegation(office=office, documents=tuple(documents))
    if no_card:
        approval = NoCardApproval(reference=no_card_reference, approved_by=no_card_approver)
    evidence_for(visit, delegation, approval)  # raises the clerk's message for anything missing
    return visit, delegation, approval
