"""Forms for suggestions on the staff side: recording one, naming the responsible person, the review
meeting and its decisions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.calendar import today
from core.forms import Form, GovukDateField, ModelMultipleChoiceField
from staff.models import Team, User
from voice.models import Channel, HowReceived, Language, Suggestion

# Staff record what reached them some other way than the online form.
STAFF_WAYS = [
    (value, label) for value, label in HowReceived.choices if value not in ("online", "family_pages")
]


class RecordSuggestionForm(Form):
    how_received = forms.ChoiceField(
        label=_("How did the suggestion reach us?"),
        choices=STAFF_WAYS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the suggestion reached us")},
    )
    text = forms.CharField(
        label=_("What did they suggest?"),
        help_text=_("Write it as they said it."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Enter what they suggested")},
    )
    team = forms.ModelChoiceField(
        label=_("Which team is it about?"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("Not about one team"),
    )
    name = forms.CharField(label=_("Their name"), max_length=200, required=False)
    reply_channel = forms.ChoiceField(
        label=_("How do they want to hear what we decide?"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        initial=Channel.NONE,
        error_messages={"required": _("Choose how they want to hear back")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")},
    )
    phone = forms.CharField(label=_("Mobile phone number"), max_length=20, required=False)
    address = forms.CharField(
        label=_("Postal address"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500, required=False
    )
    language = forms.ChoiceField(
        label=_("Which language should we write to them in?"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        initial=Language.ENGLISH,
        error_messages={"required": _("Choose a language")},
    )


def staff_who_may_be_named() -> Any:
    return User.objects.filter(
        is_active=True,
        role__in=[User.Role.LEAD_PRACTITIONER, User.Role.TEAM_MANAGER, User.Role.COMPLAINTS_MANAGER],
    ).order_by("first_name", "last_name", "pk")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()})"


class SuggestionsField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference}: {obj.text[:80]}"


class ResponsibleForm(Form):
    responsible = StaffChoiceField(
        label=_("Who is responsible for this suggestion?"),
        help_text=_("They will see it, acknowledge it and take it to the review meeting."),
        queryset=User.objects.none(),
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose who is responsible"),
            "invalid_choice": _("Choose a person from the list"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff_who_may_be_named()


class ConfirmForm(Form):
    """A button and nothing else (the one-time token comes with the form template)."""


class MeetingForm(Form):
    held_on = GovukDateField(
        label=_("When is the review meeting?"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date of the meeting")},
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        if held_on and held_on.year < today().year - 1:
            raise forms.ValidationError(_("The meeting date must be this year or last year"))
        return held_on


class AddToMeetingForm(Form):
    suggestions = SuggestionsField(
        label=_("Which suggestions will the meeting review?"),
        queryset=Suggestion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one suggestion"),
            "invalid_choice": _("Choose suggestions from the list"),
            "invalid_pk_value": _("Choose suggestions from the list"),
        },
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["suggestions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = candidates


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("What did the meeting decide?"),
        choices=Suggestion.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the meeting decided")},
    )
    outcome = forms.CharField(
        label=_("What we will do, or why we will not"),
        help_text=_(
            "The person who made the suggestion is sent this, in their language, if they asked to hear back."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Say what we will do, or why we will not")},
    )
