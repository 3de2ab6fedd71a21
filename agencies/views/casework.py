"""The family's Referrals tab, the referral form, consent and the agencies working with the family:
pages for casework staff. Access goes through families.permissions (404, never 403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies import forms, selectors
from agencies.models import Category, Consent, Referral
from agencies.services import agency as agency_services
from agencies.services import consent as consent_services
from agencies.services import referral as referral_services
from core.forms import add_service_errors
from core.submissions import once_per_submission
from families import permissions as family_permissions
from families.models import Family
from staff.http import AuthedRequest


def _family(request: AuthedRequest, reference: str, perm: str = family_permissions.VIEW) -> Family:
    return family_permissions.family_for(request.user, reference, perm)


@login_required
def family_referrals(request: AuthedRequest, reference: str) -> HttpResponse:
    family = _family(request, reference)
    page = Paginator(selectors.family_referrals(family=family), 10).get_page(request.GET.get("page"))
    referrals = list(page.object_list)
    for referral in referrals:
        for response in referral.responses.all():
            response.wait = selectors.waited(response)
    return render(
        request,
        "agencies/family_referrals.html",
        {
            "family": family,
            "tab": "referrals",
            "perms": family_permissions.family_perms(request.user, family),
            "referrals": referrals,
            "page_obj": page,
            "links": selectors.family_agency_links(family=family),
            "consents": selectors.family_consents(family=family),
        },
    )


def _say_sent(request: AuthedRequest, referral: Referral) -> None:
    messages.success(
        request,
        _("Referral %(number)s sent to %(count)s agencies. Each will be emailed in the next few moments.")
        % {"number": referral.number, "count": referral.responses.count()},
    )


@login_required
@once_per_submission(message=gettext_lazy("This referral was already sent at %(time)s."))
def referral_new(request: AuthedRequest, reference: str) -> HttpResponse:
    family = _family(request, reference, family_permissions.CHANGE)
    if not family.is_open:
        raise Http404
    user = request.user
    search = forms.AgencySearchForm(request.GET or None)
    term = search.cleaned_data["agency_q"] if search.is_valid() else ""
    choices, ticked = selectors.referral_agency_choices(family=family, search=term)
    can_override = bool(user.is_team_manager and user.team_id == family.team_id)
    form = forms.ReferralForm(
        request.POST if request.method == "POST" else None,
        family=family,
        agencies=choices,
        goals=selectors.plan_goals(family=family),
        can_override=can_override,
        initial={"agencies": ticked},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = consent_services.referral_send_with_consent(
                actor=user,
                family=family,
                agencies=list(data["agencies"]),
                consent_pairs=data["consent_pairs"],
                given_by=data["given_by"],
                how=data["how"],
                given_on=data["given_on"],
                request=data["request"],
                detail=data["detail"],
                urgency=data["urgency"],
                shares=data["shares"],
                concerns=list(data.get("concerns") or []),
                override_reason=data.get("override_reason", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _say_sent(request, referral)
            return redirect("agencies:referral_detail", family.reference, referral.pk)
    agencies_with_inbox = {a.pk for a in form.grid_agencies if a.inboxes.all()}
    return render(
        request,
        "agencies/referral_form.html",
        {
            "family": family,
            "form": form,
            "search": search,
            "term": term,
            "no_inbox": [a for a in form.grid_agencies if a.pk not in agencies_with_inbox],
            "rows": form.grid_rows("agencies"),
            "grid_fields": ["agencies", "consent", "given_by", "given_on", "how"],
            "categories": Category.choices,
            "back_url": reverse("agencies:family_referrals", args=[family.reference]),
        },
    )


@login_required
def referral_detail(request: AuthedRequest, reference: str, pk: int) -> HttpResponse:
    family = _family(request, reference)
    referral = selectors.referral_detail(family=family, pk=pk)
    if referral is None:
        raise Http404
    responses = list(referral.responses.all())
    for response in responses:
        response.wait = selectors.waited(response)  # type: ignore[attr-defined]
        response.delivery = selectors.email_delivery(response)  # type: ignore[attr-defined]
    return render(
        request,
        "agencies/referral_detail.html",
        {
            "family": family,
            "tab": "referrals",
            "referral": referral,
            "responses": responses,
            "perms": family_permissions.family_perms(request.user, family),
        },
    )


@login_required
def referral_close(request: AuthedRequest, reference: str, pk: int) -> HttpResponse:
    family = _family(request, reference, family_permissions.CHANGE)
    referral = get_object_or_404(Referral, pk=pk, family=family, status=Referral.Status.OPEN)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_services.referral_close(
                actor=request.user, referral=referral, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Referral %(number)s closed. The agencies' links no longer work.")
                % {"number": referral.number},
            )
            return redirect("agencies:referral_detail", family.reference, referral.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "family": family,
            "title": _("Close referral %(number)s") % {"number": referral.number},
            "caption": family.name,
            "lead": _(
                "Agencies that have not finished will be told it is withdrawn, and lose access straight away."
            ),
            "submit_label": _("Close referral"),
            "warning": True,
            "back_url": reverse("agencies:referral_detail", args=[family.reference, referral.pk]),
        },
    )


@login_required
@once_per_submission(message=gettext_lazy("This consent was already recorded at %(time)s."))
def consent_new(request: AuthedRequest, reference: str) -> HttpResponse:
    family = _family(request, reference, family_permissions.CHANGE)
    form = forms.ConsentForm(
        request.POST or None, family=family, initial={"agency": request.GET.get("agency")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                for category in data["categories"]:
                    consent_services.consent_give(
                        actor=request.user,
                        family=family,
                        agency=data["agency"],
                        category=category,
                        given_by=data["given_by"],
                        how=data["how"],
                        given_on=data["given_on"],
                        expires_on=data["expires_on"],
                    )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Consent to share with %(agency)s recorded.") % {"agency": data["agency"]}
            )
            return redirect("agencies:family_referrals", family.reference)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "family": family,
            "title": _("Record consent to share"),
            "caption": family.name,
            "lead": _("Record what the family agreed each agency may see. They can withdraw it at any time."),
            "submit_label": _("Record consent"),
            "back_url": reverse("agencies:family_referrals", args=[family.reference]),
        },
    )


@login_required
@once_per_submission(message=gettext_lazy("This consent was already recorded at %(time)s."))
def consent_grid(request: AuthedRequest, reference: str) -> HttpResponse:
    """Consent for several agencies and categories in one form (a table of agencies × categories)."""
    family = _family(request, reference, family_permissions.CHANGE)
    search = forms.AgencySearchForm(request.GET or None)
    term = search.cleaned_data["agency_q"] if search.is_valid() else ""
    choices, _ticked = selectors.referral_agency_choices(family=family, search=term)
    form = forms.ConsentGridForm(request.POST or None, family=family, agencies=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            written = consent_services.consent_grid_give(
                actor=request.user,
                family=family,
                pairs=data["consent_pairs"],
                given_by=data["given_by"],
                how=data["how"],
                given_on=data["given_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            agencies = sorted({consent.agency.name for consent in written})
            messages.success(
                request,
                _("Consent to share recorded for %(agencies)s.") % {"agencies": ", ".join(agencies)}
                if agencies
                else _("That consent was already recorded."),
            )
            return redirect("agencies:family_referrals", family.reference)
    return render(
        request,
        "agencies/consent_grid.html",
        {
            "family": family,
            "form": form,
            "search": search,
            "term": term,
            "rows": form.grid_rows(),
            "categories": Category.choices,
            "back_url": reverse("agencies:family_referrals", args=[family.reference]),
        },
    )


@login_required
def consent_withdraw(request: AuthedRequest, reference: str, pk: int) -> HttpResponse:
    family = _family(request, reference, family_permissions.CHANGE)
    consent = get_object_or_404(Consent, pk=pk, family=family, withdrawn_at__isnull=True)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_services.consent_withdraw(
                actor=request.user, consent=consent, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Consent withdrawn. It takes effect now, including links already sent.")
            )
            return redirect("agencies:family_referrals", family.reference)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "family": family,
            "title": _("Withdraw consent: %(what)s with %(agency)s")
            % {"what": consent.get_category_display().lower(), "agency": consent.agency},
            "caption": family.name,
            "lead": _(
                "Open referrals to this agency that share it are withdrawn, and their email links stop working."
            ),
            "submit_label": _("Withdraw consent"),
            "warning": True,
            "back_url": reverse("agencies:family_referrals", args=[family.reference]),
        },
    )


@login_required
@once_per_submission(message=gettext_lazy("This agency was already added at %(time)s."))
def family_agency_new(request: AuthedRequest, reference: str) -> HttpResponse:
    family = _family(request, reference, family_permissions.CHANGE)
    form = forms.FamilyAgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency_services.family_agency_link(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(agency)s added to the agencies working with the family.") % form.cleaned_data
            )
            return redirect("agencies:family_referrals", family.reference)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "family": family,
            "title": _("Add an agency working with the family"),
            "caption": family.name,
            "submit_label": _("Add agency"),
            "back_url": reverse("agencies:family_referrals", args=[family.reference]),
        },
    )
