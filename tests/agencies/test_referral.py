import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies.models import Category, OutboxMessage, Referral, ReferralResponse
from agencies.services.agency import agency_create, family_agency_link
from agencies.services.answer import response_answer
from agencies.services.referral import referral_close
from families.models import CaseNote
from partners.models import Agency
from tests.agencies.conftest import make_agency, send


def _post(client, cast, data):
    client.force_login(data.pop("as_user", cast.lead))
    return client.post(reverse("agencies:referral_new", args=[cast.family.reference]), data)


def _form(agencies, **extra):
    data = {"agencies": [a.pk for a in agencies], "request": "Help with rent arrears.", "urgency": "routine"}
    data["shares"] = extra.pop("shares", ["contact"])
    data.update(extra)
    return data


def test_the_form_sends_one_referral_to_every_chosen_agency(client, cast, housing, school):
    response = _post(client, cast, _form([housing, school]))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "agencies:referral_detail", args=[cast.family.reference, referral.pk]
    )
    assert set(referral.responses.values_list("agency__name", flat=True)) == {
        "Norwich Housing",
        "Riverside Primary",
    }
    assert OutboxMessage.objects.count() == 2


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no agency", "Choose at least one agency"),
        ("no inbox", "has no referral inbox address"),
        ("no request", "Say what you are asking"),
    ],
)
def test_bad_referrals_get_a_clear_message_and_write_nothing(client, cast, housing, case, message):
    if case == "no agency":
        data = _form([])
    elif case == "no inbox":
        data = _form([make_agency("Silent Service", inboxes=())])
    else:
        data = _form([housing], request="")
    response = _post(client, cast, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Referral.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert ReferralResponse.objects.count() == 0


def test_the_form_says_exactly_which_consent_is_missing_for_which_agency(client, cast, housing, school):
    response = _post(client, cast, _form([housing, school], shares=["contact", "assessment", "plan"]))
    page = response.content.decode()
    assert "The family has not agreed to share their assessment with Riverside Primary." in page
    assert "The family has not agreed to share their plan with Riverside Primary." in page
    assert "Norwich Housing." not in page  # housing has every consent
    assert Referral.objects.count() == 0


def test_a_team_manager_may_share_without_consent_with_a_recorded_reason(client, cast, school):
    response = _post(
        client,
        cast,
        _form(
            [school],
            shares=["assessment"],
            override_reason="Child disclosed harm at school",
            as_user=cast.manager,
        ),
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.override_by == cast.manager
    assert referral.override_reason == "Child disclosed harm at school"


def test_a_lead_practitioner_cannot_override_consent(cast, school):
    with pytest.raises(ValidationError) as exc:
        send(cast, [school], shares=["assessment"], override_reason="I think it is urgent")
    assert "Only a manager of the family's team" in str(exc.value)
    assert Referral.objects.count() == 0


def test_the_referral_form_preselects_the_family_agencies_and_searches_without_javascript(
    client, cast, housing, school
):
    nurse = make_agency("School Nurse Team", kind=Agency.Kind.HEALTH)
    make_agency("Police Early Help")
    family_agency_link(actor=cast.lead, family=cast.family, agency=nurse)
    client.force_login(cast.lead)
    url = reverse("agencies:referral_new", args=[cast.family.reference])
    form = client.get(url).context["form"]
    # Working with the family (the nurse), or agreed to share with (housing and the school): ticked.
    assert sorted(form.initial["agencies"]) == sorted([housing.pk, school.pk, nurse.pk])
    searched = client.get(url, {"agency_q": "police"}).context["form"]
    names = {a.name for a in searched.fields["agencies"].queryset}
    # The match, and the family's own agencies, which stay ticked while searching.
    assert names == {"Police Early Help", "Norwich Housing", "Riverside Primary", "School Nurse Team"}


def test_an_agency_with_an_unparseable_email_address_is_refused(db):
    with pytest.raises(ValidationError) as exc:
        agency_create(actor=None, name="Bad Address", inboxes=["not an email"])
    assert "is not an email address" in str(exc.value)


def test_the_referral_page_shows_each_agency_status_and_how_long_it_waited(client, cast, housing, school):
    referral = send(cast, [housing, school], shares=["contact"])
    client.force_login(cast.lead)
    page = client.get(
        reverse("agencies:referral_detail", args=[cast.family.reference, referral.pk])
    ).content.decode()
    assert "Norwich Housing" in page and "Riverside Primary" in page
    assert "less than an hour" in page


def test_the_referrals_tab_runs_the_same_queries_for_2_as_for_20_referrals(
    client, cast, housing, school, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("agencies:family_referrals", args=[cast.family.reference])
    for _ in range(2):
        send(cast, [housing, school], shares=["contact"])
    client.force_login(cast.lead)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    for _ in range(18):
        send(cast, [housing, school], shares=["contact"])
    with django_assert_num_queries(len(ctx.captured_queries)):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 20
    assert len(response.context["referrals"]) == 10


def test_closing_a_referral_withdraws_it_from_every_agency_that_has_not_finished(cast, housing, school):
    referral = send(cast, [housing, school], shares=["contact"])
    referral_close(actor=cast.lead, referral=referral, reason="Family moved away")
    assert set(referral.responses.values_list("status", flat=True)) == {"withdrawn"}


def test_an_answer_is_on_the_chronology_and_the_lead_is_emailed(
    cast, housing, django_capture_on_commit_callbacks
):
    referral = send(cast, [housing])
    response = referral.responses.get()
    with django_capture_on_commit_callbacks(execute=True):
        response_answer(
            actor=None, response=response, answer="decline", note="Not in our area", via="email_link"
        )
    note = CaseNote.objects.get(family=cast.family)
    assert "Norwich Housing" in note.text and "declined" in note.text and "Not in our area" in note.text
    assert "email link" in note.text
    record = response.history.first()
    assert record.history_user is None
    assert record.history_change_reason == "Answered by Norwich Housing from the email link"
    (notice,) = [m for m in mail.outbox if m.to == [cast.lead.email]]
    assert "declined" in notice.subject


def test_an_answer_moves_the_linked_plan_action(cast, housing):
    from assessments.models import Domain
    from plans import services as plan_services

    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    goal = plan_services.goal_add(
        actor=cast.lead, plan=plan, domain=Domain.objects.first(), text="A safe home"
    )
    action = plan_services.action_add(
        actor=cast.lead, goal=goal, text="Housing assessment", owner_agency=housing
    )
    referral = send(cast, [housing], concerns=[goal])
    response = referral.responses.get()
    assert response.action == action
    response_answer(actor=None, response=response, answer="accept", via="email_link")
    action.refresh_from_db()
    assert action.status == "in_progress"
    response_answer(actor=None, response=response, answer="complete", note="Moved to a 3-bed home")
    action.refresh_from_db()
    assert action.status == "done"
    assert "Moved to a 3-bed home" in action.status_note


def test_a_decline_without_a_reason_writes_nothing(cast, housing):
    response = send(cast, [housing]).responses.get()
    with pytest.raises(ValidationError) as exc:
        response_answer(actor=None, response=response, answer="decline", note=" ")
    assert "Give a reason for declining" in str(exc.value)
    response.refresh_from_db()
    assert response.status == "sent"
    assert not CaseNote.objects.exists()


def test_categories_are_shared_only_with_consent(cast, housing, school):
    from agencies import permissions

    referral = send(cast, [housing, school], shares=["contact"])
    by_agency = {r.agency.name: r for r in referral.responses.all()}
    assert permissions.shared_categories(by_agency["Riverside Primary"]) == [Category.CONTACT]
    assert permissions.shared_categories(by_agency["Norwich Housing"]) == [Category.CONTACT]


def test_the_agency_search_finds_agencies_through_their_directory_services_and_needs(client, cast):
    import datetime

    # Neither has the family's consent, so neither is kept in the list as one to tick.
    housing = make_agency("Norwich Housing")
    make_agency("Riverside Primary", kind=Agency.Kind.SCHOOL)

    from directory.models import Organization, Service, Taxonomy, TaxonomyTerm

    org = Organization.objects.create(name="City Council")
    service = Service.objects.create(
        organization=org,
        name="Debt advice clinic",
        agency=housing,
        owner=cast.manager,
        last_reviewed_on=datetime.date(2026, 1, 5),
    )
    taxonomy = Taxonomy.objects.create(name="Needs")
    service.taxonomy_terms.add(
        TaxonomyTerm.objects.create(taxonomy=taxonomy, code="money", name="Money worries")
    )
    client.force_login(cast.lead)
    url = reverse("agencies:referral_new", args=[cast.family.reference])
    for term in ("debt advice", "money worries", "NORWICH HOUSING"):
        names = {
            a.name for a in client.get(url, {"agency_q": term}).context["form"].fields["agencies"].queryset
        }
        assert names == {"Norwich Housing"}, term
    page = client.get(url, {"agency_q": "ballet"}).content.decode()
    assert "No agency or directory service matches" in page
