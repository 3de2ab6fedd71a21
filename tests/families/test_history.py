"""Every write path records the person who acted: web, admin, Celery task and management command."""

import datetime

from django.core.management import call_command
from django.urls import reverse

from families.models import Family
from families.tasks import caseload_transfer_task
from tests import factories


def test_a_change_through_the_web_records_the_worker(client, cast):
    client.force_login(cast.lead)
    response = client.post(
        reverse("families:edit", args=[cast.family.reference]),
        {
            "name": "Taylor-Smith family",
            "address_line_1": "1 High Street",
            "address_line_2": "",
            "town": "Norwich",
            "postcode": "nr2 4ab",
        },
    )
    assert response.status_code == 302
    record = cast.family.history.latest()
    assert record.history_user == cast.lead
    assert record.name == "Taylor-Smith family"
    assert record.postcode == "NR2 4AB"


def test_the_admin_is_no_way_into_a_family(client, cast):
    """ADR 001: administrators configure the system; the admin has no family pages to change one."""
    client.force_login(cast.admin)
    url = f"/admin/families/family/{cast.family.pk}/change/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Changed in the admin", "postcode": "NR1 1AA"}).status_code == 404
    assert Family.objects.get(pk=cast.family.pk).name == "Taylor family"


def test_a_change_through_a_celery_task_records_the_manager_who_asked(cast):
    caseload_transfer_task.delay(
        actor_id=cast.manager.pk,
        from_user_id=cast.lead.pk,
        to_user_id=cast.colleague.pk,
        reason="Lena has left",
    )
    record = Family.objects.get(pk=cast.family.pk).history.latest()
    assert record.lead_practitioner_id == cast.colleague.pk
    assert record.history_user == cast.manager
    assert record.history_change_reason == "Lena has left"


def test_a_change_through_a_management_command_records_the_named_actor(cast):
    call_command(
        "transfer_caseload",
        "--from",
        cast.lead.username,
        "--to",
        cast.colleague.username,
        "--reason",
        "Restructure",
        "--actor",
        cast.manager.username,
    )
    record = Family.objects.get(pk=cast.family.pk).history.latest()
    assert record.history_user == cast.manager
    assert record.history_change_reason == "Restructure"


def test_the_history_tab_shows_who_changed_what_from_what_to_what_and_why(client, cast):
    from families.services import family_close, family_update

    family_update(actor=cast.lead, family=cast.family, name="Taylor household")
    family_close(actor=cast.manager, family=cast.family, reason="Family moved away")
    factories.person(
        family=cast.family, first_name="Ruby", household_role="child", date_of_birth=datetime.date(2019, 2, 3)
    )
    client.force_login(cast.manager)
    page = client.get(reverse("families:history", args=[cast.family.reference])).content.decode()
    assert "Taylor family" in page and "Taylor household" in page
    assert "Family moved away" in page
    assert "Maya Manager" in page and "Lena Lead" in page
    assert "Ruby" in page


def test_the_history_tab_names_people_and_teams_with_one_query_per_kind_of_thing(client, cast):
    """Its queries do not grow with the number of changes, notes or the people who made them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.calendar import today
    from families.services import case_note_add

    url = reverse("families:history", args=[cast.family.reference])
    client.force_login(cast.manager)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for actor in (cast.lead, cast.manager):
        case_note_add(actor=actor, family=cast.family, occurred_on=today(), kind="visit", text="Home visit")
        factories.person(family=cast.family, actor=actor, first_name="Ruby", household_role="child")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)  # families, workers and teams are each named with one query
    assert page.count("Case note (") == 2 and page.count("Ruby") == 2
    assert "Lena Lead" in page and "Maya Manager" in page and "Norwich North" in page
