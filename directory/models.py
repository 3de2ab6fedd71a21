"""The shared service directory, shaped after Open Referral UK 3.0 (the UK profile of HSDS 3.0).

Every entry has a UUID primary key because the standard identifies everything by UUID: the ids in the
API are the primary keys, so they never change and need no mapping table.
"""

import datetime
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.calendar import today as local_today

if TYPE_CHECKING:
    from partners.models import Agency

# Fixed namespace for the ids this app derives (needs terms, address and language rows): the same input
# gives the same id on every deployment, so API consumers can rely on them.
DIRECTORY_NAMESPACE = uuid.UUID("5b0f6a52-8f2e-4a4b-9d8e-6f0c1d7d2a10")


class Taxonomy(models.Model):
    """A vocabulary of terms (e.g. the family needs, which are the assessment's outcome areas)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("web address"), blank=True)
    version = models.CharField(_("version"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, related_name="terms", verbose_name=_("vocabulary")
    )
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    term_uri = models.URLField(_("term web address"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["taxonomy__name", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"], name="directory_term_code_unique_in_taxonomy"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="directory_term_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def vocabulary(self) -> str:
        return self.taxonomy.name


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    # Referrals to this organisation go through this partner agency (it answers them).
    agency = models.ForeignKey(
        "partners.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_organizations",
        verbose_name=_("partner agency"),
    )
    # Provenance (directory_import): the feed an imported entry came from, blank for our own entries, and
    # when the feed last listed it.
    source = models.CharField(_("imported from"), max_length=500, blank=True, db_index=True)
    last_seen_at = models.DateTimeField(_("last seen in its feed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["last_seen_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("A place people can visit")
        POSTAL = "postal", _("A postal address")
        VIRTUAL = "virtual", _("Online")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location_type = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    address_1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100, blank=True)
    county = models.CharField(_("county"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True, db_index=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("For example step-free access, a hearing loop.")
    )
    # Provenance (directory_import): the feed an imported entry came from, blank for our own entries, and
    # when the feed last listed it.
    source = models.CharField(_("imported from"), max_length=500, blank=True, db_index=True)
    last_seen_at = models.DateTimeField(_("last seen in its feed"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["last_seen_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="directory_location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="directory_location_longitude_range",
            ),
        ]
        # The distance search's bounding box (directory/search.py) is a range on both.
        indexes = [models.Index(fields=["latitude", "longitude"], name="directory_location_lat_long")]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.name, self.postcode) if p)

    @property
    def postcode_district(self) -> str:
        """The outward code ("NR1" of "NR1 3QA"): what people mean by an area."""
        return self.postcode.split(" ")[0] if self.postcode else ""

    def address_lines(self) -> list[str]:
        return [p for p in (self.address_1, self.address_2, self.city, self.county, self.postcode) if p]


class DeliveryMethod(models.TextChoices):
    """How a service reaches people (a multi-choice on the service; the search filters on it)."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    HOME_VISIT = "home_visit", _("Home visits")


class Service(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Closed for good")

    # Statuses the public pages show (the others stay visible to staff and in the API, with their status).
    PUBLIC_STATUSES = (Status.ACTIVE, Status.TEMPORARILY_CLOSED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.ACTIVE)
    minimum_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    fees = models.CharField(_("cost"), max_length=300, blank=True)
    # Comma-separated language names ("English, Polish, British Sign Language"); directory/offer.py knows
    # their ISO 639 codes.
    languages = models.CharField(_("languages"), max_length=300, blank=True)
    # Comma-separated DeliveryMethod codes ("in_person,online"): no code is part of another, so a
    # `contains` filter is exact (directory/offer.py).
    delivery_methods = models.CharField(_("how it is delivered"), max_length=80, blank=True)
    alert = models.CharField(_("notice"), max_length=300, blank=True)
    taxonomy_terms = models.ManyToManyField(
        TaxonomyTerm, blank=True, related_name="services", verbose_name=_("needs it helps with")
    )
    # Referrals to this service go through this partner agency (overrides the organisation's).
    agency = models.ForeignKey(
        "partners.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_services",
        verbose_name=_("partner agency"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="directory_services_owned",
        verbose_name=_("owner"),
    )
    last_reviewed_on = models.DateField(_("last reviewed on"))
    # Provenance (directory_import): the feed an imported entry came from, blank for our own entries, and
    # when the feed last listed it.
    source = models.CharField(_("imported from"), max_length=500, blank=True, db_index=True)
    last_seen_at = models.DateTimeField(_("last seen in its feed"), null=True, blank=True, editable=False)
    # What the feed said, as a hash of the fields it gives: an entry whose feed says the same is not
    # written again (no history row, no new last_modified), only seen.
    source_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # The full-text search's weighted words (PostgreSQL only; directory/search.py keeps it up to date and
    # migration 0004 gives it a GIN index). Derived from the fields above, so history does not keep it.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[taxonomy_terms], excluded_fields=["search_vector", "last_seen_at", "source_fingerprint"]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["name", "id"], name="directory_service_name_id")]  # lists' order
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="directory_service_name_unique_in_org"
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="directory_service_age_range",
                violation_error_message=_("The youngest age must not be more than the oldest age."),
            ),
            models.CheckConstraint(
                condition=Q(maximum_age__isnull=True) | Q(maximum_age__lte=130),
                name="directory_service_maximum_age_real",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def language_list(self) -> list[str]:
        return [name.strip() for name in self.languages.split(",") if name.strip()]

    def free_cost_option(self) -> "CostOption | None":
        """The first free option valid today, as the free filter counts it (uses a prefetch if there is one)."""
        day = local_today()
        for option in self.cost_options.all():
            if option.kind == CostOption.Kind.FREE and option.valid_on(day):
                return option
        return None

    def delivery_method_list(self) -> list[str]:
        return [code for code in self.delivery_methods.split(",") if code in DeliveryMethod.values]

    def delivery_method_labels(self) -> list[str]:
        labels = dict(DeliveryMethod.choices)
        return [str(labels[code]) for code in self.delivery_method_list()]

    @property
    def referral_agency(self) -> "Agency | None":
        """The partner agency that answers referrals to this service, if any."""
        return self.agency or self.organization.agency


class CostOption(models.Model):
    """One price of a service (ORUK 3.0 cost_option, an LGA extension): the structured form of `fees`.

    A service may have several ("free for under 5s", "£2 a session for others"). The free/paid search
    filter reads them (docs/decisions/010-cost-filter.md): only options valid today count.
    """

    class Kind(models.TextChoices):
        FREE = "free", _("Free")
        FIXED = "fixed", _("A fixed price")
        PER_SESSION = "per_session", _("A price per session")
        MEANS_TESTED = "means_tested", _("Depends on income (means-tested)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    kind = models.CharField(_("kind of cost"), max_length=16, choices=Kind.choices)
    # Pounds sterling (the API says currency GBP).
    amount = models.DecimalField(_("amount in pounds"), max_digits=8, decimal_places=2, null=True, blank=True)
    option = models.CharField(
        _("who or what it is for"),
        max_length=200,
        blank=True,
        help_text=_("For example: children who get free school meals"),
    )
    amount_description = models.CharField(
        _("about the amount"), max_length=200, blank=True, help_text=_("For example: per 1 hour session")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "amount", "option", "id"]
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="directory_cost_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(kind="free") | Q(amount__isnull=True) | Q(amount=0),
                name="directory_cost_free_has_no_amount",
                violation_error_message=_("A free option has no amount."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=F("valid_to")),
                name="directory_cost_valid_from_before_to",
                violation_error_message=_("The start date must not be after the end date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount or ''}".strip()

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_at_locations")
    history = HistoricalRecords()

    class Meta:
        ordering = ["location__name"]
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="directory_service_location_once"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class ServiceArea(models.Model):
    """A place a service covers (ORUK 3.0 service_area): a postcode district or a local authority.

    People living there can use the service wherever its offices are (it visits, phones or works online),
    so the distance search includes it for a person whose postcode is in the area (directory/search.py).
    """

    class Kind(models.TextChoices):
        DISTRICT = "district", _("Postcode district")
        LOCAL_AUTHORITY = "local_authority", _("Council area")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # A district as "NR1"; a council area as its ONS code ("E07000148").
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("name"), max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        constraints = [
            models.UniqueConstraint(fields=["service", "kind", "code"], name="directory_service_area_once"),
        ]
        indexes = [models.Index(fields=["kind", "code"], name="directory_service_area_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def uri(self) -> str:
        """A council area's persistent identifier (the ONS linked-data address); districts have none."""
        if self.kind == self.Kind.LOCAL_AUTHORITY:
            return f"http://statistics.data.gov.uk/id/statistical-geography/{self.code}"
        return ""


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text_phone = models.CharField(
        _("text phone or SMS"),
        max_length=40,
        blank=True,
        help_text=_("For people who cannot use a voice call."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone="") | ~Q(text_phone=""),
                name="directory_contact_has_a_route",
                violation_error_message=_("Give a contact an email address, a phone or a text phone."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email or self.phone


class Schedule(models.Model):
    """Opening times, as an iCalendar-style weekly rule (what the standard's schedule carries)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    freq = models.CharField(max_length=10, default="WEEKLY", editable=False)
    # Comma-separated iCalendar days: MO,TU,WE,TH,FR,SA,SU.
    byday = models.CharField(_("days"), max_length=40, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["opens_at"]
        verbose_name = _("opening time")
        verbose_name_plural = _("opening times")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(opens_at__lt=F("closes_at")),
                name="directory_schedule_opens_before_closes",
                violation_error_message=_("The opening time must be before the closing time."),
            ),
        ]

    def __str__(self) -> str:
        return self.description or self.byday


# The supporting tables live in their own module (this one holds the entries); importing them here is what
# registers them with the app, and keeps `from directory.models import Postcode` working.
from directory.supporting_models import DirectoryFeed as DirectoryFeed  # noqa: E402
from directory.supporting_models import Postcode as Postcode  # noqa: E402
from directory.supporting_models import StaleReminder as StaleReminder  # noqa: E402
from directory.supporting_models import TermMapping as TermMapping  # noqa: E402
