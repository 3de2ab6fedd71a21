"""Demo data for agencies and referrals (called by `manage.py seed_demo` after families and plans).

Every agency gets a referral inbox and a manager contact. Each detailed family works with two or
three agencies, has consent recorded for what it agreed to share, and has a referral in one of the
states a partner agency can leave it in (waiting, acknowledged, more information asked, accepted,
declined, completed). The first agency (the "agency" demo login's, who is also its manager contact and
so makes its API keys) is referred to by the first few families, so its portal inbox has something in
every box.

Demo referrals are in the past, so their alert emails are recorded as sent rather than sent again
on the console; the service-level beat job will still chase the ones left waiting.
"""

import datetime
from typing import Any
from unittest import mock

from django.utils import timezone

from agencies import selectors
from agencies.models import Category, Consent, OutboxMessage, Referral
from agencies.services import agency as agency_services
from agencies.services import answer as answer_services
from agencies.services import consent as consent_services
from agencies.services import outbox as outbox_services
from agencies.services import referral as referral_services
from core.demo import DemoContext
from families.models import Family

MANAGER_NAMES = [
    "Priya Shah",
    "Tom Okafor",
    "Helen Brooks",
    "Gareth Evans",
    "Amira Hassan",
    "Dan Murphy",
    "Rose Kelly",
]
# The journey each demo referral has taken so far (answers in order, from the agency's side).
JOURNEYS: list[list[tuple[str, str]]] = [
    [],
    [("acknowledge", "")],
    [("acknowledge", ""), ("more_info", "Is the family happy for us to contact the school as well?")],
    [("accept", "We will call the family this week to arrange a first visit.")],
    [("decline", "The family lives outside our area; the neighbouring service is better placed.")],
    [
        ("acknowledge", ""),
        ("accept", ""),
        ("complete", "Six sessions done; the family says mornings are calmer."),
    ],
]


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-").replace("--", "-")


def _adult(family: Family) -> Any:
    members = list(family.members.all())
    adults = [m for m in members if m.household_role in ("parent", "carer")]
    chosen = adults or members
    return chosen[0] if chosen else None


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    admin = ctx.admin
    agencies = list(ctx.agencies)
    if not agencies:
        return
    for index, agency in enumerate(agencies):
        if not agency.inboxes.exists():
            agency_services.agency_inbox_add(
                actor=admin, agency=agency, email=f"referrals@{_slug(agency.name)}.example.org"
            )
        name = MANAGER_NAMES[index % len(MANAGER_NAMES)]
        email = f"{_slug(name)}@{_slug(agency.name)}.example.org"
        if index == 0 and ctx.agency_workers:  # the demo's agency login manages the first agency
            name, email = ctx.agency_workers[0].get_full_name(), ctx.agency_workers[0].email
        agency_services.agency_set_manager(
            actor=admin,
            agency=agency,
            name=name,
            email=email,
            phone=f"01603 {rng.randint(100000, 999999)}",
        )
    workers_by_agency = {w.agency_id: w for w in ctx.agency_workers}
    families = (
        Family.objects.filter(pk__in=ctx.detailed_family_ids(), status=Family.Status.OPEN)
        .select_related("lead_practitioner", "team")
        .prefetch_related("members")
        .order_by("pk")
    )
    now = timezone.now()
    referral_ids: list[int] = []
    # Past referrals: their emails are not sent now (see the module docstring).
    with mock.patch.object(outbox_services, "outbox_enqueue", lambda ids: None):
        for n, family in enumerate(families):
            person = _adult(family)
            lead = family.lead_practitioner
            if person is None or lead is None:
                continue
            chosen = rng.sample(agencies, k=min(len(agencies), rng.randint(2, 3)))
            if n < 6 and agencies[0] not in chosen:
                chosen[0] = agencies[0]
            given_on = max(family.opened_on, timezone.localdate() - datetime.timedelta(days=60))
            for agency in chosen:
                agency_services.family_agency_link(actor=lead, family=family, agency=agency, since=given_on)
                categories = [Category.CONTACT] + [c for c in Category.values[1:] if rng.random() < 0.6]
                for category in categories:
                    consent_services.consent_give(
                        actor=lead,
                        family=family,
                        agency=agency,
                        category=category,
                        given_by=person,
                        how=rng.choice(Consent.How.values),
                        given_on=given_on,
                        expires_on=given_on + datetime.timedelta(days=365),
                    )
            shared: list[str] = [Category.CONTACT]
            for category in Category.values[1:]:
                if not selectors.missing_consents(family=family, agencies=chosen, categories=[category]):
                    shared.append(category)
            referral = referral_services.referral_send(
                actor=lead,
                family=family,
                agencies=chosen,
                request=rng.choice(
                    [
                        "Support for a parent with low mood and two children under five.",
                        "Help to get a child back into school full time after a long absence.",
                        "Advice on rent arrears and a possible move to a bigger home.",
                        "Family support at home around bedtime and morning routines.",
                        "Help finding work that fits around school hours.",
                    ]
                ),
                detail="The family has asked for help and agreed to the agencies being contacted.",
                urgency=rng.choice(Referral.Urgency.values),
                shares=shared,
                sent_at=now - datetime.timedelta(days=rng.randint(0, 12), hours=rng.randint(0, 6)),
            )
            referral_ids.append(referral.pk)
            for m, response in enumerate(
                referral.responses.select_related("agency").order_by("agency__name")
            ):
                journey = JOURNEYS[(n + m) % len(JOURNEYS)]
                worker = workers_by_agency.get(response.agency_id)
                for step, (answer, note) in enumerate(journey):
                    by_portal = worker is not None and step % 2 == 1
                    answer_services.response_answer(
                        actor=worker if by_portal else None,
                        response=response,
                        answer=answer,
                        note=note,
                        via="app" if by_portal else "email_link",
                    )
    # Outbox rows are not tracked models: a plain update is the honest write for "already sent".
    OutboxMessage.objects.filter(response__referral_id__in=referral_ids, status="pending").update(
        status=OutboxMessage.Status.SENT, sent_at=now
    )
