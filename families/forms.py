from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form, GovukDateField, ModelForm
from core.postcodes import normalise_postcode, validate_postcode
from families.models import CaseNote, Family, FamilyEvent, Person
from staff.models import Team, User

MAX_REASON = 2000


def lead_choices(team: Team | None) -> Any:
    return User.objects.filter(
        team=team, is_active=True, role__in=[User.Role.LEAD_PRACTITIONER, User.Role.TEAM_MANAGER]
    ).order_by("first_name", "last_name")


class PostcodeField(forms.CharField):
    """Accepts any spacing and case, then says plainly when it is not a postcode."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=20, validators=[validate_postcode], **kwargs)
        self.widget.attrs.update({"autocomplete": "postal-code"})

    def clean(self, value: Any) -> str:
        return normalise_postcode(super().clean(value))


class FamilyCreateForm(ModelForm):
    """Opening a family. There is no reference field: the service makes one (PO-XXXXX), so the form can
    never say that a reference a user typed belongs to a family they cannot see."""

    postcode = PostcodeField(label=_("Postcode"), required=False)
    lead_practitioner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Lead practitioner"),
        error_messages={"required": _("Choose a lead practitioner for the family.")},
    )

    class Meta:
        model = Family
        fields = ["name", "address_line_1", "address_line_2", "town", "postcode"]
        error_messages = {"name": {"required": _("Enter the family's name.")}}

    def __init__(self, *args: Any, team: Team | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_practitioner"].queryset = lead_choices(team)
        self.fields["postcode"].widget.attrs["class"] += " govuk-input--width-10"


class FamilyDetailsForm(ModelForm):
    postcode = PostcodeField(label=_("Postcode"), required=False)

    class Meta:
        model = Family
        fields = ["name", "address_line_1", "address_line_2", "town", "postcode"]
        error_messages = {"name": {"required": _("Enter the family's name.")}}


class PersonForm(ModelForm):
    date_of_birth = GovukDateField(
        label=_("Date of birth"), required=False, help_text=_("For example, 27 3 2015")
    )
    expected_due_date = GovukDateField(
        label=_("Expected due date"), required=False, help_text=_("Only for an unborn baby.")
    )

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "household_role",
            "date_of_birth",
            "expected_due_date",
            "phone",
            "email",
            "preferred_contact",
            "preferred_language",
            "needs_interpreter",
            "uses_bsl",
            "large_print",
            "accessible_formats",
        ]
        widgets = {"household_role": forms.RadioSelect, "preferred_contact": forms.RadioSelect}
        error_messages = {
            "first_name": {"required": _("Enter a first name.")},
            "household_role": {"required": _("Choose their role in the household.")},
            "email": {"invalid": _("Enter an email address in the correct format, like name@example.com")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Radios start with a real choice, not the model field's blank "---------".
        for name in ("household_role", "preferred_contact"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    def _post_clean(self) -> None:
        # Date rules are the service's (one place); the form only checks shape here.
        super()._post_clean()  # type: ignore[misc]


class CaseNoteForm(ModelForm):
    occurred_on = GovukDateField(
        label=_("Date"), error_messages={"required": _("Enter the date of the note.")}
    )

    class Meta:
        model = CaseNote
        fields = ["kind", "occurred_on", "text", "shared_with_family"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 6})}
        labels = {
            "text": _("What happened"),
            "kind": _("Type of contact"),
            "shared_with_family": _("Share with the family on their own pages"),
        }
        help_texts = {
            "shared_with_family": _(
                "Family members who are signed up will see this note under “What has happened”. "
                "Leave it unticked for notes only workers should read."
            )
        }
        error_messages = {"text": {"required": _("Enter what happened.")}}


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give a reason.")},
    )


class HandOverForm(ReasonForm):
    lead_practitioner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("New lead practitioner"),
        error_messages={"required": _("Choose who the family is handed over to.")},
    )
    field_order = ["lead_practitioner", "reason"]

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_practitioner"].queryset = lead_choices(family.team).exclude(
            pk=family.lead_practitioner_id
        )


class CloseForm(ReasonForm):
    closed_on = GovukDateField(label=_("Date closed"), required=False, help_text=_("Leave blank for today."))


class ReopenForm(ReasonForm):
    lead_practitioner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Lead practitioner"),
        error_messages={"required": _("Choose a lead practitioner for the family.")},
    )
    field_order = ["lead_practitioner", "reason"]

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_practitioner"].queryset = lead_choices(family.team)


class StepForm(ReasonForm):
    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (FamilyEvent.Kind.STEPPED_UP, FamilyEvent.Kind.STEPPED_UP.label),
            (FamilyEvent.Kind.STEPPED_DOWN, FamilyEvent.Kind.STEPPED_DOWN.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose step up or step down.")},
    )
    occurred_on = GovukDateField(label=_("Date"), required=False, help_text=_("Leave blank for today."))
    field_order = ["kind", "occurred_on", "reason"]


class MoveTeamForm(ReasonForm):
    team = forms.ModelChoiceField(
        queryset=Team.objects.all(), label=_("New team"), error_messages={"required": _("Choose a team.")}
    )
    lead_practitioner = forms.ModelChoiceField(
        queryset=User.objects.filter(
            is_active=True, role__in=[User.Role.LEAD_PRACTITIONER, User.Role.TEAM_MANAGER]
        ),
        label=_("Lead practitioner in the new team"),
        error_messages={"required": _("Choose a lead practitioner in the new team.")},
    )
    field_order = ["team", "lead_practitioner", "reason"]

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.exclude(pk=family.team_id)
        self.fields["lead_practitioner"].queryset = (
            self.fields["lead_practitioner"].queryset.exclude(team=family.team).select_related("team")
        )
        self.fields["lead_practitioner"].label_from_instance = lambda u: f"{u} ({u.team})"


class CaseloadSearchForm(Form):
    q = forms.CharField(label=_("Search by name, reference or postcode"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open")), ("closed", _("Closed")), ("all", _("All"))],
    )
