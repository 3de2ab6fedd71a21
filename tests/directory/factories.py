"""Directory entries for tests, written through the directory's services."""

import datetime
import itertools
from decimal import Decimal
from typing import Any

from directory import services
from directory.models import Organization, Service, TaxonomyTerm
from directory.needs import need_term_id

_counter = itertools.count(1)


def need(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(pk=need_term_id(code))


def organization(name: str | None = None, **extra: Any) -> Organization:
    extra.setdefault("description", "A local organisation.")
    extra.setdefault("website", "https://org.example")
    return services.organization_create(actor=None, name=name or f"Organisation {next(_counter)}", **extra)


def location(
    name: str = "Community hub", postcode: str = "NR1 3QA", city: str = "Norwich", **extra: Any
) -> Any:
    extra.setdefault("address_1", "1 Market Street")
    return services.location_create(actor=None, name=name, postcode=postcode, city=city, **extra)


def service(
    *,
    owner: Any,
    name: str | None = None,
    org: Organization | None = None,
    needs: tuple[str, ...] = (),
    locations: tuple[Any, ...] = (),
    reviewed: datetime.date | None = None,
    **extra: Any,
) -> Service:
    fields = services.ServiceFields(
        organization=org or organization(),
        name=name or f"Service {next(_counter)}",
        owner=owner,
        description=extra.pop("description", "Help for local families."),
        email=extra.pop("email", "help@service.example"),
        taxonomy_terms=[need(code) for code in needs],
        locations=list(locations),
        **extra,
    )
    return services.service_create(actor=owner, fields=fields, last_reviewed_on=reviewed)


def full_service(*, owner: Any, **extra: Any) -> Service:
    """A service with every part the standard describes: places, contacts, opening times, needs."""
    svc = service(
        owner=owner,
        needs=("money", "housing"),
        locations=(location(accessibility="Step-free entrance; hearing loop at reception."),),
        minimum_age=16,
        maximum_age=99,
        fees="Free for people on a low income; £2.50 a session for others",
        languages="English, Polish, British Sign Language (book in advance), Makaton",
        delivery_methods=["in_person", "phone"],
        cost_options=[
            services.CostSpec(kind="free", option="People on a low income"),
            services.CostSpec(kind="per_session", amount=Decimal("2.50"), amount_description="per session"),
        ],
        eligibility_description="Anyone living in Norfolk.",
        url="https://advice.example/debt",
        **extra,
    )
    services.contact_add(
        actor=owner,
        service=svc,
        name="Duty adviser",
        title="Adviser",
        email="duty@advice.example",
        phone="01603 000000",
        text_phone="07700 900000",
    )
    services.schedule_add(
        actor=owner,
        service=svc,
        byday="MO,TU,WE",
        opens_at=datetime.time(9, 30),
        closes_at=datetime.time(16, 0),
        description="Drop-in",
    )
    return svc
