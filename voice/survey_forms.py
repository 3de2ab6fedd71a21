"""The staff's survey forms: opening a survey and closing it (staff pages stay in English)."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import Form, GovukDateField
from staff.models import User


def survey_owners() -> Any:
    return User.objects.filter(is_active=True).filter(
        Q(role=User.Role.COMPLAINTS_MANAGER) | Q(role=User.Role.TEAM_MANAGER)
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()})"


class SurveyOpenForm(Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter the survey's title")}
    )
    title_cy = forms.CharField(
        label=_("Title in Welsh"),
        max_length=200,
        error_messages={"required": _("Enter the survey's title in Welsh")},
    )
    owner = OwnerChoiceField(
        label=_("Owner"),
        help_text=_("The person who will act on the answers and publish what changed because of them."),
        queryset=User.objects.none(),
        empty_label=_("Choose the owner"),
        error_messages={
            "required": _("Choose who owns the survey: the person who will publish what changed"),
            "invalid_choice": _("The owner must be a complaints manager or a team manager"),
        },
    )
    publish_changes_by = GovukDateField(
        label=_("Date by which what changed will be published"),
        help_text=_('On "You said, we did". For example, 31 3 2027'),
        error_messages={
            "required": _("Enter the date by which the owner will publish what changed because of the survey")
        },
    )
    opens_on = GovukDateField(
        label=_("Opens on"), help_text=_("Leave blank to open it today."), required=False
    )
    closes_on = GovukDateField(
        label=_("Closes on"), help_text=_("Leave blank to keep it open until you close it."), required=False
    )
    at_review = forms.BooleanField(label=_("Offer it after each plan review"), required=False, initial=True)
    at_closure = forms.BooleanField(
        label=_("Offer it when a family's case closes"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = survey_owners().order_by("first_name", "last_name")


class SurveyCloseForm(Form):
    confirm = forms.BooleanField(
        label=_("Close the survey: no more invitations are sent and unused links stop working"),
        error_messages={"required": _("Confirm that you want to close the survey")},
    )
