"""Every write to a plan: start it, goals, actions, reviews, the family's agreement, the PDF.

Keyword-only, typed, one transaction each, the actor on the field history. Goals and actions are
optimistic-locked: the caller passes the version it read, and saving over someone else's newer save
raises `EditConflict` (carrying their saved version) instead of silently overwriting it.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Domain
from assessments.services import check_score, default_framework
from core.calendar import today
from core.exceptions import EditConflict
from core.history import save_with_actor as _save
from core.queue import task_enqueue
from families.models import Family, Person
from partners.models import Agency
from plans import news, pdf, selectors
from plans.models import Action, Goal, GoalProgress, Plan, PlanAgreement, PlanDocument, PlanReview
from staff.models import User

RENDER_PLAN_PDF = "plans.tasks.render_plan_pdf"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def first_review_due(started_on: datetime.date) -> datetime.date:
    return started_on + datetime.timedelta(weeks=settings.PLAN_FIRST_REVIEW_WEEKS)


def latest_next_review(held_on: datetime.date) -> datetime.date:
    return add_months(held_on, settings.PLAN_REVIEW_MAX_MONTHS)


# --- the plan -------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, actor: User, family: Family, started_on: datetime.date | None = None, family_hopes: str = ""
) -> Plan:
    if Plan.objects.filter(family=family).exists():
        raise ValidationError(
            _(
                "This family already has a plan. Add goals to it rather than starting another: one family, one plan."
            )
        )
    started_on = started_on or today()
    if started_on > today():
        raise ValidationError({"started_on": _("The start date must be today or in the past.")})
    plan = Plan(
        family=family,
        started_on=started_on,
        family_hopes=family_hopes.strip(),
        next_review_on=first_review_due(started_on),
        created_by=actor,
    )
    plan.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            _save(plan, actor=actor, reason=_("Plan started"))
    except IntegrityError as exc:
        raise ValidationError(_("This family already has a plan. One family, one plan.")) from exc
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, family_hopes: str) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.family_hopes = family_hopes.strip()
    plan.full_clean(validate_unique=False)
    _save(plan, actor=actor)
    return plan


# --- goals ----------------------------------------------------------------------------------------

GOAL_FIELDS = ("domain", "text", "success_looks_like", "target_on", "status", "shared_with_family")


def _check_goal(goal: Goal, plan: Plan) -> None:
    errors: dict[str, str] = {}
    if not (goal.text or "").strip():
        errors["text"] = _("Write the goal, in the family's words.")
    domain = goal.domain if goal.domain_id else None
    if domain is None:
        errors["domain"] = _("Choose the outcome area this goal is about.")
    elif not domain.active:
        errors["domain"] = _("%(name)s is no longer in use. Choose another outcome area.") % {
            "name": domain.name
        }
    if goal.target_on and goal.target_on < plan.started_on:
        errors["target_on"] = _("The target date cannot be before the plan started on %(date)s.") % {
            "date": f"{plan.started_on.day} {plan.started_on:%B %Y}"
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def goal_add(
    *,
    actor: User,
    plan: Plan,
    domain: Domain | None,
    text: str,
    success_looks_like: str = "",
    target_on: datetime.date | None = None,
    shared_with_family: bool = True,
) -> Goal:
    order = (plan.goals.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    goal = Goal(
        plan=plan,
        domain=domain,
        shared_with_family=shared_with_family,
        text=(text or "").strip(),
        success_looks_like=(success_looks_like or "").strip(),
        target_on=target_on,
        order=order,
    )
    _check_goal(goal, plan)
    goal.full_clean()
    _save(goal, actor=actor, reason=_("Goal added"))
    news.goal_changed(goal)
    return goal


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, version: int, **fields: Any) -> Goal:
    """Save a goal, unless someone else saved it since `version` (then EditConflict with theirs)."""
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise ValueError(f"goal_update does not take {sorted(unknown)}")
    current = Goal.objects.select_for_update().select_related("plan", "domain").get(pk=goal.pk)
    if current.version != version:
        raise EditConflict(current)
    for field, value in fields.items():
        setattr(current, field, value.strip() if isinstance(value, str) else value)
    _check_goal(current, current.plan)
    current.full_clean()
    current.version = version + 1
    _save(current, actor=actor)
    news.goal_changed(current)
    return current


# --- actions --------------------------------------------------------------------------------------

ACTION_FIELDS = (
    "text",
    "owner_person",
    "owner_worker",
    "owner_agency",
    "due_on",
    "status",
    "status_note",
    "shared_with_family",
)


def _check_action(action: Action, goal: Goal | None) -> None:
    errors: dict[str, str] = {}
    if goal is None:
        errors["goal"] = _("Choose the goal this action serves. Every action serves a goal.")
    if not (action.text or "").strip():
        errors["text"] = _("Say what will be done.")
    owners = [o for o in (action.owner_person_id, action.owner_worker_id, action.owner_agency_id) if o]
    if len(owners) != 1:
        errors["owner"] = _("Choose who will do this: one family member, worker or agency.")
    person = action.owner_person if action.owner_person_id else None
    if goal is not None and person is not None and person.family_id != goal.plan.family_id:
        errors["owner"] = _("The family member must be in this family.")
    if errors:
        raise ValidationError(errors)


def _complete(action: Action) -> None:
    if action.status == Action.Status.DONE and not action.completed_on:
        action.completed_on = today()
    elif action.status != Action.Status.DONE:
        action.completed_on = None


@transaction.atomic
def action_add(
    *,
    actor: User,
    goal: Goal | None,
    text: str,
    owner_person: Person | None = None,
    owner_worker: User | None = None,
    owner_agency: Agency | None = None,
    due_on: datetime.date | None = None,
    status: str = Action.Status.NOT_STARTED,
    shared_with_family: bool = True,
) -> Action:
    action = Action(
        goal=goal,
        shared_with_family=shared_with_family,
        text=(text or "").strip(),
        owner_person=owner_person,
        owner_worker=owner_worker,
        owner_agency=owner_agency,
        due_on=due_on,
        status=status,
    )
    _check_action(action, goal)
    _complete(action)
    action.full_clean()
    _save(action, actor=actor, reason=_("Action added"))
    news.action_changed(action)
    return action


@transaction.atomic
def action_update(
    *, actor: User | None, action: Action, version: int | None = None, reason: str = "", **fields: Any
) -> Action:
    """Change an action; with `version`, refuse (EditConflict) if someone saved it since."""
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"action_update does not take {sorted(unknown)}")
    current = Action.objects.select_for_update().select_related("goal__plan").get(pk=action.pk)
    if version is not None and current.version != version:
        raise EditConflict(current)
    for field, value in fields.items():
        setattr(current, field, value.strip() if isinstance(value, str) else value)
    _check_action(current, current.goal)
    _complete(current)
    current.full_clean()
    current.version += 1
    _save(current, actor=actor, reason=reason)
    news.action_changed(current)
    return current


@transaction.atomic
def action_update_status(*, actor: User | None, action: Action, status: str, note: str = "") -> Action:
    """Move an action on (for example when a partner agency answers a referral); the note is kept."""
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    fields: dict[str, Any] = {"status": status}
    if note.strip():
        fields["status_note"] = note.strip()
    return action_update(actor=actor, action=action, reason=note.strip(), **fields)


# --- reviews (Team Around the Family meetings) ----------------------------------------------------


def _review_errors(
    *,
    plan: Plan,
    held_on: datetime.date,
    next_review_on: datetime.date,
    people: list[Person],
    goals: dict[int, Goal],
    progress: dict[int, tuple[int | None, str]],
) -> dict[str, str]:
    """What is wrong with a review as given, by field: an empty dict when it can be recorded."""
    errors: dict[str, str] = {}
    if held_on > today():
        errors["held_on"] = _("The meeting date must be today or in the past.")
    elif held_on < plan.started_on:
        errors["held_on"] = _("The meeting cannot be before the plan started.")
    latest = latest_next_review(held_on)
    if next_review_on <= held_on:
        errors["next_review_on"] = _("The next review must be after this meeting.")
    elif next_review_on > latest:
        errors["next_review_on"] = _(
            "The next review must be within %(n)s months of this one, by %(date)s."
        ) % {
            "n": settings.PLAN_REVIEW_MAX_MONTHS,
            "date": f"{latest.day} {latest:%B %Y}",
        }
    if any(p.family_id != plan.family_id for p in people):
        errors["people"] = _("Only members of this family can be chosen.")
    progress_error = _progress_error(goals=goals, progress=progress)
    if progress_error:
        errors["progress"] = progress_error
    return errors


@transaction.atomic
def plan_review_record(
    *,
    actor: User,
    plan: Plan,
    held_on: datetime.date,
    next_review_on: datetime.date | None = None,
    decisions: str = "",
    people: list[Person] | None = None,
    workers: list[User] | None = None,
    agencies: list[Agency] | None = None,
    other_attendees: str = "",
    progress: dict[int, tuple[int | None, str]] | None = None,
) -> PlanReview:
    """Record a review meeting; `progress` maps goal id -> (score, comment). Moves the plan's next review on."""
    next_review_on = next_review_on or latest_next_review(held_on)
    goals = {g.pk: g for g in plan.goals.all()}
    errors = _review_errors(
        plan=plan,
        held_on=held_on,
        next_review_on=next_review_on,
        people=people or [],
        goals=goals,
        progress=progress or {},
    )
    if errors:
        raise ValidationError(errors)
    review = PlanReview(
        plan=plan,
        held_on=held_on,
        next_review_on=next_review_on,
        decisions=decisions.strip(),
        other_attendees=other_attendees.strip(),
        created_by=actor,
    )
    review.full_clean()
    _save(review, actor=actor, reason=_("Plan reviewed"))
    review.attending_people.set(people or [])
    review.attending_workers.set(workers or [])
    review.attending_agencies.set(agencies or [])
    for goal_id, (score, comment) in (progress or {}).items():
        if score is None and not (comment or "").strip():
            continue
        _save(
            GoalProgress(review=review, goal=goals[goal_id], score=score, comment=(comment or "").strip()),
            actor=actor,
        )
    _refresh_next_review(actor=actor, plan=plan)
    news.review_booked(review)
    return review


def _progress_error(*, goals: dict[int, Goal], progress: dict[int, tuple[int | None, str]]) -> str | None:
    """What is wrong with the progress given at a review, if anything (the last problem found)."""
    error = None
    framework = default_framework()
    for goal_id, (score, _comment) in progress.items():
        if goal_id not in goals:
            error = _("Progress can only be given on this plan's goals.")
        try:
            check_score(score, framework, "progress")
        except ValidationError:
            error = _("Give progress from %(min)s to %(max)s.") % {
                "min": framework.scale_min,
                "max": framework.scale_max,
            }
    return error


def _refresh_next_review(*, actor: User, plan: Plan) -> None:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    latest = plan.reviews.order_by("-held_on", "-created_at").first()
    plan.next_review_on = latest.next_review_on if latest else first_review_due(plan.started_on)
    _save(plan, actor=actor, reason=_("Next review date"))


# --- the family's agreement -----------------------------------------------------------------------


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """The plan as the family saw it: plain values, so it reads the same whatever changes later."""
    goals = plan.goals.select_related("domain").prefetch_related(
        "actions__owner_person", "actions__owner_worker", "actions__owner_agency"
    )
    return {
        "family_hopes": plan.family_hopes,
        "goals": [
            {
                "id": goal.pk,
                "domain": goal.domain.name,
                "text": goal.text,
                "success_looks_like": goal.success_looks_like,
                "target_on": goal.target_on.isoformat() if goal.target_on else None,
                "status": goal.status,
                "actions": [
                    {
                        "id": action.pk,
                        "text": action.text,
                        "owner": str(action.owner),
                        "due_on": action.due_on.isoformat() if action.due_on else None,
                        "status": action.status,
                    }
                    for action in goal.actions.all()
                ],
            }
            for goal in goals
        ],
    }


@transaction.atomic
def plan_agree(
    *,
    actor: User,
    plan: Plan,
    agreed_by: Person,
    method: str,
    agreed_at: datetime.datetime | None = None,
    comment: str = "",
    snapshot: dict[str, Any] | None = None,
) -> PlanAgreement:
    """Record the family's agreement. `snapshot` is the plan as the one who agreed saw it, where that is
    less than the whole plan (a family member's own page leaves out what is hidden from them)."""
    errors: dict[str, str] = {}
    if agreed_by.family_id != plan.family_id:
        errors["agreed_by"] = _("Choose a member of this family.")
    if method not in PlanAgreement.Method.values:
        errors["method"] = _("Choose how the family agreed the plan.")
    agreed_at = agreed_at or timezone.now()
    if agreed_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["agreed_at"] = _("The date must be today or in the past.")
    if not plan.goals.exists():
        errors["__all__"] = _("Add at least one goal before the family agrees the plan.")
    if errors:
        raise ValidationError(errors)
    agreement = PlanAgreement(
        plan=plan,
        agreed_by=agreed_by,
        agreed_at=agreed_at,
        method=method,
        comment=comment.strip(),
        snapshot=plan_snapshot(plan) if snapshot is None else snapshot,
        recorded_by=actor,
    )
    _save(agreement, actor=actor, reason=_("The family agreed the plan"))
    return agreement


# --- the PDF --------------------------------------------------------------------------------------


@transaction.atomic
def plan_document_request(*, actor: User, plan: Plan, large_print: bool) -> PlanDocument:
    """A document row to render in the background (see plans.tasks.render_plan_pdf)."""
    document = PlanDocument.objects.create(plan=plan, large_print=large_print, requested_by=actor)
    transaction.on_commit(lambda: task_enqueue(RENDER_PLAN_PDF, document.pk, actor.pk, large_print))
    return document


def plan_document_render(*, actor: User, document: PlanDocument) -> PlanDocument:
    """Render the PDF for a requested document and store it (called by the Celery task)."""
    document = PlanDocument.objects.select_related("plan__family").get(pk=document.pk)
    if document.status == PlanDocument.Status.READY:
        return document  # a retried task does no work twice
    try:
        data = pdf.render_plan_pdf(
            selectors.plan_for_document(plan=document.plan), large_print=document.large_print
        )
    except Exception as exc:  # the page must say it failed rather than spin for ever
        document.status = PlanDocument.Status.FAILED
        document.error = str(exc)[:2000]
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
        raise
    reference = document.plan.family.reference
    name = f"plan-{reference}{'-large-print' if document.large_print else ''}.pdf"
    document.file.save(name, ContentFile(data), save=False)
    document.status = PlanDocument.Status.READY
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "status", "finished_at"])
    return document
