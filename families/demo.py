"""Demo and scale data for the families app: teams, workers, agencies and families.

Called first by `manage.py seed_demo` (see core/demo.py). Everything comes from `ctx.rng` and a Faker
seeded from it, so a seed always gives the same people, references and addresses.

Two write paths, both leaving history with the acting user:
- the first `ctx.detailed` families go through families/services.py, exactly as the web pages write
  (notes, step-ups, handovers, closures, address changes: a History tab worth looking at);
- the rest are written in bulk with simple-history's `bulk_create_with_history`, and their guardian
  permission rows are inserted in bulk with the same grants as families/permissions.py makes, so
  100,000 families take minutes, not hours.
"""

import datetime
import math
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from simple_history.utils import bulk_create_with_history

from core.demo import DemoContext
from core.postcodes import normalise_postcode
from families import permissions, services
from families.models import (
    CaseNote,
    Family,
    FamilyEvent,
    FamilyGroupObjectPermission,
    FamilyUserObjectPermission,
    Person,
)
from families.services import REFERENCE_ALPHABET
from partners.models import Agency
from staff import services as staff_services
from staff.models import Team, User

# Published on purpose (printed by `manage.py demo_logins`): seed_demo refuses to run in production.
DEMO_PASSWORD = "power-of-one-demo"  # noqa: S105
# The demo family member (family_portal/demo.py): signs in at /my/sign-in/ with a code sent by email.
DEMO_FAMILY_EMAIL = "parent@example.org"


@dataclass(frozen=True)
class NamedLogin:
    label: str  # role label shown by demo_logins (and the key in ctx.logins)
    username: str
    first_name: str
    last_name: str
    can_do: str


NAMED_LOGINS = (
    NamedLogin(
        "Lead practitioner",
        "lead",
        "Lena",
        "Lead",
        "Holds a full caseload of families: opens families, adds members and notes, hands over, closes.",
    ),
    NamedLogin(
        "Lead practitioner (same team)",
        "colleague",
        "Colin",
        "Colleague",
        "A colleague in Lena's team: sees only his own families, none of Lena's.",
    ),
    NamedLogin(
        "Team manager",
        "manager",
        "Maya",
        "Manager",
        "Manages Lena's team: sees and can hand over, move or close every family of the team.",
    ),
    NamedLogin(
        "Partner-agency worker",
        "agency",
        "Ada",
        "Agency",
        "Manages a partner agency: sees families only through referrals to it; makes its API keys.",
    ),
    NamedLogin(
        "Administrator",
        "admin",
        "Ann",
        "Admin",
        "Configuration in the Django admin (/admin/); sees no family by default.",
    ),
    NamedLogin(
        "Complaints manager",
        "complaints",
        "Carla",
        "Complaints",
        "Handles complaints, suggestions and surveys: sees every complaint, and no family record.",
    ),
)

# Where the demo council's teams work: town, postcode districts, and how likely a household is to
# prefer Welsh, Polish or Urdu there (so Cardiff has Welsh speakers and Bradford Urdu speakers).
AREAS: list[tuple[str, list[str], dict[str, float]]] = [
    ("Norwich", [f"NR{n}" for n in range(1, 8)], {"Polish": 0.03, "Portuguese": 0.01}),
    ("Great Yarmouth", ["NR29", "NR30", "NR31"], {"Polish": 0.06, "Lithuanian": 0.03, "Portuguese": 0.02}),
    ("King's Lynn", [f"PE{n}" for n in range(30, 35)], {"Polish": 0.06, "Lithuanian": 0.03}),
    (
        "Cardiff",
        [f"CF{n}" for n in (3, 5, 10, 11, 14, 23, 24)],
        {"Welsh": 0.12, "Arabic": 0.02, "Somali": 0.02},
    ),
    ("Swansea", [f"SA{n}" for n in range(1, 8)], {"Welsh": 0.18}),
    ("Bradford", [f"BD{n}" for n in range(1, 11)], {"Urdu": 0.12, "Punjabi": 0.04, "Polish": 0.02}),
    ("Leicester", [f"LE{n}" for n in range(1, 6)], {"Gujarati": 0.08, "Urdu": 0.04, "Polish": 0.02}),
    ("Peterborough", [f"PE{n}" for n in range(1, 8)], {"Polish": 0.06, "Urdu": 0.04, "Romanian": 0.03}),
    ("Luton", [f"LU{n}" for n in range(1, 5)], {"Urdu": 0.1, "Romanian": 0.03, "Polish": 0.02}),
    ("Thetford", ["IP24", "IP25", "IP26"], {"Portuguese": 0.05, "Polish": 0.03}),
]
SECTORS = ["North", "South", "East", "West", "Central"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's inward code may use

# Names for households whose preferred language is not English (Faker's en_GB pool is too English).
LANGUAGE_NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "Welsh": (
        ["Cerys", "Ffion", "Seren", "Nia", "Catrin", "Megan", "Angharad"],
        ["Rhys", "Dafydd", "Gethin", "Owain", "Iwan", "Emyr", "Tomos"],
        ["Jones", "Evans", "Llewellyn", "Pritchard", "Griffiths", "Powell", "Morgan"],
    ),
    "Polish": (
        ["Katarzyna", "Agnieszka", "Magdalena", "Zofia", "Anna", "Ewa"],
        ["Piotr", "Tomasz", "Krzysztof", "Jakub", "Marek", "Pawel"],
        ["Nowak", "Kowalczyk", "Wozniak", "Mazur", "Krawczyk", "Zielinska"],
    ),
    "Urdu": (
        ["Ayesha", "Zainab", "Fatima", "Sana", "Maryam", "Hina"],
        ["Imran", "Bilal", "Usman", "Tariq", "Hamza", "Adeel"],
        ["Khan", "Hussain", "Ahmed", "Iqbal", "Akhtar", "Rashid"],
    ),
    "Punjabi": (
        ["Harpreet", "Simran", "Jaspreet"],
        ["Gurpreet", "Manjit", "Arjun"],
        ["Singh", "Kaur", "Gill"],
    ),
    "Gujarati": (["Priya", "Hetal", "Nisha"], ["Raj", "Vikram", "Nikhil"], ["Patel", "Shah", "Mistry"]),
    "Lithuanian": (
        ["Ieva", "Ruta", "Egle"],
        ["Tomas", "Mantas", "Lukas"],
        ["Kazlauskas", "Petrauskas", "Jankauskas"],
    ),
    "Romanian": (
        ["Ioana", "Elena", "Andreea"],
        ["Andrei", "Mihai", "Stefan"],
        ["Popescu", "Ionescu", "Dumitru"],
    ),
    "Portuguese": (["Ana", "Beatriz", "Ines"], ["Joao", "Tiago", "Rui"], ["Silva", "Santos", "Ferreira"]),
    "Arabic": (["Layla", "Noor", "Amira"], ["Omar", "Yusuf", "Karim"], ["Haddad", "Mansour", "Nasser"]),
    "Somali": (["Hodan", "Amina", "Ifrah"], ["Abdi", "Mohamed", "Hassan"], ["Farah", "Warsame", "Abdullahi"]),
}

AGENCIES = [
    ("Northgate Primary School", Agency.Kind.SCHOOL),
    ("Riverside Academy", Agency.Kind.SCHOOL),
    ("Community Health Visiting Service", Agency.Kind.HEALTH),
    ("City Housing Options", Agency.Kind.HOUSING),
    ("Police Early Help Hub", Agency.Kind.POLICE),
    ("Jobcentre Plus, Central", Agency.Kind.JOB_CENTRE),
    ("Home-Start Family Support", Agency.Kind.VOLUNTARY),
]
AGENCY_JOB_TITLES = {
    Agency.Kind.SCHOOL: "Designated safeguarding lead",
    Agency.Kind.HEALTH: "Health visitor",
    Agency.Kind.HOUSING: "Housing options officer",
    Agency.Kind.POLICE: "Early help liaison officer",
    Agency.Kind.JOB_CENTRE: "Work coach",
    Agency.Kind.VOLUNTARY: "Family support volunteer coordinator",
}

NOTE_TEMPLATES = [
    (
        CaseNote.Kind.VISIT,
        "Home visit with {parent}. {child} was at home; talked about how mornings are going "
        "and what would help the school run. {parent} wants to try a visual timetable.",
    ),
    (
        CaseNote.Kind.VISIT,
        "Visited {parent} at home. The house was warm and tidy. {parent} said the debt letters "
        "are the biggest worry this week; agreed to look at them together next visit.",
    ),
    (
        CaseNote.Kind.CALL,
        "Call from {parent}: {child} had a difficult day at school. Agreed to ring the school "
        "tomorrow and call back by Friday.",
    ),
    (
        CaseNote.Kind.CALL,
        "Rang {parent} to confirm the meeting time. {parent} asked for the letter in large print.",
    ),
    (
        CaseNote.Kind.MEETING,
        "Team around the family meeting with school and health visitor. {parent} chaired the "
        "goals discussion; everyone agreed who does what by when.",
    ),
    (
        CaseNote.Kind.MEETING,
        "Met {parent} and the housing officer about the repairs. Landlord to be chased in "
        "writing; {parent} will keep a diary of the damp.",
    ),
    (
        CaseNote.Kind.NOTE,
        "Referral to the food bank made with {parent}'s agreement; voucher collected the same day.",
    ),
    (CaseNote.Kind.NOTE, "{parent} reports {child} is sleeping better since the new bedtime routine."),
    (CaseNote.Kind.NOTE, "School attendance for {child} up to 94% this half term, from 81%."),
    (
        CaseNote.Kind.VISIT,
        "Joint visit with the health visitor. Baby is feeding well; {parent} is tired but "
        "coping, and has been linked with the local parents' group.",
    ),
]
STEP_UP_REASONS = [
    "Concerns about neglect raised by school; strategy discussion held and threshold for statutory "
    "assessment met.",
    "Domestic abuse incident reported by police; children's social care assessment started.",
]
STEP_DOWN_REASONS = [
    "Children's social care assessment closed with early help support to continue.",
    "Child in need plan ended; family agreed to keep working with their lead practitioner.",
]
CLOSURE_REASONS = [
    "Goals met: school attendance above 95% and the family says they feel able to cope.",
    "Family moved out of the area; case transferred to the new council with their consent.",
    "Family no longer wishes to receive support; they know how to come back.",
    "Plan complete; the family is linked to universal services and a community group.",
]
HANDOVER_REASONS = [
    "Caseload balancing within the team.",
    "Previous worker moved to another team.",
    "Family asked for a worker who speaks Welsh.",
]


@dataclass
class _Pools:
    """Names and streets drawn once from a seeded Faker, then picked with the rng (Faker per row is slow)."""

    female: list[str]
    male: list[str]
    surnames: list[str]
    streets: list[str]


def _pools(seed: int) -> _Pools:
    from faker import Faker  # a dev dependency: imported here so production never needs it

    fake = Faker("en_GB")
    fake.seed_instance(seed)
    return _Pools(
        female=sorted({fake.first_name_female() for _ in range(600)}),
        male=sorted({fake.first_name_male() for _ in range(600)}),
        surnames=sorted({fake.last_name() for _ in range(1500)}),
        streets=sorted({fake.street_name() for _ in range(1200)}),
    )


def _email(first: str, last: str) -> str:
    return re.sub(r"[^a-z.-]", "", f"{first}.{last}".lower()) + "@example.com"


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Seeder:
    def __init__(self, ctx: DemoContext, progress: Callable[[str], None]) -> None:
        self.ctx = ctx
        self.rng: random.Random = ctx.rng
        self.today = ctx.today
        self.progress = progress
        self.pools = _pools(self.rng.randrange(2**31))
        self.references: set[str] = set(Family.objects.values_list("reference", flat=True))
        self.usernames: set[str] = set(User.objects.values_list("username", flat=True))
        self.team_area: dict[int, tuple[str, list[str], dict[str, float]]] = {}

    # People --------------------------------------------------------------------------------------

    def people(self) -> None:
        ctx, rng = self.ctx, self.rng
        by_username = {n.username: n for n in NAMED_LOGINS}
        admin_login = by_username["admin"]
        ctx.admin = staff_services.user_create(
            actor=None,
            username=admin_login.username,
            password=DEMO_PASSWORD,
            role=User.Role.ADMINISTRATOR,
            first_name=admin_login.first_name,
            last_name=admin_login.last_name,
            email="admin@example.org",
            job_title="Service administrator",
            is_superuser=True,
        )
        admin = ctx.admin
        n_teams = max(3, round(ctx.scale / 2000))
        for index in range(n_teams):
            area = AREAS[index % len(AREAS)]
            sector = SECTORS[(index // len(AREAS)) % len(SECTORS)]
            suffix = (
                f" {index // (len(AREAS) * len(SECTORS)) + 1}" if index >= len(AREAS) * len(SECTORS) else ""
            )
            team = staff_services.team_create(actor=admin, name=f"{area[0]} {sector}{suffix}", area=area[0])
            self.team_area[team.pk] = area
            ctx.teams.append(team)

        # Caseloads of about 20-25: enough leads for every family, and at least two per team.
        n_leads = max(2 * n_teams, math.ceil(ctx.scale / 22.5))
        per_team = math.ceil(n_leads / n_teams)
        named = [
            staff_services.user_create(
                actor=admin,
                username=login.username,
                password=DEMO_PASSWORD,
                role=User.Role.LEAD_PRACTITIONER,
                first_name=login.first_name,
                last_name=login.last_name,
                email=f"{login.username}@example.org",
                team=ctx.teams[0],
                job_title="Family lead practitioner",
                phone="01632 960" + f"{i + 100:03d}",
            )
            for i, login in enumerate((by_username["lead"], by_username["colleague"]))
        ]
        manager_login = by_username["manager"]
        named_manager = staff_services.user_create(
            actor=admin,
            username=manager_login.username,
            password=DEMO_PASSWORD,
            role=User.Role.TEAM_MANAGER,
            first_name=manager_login.first_name,
            last_name=manager_login.last_name,
            email="manager@example.org",
            team=ctx.teams[0],
            job_title="Early help team manager",
        )
        self.usernames.update(u.username for u in [*named, named_manager])
        unusable = make_password(None)  # the other workers cannot sign in; one hash is enough
        leads: list[User] = []
        for index in range(len(named), n_leads):
            leads.append(self._worker(User.Role.LEAD_PRACTITIONER, ctx.teams[index // per_team], unusable))
        managers: list[User] = []
        for team_index, team in enumerate(ctx.teams):
            count = rng.choice((1, 1, 2))
            for _ in range(count - 1 if team_index == 0 else count):
                managers.append(self._worker(User.Role.TEAM_MANAGER, team, unusable))
        created = bulk_create_with_history(
            leads + managers, User, batch_size=1000, default_user=admin, default_change_reason="Demo data"
        )
        ctx.leads = [*named, *created[: len(leads)]]
        ctx.managers = [named_manager, *created[len(leads) :]]
        memberships = [
            User.groups.through(user_id=m.pk, group_id=m.team.managers_group_id)
            for m in created[len(leads) :]
        ]
        User.groups.through.objects.bulk_create(memberships)

        complaints_login = by_username["complaints"]
        staff_services.user_create(
            actor=None,
            username=complaints_login.username,
            password=DEMO_PASSWORD,
            role=User.Role.COMPLAINTS_MANAGER,
            first_name=complaints_login.first_name,
            last_name=complaints_login.last_name,
            email="complaints@example.org",
        )

        agency_login = by_username["agency"]
        for index, (name, kind) in enumerate(AGENCIES):
            agency = Agency(name=name, kind=kind)
            agency._history_user = admin  # type: ignore[attr-defined]
            agency.save()
            ctx.agencies.append(agency)
            if index == 0:
                first, last, username = agency_login.first_name, agency_login.last_name, agency_login.username
            else:
                first, last = rng.choice(self.pools.female + self.pools.male), rng.choice(self.pools.surnames)
                username = self._username(first, last)
            ctx.agency_workers.append(
                staff_services.user_create(
                    actor=admin,
                    username=username,
                    password=DEMO_PASSWORD if index == 0 else None,
                    role=User.Role.AGENCY_WORKER,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.org",
                    agency=agency,
                    job_title=AGENCY_JOB_TITLES.get(kind, "Practitioner"),
                )
            )
        ctx.logins.update({login.label: login.username for login in NAMED_LOGINS})
        self.progress(
            f"{len(ctx.teams)} teams, {len(ctx.leads)} lead practitioners, {len(ctx.managers)} managers, "
            f"{len(ctx.agencies)} agencies"
        )

    def _username(self, first: str, last: str) -> str:
        base = re.sub(r"[^a-z.-]", "", f"{first}.{last}".lower())
        candidate, n = base, 1
        while candidate in self.usernames:
            n += 1
            candidate = f"{base}{n}"
        self.usernames.add(candidate)
        return candidate

    def _worker(self, role: str, team: Team, password: str) -> User:
        first = self.rng.choice(self.pools.female if self.rng.random() < 0.75 else self.pools.male)
        last = self.rng.choice(self.pools.surnames)
        username = self._username(first, last)
        return User(
            username=username,
            password=password,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
            role=role,
            team=team,
            job_title="Early help team manager"
            if role == User.Role.TEAM_MANAGER
            else "Family lead practitioner",
        )

    # Families ------------------------------------------------------------------------------------

    def _lead_for(self, index: int, caseload: int) -> User:
        """The named lead takes the first `caseload` families; the rest go round the other leads."""
        leads = self.ctx.leads
        if index < caseload:
            return leads[0]
        return leads[1 + (index - caseload) % (len(leads) - 1)]

    def _reference(self) -> str:
        while True:
            candidate = "PO-" + "".join(self.rng.choice(REFERENCE_ALPHABET) for _ in range(5))
            if candidate not in self.references:
                self.references.add(candidate)
                return candidate

    def _household(self, area: tuple[str, list[str], dict[str, float]]) -> dict[str, Any]:
        """A family's address and the people in it, as plain values."""
        rng, pools = self.rng, self.pools
        language = "English"
        roll = rng.random()
        for candidate, share in area[2].items():
            if roll < share:
                language = candidate
                break
            roll -= share
        female, male, surnames = LANGUAGE_NAMES.get(language, (pools.female, pools.male, pools.surnames))
        surname = rng.choice(surnames)
        district = rng.choice(area[1])
        postcode = f"{district} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
        flat = rng.random() < 0.25
        address = {
            "address_line_1": (f"Flat {rng.randint(1, 40)}, " if flat else "")
            + f"{rng.randint(1, 220)} {rng.choice(pools.streets)}",
            "town": area[0],
            "postcode": normalise_postcode(postcode),
        }
        non_english = language != "English"
        interpreter = non_english and language != "Welsh" and rng.random() < 0.5
        members: list[dict[str, Any]] = []
        adults = 1 if rng.random() < 0.55 else 2
        mother_age = rng.randint(19, 48)
        for adult in range(adults):
            is_female = (adult == 0 and rng.random() < 0.85) or (adult == 1 and rng.random() < 0.2)
            age = mother_age if adult == 0 else mother_age + rng.randint(-3, 8)
            first = rng.choice(female if is_female else male)
            role = Person.HouseholdRole.PARENT
            if rng.random() < 0.06:
                role = Person.HouseholdRole.CARER  # a grandparent or kinship carer
                age += 22
            members.append(
                {
                    "first_name": first,
                    "last_name": surname,
                    "date_of_birth": self._birthday(age),
                    "household_role": role,
                    "phone": f"07700 900{rng.randint(0, 999):03d}",
                    "email": _email(first, surname) if rng.random() < 0.6 else "",
                    "preferred_contact": rng.choice(
                        ["phone", "text", "text", "email", "letter", "in_person"]
                    ),
                    "preferred_language": language,
                    "needs_interpreter": interpreter,
                    "uses_bsl": rng.random() < 0.012,
                    "large_print": rng.random() < 0.025,
                    "accessible_formats": rng.choice(["Easy Read", "Audio", "Braille"])
                    if rng.random() < 0.02
                    else "",
                }
            )
        max_children = min(4, 6 - adults)
        for _ in range(rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])):
            if len(members) >= adults + max_children:
                break
            age = rng.randint(0, min(17, max(0, mother_age - 17)))
            is_female = rng.random() < 0.5
            members.append(
                {
                    "first_name": rng.choice(female if is_female else male),
                    "last_name": surname,
                    "date_of_birth": self._birthday(age),
                    "household_role": Person.HouseholdRole.YOUNG_PERSON
                    if age >= 13
                    else Person.HouseholdRole.CHILD,
                    "preferred_language": "English" if age < 11 or language == "Welsh" else language,
                    "uses_bsl": rng.random() < 0.01,
                    "accessible_formats": "Easy Read" if rng.random() < 0.03 else "",
                }
            )
        if len(members) < 6 and mother_age < 42 and rng.random() < 0.08:
            members[0]["household_role"] = Person.HouseholdRole.EXPECTANT_PARENT
            members.append(
                {
                    "first_name": "Baby",
                    "last_name": surname,
                    "expected_due_date": self.today + datetime.timedelta(days=rng.randint(14, 200)),
                    "household_role": Person.HouseholdRole.UNBORN,
                    "preferred_language": "",
                }
            )
        return {"name": f"{surname} family", "address": address, "members": members}

    def _birthday(self, age: int) -> datetime.date:
        born = self.today - datetime.timedelta(days=age * 365 + self.rng.randint(0, 364))
        return min(born, self.today)

    def families(self) -> None:
        ctx, rng = self.ctx, self.rng
        caseload = min(ctx.scale, rng.randint(20, 25))
        detailed = min(ctx.detailed, ctx.scale)
        started = time.monotonic()
        for index in range(detailed):
            ctx.family_ids.append(self._detailed_family(index, caseload))
            if (index + 1) % 50 == 0 or index + 1 == detailed:
                self.progress(
                    f"{index + 1} detailed families (services) in {time.monotonic() - started:.1f}s"
                )
        remaining = list(range(detailed, ctx.scale))
        started = time.monotonic()
        perms = {
            p.codename: p
            for p in Permission.objects.filter(
                content_type=ContentType.objects.get_for_model(Family), codename__in=permissions.FULL_ACCESS
            )
        }
        for chunk in _chunks(remaining, 2000):
            self._bulk_families(chunk, caseload, perms)
            self.progress(
                f"{chunk[-1] + 1 - detailed} bulk families ({ctx.scale - detailed} to do) "
                f"in {time.monotonic() - started:.1f}s"
            )

    def _detailed_family(self, index: int, caseload: int) -> int:
        rng, today = self.rng, self.today
        lead = self._lead_for(index, caseload)
        team = lead.team
        assert team is not None
        household = self._household(self.team_area[team.pk])
        opened_on = today - datetime.timedelta(days=rng.randint(14, 540))
        # A few families came to their lead by handover from a colleague: it shows on the History tab.
        colleagues = [u for u in self.ctx.leads[:200] if u.team_id == team.pk and u.pk != lead.pk]
        first_lead = rng.choice(colleagues) if colleagues and rng.random() < 0.2 else lead
        family = services.family_create(
            actor=first_lead,
            name=household["name"],
            team=team,
            lead_practitioner=first_lead,
            reference=self._reference(),
            opened_on=opened_on,
            **household["address"],
        )
        people = [services.person_add(actor=first_lead, family=family, **m) for m in household["members"]]
        if first_lead.pk != lead.pk:
            services.family_hand_over(
                actor=first_lead, family=family, to=lead, reason=rng.choice(HANDOVER_REASONS)
            )
        parent = people[0].display_name
        child = next((p.first_name for p in people if p.household_role in ("child", "young_person")), parent)
        span = max(1, (today - opened_on).days)
        for days in sorted(rng.sample(range(span), min(span, rng.randint(3, 9)))):
            kind, template = rng.choice(NOTE_TEMPLATES)
            services.case_note_add(
                actor=lead,
                family=family,
                occurred_on=opened_on + datetime.timedelta(days=days),
                kind=kind,
                text=template.format(parent=parent, child=child),
            )
        if rng.random() < 0.15:
            services.family_update(
                actor=lead,
                family=family,
                reason="Family moved house",
                address_line_1=f"{rng.randint(1, 220)} {rng.choice(self.pools.streets)}",
            )
        if rng.random() < 0.1:
            services.person_update(
                actor=lead,
                person=people[0],
                reason="Asked for letters in large print",
                large_print=True,
            )
        if rng.random() < 0.08:
            stepped_up = opened_on + datetime.timedelta(days=rng.randint(0, span // 2))
            services.family_record_step(
                actor=lead,
                family=family,
                kind=FamilyEvent.Kind.STEPPED_UP,
                reason=rng.choice(STEP_UP_REASONS),
                occurred_on=stepped_up,
            )
            services.family_record_step(
                actor=lead,
                family=family,
                kind=FamilyEvent.Kind.STEPPED_DOWN,
                reason=rng.choice(STEP_DOWN_REASONS),
                occurred_on=min(
                    today, stepped_up + datetime.timedelta(days=rng.randint(20, max(21, span // 2)))
                ),
            )
        # The named lead's caseload stays open: that is the full caseload the demo and the bench use.
        if lead.pk != self.ctx.leads[0].pk and rng.random() < 0.1:
            services.family_close(actor=lead, family=family, reason=rng.choice(CLOSURE_REASONS))
        return family.pk

    def _bulk_families(self, indexes: list[int], caseload: int, perms: dict[str, Permission]) -> None:
        rng, today = self.rng, self.today
        families: list[Family] = []
        households: list[dict[str, Any]] = []
        for index in indexes:
            lead = self._lead_for(index, caseload)
            assert lead.team_id is not None
            household = self._household(self.team_area[lead.team_id])
            opened_on = today - datetime.timedelta(days=rng.randint(7, 900))
            closed = rng.random() < 0.1
            family = Family(
                reference=self._reference(),
                name=household["name"],
                team_id=lead.team_id,
                lead_practitioner=lead,
                opened_on=opened_on,
                status=Family.Status.CLOSED if closed else Family.Status.OPEN,
                closure_reason=rng.choice(CLOSURE_REASONS) if closed else "",
                closed_on=opened_on + datetime.timedelta(days=rng.randint(0, (today - opened_on).days))
                if closed
                else None,
                **household["address"],
            )
            family.refresh_search_text()
            family._history_user = lead  # type: ignore[attr-defined]
            families.append(family)
            households.append(household)
        bulk_create_with_history(families, Family, batch_size=1000, default_change_reason="Family opened")

        people: list[Person] = []
        events: list[FamilyEvent] = []
        user_perms: list[FamilyUserObjectPermission] = []
        group_perms: list[FamilyGroupObjectPermission] = []
        managers_group = {t.pk: t.managers_group_id for t in self.ctx.teams}
        for family, household in zip(families, households, strict=True):
            family_lead = family.lead_practitioner
            assert family_lead is not None
            lead = family_lead
            for fields in household["members"]:
                person = Person(family=family, **fields)
                person._history_user = lead  # type: ignore[attr-defined]
                people.append(person)
            opened = FamilyEvent(
                family=family, kind=FamilyEvent.Kind.OPENED, occurred_on=family.opened_on, actor=lead
            )
            opened._history_user = lead  # type: ignore[attr-defined]
            events.append(opened)
            if not family.is_open:
                closing = FamilyEvent(
                    family=family,
                    kind=FamilyEvent.Kind.CLOSED,
                    occurred_on=family.closed_on or today,
                    reason=family.closure_reason,
                    actor=lead,
                )
                closing._history_user = lead  # type: ignore[attr-defined]
                events.append(closing)
            # Exactly the grants of families/permissions.py: grant_lead_access and grant_team_access.
            for codename in permissions.FULL_ACCESS if family.is_open else (permissions.VIEW,):
                user_perms.append(
                    FamilyUserObjectPermission(user=lead, permission=perms[codename], content_object=family)
                )
            for codename in permissions.FULL_ACCESS:
                group_perms.append(
                    FamilyGroupObjectPermission(
                        group_id=managers_group[family.team_id],
                        permission=perms[codename],
                        content_object=family,
                    )
                )
            self.ctx.family_ids.append(family.pk)
        bulk_create_with_history(people, Person, batch_size=1000, default_change_reason="Added to the family")
        bulk_create_with_history(events, FamilyEvent, batch_size=1000)
        FamilyUserObjectPermission.objects.bulk_create(user_perms, batch_size=2000)
        FamilyGroupObjectPermission.objects.bulk_create(group_perms, batch_size=2000)


def demo_allowed() -> bool:
    """Demo accounts share a published password: never in production."""
    return not getattr(settings, "IS_PRODUCTION", False)


def seed(ctx: DemoContext, progress: Callable[[str], None] = lambda message: None) -> None:
    seeder = _Seeder(ctx, progress)
    seeder.people()
    seeder.families()
