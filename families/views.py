"""Thin views: read through selectors, check access through permissions, write through services."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from families import forms, permissions, registry, selectors, services
from families.models import Person
from staff.http import AuthedRequest


def _casework_staff(request: AuthedRequest) -> Any:
    user = request.user
    if not user.is_authenticated or not user.is_casework_staff:
        raise Http404
    return user


@login_required
def caseload(request: AuthedRequest) -> HttpResponse:
    user = _casework_staff(request)
    search = forms.CaseloadSearchForm(request.GET or None)
    q, status = "", "open"
    if search.is_valid():
        q = search.cleaned_data["q"]
        status = search.cleaned_data["status"] or "open"
    scope = request.GET.get("scope") or ("team" if user.is_team_manager else "mine")
    if scope not in ("mine", "team"):
        scope = "mine"
    families = selectors.caseload(user=user, scope=scope, search=q, status=status)
    page = Paginator(families, settings.CASEWORK_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "families/caseload.html",
        {
            "page_obj": page,
            "families": selectors.caseload_rows(page.object_list),
            "search": search,
            "scope": scope,
            "q": q,
            "caseload_columns": registry.caseload_columns(),
        },
    )


@login_required
@once_per_submission(message=gettext_lazy("This family was already opened at %(time)s."))
def family_create(request: AuthedRequest) -> HttpResponse:
    user = _casework_staff(request)
    if user.team is None:
        raise Http404
    initial = {"lead_practitioner": user.pk} if user.is_lead_practitioner else {}
    form = forms.FamilyCreateForm(request.POST or None, team=user.team, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            family = services.family_create(
                actor=user,
                team=user.team,
                name=data["name"],
                lead_practitioner=data["lead_practitioner"],
                address_line_1=data["address_line_1"],
                address_line_2=data["address_line_2"],
                town=data["town"],
                postcode=data["postcode"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Family %(ref)s opened. Add the people in the household next.") % {"ref": family.reference},
            )
            return redirect("families:detail", family.reference)
    return form_page(
        request,
        form,
        title=_("Open a family"),
        submit_label=_("Open family"),
        back_url=reverse("families:caseload"),
    )


@login_required
def family_detail(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference)
    return render(
        request,
        "families/detail.html",
        {
            "family": family,
            "tab": "overview",
            "perms": permissions.family_perms(request.user, family),
            "members": selectors.family_members(family=family),
            "chronology": selectors.family_chronology(family=family, limit=5),
        },
    )


@login_required
def family_chronology(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference)
    items = selectors.family_chronology(family=family)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "families/chronology.html",
        {
            "family": family,
            "tab": "chronology",
            "perms": permissions.family_perms(request.user, family),
            "page_obj": page,
        },
    )


@login_required
def family_history(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference)
    entries = selectors.family_history(family=family)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "families/history.html",
        {
            "family": family,
            "tab": "history",
            "perms": permissions.family_perms(request.user, family),
            "page_obj": page,
        },
    )


@login_required
def family_looks(request: AuthedRequest, reference: str) -> HttpResponse:
    """Who has looked at this record: for its lead and its team's managers, the only people who hold
    view on it (ADR 001). Opening this page is itself a look."""
    family = permissions.family_for(request.user, reference)
    page = Paginator(selectors.family_looks(family=family), settings.READ_LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "families/looks.html",
        {
            "family": family,
            "tab": "history",
            "perms": permissions.family_perms(request.user, family),
            "page_obj": page,
        },
    )


@login_required
def family_edit(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.CHANGE)
    form = forms.FamilyDetailsForm(request.POST or None, instance=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_update(
                actor=request.user, family=family, **{f: form.cleaned_data[f] for f in form.Meta.fields}
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Family details saved."))
            return redirect("families:detail", family.reference)
    return form_page(
        request, form, family=family, back_to="families:detail", title=_("Change family details")
    )


@login_required
@once_per_submission(message=gettext_lazy("This person was already added to the household at %(time)s."))
def person_add(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.CHANGE)
    form = forms.PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_add(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s added to the family.") % {"name": person.display_name})
            return redirect("families:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Add someone to the household"),
        submit_label=_("Add"),
    )


@login_required
def person_edit(request: AuthedRequest, reference: str, person_id: int) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.CHANGE)
    person = get_object_or_404(Person, pk=person_id, family=family)
    form = forms.PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Details for %(name)s saved.") % {"name": person.display_name})
            return redirect("families:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Change details for %(name)s") % {"name": person.display_name},
    )


@login_required
@once_per_submission(message=gettext_lazy("This case note was already added at %(time)s."))
def note_add(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.CHANGE)
    form = forms.CaseNoteForm(request.POST or None, initial={"kind": "visit"})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_note_add(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Note added to the chronology."))
            return redirect("families:chronology", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Add a case note"),
        submit_label=_("Add note"),
    )


@login_required
def hand_over(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.HAND_OVER)
    form = forms.HandOverForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_hand_over(
                actor=request.user,
                family=family,
                to=form.cleaned_data["lead_practitioner"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The family has been handed over to %(name)s.")
                % {"name": form.cleaned_data["lead_practitioner"]},
            )
            if family in permissions.families_visible_to(request.user):
                return redirect("families:detail", family.reference)
            return redirect("families:caseload")
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Hand over the family"),
        lead=_(
            "The new lead practitioner gets access straight away, and you lose it unless you manage the team."
        ),
        submit_label=_("Hand over"),
    )


@login_required
def close(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.CHANGE)
    if not family.is_open:
        raise Http404
    form = forms.CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_close(
                actor=request.user,
                family=family,
                reason=form.cleaned_data["reason"],
                closed_on=form.cleaned_data["closed_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The family has been closed."))
            return redirect("families:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Close the family"),
        submit_label=_("Close family"),
        warning=True,
    )


@login_required
def reopen(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.CHANGE)
    if family.is_open:
        raise Http404
    form = forms.ReopenForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_reopen(
                actor=request.user,
                family=family,
                lead_practitioner=form.cleaned_data["lead_practitioner"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The family has been reopened."))
            return redirect("families:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Reopen the family"),
        submit_label=_("Reopen family"),
    )


@login_required
@once_per_submission(message=gettext_lazy("This step was already recorded at %(time)s."))
def step(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.CHANGE)
    form = forms.StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_record_step(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded on the chronology."))
            return redirect("families:chronology", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Record a step up or step down"),
        submit_label=_("Record"),
    )


@login_required
def move_team(request: AuthedRequest, reference: str) -> HttpResponse:
    family = permissions.family_for(request.user, reference, permissions.HAND_OVER)
    if not request.user.is_team_manager or not family.is_open:
        raise Http404
    form = forms.MoveTeamForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_move_team(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The family has moved to the %(team)s team.") % {"team": form.cleaned_data["team"]}
            )
            return redirect("families:caseload")
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Move the family to another team"),
        submit_label=_("Move family"),
    )
