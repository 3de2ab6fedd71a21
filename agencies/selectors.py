"""Read queries for agencies, consent and referrals (select_related/prefetch_related live here)."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldError
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from agencies import permissions
from agencies.models import (
    Category,
    Consent,
    FamilyAgency,
    OutboxMessage,
    Referral,
    ReferralResponse,
    ResponseEvent,
)
from assessments.models import Assessment
from core.calendar import today, working_days_between
from families import selectors as family_selectors
from families.models import Family
from partners.models import Agency
from plans.models import Action, Goal
from staff.models import User


def agency_choices(*, search: str = "") -> QuerySet[Agency]:
    """Agencies a referral can go to, narrowed by a search of their names and, where the service
    directory lists services answered through an agency, those services' names and needs."""
    agencies = Agency.objects.prefetch_related("inboxes").order_by("name")
    term = search.strip()
    if not term:
        return agencies
    condition = Q(name__icontains=term)
    directory = Q(directory_services__name__icontains=term) | Q(
        directory_services__taxonomy_terms__name__icontains=term
    )
    directory |= Q(directory_organizations__name__icontains=term)
    try:
        pks = Agency.objects.filter(condition | directory).values("pk")
    except FieldError:  # the directory app is not installed here
        pks = Agency.objects.filter(condition).values("pk")
    return agencies.filter(pk__in=pks)


def family_agency_links(*, family: Any) -> QuerySet[FamilyAgency]:
    return FamilyAgency.objects.filter(family=family).select_related("agency").order_by("agency__name")


def referral_agency_choices(*, family: Family, search: str = "") -> tuple[QuerySet[Agency], list[int]]:
    """The agencies the referral form offers, and the ones it ticks: those working with the family now
    and those the family agreed to share with."""
    choices = agency_choices(search=search)
    linked = (
        family_agency_links(family=family).filter(ended_on__isnull=True).values_list("agency_id", flat=True)
    )
    ticked = sorted({*linked, *consented_agency_ids(family=family)})
    if search:
        # Keep the family's agencies in the list while searching, so they stay ticked.
        choices = agency_choices().filter(pk__in=[*choices.values_list("pk", flat=True), *ticked])
    return choices, ticked


def plan_goals(*, family: Family) -> QuerySet[Goal] | None:
    """The goals of the family's plan, which a referral may concern (None without a plan)."""
    plan = getattr(family, "plan", None) if hasattr(family, "plan") else None
    return Goal.objects.filter(plan=plan).order_by("order", "pk") if plan else None


def open_actions_by_agency(*, goals: Sequence[Any], agencies: Sequence[Agency]) -> dict[int, Action]:
    """For each agency, the open plan action it owns under the goals the referral concerns (if any):
    the agency's answers move that action on."""
    if not goals:
        return {}
    found: dict[int, Action] = {}
    for action in Action.objects.filter(
        goal__in=goals, owner_agency__in=agencies, status__in=Action.OPEN_STATUSES
    ).order_by("due_on", "pk"):
        if action.owner_agency_id is not None:
            found.setdefault(action.owner_agency_id, action)
    return found


def family_consents(*, family: Any) -> QuerySet[Consent]:
    return Consent.objects.filter(family=family).select_related("agency", "given_by", "recorded_by")


def missing_consents(
    *, family: Family, agencies: Iterable[Agency], categories: Iterable[str]
) -> list[tuple[Agency, str]]:
    """(agency, category) pairs the referral would share without a standing, unexpired consent."""
    agencies = list(agencies)
    categories = [c for c in Category.values if c in set(categories)]
    standing = {
        (c.agency_id, c.category)
        for c in Consent.objects.filter(family=family, agency__in=agencies, withdrawn_at__isnull=True)
        if c.is_valid()
    }
    return [(a, c) for a in agencies for c in categories if (a.pk, c) not in standing]


def standing_consents(*, family: Family, agencies: Iterable[Agency]) -> dict[tuple[int, str], Consent]:
    """The standing, unexpired consent for each (agency id, category) the family has agreed to."""
    return {
        (c.agency_id, c.category): c
        for c in Consent.objects.filter(family=family, agency__in=list(agencies), withdrawn_at__isnull=True)
        if c.is_valid()
    }


def consented_agency_ids(*, family: Family) -> list[int]:
    """Agencies the family has agreed to share at least one category with (pre-ticked on a referral)."""
    return sorted(
        {
            c.agency_id
            for c in Consent.objects.filter(family=family, withdrawn_at__isnull=True)
            if c.is_valid()
        }
    )


def categories_agreed_by_all(*, family: Family, agencies: Iterable[Agency]) -> list[str]:
    """The categories the family agreed to share with every one of the agencies (what a referral to
    them shares when the worker does not narrow it)."""
    agencies = list(agencies)
    if not agencies:
        return []
    missing = {
        c for _agency, c in missing_consents(family=family, agencies=agencies, categories=Category.values)
    }
    return [c for c in Category.values if c not in missing]


def family_referrals(*, family: Any) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(family=family)
        .select_related("sent_by")
        .prefetch_related(Prefetch("responses", queryset=ReferralResponse.objects.select_related("agency")))
        .order_by("-sent_at")
    )


def referral_detail(*, family: Any, pk: int) -> Referral | None:
    return (
        Referral.objects.filter(family=family, pk=pk)
        .select_related("sent_by", "override_by")
        .prefetch_related(
            "concerns",
            Prefetch(
                "responses",
                queryset=ReferralResponse.objects.select_related("agency", "action").prefetch_related(
                    Prefetch("events", queryset=ResponseEvent.objects.select_related("actor")),
                    Prefetch(
                        "outbox_messages",
                        queryset=OutboxMessage.objects.filter(kind__in=AGENCY_EMAIL_KINDS).exclude(
                            delivery_status=""
                        ),
                        to_attr="receipted_emails",
                    ),
                ),
            ),
        )
        .first()
    )


def response_events(*, response: ReferralResponse) -> QuerySet[ResponseEvent]:
    return response.events.select_related("actor")


def shared_information(*, family: Family, categories: list[str]) -> dict[str, Any]:
    """What an agency may read of a family: what the family agreed to share, read category by
    category (nothing else is queried)."""
    info: dict[str, Any] = {}
    if Category.CONTACT in categories:
        info["contact"] = {"family": family, "members": list(family_selectors.family_members(family=family))}
    if Category.ASSESSMENT in categories:
        assessment = Assessment.objects.filter(family=family).prefetch_related("entries__domain").first()
        info["assessment"] = assessment
    if Category.PLAN in categories:
        info["plan"] = list(
            Goal.objects.filter(plan__family=family)
            .select_related("domain")
            .prefetch_related("actions__owner_agency")
        )
    if Category.CHRONOLOGY in categories:
        info["chronology"] = family_selectors.family_chronology(family=family, limit=50)
    return info


@dataclass(frozen=True)
class Wait:
    text: str
    late: bool


def waited(response: ReferralResponse, *, now: datetime.datetime | None = None) -> Wait:
    """How long the agency has kept the family waiting for an acknowledgement (working days, or
    hours on the first day), and whether it is past the service level."""
    now = now or timezone.now()
    end = response.acknowledged_at or now
    start = response.referral.sent_at
    days = working_days_between(timezone.localdate(start), timezone.localdate(end))
    hours = int((end - start).total_seconds() // 3600)
    if days == 0 and hours == 0:
        text = gettext("less than an hour")
    elif days == 0:
        text = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    else:
        text = ngettext("%(n)d working day", "%(n)d working days", days) % {"n": days}
    late = (response.acknowledged_at or now) > response.ack_due_at
    return Wait(text, late)


# The emails that go to an agency's own addresses, whose delivery a lead needs to know of.
AGENCY_EMAIL_KINDS = (OutboxMessage.Kind.ALERT, OutboxMessage.Kind.REMINDER, OutboxMessage.Kind.ESCALATION)


@dataclass(frozen=True)
class EmailDelivery:
    text: str
    bounced: bool


def email_delivery(response: ReferralResponse) -> EmailDelivery | None:
    """What GOV.UK Notify's receipts say of the emails to the agency (from `referral_detail`'s prefetch):
    a bounce of any of them first, else whether the alert arrived. None without receipts (no Notify)."""
    emails = getattr(response, "receipted_emails", [])
    Delivery = OutboxMessage.Delivery
    bounced = [m for m in emails if m.delivery_status == Delivery.PERMANENT_FAILURE]
    if bounced:
        return EmailDelivery(
            gettext("Inbox bounced: check the address %(address)s") % {"address": bounced[0].delivery_detail},
            True,
        )
    alert = next((m for m in emails if m.kind == OutboxMessage.Kind.ALERT), None)
    if alert is None:
        return None
    if alert.delivery_status == Delivery.DELIVERED and alert.delivered_at:
        at = timezone.localtime(alert.delivered_at)
        return EmailDelivery(gettext("Alert delivered %(time)s") % {"time": f"{at:%H:%M}"}, False)
    return EmailDelivery(str(alert.get_delivery_status_display()), True)


PORTAL_BOXES = {
    "new": (ReferralResponse.Status.SENT,),
    "waiting": (ReferralResponse.Status.ACKNOWLEDGED, ReferralResponse.Status.MORE_INFO),
    "accepted": (ReferralResponse.Status.ACCEPTED,),
    "closed": ReferralResponse.CLOSED_STATUSES,
}


def portal_inbox(*, user: User, box: str) -> QuerySet[ReferralResponse]:
    """The agency's referrals in one box. Open ones only while the agency holds access; closed ones
    are listed (summary only) from the agency's own responses."""
    return agency_inbox(agency_id=permissions.worker_agency_id(user), box=box)


def agency_inbox(*, agency_id: int | None, box: str) -> QuerySet[ReferralResponse]:
    """`portal_inbox` for an agency rather than one of its staff (the partner API's keys act as it)."""
    statuses = PORTAL_BOXES[box]
    if box == "closed":
        responses = (
            ReferralResponse.objects.filter(agency_id=agency_id)
            if agency_id
            else ReferralResponse.objects.none()
        )
    else:
        responses = permissions.responses_open_to_agency(agency_id)
    return (
        responses.filter(status__in=statuses)
        .select_related("referral__family", "referral__sent_by", "agency")
        .order_by("-referral__sent_at", "pk")
    )


def portal_counts(*, user: User) -> dict[str, int]:
    return {box: portal_inbox(user=user, box=box).count() for box in PORTAL_BOXES}


def contact_consented(*, user: User, family_ids: list[int]) -> set[int]:
    """Families (of these) whose contact details the user's agency may read today."""
    return contact_consented_to_agency(agency_id=user.agency_id, family_ids=family_ids)


def contact_consented_to_agency(*, agency_id: int | None, family_ids: list[int]) -> set[int]:
    """Families (of these) whose contact details the agency may read today."""
    if agency_id is None:  # not an agency's staff: no agency consented
        return set()
    day = today()
    return {
        c.family_id
        for c in Consent.objects.filter(
            family_id__in=family_ids, agency_id=agency_id, category="contact", withdrawn_at__isnull=True
        )
        if c.is_valid(day)
    }


def agency_actions(*, user: User) -> QuerySet[Any]:
    """Plan actions given to the user's agency, on families referred to it that share their plan with it.

    The plan is shared when an open referral to the agency shares it and the family's consent to share
    the plan with this agency holds today (or a manager shared it for safeguarding): the same rule as the
    referral page (`permissions.shared_categories`), checked at every request.
    """
    return actions_for_agency(agency_id=permissions.worker_agency_id(user))


def actions_for_agency(*, agency_id: int | None) -> QuerySet[Any]:
    """`agency_actions` for an agency rather than one of its staff (the partner API's keys act as it)."""
    if not agency_id:
        return Action.objects.none()
    responses = list(
        permissions.responses_open_to_agency(agency_id)
        .filter(referral__status="open")
        .select_related("referral")
    )
    consents = list(
        Consent.objects.filter(
            agency_id=agency_id,
            family_id__in={r.referral.family_id for r in responses},
            category=Category.PLAN,
            withdrawn_at__isnull=True,
        )
    )
    sharing_plan = {
        r.referral.family_id
        for r in responses
        if Category.PLAN
        in permissions.shared_categories(
            r, consents=[c for c in consents if c.family_id == r.referral.family_id]
        )
    }
    return (
        Action.objects.filter(owner_agency_id=agency_id, goal__plan__family_id__in=sharing_plan)
        .select_related("goal__plan__family")
        .order_by("due_on", "pk")
    )


def family_actions_for_agency(*, user: Any, response: ReferralResponse) -> list[Action]:
    """The plan actions the signed-in worker's agency may update on the referred family (none for anyone
    else): the referral page links each one to its update page."""
    if user is None or permissions.worker_agency_id(user) != response.agency_id:  # anonymous: the link
        return []
    return list(agency_actions(user=user).filter(goal__plan__family_id=response.referral.family_id))


def outbox_due(*, now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """Messages the relay should (re)send: pending and due, or claimed by a worker whose lease ran out."""
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(
            Q(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=OutboxMessage.Status.SENDING, lease_expires_at__lte=now)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
