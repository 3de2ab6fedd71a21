"""Access rows for every agencies URL: the family's Referrals tab (lead and managers), the email-link
pages (anyone holding a valid link), and the partner-agency portal (the referred agency's staff only)."""

from django.urls import reverse

from agencies.links import response_token
from agencies.models import Category, Consent, ReferralResponse
from agencies.services.agency import agency_create, agency_inbox_add
from agencies.services.consent import consent_give
from agencies.services.referral import referral_send
from tests.access import STAFF_SIDE_ROLES, AccessRow, everyone_but

LEAD_AND_MANAGER = everyone_but({"lead": 200, "manager": 200})
AGENCY_ONLY = everyone_but({"agency_worker": 200})
EVERYONE_200 = {role: 200 for role in STAFF_SIDE_ROLES}
EVERYONE_404 = {role: 404 for role in STAFF_SIDE_ROLES}


def _agency(cast, name="Norwich Housing"):
    from partners.models import Agency

    agency = Agency.objects.filter(name=name).first()
    return agency or agency_create(
        actor=None, name=name, inboxes=[f"referrals@{name.lower().replace(' ', '-')}.example.org"]
    )


def _consented(cast, agency, family=None):
    family = family or cast.family
    for category in Category.values:
        consent_give(
            actor=family.lead_practitioner,
            family=family,
            agency=agency,
            category=category,
            given_by=family.members.first(),
            how=Consent.How.SIGNED,
        )


def referred_to_worker(cast, family=None) -> ReferralResponse:
    """A referral of the cast's family to the agency of the cast's agency worker."""
    agency = cast.agency_worker.agency
    if not agency.inboxes.exists():
        agency_inbox_add(actor=None, agency=agency, email="referrals@agency-worker.example.org")
    family = family or cast.family
    _consented(cast, agency, family)
    referral = referral_send(
        actor=family.lead_practitioner,
        family=family,
        agencies=[agency],
        request="Help with school attendance.",
        shares=Category.values,
    )
    return referral.responses.get()


def referred_elsewhere(cast) -> ReferralResponse:
    agency = _agency(cast, "Another Agency")
    _consented(cast, agency)
    referral = referral_send(
        actor=cast.lead,
        family=cast.family,
        agencies=[agency],
        request="Help with housing.",
        shares=Category.values,
    )
    return referral.responses.get()


def _ref(name, *extra):
    return lambda cast: reverse(f"agencies:{name}", args=[cast.family.reference, *extra])


def _referral_url(name):
    return lambda cast: reverse(
        f"agencies:{name}", args=[cast.family.reference, referred_elsewhere(cast).referral_id]
    )


def _consent_withdraw(cast):
    agency = _agency(cast)
    _consented(cast, agency)
    consent = Consent.objects.filter(agency=agency).first()
    return reverse("agencies:consent_withdraw", args=[cast.family.reference, consent.pk])


def _link(name, tamper=False):
    def build(cast):
        token = response_token(referred_elsewhere(cast))
        if tamper:
            token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        return reverse(f"agencies:{name}", args=[token])

    return build


def _other_family_referred_elsewhere(cast):
    from tests import factories

    family = factories.family(lead_practitioner=cast.colleague, name="Other family")
    factories.person(family=family)
    return reverse("agencies:portal_family", args=[family.reference])


def _agency_action(cast):
    from assessments.models import Domain
    from plans import services as plan_services

    response = referred_to_worker(cast)
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    goal = plan_services.goal_add(
        actor=cast.lead, plan=plan, domain=Domain.objects.first(), text="Jo goes to school"
    )
    action = plan_services.action_add(
        actor=cast.lead, goal=goal, text="Attendance officer visits", owner_agency=response.agency
    )
    return reverse("agencies:portal_action_update", args=[action.pk])


def _other_agency_action(cast):
    from assessments.models import Domain
    from plans import services as plan_services

    response = referred_elsewhere(cast)
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    goal = plan_services.goal_add(
        actor=cast.lead, plan=plan, domain=Domain.objects.first(), text="A safe home"
    )
    action = plan_services.action_add(
        actor=cast.lead, goal=goal, text="Housing visit", owner_agency=response.agency
    )
    return reverse("agencies:portal_action_update", args=[action.pk])


ROWS = [
    AccessRow("agencies:family_referrals", _ref("family_referrals"), LEAD_AND_MANAGER),
    AccessRow("agencies:referral_new", _ref("referral_new"), LEAD_AND_MANAGER),
    AccessRow("agencies:referral_detail", _referral_url("referral_detail"), LEAD_AND_MANAGER),
    AccessRow("agencies:referral_close", _referral_url("referral_close"), LEAD_AND_MANAGER),
    AccessRow("agencies:consent_new", _ref("consent_new"), LEAD_AND_MANAGER),
    AccessRow("agencies:consent_grid", _ref("consent_grid"), LEAD_AND_MANAGER),
    AccessRow(
        "agencies:consent_grid",
        _ref("consent_grid"),
        LEAD_AND_MANAGER,
        method="POST",
        data=lambda cast: {"how": "verbal"},
        note="a grid with nothing ticked is re-shown with errors to those who may record consent",
    ),
    AccessRow("agencies:consent_withdraw", _consent_withdraw, LEAD_AND_MANAGER),
    AccessRow("agencies:family_agency_new", _ref("family_agency_new"), LEAD_AND_MANAGER),
    # A stranger's POST is refused like a GET: 404, and nothing is written.
    AccessRow(
        "agencies:referral_new",
        _ref("referral_new"),
        everyone_but({"lead": 200, "manager": 200}),
        method="POST",
        data=lambda cast: {"request": "", "urgency": "routine"},
        note="an empty referral is re-shown with errors to those who may send one",
    ),
    # The email link works for whoever holds it, signed in or not; a tampered one shows nothing.
    AccessRow("agencies:answer", _link("answer"), EVERYONE_200),
    AccessRow("agencies:answer", _link("answer", tamper=True), EVERYONE_404),
    AccessRow("agencies:answer_code", _link("answer_code"), EVERYONE_200),
    AccessRow("agencies:answer_code", _link("answer_code", tamper=True), EVERYONE_404),
    AccessRow(
        "agencies:answer_shared", _link("answer_shared"), EVERYONE_200, note="locked: shows the code form"
    ),
    AccessRow("agencies:answer_shared", _link("answer_shared", tamper=True), EVERYONE_404),
    # The portal: the referred agency's staff only; another agency's referral and families are 404.
    AccessRow("agencies:portal_inbox", lambda cast: reverse("agencies:portal_inbox"), AGENCY_ONLY),
    AccessRow(
        "agencies:portal_response",
        lambda cast: reverse("agencies:portal_response", args=[referred_to_worker(cast).pk]),
        AGENCY_ONLY,
    ),
    AccessRow(
        "agencies:portal_response",
        lambda cast: reverse("agencies:portal_response", args=[referred_elsewhere(cast).pk]),
        everyone_but({}),
        note="agency A cannot see agency B's referral",
    ),
    AccessRow(
        "agencies:portal_family",
        lambda cast: reverse(
            "agencies:portal_family", args=[referred_to_worker(cast).referral.family.reference]
        ),
        AGENCY_ONLY,
    ),
    AccessRow(
        "agencies:portal_family",
        _other_family_referred_elsewhere,
        everyone_but({}),
        note="a family not referred to the agency",
    ),
    AccessRow("agencies:portal_actions", lambda cast: reverse("agencies:portal_actions"), AGENCY_ONLY),
    AccessRow("agencies:portal_action_update", _agency_action, AGENCY_ONLY),
    AccessRow("agencies:portal_action_update", _other_agency_action, everyone_but({})),
    # GOV.UK Notify's delivery receipts: only Notify, with the callback token; a session is no way in.
    AccessRow(
        "agencies:notify_delivery_receipt",
        lambda cast: reverse("agencies:notify_delivery_receipt"),
        {**{role: 401 for role in STAFF_SIDE_ROLES}, "family_member": 404, "other_family_member": 404},
        method="POST",
        data=lambda cast: {"id": "x", "status": "delivered"},
        note="no bearer token: 401 JSON (family members stay fenced in /my/)",
    ),
]
