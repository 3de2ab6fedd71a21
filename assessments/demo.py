"""Demo assessments: full detail (strengths, worries, the family's words, scores, a first assessment and a
re-assessment) for the detailed families, written through the services so history and versions are real.
The bulk families get no assessment: a realistic share of a caseload is still to be assessed."""

import datetime
from typing import Any

from assessments import services
from assessments.models import Assessment
from core.calendar import today
from core.demo import DemoContext
from families.models import Family

# Per outcome area: (what is working well, worries, in the family's own words)
WORDS: dict[str, tuple[str, str, str]] = {
    "Getting a good education": (
        "Loves art and the teaching assistant; walks to school with a friend some days.",
        "Attendance 82% this term; late most Mondays.",
        "Mornings are a battle. Once he's there he's fine.",
    ),
    "Good early years development": (
        "Baby feeding well and gaining weight; mum reads to her every night.",
        "Missed the 2-year check twice.",
        "I didn't know the check mattered if she seems fine.",
    ),
    "Improved mental and physical health": (
        "Mum has a good GP and a sister who helps.",
        "Low mood since the winter; not sleeping.",
        "Some days I can't face the school gate.",
    ),
    "Better managed substance use": (
        "Dad has been going to the recovery group for two months.",
        "Drinking increases when money is tight.",
        "I want the kids to see me sober at the weekend.",
    ),
    "Improved family relationships": (
        "The children are close and look out for each other.",
        "Arguments at bedtime; older child stays out late.",
        "We used to have tea together. I want that back.",
    ),
    "Children safe from abuse and exploitation": (
        "The children know who to talk to at school.",
        "Older child seen with older youths near the station.",
        "I worry about who he's with when his phone is off.",
    ),
    "Families diverted from crime": (
        "No police contact for six months.",
        "A caution last year for shoplifting.",
        "He knows he made a mistake. He wants a job.",
    ),
    "Safe from domestic abuse": (
        "Non-molestation order in place; mum knows the IDVA.",
        "Ex-partner still texts about contact.",
        "I feel safer but I jump when the door goes.",
    ),
    "Secure housing": (
        "Tenancy in mum's name; good relationship with the landlord.",
        "Damp in the children's bedroom; rent arrears of about £400.",
        "The mould makes her chest bad. We can't keep up with the rent.",
    ),
    "Financial stability": (
        "Mum is organised and keeps every letter.",
        "Universal Credit deductions; a council tax summons.",
        "By the third week there's nothing left for gas.",
    ),
}


def _actor(family: Family, ctx: DemoContext) -> Any:
    return family.lead_practitioner or (ctx.leads[0] if ctx.leads else None)


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    now = today()
    families = Family.objects.filter(pk__in=ctx.detailed_family_ids()).select_related("lead_practitioner")
    for family in families.order_by("pk"):
        if Assessment.objects.filter(family=family).exists():
            continue
        actor = _actor(family, ctx)
        started = max(family.opened_on, now - datetime.timedelta(days=rng.randint(120, 300)))
        started = min(started, now)
        assessment = services.assessment_start(actor=actor, family=family, started_on=started)
        entries = list(assessment.entries.select_related("domain"))
        # A family rarely has worries in every area: pick the four to six that matter for them.
        chosen = rng.sample(entries, k=min(len(entries), rng.randint(4, 6)))
        for entry in chosen:
            strengths, worries, words = WORDS.get(entry.domain.name, ("", "", ""))
            services.domain_entry_update(
                actor=actor,
                entry=entry,
                version=entry.version,
                strengths=strengths,
                worries=worries,
                family_words=words,
                family_score=rng.randint(2, 5),
                worker_score=rng.randint(2, 6),
                need_identified_by_family=rng.random() < 0.6,
            )
        services.assessment_review_record(
            actor=actor,
            assessment=assessment,
            reviewed_on=started,
            notes="First assessment with the family at home.",
        )
        if (now - started).days < 60:
            continue
        for entry in assessment.entries.filter(pk__in=[e.pk for e in chosen]):
            services.domain_entry_update(
                actor=actor,
                entry=entry,
                version=entry.version,
                family_score=min(10, (entry.family_score or 3) + rng.randint(0, 4)),
                worker_score=min(10, (entry.worker_score or 3) + rng.randint(-1, 3)),
            )
        services.assessment_review_record(
            actor=actor,
            assessment=assessment,
            reviewed_on=started + datetime.timedelta(days=rng.randint(45, (now - started).days)),
            notes="Re-assessment at the review meeting.",
        )
