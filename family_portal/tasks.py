"""Background work of the family's own pages. Tasks take ids and call a service."""

from celery import shared_task


@shared_task(acks_late=True)
def notify_lead_of_family_message(message_id: int) -> int:
    from family_portal.services.lead_news import lead_notify_of_family_message

    return lead_notify_of_family_message(message_id=message_id)
