"""A photo or document a family member sends their worker. The pot's receipt rules apply: a PDF, PNG or
JPEG, recognised by its first bytes (an HTML page named .jpg is refused), no bigger than
FAMILY_DOCUMENT_MAX_BYTES. It is stored outside any public URL and served only through access-checked
views (the member who sent it; staff who may see the family)."""

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from family_portal.models import FamilyMessage
from family_portal.services.messages import family_message_record
from family_portal.visibility import MemberView
from pots.models import RECEIPT_EXTENSIONS

CONTENT_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def check_document(upload: Any) -> str:
    """The file's suffix if it may be sent, else a ValidationError the member can act on."""
    max_bytes = settings.FAMILY_DOCUMENT_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file must be smaller than %(mb)s MB. Send a smaller photo, or take it again.")
            % {"mb": max_bytes // (1024 * 1024)},
            code="too_big",
        )
    wrong_type = _("The file must be a photo (JPG or PNG) or a PDF.")
    suffix = PurePath(upload.name or "").suffix.lower()
    magic = RECEIPT_EXTENSIONS.get(suffix)
    if magic is None:
        raise ValidationError(wrong_type, code="file_type")
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(wrong_type, code="file_type")
    return suffix


@transaction.atomic
def member_document_send(*, member: MemberView, upload: Any, note: str = "") -> FamilyMessage:
    suffix = check_document(upload)
    original = PurePath(upload.name or "").name
    # A name of our own on disk: the member's file name is kept for display only.
    upload.name = f"{uuid.uuid4().hex}{suffix}"
    return family_message_record(
        member=member,
        kind=FamilyMessage.Kind.DOCUMENT,
        text=note,
        file=upload,
        file_name=original[:200] or upload.name,
        content_type_name=CONTENT_TYPES[suffix],
    )
