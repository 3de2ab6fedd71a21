"""Background work on families. Tasks take ids (never model instances) and call a service."""

from celery import shared_task

from families import services
from staff.models import User


@shared_task(acks_late=True)
def caseload_transfer_task(*, actor_id: int, from_user_id: int, to_user_id: int, reason: str) -> int:
    """Hand over a departing worker's whole caseload; history records the manager who asked."""
    actor = User.objects.get(pk=actor_id)
    return services.caseload_transfer(
        actor=actor,
        from_user=User.objects.get(pk=from_user_id),
        to_user=User.objects.get(pk=to_user_id),
        reason=reason,
    )


@shared_task(acks_late=True, name="families.tasks.read_log_purge")
def read_log_purge_task() -> int:
    """Daily: delete read-log rows past READ_LOG_RETENTION_DAYS (the one path that may)."""
    from families.access_log import read_log_purge

    return read_log_purge()
