"""Letters to post: the lead worker and the team's managers see their families' letters, download
them and mark them posted; nobody else can reach them."""

from typing import Any

from django.urls import reverse

from family_portal.models import Channel, FamilyNotice
from family_portal.services.notify import notify_family_member
from tests.family_portal.notify_helpers import member


def _letter(cast: Any) -> FamilyNotice:
    access = member(cast.family, first_name="Robin", channel=Channel.LETTER)
    notice = notify_family_member(access=access, kind="plan_changed", key="plan:1:v2")
    assert notice is not None
    return notice


def test_the_lead_downloads_a_letter_and_marks_it_posted(client: Any, cast: Any) -> None:
    notice = _letter(cast)
    client.force_login(cast.lead)
    page = client.get(reverse("family_letters:list"))
    assert page.status_code == 200 and "Robin" in page.content.decode()
    download = client.get(reverse("family_letters:download", args=[notice.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    response = client.post(reverse("family_letters:posted", args=[notice.pk]))
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == FamilyNotice.Status.POSTED and notice.posted_by == cast.lead
    after = client.get(reverse("family_letters:list")).content.decode()
    assert "There are no letters to post." in after


def test_the_teams_manager_sees_the_letter(client: Any, cast: Any) -> None:
    _letter(cast)
    client.force_login(cast.manager)
    assert "Robin" in client.get(reverse("family_letters:list")).content.decode()


def test_nobody_else_reaches_a_letter(client: Any, cast: Any) -> None:
    notice = _letter(cast)
    for user in (cast.colleague, cast.other_manager, cast.agency_worker, notice.access.user):
        client.force_login(user)
        assert client.get(reverse("family_letters:download", args=[notice.pk])).status_code == 404
        assert client.post(reverse("family_letters:posted", args=[notice.pk])).status_code == 404
        if user != notice.access.user:
            assert "Robin" not in client.get(reverse("family_letters:list")).content.decode()
    notice.refresh_from_db()
    assert notice.status == FamilyNotice.Status.TO_POST
