"""The annual report's year (sent by GET, so a year's report can be bookmarked)."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from voice.selectors_report import Year, years_offered


class YearForm(Form):
    # Choosing a year is not one of the system's forms being filled in: do not time it.
    observe_time = False

    year = forms.TypedChoiceField(label=_("Financial year (April to March)"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y.start.year, y.label) for y in years_offered()]
        self.fields["year"].error_messages["invalid_choice"] = _("Choose a year from the list")

    def clean_year(self) -> Year:
        return Year(datetime.date(self.cleaned_data["year"], 4, 1))
