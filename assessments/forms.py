from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Framework
from core.forms import Form, GovukDateField


class AssessmentStartForm(Form):
    started_on = GovukDateField(label=_("When did the assessment start?"))


class AssessmentSummaryForm(Form):
    summary = forms.CharField(
        label=_("Summary in plain words"),
        help_text=_("What the family and you agree matters most. The family may read this."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
    )


def score_field(label: Any, framework: Framework) -> forms.IntegerField:
    low, high = framework.scale_min, framework.scale_max
    message = _("Give a score from %(low)s to %(high)s.") % {"low": low, "high": high}
    return forms.IntegerField(
        label=label,
        help_text=_(
            "From %(low)s (very worried) to %(high)s (going really well). Leave blank if not scored yet."
        )
        % {"low": low, "high": high},
        min_value=low,
        max_value=high,
        required=False,
        error_messages={"min_value": message, "max_value": message, "invalid": message},
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )


class DomainEntryForm(Form):
    strengths = forms.CharField(
        label=_("What is working well"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    worries = forms.CharField(
        label=_("What are we worried about"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    family_words = forms.CharField(
        label=_("In the family's own words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    need_identified_by_family = forms.BooleanField(
        label=_("The family identified this need themselves"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["family_score"] = score_field(_("The family's score"), framework)
        self.fields["worker_score"] = score_field(_("Your score"), framework)
        self.fields["family_score"].widget.attrs["class"] = "govuk-input govuk-input--width-3"
        self.fields["worker_score"].widget.attrs["class"] = "govuk-input govuk-input--width-3"
        self.order_fields(
            [
                "strengths",
                "worries",
                "family_words",
                "family_score",
                "worker_score",
                "need_identified_by_family",
            ]
        )


class ReassessmentForm(Form):
    reviewed_on = GovukDateField(label=_("Date of the re-assessment"))
    notes = forms.CharField(
        label=_("What has changed"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
