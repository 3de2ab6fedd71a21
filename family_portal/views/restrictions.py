"""Staff side: the lead (or the team's manager) hides things from one family member, and shows them again.
Only someone who may change the family reaches these pages; anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from families import permissions
from families.models import Family
from family_portal.forms import RestrictionForm
from family_portal.models import MemberAccess, Restriction
from family_portal.selectors import restrictable
from family_portal.services import restrictions as services
from staff.http import AuthedRequest


def _family(request: AuthedRequest, reference: str) -> Family:
    if not request.user.is_casework_staff:
        raise Http404
    return permissions.family_for(request.user, reference, permissions.CHANGE)


@login_required
def restriction_list(request: AuthedRequest, reference: str) -> HttpResponse:
    family = _family(request, reference)
    accesses = list(restrictable.family_accesses(family=family))
    for access in accesses:
        access.rows = [  # type: ignore[attr-defined]
            {"restriction": r, "label": restrictable.restriction_label(r)} for r in access.restrictions.all()
        ]
    return render(
        request,
        "family_portal/staff/restrictions.html",
        {"family": family, "tab": "family_pages", "accesses": accesses},
    )


@login_required
@once_per_submission(message=gettext_lazy("This was already hidden at %(time)s."))
def restriction_add(request: AuthedRequest, reference: str, access_id: int) -> HttpResponse:
    family = _family(request, reference)
    access = get_object_or_404(
        MemberAccess.objects.select_related("person__family"), pk=access_id, person__family=family
    )
    form = RestrictionForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            services.restriction_add(actor=request.user, access=access, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Hidden from %(name)s.") % {"name": access.person.display_name})
            return redirect("family_sharing:restrictions", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_url=reverse("family_sharing:restrictions", args=[family.reference]),
        title=_("Hide something from %(name)s") % {"name": access.person.display_name},
        submit_label=_("Hide it"),
    )


@login_required
@require_POST
def restriction_remove(request: AuthedRequest, reference: str, pk: int) -> HttpResponse:
    family = _family(request, reference)
    restriction = get_object_or_404(
        Restriction.objects.select_related("access__person"), pk=pk, access__person__family=family
    )
    services.restriction_remove(actor=request.user, restriction=restriction)
    messages.success(
        request, _("%(name)s can see it again.") % {"name": restriction.access.person.display_name}
    )
    return redirect("family_sharing:restrictions", family.reference)


urls: list[URLPattern] = [
    path("<str:reference>/hidden/", restriction_list, name="restrictions"),
    path("<str:reference>/hidden/<int:access_id>/hide/", restriction_add, name="restriction_add"),
    path("<str:reference>/hidden/<int:pk>/show-again/", restriction_remove, name="restriction_remove"),
]
