"""Periodic work on the directory. The weekly job only calls the service, which is idempotent per owner per week."""

from celery import shared_task

from directory import feed_import, services


@shared_task(name="directory.tasks.stale_entries_remind", acks_late=True)
def stale_entries_remind() -> int:
    """Email each owner one list of their entries due a review (beat: Monday mornings)."""
    return services.stale_reminders_send()


@shared_task(name="directory.tasks.feeds_import", acks_late=True)
def feeds_import() -> dict[str, bool]:
    """Import every active configured feed (beat: each night); each run's outcome is kept on its feed."""
    return feed_import.import_configured_feeds()
