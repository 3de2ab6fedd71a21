from staff.selectors import team_managers
from tests import factories


def test_it_answers_the_teams_active_managers_and_nobody_else(cast):
    gone = factories.manager(cast.team)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert list(team_managers(team=cast.team)) == [cast.manager]
    assert list(team_managers(team=cast.team.pk)) == [cast.manager]
    assert gone not in team_managers(team=cast.team)
    assert list(team_managers(team=cast.other_team)) == [cast.other_manager]


def test_they_are_the_members_of_the_teams_managers_group(cast):
    factories.manager(cast.team, first_name="Second")
    group = set(cast.team.managers_group.user_set.filter(is_active=True))
    assert set(team_managers(team=cast.team)) == group
