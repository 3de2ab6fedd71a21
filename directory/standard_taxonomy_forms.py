"""The staff service form's "Types of service": the esd service types (directory/taxonomies/), grouped by
first letter under GOV.UK details (the list is long; it works without JavaScript)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ModelMultipleChoiceField, govuk_widget_class
from directory import selectors
from directory.standard_taxonomies import ESD_SERVICE_TYPES


def add_service_types_field(form: Any) -> None:
    """Add `service_types` right after the needs, which no longer offer the esd types; on an existing
    service, tick the types it has. The view adds the chosen ones to the service's taxonomy terms."""
    needs = form.fields["taxonomy_terms"]
    needs.queryset = needs.queryset.exclude(taxonomy_id=ESD_SERVICE_TYPES.id)
    widget = forms.CheckboxSelectMultiple()
    widget.attrs["class"] = govuk_widget_class(widget)
    field = ModelMultipleChoiceField(
        label=_("Types of service"),
        queryset=selectors.service_type_terms(),
        required=False,
        widget=widget,
        template_name="directory/includes/grouped_checkboxes.html",
        help_text=_(
            "From the Local Government Association's list, which Open Referral UK directories search by. "
            "Open a letter to see its types."
        ),
    )
    form.fields["service_types"] = field
    names = [name for name in form.fields if name != "service_types"]
    names.insert(names.index("taxonomy_terms") + 1, "service_types")
    form.order_fields(names)
    if form.instance.pk:
        form.initial.setdefault(
            "service_types", list(form.instance.taxonomy_terms.filter(taxonomy_id=ESD_SERVICE_TYPES.id))
        )
