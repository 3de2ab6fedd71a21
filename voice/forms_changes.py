""" "You said, we did": a change in English and Welsh, and what it came from."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from voice.models import Change, Survey


class ChangeForm(Form):
    source = forms.ChoiceField(
        label=_("What did this change come from?"),
        choices=Change.Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the change came from")},
    )
    survey = forms.ModelChoiceField(
        label=_("Which survey?"),
        help_text=_("Only if it came from a survey."),
        queryset=Survey.objects.order_by("-opens_on", "-pk"),
        required=False,
        empty_label=_("Choose a survey"),
        error_messages={"invalid_choice": _("Choose a survey from the list")},
    )
    you_said = forms.CharField(
        label=_("You said (English)"),
        help_text=_("What people told us, without anything that could identify them."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter what people said, in English")},
    )
    you_said_cy = forms.CharField(
        label=_("You said (Welsh)"),
        widget=forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
        max_length=1000,
        error_messages={"required": _("Enter what people said, in Welsh")},
    )
    we_did = forms.CharField(
        label=_("We did (English)"),
        help_text=_("What we changed because of it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Enter what we did, in English")},
    )
    we_did_cy = forms.CharField(
        label=_("We did (Welsh)"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "cy"}),
        max_length=2000,
        error_messages={"required": _("Enter what we did, in Welsh")},
    )

    @staticmethod
    def initial_for(change: Change) -> dict[str, Any]:
        return {
            "source": change.source,
            "survey": change.survey_id,
            **{name: getattr(change, name) for name in ("you_said", "you_said_cy", "we_did", "we_did_cy")},
        }
