from django.core.files.base import ContentFile
from django.urls import reverse

from assessments.models import Domain
from plans import services
from plans.models import Plan, PlanDocument
from tests.access import AccessRow, everyone_but

LEAD_AND_MANAGER = everyone_but({"lead": 200, "manager": 200})


def _plan(cast) -> Plan:
    plan = Plan.objects.filter(family=cast.family).first()
    return plan or services.plan_create(actor=cast.lead, family=cast.family, family_hopes="Calmer mornings")


def _goal(cast):
    plan = _plan(cast)
    return plan.goals.first() or services.goal_add(
        actor=cast.lead,
        plan=plan,
        domain=Domain.objects.filter(active=True).first(),
        text="Sam at school on time",
    )


def _action(cast):
    goal = _goal(cast)
    return goal.actions.first() or services.action_add(
        actor=cast.lead, goal=goal, text="Ring the school", owner_worker=cast.lead
    )


def _url(name: str, make=_plan):
    def build(cast) -> str:
        make(cast)
        return reverse(f"plans:{name}", args=[cast.family.reference])

    return build


def _document(cast, ready: bool = False) -> PlanDocument:
    document = PlanDocument.objects.create(plan=_plan(cast), requested_by=cast.lead)
    if ready:
        document.file.save("plan.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
        document.status = PlanDocument.Status.READY
        document.save()
    return document


ROWS = [
    AccessRow(
        "plans:detail", _url("detail", lambda cast: None), LEAD_AND_MANAGER, note="no plan yet: empty state"
    ),
    AccessRow("plans:detail", _url("detail", _action), LEAD_AND_MANAGER),
    AccessRow("plans:start", _url("start", lambda cast: None), LEAD_AND_MANAGER),
    AccessRow("plans:edit", _url("edit"), LEAD_AND_MANAGER),
    AccessRow("plans:goal_add", _url("goal_add"), LEAD_AND_MANAGER),
    AccessRow(
        "plans:goal_edit",
        lambda cast: reverse("plans:goal_edit", args=[cast.family.reference, _goal(cast).pk]),
        LEAD_AND_MANAGER,
    ),
    AccessRow("plans:action_add", _url("action_add", _goal), LEAD_AND_MANAGER),
    AccessRow(
        "plans:action_edit",
        lambda cast: reverse("plans:action_edit", args=[cast.family.reference, _action(cast).pk]),
        LEAD_AND_MANAGER,
    ),
    AccessRow("plans:review_add", _url("review_add", _goal), LEAD_AND_MANAGER),
    AccessRow("plans:agree", _url("agree", _goal), LEAD_AND_MANAGER),
    AccessRow("plans:changes", _url("changes"), LEAD_AND_MANAGER),
    AccessRow("plans:pdf", _url("pdf", _action), LEAD_AND_MANAGER),
    AccessRow(
        "plans:document",
        lambda cast: reverse("plans:document", args=[cast.family.reference, _document(cast).pk]),
        LEAD_AND_MANAGER,
    ),
    AccessRow(
        "plans:document_download",
        lambda cast: reverse(
            "plans:document_download", args=[cast.family.reference, _document(cast, ready=True).pk]
        ),
        LEAD_AND_MANAGER,
    ),
    # A stranger's POST is refused like a GET: 404, and nothing is written.
    AccessRow(
        "plans:goal_add",
        _url("goal_add"),
        everyone_but({"lead": 302, "manager": 302}),
        method="POST",
        data=lambda cast: {"text": "A goal", "domain": str(Domain.objects.filter(active=True).first().pk)},
    ),
]
