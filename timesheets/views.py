"""Thin views for recording time: My week, quick entry, corrections and the timer.

Each view checks access through timesheets.permissions, writes through timesheets.services and answers 404
for anything the user may not see.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.calendar import today
from core.forms import add_service_errors
from core.history import history_entries
from core.submissions import once_per_submission
from core.views import form_page
from families import permissions as family_permissions
from staff.http import AuthedRequest
from staff.models import User
from timesheets import forms, permissions
from timesheets import selectors as time_selectors
from timesheets import services as time_services


def _time_user(request: AuthedRequest) -> User:
    if not permissions.records_time(request.user):
        raise Http404
    return request.user


def _next_url(request: HttpRequest, candidate: str | None) -> str:
    """Where to go after a time form: a path on this site (as the forms send), else My week.

    Anything else (another host, a scheme, or text that is not a path) goes to My week: `redirect()`
    would take such text for a view name and fail after the record was saved."""
    if (
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return reverse("time:week")


# Weeks before this are not a worker's time (and dates near year 1 cannot go back a week).
EARLIEST_WEEK = datetime.date(1900, 1, 1)


def _week_from(request: HttpRequest) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = today()
    if day < EARLIEST_WEEK:
        day = today()
    return time_selectors.week_start_of(min(day, today()))


@login_required
def my_week(request: AuthedRequest) -> HttpResponse:
    user = _time_user(request)
    week_start = _week_from(request)
    week = time_selectors.worker_week(worker=user, week_start=week_start)
    entry_day = today() if week.start <= today() <= week.end else week.end
    timer = time_selectors.running_timer(user)
    here = request.get_full_path()
    return render(
        request,
        "timesheets/my_week.html",
        {
            "worker": user,
            "week": week,
            "own": True,
            "is_current_week": week.start == time_selectors.week_start_of(today()),
            "form": forms.TimeRecordForm(user=user, initial={"date": entry_day, "next": here}),
            "timer": timer,
            "timer_form": None if timer else forms.TimerStartForm(user=user, initial={"next": here}),
        },
    )


@login_required
def worker_week(request: AuthedRequest, worker_id: int) -> HttpResponse:
    """A manager's read-only look at one of their team's weeks (the worker sees their own too)."""
    worker = permissions.time_worker_for(request.user, worker_id)
    week = time_selectors.worker_week(worker=worker, week_start=_week_from(request))
    return render(
        request,
        "timesheets/my_week.html",
        {"worker": worker, "week": week, "own": worker.pk == request.user.pk, "read_only": True},
    )


@login_required
@once_per_submission(message=gettext_lazy("This time was already recorded at %(time)s."))
def time_add(request: AuthedRequest) -> HttpResponse:
    user = _time_user(request)
    form = forms.TimeRecordForm(
        request.POST or None, user=user, initial={"next": request.GET.get("next", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = time_services.time_record_add(
                actor=user,
                date=data["date"],
                minutes=data["minutes"],
                category=data["category"],
                family=data["family"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(time)s of %(what)s recorded for %(date)s.")
                % {
                    "time": time_services.format_minutes(record.minutes),
                    "what": record.category.name.lower(),
                    "date": date_format(record.date, "j F Y"),
                },
            )
            return redirect(_next_url(request, data["next"]))
    back = _next_url(request, form["next"].value())
    return form_page(request, form, title=_("Record time"), submit_label=_("Record time"), back_url=back)


@login_required
def time_change(request: AuthedRequest, record_id: int) -> HttpResponse:
    user = _time_user(request)
    record = permissions.time_record_for(user, record_id)
    week_url = f"{reverse('time:week')}?week={record.date.isoformat()}"
    form = forms.TimeRecordChangeForm(
        request.POST or None,
        user=user,
        initial={
            "date": record.date,
            "minutes": record.minutes,
            "category": record.category_id,
            "family": record.family_id,
            "note": record.note,
            "next": week_url,
        },
    )
    if record.family_id:
        # The family stays accepted even if it has since moved off the worker's caseload.
        form.fields["family"].widget.choices = [
            *form.fields["family"].widget.choices,
            (record.family_id, str(record.family)),
        ]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            time_services.time_record_change(
                actor=user,
                record=record,
                date=data["date"],
                minutes=data["minutes"],
                category=data["category"],
                family=data["family"],
                note=data["note"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Time record corrected. The earlier version is kept in its history."))
            return redirect(_next_url(request, data["next"]))
    return render(
        request,
        "timesheets/time_change.html",
        {
            "form": form,
            "record": record,
            "title": _("Correct a time record"),
            "submit_label": _("Save correction"),
            "back_url": week_url,
            "history": history_entries([(_("Time record"), record.history.all())]),
        },
    )


@login_required
def time_delete(request: AuthedRequest, record_id: int) -> HttpResponse:
    user = _time_user(request)
    record = permissions.time_record_for(user, record_id)
    week_url = f"{reverse('time:week')}?week={record.date.isoformat()}"
    form = forms.TimeRecordDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        time_services.time_record_delete(actor=user, record=record, reason=form.cleaned_data["reason"])
        messages.success(request, _("Time record removed. It is kept in the history."))
        return redirect(week_url)
    return form_page(
        request,
        form,
        title=_("Remove this time record?"),
        lead=_("%(time)s of %(what)s on %(date)s.")
        % {
            "time": time_services.format_minutes(record.minutes),
            "what": record.category.name.lower(),
            "date": date_format(record.date, "j F Y"),
        },
        submit_label=_("Remove"),
        warning=True,
        back_url=week_url,
    )


@login_required
@require_POST
def timer_start(request: AuthedRequest) -> HttpResponse:
    user = _time_user(request)
    form = forms.TimerStartForm(request.POST, user=user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            time_services.timer_start(
                actor=user, category=data["category"], family=data["family"], note=data["note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Timer started. It keeps running if you close the page."))
            return redirect(_next_url(request, data["next"]))
    return form_page(
        request,
        form,
        title=_("Start the timer"),
        submit_label=_("Start timer"),
        back_url=reverse("time:week"),
    )


@login_required
@require_POST
def timer_stop(request: AuthedRequest) -> HttpResponse:
    user = _time_user(request)
    next_url = _next_url(request, request.POST.get("next"))
    try:
        record = time_services.timer_stop(actor=user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Timer stopped: %(time)s of %(what)s recorded.")
            % {"time": time_services.format_minutes(record.minutes), "what": record.category.name.lower()},
        )
    return redirect(next_url)


@login_required
@require_POST
def timer_discard(request: AuthedRequest) -> HttpResponse:
    user = _time_user(request)
    if time_services.timer_discard(actor=user):
        messages.success(request, _("Timer discarded. Nothing was recorded."))
    return redirect(_next_url(request, request.POST.get("next")))


@login_required
@once_per_submission(message=gettext_lazy("This case note was already added at %(time)s."))
def note_add(request: AuthedRequest, reference: str) -> HttpResponse:
    """The family page's quick note (type, text, save), with the time spent recorded too if given."""
    family = family_permissions.family_for(request.user, reference, family_permissions.CHANGE)
    if not family.is_open:
        raise Http404
    user: User = request.user
    form = forms.CaseNoteWithTimeForm(request.POST or None, records_time=permissions.records_time(user))
    if request.method == "POST" and form.is_valid():
        try:
            _note, record = time_services.case_note_add_with_time(
                actor=user, family=family, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            message = _("Note added to the chronology.")
            if record is not None:
                message += " " + _("%(time)s of %(what)s recorded on your week.") % {
                    "time": time_services.format_minutes(record.minutes),
                    "what": record.category.name.lower(),
                }
            messages.success(request, message)
            return redirect("families:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="families:detail",
        title=_("Add a case note"),
        submit_label=_("Add note"),
    )
