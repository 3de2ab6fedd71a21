"""Demo data for the family's own pages: in the named lead's first family, a parent with open access who
signs in as DEMO_FAMILY_EMAIL (the code appears in the console, as every demo email does)."""

from django.core.exceptions import ValidationError

from core.demo import DemoContext
from families.demo import DEMO_FAMILY_EMAIL
from families.models import Family, Person
from family_portal.models import Channel, Language, MemberAccess
from family_portal.services.invitations import invite_refusal, member_invite
from staff.models import User

ADULTS = (Person.HouseholdRole.PARENT, Person.HouseholdRole.CARER, Person.HouseholdRole.EXPECTANT_PARENT)


def seed(ctx: DemoContext) -> None:
    if MemberAccess.objects.filter(email__iexact=DEMO_FAMILY_EMAIL).exists():
        return
    lead = User.objects.filter(username=ctx.logins.get("Lead practitioner", "lead")).first()
    families = Family.objects.filter(pk__in=ctx.detailed_family_ids(), status=Family.Status.OPEN)
    if lead is not None:
        families = families.filter(lead_practitioner=lead)
    for family in families.select_related("lead_practitioner").order_by("pk"):
        if family.lead_practitioner is None:
            continue
        for person in family.members.filter(household_role__in=ADULTS).order_by("pk"):
            if invite_refusal(person) or hasattr(person, "portal_access"):
                continue
            try:
                member_invite(
                    actor=family.lead_practitioner,
                    person=person,
                    email=DEMO_FAMILY_EMAIL,
                    channel=Channel.EMAIL,
                    language=Language.ENGLISH,
                )
            except ValidationError:
                continue
            return
