""" "You said, we did": managers write a change in English and Welsh, preview it, publish and unpublish
it (staff, /you-said-we-did/); anyone reads the published ones in their language (/have-your-say/...)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from staff.http import AuthedRequest
from voice import review_permissions as permissions
from voice import selectors
from voice.forms_changes import ChangeForm
from voice.services import changes as services

PUBLIC_PAGE_SIZE = 20


@login_required
def change_list(request: AuthedRequest) -> HttpResponse:
    permissions.require_change_writer(request.user)
    page = Paginator(selectors.changes_for_staff(), 50).get_page(request.GET.get("page"))
    return render(request, "voice/changes/list.html", {"page_obj": page})


@login_required
@once_per_submission(message=gettext_lazy("This change was already written at %(time)s."))
def change_create(request: AuthedRequest) -> HttpResponse:
    permissions.require_change_writer(request.user)
    form = ChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.change_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Change saved as a draft. Check it below, then publish it."))
            return redirect("changes:detail", change.pk)
    return form_page(
        request,
        form,
        title=_("Write a change"),
        lead=_(
            "What people told us and what we did about it, in English and Welsh. It is published only when you say so."
        ),
        submit_label=_("Save and preview"),
        back_url=reverse("changes:list"),
    )


@login_required
def change_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview: the change as the public page shows it, in English and in Welsh."""
    change = permissions.change_for(request.user, pk)
    return render(
        request,
        "voice/changes/detail.html",
        {
            "change": change,
            "english": selectors.change_in(change, "en-gb"),
            "welsh": selectors.change_in(change, "cy"),
        },
    )


@login_required
def change_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    change = permissions.change_for(request.user, pk)
    form = ChangeForm(request.POST or None, initial=ChangeForm.initial_for(change))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_update(actor=request.user, change=change, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Change saved."))
            return redirect("changes:detail", change.pk)
    return form_page(
        request,
        form,
        title=_("Edit the change"),
        lead=_("A published change shows your edits as soon as you save them.")
        if change.published_on
        else "",
        submit_label=_("Save and preview"),
        back_url=reverse("changes:detail", args=[change.pk]),
    )


@login_required
def change_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    change = permissions.change_for(request.user, pk)
    if request.method == "POST":
        if services.change_publish(actor=request.user, change=change):
            messages.success(request, _("Published. It is on the public page and the family's pages."))
        else:
            messages.info(request, _("This change was already published."))
    return redirect("changes:detail", change.pk)


@login_required
def change_unpublish(request: AuthedRequest, pk: int) -> HttpResponse:
    change = permissions.change_for(request.user, pk)
    if request.method == "POST":
        if services.change_unpublish(actor=request.user, change=change):
            messages.success(
                request, _("Unpublished. It is no longer on the public page or the family's pages.")
            )
        else:
            messages.info(request, _("This change was not published."))
    return redirect("changes:detail", change.pk)


def public_list(request: HttpRequest) -> HttpResponse:
    """Open to anyone (no account): what changed, in the visitor's language."""
    language = translation.get_language() or "en-gb"
    page = Paginator(selectors.published_changes(), PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "voice/changes/public_list.html",
        {"page_obj": page, "items": [selectors.change_in(c, language) for c in page.object_list]},
    )
