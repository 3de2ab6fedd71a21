"""The complaints staff's forms: recording a complaint with the person, and each stage action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form, GovukDateField, ModelForm
from families.models import Family
from partners.models import Agency
from staff.models import Team, User
from voice.models import Channel, Complaint, ComplaintCategory, HowReceived, Stage
from voice.selectors import may_be_responsible

MAX_REASON = 2000
# The ways a worker records a complaint (the online forms record their own).
RECORDED_WAYS = [HowReceived.PHONE, HowReceived.LETTER, HowReceived.EMAIL, HowReceived.IN_PERSON]
# What the reply channel needs, and the message when it is missing.
CHANNEL_NEEDS = {
    Channel.EMAIL: ("email", _("Enter an email address to hear back by email.")),
    Channel.TEXT: ("phone", _("Enter a mobile phone number to hear back by text message.")),
    Channel.LETTER: ("address", _("Enter a postal address to hear back by letter.")),
}


def staff_who_may_handle() -> Any:
    """Everyone who could be named on a stage: staff, not family members or partner-agency workers."""
    return (
        User.objects.filter(is_active=True)
        .exclude(role__in=[User.Role.FAMILY_MEMBER, User.Role.AGENCY_WORKER])
        .order_by("first_name", "last_name")
    )


class RecordComplaintForm(ModelForm):
    """A worker fills this in with the person, from a call, a letter or a conversation."""

    how_received = forms.ChoiceField(
        label=_("How did the complaint come?"),
        choices=[(way.value, way.label) for way in RECORDED_WAYS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the complaint came.")},
    )
    family_reference = forms.CharField(
        label=_("Family reference"),
        required=False,
        max_length=20,
        help_text=_("The family the complaint is about, if any, like PO-7K3Q9."),
    )

    class Meta:
        model = Complaint
        fields = [
            "how_received",
            "who",
            "name",
            "on_behalf_of",
            "consent_confirmed",
            "reply_channel",
            "email",
            "phone",
            "address",
            "language",
            "category",
            "what_happened",
            "put_right",
            "team",
            "about_worker",
            "agency",
            "help_given",
            "confidentiality_limits_explained",
        ]
        widgets = {
            "who": forms.RadioSelect,
            "reply_channel": forms.RadioSelect,
            "language": forms.RadioSelect,
            "what_happened": forms.Textarea(attrs={"rows": 6}),
            "put_right": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "help_given": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"category": _("What is the complaint about?")}
        help_texts = {
            "help_given": _(
                "How you helped the person make their complaint: read back, wrote it for them, interpreted."
            ),
            "on_behalf_of": _(
                "The family member the complaint is made for, when someone complains for them."
            ),
        }
        error_messages = {
            "who": {"required": _("Choose who is complaining.")},
            "name": {"required": _("Enter the name of the person complaining.")},
            "reply_channel": {"required": _("Choose how the person wants to hear back.")},
            "category": {"required": _("Choose what the complaint is about.")},
            "what_happened": {"required": _("Enter what happened, in the person's words.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ComplaintCategory.objects.filter(active=True)
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["about_worker"].queryset = staff_who_may_handle()
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["help_given"].required = True
        self.fields["help_given"].error_messages["required"] = _("Enter the help you gave the person.")

    def clean_family_reference(self) -> Family | None:
        reference = self.cleaned_data["family_reference"].strip().upper()
        if not reference:
            return None
        family = Family.objects.filter(reference=reference).first()
        if family is None:
            raise forms.ValidationError(_("No family has the reference %(ref)s.") % {"ref": reference})
        return family

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        need = CHANNEL_NEEDS.get(data.get("reply_channel", ""))
        if need and not data.get(need[0]):
            self.add_error(need[0], need[1])
        if data.get("who") == Complaint.Who.ON_BEHALF:
            if not data.get("on_behalf_of"):
                self.add_error("on_behalf_of", _("Enter who the complaint is made for."))
            if not data.get("consent_confirmed"):
                self.add_error("consent_confirmed", _("Confirm that the person has agreed to the complaint."))
        return data

    def _post_clean(self) -> None:
        """The service validates the complaint it makes (voice.services.complaints.receive_complaint)."""

    def complaint_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        family = self.cleaned_data.get("family_reference")
        fields["family"] = family
        if family is not None and fields["team"] is None:
            fields["team"] = family.team
        return fields


class ResponsibleField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=staff_who_may_handle(),
            error_messages={"required": _("Choose the responsible person.")},
            **kwargs,
        )


class ResponsibleForm(Form):
    responsible = ResponsibleField(label=_("Responsible person"))

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.complaint = complaint

    def clean_responsible(self) -> User:
        person: User = self.cleaned_data["responsible"]
        if not may_be_responsible(person, self.complaint):
            raise forms.ValidationError(
                _(
                    "%(name)s cannot be named: they are not detached from the complaint (it is about them "
                    "or their team). Choose someone else."
                )
                % {"name": person.get_full_name()}
            )
        return person


def _reason(label: Any, required_message: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": required_message},
    )


class ExtendForm(Form):
    reason = _reason(_("Why does the stage need more time?"), _("Enter why the stage needs more time."))


class DecisionForm(Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(o.value, o.label) for o in Stage.Outcome if o != Stage.Outcome.WITHDRAWN],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome.")},
    )
    decision = forms.CharField(
        label=_("Decision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter the decision and the reasons for it.")},
    )
    feedback = forms.CharField(
        label=_("What the complainant is told"),
        help_text=_(
            "Sent to them, in their language's letter, email or text, with the ways to take it further."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter what the complainant is told.")},
    )
    decided_on = GovukDateField(label=_("Date of the decision"))


class EscalateForm(ResponsibleForm):
    requested_on = GovukDateField(label=_("When did the complainant ask for the next stage?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].label = _("Who will handle the next stage?")
        self.fields["responsible"].help_text = _(
            "At stage 2, an investigator independent of the service and of stage 1."
        )


class BypassForm(ResponsibleForm):
    reason = _reason(_("Why is the stage by-passed?"), _("Enter why the complainant by-passed this stage."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].label = _("Who will handle the next stage?")


class DateForm(Form):
    on = GovukDateField(label=_("Date"))


class CloseForm(Form):
    how = forms.ChoiceField(
        label=_("How does the complaint end?"),
        choices=[
            ("closed", _("Closed: the complainant is content, or has not asked for the next stage")),
            ("withdrawn", _("Withdrawn by the complainant")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the complaint ends.")},
    )
    reason = _reason(_("Reason"), _("Enter why the complaint is being closed."))
