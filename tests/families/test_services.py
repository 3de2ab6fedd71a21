import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from families import permissions, services
from families.models import Family, FamilyEvent
from tests import factories


def test_it_refuses_an_open_family_without_a_lead_at_the_database(cast):
    family = cast.family
    family.lead_practitioner = None
    with pytest.raises(IntegrityError), transaction.atomic():
        family.save()


def test_it_refuses_a_family_without_a_lead_with_a_clear_message(cast):
    with pytest.raises(ValidationError) as exc:
        services.family_create(actor=cast.lead, name="Jones", team=cast.team, lead_practitioner=None)
    assert exc.value.message_dict["lead_practitioner"] == ["Choose a lead practitioner for the family."]
    assert not Family.objects.filter(name="Jones").exists()


def test_it_refuses_a_lead_from_another_team(cast):
    with pytest.raises(ValidationError) as exc:
        services.family_create(
            actor=cast.manager, name="Jones", team=cast.team, lead_practitioner=cast.other_manager
        )
    assert "is not in the Norwich North team" in exc.value.message_dict["lead_practitioner"][0]


def test_it_gives_the_lead_and_the_team_managers_access_and_nobody_else(cast):
    visible = lambda user: list(permissions.families_visible_to(user))  # noqa: E731
    assert visible(cast.lead) == [cast.family]
    assert visible(cast.manager) == [cast.family]
    assert visible(cast.colleague) == []
    assert visible(cast.other_manager) == []
    assert visible(cast.agency_worker) == []
    assert visible(cast.admin) == []


def test_handing_over_moves_access_and_records_the_reason(cast):
    services.family_hand_over(
        actor=cast.manager, family=cast.family, to=cast.colleague, reason="Lena is on leave"
    )
    assert list(permissions.families_visible_to(cast.colleague)) == [cast.family]
    assert list(permissions.families_visible_to(cast.lead)) == []
    assert cast.family.history.latest().history_change_reason == "Lena is on leave"
    assert (
        cast.family.events.filter(kind=FamilyEvent.Kind.HANDED_OVER).get().reason.endswith("Lena is on leave")
    )


def test_handing_over_needs_a_reason(cast):
    with pytest.raises(ValidationError) as exc:
        services.family_hand_over(actor=cast.lead, family=cast.family, to=cast.colleague, reason="  ")
    assert exc.value.message_dict["reason"] == ["Give a reason for handing over the family."]
    cast.family.refresh_from_db()
    assert cast.family.lead_practitioner == cast.lead


def test_closing_leaves_the_lead_read_only_and_reopening_restores_change(cast):
    services.family_close(actor=cast.lead, family=cast.family, reason="Goals achieved")
    assert permissions.family_perms(cast.lead, cast.family) == {permissions.VIEW}
    assert permissions.family_perms(cast.manager, cast.family) == set(permissions.FULL_ACCESS)
    assert cast.family.history.latest().history_change_reason == "Goals achieved"
    services.family_reopen(
        actor=cast.manager, family=cast.family, lead_practitioner=cast.colleague, reason="New worry"
    )
    assert permissions.family_perms(cast.colleague, cast.family) == set(permissions.FULL_ACCESS)
    assert permissions.family_perms(cast.lead, cast.family) == set()


def test_moving_team_moves_the_managers_access(cast):
    new_lead = factories.lead(cast.other_team)
    services.family_move_team(
        actor=cast.manager,
        family=cast.family,
        team=cast.other_team,
        lead_practitioner=new_lead,
        reason="Moved house",
    )
    assert list(permissions.families_visible_to(cast.manager)) == []
    assert list(permissions.families_visible_to(cast.other_manager)) == [cast.family]
    assert list(permissions.families_visible_to(new_lead)) == [cast.family]
    assert list(permissions.families_visible_to(cast.lead)) == []


def test_a_manager_joining_a_team_sees_its_families_and_leaving_loses_them(cast):
    from staff.services import user_change_team

    newcomer = factories.manager(cast.other_team)
    assert list(permissions.families_visible_to(newcomer)) == []
    user_change_team(actor=cast.admin, user=newcomer, team=cast.team)
    assert list(permissions.families_visible_to(newcomer)) == [cast.family]
    user_change_team(actor=cast.admin, user=newcomer, team=cast.other_team)
    assert list(permissions.families_visible_to(newcomer)) == []


def test_a_person_has_a_birth_date_or_a_due_date_not_both_at_the_database(cast):
    person = cast.family.members.first()
    person.expected_due_date = person.date_of_birth
    with pytest.raises(IntegrityError), transaction.atomic():
        person.save()
