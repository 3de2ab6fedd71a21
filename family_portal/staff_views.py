"""Thin staff views for the family's own pages: the lead (or their manager) holding the family invites and
withdraws members. Reading needs view permission on the family; writing needs change permission and an
open family. Anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from families import permissions as family_permissions
from families.models import Family, Person
from family_portal.forms import InviteForm, WithdrawForm
from family_portal.models import MemberAccess
from family_portal.services.invitations import invite_defaults, invite_refusal, member_invite, member_withdraw
from staff.http import AuthedRequest

ALL_METHODS = require_http_methods(["GET", "POST"])
BACK_TO = "family_access:family"


@login_required
def members(request: AuthedRequest, reference: str) -> HttpResponse:
    family = family_permissions.family_for(request.user, reference)
    can_change = family.is_open and family_permissions.CHANGE in family_permissions.family_perms(
        request.user, family
    )
    people = list(family.members.select_related("portal_access").order_by("date_of_birth", "first_name"))
    rows = [
        {
            "person": person,
            "access": getattr(person, "portal_access", None),
            "refusal": invite_refusal(person),
        }
        for person in people
    ]
    return render(
        request,
        "family_portal/staff/members.html",
        {
            "family": family,
            "tab": "family_pages",
            "rows": rows,
            "can_change": can_change,
            "Status": MemberAccess.Status,
        },
    )


def _person(request: AuthedRequest, reference: str, person_id: int) -> tuple[Family, Person]:
    family = family_permissions.family_for(request.user, reference, family_permissions.CHANGE)
    if not family.is_open:
        raise Http404("The family is closed")
    person = get_object_or_404(family.members.select_related("portal_access"), pk=person_id)
    return family, person


@login_required
@ALL_METHODS
@once_per_submission(message=gettext_lazy("This invitation was already sent at %(time)s."))
def invite(request: AuthedRequest, reference: str, person_id: int) -> HttpResponse:
    family, person = _person(request, reference, person_id)
    back_url = reverse(BACK_TO, args=[family.reference])
    refusal = invite_refusal(person)
    if refusal:
        return render(
            request,
            "family_portal/staff/cannot_invite.html",
            {"family": family, "person": person, "refusal": refusal, "back_url": back_url},
        )
    form = InviteForm(request.POST or None, initial=invite_defaults(person))
    if request.method == "POST" and form.is_valid():
        try:
            access = member_invite(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            sent_to = access.phone if access.channel == "text" or not access.email else access.email
            messages.success(
                request,
                _("Invitation sent to %(name)s at %(address)s.")
                % {"name": person.display_name, "address": sent_to},
            )
            return redirect(back_url)
    return form_page(
        request,
        form,
        family=family,
        title=_("Invite %(name)s to the family's own pages") % {"name": person.display_name},
        lead=_(
            "They will get an email or text message saying what the pages are and how to sign in. "
            "They sign in with a code sent to the email address or mobile number you give here."
        ),
        submit_label=_("Send invitation"),
        back_url=back_url,
    )


@login_required
@ALL_METHODS
@once_per_submission(message=gettext_lazy("This invitation was already withdrawn at %(time)s."))
def withdraw(request: AuthedRequest, reference: str, person_id: int) -> HttpResponse:
    family, person = _person(request, reference, person_id)
    access = getattr(person, "portal_access", None)
    if access is None or access.status == MemberAccess.Status.WITHDRAWN:
        raise Http404("No invitation to withdraw")
    back_url = reverse(BACK_TO, args=[family.reference])
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_withdraw(actor=request.user, access=access, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Invitation withdrawn: %(name)s is signed out and cannot sign in.")
                % {"name": person.display_name},
            )
            return redirect(back_url)
    return form_page(
        request,
        form,
        family=family,
        title=_("Withdraw %(name)s's invitation") % {"name": person.display_name},
        submit_label=_("Withdraw invitation"),
        warning=True,
        back_url=back_url,
    )
