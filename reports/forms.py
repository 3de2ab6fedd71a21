"""The dashboard's filters: team, worker and period. Sent by GET, so a filtered view can be bookmarked."""

import datetime
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from core.forms import Form, GovukDateField
from reports.periods import CUSTOM, PERIOD_CHOICES, WEEK

# A custom range longer than this would make the trend unreadable (and the query needlessly long).
MAX_CUSTOM_DAYS = 400


class DashboardFilterForm(Form):
    # Filters are not one of the system's forms being filled in: do not time them.
    observe_time = False

    team = forms.ChoiceField(label=_("Team"), required=False)
    worker = forms.ChoiceField(label=_("Worker"), required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False, initial=WEEK)
    # The previous and next links carry the day as an ISO date; years outside the date inputs' own range
    # (1900 to 2200) would step the period past the calendar's first or last day.
    on = forms.DateField(
        required=False,
        widget=forms.HiddenInput,
        validators=[
            MinValueValidator(datetime.date(1900, 1, 1), message=_("Enter a date from 1900 to 2200")),
            MaxValueValidator(datetime.date(2200, 12, 31), message=_("Enter a date from 1900 to 2200")),
        ],
    )
    start = GovukDateField(label=_("From"), required=False)
    end = GovukDateField(label=_("To"), required=False)

    def __init__(self, *args: Any, teams: list[Any], workers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices from lists the view already holds: rendering the form costs no queries.
        self.fields["team"].choices = [(str(t.pk), t.name) for t in teams]
        self.fields["worker"].choices = [("", _("Everyone"))] + [
            (str(w.pk), w.get_full_name() or w.username) for w in workers
        ]
        if not teams:
            del self.fields["team"]
        if len(workers) <= 1:
            del self.fields["worker"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") == CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start:
                self.add_error("start", _("Enter the first day of the period"))
            if not end:
                self.add_error("end", _("Enter the last day of the period"))
            if start and end:
                if end < start:
                    self.add_error("end", _("The last day must be the same as or after the first day"))
                elif (end - start) > datetime.timedelta(days=MAX_CUSTOM_DAYS):
                    self.add_error("end", _("Choose a period of at most 400 days"))
        return data
