"""Kept informed: once per event per member, by their channel, in their language, never more than
they may see."""

from typing import Any

import pytest
from pypdf import PdfReader

from families.services import family_close
from family_portal.models import Channel, FamilyNotice, MemberAccess
from family_portal.services.notify import notify_family_member
from family_portal.tasks import notify_family_news
from tests.family_portal.notify_helpers import hide, member
from tests.pots.helpers import goal


def test_it_tells_a_member_once_however_often_it_runs(cast: Any, mailoutbox: list[Any]) -> None:
    access = member(cast.family)
    first = notify_family_member(access=access, kind="plan_changed", key="plan:1:v2")
    second = notify_family_member(access=access, kind="plan_changed", key="plan:1:v2")
    notify_family_news(cast.family.pk, "plan_changed", "plan:1:v2", None, None)
    assert first is not None and second is None
    assert FamilyNotice.objects.filter(access=access).count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [access.email]
    assert mailoutbox[0].subject == "Your family plan has changed"
    assert "http://127.0.0.1:8000/my/" in mailoutbox[0].body
    # Every family-facing email says how to complain, suggest or compliment, without signing in.
    assert "http://127.0.0.1:8000/have-your-say/" in mailoutbox[0].body
    assert 'href="http://127.0.0.1:8000/have-your-say/"' in mailoutbox[0].alternatives[0][0]


def test_it_sends_a_text_with_only_the_first_name_and_the_link(
    cast: Any, capsys: Any, mailoutbox: list[Any]
) -> None:
    cast.family.address_line_1 = "12 Rose Lane"
    cast.family.save()
    access = member(cast.family, first_name="Jo", last_name="Smithson", channel=Channel.TEXT)
    for kind in ("plan_changed", "worker_changed", "referral_answered", "help_approved"):
        notify_family_member(access=access, kind=kind, key=f"{kind}:1")
    out = capsys.readouterr().out
    assert out.count("Text message to: 07700 900123") == 4
    assert "Hello Jo," in out and "http://127.0.0.1:8000/my/" in out
    for private in ("Smithson", "Rose Lane", "NR1", "Taylor", cast.lead.last_name):
        assert private not in out
    assert mailoutbox == []


def test_it_makes_a_letter_to_post_in_large_print(cast: Any, mailoutbox: list[Any]) -> None:
    access = member(cast.family, channel=Channel.LETTER, large_print=True)
    notice = notify_family_member(access=access, kind="worker_changed", key="family:1:lead:2")
    assert notice is not None and notice.status == FamilyNotice.Status.TO_POST
    reader = PdfReader(notice.letter.open("rb"))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "You have a new lead worker" in text
    assert "Lena Lead" in text
    assert "/have-your-say/" in text  # how to complain, on paper too
    sizes: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            sizes.append(abs(size * tm[3] * cm[3]) if tm[3] and cm[3] else size)

    reader.pages[0].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 18
    assert mailoutbox == []


def test_a_welsh_member_is_told_in_welsh(cast: Any, mailoutbox: list[Any]) -> None:
    access = member(cast.family, language="cy")
    notify_family_member(access=access, kind="plan_changed", key="plan:1:v3")
    (email,) = mailoutbox
    assert email.subject == "Mae cynllun eich teulu wedi newid"
    assert "Helo Sam," in email.body
    assert "gweithiwr arweiniol" in email.body


def test_a_member_is_not_told_about_an_item_hidden_from_them(cast: Any, mailoutbox: list[Any]) -> None:
    told, restricted = member(cast.family), member(cast.family, first_name="Alex")
    hidden_goal = goal(cast.family)
    hide(restricted, hidden_goal)
    notify_family_news(cast.family.pk, "plan_changed", "plan:goal:1", *_ids(hidden_goal))
    assert [m.to for m in mailoutbox] == [[told.email]]
    assert not FamilyNotice.objects.filter(access=restricted).exists()


def test_nobody_is_told_about_an_item_not_shared_with_the_family(cast: Any, mailoutbox: list[Any]) -> None:
    member(cast.family)
    unshared = goal(cast.family)
    unshared.shared_with_family = False
    unshared.save()
    notify_family_news(cast.family.pk, "plan_changed", "plan:goal:2", *_ids(unshared))
    assert mailoutbox == []


@pytest.mark.parametrize("how", ["withdrawn", "family closed"])
def test_a_member_whose_access_ended_is_not_told(cast: Any, mailoutbox: list[Any], how: str) -> None:
    access = member(cast.family)
    if how == "withdrawn":
        MemberAccess.objects.filter(pk=access.pk).update(status=MemberAccess.Status.WITHDRAWN)
    else:
        family_close(actor=cast.lead, family=cast.family, reason="Goals met")
    assert notify_family_member(access=access, kind="plan_changed", key="plan:9") is None
    assert mailoutbox == []


def _ids(obj: Any) -> tuple[int, int]:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk, obj.pk
