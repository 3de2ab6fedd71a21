"""The query parameters of the directory API (GET /api/directory/...), checked before any query runs: a bad
one is a 400 naming it (directory/api.py), and directory/openapi.py describes each from its field."""

import datetime
import re
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from directory import offer, postcodes, selectors
from directory.models import DeliveryMethod


class QueryDateTimeField(django_forms.DateTimeField):
    """An ISO 8601 date or date-time from a query string, where an unencoded "+01:00" arrives as " 01:00"."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = re.sub(r" (\d\d:?\d\d)$", r"+\1", value.strip())
        moment = super().to_python(value)
        try:
            # The query compares in UTC: a time zone that moves the moment past 9999 or before year 1
            # cannot be compared, and is no real moment to ask about.
            if moment is not None:
                moment.astimezone(datetime.UTC)
        except OverflowError:
            raise django_forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return moment


class ApiBooleanField(django_forms.Field):
    """A query-string boolean: true/false (also 1/0, yes/no); anything else is a clear 400, not False."""

    widget = django_forms.TextInput
    TRUE = frozenset({"true", "1", "yes"})
    FALSE = frozenset({"false", "0", "no"})

    def to_python(self, value: Any) -> bool | None:
        text = str(value or "").strip().lower()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise django_forms.ValidationError(_("Enter true or false."), code="invalid")


class ApiListQuery(django_forms.Form):
    """The parameters every list of the directory API takes (openapi.json: search, page, per_page, format)."""

    FORMATS = ("json", "ndjson")

    search = django_forms.CharField(required=False, max_length=200)
    page = django_forms.IntegerField(required=False, min_value=1)
    per_page = django_forms.IntegerField(required=False, min_value=1)
    format = django_forms.ChoiceField(required=False, choices=[(f, f) for f in FORMATS])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read at request time, so the limit follows the setting (and tests can change it).
        self.fields["per_page"].validators.append(MaxValueValidator(settings.DIRECTORY_API_MAX_PER_PAGE))


class ApiTaxonomiesQuery(ApiListQuery):
    """GET /api/directory/taxonomies."""


class ApiTaxonomyTermsQuery(ApiListQuery):
    """GET /api/directory/taxonomy_terms."""

    taxonomy_id = django_forms.UUIDField(required=False)
    parent_id = django_forms.UUIDField(required=False)
    top_only = ApiBooleanField(required=False)


class ApiOrganizationsQuery(ApiListQuery):
    """GET /api/directory/organizations."""

    full = ApiBooleanField(required=False)
    full_service = ApiBooleanField(required=False)


class ApiOrganizationQuery(django_forms.Form):
    """GET /api/directory/organizations/{id}."""

    full_service = ApiBooleanField(required=False)


class ApiServicesFilters(ApiListQuery):
    """The filters /services and /service_at_locations share."""

    taxonomy_term_id = django_forms.UUIDField(required=False)
    taxonomy_id = django_forms.UUIDField(required=False)
    organization_id = django_forms.UUIDField(required=False)
    postcode = django_forms.CharField(required=False, max_length=10)
    modified_after = QueryDateTimeField(
        required=False,
        error_messages={"invalid": _("Enter an ISO 8601 date or date-time, like 2025-01-31T09:00:00Z.")},
    )
    full = ApiBooleanField(required=False)

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        if value and selectors.postcode_district(value) is None:
            raise django_forms.ValidationError(
                _("Enter a UK postcode or postcode district, like NR1 3QA or NR1.")
            )
        return value

    def _clean_place(self, data: dict[str, Any]) -> None:
        """`place` for the search: from lat and long, or from a full postcode (which must be known)."""
        data["place"] = None
        lat, long = data.get("lat"), data.get("long")
        if (lat is None) != (long is None):
            self.add_error("lat" if lat is None else "long", _("Give both lat and long."))
        elif lat is not None and long is not None:
            data["place"] = postcodes.Place(latitude=lat, longitude=long)
            return
        postcode = data.get("postcode") or ""
        if postcode and postcodes.is_full_postcode(postcode):
            try:
                data["place"] = postcodes.place_for_postcode(postcode)
            except postcodes.UnknownPostcode:
                self.add_error("postcode", _("This postcode is not known here."))
        if data.get("proximity") and data["place"] is None and not self.errors:
            self.add_error("proximity", _("Give a full postcode, or lat and long, with proximity."))


class ApiServicesQuery(ApiServicesFilters):
    """The query parameters of GET /api/directory/services, checked before any query runs."""

    lat = django_forms.FloatField(required=False, min_value=-90, max_value=90)
    long = django_forms.FloatField(required=False, min_value=-180, max_value=180)
    proximity = django_forms.FloatField(required=False, min_value=1, max_value=200000)

    minimum_age = django_forms.FloatField(required=False, min_value=0)
    maximum_age = django_forms.FloatField(required=False, min_value=0)
    day = django_forms.ChoiceField(
        required=False, choices=[(d, d) for d in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")]
    )
    minimal = ApiBooleanField(required=False)
    cost = django_forms.ChoiceField(required=False, choices=[(c, c) for c in offer.COST_FILTERS])
    language = django_forms.ChoiceField(required=False, choices=[(c, c) for c in offer.LANGUAGES])
    delivery = django_forms.ChoiceField(required=False, choices=[(d, d) for d in DeliveryMethod.values])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if str(self.data.get("minimal", "")).strip().lower() in ApiBooleanField.TRUE:
            # "Aim to return all services within one page" (openapi.json): no cap on a minimal page.
            per_page = self.fields["per_page"]
            per_page.validators = [v for v in per_page.validators if not isinstance(v, MaxValueValidator)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("minimal") and data.get("full"):
            self.add_error("minimal", _("Ask for minimal or full, not both."))
        self._clean_place(data)
        return data


class ApiServiceAtLocationsQuery(ApiServicesFilters):
    """GET /api/directory/service_at_locations: `proximity` is metres from a full postcode's centre."""

    proximity = django_forms.FloatField(required=False, min_value=1, max_value=200000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_place(data)
        return data
