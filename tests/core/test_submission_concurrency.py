"""Two tabs send the same form at the same moment: one write, and both land on its page (PostgreSQL)."""

import threading
import time
from typing import Any
from unittest import mock

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from core.calendar import today
from core.models import SubmissionToken
from core.submissions import FIELD_NAME
from families import services as family_services
from families.models import CaseNote
from tests.core.test_submissions import token_on
from tests.timesheets.time_fixtures import entry
from timesheets import services as time_services
from timesheets.models import TimeRecord

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_only(transactional_db: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


def _slowly(service: Any) -> Any:
    """The service, holding its transaction open a moment after writing, so the second post really waits."""

    def slow(*args: Any, **kwargs: Any) -> Any:
        made = service(*args, **kwargs)
        time.sleep(0.5)
        return made

    return slow


def _post_together(user: Any, url: str, data: dict[str, Any], tabs: int = 2) -> list[Any]:
    barrier = threading.Barrier(tabs)
    responses: list[Any] = []
    crashed: list[BaseException] = []
    lock = threading.Lock()

    def tab() -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=30)
            response = client.post(url, data)
            with lock:
                responses.append(response)
        except BaseException as exc:  # a deadlock or an unhandled IntegrityError would land here
            with lock:
                crashed.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tab) for _ in range(tabs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not crashed, crashed
    return responses


def test_a_case_note_sent_from_two_tabs_at_once_is_added_once(postgres_only: None, cast: Any) -> None:
    url = reverse("families:note_add", args=[cast.family.reference])
    setup = Client()
    setup.force_login(cast.lead)
    day = today()
    data = {
        "kind": "visit",
        "occurred_on_day": day.day,
        "occurred_on_month": day.month,
        "occurred_on_year": day.year,
        "text": "Home visit",
        FIELD_NAME: token_on(setup, url),
    }
    with mock.patch.object(family_services, "case_note_add", _slowly(family_services.case_note_add)):
        responses = _post_together(cast.lead, url, data, tabs=4)

    chronology = reverse("families:chronology", args=[cast.family.reference])
    assert [r.status_code for r in responses] == [302] * 4
    assert {r["Location"] for r in responses} == {chronology}
    assert CaseNote.objects.filter(family=cast.family).count() == 1
    assert SubmissionToken.objects.count() == 1


def test_time_sent_from_two_tabs_at_once_is_recorded_once(postgres_only: None, cast: Any) -> None:
    setup = Client()
    setup.force_login(cast.lead)
    data = entry(50, family=cast.family, next=reverse("time:week"))
    data[FIELD_NAME] = token_on(setup, reverse("time:add"))
    with mock.patch.object(time_services, "time_record_add", _slowly(time_services.time_record_add)):
        responses = _post_together(cast.lead, reverse("time:add"), data)

    assert [r.status_code for r in responses] == [302, 302]
    assert TimeRecord.objects.filter(worker=cast.lead).count() == 1
