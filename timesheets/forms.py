"""Forms for recording time: quick entry, correction and the timer."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.calendar import today
from core.forms import Form, GovukDateField
from families.forms import CaseNoteForm
from families.models import Family
from families.permissions import families_visible_to
from staff.models import User
from timesheets.models import TimeCategory
from timesheets.selectors import families_for_time, time_categories

FAMILY_ERRORS = {"invalid_choice": _("Choose a family you work with, or leave the family blank")}


class _FamilyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Family) -> str:
        return f"{obj.name} ({obj.reference})"


CATEGORY_ERRORS = {
    "required": _("Choose what the time was spent on"),
    "invalid_choice": _("Choose what the time was spent on"),
}


def _category_field(label: Any) -> forms.ModelChoiceField:
    # Querysets are set per request in the form's __init__ (categories can change in the admin).
    return forms.ModelChoiceField(
        label=label, queryset=TimeCategory.objects.none(), empty_label=None, error_messages=CATEGORY_ERRORS
    )


def _family_field() -> _FamilyChoiceField:
    return _FamilyChoiceField(
        label=_("Family"),
        queryset=Family.objects.none(),
        required=False,
        empty_label=_("Not for one family"),
        error_messages=FAMILY_ERRORS,
    )


def _limit_choices(
    form: forms.Form, user: User, fixed_family: Family | None, categories: list[TimeCategory]
) -> None:
    category_field: Any = form.fields["category"]
    category_field.queryset = time_categories()
    # The choices come from the one list read in __init__, so rendering costs no further query.
    category_field.widget.choices = [(c.pk, category_field.label_from_instance(c)) for c in categories]
    family_field: Any = form.fields["family"]
    family_field.queryset = families_visible_to(user)
    if fixed_family is not None:
        # Quick entry on a family page: the family is the page's, not a choice.
        form.fields["family"].widget = forms.HiddenInput()
        form.initial["family"] = fixed_family.pk
        return
    # Offer the worker's own open caseload; any family they can see is accepted (a manager recording
    # time from a family page they oversee), so a large team does not make a select of thousands.
    family_field.widget.choices = [("", family_field.empty_label)] + [
        (f.pk, family_field.label_from_instance(f)) for f in families_for_time(user)
    ]


def _default_category(categories: list[TimeCategory]) -> TimeCategory | None:
    return next((c for c in categories if c.kind == TimeCategory.Kind.DIRECT), None)


class TimeRecordForm(Form):
    date = GovukDateField(label=_("Date"))
    minutes = forms.IntegerField(
        label=_("Time spent, in minutes"),
        help_text=_("For example 45, or 90 for an hour and a half."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": _("Enter the time spent, in minutes"),
            "invalid": _("Enter the time spent as a whole number of minutes, like 45"),
        },
    )
    category = _category_field(_("What was it?"))
    family = _family_field()
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    # Where to go after saving (the family page, or My week); checked against the host in the view.
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        user: User,
        fixed_family: Family | None = None,
        categories: list[TimeCategory] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("date", today())
        categories = list(time_categories()) if categories is None else categories
        default_category = _default_category(categories)
        if default_category:
            kwargs["initial"].setdefault("category", default_category.pk)
        super().__init__(*args, **kwargs)
        _limit_choices(self, user, fixed_family, categories)


class TimeRecordChangeForm(TimeRecordForm):
    reason = forms.CharField(
        label=_("Why are you changing it?"),
        required=False,
        max_length=200,
        help_text=_("Kept with the record's history."),
    )


class TimerStartForm(Form):
    category = _category_field(_("What are you timing?"))
    family = _family_field()
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        user: User,
        fixed_family: Family | None = None,
        categories: list[TimeCategory] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {})
        categories = list(time_categories()) if categories is None else categories
        default_category = _default_category(categories)
        if default_category:
            kwargs["initial"].setdefault("category", default_category.pk)
        super().__init__(*args, **kwargs)
        _limit_choices(self, user, fixed_family, categories)


class TimeRecordDeleteForm(Form):
    reason = forms.CharField(label=_("Why are you removing it?"), required=False, max_length=200)


class CaseNoteWithTimeForm(CaseNoteForm):
    """The family page's quick note: type, what happened and save. The date is today and the author the
    worker unless changed; minutes, if given, are recorded as time too ("recorded once")."""

    minutes = forms.IntegerField(
        label=_("Time spent, in minutes"),
        required=False,
        min_value=1,
        help_text=_("Give it and the time is recorded on your week as well."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "invalid": _("Enter the time spent as a whole number of minutes, like 45"),
            "min_value": _("Enter the time spent, more than 0 minutes"),
        },
    )
    field_order = ["kind", "text", "minutes", "occurred_on", "shared_with_family"]

    def __init__(self, *args: Any, records_time: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("occurred_on", today())
        super().__init__(*args, **kwargs)
        # No type is chosen for the worker (GOV.UK: radios start unselected), so a call is not saved as
        # a visit by mistake.
        if "kind" not in kwargs["initial"]:
            self.initial.pop("kind", None)
            self.fields["kind"].initial = None  # not the model's default ("note") either
        self.fields["kind"].error_messages["required"] = _("Choose the type of contact")
        self.fields["text"].widget.attrs["rows"] = 4
        if not records_time:
            del self.fields["minutes"]
