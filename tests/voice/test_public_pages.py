"""The way in to "Have your say", its language select, and the family's own list of what they sent."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests import factories
from tests.voice.public_helpers import complaint_post, cy, suggestion_post
from voice.models import Complaint, ComplaintCategory, Suggestion
from voice.views import public

pytestmark = pytest.mark.django_db
INDEX = "/have-your-say/"


def test_the_way_in_offers_both_forms_and_promises_no_disadvantage(client: Any) -> None:
    page = client.get(INDEX).content.decode()
    assert 'href="/have-your-say/complaint/"' in page and 'href="/have-your-say/suggest/"' in page
    assert "Making a complaint will never count against you or your family." in page


def test_it_links_to_the_procedure_and_changes_only_once_they_exist(client: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(public, "PROCEDURE_URL_NAMES", ("procedure:not-built-yet",))
    monkeypatch.setattr(public, "CHANGES_URL_NAMES", ("you_said:not-built-yet",))
    page = client.get(INDEX).content.decode()
    assert "How we handle complaints" not in page and "You said, we did" not in page
    monkeypatch.setattr(public, "PROCEDURE_URL_NAMES", ("procedure:not-built-yet", "suggest:index"))
    page = client.get(INDEX).content.decode()
    assert '<a class="govuk-link" href="/have-your-say/suggest/">How we handle complaints</a>' in page


def test_it_gives_the_phone_and_address_to_complain_by_when_set(client: Any, settings: Any) -> None:
    settings.VOICE_COMPLAINTS_PHONE = "01603 000 000"
    settings.VOICE_COMPLAINTS_ADDRESS = "Complaints team\nCounty Hall\nNorwich"
    page = client.get(INDEX).content.decode()
    assert "<strong>01603 000 000</strong>" in page and "County Hall<br>Norwich" in page


def test_a_lang_link_turns_the_pages_welsh_and_the_session_remembers(client: Any) -> None:
    page = client.get(INDEX + "?lang=cy").content.decode()
    assert '<html lang="cy"' in page and "Dweud eich dweud" in page and "Gwneud cwyn ar-lein" in page
    form = client.get(reverse("have_your_say:complaint"))
    text = form.content.decode()
    assert form["Content-Language"] == "cy"
    assert escape(cy("Who is making the complaint?")) in text and "Pwy sy&#x27;n gwneud y gŵyn?" in text
    assert (
        "Oedi afresymol" in text or ComplaintCategory.objects.get(name="Unreasonable delay").name_cy in text
    )
    assert "Rydym yn cadw eich cwyn yn breifat, ond nid bob amser." in text
    assert 'href="/have-your-say/complaint/?lang=en"' in text and 'aria-current="true" lang="cy"' in text
    english = client.get(INDEX + "?lang=en").content.decode()
    assert "Make a complaint online" in english


def test_a_welsh_mistake_and_confirmation_are_in_welsh(client: Any) -> None:
    client.get(INDEX + "?lang=cy")
    mistake = client.post(reverse("have_your_say:complaint"), complaint_post(name="")).content.decode()
    assert "Rhowch eich enw" in mistake and not Complaint.objects.exists()
    response = client.post(reverse("have_your_say:complaint"), complaint_post(language="cy"))
    made = client.get(response["Location"]).content.decode()
    assert "Cwyn wedi" in made and "Eich cyfeirnod yw" in made
    assert any(
        month in made
        for month in (
            "Ionawr",
            "Chwefror",
            "Mawrth",
            "Ebrill",
            "Mai",
            "Mehefin",
            "Gorffennaf",
            "Awst",
            "Medi",
            "Hydref",
            "Tachwedd",
            "Rhagfyr",
        )
    )


def test_the_reply_language_starts_as_the_page_s(client: Any) -> None:
    page = client.get(reverse("suggest:index") + "?lang=cy").content.decode()
    assert 'value="cy" class="govuk-radios__input" id="id_language_1" required checked' in page


def test_the_family_s_list_shows_only_the_member_s_own_with_plain_statuses(client: Any, cast: Any) -> None:
    client.force_login(cast.family_member)
    client.post(reverse("have_your_say:complaint"), complaint_post())
    client.post(reverse("suggest:index"), suggestion_post())
    Complaint.objects.update(status=Complaint.Status.STAGE_1)
    # Another member of the same family, and a stranger, make theirs: neither is listed.
    sibling = factories.family_member(person=factories.person(family=cast.family, first_name="Jo")).user
    other = factories.complaint(family=cast.family, about_worker=cast.lead, name="Someone else")
    response = client.get(reverse("my_voice:index"))
    page = response.content.decode()
    own = Complaint.objects.get(member=cast.family_member.family_access)
    assert own.reference in page and Suggestion.objects.get().reference in page
    assert other.reference not in page
    assert "We are looking into it" in page and "We have received it" in page
    assert "Unreasonable delay" in page
    client.force_login(sibling)
    assert own.reference not in client.get(reverse("my_voice:index")).content.decode()


def test_the_family_s_list_costs_the_same_queries_however_many(client: Any, cast: Any) -> None:
    client.force_login(cast.family_member)
    client.post(reverse("have_your_say:complaint"), complaint_post())
    client.get(reverse("my_voice:index"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("my_voice:index"))
    for what in ("Second", "Third", "Fourth"):
        client.post(reverse("have_your_say:complaint"), complaint_post(what_happened=what))
        client.post(reverse("suggest:index"), suggestion_post(text=what))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("my_voice:index"))
    assert Complaint.objects.count() == 4
    assert len(many) == len(one)
