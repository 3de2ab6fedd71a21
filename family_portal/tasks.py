"""Background work of the family's own pages. Tasks take ids (never model instances) and call a service."""

from celery import shared_task

from family_portal.services.news import family_news_notify


@shared_task(acks_late=True)
def notify_lead_of_family_message(message_id: int) -> int:
    from family_portal.services.lead_news import lead_notify_of_family_message

    return lead_notify_of_family_message(message_id=message_id)


@shared_task(acks_late=True)
def notify_family_news(
    family_id: int, kind: str, key: str, content_type_id: int | None, object_id: int | None
) -> int:
    """Tell each member of a family about one event (once each, so a retried task sends nothing more)."""
    return len(
        family_news_notify(
            family_id=family_id, kind=kind, key=key, content_type_id=content_type_id, object_id=object_id
        )
    )
