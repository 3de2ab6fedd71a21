"""A member's choice of language for their pages, messages and PDFs."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import save_with_actor
from family_portal.models import Language, MemberAccess
from staff.models import User


@transaction.atomic
def member_language_set(*, actor: User, access: MemberAccess, language: str) -> MemberAccess:
    if language not in Language.values:
        raise ValidationError({"language": _("Choose English or Cymraeg.")})
    access = MemberAccess.objects.select_for_update().get(pk=access.pk)
    if access.language != language:
        access.language = language
        save_with_actor(access, actor=actor, reason=_("Chose their language"))
    return access
