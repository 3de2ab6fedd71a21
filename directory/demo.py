"""Demo data for the service directory: a realistic local directory of about thirty services.

Schools, health visiting, a food bank, debt and housing advice, domestic abuse support, parenting groups,
youth clubs and the job centre, in the demo council's towns, tagged with the needs (the assessment's
outcome areas), some linked to the demo partner agencies. A fifth are past their review date, so the
"Review due" flag and the weekly email have something to show. Deterministic for a given ctx.rng; the
directory does not grow with the number of families, so it is written through the services.
"""

import datetime
from decimal import Decimal
from typing import Any

from simple_history.utils import bulk_create_with_history

from core.demo import DemoContext
from directory import search, services
from directory.models import (
    Contact,
    CostOption,
    DeliveryMethod,
    Location,
    Organization,
    Postcode,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.needs import need_term_id
from directory.postcode_import import save_postcodes
from directory.selectors import months_before
from partners.models import Agency

# Towns with a postcode district and a rough centre (for the optional latitude and longitude).
TOWNS = {
    "Norwich": ("NR2", Decimal("52.6309"), Decimal("1.2974")),
    "Great Yarmouth": ("NR30", Decimal("52.6083"), Decimal("1.7305")),
    "King's Lynn": ("PE30", Decimal("52.7543"), Decimal("0.3976")),
}
STREETS = [
    "Market Street",
    "Church Lane",
    "Station Road",
    "Queen's Road",
    "Mill Lane",
    "Victoria Street",
    "Park Road",
]
# Each town's council (ONS code and name), for the demo's postcode look-up and council-area coverage.
COUNCILS = {
    "Norwich": ("E07000148", "Norwich"),
    "Great Yarmouth": ("E07000145", "Great Yarmouth"),
    "King's Lynn": ("E07000146", "King's Lynn and West Norfolk"),
}
INWARD = "ABDEFGHJLNPQRSTUWXYZ"

# The prices of the catalogue's services that are not simply free (the rest get one free option).
_KIND = CostOption.Kind
DEMO_COSTS: dict[str, list[services.CostSpec]] = {
    "Breakfast club": [
        services.CostSpec(kind=_KIND.FIXED, amount=Decimal("1.50"), amount_description="a day"),
        services.CostSpec(kind=_KIND.FREE, option="Children who get free school meals"),
    ],
    "Stay and play": [services.CostSpec(kind=_KIND.PER_SESSION, amount=Decimal("1.00"))],
    "Youth club": [services.CostSpec(kind=_KIND.PER_SESSION, amount=Decimal("0.50"))],
    "Parenting course for teenagers' parents": [
        services.CostSpec(
            kind=_KIND.MEANS_TESTED,
            amount=Decimal("40.00"),
            amount_description="for the eight-week course",
            option="Less, or nothing, for families on a low income",
        )
    ],
    "Holiday lunch club": [
        services.CostSpec(kind=_KIND.FREE, option="Children who get free school meals"),
        services.CostSpec(kind=_KIND.PER_SESSION, amount=Decimal("2.00"), amount_description="a lunch"),
    ],
}
# Ways of reaching people beyond coming in (every service with a place is also in person).
_WAY = DeliveryMethod
DEMO_DELIVERY: dict[str, list[str]] = {
    "Health visiting": [_WAY.HOME_VISIT, _WAY.PHONE],
    "Home visiting volunteers": [_WAY.HOME_VISIT],
    "Housing advice": [_WAY.PHONE],
    "Help with rent arrears": [_WAY.PHONE],
    "Work coach appointments": [_WAY.PHONE, _WAY.ONLINE],
    "Debt advice": [_WAY.PHONE, _WAY.ONLINE],
    "Benefits check": [_WAY.PHONE],
    "Domestic abuse outreach": [_WAY.PHONE, _WAY.HOME_VISIT],
    "Online parenting course": [_WAY.ONLINE],
    "Detached youth work": [],
    "Talking therapies": [_WAY.PHONE, _WAY.ONLINE],
    "Young people's counselling": [_WAY.ONLINE],
    "Perinatal mental health support": [_WAY.HOME_VISIT, _WAY.PHONE],
}


def demo_costs(name: str) -> list[services.CostSpec]:
    return DEMO_COSTS.get(name, [services.CostSpec(kind=CostOption.Kind.FREE)])


def demo_delivery(name: str, towns: list[str]) -> list[str]:
    ways = list(DEMO_DELIVERY.get(name, []))
    if towns and name != "Detached youth work":
        ways.insert(0, DeliveryMethod.IN_PERSON)
    return ways or [DeliveryMethod.IN_PERSON]


WEEKDAYS = "MO,TU,WE,TH,FR"

# (organisation, what it is, web name, partner agency kind or None, [service, ...])
# service: (name, description, needs, min age, max age, fees, languages, who it is for, towns, opening, phone?)
# opening: (days, opens, closes, note) or None.
CATALOGUE: list[tuple[str, str, str, Any, list[tuple[Any, ...]]]] = [
    (
        "Northgate Primary School",
        "A community primary school for children aged 4 to 11.",
        "northgate-primary",
        ("school", "Northgate Primary School"),
        [
            (
                "Breakfast club",
                "A calm start to the day with breakfast, from 7:45am in term time.",
                ["education", "money"],
                4,
                11,
                "£1.50 a day; free for children who get free school meals",
                "English",
                "Children at the school.",
                ["Norwich"],
                (WEEKDAYS, "07:45", "08:45", "Term time only"),
                True,
            ),
            (
                "Family learning",
                "Short courses for parents to help children with reading and maths at home.",
                ["education", "family-relationships"],
                18,
                None,
                "",
                "English, Polish",
                "Parents and carers of children at the school.",
                ["Norwich"],
                ("WE", "09:00", "11:00", "Wednesday mornings in term time"),
                False,
            ),
        ],
    ),
    (
        "Riverside Academy",
        "A secondary academy for students aged 11 to 16.",
        "riverside-academy",
        ("school", "Riverside Academy"),
        [
            (
                "Attendance support",
                "Help for students who find it hard to get to school, and for their families.",
                ["education"],
                11,
                16,
                "",
                "English",
                "Students at the academy and their parents.",
                ["Great Yarmouth"],
                (WEEKDAYS, "08:30", "16:00", ""),
                True,
            ),
            (
                "Homework club",
                "A quiet place with laptops and staff to help, after school.",
                ["education"],
                11,
                16,
                "",
                "English",
                "",
                ["Great Yarmouth"],
                ("MO,TU,TH", "15:15", "16:45", "Term time only"),
                False,
            ),
        ],
    ),
    (
        "Community Health Visiting Service",
        "Health visitors support families with children under 5.",
        "health-visiting",
        ("health", "Community Health Visiting Service"),
        [
            (
                "Health visiting",
                "Health visitors check on your baby's health and development and help with feeding, sleep and your own wellbeing.",
                ["early-years", "health"],
                0,
                5,
                "",
                "English, Polish, Lithuanian, British Sign Language",
                "Families with a child under 5. You can refer yourself.",
                ["Norwich", "Great Yarmouth", "King's Lynn"],
                (WEEKDAYS, "09:00", "17:00", "Text the duty line any time"),
                True,
            ),
            (
                "Baby clinic",
                "Drop in to weigh your baby and ask a health visitor anything.",
                ["early-years"],
                0,
                2,
                "",
                "English",
                "",
                ["Norwich", "King's Lynn"],
                ("TU", "13:30", "15:30", "Drop in"),
                False,
            ),
            (
                "Perinatal mental health support",
                "Support for parents who feel low or anxious during pregnancy or after the birth.",
                ["health", "early-years"],
                16,
                None,
                "",
                "English",
                "Parents-to-be and parents of babies under 1.",
                ["Norwich"],
                (WEEKDAYS, "09:00", "17:00", ""),
                True,
            ),
        ],
    ),
    (
        "City Housing Options",
        "The council's housing advice team: homelessness, renting and repairs.",
        "housing-options",
        ("housing", "City Housing Options"),
        [
            (
                "Housing advice",
                "Advice if you are homeless, might lose your home, or have problems with your landlord.",
                ["housing"],
                16,
                None,
                "",
                "English, Polish, Portuguese",
                "Anyone living in the council area.",
                ["Norwich", "Great Yarmouth"],
                (WEEKDAYS, "09:00", "17:00", "Out of hours: email and we reply next working day"),
                True,
            ),
            (
                "Help with rent arrears",
                "Talk to us early if you are behind with your rent: we can often stop an eviction.",
                ["housing", "money"],
                18,
                None,
                "",
                "English",
                "Council and housing association tenants.",
                ["Norwich"],
                ("MO,WE,FR", "10:00", "15:00", ""),
                True,
            ),
        ],
    ),
    (
        "Jobcentre Plus, Central",
        "Help with finding work and claiming benefits.",
        "jobcentre-central",
        ("job_centre", "Jobcentre Plus, Central"),
        [
            (
                "Work coach appointments",
                "Meet a work coach about jobs, training and Universal Credit.",
                ["money"],
                16,
                None,
                "",
                "English, Welsh",
                "People looking for work or claiming benefits.",
                ["Norwich", "King's Lynn"],
                (WEEKDAYS, "09:00", "17:00", ""),
                True,
            ),
            (
                "Youth employment hub",
                "Help for 16 to 24 year olds with CVs, applications and work experience.",
                ["money", "crime"],
                16,
                24,
                "",
                "English",
                "",
                ["Great Yarmouth"],
                ("TU,TH", "10:00", "16:00", ""),
                False,
            ),
        ],
    ),
    (
        "Home-Start Family Support",
        "Trained volunteers who visit families with young children at home.",
        "home-start",
        ("voluntary", "Home-Start Family Support"),
        [
            (
                "Home visiting volunteers",
                "A volunteer visits once a week to help with whatever is hardest: routines, appointments, getting out.",
                ["family-relationships", "early-years"],
                0,
                5,
                "",
                "English, Urdu",
                "Families with at least one child under 5.",
                ["Norwich", "King's Lynn"],
                ("MO,TU,WE,TH", "09:30", "15:00", ""),
                True,
            ),
            (
                "Dads' group",
                "A relaxed group for dads and male carers and their children.",
                ["family-relationships"],
                0,
                11,
                "",
                "English",
                "",
                ["Norwich"],
                ("SA", "10:00", "12:00", "First Saturday of the month"),
                False,
            ),
        ],
    ),
    (
        "Open Door Food Bank",
        "Emergency food and toiletries, and signposting to other help.",
        "open-door-foodbank",
        None,
        [
            (
                "Food bank",
                "Three days of emergency food. Bring a voucher from any agency, or come and talk to us.",
                ["money"],
                None,
                None,
                "",
                "English, Polish, Romanian",
                "Anyone in crisis.",
                ["Norwich", "Great Yarmouth"],
                ("TU,FR", "10:00", "13:00", ""),
                False,
            ),
            (
                "Holiday lunch club",
                "Free lunch and activities for children in the school holidays.",
                ["money", "health"],
                4,
                16,
                "",
                "English",
                "Children who get free school meals.",
                ["Great Yarmouth"],
                (WEEKDAYS, "11:30", "14:00", "School holidays only"),
                False,
            ),
        ],
    ),
    (
        "Money Matters Debt Advice",
        "A charity giving free, confidential debt advice.",
        "money-matters",
        None,
        [
            (
                "Debt advice",
                "Free advice on debts, bills and arrears; we can talk to the people you owe for you.",
                ["money"],
                18,
                None,
                "",
                "English, Polish, British Sign Language (book in advance)",
                "",
                ["Norwich", "King's Lynn"],
                (WEEKDAYS, "09:30", "16:30", "Online chat until 8pm"),
                True,
            ),
            (
                "Benefits check",
                "Check you are getting every benefit and grant you are entitled to.",
                ["money"],
                16,
                None,
                "",
                "English",
                "",
                ["Norwich"],
                ("MO,TH", "10:00", "14:00", ""),
                True,
            ),
        ],
    ),
    (
        "Safe Haven Domestic Abuse Service",
        "Confidential support for anyone affected by domestic abuse. In an emergency call 999.",
        "safe-haven",
        None,
        [
            (
                "Domestic abuse outreach",
                "An outreach worker helps you plan to stay safe, at home or elsewhere. You can contact us by email or text, not only by phone.",
                ["domestic-abuse", "safe-from-abuse"],
                16,
                None,
                "",
                "English, Polish, Urdu, British Sign Language",
                "Anyone affected by domestic abuse.",
                ["Norwich", "Great Yarmouth", "King's Lynn"],
                ("MO,TU,WE,TH,FR,SA,SU", "08:00", "20:00", "Email and text answered every day"),
                True,
            ),
            (
                "Children's recovery group",
                "A group for children who have lived with domestic abuse.",
                ["domestic-abuse", "health"],
                5,
                16,
                "",
                "English",
                "",
                ["Norwich"],
                ("WE", "16:00", "17:30", "10-week course"),
                False,
            ),
        ],
    ),
    (
        "Norfolk Parenting Partnership",
        "Parenting courses and groups run across the county.",
        "parenting-partnership",
        None,
        [
            (
                "Parenting course for teenagers' parents",
                "Ten weeks on talking and listening to teenagers, boundaries and staying calm.",
                ["family-relationships"],
                18,
                None,
                "",
                "English",
                "Parents and carers of 11 to 18 year olds.",
                ["Norwich", "King's Lynn"],
                ("TH", "18:30", "20:30", ""),
                False,
            ),
            (
                "Stay and play",
                "Play sessions for under-5s with their parents, with a snack.",
                ["early-years", "family-relationships"],
                0,
                5,
                "£1 a session",
                "English",
                "",
                ["Great Yarmouth", "King's Lynn"],
                ("MO,WE", "09:30", "11:30", ""),
                False,
            ),
            (
                "Online parenting course",
                "A free online course you can do at your own pace.",
                ["family-relationships"],
                18,
                None,
                "",
                "English, Welsh, Polish",
                "",
                [],
                None,
                False,
            ),
        ],
    ),
    (
        "Youth Zone",
        "Youth clubs and one-to-one youth work.",
        "youth-zone",
        None,
        [
            (
                "Youth club",
                "Sport, music, cooking and somewhere safe to be, with youth workers to talk to.",
                ["crime", "health"],
                11,
                18,
                "50p a session",
                "English",
                "",
                ["Norwich", "Great Yarmouth"],
                ("TU,TH,FR", "18:00", "21:00", ""),
                False,
            ),
            (
                "Detached youth work",
                "Youth workers who meet young people on the streets and in parks.",
                ["crime", "safe-from-abuse"],
                11,
                19,
                "",
                "English",
                "",
                ["Great Yarmouth"],
                ("FR,SA", "19:00", "22:00", ""),
                False,
            ),
        ],
    ),
    (
        "Police Early Help Hub",
        "Police officers working with families to prevent harm and offending.",
        "police-early-help",
        ("police", "Police Early Help Hub"),
        [
            (
                "Youth diversion",
                "Helps young people who have got into trouble to stay out of the justice system.",
                ["crime"],
                10,
                17,
                "",
                "English",
                "Young people referred by the police or youth offending team.",
                ["Norwich"],
                (WEEKDAYS, "09:00", "17:00", ""),
                True,
            ),
        ],
    ),
    (
        "Healthy Minds Wellbeing Service",
        "NHS talking therapies for anxiety, low mood and stress.",
        "healthy-minds",
        None,
        [
            (
                "Talking therapies",
                "Courses, groups and one-to-one therapy. You can refer yourself online.",
                ["health"],
                18,
                None,
                "",
                "English, Polish, Lithuanian",
                "Adults registered with a local GP.",
                ["Norwich", "King's Lynn"],
                (WEEKDAYS, "08:00", "18:00", ""),
                True,
            ),
            (
                "Young people's counselling",
                "Free counselling for young people, in person or online.",
                ["health"],
                11,
                25,
                "",
                "English",
                "",
                ["Norwich", "Great Yarmouth"],
                ("MO,TU,WE,TH", "15:00", "19:00", ""),
                True,
            ),
        ],
    ),
    (
        "Recovery Together",
        "Drug and alcohol support for adults and young people.",
        "recovery-together",
        None,
        [
            (
                "Drug and alcohol support",
                "Confidential support to cut down or stop, and support for family members too.",
                ["substance-use", "health"],
                18,
                None,
                "",
                "English, Polish",
                "",
                ["Norwich", "Great Yarmouth"],
                (WEEKDAYS, "09:00", "17:00", "Late opening Thursday until 7pm"),
                True,
            ),
            (
                "Young people's substance misuse service",
                "Support for young people worried about their own or a parent's drug or alcohol use.",
                ["substance-use", "safe-from-abuse"],
                11,
                18,
                "",
                "English",
                "",
                ["Norwich"],
                ("TU,TH", "14:00", "18:00", ""),
                True,
            ),
        ],
    ),
]


def _location(ctx: DemoContext, town: str, name: str, admin: Any) -> Location:
    district, lat, lon = TOWNS[town]
    rng = ctx.rng
    postcode = f"{district} {rng.randint(1, 9)}{rng.choice(INWARD)}{rng.choice(INWARD)}"
    jitter = Decimal(rng.randint(-150, 150)) / Decimal(10000)
    return services.location_create(
        actor=admin,
        name=f"{name}, {town}",
        address_1=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
        city=town,
        county="Norfolk",
        postcode=postcode,
        latitude=lat + jitter,
        longitude=lon - jitter,
        accessibility=rng.choice(
            [
                "Step-free access and an accessible toilet.",
                "Hearing loop at reception.",
                "Ground floor, step-free.",
                "",
            ]
        ),
    )


def _time(value: str) -> datetime.time:
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    admin = ctx.admin
    services.need_terms_sync(actor=admin)
    services.standard_taxonomies_load(actor=admin)  # the esd lists ORUK uses, and the needs' mapping
    owners = [u for u in [admin, *ctx.leads[:4], *ctx.managers[:2]] if u is not None]
    agencies = {(a.kind, a.name): a for a in ctx.agencies}
    by_kind: dict[str, Agency] = {}
    for agency in ctx.agencies:
        by_kind.setdefault(agency.kind, agency)
    needs = {t.code: t for t in TaxonomyTerm.objects.filter(pk__in=[need_term_id(c) for c in _codes()])}
    places: dict[tuple[str, str], Location] = {}
    phone_counter = iter(range(960000, 960999))
    for org_name, org_description, web, agency_key, service_rows in CATALOGUE:
        agency = None
        if agency_key is not None:
            agency = agencies.get(agency_key) or by_kind.get(agency_key[0])
        org = services.organization_create(
            actor=admin,
            name=org_name,
            description=org_description,
            website=f"https://{web}.example.org.uk",
            email=f"hello@{web}.example.org.uk",
            agency=agency,
        )
        for index, row in enumerate(service_rows):
            name, description, codes, min_age, max_age, fees, languages, who, towns, opening, has_phone = row
            locations = []
            for town in towns:
                key = (org_name, town)
                if key not in places:
                    places[key] = _location(ctx, town, org_name, admin)
                locations.append(places[key])
            # About one entry in five is past its review date; the rest were checked in the last months.
            stale = rng.random() < 0.2
            months_ago = rng.randint(7, 14) if stale else rng.randint(0, 5)
            reviewed = months_before(ctx.today, months_ago) - datetime.timedelta(days=rng.randint(0, 20))
            owner = rng.choice(owners)
            service = services.service_create(
                actor=owner,
                fields=services.ServiceFields(
                    organization=org,
                    name=name,
                    owner=owner,
                    description=description,
                    url=f"https://{web}.example.org.uk/{index + 1}",
                    email=f"{web.split('-')[0]}{index + 1}@{web}.example.org.uk"
                    if rng.random() < 0.7
                    else "",
                    minimum_age=min_age,
                    maximum_age=max_age,
                    eligibility_description=who,
                    fees=fees,
                    languages=languages,
                    delivery_methods=demo_delivery(name, towns),
                    cost_options=demo_costs(name),
                    taxonomy_terms=[needs[c] for c in codes if c in needs],
                    locations=locations,
                    agency=agency if agency is not None and index == 0 else None,
                ),
                last_reviewed_on=reviewed,
            )
            if opening:
                days, opens, closes, note = opening
                services.schedule_add(
                    actor=owner,
                    service=service,
                    byday=days,
                    opens_at=_time(opens),
                    closes_at=_time(closes),
                    description=note,
                )
            services.contact_add(
                actor=owner,
                service=service,
                name="Duty team" if rng.random() < 0.5 else "Reception",
                email=f"contact@{web}.example.org.uk",
                phone=f"01632 {next(phone_counter)}" if has_phone else "",
                text_phone=f"07700 {next(phone_counter)}" if has_phone and rng.random() < 0.5 else "",
            )
    _scale_up(ctx, admin, needs)
    _postcodes()
    search.refresh_search_vectors()  # the bulk rows above were written without their search words


def _postcodes() -> None:
    """The demo's own postcode look-up: each demo place's postcode at that place, so a postcode search
    works in `make demo` without importing ONSPD (the demo's postcodes are made up)."""
    rows = {}
    for location in Location.objects.exclude(latitude=None).exclude(postcode=""):
        code, name = COUNCILS.get(location.city, ("", ""))
        rows[location.postcode] = Postcode(
            postcode=location.postcode,
            latitude=float(location.latitude or 0),
            longitude=float(location.longitude or 0),
            district=location.postcode.split(" ")[0],
            local_authority_code=code,
            local_authority_name=name,
        )
    save_postcodes(
        list(rows.values()),
        ["latitude", "longitude", "district", "local_authority_code", "local_authority_name"],
    )


NEIGHBOURHOODS = [
    "Lakenham",
    "Mile Cross",
    "Heartsease",
    "Catton",
    "Bowthorpe",
    "Tuckswood",
    "Earlham",
    "Thorpe Hamlet",
    "Southtown",
    "Cobholm",
    "Gorleston",
    "Northgate",
    "Gaywood",
    "Fairstead",
    "South Lynn",
    "West Lynn",
]


def _scale_up(ctx: DemoContext, admin: Any, needs: dict[str, TaxonomyTerm]) -> None:
    """A bigger council has a bigger directory: local branches of the catalogue's services, in bulk."""
    extra = min(1500, max(0, ctx.scale // 60 - 30))
    if not extra:
        return
    rng = ctx.rng
    orgs = {o.name: o for o in Organization.objects.all()}
    owners = [u for u in [admin, *ctx.leads[:20], *ctx.managers[:5]] if u is not None]
    rows = [(org_name, web, row) for org_name, _d, web, _a, service_rows in CATALOGUE for row in service_rows]
    locations: list[Location] = []
    new_services: list[Service] = []
    links: list[ServiceAtLocation] = []
    terms: list[Any] = []
    schedules: list[Schedule] = []
    contacts: list[Contact] = []
    costs: list[CostOption] = []
    for index in range(extra):
        org_name, web, row = rows[index % len(rows)]
        name, description, codes, min_age, max_age, fees, languages, who, _towns, opening, _phone = row
        town = rng.choice(list(TOWNS))
        district, lat, lon = TOWNS[town]
        place = NEIGHBOURHOODS[(index // len(rows)) % len(NEIGHBOURHOODS)]
        location = Location(
            name=f"{place} community centre",
            address_1=f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
            city=town,
            county="Norfolk",
            postcode=f"{district} {rng.randint(1, 9)}{rng.choice(INWARD)}{rng.choice(INWARD)}",
            latitude=lat,
            longitude=lon,
        )
        locations.append(location)
        months_ago = rng.randint(7, 14) if rng.random() < 0.2 else rng.randint(0, 5)
        service = Service(
            organization=orgs[org_name],
            name=f"{name}, {place} ({index // (len(rows) * len(NEIGHBOURHOODS)) + 1})",
            description=description,
            url=f"https://{web}.example.org.uk/{place.lower().replace(' ', '-')}",
            email=f"{place.lower().replace(' ', '.')}@{web}.example.org.uk",
            minimum_age=min_age,
            maximum_age=max_age,
            eligibility_description=who,
            fees=fees,
            languages=languages,
            delivery_methods=",".join(demo_delivery(name, ["branch"])),
            owner=rng.choice(owners),
            last_reviewed_on=months_before(ctx.today, months_ago),
        )
        new_services.append(service)
        costs.extend(CostOption(service=service, **vars(spec)) for spec in demo_costs(name))
        links.append(ServiceAtLocation(service=service, location=location))
        terms.extend(
            Service.taxonomy_terms.through(service_id=service.pk, taxonomyterm_id=needs[c].pk)
            for c in codes
            if c in needs
        )
        if opening:
            days, opens, closes, note = opening
            schedules.append(
                Schedule(
                    service=service,
                    byday=days,
                    opens_at=_time(opens),
                    closes_at=_time(closes),
                    description=note,
                )
            )
        contacts.append(Contact(service=service, name="Reception", email=service.email))
    options = {"batch_size": 500, "default_user": admin, "default_change_reason": "Demo data"}
    bulk_create_with_history(locations, Location, **options)
    bulk_create_with_history(new_services, Service, **options)
    bulk_create_with_history(links, ServiceAtLocation, **options)
    # The links to needs are plain join rows (bulk demo data; the services' own history records them as created).
    Service.taxonomy_terms.through.objects.bulk_create(terms, batch_size=1000)
    bulk_create_with_history(schedules, Schedule, **options)
    bulk_create_with_history(contacts, Contact, **options)
    bulk_create_with_history(costs, CostOption, **options)


def _codes() -> list[str]:
    return sorted({code for *_ignored, rows in CATALOGUE for row in rows for code in row[2]})
