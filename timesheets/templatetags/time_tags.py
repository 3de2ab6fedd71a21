from typing import Any

from django import template
from django.template.context import Context

from core.calendar import today
from staff.models import User
from timesheets import forms, permissions
from timesheets import selectors as time_selectors
from timesheets.services import format_minutes

register = template.Library()


@register.filter
def minutes_as_time(value: int | None) -> str:
    """Minutes as "2 hours 5 minutes"."""
    return format_minutes(value or 0)


@register.filter
def hours(value: int | None) -> str:
    """Minutes as hours to one decimal place, for tables: 90 -> "1.5"."""
    return f"{(value or 0) / 60:,.1f}"


@register.inclusion_tag("timesheets/includes/family_quick_entry.html", takes_context=True)
def time_quick_entry(context: Context, family: Any) -> dict[str, Any]:
    """The "Record time" box on a family page: a few seconds to log time against this family."""
    request = context.get("request")
    if request is None or not permissions.records_time(request.user):
        return {"show": False}
    user: User = request.user  # records_time: a casework staff User
    timer = time_selectors.running_timer(user)
    here = request.get_full_path()
    categories = list(time_selectors.time_categories())  # one read for both forms
    form = forms.TimeRecordForm(
        user=user,
        fixed_family=family,
        categories=categories,
        initial={"next": here, "date": today()},
    )
    timer_form = None
    if timer is None:
        timer_form = forms.TimerStartForm(
            user=user,
            fixed_family=family,
            categories=categories,
            initial={"next": here},
        )
    return {
        "show": True,
        "family": family,
        "form": form,
        "timer": timer,
        "timer_form": timer_form,
        "next": here,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("timesheets/includes/family_quick_note.html", takes_context=True)
def case_note_quick_entry(context: Context, family: Any) -> dict[str, Any]:
    """The family page's "Add a case note" form: type, what happened, save (the minutes are optional)."""
    request = context.get("request")
    if request is None or not family.is_open or "change_family" not in (context.get("perms") or ()):
        return {"show": False}
    form = forms.CaseNoteWithTimeForm(
        records_time=permissions.records_time(request.user), auto_id="quick-note-%s"
    )
    return {"show": True, "family": family, "form": form, "csrf_token": context.get("csrf_token")}
