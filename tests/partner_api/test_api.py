"""The partner API as an agency's system meets it: its own referrals only, only what the family consented
to today, answers like the portal's, every read logged, and errors as problem details."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Category, Consent, ResponseEvent
from agencies.services.consent import consent_withdraw
from families.models import RecordLook
from partner_api.models import ApiKey
from partner_api.services import apikey_revoke
from tests import factories
from tests.partner_api.conftest import bearer, consented, refer

pytestmark = pytest.mark.django_db


def _detail_url(response: Any) -> str:
    return reverse("partner_api:referral", args=[response.pk])


def _is_problem(reply: Any, status: int) -> dict[str, Any]:
    assert reply.status_code == status, reply.content
    assert reply["Content-Type"] == "application/problem+json"
    body = reply.json()
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    return body


def test_it_lists_the_agencys_inbox_only(client: Any, api: Any) -> None:
    reply = client.get(reverse("partner_api:referrals"), **bearer(api.key_a))
    assert reply.status_code == 200
    body = reply.json()
    assert [row["id"] for row in body["results"]] == [api.response_a.pk]
    assert body["results"][0]["family_name"] == "Taylor family"  # contact consented
    reply = client.get(reverse("partner_api:referrals"), **bearer(api.key_b))
    assert [row["id"] for row in reply.json()["results"]] == [api.response_b.pk]


def test_it_answers_another_agencys_referral_with_404(client: Any, api: Any) -> None:
    for url in (
        _detail_url(api.response_b),
        reverse("partner_api:referral_answer", args=[api.response_b.pk]),
    ):
        method = client.post if url.endswith("answer/") else client.get
        reply = method(url, {"answer": "acknowledge"}, content_type="application/json", **bearer(api.key_a))
        _is_problem(reply, 404)
    api.response_b.refresh_from_db()
    assert api.response_b.status == "sent"


def test_it_shows_only_the_categories_shared_and_consented(client: Any, api: Any) -> None:
    from agencies.services.referral import referral_send

    family = factories.family(lead_practitioner=api.lead, name="Patel family")
    factories.person(family=family, first_name="Priya", last_name="Patel")
    consented(family, api.agency_a, [Category.PLAN])
    referral = referral_send(
        actor=api.lead, family=family, agencies=[api.agency_a], request="Help.", shares=[Category.PLAN]
    )
    response = referral.responses.get()
    body = client.get(_detail_url(response), **bearer(api.key_a)).json()
    assert body["categories"] == [Category.PLAN]
    assert body["shared"]["contact"] is None and body["shared"]["chronology"] is None
    assert "Patel" not in str(body) and "Priya" not in str(body)
    inbox = client.get(reverse("partner_api:referrals"), **bearer(api.key_a)).json()
    assert {row["id"]: row["family_name"] for row in inbox["results"]}[response.pk] is None


def test_it_stops_at_once_when_the_family_withdraws_consent(client: Any, api: Any) -> None:
    assert (
        client.get(_detail_url(api.response_a), **bearer(api.key_a)).json()["categories"] == Category.values
    )
    consent = Consent.objects.get(family=api.family, agency=api.agency_a, category=Category.CONTACT)
    consent_withdraw(actor=api.lead, consent=consent, reason="The family asked")
    _is_problem(client.get(_detail_url(api.response_a), **bearer(api.key_a)), 404)


def test_it_refuses_a_revoked_key_at_once(client: Any, api: Any) -> None:
    url = _detail_url(api.response_a)
    assert client.get(url, **bearer(api.key_a)).status_code == 200
    apikey_revoke(actor=api.manager_a, key=api.key_a_row)
    body = _is_problem(client.get(url, **bearer(api.key_a)), 401)
    assert "revoked" in body["detail"]
    assert client.get(url, **bearer(api.key_b)).status_code == 404  # B's key still works, on B's own


@pytest.mark.parametrize(
    "header", [None, "Bearer", "Bearer nonsense", "Bearer poo_abc_def", "Basic dXNlcjpwYXNz", "Bearer a b"]
)
def test_it_answers_401_problem_without_a_valid_key(client: Any, api: Any, header: str | None) -> None:
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    reply = client.get(reverse("partner_api:referrals"), **extra)
    _is_problem(reply, 401)
    assert reply["WWW-Authenticate"].startswith("Bearer")


def test_it_answers_like_the_portal(client: Any, api: Any) -> None:
    url = reverse("partner_api:referral_answer", args=[api.response_a.pk])
    reply = client.post(url, {"answer": "decline"}, content_type="application/json", **bearer(api.key_a))
    body = _is_problem(reply, 400)
    assert "reason" in body["errors"]
    reply = client.post(
        url,
        {"answer": "accept", "note": "We will call on Monday.", "expected_status": "sent"},
        content_type="application/json",
        **bearer(api.key_a),
    )
    assert reply.status_code == 200, reply.content
    assert reply.json()["status"] == "accepted"
    api.response_a.refresh_from_db()
    assert api.response_a.status == "accepted" and api.response_a.answered_at
    event = api.response_a.events.get(status="accepted")
    assert event.note == "We will call on Monday." and event.via == ResponseEvent.Via.APP
    # A replay from the old status changes nothing: 409.
    reply = client.post(
        url,
        {"answer": "accept", "expected_status": "sent"},
        content_type="application/json",
        **bearer(api.key_a),
    )
    _is_problem(reply, 409)
    assert api.response_a.events.filter(status="accepted").count() == 1


def test_it_writes_each_read_to_the_read_log(client: Any, api: Any) -> None:
    client.get(_detail_url(api.response_a), **bearer(api.key_a))
    look = RecordLook.objects.get(family=api.family)
    assert look.category == RecordLook.Category.REFERRAL
    assert look.referral_response_id == api.response_a.pk
    assert look.user_id is None and "School MIS" in look.agency_inbox
    assert look.url_name == "partner_api:referral"
    client.get(_detail_url(api.response_b), **bearer(api.key_a))  # a 404 leaves no row
    assert RecordLook.objects.count() == 1


def test_it_notes_when_a_key_was_last_used(client: Any, api: Any) -> None:
    assert api.key_a_row.last_used_at is None
    client.get(reverse("partner_api:referrals"), **bearer(api.key_a))
    assert ApiKey.objects.get(pk=api.key_a_row.pk).last_used_at is not None


def test_it_lists_the_inbox_in_constant_queries(client: Any, api: Any) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("partner_api:referrals"), **bearer(api.key_a)).status_code == 200
        return len(queries)

    count()  # the key's last-used time is written once a minute at most
    few = count()
    for n in range(5):
        family = factories.family(lead_practitioner=api.lead, name=f"Family {n}")
        factories.person(family=family)
        refer(family, api.agency_a)
    assert count() == few


def test_it_rejects_an_unknown_box_and_page_as_problems(client: Any, api: Any) -> None:
    url = reverse("partner_api:referrals")
    body = _is_problem(client.get(url, {"box": "spam"}, **bearer(api.key_a)), 400)
    assert "box" in body["errors"]
    _is_problem(client.get(url, {"page": "99"}, **bearer(api.key_a)), 404)


def test_it_lists_and_updates_the_agencys_plan_actions(client: Any, api: Any) -> None:
    from assessments.models import Domain
    from plans import services as plan_services

    plan = plan_services.plan_create(actor=api.lead, family=api.family)
    goal = plan_services.goal_add(actor=api.lead, plan=plan, domain=Domain.objects.first(), text="School")
    action = plan_services.action_add(
        actor=api.lead, goal=goal, text="Attendance officer visits", owner_agency=api.agency_a
    )
    reply = client.get(reverse("partner_api:actions"), **bearer(api.key_a))
    assert [row["id"] for row in reply.json()["results"]] == [action.pk]
    assert client.get(reverse("partner_api:actions"), **bearer(api.key_b)).json()["results"] == []
    url = reverse("partner_api:action", args=[action.pk])
    _is_problem(
        client.patch(url, {"status": "done"}, content_type="application/json", **bearer(api.key_b)), 404
    )
    reply = client.patch(
        url,
        {"status": "in_progress", "note": "First visit booked"},
        content_type="application/json",
        **bearer(api.key_a),
    )
    assert reply.status_code == 200, reply.content
    action.refresh_from_db()
    assert action.status == "in_progress" and action.status_note == "First visit booked"


def test_it_gives_a_funder_its_pot_statements_only(client: Any, api: Any) -> None:
    from tests.pots.helpers import contribute, pot

    manager = factories.manager(api.lead.team)
    funded = pot(manager, name="North pot")
    contribute(manager, funded, "500.00", funder=api.agency_a)
    other = pot(manager, name="Other pot", starts_on=funded.starts_on.replace(year=funded.starts_on.year - 1))
    contribute(manager, other, "100.00", funder=api.agency_b)
    reply = client.get(reverse("partner_api:pots"), **bearer(api.key_a))
    assert [row["name"] for row in reply.json()["results"]] == ["North pot"]
    body = client.get(reverse("partner_api:pot_statement", args=[funded.pk]), **bearer(api.key_a)).json()
    assert body["totals"]["paid_in"] == "500.00" and body["families_helped"] == 0
    _is_problem(client.get(reverse("partner_api:pot_statement", args=[other.pk]), **bearer(api.key_a)), 404)
