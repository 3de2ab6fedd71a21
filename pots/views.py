"""Thin views: access through pots.permissions (and families.permissions), reads through selectors,
writes through services. Everything a user may not see is a 404."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.calendar import today
from core.csv import csv_response
from core.forms import add_service_errors
from core.money import format_gbp
from core.submissions import once_per_submission
from core.views import form_page
from families import permissions as family_permissions
from plans.models import Goal
from pots import charts, forms, funding, pdf, permissions, selectors, services
from pots.models import Contribution, HelpRequest
from staff.http import AuthedRequest

ALL_METHODS = require_http_methods(["GET", "POST"])
CONTRIBUTIONS_SHOWN = 5  # per funder on the pot page, newest


def _financial_year(on: Any) -> tuple[Any, Any]:
    start_year = on.year if on.month >= 4 else on.year - 1
    return on.replace(year=start_year, month=4, day=1), on.replace(year=start_year + 1, month=3, day=31)


@login_required
def pot_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if user.is_casework_staff:
        pots = list(selectors.pots_for_team(team_id=user.team_id))
        funder_id = None
    elif user.is_agency_worker and user.is_active:
        pots = list(selectors.funders_of(agency_id=user.agency_id))
        funder_id = user.agency_id
    else:
        raise Http404
    return render(
        request,
        "pots/list.html",
        {
            "pots": pots,
            "funder_id": funder_id,
            "can_open": permissions.is_team_manager(user, user.team_id),
        },
    )


@login_required
@ALL_METHODS
@once_per_submission(message=gettext_lazy("This pot was already opened at %(time)s."))
def pot_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not permissions.is_team_manager(user, user.team_id):
        raise Http404
    start, end = _financial_year(today())
    form = forms.PotForm(request.POST or None, initial=forms.pot_initial(user.team, start, end))
    if request.method == "POST" and form.is_valid():
        try:
            pot = funding.pot_create(actor=user, team=user.team, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Pot opened. Record the money agencies have paid in next."))
            return redirect("pots:detail", pot.pk)
    return form_page(
        request,
        form,
        title=_("Open a practical-help pot"),
        caption=user.team,
        submit_label=_("Open pot"),
        back_url=reverse("pots:list"),
    )


@login_required
@ALL_METHODS
def pot_edit(request: AuthedRequest, pot_id: int) -> HttpResponse:
    pot = permissions.pot_to_manage(request.user, pot_id)
    initial = {
        f: getattr(pot, f) for f in ("name", "ends_on", "auto_approval_limit", "family_cap", "categories")
    }
    form = forms.PotForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            funding.pot_update(actor=request.user, pot=pot, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Pot updated."))
            return redirect("pots:detail", pot.pk)
    return form_page(
        request,
        form,
        title=_("Change the pot"),
        caption=pot.name,
        back_url=reverse("pots:detail", args=[pot.pk]),
    )


@login_required
def pot_detail(request: AuthedRequest, pot_id: int) -> HttpResponse:
    pot = permissions.pot_for(request.user, pot_id)
    funders = selectors.by_funder(pot=pot)
    # The pot's totals are the sum of its funders' (the same ledger rows, grouped once).
    balance = selectors.total_of(f.balance for f in funders)
    categories, domains = selectors.spending_breakdown(pot=pot)
    # The page stays the same size however many times a funder pays in; the full list is one click away.
    show_all = request.GET.get("contributions") == "all"
    for row in funders:
        row.shown = row.contributions if show_all else row.contributions[-CONTRIBUTIONS_SHOWN:]
    return render(
        request,
        "pots/detail.html",
        {
            "pot": pot,
            "balance": balance,
            "funders": funders,
            "categories": categories,
            "domains": domains,
            "status_counts": selectors.status_counts(pot=pot),
            "statuses": HelpRequest.Status.choices,
            "recent": selectors.pot_requests(pot=pot)[:20],
            "is_manager": permissions.is_team_manager(request.user, pot.team_id),
            "bar": charts.balance_bar(balance),
        },
    )


@login_required
def pot_history(request: AuthedRequest, pot_id: int) -> HttpResponse:
    pot = permissions.pot_to_manage(request.user, pot_id)
    page = Paginator(selectors.pot_history(pot=pot), 50).get_page(request.GET.get("page"))
    return render(request, "pots/history.html", {"pot": pot, "page_obj": page})


@login_required
def ledger_csv(request: AuthedRequest, pot_id: int) -> HttpResponse:
    """The whole ledger for the team's records and audit; request numbers, never family names."""
    pot = permissions.pot_to_manage(request.user, pot_id)
    return csv_response(pdf.ledger_rows(pot=pot), filename=f"pot-{pot.pk}-ledger.csv")


@login_required
@ALL_METHODS
@once_per_submission(message=gettext_lazy("This payment in was already recorded at %(time)s."))
def contribution_add(request: AuthedRequest, pot_id: int) -> HttpResponse:
    pot = permissions.pot_to_manage(request.user, pot_id)
    form = forms.ContributionForm(request.POST or None, pot=pot, initial={"received_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            funding.contribution_add(actor=request.user, pot=pot, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(amount)s paid in recorded.") % {"amount": format_gbp(form.cleaned_data["amount"])},
            )
            return redirect("pots:detail", pot.pk)
    return form_page(
        request,
        form,
        title=_("Record money paid in"),
        caption=pot.name,
        submit_label=_("Record"),
        back_url=reverse("pots:detail", args=[pot.pk]),
    )


@login_required
@ALL_METHODS
def contribution_correct(request: AuthedRequest, pot_id: int, contribution_id: int) -> HttpResponse:
    pot = permissions.pot_to_manage(request.user, pot_id)
    contribution = (
        Contribution.objects.select_related("funder", "pot").filter(pk=contribution_id, pot=pot).first()
    )
    if contribution is None:
        raise Http404
    form = forms.CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            funding.contribution_correct(actor=request.user, contribution=contribution, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Correction recorded."))
            return redirect("pots:detail", pot.pk)
    return form_page(
        request,
        form,
        title=_("Correct a contribution"),
        caption=f"{contribution.funder}: {format_gbp(contribution.amount)}",
        lead=_("The contribution stays as it was recorded; a correction takes money back out of it."),
        submit_label=_("Record correction"),
        back_url=reverse("pots:detail", args=[pot.pk]),
    )


def _statement(request: AuthedRequest, pot_id: int, funder_id: int) -> selectors.Statement:
    pot, funder = permissions.statement_for(request.user, pot_id, funder_id)
    return selectors.funder_statement(pot=pot, funder=funder, on=today())


@login_required
def statement(request: AuthedRequest, pot_id: int, funder_id: int) -> HttpResponse:
    return render(request, "pots/statement.html", {"s": _statement(request, pot_id, funder_id)})


@login_required
def statement_pdf(request: AuthedRequest, pot_id: int, funder_id: int) -> HttpResponse:
    s = _statement(request, pot_id, funder_id)
    response = HttpResponse(pdf.statement_pdf(s), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pot-{pot_id}-funder-{funder_id}-statement.pdf"'
    return response


@login_required
def statement_csv(request: AuthedRequest, pot_id: int, funder_id: int) -> HttpResponse:
    s = _statement(request, pot_id, funder_id)
    return csv_response(pdf.statement_rows(s), filename=f"pot-{pot_id}-funder-{funder_id}-statement.csv")


@login_required
def approvals(request: AuthedRequest) -> HttpResponse:
    user = request.user
    team_id = user.team_id
    if team_id is None or not permissions.is_team_manager(user, team_id):
        raise Http404
    since = timezone.now() - datetime.timedelta(days=366)
    return render(
        request,
        "pots/approvals.html",
        {
            "pending": selectors.pending_for_team(team_id=team_id),
            "approval_times": selectors.approval_times(team_ids=[team_id], since=since),
        },
    )


@login_required
def family_requests(request: AuthedRequest, reference: str) -> HttpResponse:
    family = family_permissions.family_for(request.user, reference)
    perms = family_permissions.family_perms(request.user, family)
    pot = selectors.pot_current(team_id=family.team_id, on=today())
    left = None
    if pot is not None:
        left = max(pot.family_cap - selectors.family_usage(pot=pot, family_id=family.pk), selectors.ZERO)
    return render(
        request,
        "pots/family.html",
        {
            "family": family,
            "tab": "practical_help",
            "requests": selectors.family_requests(family_id=family.pk),
            "pot": pot,
            "left_for_family": left,
            "can_request": (
                pot is not None
                and family.is_open
                and family_permissions.CHANGE in perms
                and permissions.is_team_worker(request.user, family.team_id)
            ),
        },
    )


@login_required
@ALL_METHODS
@once_per_submission(message=gettext_lazy("This request for practical help was already sent at %(time)s."))
def request_new(request: AuthedRequest, reference: str) -> HttpResponse:
    family = family_permissions.family_for(request.user, reference, family_permissions.CHANGE)
    if not permissions.is_team_worker(request.user, family.team_id):
        raise Http404
    pot = selectors.pot_current(team_id=family.team_id, on=today())
    goals = Goal.objects.filter(plan__family=family, status=Goal.Status.OPEN).select_related("domain")
    back_url = reverse("pots:family", args=[family.reference])
    chosen = {"goal": request.GET["goal"]} if request.GET.get("goal") else None  # from a goal's own link
    form = forms.HelpRequestForm(request.POST or None, goals=goals, pot=pot, initial=chosen)
    if request.method == "POST" and form.is_valid():
        try:
            help_request = services.help_request_submit(
                actor=request.user, family=family, pot=pot, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if help_request.status == HelpRequest.Status.APPROVED:
                messages.success(
                    request,
                    _("Approved: %(amount)s for %(payee)s is committed. Pay it and attach the receipt.")
                    % {"amount": format_gbp(help_request.amount), "payee": help_request.payee},
                )
            else:
                messages.success(
                    request,
                    _("Sent to a manager: %(amount)s is over the %(limit)s limit for approval at once.")
                    % {
                        "amount": format_gbp(help_request.amount),
                        "limit": format_gbp(help_request.pot.auto_approval_limit),
                    },
                )
            return redirect("pots:request_detail", help_request.pk)
    warning = None
    if pot is None:
        warning = _("Your team has no practical-help pot for today's date. Ask your manager to open one.")
    elif not goals.exists():
        warning = _(
            "The family's plan has no open goals yet. Money from the pot always serves a plan goal: add one first."
        )
    return render(
        request,
        "pots/request_form.html",
        {
            "form": form,
            "family": family,
            "pot": pot,
            "problem": warning,
            "back_url": back_url,
            "title": _("Ask for practical help"),
            "caption": family.name,
        },
    )


@login_required
def request_detail(request: AuthedRequest, request_id: int) -> HttpResponse:
    help_request = permissions.help_request_for(request.user, request_id)
    perms = family_permissions.family_perms(request.user, help_request.family)
    can_change = family_permissions.CHANGE in perms
    return render(
        request,
        "pots/request_detail.html",
        {
            "r": help_request,
            "family": help_request.family,
            "money": selectors.request_money(help_request=help_request),
            "allocations": selectors.request_allocations(help_request=help_request),
            "entries": help_request.ledger.select_related("contribution__funder", "created_by").order_by(
                "pk"
            ),
            "history": selectors.request_history(help_request=help_request),
            "can_change": can_change,
            "may_decide": permissions.may_decide(request.user, help_request),
            "Status": HelpRequest.Status,
        },
    )


def _request_action(
    request: AuthedRequest,
    request_id: int,
    form_class: Any,
    service: Any,
    *,
    title: str,
    submit: str,
    done: str,
    warning: bool = False,
) -> HttpResponse:
    help_request = permissions.help_request_for(request.user, request_id, family_permissions.CHANGE)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, help_request=help_request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("pots:request_detail", help_request.pk)
    return form_page(
        request,
        form,
        title=title,
        submit_label=submit,
        warning=warning,
        caption=f"{help_request.get_category_display()}: {format_gbp(help_request.amount)} – {help_request.payee}",
        back_url=reverse("pots:request_detail", args=[help_request.pk]),
    )


@login_required
@ALL_METHODS
def pay(request: AuthedRequest, request_id: int) -> HttpResponse:
    return _request_action(
        request,
        request_id,
        forms.PayForm,
        services.help_request_pay,
        title=_("Record the payment"),
        submit=_("Record payment"),
        done=_("Payment recorded."),
    )


@login_required
@ALL_METHODS
def cancel(request: AuthedRequest, request_id: int) -> HttpResponse:
    return _request_action(
        request,
        request_id,
        forms.CancelForm,
        services.help_request_cancel,
        title=_("Cancel the request"),
        submit=_("Cancel request"),
        done=_("Request cancelled; any approved money is back in the pot."),
        warning=True,
    )


@login_required
@ALL_METHODS
@once_per_submission(message=gettext_lazy("This refund was already recorded at %(time)s."))
def refund(request: AuthedRequest, request_id: int) -> HttpResponse:
    return _request_action(
        request,
        request_id,
        forms.RefundForm,
        services.help_request_refund,
        title=_("Record a refund"),
        submit=_("Record refund"),
        done=_("Refund recorded; the money is back in the pot."),
    )


@login_required
@ALL_METHODS
def receipt_upload(request: AuthedRequest, request_id: int) -> HttpResponse:
    return _request_action(
        request,
        request_id,
        forms.ReceiptForm,
        services.help_request_attach_receipt,
        title=_("Attach the receipt"),
        submit=_("Upload receipt"),
        done=_("Receipt attached."),
    )


@login_required
def receipt_download(request: AuthedRequest, request_id: int) -> FileResponse:
    help_request = permissions.help_request_for(request.user, request_id)
    if not help_request.receipt:
        raise Http404
    name = help_request.receipt.name.rsplit("/", 1)[-1]
    return FileResponse(help_request.receipt.open("rb"), as_attachment=True, filename=f"receipt-{name}")


@login_required
@ALL_METHODS
def decide(request: AuthedRequest, request_id: int) -> HttpResponse:
    help_request = permissions.help_request_to_decide(request.user, request_id)
    if help_request.status != HelpRequest.Status.PENDING:
        messages.info(request, _("This request has already been decided."))
        return redirect("pots:request_detail", help_request.pk)
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if form.cleaned_data["decision"] == "approve":
                services.help_request_approve(actor=request.user, help_request=help_request, reason=reason)
                done = _("Approved: the money is committed and the worker has been told.")
            else:
                services.help_request_refuse(actor=request.user, help_request=help_request, reason=reason)
                done = _("Refused: the worker has been told why.")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("pots:approvals")
    balance = selectors.pot_balance(pot=help_request.pot)
    return render(
        request,
        "pots/decide.html",
        {"form": form, "r": help_request, "balance": balance, "family": help_request.family},
    )
