from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
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


# How each answer reads on the one answer form: its label and what choosing it means.
ANSWER_CHOICES: dict[str, tuple[Any, Any]] = {
    "acknowledge": (
        _("Acknowledge and look into it"),
        _(
            "You have it and are finding out whether you can help. The lead practitioner knows it arrived; "
            "come back to accept or decline."
        ),
    ),
    "accept": (
        _("Accept"),
        _("Your agency will work with the family. The lead practitioner and the family are told."),
    ),
    "decline": (
        _("Decline"),
        _("Your agency cannot help. Say why, so the lead practitioner can look elsewhere."),
    ),
    "more_info": (
        _("Ask for more information"),
        _("You need to know more before you decide. Your question goes to the lead practitioner."),
    ),
    "complete": (
        _("Record the outcome"),
        _("Your work with the family has finished. Say what changed for them."),
    ),
}


@dataclass(frozen=True)
class AnswerItem:
    """One radio of the answer form, with the box it reveals when chosen (if the answer needs one)."""

    key: str
    id: str
    label: Any
    hint: Any
    checked: bool
    reveals: BoundField | None

    @property
    def conditional_id(self) -> str:
        return f"conditional-{self.id}" if self.reveals is not None else ""


class AnswerForm(Form):
    """The agency's one answer to a referral: a choice of the answers open to it now, the box the choice
    needs (a reason, a question, the outcome), and a note on any answer."""

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(key, label) for key, (label, _hint) in ANSWER_CHOICES.items()],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer."), "invalid_choice": _("Choose an answer.")},
    )
    decline_reason = forms.CharField(
        label=_("Why are you declining?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    question = forms.CharField(
        label=_("What do you need to know?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    outcome = forms.CharField(
        label=_("What was the outcome for the family?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Sent to the lead practitioner with your answer, for example who will contact the family."
        ),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, answers: Sequence[Any], **kwargs: Any) -> None:
        """`answers`: the answers open to the response now (agencies.services.answer.Answer)."""
        super().__init__(*args, **kwargs)
        self.answers = {spec.key: spec for spec in answers}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        spec = self.answers.get(data.get("answer") or "")
        # An answer no longer open is left to the service, which says it was already answered.
        if spec is not None and spec.note_field and not data.get(spec.note_field, "").strip():
            self.add_error(spec.note_field, spec.note_required)
        return data

    def reason(self) -> str | None:
        """The text the chosen answer needs, or None when it needs none."""
        spec = self.answers.get(self.cleaned_data.get("answer") or "")
        return self.cleaned_data.get(spec.note_field, "") if spec is not None and spec.note_field else None

    @property
    def items(self) -> list[AnswerItem]:
        """The radios, one per answer open now; the first has Django's id, so the error summary links to it."""
        chosen = self["answer"].value()
        only = len(self.answers) == 1
        result = []
        for index, (key, spec) in enumerate(self.answers.items()):
            label, hint = ANSWER_CHOICES.get(key, (spec.label, ""))
            result.append(
                AnswerItem(
                    key=key,
                    id=f"{self['answer'].auto_id}_{index}",
                    label=label,
                    hint=hint,
                    checked=chosen == key or (only and not chosen),
                    reveals=self[spec.note_field] if spec.note_field in self.fields else None,
                )
            )
        return result


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
