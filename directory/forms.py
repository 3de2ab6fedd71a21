from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm, ModelMultipleChoiceField, govuk_widget_class
from core.postcodes import normalise_postcode, validate_postcode
from directory import offer, postcodes, selectors
from directory.models import CostOption, DeliveryMethod, Location, Organization, Service, TaxonomyTerm
from directory.standard_taxonomy_forms import add_service_types_field
from partners.models import Agency
from staff.models import User

MAX_AGE = 130  # as the database's directory_service_maximum_age_real check


class PublicSearchForm(Form):
    """The public search: by need, by area and by free text (all optional)."""

    q = django_forms.CharField(label=_("What are you looking for?"), required=False, max_length=200)
    need = django_forms.ModelChoiceField(
        label=_("Need"),
        queryset=TaxonomyTerm.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any need"),
        error_messages={"invalid_choice": _("Choose a need from the list")},
    )
    area = django_forms.CharField(
        label=_("Town or postcode"),
        help_text=_("For example Norwich, NR1 or NR1 3QA"),
        required=False,
        max_length=100,
    )
    age = django_forms.IntegerField(
        label=_("Age of the person who needs help"),
        required=False,
        min_value=0,
        max_value=130,
        error_messages={
            "invalid": _("Age must be a number, like 7"),
            "min_value": _("Age must be 0 or more"),
            "max_value": _("Age must be 130 or less"),
        },
        widget=django_forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )

    radius = django_forms.TypedChoiceField(
        label=_("Distance from a postcode"),
        choices=[
            (1, _("1 mile")),
            (3, _("3 miles")),
            (5, _("5 miles")),
            (10, _("10 miles")),
            (25, _("25 miles")),
        ],
        coerce=int,
        required=False,
        empty_value=None,
    )

    # The filter panel (GOV.UK filter pattern): radios and checkboxes, sent as GET parameters.
    cost = django_forms.ChoiceField(
        label=_("Cost"),
        choices=[("", _("Any cost")), ("free", _("Free")), ("paid", _("Costs money or depends on income"))],
        required=False,
        widget=django_forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a cost from the list")},
    )
    delivery = django_forms.MultipleChoiceField(
        label=_("How it is offered"),
        choices=DeliveryMethod.choices,
        required=False,
        widget=django_forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose how it is offered from the list")},
    )
    language = django_forms.MultipleChoiceField(
        label=_("Language"),
        choices=[],
        required=False,
        widget=django_forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose a language from the list")},
    )

    FILTERS = ("cost", "delivery", "language")

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # A search without a chosen distance uses the default one, and the page must say so: a bound
        # select with no value would show its first choice (1 mile) while searching 5.
        if data is not None and not data.get("radius"):
            data = data.copy()
            data["radius"] = str(settings.DIRECTORY_SEARCH_RADIUS_MILES)
        super().__init__(data, *args, **kwargs)
        self.fields["need"].queryset = selectors.need_terms()
        self.fields["language"].choices = offer.language_choices(
            Service.objects.filter(status__in=Service.PUBLIC_STATUSES)
        )
        self.fields["radius"].initial = settings.DIRECTORY_SEARCH_RADIUS_MILES

    def clean(self) -> dict[str, Any]:
        """A full postcode becomes a place (its centre) for the distance search; one nobody knows is an error."""
        data = super().clean() or {}
        data["place"] = None
        area = data.get("area") or ""
        if area and postcodes.is_full_postcode(area):
            try:
                data["place"] = postcodes.place_for_postcode(area)
            except postcodes.UnknownPostcode:
                self.add_error(
                    "area",
                    _(
                        "We could not find the postcode %(postcode)s. Check it, or enter a town or the first "
                        "part of the postcode, like NR1"
                    )
                    % {"postcode": normalise_postcode(area)},
                )
        return data


class StaffSearchForm(Form):
    q = django_forms.CharField(label=_("Search the directory"), required=False, max_length=200)
    stale = django_forms.BooleanField(label=_("Only entries due a review"), required=False)
    mine = django_forms.BooleanField(label=_("Only entries I own"), required=False)


def directory_staff() -> Any:
    return User.objects.filter(is_active=True).filter(
        Q(role__in=[User.Role.LEAD_PRACTITIONER, User.Role.TEAM_MANAGER, User.Role.ADMINISTRATOR])
    )


class ServiceAreasField(django_forms.CharField):
    """Areas a service covers, one a line: postcode districts ("NR1") or council areas by name ("Norwich").

    A council area must be one the imported postcodes name (import_postcodes --area-names), so it can be
    matched to a person's postcode.
    """

    widget = django_forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[Any]:  # type: ignore[override]
        from directory.models import Postcode, ServiceArea
        from directory.services import AreaSpec

        text_value = super().to_python(value) or ""
        if "\x00" in text_value:
            raise django_forms.ValidationError(
                _("Null characters are not allowed."), code="null_characters_not_allowed"
            )
        areas, unknown = [], []
        for line in text_value.splitlines():
            text = " ".join(line.split())
            if not text:
                continue
            district = selectors.DISTRICT_RE.match(text.upper())
            if district:
                areas.append(AreaSpec(kind=ServiceArea.Kind.DISTRICT, code=text.upper(), name=text.upper()))
                continue
            found = Postcode.objects.filter(local_authority_name__iexact=text).values_list(
                "local_authority_code", "local_authority_name"
            )
            row = found.first()
            if row is None:
                unknown.append(text)
            else:
                areas.append(AreaSpec(kind=ServiceArea.Kind.LOCAL_AUTHORITY, code=row[0], name=row[1]))
        if unknown:
            raise django_forms.ValidationError(
                _(
                    "We do not know %(areas)s: enter postcode districts like NR1, or council areas like Norwich"
                )
                % {"areas": ", ".join(unknown)}
            )
        return areas


COST_ROW_FIELDS = ("kind", "amount", "option", "amount_description")


def cost_row_fields(number: int) -> dict[str, django_forms.Field]:
    """The fields of one cost option on the staff form: cost_<n>_kind, _amount, _option, _amount_description."""
    which = {"number": number}
    return {
        f"cost_{number}_kind": django_forms.ChoiceField(
            label=_("Cost %(number)s: kind") % which,
            choices=[("", _("No cost given")), *CostOption.Kind.choices],
            required=False,
        ),
        f"cost_{number}_amount": django_forms.DecimalField(
            label=_("Cost %(number)s: amount in pounds") % which,
            required=False,
            min_value=0,
            max_digits=8,
            decimal_places=2,
            help_text=_("For example 2.50. Leave empty if it is free or depends on income."),
            error_messages={"invalid": _("Enter the amount in pounds, like 2.50")},
            widget=django_forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        ),
        f"cost_{number}_option": django_forms.CharField(
            label=_("Cost %(number)s: who or what it is for") % which,
            required=False,
            max_length=200,
            help_text=_("For example: children who get free school meals"),
        ),
        f"cost_{number}_amount_description": django_forms.CharField(
            label=_("Cost %(number)s: about the amount") % which,
            required=False,
            max_length=200,
            help_text=_("For example: per 1 hour session"),
        ),
    }


class ServiceForm(ModelForm):
    url = django_forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    delivery_methods = django_forms.MultipleChoiceField(
        label=_("How it is offered"),
        choices=DeliveryMethod.choices,
        required=False,
        widget=django_forms.CheckboxSelectMultiple,
    )
    areas = ServiceAreasField(
        label=_("Areas it covers"),
        required=False,
        help_text=_(
            "One a line: postcode districts (NR1) or council areas (Norwich). Leave empty if people "
            "come to its places: the search then goes by distance."
        ),
    )
    locations = ModelMultipleChoiceField(
        label=_("Where it is offered"),
        queryset=Location.objects.all(),
        required=False,
        widget=django_forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = [
            "organization",
            "name",
            "description",
            "status",
            "url",
            "email",
            "minimum_age",
            "maximum_age",
            "eligibility_description",
            "fees",
            "languages",
            "delivery_methods",
            "alert",
            "taxonomy_terms",
            "agency",
            "owner",
        ]
        field_classes = {"taxonomy_terms": ModelMultipleChoiceField}
        widgets = {
            "taxonomy_terms": django_forms.CheckboxSelectMultiple,
            "description": django_forms.Textarea(attrs={"rows": 4}),
            "eligibility_description": django_forms.Textarea(attrs={"rows": 3}),
            "minimum_age": django_forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}
            ),
            "maximum_age": django_forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}
            ),
        }
        help_texts = {
            "languages": _(
                "Separate languages with commas, for example English, Polish, British Sign Language"
            ),
            "email": _("An email address or a website is needed, so nobody has to phone."),
            "alert": _("A short notice shown at the top, for example a temporary change of times."),
            "agency": _("The partner agency that answers referrals to this service, if there is one."),
            "owner": _("The member of staff who keeps this entry up to date."),
            "fees": _(
                "In words, as people should read it. Give each price below as well, so the search can find free services."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name")
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["owner"].queryset = directory_staff()
        self.fields["taxonomy_terms"].queryset = TaxonomyTerm.objects.select_related("taxonomy")
        self.fields["taxonomy_terms"].label = _("Needs it helps with")
        add_service_types_field(self)
        # Ages are 0 to 130 (the database checks the same): a number beyond it is a clear message,
        # never an integer too big for the column.
        for name, label, example in (("minimum_age", _("youngest"), 5), ("maximum_age", _("oldest"), 18)):
            field = self.fields[name]
            field.validators.append(MaxValueValidator(MAX_AGE))
            field.error_messages.update(
                {
                    "invalid": _("The %(which)s age must be a whole number, like %(example)s")
                    % {"which": label, "example": example},
                    "min_value": _("The %(which)s age must be 0 or more") % {"which": label},
                    "max_value": _("The %(which)s age must be %(max)s or less")
                    % {"which": label, "max": MAX_AGE},
                }
            )
        if self.instance.pk:
            self.initial.setdefault(
                "locations", [sal.location_id for sal in self.instance.service_at_locations.all()]
            )
            self.initial.setdefault("areas", "\n".join(a.name for a in self.instance.service_areas.all()))
            self.initial["delivery_methods"] = self.instance.delivery_method_list()
        self._add_cost_rows()

    def _add_cost_rows(self) -> None:
        """One group of fields per cost option the service has, and one more (at least two in all)."""
        current = list(self.instance.cost_options.all()) if self.instance.pk else []
        for number in range(1, max(2, len(current) + 1) + 1):
            self.fields.update(cost_row_fields(number))
            if number <= len(current):
                for name in COST_ROW_FIELDS:
                    self.initial.setdefault(f"cost_{number}_{name}", getattr(current[number - 1], name))
        self.cost_row_count = number
        names = list(self.fields)
        cost_names = [name for name in names if name.startswith("cost_")]
        after_fees = names.index("fees") + 1
        others = [name for name in names if name not in cost_names]
        self.order_fields([*others[:after_fees], *cost_names, *others[after_fees:]])
        for name in cost_names:  # added after the mixin gave every field its GOV.UK class
            widget = self.fields[name].widget
            widget.attrs["class"] = f"{govuk_widget_class(widget)} {widget.attrs.get('class', '')}".strip()

    def clean(self) -> dict[str, Any]:
        """`cost_options`: the filled-in cost rows, for the service (which checks them)."""
        from directory.services import CostSpec

        data = super().clean() or {}
        costs = []
        for number in range(1, self.cost_row_count + 1):
            kind = data.get(f"cost_{number}_kind") or ""
            rest = [data.get(f"cost_{number}_{name}") for name in COST_ROW_FIELDS[1:]]
            if not kind:
                if any(value not in (None, "") for value in rest):
                    self.add_error(f"cost_{number}_kind", _("Choose the kind of cost, or clear the row"))
                continue
            amount, option, description = rest
            costs.append(
                CostSpec(kind=kind, amount=amount, option=option or "", amount_description=description or "")
            )
        data["cost_options"] = costs
        return data

    def _post_clean(self) -> None:
        # The service layer validates and writes (one write path); the model's own checks would run
        # unique/constraint queries a second time here.
        pass


class OrganizationForm(ModelForm):
    website = django_forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name", "description", "website", "email", "agency"]
        widgets = {"description": django_forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "agency": _("The partner agency that answers referrals to this organisation, if there is one.")
        }

    def _post_clean(self) -> None:
        pass  # the service validates and writes


class LocationForm(ModelForm):
    class Meta:
        model = Location
        fields = [
            "name",
            "location_type",
            "address_1",
            "address_2",
            "city",
            "county",
            "postcode",
            "accessibility",
        ]
        widgets = {"accessibility": django_forms.Textarea(attrs={"rows": 2})}

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        if value:
            validate_postcode(value)
            value = normalise_postcode(value)
        return value

    def _post_clean(self) -> None:
        pass


class ContactForm(Form):
    name = django_forms.CharField(label=_("Name or team"), required=False, max_length=200)
    title = django_forms.CharField(label=_("Job title"), required=False, max_length=200)
    email = django_forms.EmailField(label=_("Email address"), required=False)
    text_phone = django_forms.CharField(
        label=_("Text phone or SMS"),
        required=False,
        max_length=40,
        help_text=_("For people who cannot use a voice call."),
    )
    phone = django_forms.CharField(label=_("Phone"), required=False, max_length=40)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("email") or data.get("text_phone") or data.get("phone")):
            raise django_forms.ValidationError(_("Give an email address, a text phone or a phone number."))
        return data


DAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]


class ScheduleForm(Form):
    days = django_forms.MultipleChoiceField(
        label=_("Days"),
        choices=DAY_CHOICES,
        widget=django_forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day")},
    )
    opens_at = django_forms.TimeField(
        label=_("Opens at"),
        help_text=_("For example 09:30"),
        error_messages={"required": _("Enter the opening time"), "invalid": _("Enter a time, like 09:30")},
        widget=django_forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    closes_at = django_forms.TimeField(
        label=_("Closes at"),
        help_text=_("For example 17:00"),
        error_messages={"required": _("Enter the closing time"), "invalid": _("Enter a time, like 17:00")},
        widget=django_forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    description = django_forms.CharField(
        label=_("Notes"), required=False, max_length=300, help_text=_("For example: term time only")
    )
