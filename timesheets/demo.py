"""Demo time records: twelve weeks of recorded and observed time for the demo workers.

Each worker gets a working pattern of their own (some spend far more of the day recording than others),
so the dashboard has a story to tell. Records are written with history (`bulk_create_with_history`,
with the worker as the history user); observed form times are append-only and have no history.
To stay fast at 100,000 families, only the first DEMO_TIME_WORKERS workers (all the named demo logins
come first) get time records: enough for every demo team's dashboard.
"""

import datetime
from collections import defaultdict
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.calendar import is_working_day
from core.demo import DemoContext
from families.models import Family
from timesheets.models import ObservedFormTime, TimeCategory, TimeRecord

DEMO_TIME_WORKERS = 80
WEEKS = 12
FORMS = [
    ("families:note_add", "CaseNoteForm", 60, 420),
    ("families:edit", "FamilyDetailsForm", 30, 240),
    ("families:person_add", "PersonForm", 90, 480),
    ("plans:goal_add", "GoalForm", 120, 900),
    ("plans:review_record", "PlanReviewForm", 300, 1800),
    ("assessments:edit", "AssessmentForm", 300, 2400),
    ("agencies:referral_new", "ReferralForm", 180, 1200),
    ("pots:request_new", "HelpRequestForm", 120, 600),
    ("time:add", "TimeRecordForm", 8, 40),
]


def _day_plan(rng: Any, direct_weight: float) -> list[tuple[str, int]]:
    """One working day as (kind, minutes) entries, about seven hours in all."""
    weights = {
        "direct": direct_weight,
        "travel": 0.12,
        "recording": 0.78 - direct_weight,
        "meetings": 0.07,
        "supervision": 0.03,
    }
    day_minutes = rng.choice([360, 390, 420, 420, 450, 480])
    entries: list[tuple[str, int]] = []
    for kind, weight in weights.items():
        minutes = int(day_minutes * weight * rng.uniform(0.6, 1.4))
        while minutes >= 15:
            chunk = min(minutes, rng.choice([15, 30, 45, 60, 90, 120]))
            entries.append((kind, chunk - chunk % 5))
            minutes -= chunk
    return entries


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    categories: dict[str, list[TimeCategory]] = defaultdict(list)
    for category in TimeCategory.objects.filter(is_active=True):
        categories[category.kind].append(category)
    if not categories:
        return
    workers = [*ctx.leads[: DEMO_TIME_WORKERS - 10], *ctx.managers[:10]]
    families: dict[int, list[int]] = defaultdict(list)
    for led_family_id, lead_id in Family.objects.filter(
        lead_practitioner__in=[w.pk for w in workers], status=Family.Status.OPEN
    ).values_list("pk", "lead_practitioner_id")[: 40 * len(workers)]:
        families[lead_id].append(led_family_id)

    days = [ctx.today - datetime.timedelta(days=n) for n in range(1, WEEKS * 7 + 1)]
    days = [d for d in reversed(days) if is_working_day(d)]
    records: list[TimeRecord] = []
    observed: list[ObservedFormTime] = []
    tz = timezone.get_current_timezone()
    for worker in workers:
        # Between 12% and 40% of the day directly with families, drifting a little week to week.
        direct_weight = rng.uniform(0.12, 0.40) if worker.is_lead_practitioner else rng.uniform(0.05, 0.15)
        caseload = families.get(worker.pk, [])
        for day in days:
            if rng.random() < 0.06:  # leave, sickness, training away: nothing recorded
                continue
            drift = rng.uniform(-0.05, 0.05)
            for kind, minutes in _day_plan(rng, max(0.03, direct_weight + drift)):
                family_id = rng.choice(caseload) if caseload and kind in ("direct", "travel") else None
                record = TimeRecord(
                    worker=worker,
                    date=day,
                    minutes=minutes,
                    category=rng.choice(categories[kind] or categories["recording"]),
                    family_id=family_id,
                )
                record._history_user = worker  # type: ignore[attr-defined]
                records.append(record)
            for _n in range(rng.randint(2, 7)):
                view_name, form_name, low, high = rng.choice(FORMS)
                at = datetime.datetime.combine(day, datetime.time(rng.randint(9, 16), rng.randint(0, 59)), tz)
                observed.append(
                    ObservedFormTime(
                        worker=worker,
                        date=day,
                        seconds=rng.randint(low, high),
                        view_name=view_name,
                        form_name=form_name,
                        observed_at=at,
                    )
                )
        if len(records) > 20000:
            bulk_create_with_history(records, TimeRecord, batch_size=2000)
            records = []
    if records:
        bulk_create_with_history(records, TimeRecord, batch_size=2000)
    ObservedFormTime.objects.bulk_create(observed, batch_size=2000)
