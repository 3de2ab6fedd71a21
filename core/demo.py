"""The contract between `manage.py seed_demo` and the apps that add demo data.

`seed_demo` first makes teams, workers, agencies and families (the families app), then calls
`seed(ctx)` in each app's `demo.py` that has one, in the order of DEMO_APPS. Each app's seeder must be
deterministic for a given `ctx.rng` seed, write with history (services, or simple-history's
`bulk_create_with_history` with `default_user=` the worker the record belongs to), and stay fast at 100,000 families:
give full detail to the first `ctx.detailed` families and use bulk writes for the rest.
"""

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

# Apps whose demo.py adds data, in dependency order.
DEMO_APPS = [
    "families",
    "assessments",
    "plans",
    "agencies",
    "directory",
    "pots",
    "timesheets",
    "reports",
    "family_portal",
    "voice",
]


@dataclass
class DemoContext:
    rng: random.Random
    today: datetime.date
    scale: int  # how many families were asked for
    detailed: int  # how many families get full detail (assessment, plan, notes, referrals ...)
    teams: list[Any] = field(default_factory=list)
    leads: list[Any] = field(default_factory=list)  # lead practitioners, across teams
    managers: list[Any] = field(default_factory=list)
    agencies: list[Any] = field(default_factory=list)
    agency_workers: list[Any] = field(default_factory=list)
    admin: Any = None
    family_ids: list[int] = field(default_factory=list)  # every demo family, in creation order
    # The named demo users printed by `manage.py demo_logins`: role label -> username.
    logins: dict[str, str] = field(default_factory=dict)

    def detailed_family_ids(self) -> list[int]:
        return self.family_ids[: self.detailed]
