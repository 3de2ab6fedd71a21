"""Thin views: the public search and service pages (no sign-in), and the staff pages that keep entries right."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.calendar import today
from core.forms import add_service_errors
from core.history import history_entries, history_records
from core.views import form_page
from directory import forms, insights, permissions, selectors, services
from directory.models import (
    Contact,
    CostOption,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.search import parse_query
from directory.standard_taxonomies import ESD_SERVICE_TYPES
from staff.http import AuthedRequest

DOMESTIC_ABUSE_CODE = "domestic-abuse"

DAY_NAMES = {
    "MO": gettext_lazy("Monday"),
    "TU": gettext_lazy("Tuesday"),
    "WE": gettext_lazy("Wednesday"),
    "TH": gettext_lazy("Thursday"),
    "FR": gettext_lazy("Friday"),
    "SA": gettext_lazy("Saturday"),
    "SU": gettext_lazy("Sunday"),
}


def _clock(value: datetime.time | None) -> str:
    """GOV.UK style times: 9am, 5:30pm, midday."""
    if value is None:
        return ""
    if value.hour == 12 and value.minute == 0:
        return str(_("midday"))
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def _days(byday: str) -> str:
    return ", ".join(str(DAY_NAMES.get(code, code)) for code in byday.split(",") if code)


def search(request: HttpRequest) -> HttpResponse:
    form = forms.PublicSearchForm(request.GET or None)
    searched = bool(request.GET)
    results = Service.objects.none()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        need = data["need"]
        results = selectors.services_search(
            text=data["q"],
            term_id=need.pk if need else None,
            with_mapped_terms=True,
            area=data["area"],
            age=data["age"],
            public_only=True,
            place=data["place"],
            radius_miles=data["radius"],
            cost=data["cost"],
            languages=data["language"],
            delivery=data["delivery"],
        )
    elif not form.is_bound:
        results = selectors.services_search(public_only=True)
    results = results.prefetch_related(
        # The results list the needs each helps with; the esd service types are for other directories.
        Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.exclude(taxonomy_id=ESD_SERVICE_TYPES.id)),
        "cost_options",
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
    )
    page = Paginator(results, settings.DIRECTORY_PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "page_obj": page,
            "services": page.object_list,
            "searched": searched,
            **_filter_links(request),
            "highlight": parse_query(form.cleaned_data.get("q", "")).highlight_words()
            if form.is_bound and form.is_valid()
            else [],
        },
    )


def _filter_links(request: HttpRequest) -> dict[str, Any]:
    """Whether a filter is chosen, and the same search without the filters (the "Clear filters" link)."""
    kept = request.GET.copy()
    for name in (*forms.PublicSearchForm.FILTERS, "page"):
        kept.pop(name, None)
    query = kept.urlencode()
    return {
        "filtered": any(request.GET.get(name) for name in forms.PublicSearchForm.FILTERS),
        "clear_filters_url": reverse("directory:search") + (f"?{query}" if query else ""),
    }


def _detail_context(service: Service) -> dict[str, Any]:
    locations = [sal.location for sal in service.service_at_locations.all()]
    contacts = list(service.contacts.all())
    schedules = [
        (_days(s.byday), _clock(s.opens_at), _clock(s.closes_at), s) for s in service.schedules.all()
    ]
    terms = list(service.taxonomy_terms.all())
    # The esd service types are the standard's labels for other directories, not needs (staff see them).
    needs = [term for term in terms if term.taxonomy_id != ESD_SERVICE_TYPES.id]
    service_types = [term for term in terms if term.taxonomy_id == ESD_SERVICE_TYPES.id]
    return {
        "service": service,
        "locations": locations,
        "contacts": contacts,
        "schedules": schedules,
        "needs": needs,
        "service_types": service_types,
        "areas": list(service.service_areas.all()),
        "cost_options": list(service.cost_options.all()),
        # Someone reading about domestic abuse may need to leave the page quickly (GOV.UK exit this page).
        "offer_exit": any(term.code == DOMESTIC_ABUSE_CODE for term in needs)
        or selectors.terms_map_to_need(service_types, DOMESTIC_ABUSE_CODE),
        "has_written_route": bool(
            service.email
            or service.url
            or service.organization.email
            or service.organization.website
            or any(c.email or c.text_phone for c in contacts)
        ),
    }


def service_detail(request: HttpRequest, service_id: Any) -> HttpResponse:
    permissions.public_service(service_id)
    service = selectors.service_detail_queryset().get(pk=service_id)
    return render(request, "directory/service.html", _detail_context(service))


@login_required
def manage(request: AuthedRequest) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    form = forms.StaffSearchForm(request.GET or None)
    text, stale_only, mine = "", False, False
    if form.is_valid():
        text = form.cleaned_data["q"]
        stale_only = form.cleaned_data["stale"]
        mine = form.cleaned_data["mine"]
    found = selectors.staff_services(text=text, stale_only=stale_only, owner=user if mine else None)
    page = Paginator(found, settings.CASEWORK_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = insights.insights_for(page.object_list)
    return render(
        request,
        "directory/manage.html",
        {
            "form": form,
            "page_obj": page,
            "services": page.object_list,
            # Staff only: how the agency behind each service answers referrals (one read for the page).
            "rows": [(service, shown[service.pk]) for service in page.object_list],
            "stale_cutoff": selectors.stale_cutoff(),
            "months": settings.DIRECTORY_STALE_AFTER_MONTHS,
            "filtered": bool(text or stale_only or mine),
        },
    )


@login_required
def manage_service(request: AuthedRequest, service_id: Any) -> HttpResponse:
    permissions.directory_manager(request.user)
    permissions.service_for_staff(request.user, service_id)
    service = selectors.service_detail_queryset().get(pk=service_id)
    history = history_entries(
        [
            (_("Service"), history_records(Service).filter(id=service.pk)),
            (_("Contact"), history_records(Contact).filter(service_id=service.pk)),
            (_("Opening times"), history_records(Schedule).filter(service_id=service.pk)),
            (_("Location"), history_records(ServiceAtLocation).filter(service_id=service.pk)),
            (_("Area covered"), history_records(ServiceArea).filter(service_id=service.pk)),
            (_("Cost"), history_records(CostOption).filter(service_id=service.pk)),
        ],
        limit=50,
    )
    return render(
        request,
        "directory/manage_service.html",
        {
            **_detail_context(service),
            "insights": insights.insights_for([service])[service.pk],
            "is_stale": service.last_reviewed_on < selectors.stale_cutoff(),
            "history": history,
        },
    )


def _fields(data: dict[str, Any]) -> services.ServiceFields:
    return services.ServiceFields(
        organization=data["organization"],
        name=data["name"],
        owner=data["owner"],
        description=data["description"],
        url=data["url"],
        email=data["email"],
        status=data["status"],
        minimum_age=data["minimum_age"],
        maximum_age=data["maximum_age"],
        eligibility_description=data["eligibility_description"],
        fees=data["fees"],
        languages=data["languages"],
        alert=data["alert"],
        agency=data["agency"],
        taxonomy_terms=[*data["taxonomy_terms"], *data.get("service_types", [])],
        locations=data["locations"],
        areas=data["areas"],
        delivery_methods=data["delivery_methods"],
        cost_options=data["cost_options"],
    )


@login_required
def service_add(request: AuthedRequest) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    initial: dict[str, Any] = {"owner": user.pk}
    if request.GET.get("organization"):
        initial["organization"] = request.GET["organization"]
    form = forms.ServiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(actor=user, fields=_fields(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s added to the directory.") % {"name": service.name})
            return redirect("directory:manage_service", service.pk)
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "title": _("Add a service"),
            "submit_label": _("Add service"),
            "back_url": reverse("directory:manage"),
        },
    )


@login_required
def service_edit(request: AuthedRequest, service_id: Any) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    service = permissions.service_for_staff(user, service_id)
    form = forms.ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(actor=user, service=service, fields=_fields(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes to %(name)s saved.") % {"name": form.cleaned_data["name"]})
            return redirect("directory:manage_service", service.pk)
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": service.name},
            "caption": service.organization.name,
            "back_url": reverse("directory:manage_service", args=[service.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_review(request: AuthedRequest, service_id: Any) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    service = permissions.service_for_staff(user, service_id)
    if request.method == "POST":
        services.service_mark_reviewed(actor=user, service=service)
        messages.success(
            request,
            _("%(name)s marked as checked on %(date)s.")
            % {"name": service.name, "date": date_format(today(), "j F Y")},
        )
        return redirect("directory:manage_service", service.pk)
    return render(request, "directory/review.html", {"service": service})


def _back_to_service(service_id: Any) -> str:
    return reverse("directory:manage_service", args=[service_id])


@login_required
def contact_add(request: AuthedRequest, service_id: Any) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    service = permissions.service_for_staff(user, service_id)
    form = forms.ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_add(actor=user, service=service, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Contact added."))
            return redirect(_back_to_service(service.pk))
    return form_page(
        request,
        form,
        title=_("Add a contact"),
        caption=service.name,
        lead=_("Give an email address or a text phone as well as any phone number."),
        back_url=_back_to_service(service.pk),
    )


@login_required
@require_http_methods(["POST"])
def contact_remove(request: AuthedRequest, service_id: Any, contact_id: Any) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    contact = permissions.contact_for_staff(user, service_id, contact_id)
    services.contact_remove(actor=user, contact=contact)
    messages.success(request, _("Contact removed."))
    return redirect(_back_to_service(service_id))


@login_required
def schedule_add(request: AuthedRequest, service_id: Any) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    service = permissions.service_for_staff(user, service_id)
    form = forms.ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.schedule_add(
                actor=user,
                service=service,
                byday=",".join(data["days"]),
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                description=data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opening times added."))
            return redirect(_back_to_service(service.pk))
    return form_page(
        request,
        form,
        title=_("Add opening times"),
        caption=service.name,
        back_url=_back_to_service(service.pk),
    )


@login_required
@require_http_methods(["POST"])
def schedule_remove(request: AuthedRequest, service_id: Any, schedule_id: Any) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    schedule = permissions.schedule_for_staff(user, service_id, schedule_id)
    services.schedule_remove(actor=user, schedule=schedule)
    messages.success(request, _("Opening times removed."))
    return redirect(_back_to_service(service_id))


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@login_required
def organization_add(request: AuthedRequest) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    form = forms.OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_create(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s added. Now add its service.") % {"name": org.name})
            return redirect(f"{reverse('directory:service_add')}?organization={org.pk}")
    return form_page(
        request,
        form,
        title=_("Add an organisation"),
        submit_label=_("Add organisation"),
        back_url=reverse("directory:service_add"),
    )


@login_required
def location_add(request: AuthedRequest) -> HttpResponse:
    user = permissions.directory_manager(request.user)
    form = forms.LocationForm(request.POST or None)
    back = _next_url(request, reverse("directory:service_add"))
    if request.method == "POST" and form.is_valid():
        try:
            location = services.location_create(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s added: tick it where the service is offered.") % {"name": location.name}
            )
            return redirect(back)
    return form_page(request, form, title=_("Add a place"), submit_label=_("Add place"), back_url=back)
