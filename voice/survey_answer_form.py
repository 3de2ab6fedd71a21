"""The anonymous survey a family member answers from their link (family-facing: translated into Welsh).
Its questions are the response's fields; nothing in the form asks who is answering."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import Form
from voice.models import SurveyResponse

HELPFUL = [
    (5, _("Very helpful")),
    (4, _("Helpful")),
    (3, _("Neither helpful nor unhelpful")),
    (2, _("Not very helpful")),
    (1, _("Not helpful at all")),
]
YES_PARTLY_NO = [
    # "Did you ...?" is answered "Do" / "Naddo" in Welsh: the context keeps these apart from other yeses.
    (SurveyResponse.Answer.YES, pgettext_lazy("did you", "Yes")),
    (SurveyResponse.Answer.PARTLY, pgettext_lazy("did you", "Partly")),
    (SurveyResponse.Answer.NO, pgettext_lazy("did you", "No")),
]


def _radios(label: Any, choices: Any, message: Any, field: type[Any] = forms.ChoiceField, **kw: Any) -> Any:
    """One question of the survey as GOV.UK radios: a missing and an unknown answer get one message."""
    return field(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kw,
    )


class SurveyAnswerForm(Form):
    helpful = _radios(
        _("How helpful was the support your family had?"),
        HELPFUL,
        _("Choose how helpful the support was"),
        field=forms.TypedChoiceField,
        coerce=int,
    )
    listened_to = _radios(
        _("Did you feel listened to?"), YES_PARTLY_NO, _("Choose whether you felt listened to")
    )
    in_control = _radios(
        _("Did you feel in control of your family's plan?"),
        YES_PARTLY_NO,
        _("Choose whether you felt in control of your plan"),
    )
    comment = forms.CharField(
        label=_("What could we do better?"),
        help_text=_(
            "Please do not write your name or anyone else's: answers that name someone are not read."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Your answer must be 2,000 characters or fewer")},
    )
