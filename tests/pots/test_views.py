import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.calendar import today
from pots import funding, selectors, services
from pots.models import Category, HelpRequest, LedgerEntry
from tests import factories
from tests.pots import helpers as h


@pytest.fixture
def pot(cast):
    pot = h.pot(cast.manager, limit="150.00", cap="500.00")
    h.contribute(cast.manager, pot, "1000.00", funder=cast.agency_worker.agency)
    return pot


@pytest.fixture
def goal(cast):
    return h.goal(cast.family)


def _form(the_goal, **changes):
    needed = today() + datetime.timedelta(days=2)
    data = {
        "goal": the_goal.pk,
        "category": Category.TRANSPORT,
        "amount": "45.50",
        "payee": "Norfolk Buses",
        "needed_on_day": needed.day,
        "needed_on_month": needed.month,
        "needed_on_year": needed.year,
        "description": "Bus pass to get to the new job",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_request_within_the_limit_is_approved_in_the_same_request(client, cast, pot, goal):
    client.force_login(cast.lead)
    response = client.post(reverse("pots:request_new", args=[cast.family.reference]), _form(goal))
    request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pots:request_detail", args=[request.pk])
    assert request.status == HelpRequest.Status.APPROVED
    page = client.get(response["Location"])
    assert "Approved: £45.50 for Norfolk Buses is committed" in page.content.decode()
    assert selectors.pot_balance(pot=pot).committed == 45.50


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "0"}, "Enter an amount more than £0"),
        ({"amount": "-10"}, "Enter an amount more than £0"),
        ({"amount": "10.999"}, "no more than 2 decimal places"),
        ({"amount": "a tenner"}, "Enter an amount in pounds and pence, like 45.50"),
        ({"amount": ""}, "Enter an amount in pounds and pence, like 45.50"),
        ({"amount": "600.00"}, "over the family&#x27;s cap of £500.00"),
        ({"goal": None}, "Choose the goal on the family&#x27;s plan that this money is for"),
        ({"goal": "999999"}, "Choose a goal from this family&#x27;s plan"),
        ({"payee": "x" * 10_000}, "Who will be paid must be 200 characters or fewer"),
        ({"payee": ""}, "Enter who will be paid"),
        ({"category": "holiday"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_writes_nothing(client, cast, pot, goal, changes, message):
    client.force_login(cast.lead)
    entries = LedgerEntry.objects.count()
    response = client.post(reverse("pots:request_new", args=[cast.family.reference]), _form(goal, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert HelpRequest.objects.count() == 0
    assert LedgerEntry.objects.count() == entries


def test_without_a_date_needed_the_request_says_as_soon_as_possible(client, cast, pot, goal):
    client.force_login(cast.lead)
    form = client.get(reverse("pots:request_new", args=[cast.family.reference])).content.decode()
    assert "Date needed (optional)" in form and "Leave blank if it is needed as soon as possible." in form
    # The plan's one open goal is already chosen.
    assert f'<option value="{goal.pk}" selected>' in form

    data = _form(goal, needed_on_day="", needed_on_month="", needed_on_year="", description="")
    response = client.post(reverse("pots:request_new", args=[cast.family.reference]), data)

    request = HelpRequest.objects.get()
    assert request.needed_on is None and request.status == HelpRequest.Status.APPROVED
    page = client.get(response["Location"]).content.decode()
    assert 'Needed by</dt><dd class="govuk-summary-list__value">As soon as possible' in page


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ({"needed_on_day": ""}, "Enter a full date"),
        ({"needed_on_day": "31", "needed_on_month": "2"}, "Enter a real date"),
    ],
)
def test_a_half_given_date_needed_says_what_to_fix(client, cast, pot, goal, day, message):
    client.force_login(cast.lead)
    response = client.post(reverse("pots:request_new", args=[cast.family.reference]), _form(goal, **day))
    assert message in response.content.decode()
    assert HelpRequest.objects.count() == 0


def test_the_family_page_links_straight_to_the_request_form(client, cast, pot):
    client.force_login(cast.lead)
    page = client.get(reverse("families:detail", args=[cast.family.reference])).content.decode()
    assert reverse("pots:request_new", args=[cast.family.reference]) in page


def test_another_familys_goal_cannot_be_used(client, cast, pot):
    other = factories.family(lead_practitioner=cast.lead)
    client.force_login(cast.lead)
    response = client.post(reverse("pots:request_new", args=[cast.family.reference]), _form(h.goal(other)))
    assert "Choose a goal from this family&#x27;s plan" in response.content.decode()
    assert HelpRequest.objects.count() == 0


def test_the_form_says_when_the_family_has_no_goal_yet(client, cast, pot):
    client.force_login(cast.lead)
    response = client.get(reverse("pots:request_new", args=[cast.family.reference]))
    assert "The family&#x27;s plan has no open goals yet" in response.content.decode()


def test_a_manager_approves_from_the_queue(client, cast, pot, goal, django_capture_on_commit_callbacks):
    client.force_login(cast.lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pots:request_new", args=[cast.family.reference]), _form(goal, amount="400.00"))
    request = HelpRequest.objects.get()
    assert request.status == HelpRequest.Status.PENDING
    client.force_login(cast.manager)
    queue = client.get(reverse("pots:approvals"))
    assert "Taylor family" in queue.content.decode()
    decide = reverse("pots:decide", args=[request.pk])
    response = client.post(decide, {"decision": "refuse", "reason": ""})
    assert "Give a reason for refusing the request" in response.content.decode()
    response = client.post(decide, {"decision": "approve", "reason": "Fits the plan"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.APPROVED
    assert request.decided_by == cast.manager


def test_pay_receipt_and_refund_through_the_pages(client, cast, pot):
    request = h.ask(cast.lead, cast.family, "100.00")
    client.force_login(cast.lead)
    client.post(reverse("pots:pay", args=[request.pk]), {"amount": "90.00"})
    bad = client.post(
        reverse("pots:receipt", args=[request.pk]),
        {"receipt": SimpleUploadedFile("receipt.exe", b"MZ\x90\x00", "application/octet-stream")},
    )
    assert "The receipt must be a PDF, PNG or JPG file." in bad.content.decode()
    disguised = client.post(
        reverse("pots:receipt", args=[request.pk]),
        {"receipt": SimpleUploadedFile("receipt.pdf", b"<html>not a pdf</html>", "application/pdf")},
    )
    assert "The receipt must be a PDF, PNG or JPG file." in disguised.content.decode()
    client.post(
        reverse("pots:receipt", args=[request.pk]),
        {"receipt": SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 ok", "application/pdf")},
    )
    request.refresh_from_db()
    assert request.receipt
    download = client.get(reverse("pots:receipt_file", args=[request.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 ok"
    client.post(reverse("pots:refund", args=[request.pk]), {"amount": "", "reason": "Place cancelled"})
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.REFUNDED
    assert selectors.pot_balance(pot=pot).available == 1000


def test_a_receipt_over_the_size_limit_is_refused(client, cast, pot, settings):
    settings.POTS_RECEIPT_MAX_BYTES = 1024 * 1024
    request = h.ask(cast.lead, cast.family, "10.00")
    client.force_login(cast.lead)
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1), "application/pdf")
    response = client.post(reverse("pots:receipt", args=[request.pk]), {"receipt": big})
    assert "The receipt must be smaller than 1 MB." in response.content.decode()


def _fill(cast, pot, n):
    for i in range(n):
        family = factories.family(lead_practitioner=cast.lead)
        funder = factories.agency()
        h.contribute(
            cast.manager, pot, "50.00", funder=funder, restricted_to=[Category.CHILDCARE] if i % 2 else []
        )
        r = h.ask(cast.lead, family, "20.00", category=Category.CHILDCARE if i % 2 else Category.FOOD_FUEL)
        if i % 3 == 0:
            services.help_request_pay(actor=cast.lead, help_request=r)


def test_the_pot_page_query_count_does_not_grow_with_rows(client, cast, pot):
    client.force_login(cast.manager)
    url = reverse("pots:detail", args=[pot.pk])
    _fill(cast, pot, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(cast, pot, 8)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert "By funder" in response.content.decode()


def test_the_pot_page_shows_balances_by_funder_and_category_without_family_names(client, cast, pot):
    h.ask(cast.lead, cast.family, "60.00", category=Category.TRANSPORT)
    client.force_login(cast.colleague)
    content = client.get(reverse("pots:detail", args=[pot.pk])).content.decode()
    assert "£940.00" in content  # available
    assert "£60.00" in content
    assert "Transport" in content
    assert "Taylor family" not in content
    assert "first in, first out" in content


def test_a_funder_statement_has_no_personal_data(client, cast, pot):
    request = h.ask(cast.lead, cast.family, "60.00", payee="Sam Taylor's landlord")
    services.help_request_pay(actor=cast.lead, help_request=request)
    client.force_login(cast.agency_worker)
    funder = cast.agency_worker.agency_id
    page = client.get(reverse("pots:statement", args=[pot.pk, funder])).content.decode()
    csv_text = client.get(reverse("pots:statement_csv", args=[pot.pk, funder])).content.decode()
    for text in (page, csv_text):
        assert "Transport" in text
        assert "Financial stability" in text  # the outcome area of the goal
        for personal in ("Taylor", cast.family.reference, "landlord", "rent arrears"):
            assert personal not in text
    pdf = client.get(reverse("pots:statement_pdf", args=[pot.pk, funder]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_family_tab_lists_its_requests(client, cast, pot):
    h.ask(cast.lead, cast.family, "60.00", payee="Little Stars Nursery", category=Category.CHILDCARE)
    client.force_login(cast.lead)
    content = client.get(reverse("pots:family", args=[cast.family.reference])).content.decode()
    assert "Little Stars Nursery" in content
    assert "£440.00 left for this family" in content
    assert "Ask for practical help" in content


def test_the_ledger_csv_has_every_entry_and_no_family_names(client, cast, pot):
    h.ask(cast.lead, cast.family, "60.00")
    client.force_login(cast.manager)
    response = client.get(reverse("pots:ledger_csv", args=[pot.pk]))
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 1 + LedgerEntry.objects.filter(pot=pot).count()
    assert "Taylor" not in response.content.decode()


def test_a_manager_opens_a_pot_and_records_a_contribution(client, cast):
    client.force_login(cast.manager)
    start = (
        today().replace(month=4, day=1)
        if today().month >= 4
        else today().replace(year=today().year - 1, month=4, day=1)
    )
    response = client.post(
        reverse("pots:create"),
        {
            "name": "Norwich North pot",
            "starts_on_day": start.day,
            "starts_on_month": start.month,
            "starts_on_year": start.year,
            "ends_on_day": 31,
            "ends_on_month": 3,
            "ends_on_year": start.year + 1,
            "auto_approval_limit": "0",
            "family_cap": "750",
            "categories": ["childcare", "transport"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pot = cast.team.pots.get()
    assert pot.auto_approval_limit == 0
    response = client.post(
        reverse("pots:contribution_add", args=[pot.pk]),
        {
            "funder": cast.agency_worker.agency_id,
            "amount": "2,500.00",
            "received_on_day": today().day,
            "received_on_month": today().month,
            "received_on_year": today().year,
            "restricted_to": ["childcare"],
        },
    )
    assert response.status_code == 302
    assert selectors.pot_balance(pot=pot).available == 2500


def _more_pending(cast, pot, n):
    for i in range(n):
        family = factories.family(lead_practitioner=cast.lead)
        h.ask(cast.lead, family, "200.00", payee=f"Payee {i}")


def test_the_approval_queue_query_count_does_not_grow_with_rows(client, cast, pot):
    client.force_login(cast.manager)
    url = reverse("pots:approvals")
    _more_pending(cast, pot, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _more_pending(cast, pot, 3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert response.content.decode().count("Decide<span") == 5


def test_the_family_tab_query_count_does_not_grow_with_rows(client, cast, pot):
    client.force_login(cast.lead)
    url = reverse("pots:family", args=[cast.family.reference])
    h.ask(cast.lead, cast.family, "10.00")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(4):
        h.ask(cast.lead, cast.family, "10.00", payee=f"Shop {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_pot_history_shows_who_changed_what(client, cast, pot):
    request = h.ask(cast.lead, cast.family, "300.00")
    services.help_request_refuse(actor=cast.manager, help_request=request, reason="Try the council fund")
    funding.pot_update(actor=cast.manager, pot=pot, family_cap="800.00", reason="More families this year")
    client.force_login(cast.manager)
    content = client.get(reverse("pots:history", args=[pot.pk])).content.decode()
    assert "More families this year" in content
    assert "Try the council fund" in content
    assert "Contribution" in content
