"""Family members with their own pages, for the notification and Welsh tests."""

import itertools
from typing import Any

from django.contrib.contenttypes.models import ContentType

from family_portal.models import Channel, MemberAccess, Restriction
from staff.models import User
from tests import factories

_counter = itertools.count(1)


def member(
    family: Any,
    *,
    first_name: str = "Sam",
    last_name: str = "Taylor",
    channel: str = Channel.EMAIL,
    language: str = "en-gb",
    large_print: bool = False,
    email: str | None = None,
    phone: str = "07700 900123",
    person: Any = None,
) -> MemberAccess:
    n = next(_counter)
    person = person or factories.person(family=family, first_name=first_name, last_name=last_name)
    user = User.objects.create(username=f"family-member-{n}", role=User.Role.FAMILY_MEMBER)
    user.set_unusable_password()
    user.save()
    return MemberAccess.objects.create(
        person=person,
        user=user,
        email=email if email is not None else f"member{n}@example.org",
        phone=phone,
        channel=channel,
        language=language,
        large_print=large_print,
        status=MemberAccess.Status.ACTIVE,
        invited_by=family.lead_practitioner,
    )


def hide(access: MemberAccess, item: Any) -> Restriction:
    return Restriction.objects.create(
        access=access,
        kind=Restriction.Kind.ITEM,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        reason="Safeguarding",
        created_by=access.invited_by,
    )
