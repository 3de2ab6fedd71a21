"""Who may see and do what with a pot: the only place that decides it.

- A pot belongs to a team. Its lead practitioners and managers (casework staff in that team) see the
  pot page; lead practitioners request money for families they may change (families.permissions).
- Only the team's managers record contributions, open pots, and decide requests above the pot's
  auto-approval limit; nobody decides their own request.
- A funder's statement (no personal data) is open to the team and to the funder's own workers.
- Everyone else gets 404, never 403.
"""

from typing import Any

from django.http import Http404

from families import permissions as family_permissions
from pots.models import HelpRequest, Pot
from staff.models import User


def is_team_worker(user: User, team_id: int | None) -> bool:
    return bool(user.is_authenticated and user.is_casework_staff and team_id and user.team_id == team_id)


def is_team_manager(user: User, team_id: int | None) -> bool:
    return is_team_worker(user, team_id) and user.is_team_manager


def may_decide(user: User, help_request: HelpRequest) -> bool:
    return is_team_manager(user, help_request.pot.team_id) and help_request.requested_by_id != user.pk


def pot_for(user: User, pot_id: int) -> Pot:
    """The pot if the user works in its team; otherwise 404."""
    pot = Pot.objects.select_related("team").filter(pk=pot_id).first()
    if pot is None or not is_team_worker(user, pot.team_id):
        raise Http404("No pot found")
    return pot


def pot_to_manage(user: User, pot_id: int) -> Pot:
    pot = pot_for(user, pot_id)
    if not is_team_manager(user, pot.team_id):
        raise Http404("No pot found")
    return pot


def help_request_for(user: User, request_id: int, perm: str = family_permissions.VIEW) -> HelpRequest:
    """The request if the user works in the pot's team and holds `perm` on its family; otherwise 404."""
    help_request = (
        HelpRequest.objects.select_related("pot__team", "family", "requested_by", "decided_by")
        .filter(pk=request_id)
        .first()
    )
    if help_request is None or not is_team_worker(user, help_request.pot.team_id):
        raise Http404("No request found")
    family_permissions.family_for(user, help_request.family.reference, perm)
    return help_request


def help_request_to_decide(user: User, request_id: int) -> HelpRequest:
    help_request = help_request_for(user, request_id)
    if not may_decide(user, help_request):
        raise Http404("No request found")
    return help_request


def may_see_statement(user: User, pot: Pot, funder_id: int) -> bool:
    if is_team_worker(user, pot.team_id):
        return True
    return bool(
        user.is_authenticated and user.is_active and user.is_agency_worker and user.agency_id == funder_id
    )


def statement_for(user: User, pot_id: int, funder_id: int) -> tuple[Pot, Any]:
    """The pot and funder for a funder statement the user may read; otherwise 404."""
    pot = Pot.objects.select_related("team").filter(pk=pot_id).first()
    if pot is None or not may_see_statement(user, pot, funder_id):
        raise Http404("No statement found")
    contribution = pot.contributions.select_related("funder").filter(funder_id=funder_id).first()
    if contribution is None:
        raise Http404("No statement found")
    return pot, contribution.funder
