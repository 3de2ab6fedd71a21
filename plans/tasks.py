"""Background work on plans. Tasks take ids (never model instances) and call a service."""

from celery import shared_task

from plans import news, reminders, services
from plans.models import PlanDocument
from staff.models import User


@shared_task(acks_late=True)
def render_plan_pdf(document_id: int, actor_id: int, large_print: bool) -> int:
    """Render a requested plan PDF and store it; the status page shows it when it is ready."""
    del large_print  # kept in the signature for the record; the document row holds it
    actor = User.objects.get(pk=actor_id)
    document = services.plan_document_render(actor=actor, document=PlanDocument.objects.get(pk=document_id))
    return document.pk


@shared_task(acks_late=True)
def send_morning_reminders() -> int:
    """Each morning: one email per lead worker listing reviews due soon and overdue actions."""
    return reminders.reminders_send()


@shared_task(acks_late=True)
def send_family_review_due() -> int:
    """Each morning: tell families with their own pages that their plan review is a week away."""
    return news.reviews_due_news()
