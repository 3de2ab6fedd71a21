"""Inviting a family member to the family's own pages, and withdrawing the invitation (the staff side).

The lead (or their manager) invites an adult, or a young person from FAMILY_MEMBER_MIN_AGE, by email or
text message. The invitation creates the member's user (role "family member", no password: they sign in
with a one-time code) and tells them what the pages are and how to sign in. Withdrawing it ends every
session the member has, at once.
"""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.calendar import today
from core.email import send_templated_email
from core.history import save_with_actor
from families.models import Family, Person
from family_portal.addresses import normalise_email, normalise_mobile
from family_portal.backends import backend_for
from family_portal.models import Channel, Language, MemberAccess, SignInCode
from staff import services as staff_services
from staff.models import User

WELSH_NAMES = {"welsh", "cymraeg", "cy"}


def age_on(person: Person, on: datetime.date) -> int | None:
    born = person.date_of_birth
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def invite_refusal(person: Person) -> str | None:
    """Why this person cannot be invited, in words for the lead; None if they can."""
    if person.household_role == Person.HouseholdRole.UNBORN or (
        person.date_of_birth is None and person.expected_due_date is not None
    ):
        return _("%(name)s is not born yet, so cannot be invited.") % {"name": person.display_name}
    minimum = int(settings.FAMILY_MEMBER_MIN_AGE)
    age = age_on(person, today())
    young = person.household_role in (Person.HouseholdRole.CHILD, Person.HouseholdRole.YOUNG_PERSON)
    if age is None and young:
        return _(
            "Add %(name)s's date of birth first: a young person can be invited from the age of %(age)s."
        ) % {"name": person.display_name, "age": minimum}
    if age is not None and age < minimum:
        return _("%(name)s is %(years)s. A young person can be invited from the age of %(age)s.") % {
            "name": person.display_name,
            "years": age,
            "age": minimum,
        }
    return None


def invite_defaults(person: Person) -> dict[str, Any]:
    """The invitation form, filled in from the person's record and their communication needs."""
    access = getattr(person, "portal_access", None)
    if access is not None:
        return {
            "email": access.email,
            "phone": access.phone,
            "channel": access.channel,
            "language": access.language,
            "large_print": access.large_print,
            "show_worker_scores": access.show_worker_scores,
        }
    preferred = person.preferred_contact
    channel = preferred if preferred in (Channel.EMAIL, Channel.TEXT, Channel.LETTER) else ""
    if not channel:
        channel = Channel.EMAIL if person.email or not person.phone else Channel.TEXT
    welsh = (person.preferred_language or "").strip().lower() in WELSH_NAMES
    return {
        "email": person.email,
        "phone": normalise_mobile(person.phone) or "",
        "channel": channel,
        "language": Language.WELSH if welsh else Language.ENGLISH,
        "large_print": person.large_print,
    }


def _check_addresses(*, person: Person, email: str, phone: str, channel: str) -> tuple[str, str]:
    clean_email = normalise_email(email) if email else ""
    clean_phone = normalise_mobile(phone) if phone else ""
    errors: dict[str, str] = {}
    if email and clean_email is None:
        errors["email"] = _("Enter an email address in the correct format, like name@example.com")
    if phone and clean_phone is None:
        errors["phone"] = _("Enter a UK mobile phone number, like 07700 900 982")
    if not email and not phone:
        errors["email"] = _("Give an email address or a mobile phone number: the sign-in code is sent there.")
    if channel == Channel.EMAIL and not email:
        errors.setdefault("email", _("Give an email address to keep them informed by email."))
    if channel == Channel.TEXT and not phone:
        errors.setdefault("phone", _("Give a mobile phone number to keep them informed by text message."))
    if errors:
        raise ValidationError(errors)
    clash = Q()
    if clean_email:
        clash |= Q(email__iexact=clean_email)
    if clean_phone:
        clash |= Q(phone=clean_phone)
    others = (
        MemberAccess.objects.filter(clash)
        .exclude(person=person)
        .exclude(status=MemberAccess.Status.WITHDRAWN)
    )
    if any(other.is_open for other in others.select_related("person__family")):
        raise ValidationError(
            _(
                "Another family member already signs in with this email address or phone number. Each member needs their own."
            )
        )
    return clean_email or "", clean_phone or ""


def _new_user(*, actor: User, person: Person) -> User:
    return staff_services.user_create(
        actor=actor,
        username=f"family-{person.pk}-{secrets.token_hex(4)}",
        password=None,
        role=User.Role.FAMILY_MEMBER,
        first_name=(person.preferred_name or person.first_name)[:150],
        last_name=person.last_name[:150],
    )


@transaction.atomic
def member_invite(
    *,
    actor: User,
    person: Person,
    email: str = "",
    phone: str = "",
    channel: str = Channel.EMAIL,
    language: str = Language.ENGLISH,
    large_print: bool = False,
    show_worker_scores: bool = False,
) -> MemberAccess:
    """Invite the person (or invite them again, after a withdrawal or with new details) and send the
    invitation once the transaction commits."""
    family = Family.objects.select_for_update().get(pk=person.family_id)
    if family.status != Family.Status.OPEN:
        raise ValidationError(_("The family's record is closed, so nobody can be invited."))
    person = Person.objects.select_for_update().get(pk=person.pk)
    refusal = invite_refusal(person)
    if refusal:
        raise ValidationError(refusal)
    email, phone = _check_addresses(person=person, email=email, phone=phone, channel=channel)
    access = MemberAccess.objects.select_for_update().filter(person=person).first()
    if access is None:
        access = MemberAccess(person=person, user=_new_user(actor=actor, person=person))
        reason = _("Invited to the family's own pages")
    else:
        reason = _("Invited again to the family's own pages")
        if not access.user.is_active:
            staff_services.user_update(actor=actor, user=access.user, is_active=True, reason=reason)
        if access.status == MemberAccess.Status.WITHDRAWN:
            access.status = MemberAccess.Status.INVITED
    access.email, access.phone = email, phone
    access.channel, access.language, access.large_print = channel, language, large_print
    access.show_worker_scores = show_worker_scores
    access.invited_by, access.invited_at = actor, timezone.now()
    access.withdrawn_at, access.withdrawn_reason = None, ""
    access.full_clean(exclude=["user", "person", "invited_by"])
    save_with_actor(access, actor=actor, reason=reason)
    access_id = access.pk
    transaction.on_commit(lambda: invitation_send(access=MemberAccess.objects.get(pk=access_id)))
    return access


@transaction.atomic
def member_withdraw(*, actor: User, access: MemberAccess, reason: str) -> MemberAccess:
    """The member can no longer sign in, and every session they have ends now."""
    access = MemberAccess.objects.select_for_update().get(pk=access.pk)
    if access.status == MemberAccess.Status.WITHDRAWN:
        raise ValidationError(_("This invitation has already been withdrawn."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the invitation is withdrawn.")})
    access.status = MemberAccess.Status.WITHDRAWN
    access.withdrawn_at = timezone.now()
    access.withdrawn_reason = reason.strip()
    save_with_actor(access, actor=actor, reason=_("Invitation withdrawn"))
    SignInCode.objects.filter(access=access, used_at__isnull=True).update(expires_at=timezone.now())
    # Deactivating the user ends every session at once (staff.services.user_deactivate).
    staff_services.user_deactivate(actor=actor, user=access.user, reason=_("Family invitation withdrawn"))
    return access


def sign_in_link() -> str:
    return f"{str(settings.SITE_URL).rstrip('/')}{reverse('family_portal:sign_in')}"


def text_send(*, to: str, body: str) -> None:
    """A text message through the configured backend (FAMILY_NOTIFY_BACKENDS["text"])."""
    backend = backend_for(Channel.TEXT)
    backend.send(to=to, body=body)


def invitation_send(*, access: MemberAccess) -> None:
    """The invitation, by the member's channel when it is email or text (by email for a letter reader
    with an address, else by text), in the member's language."""
    person = access.person
    by_text = access.channel == Channel.TEXT or not access.email
    context = {
        "first_name": person.preferred_name or person.first_name,
        "link": sign_in_link(),
        "address": access.phone if by_text else access.email,
        "worker": person.family.lead_practitioner,
        "minutes": settings.FAMILY_CODE_LIFETIME_MINUTES,
    }
    with translation.override(access.language):
        if by_text:
            # A text carries no personal detail beyond the first name and a link.
            body = (
                _(
                    "Hello %(first_name)s. You can now see your family's plan online. Sign in with this "
                    "phone number: %(link)s"
                )
                % context
            )
            text_send(to=access.phone, body=body)
            return
        send_templated_email(
            to=[access.email],
            subject=_("You can now see your family's plan online"),
            text_template="family_portal/email/invitation.txt",
            context=context,
        )
