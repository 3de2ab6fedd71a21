"""Time the system observes: from opening one of its forms to saving it, with no effort from the worker."""

import re
import time
from typing import Any
from unittest import mock

from django.urls import reverse

from timesheets.models import ObservedFormTime
from timesheets.observed_time import FIELD_NAME, form_opened_token

TOKEN_RE = re.compile(rf'name="{FIELD_NAME}" value="([^"]+)"')


def _note_data(token: str) -> dict[str, str]:
    return {
        FIELD_NAME: token,
        "kind": "visit",
        "occurred_on_day": "2",
        "occurred_on_month": "3",
        "occurred_on_year": "2024",
        "text": "Visited the family at home.",
    }


def test_a_form_opened_and_saved_through_the_web_is_timed(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    opened = time.time()
    with mock.patch("timesheets.observed_time.time.time", return_value=opened):
        page = client.get(url).content.decode()
    token = TOKEN_RE.search(page).group(1)  # type: ignore[union-attr]

    with mock.patch("timesheets.observed_time.time.time", return_value=opened + 95):
        response = client.post(url, _note_data(token))

    assert response.status_code == 302
    observed = ObservedFormTime.objects.get()
    assert (observed.worker, observed.seconds, observed.view_name) == (cast.lead, 95, "families:note_add")
    assert observed.form_name == "CaseNoteForm"


def test_a_form_opened_and_abandoned_records_nothing(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    client.get(reverse("families:note_add", args=[cast.family.reference]))
    client.get(reverse("families:detail", args=[cast.family.reference]))
    assert not ObservedFormTime.objects.exists()


def test_a_form_sent_back_with_errors_keeps_its_opening_time(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    token = form_opened_token("CaseNoteForm", opened_at=time.time() - 120)
    bad = client.post(url, {**_note_data(token), "text": ""})
    assert bad.status_code == 200 and not ObservedFormTime.objects.exists()
    assert token in bad.content.decode()

    client.post(url, _note_data(token))

    assert ObservedFormTime.objects.get().seconds >= 120


def test_forged_stale_and_absurd_tokens(client: Any, cast: Any, settings: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    client.post(url, _note_data("forged:token"))
    client.post(url, _note_data(form_opened_token("CaseNoteForm", opened_at=time.time() - 2 * 86400)))
    assert not ObservedFormTime.objects.exists()

    client.post(url, _note_data(form_opened_token("CaseNoteForm", opened_at=time.time() - 3 * 3600)))

    assert ObservedFormTime.objects.get().seconds == settings.TIME_OBSERVED_FORM_CAP_SECONDS


def test_only_casework_staff_are_observed(client: Any, cast: Any) -> None:
    client.force_login(cast.admin)
    client.post(
        reverse("families:note_add", args=[cast.family.reference]), _note_data(form_opened_token("X"))
    )
    assert not ObservedFormTime.objects.exists()


def test_observed_time_shows_beside_recorded_time(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    client.post(url, _note_data(form_opened_token("CaseNoteForm", opened_at=time.time() - 600)))
    page = client.get(reverse("time:week")).content.decode()
    assert "Time on this system&#x27;s forms" in page or "Time on this system's forms" in page
    assert "10 minutes" in page
