from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Category, Consent, Referral
from core.forms import Form, GovukDateField, ModelMultipleChoiceField
from partners.models import Agency
from plans.models import Action


class AgencySearchForm(Form):
    """The no-JavaScript search above the agency choices (GET): by name, directory service or need."""

    agency_q = forms.CharField(
        label=_("Find an agency or service"),
        required=False,
        max_length=100,
        help_text=_("For example “housing”, “school nurse” or “debt advice”."),
    )


class ReferralForm(Form):
    agencies = ModelMultipleChoiceField(
        label=_("Agencies to alert"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one agency to send the referral to.")},
        help_text=_(
            "Every agency you tick gets the same referral by email. Agencies that work with the family are ticked."
        ),
    )
    request = forms.CharField(
        label=_("What are you asking the agencies to do?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say what you are asking the agencies to do.")},
        help_text=_(
            "This goes in the email to each agency's shared inbox: do not name the family or "
            "write anything that identifies them."
        ),
    )
    detail = forms.CharField(
        label=_("More detail"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("Shown only to agency staff who sign in or enter a one-time code."),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Referral.Urgency.choices,
        widget=forms.RadioSelect,
        initial="routine",
    )
    shares = forms.MultipleChoiceField(
        label=_("What to share with them"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only what the family agreed to share with each agency."),
    )
    concerns = ModelMultipleChoiceField(
        label=_("Which plan goals is it about?"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Safeguarding: share without consent (team managers only)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Only to keep a child safe. Give the reason; it is recorded with the referral."),
    )

    def __init__(self, *args: Any, agencies: Any, goals: Any, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        if goals is None:
            del self.fields["concerns"]
        else:
            self.fields["concerns"].queryset = goals
        if not can_override:
            del self.fields["override_reason"]


class ConsentForm(Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all(), empty_label="")
    categories = forms.MultipleChoiceField(
        label=_("What the family agreed to share with them"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what the family agreed to share.")},
    )
    given_by = forms.ModelChoiceField(
        label=_("Who gave consent"), queryset=Agency.objects.none(), empty_label=""
    )
    how = forms.ChoiceField(label=_("How"), choices=Consent.How.choices, widget=forms.RadioSelect)
    given_on = GovukDateField(label=_("Date consent was given"), help_text=_("For example, 27 3 2026"))
    expires_on = GovukDateField(
        label=_("Consent ends on"),
        required=False,
        help_text=_("Leave blank if it has no end date."),
    )

    def __init__(self, *args: Any, family: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = family.members.exclude(household_role="unborn")


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class FamilyAgencyForm(Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all(), empty_label="")
    role = forms.CharField(
        label=_("What they do with the family"),
        required=False,
        max_length=200,
        help_text=_("For example “Class teacher for Jo” or “Housing officer”."),
    )


class AnswerForm(Form):
    answer = forms.CharField(widget=forms.HiddenInput)
    expected_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class CodeForm(Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={
            "required": _("Enter the 6-digit code from the email"),
            "min_length": _("The code is 6 digits"),
            "max_length": _("The code is 6 digits"),
        },
    )


class ActionStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=())
    note = forms.CharField(
        label=_("Update"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Action.Status.choices
