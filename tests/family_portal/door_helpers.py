import re
from typing import Any

from django.core import mail
from django.urls import reverse

from family_portal.models import MemberAccess
from family_portal.services.invitations import member_invite
from tests import factories


def parent(cast: Any, **extra: Any) -> Any:
    fields = {"first_name": "Pat", "last_name": "Taylor", "email": "pat@example.org", "phone": "07700 900123"}
    fields.update(extra)
    return factories.person(family=cast.family, **fields)


def invited(cast: Any, *, email: str = "pat@example.org", phone: str = "", **extra: Any) -> MemberAccess:
    person = parent(cast, email=email, phone=phone, **extra)
    access = member_invite(
        actor=cast.lead, person=person, email=email, phone=phone, channel="email" if email else "text"
    )
    mail.outbox.clear()
    return access


def code_from_outbox(index: int = -1) -> str:
    found = re.search(r"\b(\d{6})\b", mail.outbox[index].body)
    assert found, mail.outbox[index].body
    return found.group(1)


def ask_for_code(client: Any, capture: Any, address: str = "pat@example.org", next_url: str = "") -> Any:
    """Post the sign-in page (the code is sent once the transaction commits: `capture` is pytest-django's
    django_capture_on_commit_callbacks)."""
    url = reverse("family_portal:sign_in") + (f"?next={next_url}" if next_url else "")
    with capture(execute=True):
        return client.post(url, {"address": address})


def enter_code(client: Any, code: str) -> Any:
    return client.post(reverse("family_portal:sign_in_code"), {"code": code})
