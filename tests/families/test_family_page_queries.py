from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories


def test_the_family_page_does_not_grow_with_members_notes_or_time(client, cast):
    client.force_login(cast.lead)
    url = reverse("families:detail", args=[cast.family.reference])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(8):
        factories.person(family=cast.family, first_name=f"Child{n}", household_role="child")
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 16, [q["sql"][:120] for q in small.captured_queries]
