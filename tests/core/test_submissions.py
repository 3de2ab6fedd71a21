"""One submit is one write: the same form posted twice makes one thing, and says so (ADR 005)."""

import datetime
import re
import uuid
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Domain
from core.calendar import today
from core.models import SubmissionToken
from core.submissions import FIELD_NAME, submission_tokens_prune
from families.models import CaseNote, Person
from plans import services as plan_services
from plans.models import Goal
from tests.timesheets.time_fixtures import entry
from timesheets.models import ObservedFormTime, TimeRecord
from timesheets.observed_time import FIELD_NAME as OPENED

TOKEN = re.compile(rf'name="{FIELD_NAME}" value="([0-9a-f-]{{36}})"')


def token_on(client: Any, url: str) -> str:
    """The submission token of the (first) form on a page, as a browser would send it back."""
    page = client.get(url).content.decode()
    found = TOKEN.findall(page)
    assert found, f"no submission token on {url}"
    return found[0]


def banner(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _note(
    day: datetime.date | None = None, text: str = "Home visit: Sam is sleeping better."
) -> dict[str, Any]:
    day = day or today()
    return {
        "kind": "visit",
        "occurred_on_day": day.day,
        "occurred_on_month": day.month,
        "occurred_on_year": day.year,
        "text": text,
    }


def test_a_case_note_posted_twice_is_added_once_and_the_second_post_says_when(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    data = {**_note(), FIELD_NAME: token_on(client, url)}

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    assert first.status_code == 302
    assert CaseNote.objects.filter(family=cast.family).count() == 1
    assert second.redirect_chain == [(first["Location"], 302)]  # the same page the first post led to
    clock = timezone.localtime(SubmissionToken.objects.get().created_at).strftime("%H:%M")
    assert f"This case note was already added at {clock}." in banner(second)
    assert "govuk-notification-banner" in banner(second)


def test_a_household_member_posted_twice_is_added_once(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:person_add", args=[cast.family.reference])
    data = {
        "first_name": "Ruby",
        "last_name": "Taylor",
        "household_role": "child",
        "date_of_birth_day": "3",
        "date_of_birth_month": "2",
        "date_of_birth_year": "2019",
        "preferred_language": "English",
        FIELD_NAME: token_on(client, url),
    }
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert Person.objects.filter(family=cast.family, first_name="Ruby").count() == 1
    assert "This person was already added to the household at" in banner(second)


def test_a_goal_posted_twice_is_added_once(client: Any, cast: Any) -> None:
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family, started_on=today())
    domain = Domain.objects.filter(active=True).first()
    assert domain is not None
    client.force_login(cast.lead)
    url = reverse("plans:goal_add", args=[cast.family.reference])
    data = {"text": "Pay the rent on time", "domain": str(domain.pk), FIELD_NAME: token_on(client, url)}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert Goal.objects.filter(plan=plan).count() == 1
    assert "This goal was already added at" in banner(second)
    assert second.redirect_chain[-1][0] == reverse("plans:detail", args=[cast.family.reference])


def test_time_recorded_twice_from_the_family_page_is_recorded_once(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    family_url = reverse("families:detail", args=[cast.family.reference])
    page = client.get(family_url).content.decode()  # the quick-entry box on the family page
    data = entry(50, family=cast.family, next=family_url)
    data[FIELD_NAME] = TOKEN.findall(page)[0]
    data[OPENED] = re.findall(rf'name="{OPENED}" value="([^"]+)"', page)[0]

    first = client.post(reverse("time:add"), data)
    second = client.post(reverse("time:add"), data)

    assert first["Location"] == second["Location"] == family_url
    assert TimeRecord.objects.count() == 1
    assert "This time was already recorded at" in banner(client.get(family_url))
    # The repeated post saved nothing, so it is not counted as a second form filled in.
    assert ObservedFormTime.objects.count() == 1


def test_a_form_with_errors_does_not_use_up_its_token(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    token = token_on(client, url)
    tomorrow = today() + datetime.timedelta(days=1)

    refused = client.post(url, {**_note(tomorrow), FIELD_NAME: token})

    assert refused.status_code == 200
    assert "The date must be today or in the past." in refused.content.decode()
    assert not SubmissionToken.objects.exists()
    # The form comes back with the same token, so correcting and sending it is still one submission.
    assert TOKEN.findall(refused.content.decode()) == [token]
    assert client.post(url, {**_note(), FIELD_NAME: token}).status_code == 302
    assert client.post(url, {**_note(), FIELD_NAME: token}).status_code == 302
    assert CaseNote.objects.filter(family=cast.family).count() == 1


def test_every_form_page_gets_a_new_token(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    assert token_on(client, url) != token_on(client, url)


def test_two_tokens_are_two_submissions(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    client.post(url, {**_note(text="First"), FIELD_NAME: token_on(client, url)})
    client.post(url, {**_note(text="Second"), FIELD_NAME: token_on(client, url)})
    assert CaseNote.objects.filter(family=cast.family).count() == 2


@pytest.mark.parametrize("token", [None, "", "not-a-token", "x" * 100_000, "\x00" * 36])
def test_a_post_without_a_usable_token_is_an_ordinary_post(client: Any, cast: Any, token: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    data = _note() if token is None else {**_note(), FIELD_NAME: token}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert CaseNote.objects.filter(family=cast.family).count() == 2
    assert not SubmissionToken.objects.exists()


def test_one_persons_token_never_stops_anothers_post(client: Any, cast: Any) -> None:
    token = str(uuid.uuid4())
    url = reverse("families:note_add", args=[cast.family.reference])
    for user in (cast.lead, cast.manager):
        client.force_login(user)
        assert client.post(url, {**_note(), FIELD_NAME: token}).status_code == 302
    assert CaseNote.objects.filter(family=cast.family).count() == 2


def test_the_message_gives_the_day_too_when_the_first_post_was_not_today(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    data = {**_note(), FIELD_NAME: token_on(client, url)}
    client.post(url, data)
    # 09:42 UTC in July is 10:42 in London (British Summer Time).
    SubmissionToken.objects.update(created_at=datetime.datetime(2025, 7, 1, 9, 42, tzinfo=datetime.UTC))
    second = client.post(url, data, follow=True)
    assert "This case note was already added at 10:42 on 1 July." in banner(second)


def test_old_tokens_are_forgotten_after_the_retention_period(cast: Any, settings: Any) -> None:
    settings.SUBMISSION_TOKEN_RETENTION_DAYS = 30
    now = timezone.now()
    old, recent = (SubmissionToken.objects.create(token=uuid.uuid4(), user=cast.lead) for _ in range(2))
    SubmissionToken.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=31))
    SubmissionToken.objects.filter(pk=recent.pk).update(created_at=now - datetime.timedelta(days=29))
    assert submission_tokens_prune(now=now) == 1
    assert list(SubmissionToken.objects.all()) == [recent]


def test_beat_prunes_tokens_every_night(cast: Any, settings: Any) -> None:
    from core import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["core-submission-tokens-prune"]
    assert entry["task"] == tasks.submission_tokens_prune_task.name
    old = SubmissionToken.objects.create(token=uuid.uuid4(), user=cast.lead)
    SubmissionToken.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=365))
    assert tasks.submission_tokens_prune_task.delay().get() == 1
    assert not SubmissionToken.objects.exists()


BEFORE_ANYTHING = ["families:create", "families:person_add", "families:note_add", "families:step"]
BEFORE_ANYTHING += ["assessments:start", "plans:start", "families:detail", "time:add", "time:week"]
WITH_A_PLAN = [
    "plans:goal_add",
    "plans:action_add",
    "plans:review_add",
    "plans:agree",
    "assessments:review_add",
]


def test_every_creating_form_carries_a_token(client: Any, cast: Any) -> None:
    """A view wrapped in once_per_submission keeps its promise only if its form sends a token back."""
    client.force_login(cast.lead)
    ref = cast.family.reference
    no_args = {"families:create", "time:add", "time:week"}
    for name in BEFORE_ANYTHING:
        token_on(client, reverse(name) if name in no_args else reverse(name, args=[ref]))
    from assessments import services as assessment_services

    plan = plan_services.plan_create(actor=cast.lead, family=cast.family, started_on=today())
    domain = Domain.objects.filter(active=True).first()
    plan_services.goal_add(actor=cast.lead, plan=plan, domain=domain, text="Calmer mornings")
    assessment_services.assessment_start(actor=cast.lead, family=cast.family)
    for name in WITH_A_PLAN:
        token_on(client, reverse(name, args=[ref]))
