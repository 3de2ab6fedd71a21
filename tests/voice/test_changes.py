""" "You said, we did": managers write a change in both languages and publish it; only published changes
reach the public page and the family's pages, each in the visitor's language."""

from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.core.test_submissions import token_on
from tests.voice import suggestion_factories as make
from voice.models import Change

pytestmark = pytest.mark.django_db

PUBLIC = "/have-your-say/you-said-we-did/"


def _fields(**extra: Any) -> dict[str, Any]:
    return {
        "source": "complaints",
        "you_said": "Letters were hard to read.",
        "you_said_cy": "Roedd llythyrau'n anodd eu darllen.",
        "we_did": "We rewrote them in plain English and Welsh.",
        "we_did_cy": "Rydyn ni wedi eu hailysgrifennu mewn Cymraeg clir.",
        **extra,
    }


def test_an_unpublished_change_is_not_on_the_public_page(client: Any, cast: Any) -> None:
    make.change(created_by=cast.manager, we_did="A draft nobody should read yet.")
    make.change(created_by=cast.manager, published=True, we_did="Published: longer opening hours.")
    page = client.get(PUBLIC).content.decode()
    assert "Published: longer opening hours." in page
    assert "A draft nobody should read yet." not in page


def test_the_public_page_says_so_when_nothing_is_published(client: Any, cast: Any) -> None:
    make.change(created_by=cast.manager)
    page = client.get(PUBLIC).content.decode()
    assert "We have not published any changes yet." in page


def test_the_welsh_page_shows_the_welsh_text(client: Any, cast: Any) -> None:
    make.change(created_by=cast.manager, published=True)
    page = client.get(PUBLIC, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Rydyn ni nawr ar agor tan 7pm ar ddydd Iau." in page
    assert "We now open until 7pm on Thursdays." not in page
    english = client.get(PUBLIC, HTTP_ACCEPT_LANGUAGE="en-gb").content.decode()
    assert "We now open until 7pm on Thursdays." in english and "ddydd Iau" not in english


def test_the_welsh_page_falls_back_to_english_where_there_is_no_welsh(client: Any, cast: Any) -> None:
    make.change(created_by=cast.manager, published=True, we_did_cy="", we_did="Only in English so far.")
    page = client.get(PUBLIC, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Only in English so far." in page


def test_a_manager_writes_previews_publishes_and_unpublishes_a_change(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    response = client.post(reverse("changes:create"), _fields())
    change = Change.objects.get()
    assert response["Location"] == reverse("changes:detail", args=[change.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "We rewrote them in plain English and Welsh." in preview and "Cymraeg clir" in preview
    assert "Cymraeg clir" not in client.get(PUBLIC).content.decode()
    client.post(reverse("changes:publish", args=[change.pk]))
    assert "Cymraeg clir" in client.get(PUBLIC, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    client.post(reverse("changes:unpublish", args=[change.pk]))
    assert "plain English" not in client.get(PUBLIC).content.decode()
    reasons = list(change.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == ["Written", "Published", "Unpublished"]
    assert change.history.first().history_user == cast.manager


def test_a_change_without_its_welsh_writes_nothing_and_says_why(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    response = client.post(reverse("changes:create"), _fields(you_said_cy="", we_did_cy=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter what people said, in Welsh" in page and "Enter what we did, in Welsh" in page
    assert not Change.objects.exists()


def test_a_change_from_a_survey_must_name_the_survey(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    response = client.post(reverse("changes:create"), _fields(source="survey"))
    assert "Choose the survey this change came from" in response.content.decode()
    assert not Change.objects.exists()


def test_a_change_sent_twice_is_written_once(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    url = reverse("changes:create")
    data = {**_fields(), "_submission": token_on(client, url)}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302 and Change.objects.count() == 1
    assert "This change was already written at" in second.content.decode()


def test_publishing_twice_publishes_once(client: Any, cast: Any) -> None:
    change = make.change(created_by=cast.manager)
    client.force_login(cast.other_manager)
    client.post(reverse("changes:publish", args=[change.pk]))
    again = client.post(reverse("changes:publish", args=[change.pk]), follow=True)
    assert "This change was already published." in again.content.decode()
    assert change.history.filter(history_change_reason="Published").count() == 1


def test_the_familys_pages_section_shows_the_latest_published_changes_in_their_language(cast: Any) -> None:
    make.change(created_by=cast.manager)  # a draft: not shown
    for n in range(4):
        make.change(created_by=cast.manager, published=True, we_did_cy=f"Newid {n}", we_did=f"Change {n}")
    with translation.override("cy"):
        html = Template("{% load voice_changes %}{% you_said_we_did %}").render(Context({}))
    assert html.count("Newid ") == 3 and "Change 1" not in html
    assert PUBLIC in html  # there are more: a link to them all


def test_the_public_page_query_count_does_not_grow_with_changes(
    client: Any, cast: Any, django_assert_max_num_queries: Any
) -> None:
    make.change(created_by=cast.manager, published=True)
    client.get(PUBLIC)
    with django_assert_max_num_queries(10) as few:
        client.get(PUBLIC)
    for _ in range(10):
        make.change(created_by=cast.manager, published=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(PUBLIC)
