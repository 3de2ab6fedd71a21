"""Thin views: the family's Referrals tab, the referral form, the email-link answer pages and the
partner-agency portal. Access goes through families.permissions and agencies.permissions (404, never 403)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies import forms, permissions, selectors
from agencies.links import response_from_token
from agencies.models import Category, Consent, Referral, ReferralResponse, ResponseEvent
from agencies.services import agency as agency_services
from agencies.services import answer as answer_services
from agencies.services import consent as consent_services
from agencies.services import referral as referral_services
from core.forms import add_service_errors
from families import permissions as family_permissions
from families.models import Family
from plans import services as plan_services


def _family(request: HttpRequest, reference: str, perm: str = family_permissions.VIEW) -> Family:
    return family_permissions.family_for(request.user, reference, perm)


@login_required
def family_referrals(request: HttpRequest, reference: str) -> HttpResponse:
    family = _family(request, reference)
    page = Paginator(selectors.family_referrals(family=family), 10).get_page(request.GET.get("page"))
    referrals = list(page.object_list)
    for referral in referrals:
        for response in referral.responses.all():
            response.wait = selectors.waited(response)  # type: ignore[attr-defined]
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


@login_required
def referral_new(request: HttpRequest, reference: str) -> HttpResponse:
    family = _family(request, reference, family_permissions.CHANGE)
    if not family.is_open:
        raise Http404
    user: Any = request.user
    search = forms.AgencySearchForm(request.GET or None)
    term = search.cleaned_data["agency_q"] if search.is_valid() else ""
    choices, linked = selectors.referral_agency_choices(family=family, search=term)
    can_override = bool(user.is_team_manager and user.team_id == family.team_id)
    form = forms.ReferralForm(
        request.POST if request.method == "POST" else None,
        agencies=choices,
        goals=selectors.plan_goals(family=family),
        can_override=can_override,
        initial={"agencies": linked, "shares": [Category.CONTACT]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = referral_services.referral_send(
                actor=user,
                family=family,
                agencies=list(data["agencies"]),
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
            count = referral.responses.count()
            messages.success(
                request,
                _(
                    "Referral %(number)s sent to %(count)s agencies. Each will be emailed in the next few moments."
                )
                % {"number": referral.number, "count": count},
            )
            return redirect("agencies:referral_detail", family.reference, referral.pk)
    agencies_with_inbox = {a.pk for a in choices if a.inboxes.all()}
    return render(
        request,
        "agencies/referral_form.html",
        {
            "family": family,
            "form": form,
            "search": search,
            "term": term,
            "no_inbox": [a for a in choices if a.pk not in agencies_with_inbox],
            "consent_table": selectors.consent_table(
                family=family, agencies=[a for a in choices if a.pk in linked]
            ),
            "categories": Category.choices,
            "back_url": reverse("agencies:family_referrals", args=[family.reference]),
        },
    )


@login_required
def referral_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    family = _family(request, reference)
    referral = selectors.referral_detail(family=family, pk=pk)
    if referral is None:
        raise Http404
    responses = list(referral.responses.all())
    for response in responses:
        response.wait = selectors.waited(response)  # type: ignore[attr-defined]
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
def referral_close(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
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
def consent_new(request: HttpRequest, reference: str) -> HttpResponse:
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
def consent_withdraw(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
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
def family_agency_new(request: HttpRequest, reference: str) -> HttpResponse:
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


# --- answering from the email link (no account needed) -------------------------------------------

SESSION_KEY = "agencies_unlocked"


def _link(token: str) -> tuple[ReferralResponse | None, str]:
    check = response_from_token(token)
    return check.response, check.problem


def _invalid(request: HttpRequest, problem: str) -> HttpResponse:
    # The same page for every problem, with nothing about the referral or the family.
    return render(request, "agencies/link_invalid.html", {"problem": problem}, status=404)


def _unlocked(request: HttpRequest, response: ReferralResponse) -> bool:
    """Signed in as the agency's staff, or holding a code for this link's current nonce."""
    user: Any = request.user
    if permissions.is_agency_worker(user) and user.agency_id == response.agency_id:
        return permissions.responses_open_to(user).filter(pk=response.pk).exists()
    return request.session.get(SESSION_KEY, {}).get(str(response.pk)) == response.link_nonce


def answer_forms(response: ReferralResponse, bound: Any = None) -> list[tuple[Any, Any]]:
    result = []
    for spec in answer_services.answers_available(response):
        if bound is not None and bound.data.get("answer") == spec.key:
            form = bound
        else:
            form = forms.AnswerForm(
                initial={"answer": spec.key, "expected_status": response.status}, prefix=None
            )
        result.append((spec, form))
    return result


def answer_post(
    request: HttpRequest, response: ReferralResponse, *, via: str
) -> tuple[Any, HttpResponse | None]:
    """Handle an answer POST; returns the bound form (with errors) or a redirect."""
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        return form, None
    user: Any = request.user
    # Only the agency's own staff answer as themselves; anyone else holding the link answers as
    # "the agency, from the email link" (history records no user, and the reason says so).
    own_staff = permissions.is_agency_worker(user) and user.agency_id == response.agency_id
    try:
        answer_services.response_answer(
            actor=user if own_staff else None,
            response=response,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
            expected_status=form.cleaned_data["expected_status"],
            via=via,
        )
    except answer_services.AlreadyAnswered as exc:
        messages.info(
            request,
            _("Nothing was changed: this referral had already been answered (%(status)s).")
            % {"status": exc.response.get_status_display()},
        )
        return form, redirect(request.path)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for error_list in exc.error_dict.values():
                for error in error_list:
                    form.add_error("note", error)
        else:
            for text in exc.messages:
                form.add_error(None, text)
        return form, None
    messages.success(request, _("Thank you. Your answer has been sent to the family's lead practitioner."))
    return form, redirect(request.path)


def answer(request: HttpRequest, token: str) -> HttpResponse:
    response, problem = _link(token)
    if response is None:
        return _invalid(request, problem)
    bound = None
    if request.method == "POST":
        bound, done = answer_post(request, response, via=ResponseEvent.Via.EMAIL_LINK)
        if done:
            return done
        response.refresh_from_db()
    return render(
        request,
        "agencies/answer.html",
        {
            "response": response,
            "referral": response.referral,
            "token": token,
            "answer_forms": answer_forms(response, bound),
            "events": selectors.response_events(response=response),
            "unlocked": _unlocked(request, response),
            "can_unlock": not response.is_closed and response.referral.is_open,
            "wait": selectors.waited(response),
        },
    )


def answer_code(request: HttpRequest, token: str) -> HttpResponse:
    """Ask for a one-time code (sent to the agency's inboxes) and enter it."""
    response, problem = _link(token)
    if response is None:
        return _invalid(request, problem)
    if response.is_closed or not response.referral.is_open:
        raise Http404
    form = forms.CodeForm()
    if request.method == "POST" and request.POST.get("send"):
        try:
            answer_services.access_code_issue(response=response)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("A code has been sent to %(agency)s's referral inbox.") % {"agency": response.agency},
            )
        return redirect("agencies:answer_code", token)
    if request.method == "POST":
        form = forms.CodeForm(request.POST)
        if form.is_valid():
            if answer_services.access_code_check(response=response, code=form.cleaned_data["code"]):
                unlocked = request.session.get(SESSION_KEY, {})
                unlocked[str(response.pk)] = response.link_nonce
                request.session[SESSION_KEY] = unlocked
                request.session.cycle_key()
                return redirect("agencies:answer_shared", token)
            form.add_error(
                "code", _("That code is wrong or has expired. Check the latest email, or ask for a new code.")
            )
    return render(request, "agencies/answer_code.html", {"response": response, "form": form, "token": token})


def answer_shared(request: HttpRequest, token: str) -> HttpResponse:
    response, problem = _link(token)
    if response is None:
        return _invalid(request, problem)
    if not _unlocked(request, response):
        # Not a redirect: the same address answers every visitor, and shows nothing until unlocked.
        return render(
            request,
            "agencies/answer_code.html",
            {"response": response, "form": forms.CodeForm(), "token": token},
        )
    return render(request, "agencies/answer_shared.html", {"token": token, **shared_context(response)})


def shared_context(response: ReferralResponse) -> dict[str, Any]:
    categories = permissions.shared_categories(response)
    return {
        "response": response,
        "referral": response.referral,
        "shared": selectors.shared_information(family=response.referral.family, categories=categories),
        "categories": categories,
        "not_shared": [label for value, label in Category.choices if value not in categories],
    }


# --- the partner-agency portal --------------------------------------------------------------------


def _agency_worker(request: HttpRequest) -> Any:
    if not permissions.is_agency_worker(request.user):
        raise Http404
    return request.user


@login_required
def portal_inbox(request: HttpRequest) -> HttpResponse:
    user = _agency_worker(request)
    box = request.GET.get("box") or "new"
    if box not in selectors.PORTAL_BOXES:
        box = "new"
    page = Paginator(selectors.portal_inbox(user=user, box=box), 25).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    named = selectors.contact_consented(user=user, family_ids=[r.referral.family_id for r in rows])
    for row in rows:
        row.show_family_name = row.referral.family_id in named and not row.is_closed  # type: ignore[attr-defined]
        row.wait = selectors.waited(row)  # type: ignore[attr-defined]
    return render(
        request,
        "agencies/portal_inbox.html",
        {
            "box": box,
            "rows": rows,
            "page_obj": page,
            "counts": selectors.portal_counts(user=user),
            "agency": user.agency,
        },
    )


@login_required
def portal_response(request: HttpRequest, pk: int) -> HttpResponse:
    _agency_worker(request)
    response = permissions.response_for(request.user, pk)
    bound = None
    if request.method == "POST":
        bound, done = answer_post(request, response, via=ResponseEvent.Via.APP)
        if done:
            return (
                redirect("agencies:portal_response", pk)
                if permissions.responses_open_to(request.user).filter(pk=pk).exists()
                else redirect("agencies:portal_inbox")
            )
        response.refresh_from_db()
    return render(
        request,
        "agencies/portal_response.html",
        {
            **shared_context(response),
            "answer_forms": answer_forms(response, bound),
            "events": selectors.response_events(response=response),
            "wait": selectors.waited(response),
        },
    )


@login_required
def portal_family(request: HttpRequest, reference: str) -> HttpResponse:
    _agency_worker(request)
    family, responses, categories = permissions.family_for_agency(request.user, reference)
    return render(
        request,
        "agencies/portal_family.html",
        {
            "family": family,
            "responses": responses,
            "categories": categories,
            "shared": selectors.shared_information(family=family, categories=categories),
            "not_shared": [label for value, label in Category.choices if value not in categories],
        },
    )


@login_required
def portal_actions(request: HttpRequest) -> HttpResponse:
    user = _agency_worker(request)
    page = Paginator(selectors.agency_actions(user=user), 25).get_page(request.GET.get("page"))
    return render(request, "agencies/portal_actions.html", {"page_obj": page, "agency": user.agency})


@login_required
def portal_action_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = _agency_worker(request)
    action = get_object_or_404(selectors.agency_actions(user=user), pk=pk)
    form = forms.ActionStatusForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.action_update_status(
                actor=user, action=action, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Action updated. The family's lead practitioner can see it on the plan.")
            )
            return redirect("agencies:portal_actions")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Update an action"),
            "caption": action.text[:120],
            "submit_label": _("Save update"),
            "back_url": reverse("agencies:portal_actions"),
        },
    )
