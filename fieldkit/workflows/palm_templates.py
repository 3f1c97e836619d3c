"""Palm templates of the current format, made again from kept images when the format moved on.

Why: the palm engine's template format is versioned (``matching.palm_template``); a code made by an
older filter bank must never be compared with a new one, yet the people enrolled before an upgrade
must still be certified and searched. The store keeps each capture's image (until retention drops
it after a confirmed sync), so an outdated template is re-extracted from its image in memory, with
the same engine that makes new ones. When the image is gone too, the template is refused with a
clear code (``template.outdated``): the person has to be enrolled again.
"""

from __future__ import annotations

from collections.abc import Iterator

from fieldkit.errors import UserError
from matching.errors import MatchingError
from matching.image_io import decode_grey
from matching.palm import analyse_palm
from matching.palm_template import FORMAT_NAME, OUTDATED_FORMAT_NAMES
from storage.records import BiometricSample
from storage.store import Store

OUTDATED_MESSAGE = (
    "This person's palm templates were made by an older version of fieldkit and their images are no "
    "longer kept: enrol the palms again."
)


def remade(image: bytes) -> bytes | None:
    """A current-format template from a kept image, or None if the image no longer gives one."""
    try:
        return analyse_palm(decode_grey(image)).template
    except MatchingError:
        return None


def current_template(sample: BiometricSample) -> bytes | None:
    """The sample's palm template in the current format (re-extracted if outdated), or None.

    Raises ``template.outdated`` when only an outdated template is left (image dropped).
    """
    if sample.modality != "palm" or sample.template is None:
        return None
    if sample.template_format == FORMAT_NAME:
        return sample.template
    if sample.template_format not in OUTDATED_FORMAT_NAMES:
        return None
    if not sample.image:
        raise UserError(OUTDATED_MESSAGE, code="template.outdated")
    return remade(sample.image)


def gallery_templates(store: Store) -> Iterator[tuple[str, str, str | None, bytes]]:
    """(person UUID, sample UUID, hand, current template) for every palm the gallery should hold.

    note: outdated samples without an image cannot be searched; they are left out (and show up as
    ``template.outdated`` when that person is certified).
    """
    yield from store.enrollments.templates(FORMAT_NAME)
    for old in OUTDATED_FORMAT_NAMES:
        for person_uuid, sample_uuid, hand, image in store.enrollments.images(old):
            template = remade(image)
            if template is not None:
                yield person_uuid, sample_uuid, hand, template
