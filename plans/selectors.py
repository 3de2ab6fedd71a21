"""Read queries for plans: the plan page, the caseload's review dates, the morning reminders."""

import datetime
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import history_entries, history_records
from families.models import Family, Person
from plans.models import Action, Goal, GoalProgress, Plan, PlanAgreement, PlanReview


def _open_overdue(on: datetime.date) -> Q:
    return Q(status__in=Action.OPEN_STATUSES, due_on__lt=on)


def plan_for_family(*, family: Family) -> Plan | None:
    return Plan.objects.filter(family=family).first()


def goals_for_family(*, family: Family) -> QuerySet[Goal]:
    """The family's goals with their outcome area, in plan order (empty when there is no plan)."""
    return Goal.objects.filter(plan__family=family).select_related("domain").order_by("order", "pk")


def next_review_due(*, family: Family) -> datetime.date | None:
    return Plan.objects.filter(family=family).values_list("next_review_on", flat=True).first()


def with_next_review(families: QuerySet[Family], *, on: datetime.date | None = None) -> QuerySet[Family]:
    """Annotate `next_review_on` and `review_overdue` (one subquery, no per-row queries)."""
    on = on or today()
    return families.annotate(
        next_review_on=Subquery(Plan.objects.filter(family=OuterRef("pk")).values("next_review_on")[:1]),
    ).annotate(review_overdue=ExpressionWrapper(Q(next_review_on__lt=on), output_field=BooleanField()))


def with_overdue_actions(families: QuerySet[Family], *, on: datetime.date | None = None) -> QuerySet[Family]:
    """Annotate `overdue_actions`: how many of the plan's actions are open and past due (one subquery)."""
    overdue = (
        Action.objects.filter(_open_overdue(on or today()), goal__plan__family=OuterRef("pk"))
        .order_by()
        .values("goal__plan__family")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return families.annotate(
        overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0))
    )


def with_review_dates(families: QuerySet[Family], *, on: datetime.date | None = None) -> QuerySet[Family]:
    """Annotate `next_review_on`, `review_overdue` and `overdue_actions`: subqueries, no per-row queries."""
    return with_overdue_actions(with_next_review(families, on=on), on=on)


def plan_page(*, plan: Plan) -> Plan:
    """The plan with everything the plan page shows, in a fixed number of queries whatever its size.

    A plan whose family is already loaded (permissions.plan_for sets it) is not read again: its goals,
    actions, reviews and agreements are prefetched onto it. Each goal carries its latest progress as
    `latest_score`, `latest_comment` and `latest_held_on` (subqueries of the goals' one query)."""
    actions = Action.objects.select_related("owner_person", "owner_worker", "owner_agency").order_by(
        "due_on", "pk"
    )
    latest = GoalProgress.objects.filter(goal=OuterRef("pk")).order_by(
        "-review__held_on", "-review__created_at"
    )
    goals = (
        Goal.objects.select_related("domain")
        .annotate(
            latest_score=Subquery(latest.values("score")[:1]),
            latest_comment=Subquery(latest.values("comment")[:1]),
            latest_held_on=Subquery(latest.values("review__held_on")[:1]),
        )
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("order", "pk")
    )
    if not Plan.family.is_cached(plan):
        plan = _plan_with_family(plan)
    prefetch_related_objects(
        [plan],
        Prefetch("goals", queryset=goals),
        Prefetch("reviews", queryset=PlanReview.objects.order_by("-held_on", "-created_at")),
        Prefetch("agreements", queryset=PlanAgreement.objects.select_related("agreed_by", "recorded_by")),
    )
    return plan


def review_attendees(*, reviews: list[PlanReview]) -> dict[int, str]:
    """Who came to each review, as the plan page writes it ("Sam Jones, Ann Lee; Jo Smith; Food Bank;
    a neighbour"): family members, workers, then agencies, each in name order, then anyone else. One
    query for the three kinds (a UNION of the three attendance tables), none when there is no review."""
    if not reviews:
        return {}
    ids = [review.pk for review in reviews]
    people = PlanReview.attending_people.through.objects.filter(planreview_id__in=ids).values_list(
        "planreview_id", Value(0), "person__first_name", "person__last_name", "person__preferred_name"
    )
    workers = PlanReview.attending_workers.through.objects.filter(planreview_id__in=ids).values_list(
        "planreview_id", Value(1), "user__first_name", "user__last_name", "user__username"
    )
    agencies = PlanReview.attending_agencies.through.objects.filter(planreview_id__in=ids).values_list(
        "planreview_id", Value(2), "agency__name", Value(""), Value("")
    )
    names: dict[int, list[list[str]]] = {pk: [[], [], []] for pk in ids}
    for review_id, kind, first, last, extra in people.union(workers, agencies, all=True):
        if kind == 0:
            name = Person.name_to_show(first, last, extra)
        elif kind == 1:
            name = f"{first} {last}".strip() or extra  # User.__str__: the full name, else the username
        else:
            name = first
        names[review_id][kind].append(name)
    return {
        review.pk: "; ".join(
            part
            for part in [", ".join(sorted(g)) for g in names[review.pk]] + [review.other_attendees]
            if part
        )
        for review in reviews
    }


def _plan_with_family(plan: Plan) -> Plan:
    return Plan.objects.select_related("family__lead_practitioner", "family__team").get(pk=plan.pk)


def plan_for_document(*, plan: Plan) -> Plan:
    """The plan as it stands in the database now (a document may be made long after `plan` was read)."""
    return plan_page(plan=_plan_with_family(plan))


def plan_summary(*, family: Family, on: datetime.date | None = None) -> dict[str, Any]:
    """What the family overview shows about the plan: the next review and the overdue actions."""
    on = on or today()
    plan = Plan.objects.filter(family=family).first()
    if plan is None:
        return {"plan": None}
    overdue = list(
        Action.objects.filter(_open_overdue(on), goal__plan=plan)
        .select_related("owner_person", "owner_worker", "owner_agency", "goal")
        .order_by("due_on", "pk")[:10]
    )
    return {
        "plan": plan,
        "next_review_on": plan.next_review_on,
        "review_overdue": bool(plan.next_review_on and plan.next_review_on < on),
        "overdue": overdue,
        "today": on,
    }


def reminders_for_worker_day(*, on: datetime.date, within: datetime.date) -> dict[int, dict[str, list[Any]]]:
    """For each lead practitioner: plans whose review is due by `within` and their overdue actions."""
    open_families = Family.objects.filter(status=Family.Status.OPEN, lead_practitioner__isnull=False)
    result: dict[int, dict[str, list[Any]]] = {}
    plans = (
        Plan.objects.filter(family__in=open_families, next_review_on__lte=within)
        .select_related("family")
        .order_by("next_review_on", "family__name")
    )
    for plan in plans:
        assert plan.family.lead_practitioner_id is not None  # open families always have one
        result.setdefault(plan.family.lead_practitioner_id, {"reviews": [], "actions": []})["reviews"].append(
            plan
        )
    actions = (
        Action.objects.filter(_open_overdue(on), goal__plan__family__in=open_families)
        .select_related("goal__plan__family", "owner_person", "owner_worker", "owner_agency")
        .order_by("due_on", "pk")
    )
    for action in actions:
        lead_id = action.goal.plan.family.lead_practitioner_id
        assert lead_id is not None
        result.setdefault(lead_id, {"reviews": [], "actions": []})["actions"].append(action)
    return result


def changes_since_agreement(*, plan: Plan, agreement: PlanAgreement, names: bool = True) -> list[Any]:
    """Field-by-field changes to the plan, its goals, actions and reviews after the family agreed it.
    `names=False`: for counting them (the plan page), without reading the names their values point to."""
    goal_text = (
        {g.pk: g.text[:60] for g in Goal.objects.filter(plan=plan).only("pk", "text")} if names else {}
    )
    entries = history_entries(
        [
            (str(_("Plan")), history_records(Plan).filter(id=plan.pk)),
            (lambda r: f"{_('Goal')}: {r.text[:60]}", history_records(Goal).filter(plan_id=plan.pk)),
            (
                lambda r: f"{_('Action')}: {r.text[:60]} ({goal_text.get(r.goal_id, '')})",
                history_records(Action).filter(goal__plan=plan),
            ),
            (
                lambda r: f"{_('Review')} {r.held_on:%d %b %Y}",
                history_records(PlanReview).filter(plan_id=plan.pk),
            ),
        ],
        names=names,
    )
    return [e for e in entries if e.when > agreement.agreed_at and not _only_review_date(e)]


def _only_review_date(entry: Any) -> bool:
    # Recording a review moves the plan's next review date: that is the review itself, not a change of plan.
    return (
        entry.subject == str(_("Plan"))
        and all(c.field == str(_("next review")).capitalize() for c in entry.changes)
        and bool(entry.changes)
    )
