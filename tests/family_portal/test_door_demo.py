"""`make demo`: a demo parent with open access, and the sign-in printed with where the code appears."""

from io import StringIO
from typing import Any

from django.core.management import call_command

from families.demo import DEMO_FAMILY_EMAIL
from family_portal.models import MemberAccess
from tests.family_portal.door_helpers import ask_for_code, code_from_outbox, enter_code


def test_the_demo_parent_signs_in_with_the_code_the_demo_prints_to_the_console(
    client: Any, db: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    call_command("seed_demo", families=8, detailed=8, apps="family_portal", stdout=StringIO())
    access = MemberAccess.objects.get(email=DEMO_FAMILY_EMAIL)
    assert access.is_open and access.person.family.lead_practitioner.username == "lead"
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "/my/sign-in/" in out.getvalue()
    assert (
        f"Family member: {DEMO_FAMILY_EMAIL}" in out.getvalue()
        and "appears in this console" in out.getvalue()
    )

    ask_for_code(client, django_capture_on_commit_callbacks, address=DEMO_FAMILY_EMAIL)
    assert enter_code(client, code_from_outbox()).status_code == 302
    access.refresh_from_db()
    assert access.status == MemberAccess.Status.ACTIVE


def test_seeding_the_demo_tells_the_demo_family_nothing(
    db: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from family_portal.models import FamilyNotice

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", families=8, detailed=8, apps="plans,family_portal", stdout=StringIO())
    assert MemberAccess.objects.filter(email=DEMO_FAMILY_EMAIL).exists()
    assert not FamilyNotice.objects.exists()
    # The demo parent is invited (one email); nothing else reaches them.
    assert [m.to for m in mailoutbox] == [[DEMO_FAMILY_EMAIL]]


def test_a_change_made_while_news_is_paused_is_news_to_nobody(
    cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from families import signals
    from plans import services as plan_services
    from tests.family_portal.pages_helpers import member_of, plan_with_goal

    access = member_of(cast.family)
    with django_capture_on_commit_callbacks(execute=True):
        _plan, goal = plan_with_goal(cast.family)
    told = access.notices.count()
    with django_capture_on_commit_callbacks(execute=True), signals.news_paused():
        plan_services.goal_update(actor=cast.lead, goal=goal, version=goal.version, text="Quiet change")
    assert access.notices.count() == told
    goal.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.goal_update(actor=cast.lead, goal=goal, version=goal.version, text="Loud change")
    assert access.notices.count() == told + 1
